"""Erasure, proved: after /forget or `natter person forget`, no table holds anything naming them."""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot import privacy
from bot.cli import care as cli_care
from bot.cli.operator import OperatorError
from bot.core import Document, Reply, Say, people, pseudonyms, reply_from_json, reply_to_json
from bot.core.pseudonyms import retired_mark
from bot.runtime.root import Texts, compose
from bot.runtime.settings import Settings
from storage.db import Database
from storage.models import (
    Agreement,
    Base,
    Comment,
    DeadLetter,
    Dialogue,
    EarlySign,
    FlagFollowUp,
    FlagMessage,
    GroupSession,
    Kind,
    Level,
    Membership,
    Outbox,
    OutboxStatus,
    Outcome,
    Person,
    ProgrammeQuestion,
    QuestionAsked,
    Response,
    Role,
    Source,
    WebSignIn,
    WeeklyTally,
)
from storage.repositories import people as people_repo
from storage.repositories.people import references_to_people
from tests.support.cli import natter
from tests.support.harness import Harness, joined
from tests.support.keys import PSEUDONYM_KEY
from tests.support.outbox import html
from tests.support.seed import seed_project

ANN_TG = 555_000_111  # the person to forget: participant, volunteer, staff and programme team
BEN_TG = 555_000_222  # someone else, whose rows must be untouched
ANN = "Q7"
BEN = "R8"
T0 = datetime(2026, 10, 20, 9, 30, tzinfo=UTC)
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Seeded:
    ann: int
    ben: int
    project_id: int


def _person(telegram_id: int, pseudonym: str) -> Person:
    return Person(
        telegram_id=telegram_id,
        pseudonym=pseudonym,
        language="en",
        consent_version="2026-11",
        consented_at=T0,
        paused=False,
        unreachable=False,
        created_at=T0,
        last_checkin_at=T0 + timedelta(days=3),
        checkins_unanswered=1,
        checkins_paused_until=T0 + timedelta(days=40),
    )


def _comment(person_id: int | None, chat_id: int, message_id: int, **fields: Any) -> Comment:
    return Comment(person_id=person_id, chat_id=chat_id, message_id=message_id, **fields)


def _outbox(key: str, person_id: int | None, chat_id: int, said: Reply, **fields: Any) -> Outbox:
    fields.setdefault("kind", "reply")
    fields.setdefault("status", OutboxStatus.PENDING)
    return Outbox(
        key=key, person_id=person_id, chat_id=chat_id, message=reply_to_json(said), language="en",
        next_attempt_at=T0, created_at=T0, **fields,
    )  # fmt: skip


# Ben's digest, as the planner writes one: Ann's quote, words that came up (some hers), and a
# spreadsheet with her rows and Ben's.
BEN_DIGEST = Reply(
    (),
    html=(
        "<b>Other comments</b> (3)\n• “Friday sessions please” — Person Q7\n• “Hi” — Person Q77"
        "\n\n<b>Words that came up often:</b> friday sessions, tea, chipper\n\n1 suggestion is "
        "waiting for a reply.",
    ),
    documents=(
        Document(
            Say("digest.csv_file", {"week": "2026-10-19"}),
            content="date,person,text\r\n2026-10-20,Person Q7,Friday sessions please\r\n"
            '2026-10-20,Person Q77,"Hi, tea"\r\n2026-10-21,Person Q7,Feeling chipper\r\n',
        ),
    ),
)
BEN_DIGEST_WITHOUT_ANN = (
    "<b>Other comments</b> (3)\n• “(removed at their request)” — someone who has since left\n"
    "• “Hi” — Person Q77\n\n<b>Words that came up often:</b> tea\n\n1 suggestion is waiting "
    "for a reply."
)
ONLY_ANN_CSV = Reply(
    (),
    documents=(
        Document(Say("digest.csv_file", {"week": "2026-10-26"}),
                 content="date,person\r\n2026-10-27,Person Q7\r\n"),
    ),
)  # fmt: skip
ALERT_ABOUT_ANN = Reply.of(
    "care.alert", person="Person Q7", project="Firth Park", topic="a fall", text="Feeling chipper"
)
ALERT_ABOUT_A_GROUP = Reply.of(
    "care.alert_group", project="Firth Park", place="Firth Park Hall", topic="a fall",
    text="More tea",
)  # fmt: skip
# Outbox rows for Ben that were only about Ann: they go with her.
ONLY_ABOUT_ANN = ("alert:ann:to:ben", "digest:ben:csv")


