"""Train the safeguarding screen's linear model (bot/language/detection/screen.py) offline.

Trains on the tuning data: the four halves of the first two corpora and the seven blind sets,
fresh.jsonl to fresh7.jsonl (all tuning data now; the next blind set is not in the repository).
The regularisation and the thresholds are chosen by leave-one-corpus-out: train on all corpora
but one and score the one left out, judged on the blind sets as left out (written by people who
never saw the cues, so the model meets words it never learned from, the case that matters); the
pooled figure and each blind set's are printed too. Then one model is trained on all of them and
written, with the chosen thresholds, to prompts/safeguarding.model.json.

    python -m benchmarks.safeguarding_model [--write]    # needs the dev extra (scikit-learn)

Prints one line per setting tried and the chosen one; only --write changes the file.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as `python benchmarks/safeguarding_model.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import yaml
from numpy.typing import NDArray
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from benchmarks.safeguarding import BLIND, CORPUS, Example, load
from bot.language.detection.detector import Detector
from bot.language.detection.loading import SAFEGUARDING_FILE, load_rules
from bot.language.detection.marks import Marks
from bot.language.detection.screen import FEWEST_WORDS, NONE, features

MODEL_FILE = SAFEGUARDING_FILE.with_suffix(".model.json")
STRENGTHS = (8.0, 16.0, 32.0, 64.0)  # inverse regularisation (scikit-learn's C)
ALONE = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)
# A cue stands over this crisis chance. Not above 0.05: at 0.1 the veto bought 13 false alarms
# left out with 13 crises that had a cue, among them unconscious, slumped, bleeding (section 27).
WITH_CUE = (0.0, 0.005, 0.01, 0.02, 0.05)
# ... or the sentences holding a cue, weighed alone, are over this (1.0: never).
APART = (0.2, 0.5, 0.8, 1.0)
VETO_WORDS = (6, 10)  # ... or on fewer base-form words than this (never below 4: the tests)
# Thresholds are chosen for the fewest false alarms in the judging corpora (left out) among the
# settings that catch at least this many crises there: a missed cry for help is far worse than
# a false alarm (prompts/safeguarding.yaml). With none that do, the most crises caught.
MIN_RECALL = 0.95  # the goal; no setting also reached its 3% (or 5%) on the blind sets
JUDGE = BLIND
JUDGED = "+".join(JUDGE)
LEFT_OUT = ("first", "second", *JUDGE)  # each corpus left out in turn
PHRASINGS = CORPUS.parent / "safeguarding_phrasings.yaml"
BINDING = "binding"  # kept right by the choice, never trained on (binding())
MIN_MESSAGES = 2  # a feature seen in fewer training messages is not kept
DIGITS = 4  # weights are written rounded to this many decimals


@dataclass(frozen=True, slots=True)
class Read:
    example: Example
    corpus: str
    features: dict[str, int]
    cued: bool  # a cue in prompts/safeguarding.yaml raised a concern
    # The features of the sentences holding a cue, when other sentences stand beside them.
    cued_only: dict[str, int] | None
    words: int  # base-form words: the model alone needs FEWEST_WORDS


@dataclass(frozen=True, slots=True)
class Choice:
    strength: float
    alone: float
    with_cue: float
    veto_words: int
    apart: float
    recall: float
    false_alarms: float

    @property
    def setting(self) -> str:
        return (f"C={self.strength:g} alone>{self.alone} with_cue>{self.with_cue} "
                f"veto_words>={self.veto_words} apart>{self.apart}")  # fmt: skip


def tuning_data(rules: Detector) -> list[Read]:
    sets = {
        "first": load("tuning", "first") + load("held_out", "first"),
        "second": load("tuning", "second") + load("held_out", "second"),
        **{blind: load(blind) for blind in JUDGE},
        "phrasings": phrasings(),
        BINDING: binding(),
    }
    marks = Marks.read(rules.reader)
    return [
        Read(e, corpus, dict.fromkeys(features(said, marks), 1), cued,
             dict.fromkeys(features(alone, marks), 1) if cued and len(alone) < len(said) else None,
             sum(len(words) for words in said))
        for corpus, examples in sets.items() for e in examples
        for said in [rules.reader.sentences(e.text)] for cued in [bool(rules.cued(said))]
        for alone in [rules.cued_sentences(said) if cued else []]
    ]  # fmt: skip


def phrasings() -> list[Example]:
    """tests/care/safeguarding_phrasings.yaml: cases the screen must keep right (always trained
    on, never left out: the cues were written for them)."""
    data = yaml.safe_load(PHRASINGS.read_text(encoding="utf-8"))
    found = [Example(f"phrasing:{t}:{n}", text, t)
             for t, texts in data["crisis"].items() for n, text in enumerate(texts)]  # fmt: skip
    return found + [Example(f"phrasing:none:{n}", t, NONE) for n, t in enumerate(data["none"])]


def binding() -> list[Example]:
    """The look-alikes and cries of tests/care/test_safeguarding_past_and_distance.py: the
    choice must keep them right too, but they are never trained on (written for that test, to
    check the screen as a new writer meets it)."""
    from tests.care.test_safeguarding_past_and_distance import BURIED, HEARD, QUIET

    found = [Example(f"binding:none:{n}", text, NONE) for n, text in enumerate(QUIET)]
    cries = enumerate(HEARD + BURIED)
    return found + [Example(f"binding:{t}:{n}", text, t) for n, (text, t) in cries]


def fit(reads: list[Read], strength: float) -> tuple[DictVectorizer, LogisticRegression]:
    reads = [r for r in reads if r.corpus != BINDING]  # never trained on
    seen: dict[str, int] = {}
    for read in reads:
        for feature in read.features:
            seen[feature] = seen.get(feature, 0) + 1
    kept = [{f: 1 for f in r.features if seen[f] >= MIN_MESSAGES} for r in reads]
    vectors = DictVectorizer()
    model = LogisticRegression(C=strength, max_iter=5000)
    model.fit(vectors.fit_transform(kept), [r.example.topic for r in reads])
    return vectors, model


def crisis_chance(
    vectors: DictVectorizer, model: LogisticRegression, reads: list[Read]
) -> NDArray[np.float64]:
    """Each message's crisis chance: two columns, the whole message's and that of its sentences
    holding a cue, weighed alone (0 where there are none, or nothing else beside them)."""
    none = list(model.classes_).index(NONE)
    whole = model.predict_proba(vectors.transform([r.features for r in reads]))[:, none]
    apart = [i for i, r in enumerate(reads) if r.cued_only is not None]
    found: NDArray[np.float64] = np.zeros((len(reads), 2))
    found[:, 0] = 1.0 - whole
    if apart:
        rows = vectors.transform([reads[i].cued_only for i in apart])
        found[apart, 1] = 1.0 - model.predict_proba(rows)[:, none]
    return found


def left_out(reads: list[Read], strength: float) -> NDArray[np.float64]:
    """Each message's crisis chance from a model that never saw its corpus."""
    chance = np.zeros((len(reads), 2))
    for corpus in LEFT_OUT:
        inside = [i for i, r in enumerate(reads) if r.corpus not in (corpus, BINDING)]
        outside = [i for i, r in enumerate(reads) if r.corpus == corpus]
        vectors, model = fit([reads[i] for i in inside], strength)
        chance[outside] = crisis_chance(vectors, model, [reads[i] for i in outside])
    return chance


