"""The digest as issue 15 asks: themes first, quotes chosen for usefulness, the week against the
last one, and "you said, we did" pairs; then the same read from a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from bot.core import Period
from bot.digests.building import build_project
from bot.digests.project_digest import project_digest
from bot.digests.week import DigestComment, ProjectWeek, ReplyLine
from bot.language import load_stopwords
from bot.language.themes import load_themes
from prompts import Prompts
from storage.models import Comment, Kind, Project, Reading, Role
from tests.support.harness import Harness
from tests.support.seed import seed_project
from tests.support.team import add_comment, add_member

START, END = date(2026, 11, 16), date(2026, 11, 23)
MONDAY = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
STOP = load_stopwords()
THEMES = load_themes().cues.topics


def said(
    text: str | None,
    who: str | None = "K1",
    *,
    kind: str = "other",
    reading: str | None = "remark",
    themes: tuple[tuple[str, bool], ...] = (),
    hours: float = 0,
    agreement: str | None = None,
    place: str | None = None,
) -> DigestComment:
    return DigestComment(
        MONDAY + timedelta(hours=hours), who, kind, text, None, None, "Firth Park",
        place=place, agreement=agreement, reading=reading, themes=themes,
    )  # fmt: skip


def digest(prompts: Prompts, comments: list[DigestComment], **week: object) -> str:
    found = ProjectWeek("Firth Park", "Age UK", comments, 0, **week)  # type: ignore[arg-type]
    return "\n".join(project_digest(prompts, found, START, END, STOP, THEMES))


def test_every_theme_in_the_codebook_has_a_name_for_staff(prompts: Prompts) -> None:
    for theme in THEMES:
        assert prompts.plain(f"digest.theme.{theme}").strip(), theme


def test_themes_come_first_most_people_first_with_their_mood_and_a_quote(
    prompts: Prompts,
) -> None:
    bus = (("transport", False),)
    comments = [
        said("the bus stop is a long walk", "K1", themes=bus, reading="suggestion"),
        said("the 97 never comes on time", "K2", themes=bus, hours=1),
        said("the driver was kind", "K3", themes=(("transport", True),), hours=2),
        said("lovely scones", "K4", themes=(("food", True),), hours=3),
    ]
    text = digest(prompts, comments)
    block = text.split("<b>What it was about</b>\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert block == [
        "• Transport: 3 people, mostly unhappy: “the bus stop is a long walk”",
        "• Food and drink: 1 person, mostly happy: “lovely scones”",
    ]
    assert text.index("What it was about") < text.index("Other comments")
    assert "came up often" not in text  # themes stand instead of frequent words


def test_mixed_views_and_group_comments_count_once_each(prompts: Prompts) -> None:
    hall = "the church hall"
    comments = [
        said("warm hall", "K1", themes=(("venue", True),)),
        said("the hall is cold", None, themes=(("venue", False),), place=hall, agreement="few"),
        said("chairs are hard", None, themes=(("venue", False),), place=hall, hours=1),
        said("nice room", "K1", themes=(("venue", True),), hours=2),
    ]
    text = digest(prompts, comments)
    assert "• Venue and access: 3 people, mixed views: “" in text


def test_suggestions_and_questions_lead_wherever_they_were_said(prompts: Prompts) -> None:
    comments = [
        said("Lovely morning", kind="liked", reading="praise"),
        said("are we going to Cleethorpes this year?", "K2", reading="question", hours=1),
        said("could we have a trip in the spring", "K3", kind="liked", reading="suggestion"),
    ]
    text = digest(prompts, comments)
    assert "<b>Questions for you</b> (1)" in text
    assert "<b>What people would change</b> (1)" in text
    assert "<b>What people liked</b> (1)" in text
    order = [text.index(h) for h in ("would change", "Questions for you", "What people liked")]
    assert order == sorted(order)


def test_a_small_section_is_quoted_whole_and_a_big_one_picks_the_useful(
    prompts: Prompts,
) -> None:
    five = [said(f"remark number {i}", f"P{i}", hours=i) for i in range(5)]
    assert digest(prompts, five).count("• “remark number") == 5
    many = [said(f"remark number {i}", f"P{i}", hours=i) for i in range(9)]
    room = said("the urn is too slow", None, place="the library", agreement="most", hours=4.5)
    ask = said("please can we have a bigger urn", "Q1", reading="suggestion", hours=6.5)
    text = digest(prompts, [*many, room, ask])
    assert "<b>Other comments</b> (10)" in text  # the suggestion leads its own section
    assert "most of the room agreed: “the urn is too slow”" in text


def test_empty_answers_are_counted_but_never_quoted(prompts: Prompts) -> None:
    comments = [said("-", "K1"), said("...", "K2", hours=1), said("the tea was hot", "K3", hours=2)]
    text = digest(prompts, comments)
    assert "<b>Other comments</b> (3)" in text
    assert "“-”" not in text and "“...”" not in text and "“the tea was hot”" in text


def test_the_week_against_the_last_and_new_people(prompts: Prompts) -> None:
    three = [said(f"comment {i}", f"P{i}", hours=i) for i in range(3)]
    assert "2 more than last week." in digest(prompts, three, last_week=1)
    assert "4 fewer than last week." in digest(prompts, three, last_week=7)
    assert "As many as last week." in digest(prompts, three, last_week=3)
    assert "2 people joined this week." in digest(prompts, three, new_people=2)
    assert "1 person joined this week." in digest(prompts, three, new_people=1)
    assert "last week" not in digest(prompts, three)


def test_you_said_we_did(prompts: Prompts) -> None:
    replies = [
        ReplyLine("changed", "The heating comes on at 8 now.", 3, "the hall is <cold>"),
        ReplyLine("looking", "We are asking the council.", 1, None),
    ]
    text = digest(prompts, [said("hello there all")], replies=replies)
    assert "<b>You said, we did</b> (2)" in text
    assert (
        "• You said: “the hall is &lt;cold&gt;” (3 people raised it).\n"
        "   We changed this: “The heating comes on at 8 now.”"
    ) in text
    assert "• We're looking into it: “We are asking the council.” (answers 1)" in text


async def test_read_from_the_database(harness: Harness) -> None:
    """Themes (staff's own winning), readings, last week's count and new people, as stored."""
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    seeded = await seed_project(harness.db, now=monday - timedelta(days=30))
    project = seeded.project_id
    ann = await add_member(
        harness.db, 902, project, Role.PARTICIPANT, monday - timedelta(days=3), "A1"
    )
    bob = await add_member(
        harness.db, 903, project, Role.PARTICIPANT, monday - timedelta(days=20), "B2"
    )
    this_week, last_week = monday - timedelta(days=3), monday - timedelta(days=10)
    await add_comment(harness.db, ann, project, "the bus stop is a long walk", this_week)
    await add_comment(harness.db, bob, project, "the minibus was late", this_week, Kind.CHANGE)
    await add_comment(harness.db, bob, project, "no that's all", this_week)
    for n in range(4):
        await add_comment(harness.db, bob, project, f"week before {n}", last_week)
    async with harness.db.transaction() as session:
        await session.execute(
            update(Comment).where(Comment.text == "no that's all")
            .values(reading=Reading.NOT_FEEDBACK)
        )  # fmt: skip
        await session.execute(
            update(Comment).where(Comment.text.like("the bus%"))
            .values(themes={"transport": True}, staff_themes={"transport": False},
                    reading=Reading.SUGGESTION)
        )  # fmt: skip
        await session.execute(
            update(Comment).where(Comment.text.like("the minibus%"))
            .values(themes={"transport": False})
        )  # fmt: skip
        found = await session.get(Project, project)
        assert found is not None
        period = Period(monday - timedelta(days=7), monday, START, END, monday)
        built = await build_project(session, harness.app.bot_data.deps, found, period)
    text = "\n".join(built.parts)
    assert "2 comments from 2 people. 2 fewer than last week." in text
    assert "1 person joined this week." in text
    assert "• Transport: 2 people, mostly unhappy: “the bus stop is a long walk”" in text
    assert "no that's all" not in text
