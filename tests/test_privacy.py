"""/help, /stop, /mydata and /forget."""

from __future__ import annotations

import logging

import pytest

from storage.models import Base, Comment, Dialogue, Membership, Person
from tests.support.harness import Harness, joined, texts

ANN = 7001
BEN = 7002


async def join_and_say(harness: Harness, code: str, user: int, words: str) -> None:
    calls = await harness.send(user, f"/start {code}")
    calls = await harness.press_button(user, calls, "Yes")
    await harness.send(user, words)


async def test_help_always_answers(harness: Harness, invite_code: str) -> None:
    assert "/forget" in joined(await harness.send(ANN, "/help"))
    await join_and_say(harness, invite_code, ANN, "x")
    assert "/mydata" in joined(await harness.send(ANN, "/help"))
    # Mid-questions, /help answers and the question is still waiting.
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
