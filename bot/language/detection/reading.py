"""Reading a message the way the cues are read: sentences of base-form words.

Contractions that would fold into other words are spelled out first, while the apostrophe
still tells them apart ("I'll" is not "ill", "we'll" not "well", "who're" not "whore"), and so is
the Northern "t'" ("t'bridge" is "the bridge"). Each sentence is then folded (`normalise`: case,
apostrophes, invisible characters, look-alike letters), and each word goes through the same
steps, in this order:
1. the spellings listed in prompts/safeguarding.yaml (`spellings:`) are swapped for the
   usual words ("carnt" -> "can not", "cannae" -> "can not");
2. contractions are expanded, from the `contractions` package's tables ("couldnt" ->
   "could not", "wont" -> "will not"), leaving out those that are ordinary words too
   ("ill", "were", "well", "shed");
3. a word not in the English word list is mended into a cue word one letter away
   ("tablits" -> "tablets"; see spelling.py);
4. each word is reduced to its base form by simplemma ("walked", "walking" -> "walk";
   "could" and "would" read as "can" and "will").
Filler words ("erm", "um") are dropped before any of this: mended, "erm" would be "arm".
The cues themselves go through the same steps, so both always meet in the same form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache

import contractions
import simplemma

from bot.language.detection.spelling import Speller, known_words
from bot.language.folding import fold_keeping_apostrophes, normalise

# Sentence ends: a cue's words must stand in one sentence (a line break ends one too).
_SENTENCE_END = re.compile(r"[.!?;:\n]+|\s[-\u2013\u2014]\s|\.\.\.")
# Contractions whose spelling without the apostrophe is also a word but nearly always means
# the contraction in a message.
_CONTRACTIONS_THAT_ARE_WORDS = frozenset(
    {"cant", "wont", "hes", "shes", "someones", "somethings", "whats", "heres", "hows",
     "whens", "wheres", "whys", "wanna", "gonna", "gotta", "gimme", "dunno", "innit",
     "lemme", "coz", "kinda", "twas"}
)  # fmt: skip
# The lemmatiser keeps these apart; read alike, "couldn't stand" meets "can't stand".
_MODALS = {"could": "can", "would": "will"}
# Where simplemma's base form is wrong for a message ("gone" -> "gan", "worse" -> "wrong").
_BASES = {
    "gone": "go", "felt": "feel", "broke": "break", "rung": "ring", "worse": "worse",
    "thought": "think", "ones": "one", "nobodys": "nobody", "anybodys": "anybody",
    "ending": "end", "coping": "cope", "borrowing": "borrow", "feeling": "feel",
    "finding": "find", "hanging": "hang", "healing": "heal", "feeding": "feed",
    "writing": "write", "men": "man", "mens": "man",
}  # fmt: skip
_CACHE_SIZE = 1 << 16  # distinct words remembered; a flood of new ones cannot grow past this
# A word, an apostrophe, a word: "I'll", "we're" (looked up in spelled_out_table).
_TYPED = re.compile(r"\b([a-z]+)'([a-z]+)\b")
# "t'bridge", "int' house": the Northern article, written onto its word.
_NORTHERN_THE = re.compile(r"\b(in)?t'(?=\s?[a-z])")
# Read well as they fold, or too common to respell: "its", "lets".
_FOLD_AS_THEY_ARE = frozenset({"its", "lets", "sos", "howdy"})


@cache
def contraction_table() -> dict[str, tuple[str, ...]]:
    """Contracted word (folded, apostrophe dropped) -> its words, from the package's tables."""
    known = known_words()
    table: dict[str, tuple[str, ...]] = {}
    sources = (contractions.contractions_dict, contractions.leftovers_dict, contractions.slang_dict)
    for source in sources:
        for short, full in source.items():
            key, words = normalise(short), normalise(full).replace("cannot", "can not").split()
            one_word = len(key.split()) == 1 and key.isalpha() and len(key) > 1
            usable = key not in known or key in _CONTRACTIONS_THAT_ARE_WORDS
            if one_word and usable and words:
                table.setdefault(key, tuple(words))
    table["cannot"] = ("can", "not")
    return table


