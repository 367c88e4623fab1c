"""What /did keeps, read back where every "you said, we did" is read: the digest, /report and
`natter report` (the small-number rule never hiding it), names kept out, never waiting in
/replies, nobody told, and still there after /forget. Through the real handlers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import roundup
from bot.reports.pairs import Pair, pair_lines
from prompts import Prompts
from storage.models import Comment, GroupSession, Outbox, Person, Project, Response, Role
from tests.did.test_did import STAFF, did, everything
from tests.did.test_did import seeded as seeded  # the fixture: a project and its staff
from tests.support.cli import natter
from tests.support.harness import Harness, join, joined, suggest
from tests.support.seed import Seeded
from tests.support.team import add_member

ANN, VOL, PIP = 8600, 8700, 8800
PAIR = (
    "• You said: “The urn takes ages to boil” (heard by the team: the Tuesday coffee morning)."
    "\n   We changed this: “We bought a second urn.”"
)
REPORT_PAIR = (
    "• You said: “The urn takes ages to boil” (heard by the team: the Tuesday coffee morning). "
    "We changed this: “We bought a second urn.”"
)
NOVEMBER = ("--from", "2026-11-01", "--to", "2026-11-30")


async def saved(harness: Harness, **answers: str) -> None:
    await harness.press_button(STAFF, await did(harness, **answers), "Save")


async def test_the_pair_is_in_the_digest(harness: Harness, seeded: Seeded) -> None:
    # A volunteer's group the same week: it stays the only group noted by volunteers.
    await join(harness, VOL, seeded.volunteer_code)
    calls = await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "Firth Park library")
    calls = await harness.press_button(VOL, calls, "Today")
    await harness.press_button(VOL, calls, "6 to 10")
    await harness.send(VOL, "Lovely scones")
    await harness.send(VOL, "done")
    await saved(harness)

    digest = joined(await harness.send(STAFF, "/digest"))
    assert "<b>You said, we did</b> (1)\n" + PAIR in digest
    assert (
        "• Heard by the team (the Tuesday coffee morning): “The urn takes ages to boil”" in digest
    )
    assert "<b>Groups noted by volunteers</b> (1)\n• Firth Park library" in digest
    assert "Tuesday coffee morning, 2 Nov" not in digest  # not listed as a group
    assert "1 suggestion is waiting" in digest  # the volunteer's note; /did had its reply


async def test_the_pair_is_in_report_and_natter_report(
    harness: Harness, seeded: Seeded, database_url: str
) -> None:
    await saved(harness)
    await harness.press(STAFF, "report:dates")
    calls = await harness.send(STAFF, "1/11 to 30/11")
    text = joined([c for c in calls if c.method == "sendMessage"])
    assert "<b>You said, we did (1)</b>\n" + REPORT_PAIR in text
    # The team's own work counts as a suggestion answered with a change, not as a group.
    for line in ("Suggestions made: 1", "Replies sent: 1", "Changes made: 1"):
        assert line in text
    assert "Groups noted by volunteers: 0" in text and "People reached at groups: 0" in text

    made = await natter(database_url, "report", "--project", "firth-park", *NOVEMBER)
    assert made.code == 0, made.err
    assert "**You said, we did (1)**\n" + REPORT_PAIR in made.out
    # The programme's numbers hide counts of people under 5, never the team's own work.
    everyone = await natter(database_url, "report", "--programme", *NOVEMBER)
    assert everyone.code == 0, everyone.err
    assert REPORT_PAIR in everyone.out and "fewer than 5 people raised it" not in everyone.out
    assert "Replies sent: fewer than 5" in everyone.out  # the figures still follow the rule


def test_small_numbers_hide_people_never_the_teams_own_work(prompts: Prompts) -> None:
    pairs = [
        Pair("changed", "the urn is slow", 1, "A second urn.", heard_at="the coffee morning"),
        Pair("looking", "the hall is cold", 2, "We asked the church."),
    ]
    hidden = pair_lines(prompts, pairs, small_numbers=True, html=False)
    assert "(heard by the team: the coffee morning). We changed this" in hidden[2]
    assert "(fewer than 5 people raised it)" in hidden[3]
    shown = pair_lines(prompts, pairs, small_numbers=False, html=False)
    assert "(heard by the team: the coffee morning)" in shown[2]
    assert "(2 people raised it)" in shown[3]


async def test_names_are_kept_out_wherever_it_is_read(
    harness: Harness, seeded: Seeded, database_url: str
) -> None:
    read_back = await did(
        harness,
        place="with Mrs Patel at the coffee morning",
        said="Doreen Smith told us the urn takes ages to boil",
        done="We told Doreen we bought a second urn.",
    )
    # The read-back already shows it as it will be kept.
    assert "Doreen" not in joined(read_back) and "Patel" not in joined(read_back)
    await harness.press_button(STAFF, read_back, "Save")
    (comment,) = await harness.rows(Comment)
    (group,) = await harness.rows(GroupSession)
    (response,) = await harness.rows(Response)
    # The words as said are kept for safeguarding only; staff and reports read `quoted`.
    assert comment.text == "Doreen Smith told us the urn takes ages to boil"
    assert comment.quoted == "[name] told us the urn takes ages to boil"
    assert group.place == "with [name] at the coffee morning"
    assert response.text == "We told [name] we bought a second urn."

    digest = await harness.send(STAFF, "/digest")
    assert "• You said: “[name] told us the urn takes ages to boil”" in joined(digest)
    exported = await harness.press(STAFF, "export:this_week")
    csv_files = [
        c.params["document"]["content"].decode() for c in exported if c.method == "sendDocument"
    ]
    assert csv_files and "[name] told us the urn" in csv_files[0]
    made = await natter(database_url, "report", "--project", "firth-park", *NOVEMBER)
    for read in (joined(digest), csv_files[0], made.out):
        assert "Doreen" not in read and "Patel" not in read and "Smith" not in read
    # Nor is a place with a name taken out offered as a button next time.
    calls = await harness.send(STAFF, "/did")
    assert [label for label, _ in calls[-1].buttons] == ["Cancel"]


async def test_it_never_waits_in_replies(harness: Harness, seeded: Seeded) -> None:
    await saved(harness)
    assert "no suggestions waiting" in joined(await harness.send(STAFF, "/replies"))
    await suggest(harness, ANN, seeded.participant_code, "The hall is cold")
    listing = joined(await harness.send(STAFF, "/replies"))
    assert "waiting for a reply</b> (1)" in listing and "The hall is cold" in listing
    assert "urn" not in listing


async def test_a_we_will_can_be_updated_and_still_nobody_is_told(
    harness: Harness, seeded: Seeded
) -> None:
    await saved(harness, outcome="We're looking into it", done="We'll ask about a new urn.")
    listing = await harness.send(STAFF, "/replies")
    pick = await harness.press_button(STAFF, listing, "Update an earlier reply")
    assert "We'll ask about a new urn." in joined(pick)
    calls = await harness.press_button(STAFF, pick, "1")
    calls = await harness.press_button(STAFF, calls, "We've changed this")
    preview = await harness.send(STAFF, "We bought a second urn.")
    sent = await harness.press_button(STAFF, preview, "Send it")
    assert "Nobody can be told right now" in joined(sent)
    (response,) = await harness.rows(Response)
    assert response.version == 2 and response.text == "We bought a second urn."
    assert not [row for row in await harness.rows(Outbox) if row.kind == "reply"]
    assert PAIR in joined(await harness.send(STAFF, "/digest"))


async def test_forgetting_a_participant_leaves_it_as_it_was(
    harness: Harness, seeded: Seeded
) -> None:
    await suggest(harness, ANN, seeded.participant_code, "The urn takes ages to boil")
    await saved(harness)
    kept = await everything(harness)
    ask = await harness.send(ANN, "/forget")
    await harness.press_button(ANN, ask, "Yes, delete it all")
    assert await harness.count(Person, Person.telegram_id == ANN) == 0
    after = await everything(harness)
    # Ann's own comment went; everything of /did is as it was.
    assert after["sessions"] == kept["sessions"] and after["responses"] == kept["responses"]
    assert [c for c in after["comments"]] == [c for c in kept["comments"] if c[2] is not None]
    assert PAIR in joined(await harness.send(STAFF, "/digest"))


async def test_forgetting_the_staff_member_keeps_the_pair(harness: Harness, seeded: Seeded) -> None:
    await saved(harness)
    ask = await harness.send(STAFF, "/forget")
    await harness.press_button(STAFF, ask, "Yes, delete it all")
    (comment,) = await harness.rows(Comment)
    (response,) = await harness.rows(Response)
    assert comment.chat_id < 0 and response.staff_id is None  # nothing points at them
    await add_member(harness.db, 8900, seeded.project_id, Role.STAFF, harness.clock.now(), "Q4")
    assert PAIR in joined(await harness.send(8900, "/digest"))


async def test_the_monthly_round_up_tells_the_group(harness: Harness, seeded: Seeded) -> None:
    """Nobody is sent the pair; the group's monthly round-up tells what changed, as it does for
    every reply, with the words as staff read them."""
    await saved(harness, said="Doreen said the urn takes ages to boil")
    deps = harness.app.bot_data.deps
    month = roundup.Month(
        "2026-12", datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    )
    async with harness.db.transaction() as session:
        project = await session.get(Project, seeded.project_id)
        assert project is not None
        told = await roundup.read(session, deps, project, month)
    assert told is not None
    (item,) = told.items
    assert (item.said, item.did) == (
        "[name] said the urn takes ages to boil",
        "We bought a second urn.",
    )


@pytest.mark.parametrize("outcome", ["We've changed this", "We're looking into it"])
async def test_the_digest_counts_it_as_answered(
    harness: Harness, seeded: Seeded, outcome: str
) -> None:
    await saved(harness, outcome=outcome)
    digest = joined(await harness.send(STAFF, "/digest"))
    assert "Suggestions made: 1. Answered so far: 1." in digest
