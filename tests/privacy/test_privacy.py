"""/help, /stop, /mydata and /forget."""

from __future__ import annotations

import logging

import pytest

from storage.models import Base, Comment, DeadLetter, Dialogue, Membership, Person
from tests.support.harness import Harness, joined, texts

ANN = 7001
BEN = 7002


async def join_and_say(harness: Harness, code: str, user: int, words: str) -> None:
    calls = await harness.send(user, f"/start {code}")
    calls = await harness.press_button(user, calls, "Yes")
    await harness.send(user, words)


async def test_help_always_answers(harness: Harness, invite_code: str) -> None:
    assert "join word" in joined(await harness.send(ANN, "/help"))  # not joined yet
    await join_and_say(harness, invite_code, ANN, "x")
    # Mid-questions, /help says how to answer or skip, and the question is still waiting
    # (tests/guide has the rest).
    assert "Tap Skip" in joined(await harness.send(ANN, "/help"))
    (dialogue,) = await harness.rows(Dialogue)
    assert dialogue.state["index"] == 1


async def test_stop_pauses_and_start_resumes(harness: Harness, invite_code: str) -> None:
    await join_and_say(harness, invite_code, ANN, "x")
    assert "won't send you any messages" in joined(await harness.send(ANN, "/stop"))
    assert (await harness.rows(Person))[0].paused is True
    assert "Welcome back" in joined(await harness.send(ANN, "/start"))
    assert (await harness.rows(Person))[0].paused is False
    assert "nothing to stop" in joined(await harness.send(BEN, "/stop"))


async def test_mydata_sends_a_readable_file_of_everything(
    harness: Harness, invite_code: str
) -> None:
    await join_and_say(harness, invite_code, ANN, "I loved the <b>quiz</b> & the cake")
    calls = await harness.send(ANN, "/mydata")
    (doc,) = [c for c in calls if c.method == "sendDocument"]
    body = doc.params["document"]["content"].decode("utf-8")
    person = (await harness.rows(Person))[0]
    assert f"Person {person.pseudonym}" in body
    assert "Firth Park Coffee Morning (member)" in body
    assert "I loved the <b>quiz</b> & the cake" in body  # a text file: their words exactly
    assert doc.params["document"]["filename"].endswith(".txt")
    assert "don't hold anything" in joined(await harness.send(BEN, "/mydata"))


async def test_forget_asks_once_then_deletes_everything(harness: Harness, invite_code: str) -> None:
    await join_and_say(harness, invite_code, ANN, "Please keep the Tuesday slot")
    await join_and_say(harness, invite_code, BEN, "More chairs")
    ask = await harness.send(ANN, "/forget")
    assert "Are you sure" in joined(ask)
    kept = await harness.press_button(ANN, ask, "No, keep it")
    assert "kept everything" in joined(kept)
    assert await harness.count(Person) == 2
    # They were mid-questions: "No" puts them back where they were.
    dialogue = (
        await harness.rows(
            Dialogue,
            Dialogue.person_id == (await harness.rows(Person, Person.telegram_id == ANN))[0].id,
        )
    )[0]
    assert dialogue.state["step"] == "questions"

    ask = await harness.send(ANN, "/forget")
    done = await harness.press_button(ANN, ask, "Yes, delete it all")
    assert "deleted everything" in joined(done)
    ann_rows = await harness.rows(Person, Person.telegram_id == ANN)
    assert ann_rows == []
    # Walk every table: nothing that points at Ann is left; Ben is untouched.
    (ben,) = await harness.rows(Person)
    for table in Base.metadata.sorted_tables:
        async with harness.db.transaction() as session:
            rows = (await session.execute(table.select())).mappings().all()
        for row in rows:
            assert ANN not in row.values(), (table.name, row)
            if "person_id" in row:
                assert row["person_id"] in (None, ben.id), (table.name, row)
    assert await harness.count(Comment) == 1 and await harness.count(Membership) == 1


async def test_forget_button_without_asking_does_nothing(
    harness: Harness, invite_code: str
) -> None:
    await join_and_say(harness, invite_code, ANN, "x")
    calls = await harness.press(ANN, "forget:yes")
    assert texts(calls) == []
    assert await harness.count(Person) == 1
    assert "nothing to delete" in joined(await harness.send(BEN, "/forget"))


