"""The monthly round-up through the real planner and the outbox: who hears it, what it says,
nothing for an empty month, once per month, and the volunteers' printable card."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

from PIL import Image
from sqlalchemy import update

from bot import privacy, roundup, team
from bot.core import Deps
from storage.models import (
    Comment,
    Kind,
    Level,
    Outbox,
    OutboxStatus,
    Outcome,
    Person,
    ProgrammeQuestion,
    Project,
    QuestionAsked,
    Response,
    Role,
    Roundup,
)
from tests.support.harness import Harness
from tests.support.outbox import told
from tests.support.seed import seed_project
from tests.support.team import add_member

ANN, BEN, VAL, STA = 8100, 8200, 8300, 8400
CREATED = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
# Tuesday 1 December 2026, 10:30 in London (GMT): the 1st, in check-in hours.
DUE = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)
IN_NOVEMBER = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
_ids = iter(range(5_000_000, 6_000_000))


def deps_of(harness: Harness) -> Deps:
    return harness.app.bot_data.deps


async def project(harness: Harness, slug: str = "firth-park") -> int:
    seeded = await seed_project(harness.db, slug=slug, name="Firth Park Coffee Morning")
    async with harness.db.transaction() as session:
        await session.execute(
            update(Project).where(Project.id == seeded.project_id).values(created_at=CREATED)
        )
    return seeded.project_id


async def members(harness: Harness, project_id: int) -> dict[int, int]:
    """Ann and Ben (participants), Val (volunteer), Sta (staff); Ben has sent /stop."""
    roles = {ANN: Role.PARTICIPANT, BEN: Role.PARTICIPANT, VAL: Role.VOLUNTEER, STA: Role.STAFF}
    ids = {
        tid: await add_member(harness.db, tid, project_id, role, CREATED, f"T{tid}")
        for tid, role in roles.items()
    }
    async with harness.db.transaction() as session:
        await session.execute(update(Person).where(Person.id == ids[BEN]).values(paused=True))
    return ids


async def reply(
    harness: Harness,
    project_id: int,
    person_id: int,
    outcome: Outcome,
    said: str,
    did: str,
    at: datetime = IN_NOVEMBER,
    quoted: str | None = None,
) -> None:
    """A suggestion and staff's reply to it, sent at `at`."""
    async with harness.db.transaction() as session:
        response = Response(
            project_id=project_id, outcome=outcome, text=did, created_at=at, updated_at=at
        )
        session.add(response)
        await session.flush()
        session.add(
            Comment(
                project_id=project_id, person_id=person_id, kind=Kind.CHANGE, text=said,
                quoted=quoted, chat_id=person_id, message_id=next(_ids),
                created_at=at - timedelta(days=1), response_id=response.id,
            )
        )  # fmt: skip


async def plan(harness: Harness, at: datetime) -> list[str]:
    harness.clock.moment = at
    return await roundup.plan_due(harness.db, deps_of(harness), at)


async def sent(harness: Harness) -> list[Outbox]:
    rows = await harness.rows(Outbox, Outbox.kind == "roundup")
    return sorted(rows, key=lambda r: r.id)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


