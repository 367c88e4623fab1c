"""Themes and how people feel about them (bot/language/themes.py), with floors on the labelled
comments (benchmarks/themes.py prints the figures). All three labelled files are spent:
comments.jsonl (its held-out half scored once on 2026-12-03), comments2.jsonl (scored once blind
on 2026-12-04: macro F1 0.740, polarity 84.6%) and comments3.jsonl (scored blind on 2026-12-06:
0.715, 92.7%). The codebook was widened reading the misses of all three, and the checks, the
polarity model and the kinds model trained on all three (BENCHMARKS.md section 27): macro F1
0.980, 0.984 and 0.967, polarity 99.4%, 99.1% and 100%, a fit, not a measure. Each file read by
checks and a polarity model trained on the other two writers' files (benchmarks.themes_checks
--cross-validate) gave 0.878, 0.850 and 0.807. The measure is a fourth blind set by another
writer, scored by the lead. Held at what was reached less a margin, so a change that loses
ground fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.themes import CORPUS, load, score
from bot.language.detection import load_rules
from bot.language.themes import THEMES_FILE, Theme, Themes, load_themes

THEMES = load_themes()
LOWEST_F1, LOWEST_POLARITY = 0.95, 0.97  # over all 593 comments of comments.jsonl


def names(text: str, asked: str = "anything_else", kind: str = "remark") -> set[str]:
    return {t.name for t in THEMES.read(text, asked, kind)}


def test_themes_hold_their_floors() -> None:
    result = score(THEMES, load())
    assert result.macro_f1() >= LOWEST_F1, result.macro_f1()
    assert result.polarity_right() >= LOWEST_POLARITY, result.polarity_right()
    assert all(result.f1(theme) >= 0.85 for theme in result.per_theme), result.per_theme


# comments2.jsonl (COMMENTS2.md) was the blind set, scored once on 2026-12-04 (macro F1 0.740,
# polarity 84.6%); spent since 2026-12-06 and tuned on (BENCHMARKS.md sections 24 and 27: 0.984,
# 99.1%, a fit). A tuning floor now, at what was reached less a margin.
TUNED_F1, TUNED_POLARITY = 0.95, 0.97


def test_the_second_set_holds_its_tuning_floor() -> None:
    result = score(THEMES, load(CORPUS / "comments2.jsonl"))
    assert result.macro_f1() >= TUNED_F1, result.macro_f1()
    assert result.polarity_right() >= TUNED_POLARITY, result.polarity_right()
    assert all(result.f1(theme) >= 0.85 for theme in result.per_theme), result.per_theme


def test_a_comment_has_each_of_its_themes_happy_or_not() -> None:
    found = THEMES.read("nice people but the bus is hopeless", "change", "suggestion")
    assert set(found) == {Theme("transport", False), Theme("people", True)}
    assert THEMES.read("the scones were gorgeous, still warm", "liked", "praise") == [
        Theme("food", True)
    ]
    asked_for = THEMES.read("could the bus stop be nearer the hall", "idea", "suggestion")
    assert "transport" in {t.name for t in asked_for}
    assert not any(t.positive for t in asked_for)  # a request says what is missing


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("me and my neighbour have a good natter every week", "welcome"),
        ("nobody to talk to at home so this is a godsend", "welcome"),
        ("could we have a karaoke afternoon", "activities"),
        ("the church hall is always stuffy", "venue"),
        ("getting a lift there is hard since my son moved", "transport"),
        ("it's a bit pricey now for those of us on a pension", "cost"),
        ("the shepherds pie and mash was lovely", "food"),
        ("my bad back has been better since the stretching", "health"),
        ("we were kept in the dark about the change", "information"),
        ("the lady who runs it goes out of her way for us", "people"),
        ("could it be on a tuesday instead", "timing"),
        ("11 till 1 would suit me better", "timing"),
    ],
)
def test_everyday_wordings_find_their_theme(text: str, theme: str) -> None:
    assert theme in names(text), names(text)


def test_a_wordings_own_cancelling_words_keep_it_off() -> None:
    assert "timing" in names("it finishes too late for me in the winter")
    assert "timing" not in names("the bus was late again")  # late: about the bus
    assert "transport" in names("the bus was late again")
    assert "transport" in names("my lift is always on time")
    assert "timing" not in names("my lift is always on time")
    assert "transport" not in names("the lift is broken again so i cant get upstairs")
    assert "venue" in names("the lift is broken again so i cant get upstairs")
    assert "food" not in names("the tea dance was lovely")
    assert "activities" in names("the tea dance was lovely")


@pytest.mark.parametrize(
    "text", ["the hall was freezing. and the bus never came", "lovely morning", "the tea was cold"]
)
def test_cues_found_in_sentences_already_read_are_the_cues_of_the_text(text: str) -> None:
    cues = THEMES.cues
    assert cues.cued(cues.reader.sentences(text)) == cues.concerns(text)
    assert cues.cued([]) == []


def test_no_wording_is_listed_under_two_themes() -> None:
    """The detector keeps a wording for the first theme that lists it, so a second listing
    ("the ladies" under welcome hid "the lady" under people) would silently do nothing."""
    first: dict[object, str] = {}
    twice = []
    for topic in THEMES.cues._topics:
        for cue in topic.cues:
            owner = first.setdefault(cue.parts, topic.name)
            if owner != topic.name:
                twice.append(f"{cue.concern.phrase!r} under {topic.name} and {owner}")
    assert not twice, twice


def with_gardening(folder: Path) -> Path:
    """The shipped codebook with a partner's own theme added, as a partner would add it."""
    edited = folder / "themes.yaml"
    codebook = THEMES_FILE.read_text(encoding="utf-8")
    at = codebook.index("\ngroups:")
    edited.write_text(
        codebook[:at] + "\n  gardening:\n    cues: [allotment, seeds]\n" + codebook[at:],
        encoding="utf-8",
    )
    return edited