@cache
def spelled_out_table() -> dict[str, str]:
    """Contractions (folded, apostrophe dropped) that fold into another word: their words."""
    known = known_words()
    table: dict[str, str] = {}
    sources = (contractions.contractions_dict, contractions.leftovers_dict, contractions.slang_dict)
    for source in sources:
        for short, full in source.items():
            match = _TYPED.fullmatch(fold_keeping_apostrophes(short))
            key = normalise(short)
            folds_into_a_word = key in known and key not in _CONTRACTIONS_THAT_ARE_WORDS
            if match and folds_into_a_word and key not in _FOLD_AS_THEY_ARE and full.strip():
                table.setdefault(key, full.strip())
    return table


def spell_out(text: str) -> str:
    """`text` (folded, apostrophes kept) with the contractions that would fold into other words
    spelled out."""
    if "'" not in text:
        return text
    table = spelled_out_table()
    text = _NORTHERN_THE.sub(lambda m: f"{m.group(1) or ''} the ", text)
    return _TYPED.sub(lambda m: table.get(m[1] + m[2], m[0]), text)


def words_of(text: str) -> list[str]:
    """The folded words of `text`, as the cues and messages are both read."""
    return normalise(spell_out(fold_keeping_apostrophes(text))).split()


class Reader:
    """Turns text into sentences of base-form words; one Reader for cues and messages alike."""

    def __init__(
        self,
        spellings: Mapping[str, str],
        fillers: Iterable[str],
        targets: Iterable[str] = (),
        known: frozenset[str] | None = None,
    ) -> None:
        # Longest first, so "can t" is read before "can".
        self._spellings = {
            tuple(normalise(k).split()): tuple(normalise(v).split()) for k, v in spellings.items()
        }
        self._starts = frozenset(k[0] for k in self._spellings)
        # One-word spellings apply to a contraction's words too ("couldnt" -> "could not" ->
        # "can not", when the file says "could" reads as "can").
        self._single = {k[0]: v for k, v in self._spellings.items() if len(k) == 1}
        self._longest = max((len(k) for k in self._spellings), default=0)
        self._speller = Speller(targets, known)
        self._fillers = frozenset(normalise(f) for f in fillers)
        self._contractions = contraction_table()
        self.words = lru_cache(maxsize=_CACHE_SIZE)(self._words)

    def base(self, word: str) -> str:
        if word in _BASES:
            return _BASES[word]
        base = str(simplemma.lemmatize(word, lang="en")).casefold()
        if base != word and not self._speller.is_known(base) and self._speller.is_known(word):
            base = self._stem(word)  # simplemma's slip: "thinking" -> "thinke", "fixed" -> "fixe"
        return _MODALS.get(base, base)

    def _stem(self, word: str) -> str:
        """A known word's plain form by its ending ("thinking" -> "think", "cancelled" ->
        "cancel"), or the word itself."""
        for ending in ("ing", "ed"):
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) > 2:
                for plain in (stem, stem + "e", stem[:-1]):
                    if self._speller.is_known(plain):
                        return plain
        return word

    def sentences(self, text: str) -> list[list[str]]:
        """Each sentence of `text` as base-form words, fillers dropped."""
        found = []
        for part in _SENTENCE_END.split(text):
            words = self.sentence(words_of(part))
            if words:
                found.append(words)
        return found

    def sentence(self, said: list[str]) -> list[str]:
        """Folded words as base forms (fillers dropped)."""
        out: list[str] = []
        words, starts = self.words, self._starts
        i = 0
        while i < len(said):
            if said[i] not in starts:  # the usual case: no listed spelling starts here
                out += words(said[i])
                i += 1
                continue
            size, swapped = self._spelling_at(said, i)
            for word in swapped:
                out += words(word)
            i += size
        return out

    def _spelling_at(self, said: list[str], i: int) -> tuple[int, tuple[str, ...]]:
        for size in range(min(self._longest, len(said) - i), 0, -1):
            usual = self._spellings.get(tuple(said[i : i + size]))
            if usual is not None:
                return size, usual
        return 1, (said[i],)

    def _words(self, word: str) -> tuple[str, ...]:
        """One folded word as its base forms (a contraction gives two), fillers left out."""
        if word in self._fillers:
            return ()
        expanded = self._contractions.get(word)
        if expanded is None:
            expanded = (word if word in _BASES else self._speller.mend(word),)
        else:
            expanded = tuple(w for part in expanded for w in self._single.get(part, (part,)))
        return tuple(self.base(w) for w in expanded)
