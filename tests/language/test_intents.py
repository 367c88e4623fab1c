"""The intents reader (bot.language.intents): whole short messages only, folded and with
contractions spelled out; partners can add phrasings, and a mistake names the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.language import Intent, WordLists, load_intents
from prompts import PromptError


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("YES!!", Intent.YES), ("yes\u200b ok", Intent.YES), ("Ok then.", Intent.YES),
        ("No thanks", Intent.NO), ("no, thank you", Intent.NO), ("Skip please", Intent.SKIP),
        ("That\u2019s all", Intent.DONE), ("thats it thanks", Intent.DONE),
        ("What do I do now?", Intent.HELP), ("what's this for?", Intent.ABOUT),
        ("Stop the questions!", Intent.STOP_QUESTIONS), ("Mustn't grumble", Intent.OK),
        ("Not great", Intent.NOT_GREAT), ("lovely, thanks", Intent.GOOD),
        ("no thanks x", Intent.NO), ("Righto xx", Intent.YES),
    ],
)  # fmt: skip
def test_short_replies_read_as_their_intent(words: WordLists, text: str, intent: Intent) -> None:
    assert intent in words.intents.read(text)


@pytest.mark.parametrize(
    "text",
    [
        "yes the tea was cold", "no heating again", "help with the shopping would be nice",
        "I skip the quiz", "stop the questions about money at the door", "okay-ish I suppose but",
        "", None, "yes yes yes yes yes yes yes yes yes yes yes",
    ],
)  # fmt: skip
def test_longer_messages_are_no_intent(words: WordLists, text: str | None) -> None:
    assert words.intents.read(text) == frozenset()


def test_a_phrasing_may_mean_two_things_and_the_step_decides(words: WordLists) -> None:
    assert words.intents.read("ok") == {Intent.YES, Intent.OK}


def test_partners_can_add_phrasings_and_mistakes_name_the_line(tmp_path: Path) -> None:
    lines = [f'  "{i.value}":\n    - {i.value} word\n' for i in Intent if i is not Intent.YES]
    added = tmp_path / "intents.yaml"
    added.write_text('intents:\n  "yes":\n    - righto\n' + "".join(lines) + "extras:\n  - ta\n")
    intents = load_intents(added)
    assert intents.read("Righto, ta!") == {Intent.YES} and not intents.read("righto then")
    typo = tmp_path / "typo.yaml"
    typo.write_text('intents:\n  "yes":\n    - righto\n  maybe:\n    - perhaps\n')
    with pytest.raises(PromptError, match="unknown intent 'maybe'") as err:
        load_intents(typo)
    assert err.value.line == 5