async def test_what_people_say_is_never_logged_at_info(
    harness: Harness, invite_code: str, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "my neighbour Mrs Jones keeps my spare key"
    with caplog.at_level(logging.INFO):
        await join_and_say(harness, invite_code, ANN, secret)
        await harness.edit(ANN, 3, secret + " (edited)")
        await harness.send(ANN, "/mydata")
    assert caplog.records  # logging was on and did record events
    for record in caplog.records:
        assert "Mrs Jones" not in record.getMessage()


async def test_mydata_holds_every_row_about_them(harness: Harness) -> None:
    """Ann has rows in every table that can point at a person: each shows up in her file."""
    from tests.privacy.test_erasure import ANN_TG, BEN_TG, seed_everyone

    await seed_everyone(harness.db)
    calls = await harness.send(ANN_TG, "/mydata")
    (doc,) = [c for c in calls if c.method == "sendDocument"]
    body = doc.params["document"]["content"].decode("utf-8")
    expected = [
        # people: the profile, consent and check-in fields
        "Your made-up name: Person Q7",
        "Language: en",
        "You said yes on: 20 Oct 2026, 10:30",
        "The version of our promise you said yes to: 2026-11",
        "Messages from me paused: no",
        "My last message could not reach you: no",
        "Last time I asked how you are: 23 Oct 2026, 10:30",
        "Times I asked how you are and heard nothing back: 1",
        "I won't ask how you are before: 29 Nov 2026, 09:30",
        # memberships, each role
        "- Firth Park Coffee Morning (member), since 20 Oct 2026, 10:30",
        "- Firth Park Coffee Morning (volunteer), since",
        "- Firth Park Coffee Morning (team), since",
        "- every group (programme team), since",
        # comments: words, voice, kind, question, mood, edits, safeguarding review
        "- 20 Oct 2026, 10:30 (Firth Park Coffee Morning): Friday sessions please",
        "  What it was: something you would change",
        "  Your answer to: Is there anything you'd change?",
        "  I asked the team to check on this, in case you needed help.",
        "  You asked the team to contact you.",
        "  The phone number you shared for this, kept until the team has looked at it: "
        "07700 900461",
        "  The team wrote to you on 20 Oct 2026, 10:30: Shall I ring you?",
        "  You wrote to the team on 20 Oct 2026, 10:30: Yes please after two",
        "  The team looked at it on: 20 Oct 2026, 12:30",
        "  The team's note about it: Rang her daughter, all fine.",
        "a voice message, 17 seconds long",
        "  Your answer to: How did you hear about us?",
        "  How you felt: good",
        "  You changed it on: 20 Oct 2026, 11:30",
        # responses to her comments
        "  The team's reply (they can't change it): The hall is booked on Fridays.",
        "  The reason: Another group has it.",
        # questions_asked
        "- 20 Oct 2026, 10:30: How did you hear about us?",
        # outbox: waiting, sent, by person id and by chat id; a team digest is named, not quoted
        "(waiting to go): Age UK changed this",
        "(waiting to go): Closed your notes",
        "(sent): the weekly round-up for the team",
        # dialogues
        "Where we were in our chat on 20 Oct 2026, 10:30: noting down what a group said",
        # group_sessions she noted, programme questions she asked, replies she wrote
        "- Firth Park Hall, 20 Oct 2026, about 12 people, 2 notes",
        "- 20 Oct 2026, 10:30: What would make Tuesdays better?",
        "- 20 Oct 2026, 10:30 (they changed it): We bought more chairs.",
        "Times you wrote to someone who may have needed help, for the team: 1",
        "I suggested the team give you a friendly call on 20 Oct 2026, 10:30, as you said things"
        " were not great at a check-in.",
        # dead_letters: a message of hers that kept failing, by time only
        "I keep only when, not what you said:\n- 20 Oct 2026, 10:30",
    ]
    missing = [line for line in expected if line not in body]
    assert not missing, body
    # Nothing about anyone else: not Ben's words, nor the text of a digest about others.
    for other in ("Ben's own words", "Ben said something", "Ben's reply", str(BEN_TG), "R8"):
        assert other not in body


async def test_forget_from_someone_who_never_joined_removes_their_failed_updates(
    harness: Harness,
) -> None:
    """A failed update's record (ids only) is all Natter may hold about them: it goes too."""
    now = harness.clock.now()
    async with harness.db.transaction() as session:
        for update_id, chat in ((1, BEN), (2, ANN)):
            session.add(DeadLetter(update_id=update_id, error="ValueError", chat_id=chat,
                                   attempts=1, first_failed_at=now, last_failed_at=now,
                                   parked_at=now))  # fmt: skip
    assert "nothing to delete" in joined(await harness.send(BEN, "/forget"))
    assert [d.chat_id for d in await harness.rows(DeadLetter)] == [ANN]