async def seed_everyone(db: Database) -> Seeded:
    """Ann has rows in every table that can point at a person, and in ones that name her."""
    project_id = (await seed_project(db)).project_id
    async with db.transaction() as s:
        ann, ben = _person(ANN_TG, ANN), _person(BEN_TG, BEN)
        s.add_all([ann, ben])
        await s.flush()
        for who in (ann, ben):
            for role in (Role.PARTICIPANT, Role.VOLUNTEER, Role.STAFF):
                s.add(Membership(person_id=who.id, project_id=project_id, role=role, joined_at=T0))
        s.add(Membership(person_id=ann.id, project_id=None, role=Role.PROGRAMME, joined_at=T0))
        s.add(Dialogue(person_id=ann.id, state={"step": "note", "session_id": 1}, updated_at=T0))
        s.add(Dialogue(person_id=ben.id, state={"step": "questions", "index": 1}, updated_at=T0))
        # A week's tally of their project: counts only, so it stays whoever is forgotten.
        s.add(WeeklyTally(
            project_id=project_id, first_day=T0.date(), week_start=T0, week_end=T0 + WEEK,
            comments=5, people=2, themes={"food": [1, 2]}, raised=3, raised_before=0,
            answered=1, changed=1,
        ))  # fmt: skip
        # Ben answered a suggestion; Ann answered one of Ben's.
        ben_reply = Response(
            project_id=project_id,
            staff_id=ben.id,
            outcome=Outcome.CANNOT,
            text="The hall is booked on Fridays.",
            reason="Another group has it.",
            created_at=T0,
            updated_at=T0,
        )
        ann_reply = Response(
            project_id=project_id,
            staff_id=ann.id,
            outcome=Outcome.CHANGED,
            text="We bought more chairs.",
            created_at=T0,
            updated_at=T0,
        )
        asked_by_ann = ProgrammeQuestion(
            text="What would make Tuesdays better?", asked_by=ann.id, active=True, created_at=T0
        )
        asked_by_ben = ProgrammeQuestion(
            text="How did you hear about us?", asked_by=ben.id, active=True, created_at=T0
        )
        s.add_all([ben_reply, ann_reply, asked_by_ann, asked_by_ben])
        await s.flush()
        s.add(QuestionAsked(question_id=asked_by_ben.id, person_id=ann.id, asked_at=T0))
        s.add(QuestionAsked(question_id=asked_by_ann.id, person_id=ben.id, asked_at=T0))
        group = GroupSession(
            project_id=project_id,
            volunteer_id=ann.id,
            place="Firth Park Hall",
            held_on=date(2026, 10, 20),
            headcount=12,
            headcount_band="11-20",
            opened_at=T0,
            closed_at=T0,
        )
        s.add(group)
        await s.flush()
        s.add_all(
            [
                _comment(
                    ann.id,
                    ANN_TG,
                    1,
                    project_id=project_id,
                    kind=Kind.CHANGE,
                    text="Friday sessions please",
                    question_key="change",
                    response_id=ben_reply.id,
                    created_at=T0,
                    flagged=True,
                    flag_topic="low_mood",
                    reviewed_at=T0 + timedelta(hours=2),
                    review_note="Rang her daughter, all fine.",
                ),
                _comment(
                    ann.id,
                    ANN_TG,
                    2,
                    project_id=project_id,
                    kind=Kind.OTHER,
                    voice_file_id="voice-ann",
                    voice_seconds=17,
                    created_at=T0,
                    question_key=f"programme:{asked_by_ben.id}",
                    level=Level.COLLECTIVE,
                ),
                _comment(
                    ann.id,
                    ANN_TG,
                    3,
                    project_id=project_id,
                    kind=Kind.MOOD,
                    mood="good",
                    text="Feeling chipper",
                    created_at=T0,
                    edited_at=T0 + timedelta(hours=1),
                ),
                # What the group at Ann's session said: kept, but it must stop naming her.
                _comment(
                    None,
                    ANN_TG,
                    4,
                    project_id=project_id,
                    group_session_id=group.id,
                    source=Source.RELAYED,
                    level=Level.GROUP,
                    agreement=Agreement.MOST,
                    kind=Kind.IDEA,
                    text="A summer trip to the coast",
                    created_at=T0,
                    response_id=ann_reply.id,
                ),
                _comment(
                    None,
                    ANN_TG,
                    5,
                    project_id=project_id,
                    group_session_id=group.id,
                    source=Source.RELAYED,
                    text="More tea",
                    created_at=T0,
                ),
                _comment(
                    ben.id,
                    BEN_TG,
                    1,
                    project_id=project_id,
                    text="Ben's own words",
                    kind=Kind.CHANGE,
                    response_id=ann_reply.id,
                    created_at=T0,
                ),
            ]
        )
        s.add_all(
            [
                _outbox("youdid:1:v1:to:ann", ann.id, ANN_TG, html("Age UK changed this")),
                _outbox("note-closed:ann", None, ANN_TG, html("Closed your notes"), kind="note"),
                _outbox(
                    "digest:ann",
                    ann.id,
                    ANN_TG,
                    html("Ben said something"),
                    kind="digest",
                    status=OutboxStatus.SENT,
                    sent_at=T0,
                ),
                _outbox("digest:ben", ben.id, BEN_TG, BEN_DIGEST, kind="digest"),
                _outbox("digest:ben:csv", ben.id, BEN_TG, ONLY_ANN_CSV, kind="digest"),
                _outbox(
                    "alert:ann:to:ben",
                    ben.id,
                    BEN_TG,
                    ALERT_ABOUT_ANN,
                    kind="alert",
                    status=OutboxStatus.SENT,
                    sent_at=T0,
                ),
                _outbox("alert:group:to:ben", ben.id, BEN_TG, ALERT_ABOUT_A_GROUP, kind="alert"),
                _outbox("youdid:1:v1:to:ben", ben.id, BEN_TG, html("Ben's reply")),
            ]
        )
        await s.flush()
        # What followed Ann's flagged message, and Ann writing to Ben for the team.
        flagged = await s.scalar(
            select(Comment).where(Comment.chat_id == ANN_TG, Comment.message_id == 1)
        )
        bens = await s.scalar(select(Comment).where(Comment.chat_id == BEN_TG))
        assert flagged is not None and bens is not None
        s.add(FlagFollowUp(comment_id=flagged.id, answer="contact", answered_at=T0,
                           phone="07700 900461"))  # fmt: skip
        s.add(FlagFollowUp(comment_id=bens.id, writer_id=ann.id, talk_until=T0))
        s.add(EarlySign(person_id=ann.id, project_id=project_id, reason="not_great", noted_at=T0))
        # Signed in to the staff web page (staff of another group, say).
        s.add(WebSignIn(nonce="ann-web", person_id=ann.id, signed_in_at=T0,
                        expires_at=T0 + timedelta(hours=8), ticked=[1]))  # fmt: skip
        s.add(FlagMessage(comment_id=flagged.id, from_staff=True, text="Shall I ring you?",
                          sent_at=T0))  # fmt: skip
        s.add(FlagMessage(comment_id=flagged.id, from_staff=False, text="Yes please after two",
                          sent_at=T0))  # fmt: skip
        # An update of each of theirs that kept failing: no person id, only the chat's.
        for n, chat in enumerate((ANN_TG, BEN_TG)):
            s.add(DeadLetter(update_id=800 + n, error="ValueError", chat_id=chat, attempts=5,
                             first_failed_at=T0, last_failed_at=T0, parked_at=T0))  # fmt: skip
        return Seeded(ann.id, ben.id, project_id)