async def test_a_month_of_replies_goes_to_every_member_who_has_not_stopped(
    harness: Harness,
) -> None:
    project_id = await project(harness)
    ids = await members(harness, project_id)
    for n in range(3):
        await reply(harness, project_id, ids[ANN], Outcome.LOOKING, f"idea {n}", f"Asking {n}.")
    for n in range(4):
        await reply(harness, project_id, ids[ANN], Outcome.CHANGED, f"cold {n}", f"Fixed {n}.")
    await reply(harness, project_id, ids[ANN], Outcome.CANNOT, "a pony", "We can't, sorry.")
    await reply(
        harness, project_id, ids[ANN], Outcome.CHANGED, "Ann says the hall is cold",
        "The heating now comes on earlier.", quoted="[name] says the hall is cold",
    )  # fmt: skip
    # December's replies wait for January's round-up.
    await reply(harness, project_id, ids[ANN], Outcome.CHANGED, "later", "Next month.", DUE)

    assert await plan(harness, DUE) == ["firth-park"]

    rows = await sent(harness)
    assert sorted(r.chat_id for r in rows) == [ANN, VAL]  # not Ben (stopped), not staff
    ann = next(r for r in rows if r.chat_id == ANN)
    text = plain(told(ann).text)
    items = text.split("You said")[1:]  # each item: the quote, then on its own line the reply
    assert len(items) == roundup.MAX_ITEMS
    assert all("Looking into it" not in item for item in items[:4])  # changed ones first
    assert "Ann" not in text and "[name] says the hall is cold" in text
    assert "pony" not in text and "Next month" not in text
    assert len(text.split()) <= roundup.MAX_WORDS
    assert text.startswith("Hello from Natter!") and text.endswith("Keep it coming!")
    # Counted in the weekly cap, as a check-in is.
    async with harness.db.transaction() as session:
        person = await session.get(Person, ids[ANN])
        assert person is not None and person.last_checkin_at == DUE
    ledger = await harness.rows(Roundup)
    assert [(r.month, r.items, r.recipients) for r in ledger] == [("2026-12", 5, 2)]


async def test_volunteers_get_a_card_to_read_out_and_print(harness: Harness) -> None:
    project_id = await project(harness)
    ids = await members(harness, project_id)
    await reply(harness, project_id, ids[ANN], Outcome.CHANGED, "the hall is cold", "Warmer now.")
    await plan(harness, DUE)
    val = next(r for r in await sent(harness) if r.chat_id == VAL)
    seen = told(val)
    assert plain(seen.text).startswith("To read out to your group:")
    assert len(plain(seen.text).split()) <= roundup.MAX_WORDS
    [(png, caption)] = seen.photos
    assert "Firth Park Coffee Morning" in caption
    card = Image.open(io.BytesIO(png))
    assert card.format == "PNG" and card.size == (870, 1245)  # A5, upright
    dark = sum(card.convert("L").histogram()[:100])  # pixels darker than mid-grey
    assert dark > 2000  # words on it, not a blank page


async def test_a_month_with_nothing_to_say_sends_nothing(harness: Harness) -> None:
    project_id = await project(harness)
    ids = await members(harness, project_id)
    await reply(harness, project_id, ids[ANN], Outcome.CANNOT, "a pony", "We can't, sorry.")
    assert await plan(harness, DUE) == ["firth-park"]  # looked at, and recorded
    assert await sent(harness) == []
    assert await plan(harness, DUE + timedelta(hours=2)) == []


async def test_planned_exactly_once_across_two_runs(harness: Harness) -> None:
    project_id = await project(harness)
    ids = await members(harness, project_id)
    await reply(harness, project_id, ids[ANN], Outcome.CHANGED, "the hall is cold", "Warmer now.")
    assert await plan(harness, DUE) == ["firth-park"]
    first = len(await sent(harness))
    # A reply sent later that day does not bring a second round-up this month.
    await reply(harness, project_id, ids[ANN], Outcome.CHANGED, "more tea", "More tea.", DUE)
    assert await plan(harness, DUE + timedelta(minutes=1)) == []
    assert await plan(harness, DUE + timedelta(days=3)) == []
    assert len(await sent(harness)) == first == 2


async def test_not_before_its_day_nor_outside_the_hours(harness: Harness) -> None:
    project_id = await project(harness)
    ids = await members(harness, project_id)
    await reply(harness, project_id, ids[ANN], Outcome.CHANGED, "the hall is cold", "Warmer now.")
    assert await plan(harness, datetime(2026, 12, 1, 8, 0, tzinfo=UTC)) == []  # before 10:00
    async with harness.db.transaction() as session:
        await session.execute(update(Project).values(roundup_day=2))
    # Its day is now the 2nd: on the 1st, November's (2 Oct to 2 Nov) is due, and has nothing.
    assert await plan(harness, DUE) == ["firth-park"]
    assert await sent(harness) == []
    assert await plan(harness, DUE + timedelta(days=1)) == ["firth-park"]
    assert len(await sent(harness)) == 2