def test_a_partners_new_theme_is_found_by_its_words(tmp_path: Path) -> None:
    themes = Themes(load_rules(with_gardening(tmp_path)), THEMES.polarity)
    assert [t.name for t in themes.read("could we get some seeds", "idea", "suggestion")] == [
        "gardening"
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("lovely crowd but the bus is hopeless",
         {Theme("welcome", True), Theme("transport", False)}),
        ("the bus is hopeless but such a lovely crowd",
         {Theme("welcome", True), Theme("transport", False)}),
        ("the dinners are lovely but the hall is freezing",
         {Theme("food", True), Theme("venue", False)}),
        ("the hall is freezing though the dinners are lovely",
         {Theme("food", True), Theme("venue", False)}),
    ],
)  # fmt: skip
def test_each_part_of_a_turning_comment_keeps_its_own_mood(text: str, want: set[Theme]) -> None:
    assert set(THEMES.read(text, "anything_else", "remark")) == want


def test_a_comment_is_read_in_parts_where_it_turns() -> None:
    reading = THEMES.reading("lovely crowd but the bus is hopeless", "change", "suggestion")
    assert reading.cued == ("welcome", "transport")
    assert "bus" in reading.of("transport") and "bus" not in reading.of("welcome")
    assert "lovely" in reading.of("welcome") and "lovely" not in reading.of("transport")
    moods = {f for f in reading.of("welcome") | reading.of("transport") if f.startswith("mood=")}
    assert len(moods) == 2  # each part's own band
    whole = THEMES.reading("the bus is hopeless", "change", "suggestion")
    assert whole.own == {} and whole.of("transport") == set(whole.common) | {"theme=transport"}


@pytest.mark.parametrize(
    "text",
    ["the hall was freezing. and the bus never came", "nice people but the bus is hopeless",
     "lovely tea though the room was cold, except the radiator by the door"],
)  # fmt: skip
def test_reading_in_parts_finds_what_the_whole_comment_has(text: str) -> None:
    whole = {c.topic for c in THEMES.cues.concerns(text)}
    assert set(THEMES.reading(text, "free", "remark").cued) == whole


@pytest.mark.parametrize(
    ("text", "theme", "found"),
    [
        ("the chair exercises mean i can lift my arm again", "transport", False),
        ("can i get a lift home on thursday", "transport", True),
        ("the toilets are too far down the corridor", "transport", False),
        ("the bus stop is too far from my house", "transport", True),
        ("is it every monday or every other, i get mixed up", "welcome", False),
        ("i like that it is mixed, men and women", "welcome", True),
        ("the writing is too small on this phone", "venue", False),
        ("half two till four would suit me", "timing", True),
        ("its a shame it stops in august", "timing", True),
        ("a proper natter and a bit of company", "welcome", True),
        ("ive been down in the dumps since christmas", "health", True),
        ("the organiser keeps us posted", "information", True),
    ],
)  # fmt: skip
def test_wordings_and_their_own_cancelling_words(text: str, theme: str, found: bool) -> None:
    assert (theme in names(text)) is found, names(text)


# comments3.jsonl (COMMENTS3.md) was the blind set, scored as totals on 2026-12-06 (macro F1
# 0.715, polarity 92.7%; BENCHMARKS.md section 24b); spent since 2026-12-07, read and tuned on
# (section 27: 0.967, 100%, a fit; read by checks and a polarity model trained on the other two
# files, 0.807 and 92.0%). A tuning floor now, at what was reached less a margin.
THIRD_F1, THIRD_POLARITY = 0.93, 0.97


def test_the_third_set_holds_its_tuning_floor() -> None:
    result = score(THEMES, load(CORPUS / "comments3.jsonl"))
    assert result.macro_f1() >= THIRD_F1, result.macro_f1()
    assert result.polarity_right() >= THIRD_POLARITY, result.polarity_right()
    assert all(result.f1(theme) >= 0.8 for theme in result.per_theme), result.per_theme


# comments4.jsonl (COMMENTS4.md), the fourth blind set, by a fourth writer: scored once as totals
# on 2026-12-07 with the checks of section 28 (BENCHMARKS.md section 30: macro F1 0.763, polarity
# 94.0%); spent since 2026-12-08, though not trained on (section 31: trained on, it lost three
# of the examples in this file). Held there, less a small margin.
FOURTH_F1, FOURTH_POLARITY = 0.75, 0.93


def test_the_fourth_set_holds_what_it_reached() -> None:
    result = score(THEMES, load(CORPUS / "comments4.jsonl"))
    assert result.macro_f1() >= FOURTH_F1, f"macro F1 {result.macro_f1():.3f}"
    assert result.polarity_right() >= FOURTH_POLARITY, f"{result.polarity_right():.3f}"


# comments5.jsonl (COMMENTS5.md), the fifth blind set, by a fifth writer: held out, never read
# or tuned on, scored as totals on 2026-12-08 (BENCHMARKS.md section 31: macro F1 0.747,
# polarity 92.0%). Held there, less a small margin; the goal (0.8) is not met on it.
HELD_OUT_F1, HELD_OUT_POLARITY = 0.735, 0.91


def test_the_held_out_fifth_set_holds_what_it_reached() -> None:
    result = score(THEMES, load(CORPUS / "comments5.jsonl"))
    assert result.macro_f1() >= HELD_OUT_F1, f"macro F1 {result.macro_f1():.3f}"
    assert result.polarity_right() >= HELD_OUT_POLARITY, f"{result.polarity_right():.3f}"
