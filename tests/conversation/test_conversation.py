"""Answering questions, commenting afterwards, and state that survives a restart."""

from __future__ import annotations

from bot.runtime.root import Texts
from bot.runtime.settings import Settings
from storage.db import Database
from storage.models import Comment, Dialogue, Kind, Person
from tests.support.harness import Harness, joined, texts
from tests.support.offline import Call
from tests.support.seed import seed_project

ANN = 6001


async def join(harness: Harness, code: str, user: int = ANN) -> list[Call]:
    calls = await harness.send(user, f"/start {code}")
    return await harness.press_button(user, calls, "Yes")


async def test_questions_one_at_a_time_with_skip_and_voice(
    harness: Harness, invite_code: str
) -> None:
    first = await join(harness, invite_code)
    second = await harness.send(ANN, "The singing, and the biscuits 🍪")
    assert "anything you'd change" in joined(second)
    third = await harness.press_button(ANN, second, "Skip")
    assert "start doing" in joined(third)
    fourth = await harness.voice(ANN, seconds=12)
    assert "anything else" in joined(fourth)
    done = await harness.send(ANN, "No, that's all")  # the Skip button, typed out
    assert "passed all that on to Firth Park Coffee Morning" in joined(done)
    assert first and done[-1].buttons == []

    comments = {c.question_key: c for c in await harness.rows(Comment)}
    assert set(comments) == {"enjoyed", "start"}  # "No, that's all" is not feedback
    assert (
        comments["enjoyed"].kind is Kind.LIKED
        and comments["enjoyed"].text == "The singing, and the biscuits 🍪"
    )
    assert comments["start"].kind is Kind.IDEA
    assert (
        comments["start"].voice_file_id == f"voice-{ANN}-12"
        and comments["start"].voice_seconds == 12
    )
    (dialogue,) = await harness.rows(Dialogue)
    assert dialogue.state == {}


async def test_free_message_after_questions_is_passed_on(
    harness: Harness, invite_code: str
) -> None:
    calls = await join(harness, invite_code)
    for _ in range(4):
        calls = await harness.press_button(ANN, calls, "Skip")
    reply = await harness.send(ANN, "Could we have the radiator on earlier?")
    assert "passed that on to Firth Park Coffee Morning" in joined(reply)
    (comment,) = await harness.rows(Comment)
    assert (
        comment.kind is Kind.OTHER
        and comment.question_key is None
        and comment.project_id is not None
    )


async def test_member_of_two_projects_is_asked_which(harness: Harness) -> None:
    first = await seed_project(harness.db)
    second = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    for code in (first.participant_code, second.participant_code):
        calls = await join(harness, code)
        for _ in range(4):
            calls = await harness.press_button(ANN, calls, "Skip")
    ask = await harness.send(ANN, "The tea was cold")
    assert "Which group" in joined(ask)
    assert [label for label, _ in ask[-1].buttons] == [
        "Firth Park Coffee Morning",
        "Monday Walkers",
    ]
    (pending,) = await harness.rows(Comment)
    assert pending.project_id is None
    filed = await harness.press_button(ANN, ask, "Monday Walkers")
    assert "passed that on to Monday Walkers" in joined(filed)
    (comment,) = await harness.rows(Comment)
    assert comment.project_id == second.project_id
    # The same button again is stale: nothing changes.
    stale = await harness.press_button(ANN, ask, "Firth Park Coffee Morning")
    assert texts(stale) == []
    assert stale[0].method == "answerCallbackQuery" and "earlier" in stale[0].params["text"]
    assert (await harness.rows(Comment))[0].project_id == second.project_id


async def test_redelivered_message_is_stored_once(harness: Harness, invite_code: str) -> None:
    await join(harness, invite_code)
    await harness.send(ANN, "Lovely morning", message_id=77)
    again = await harness.send(ANN, "Lovely morning", message_id=77)
    assert texts(again) == []
    assert await harness.count(Comment) == 1


async def test_restart_mid_questions_carries_on(
    harness: Harness, invite_code: str, db: Database, texts: Texts, settings: Settings
) -> None:
    await join(harness, invite_code)
    await harness.send(ANN, "The quiz")
    # A new application on the same database: nothing was kept in memory.
    from tests.support.harness import Harness as Fresh

    restarted = Fresh(db, texts, settings)
    async with restarted.app:
        reply = await restarted.send(ANN, "Nothing really", message_id=50)
    assert "start doing" in joined(reply)
    assert not restarted.errors
    keys = sorted(c.question_key or "" for c in await harness.rows(Comment))
    assert keys == ["change", "enjoyed"]


async def test_edited_message_updates_what_was_stored(harness: Harness, invite_code: str) -> None:
    await join(harness, invite_code)
    await harness.send(ANN, "The quizz", message_id=40)
    reply = await harness.edit(ANN, 40, "The quiz")
    assert "updated" in joined(reply)
    (comment,) = await harness.rows(Comment)
    assert comment.text == "The quiz" and comment.edited_at is not None
    # Editing something never stored (a command) is ignored quietly.
    assert texts(await harness.edit(ANN, 1, "/start hello")) == []


async def test_stranger_message_is_not_kept(harness: Harness) -> None:
    reply = await harness.send(ANN, "Hello, is anyone there?")
    assert "haven't kept your message" in joined(reply)
    assert await harness.count(Person) == 0
    assert await harness.count(Comment) == 0