def choose(reads: list[Read]) -> tuple[Choice, NDArray[np.float64]]:
    """The setting with the fewest false alarms in the judging corpora (left out) among those
    catching at least MIN_RECALL of their crises there (else the one catching most), among
    those whose final model keeps every phrasing and binding() case right (cases a change must keep
    right, so they bind the choice rather than being scored); with its chances left out."""
    crisis = np.array([r.example.topic != NONE for r in reads])
    cued = np.array([r.cued for r in reads])
    judged = np.array([r.corpus in JUDGE for r in reads])
    pooled = np.array([r.corpus in LEFT_OUT for r in reads])
    print(f"cues alone, {JUDGED}: recall {_rate(cued, crisis & judged):.1%} "
          f"false alarms {_rate(cued, ~crisis & judged):.1%}")  # fmt: skip
    tried: list[Choice] = []
    loco: dict[float, NDArray[np.float64]] = {}
    for strength in STRENGTHS:
        chance = loco[strength] = left_out(reads, strength)
        for alone in ALONE:
            for with_cue, veto_words, apart in itertools.product(WITH_CUE, VETO_WORDS, APART):
                raised = _raised(chance, reads, alone, with_cue, veto_words, apart)
                c = Choice(strength, alone, with_cue, veto_words, apart,
                           _rate(raised, crisis & judged),
                           _rate(raised, ~crisis & judged))  # fmt: skip
                print(f"{c.setting}: {JUDGED} left out: "
                      f"recall {c.recall:.1%} false alarms {c.false_alarms:.1%}; all left out: "
                      f"recall {_rate(raised, crisis & pooled):.1%} false alarms "
                      f"{_rate(raised, ~crisis & pooled):.1%}")  # fmt: skip
                tried.append(c)
    tried.sort(key=_preference, reverse=True)
    phrasing = np.array([r.corpus in ("phrasings", BINDING) for r in reads])
    finals: dict[float, NDArray[np.float64]] = {}
    for c in tried:
        if c.strength not in finals:
            finals[c.strength] = crisis_chance(*fit(reads, c.strength), reads)
        chance = finals[c.strength]
        raised = _raised(chance, reads, c.alone, c.with_cue, c.veto_words, c.apart)
        wrong = int((phrasing & (raised != crisis)).sum())
        if not wrong:
            return c, loco[c.strength]
        print(f"{c.setting}: {wrong} phrasings wrong")
    raise SystemExit("no setting keeps every phrasing right: add cues or phrasings")