async def test_programme_questions_results_go_back_to_who_was_asked(harness: Harness) -> None:
    project_id = await project(harness)
    ids = await members(harness, project_id)
    other = await project(harness, "elsewhere")
    carl = await add_member(harness.db, 8500, other, Role.PARTICIPANT, CREATED, "T8500")
    async with harness.db.transaction() as session:
        question = ProgrammeQuestion(text="How do you get to your group?", created_at=CREATED)
        session.add(question)
        await session.flush()
        for person_id in (ids[ANN], ids[BEN], carl):
            session.add(
                QuestionAsked(question_id=question.id, person_id=person_id, asked_at=IN_NOVEMBER)
            )
        session.add(
            Comment(
                project_id=project_id, person_id=ids[ANN], level=Level.COLLECTIVE,
                question_key=f"programme:{question.id}", text="By bus", chat_id=ANN,
                message_id=next(_ids), created_at=IN_NOVEMBER,
            )
        )  # fmt: skip
    # No replies from staff this month: only the question's results go, and only to Ann (Ben
    # has stopped; Val was not asked; Carl hears from his own group's round-up).
    assert sorted(await plan(harness, DUE)) == ["elsewhere", "firth-park"]
    rows = await sent(harness)
    assert sorted(r.chat_id for r in rows) == [ANN, 8500]
    text = plain(told(rows[0]).text)
    assert "“How do you get to your group?”" in text
    assert "1 of the 3 people asked" in text
    assert "By bus" not in text  # numbers only


async def test_forgetting_someone_takes_their_words_out_of_round_ups_not_yet_sent(
    harness: Harness,
) -> None:
    project_id = await project(harness)
    ids = await members(harness, project_id)
    long = "the hall is so very cold in the mornings that we all keep our coats on all day"
    await reply(harness, project_id, ids[BEN], Outcome.CHANGED, long, "The heating is on earlier.")
    await reply(harness, project_id, ids[ANN], Outcome.CHANGED, "more tea", "More tea now.")
    await plan(harness, DUE)
    before = told(next(r for r in await sent(harness) if r.chat_id == VAL))
    assert "the hall is so very cold" in before.text and before.photos  # cut short, with a card

    async with harness.db.transaction() as session:
        ben = await session.get(Person, ids[BEN])
        assert ben is not None
        await privacy.erase(session, deps_of(harness), ben)

    after = told(next(r for r in await sent(harness) if r.chat_id == VAL))
    removed = harness.prompts.plain("privacy.removed_words")
    assert "hall" not in after.text and removed in after.text
    assert "“more tea”\nMore tea now." in after.text  # others' words stay
    assert after.photos == []  # the card showed Ben's words, and a picture cannot be rewritten


async def test_mydata_names_a_round_up_but_leaves_out_others_words(harness: Harness) -> None:
    project_id = await project(harness)
    ids = await members(harness, project_id)
    await reply(harness, project_id, ids[BEN], Outcome.CHANGED, "the hall is cold", "Warmer now.")
    await plan(harness, DUE)
    async with harness.db.transaction() as session:
        mine = await privacy.my_data(session, deps_of(harness), ANN)
    (document,) = mine.documents
    content = "\n".join(harness.prompts.plain(line.key, **line.params) for line in document.lines)
    assert "the monthly round-up of what changed at your group" in content
    assert "the hall is cold" not in content  # Ben's words, in Ann's round-up


async def test_taken_off_the_project_their_round_up_is_not_sent(harness: Harness) -> None:
    project_id = await project(harness)
    ids = await members(harness, project_id)
    await reply(harness, project_id, ids[BEN], Outcome.CHANGED, "the hall is cold", "Warmer now.")
    await plan(harness, DUE)
    async with harness.db.transaction() as session:
        ann = await session.get(Person, ids[ANN])
        assert ann is not None
        left = await team.leave(session, ann, project_id, [Role.PARTICIPANT])
    assert left.skipped == 1
    statuses = {r.chat_id: r.status for r in await sent(harness)}
    assert statuses == {ANN: OutboxStatus.SKIPPED, VAL: OutboxStatus.PENDING}