async def snapshot(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in primary-key order."""
    async with db.transaction() as session:
        return {
            table.name: [
                dict(r)
                for r in (
                    await session.execute(table.select().order_by(*table.primary_key.columns))
                ).mappings()
            ]
            for table in Base.metadata.sorted_tables
        }


_PSEUDONYM = re.compile(rf"(?<!\w){ANN}(?!\w)")


def names_ann(value: Any) -> bool:
    """Her Telegram id or her made-up name, anywhere in a value (JSON included)."""
    if isinstance(value, dict | list):
        value = json.dumps(value)
    if isinstance(value, str):
        return str(ANN_TG) in value or bool(_PSEUDONYM.search(value))
    return bool(value == ANN_TG)


def assert_nothing_names_ann(tables: dict[str, list[dict[str, Any]]], ann_id: int) -> None:
    person_columns = {(t.name, c.name) for t, c, _ in references_to_people()}
    person_columns.add(("people", "id"))
    for table, rows in tables.items():
        for row in rows:
            for column, value in row.items():
                if (table, column) in person_columns:
                    assert value != ann_id, (table, column, row)
                assert not names_ann(value), (table, column, row)


def rows_of_ben(tables: dict[str, list[dict[str, Any]]], ben_id: int) -> list[Any]:
    """Every row that points at Ben, as it is (outbox text aside: Ann leaves it), but for the
    messages to him that were only about her."""
    person_columns = {(t.name, c.name) for t, c, _ in references_to_people()}
    person_columns.add(("people", "id"))
    found = []
    for table, rows in tables.items():
        for row in rows:
            if table == "outbox" and row["key"] in ONLY_ABOUT_ANN:
                continue
            if any(row[c] == ben_id for t, c in person_columns if t == table):
                skip = ("message",) if table == "outbox" else ()
                found.append((table, {k: v for k, v in row.items() if k not in skip}))
    return found


def counts(line: str) -> dict[str, int]:
    """ "Deleted: people 1, comments 3." -> {"people": 1, "comments": 3}"""
    listed = line.split(": ", 1)[1].rstrip(".")
    return {name: int(n) for name, n in (part.rsplit(" ", 1) for part in listed.split(", "))}


async def check_erased(db: Database, before: dict[str, Any], seeded: Seeded) -> None:
    after = await snapshot(db)
    assert_nothing_names_ann(after, seeded.ann)
    # Ben is untouched, and so is every row that was not about Ann.
    assert rows_of_ben(after, seeded.ben) == rows_of_ben(before, seeded.ben)
    gone = {
        "people": 1,
        "memberships": 4,
        "dialogues": 1,
        "questions_asked": 1,
        "comments": 3,
        "outbox": 3 + len(ONLY_ABOUT_ANN),
        "retired_pseudonyms": -1,  # her made-up name, as a keyed hash
        "dead_letters": 1,
        "flag_follow_ups": 1,  # with her flagged comment; Ben's stays, no longer naming her
        "flag_messages": 2,
        "early_signs": 1,
        "web_sign_ins": 1,  # her sign-in to the staff web page, by cascade
    }
    for table, rows in before.items():
        assert len(after[table]) == len(rows) - gone.get(table, 0), table
    # What the group said stays; it just stops naming the volunteer who noted it.
    relayed = [c for c in after["comments"] if c["group_session_id"] is not None]
    assert sorted(c["text"] for c in relayed) == ["A summer trip to the coast", "More tea"]
    assert all(c["chat_id"] == -c["id"] for c in relayed)
    (group,) = after["group_sessions"]
    assert group["volunteer_id"] is None and group["place"] == "Firth Park Hall"
    assert {r["staff_id"] for r in after["responses"]} == {seeded.ben, None}
    assert {q["asked_by"] for q in after["programme_questions"]} == {seeded.ben, None}
    # Nothing will be sent to Ann; Ben's digest keeps its shape without her words or name.
    assert ANN_TG not in {o["chat_id"] for o in after["outbox"]}
    outbox = {o["key"]: o["message"] for o in after["outbox"]}
    (text,) = reply_from_json(outbox["digest:ben"]).html
    assert text == BEN_DIGEST_WITHOUT_ANN
    (document,) = reply_from_json(outbox["digest:ben"]).documents
    assert document.content == 'date,person,text\r\n2026-10-20,Person Q77,"Hi, tea"\r\n'
    assert document.filename == BEN_DIGEST.documents[0].filename
    assert outbox["alert:group:to:ben"] == reply_to_json(ALERT_ABOUT_A_GROUP)  # the group's words
    # Her words are nowhere, and her made-up name is kept only as its keyed hash.
    for said in ("Friday sessions", "chipper", "Rang her daughter", "07700 900461", "after two"):
        assert said not in json.dumps(after, default=str), said
    assert after["retired_pseudonyms"] == [{"mark": retired_mark(PSEUDONYM_KEY.encode(), ANN)}]


async def test_the_seed_reaches_every_column_that_can_point_at_a_person(db: Database) -> None:
    """If a table that points at people is added, this fails until the seed (and walk) cover it."""
    seeded = await seed_everyone(db)
    tables = await snapshot(db)
    for table, column, rule in references_to_people():
        assert rule in ("CASCADE", "SET NULL"), (table.name, column.name, rule)
        assert any(r[column.name] == seeded.ann for r in tables[table.name]), table.name


async def test_forget_in_the_chat_leaves_nothing_that_names_them(harness: Harness) -> None:
    seeded = await seed_everyone(harness.db)
    before = await snapshot(harness.db)
    ask = await harness.send(ANN_TG, "/forget")
    done = await harness.press_button(ANN_TG, ask, "Yes, delete it all")
    assert "deleted everything" in joined(done)
    await check_erased(harness.db, before, seeded)
    # Gone means gone: /mydata now finds nothing.
    assert "don't hold anything" in joined(await harness.send(ANN_TG, "/mydata"))


def care_args(*argv: str) -> argparse.Namespace:
    top = argparse.ArgumentParser(prog="natter")
    cli_care.add_parsers(top.add_subparsers(dest="command", required=True))
    return top.parse_args(argv)


async def test_natter_person_forget_leaves_nothing_that_names_them(
    db: Database, settings: Settings, texts: Texts, capsys: pytest.CaptureFixture[str]
) -> None:
    services = compose(settings, texts, db=db)
    seeded = await seed_everyone(db)
    before = await snapshot(db)
    assert await cli_care.run(care_args("person", "forget", "person q7"), services) == 0
    out = capsys.readouterr().out
    forgot, deleted, unlinked, anonymised = out.strip().splitlines()
    assert forgot == "Forgot Person Q7."
    assert counts(deleted) == {
        "people": 1,
        "memberships": 4,
        "dialogues": 1,
        "questions_asked": 1,
        "comments": 3,
        "outbox": 3 + len(ONLY_ABOUT_ANN),
        "dead_letters": 1,
        "early_signs": 1,
        "web_sign_ins": 1,
    }
    assert unlinked.startswith("Kept, no longer linked to them: ")
    assert counts(unlinked) == {
        "group_sessions": 1, "responses": 1, "programme_questions": 1, "flag_follow_ups": 1,
    }  # fmt: skip
    assert counts(anonymised) == {"comments": 2, "outbox": 1}
    await check_erased(db, before, seeded)
    # The weekly tallies say nothing of anyone (PRIVACY.md): they stay as they were.
    assert (await snapshot(db))["weekly_tallies"] == before["weekly_tallies"] != []
    with pytest.raises(OperatorError, match="there is no person 'K7'"):
        await cli_care.run(care_args("person", "forget", "K7"), services)
    with pytest.raises(OperatorError, match="Person Q7 was forgotten already"):
        await cli_care.run(care_args("person", "forget", "Q7"), services)


async def test_a_forgotten_name_is_never_given_to_someone_new(
    db: Database, settings: Settings, texts: Texts, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = compose(settings, texts, db=db)
    await seed_everyone(db)
    async with db.transaction() as session:
        ann = await people_repo.person_by_pseudonym(session, ANN)
        assert ann is not None
        await privacy.erase(session, services.deps, ann)
    # The names are random: these are the ones the next newcomer is offered, hers first.
    monkeypatch.setattr(pseudonyms, "candidates", lambda: [ANN, BEN, "Q8"])
    async with db.transaction() as session:
        newcomer = await people.find_or_create(session, services.deps, 555_000_333, "en")
    assert newcomer.pseudonym == "Q8"


async def test_forgetting_needs_the_pseudonym_key(
    db: Database, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed_everyone(db)
    before = await snapshot(db)
    monkeypatch.delenv("PSEUDONYM_KEY")
    result = await natter(database_url, "person", "forget", "Q7")
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith("natter: PSEUDONYM_KEY is not set")
    assert len(result.err.splitlines()) == 1
    assert await snapshot(db) == before


async def test_natter_person_forget_as_a_command(db: Database, database_url: str) -> None:
    seeded = await seed_everyone(db)
    before = await snapshot(db)
    unknown = await natter(database_url, "person", "forget", "Person Z9")
    assert unknown.code == 1 and "there is no person 'Person Z9'" in unknown.err
    assert "Traceback" not in unknown.err
    result = await natter(database_url, "person", "forget", "Q7")
    assert result.code == 0, result.err
    assert "Forgot Person Q7." in result.out
    await check_erased(db, before, seeded)
