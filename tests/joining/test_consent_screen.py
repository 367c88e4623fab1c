"""The consent screen as a newcomer sees it: short, whole on a small phone, "Tell me more" once,
and volunteers told what is theirs to know (issue 16 point 3)."""

from __future__ import annotations

from sqlalchemy import update

from prompts import Prompts
from prompts.screen_check import word_count
from prompts.screens import MAX_SCREEN_WORDS, fits_phone, phone_lines
from storage.models import Project
from tests.support.harness import Harness, texts
from tests.support.offline import Call
from tests.support.seed import seed_project

ANN = 5101
TELL_ME_MORE_WORDS = 80


def _rows(call: Call) -> int:
    return len(call.markup.get("inline_keyboard", []))


NAMES = {"project": "Firth Park Coffee Morning", "partner": "Age UK Sheffield"}


async def test_consent_is_short_and_fits_a_small_phone_with_its_buttons(
    harness: Harness, invite_code: str, prompts: Prompts
) -> None:
    calls = await harness.send(ANN, f"/start {invite_code}")
    (text,) = texts(calls)
    assert prompts.text("consent.intro", **NAMES) in text
    assert prompts.text("consent.promise") in text
    # The seeded project has a name, about, open-to-change and fixed text: all counted.
    assert "A cuppa &amp; a chat" in text and "The day and the hall." in text
    assert word_count(text) <= MAX_SCREEN_WORDS, (word_count(text), text)
    assert [label for label, _ in calls[-1].buttons] == ["Yes", "Tell me more", "No thanks"]
    assert _rows(calls[-1]) == 2  # "Tell me more" and "No thanks" side by side
    assert fits_phone(text, _rows(calls[-1])), phone_lines(text, _rows(calls[-1]))


async def test_tell_me_more_answers_once_within_80_words(
    harness: Harness, invite_code: str
) -> None:
    calls = await harness.send(ANN, f"/start {invite_code}")
    more = await harness.press_button(ANN, calls, "Tell me more")
    (text,) = texts(more)
    assert word_count(text) <= TELL_ME_MORE_WORDS, (word_count(text), text)
    assert "/stop" in text and "/forget" in text and "made-up name" in text
    assert [label for label, _ in more[-1].buttons] == ["Yes", "No thanks"]
    yes = await harness.press_button(ANN, more, "Yes")
    assert "What did you enjoy" in "\n".join(texts(yes))


async def test_volunteer_consent_has_its_own_purpose_and_names_lines(
    harness: Harness, prompts: Prompts
) -> None:
    seeded = await seed_project(harness.db)
    calls = await harness.send(ANN, f"/start {seeded.volunteer_code}")
    (text,) = texts(calls)
    assert "note down what people say" in text
    assert "never write anyone's name" in text
    # Not the participant's lines: a volunteer has no made-up name and says no view of her own.
    assert prompts.text("consent.intro", **NAMES) not in text
    assert prompts.text("consent.promise") not in text
    assert "never your name" not in text and "how you find" not in text
    assert word_count(text) <= MAX_SCREEN_WORDS
    assert fits_phone(text, _rows(calls[-1]))
    more = await harness.press_button(ANN, calls, "Tell me more")
    (more_text,) = texts(more)
    assert "what you note" in more_text and "made-up name" not in more_text
    assert word_count(more_text) <= TELL_ME_MORE_WORDS
    assert "Tell me more" not in [label for label, _ in more[-1].buttons]


async def test_one_project_text_alone_keeps_its_own_label(harness: Harness) -> None:
    seeded = await seed_project(harness.db)
    async with harness.db.transaction() as session:
        await session.execute(update(Project).values(fixed=None, about=None))
    (text,) = texts(await harness.send(ANN, f"/start {seeded.participant_code}"))
    assert "Can change:</b> What we do each week, and the snacks." in text
    assert "Won't change" not in text