def _raised(
    chance: NDArray[np.float64],
    reads: list[Read],
    alone: float,
    with_cue: float,
    veto_words: int,
    apart: float,
) -> NDArray[np.bool_]:
    """What the detector raises at a setting (as Detector.concerns reads the screen)."""
    words = np.array([r.words for r in reads])
    cued = np.array([r.cued for r in reads])
    whole = chance[:, 0]
    kept = (whole > with_cue) | (words < veto_words) | (chance[:, 1] > apart)
    raised: NDArray[np.bool_] = ((whole > alone) & (words >= FEWEST_WORDS)) | (cued & kept)
    return raised


def _preference(c: Choice) -> tuple[bool, float, float, int, float]:
    """Where the corpora cannot tell two settings apart, the one that weighs fewer short
    messages against their cue: erring towards raising."""
    if c.recall >= MIN_RECALL:
        return (True, -c.false_alarms, c.recall, c.veto_words, -c.apart)
    return (False, c.recall, -c.false_alarms, c.veto_words, -c.apart)


def _rate(raised: NDArray[np.bool_], among: NDArray[np.bool_]) -> float:
    return float((raised & among).sum() / among.sum())


def written(reads: list[Read], choice: Choice) -> dict[str, object]:
    vectors, model = fit(reads, choice.strength)
    coef = model.coef_.T  # feature -> one weight per class
    weights = {
        name: [round(float(w), DIGITS) for w in coef[i]]
        for name, i in sorted(vectors.vocabulary_.items())
    }
    return {
        "about": "Made by `python -m benchmarks.safeguarding_model --write` from the tuning "
        "corpora in tests/care/corpus; see bot/language/detection/screen.py and marks.py.",
        "classes": [str(c) for c in model.classes_],
        "intercepts": [round(float(b), DIGITS) for b in model.intercept_],
        "alone": choice.alone,
        "with_cue": choice.with_cue,
        "veto_words": choice.veto_words,
        "apart": choice.apart,
        "blind_left_out": {
            "recall": round(choice.recall, 4),
            "false_alarms": round(choice.false_alarms, 4),
        },
        "weights": weights,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_FILE.name}")
    args = parser.parse_args(argv)
    reads = tuning_data(load_rules())
    choice, chance = choose(reads)
    print(f"chosen: {choice.setting}, {JUDGED} left out: recall {choice.recall:.1%} "
          f"false alarms {choice.false_alarms:.1%}")  # fmt: skip
    raised = _raised(chance, reads, choice.alone, choice.with_cue, choice.veto_words, choice.apart)
    crisis = np.array([r.example.topic != NONE for r in reads])
    for corpus in JUDGE:
        inside = np.array([r.corpus == corpus for r in reads])
        print(f"  {corpus} left out: recall {_rate(raised, crisis & inside):.1%} "
              f"false alarms {_rate(raised, ~crisis & inside):.1%}")  # fmt: skip
    if args.write:
        data = written(reads, choice)
        MODEL_FILE.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE} ({len(data['weights'])} features)")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
