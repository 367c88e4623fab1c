"""Names, addresses, phone numbers and emails kept out (bot/language/names.py), with floors on
the labelled sentences (benchmarks/names.py prints the figures). The held-out half was scored
once, on 2026-12-03, after tuning on the tuning half only: 88.2% of names caught, 2.26% of other
words removed (the issue's goal, 95% and 2%, is not met). Held at what was reached less a
small margin, so a change that loses ground fails."""

from __future__ import annotations

import pytest

from benchmarks.names import load_half, score
from bot.language.names import redact

# half: (names caught at least, other words removed at most)
FLOORS = {"tuning": (0.94, 0.02), "held_out": (0.86, 0.03)}


@pytest.mark.parametrize("half", list(FLOORS))
def test_names_are_kept_out_within_the_floors(half: str) -> None:
    sentences = load_half(half)
    assert len(sentences) > 150
    result = score(sentences)
    lowest, most = FLOORS[half]
    assert result.rate("name") >= lowest, result.rate("name")
    assert result.over_removal() <= most, result.over_removal()


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("Jean Smith at 14 Elm Road says the bus is late",
         "[name] at [address] says the bus is late"),
        ("ring me on 07700 900123 or jean@example.com", "ring me on [phone] or [email]"),
        ("Mrs O'Brien said it was too cold", "[name] said it was too cold"),
        ("May said the bus was late", "[name] said the bus was late"),
        ("we may go in may if the weather holds", "we may go in may if the weather holds"),
        ("grace before meals and a frank talk", "grace before meals and a frank talk"),
        ("my postcode is S5 7AB", "my postcode is [address]"),
        ("lovely morning at Firth Park", "lovely morning at Firth Park"),
    ],
)  # fmt: skip
def test_what_is_replaced_and_what_stays(said: str, shown: str) -> None:
    assert redact(said) == shown


def test_the_projects_own_names_stay() -> None:
    assert redact("Holly Lodge was lovely", keep=["Holly Lodge"]) == "Holly Lodge was lovely"
    assert redact("Holly said it was lovely") == "[name] said it was lovely"
