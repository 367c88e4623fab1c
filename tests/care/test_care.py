"""Safeguarding: help at once for the person, an alert at once for staff, and care in the digest."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import digests
from bot.core.weeks import week_so_far
from bot.language import load_detector
from bot.team import requests as team
from storage.models import Comment, Outbox, Person, Project
from tests.support.harness import Harness, join, joined, texts
from tests.support.outbox import told
from tests.support.seed import Seeded, seed_project

RELAYED = (
    "Thank you for telling me. I've told the team at Age UK Sheffield now. "
    "If they are in danger right now, call 999."
)
STAFF, ANN, VOL, STRANGER, OTHER_STAFF = 6100, 6200, 6300, 6400, 6500
# The most urgent number of each topic (prompts/safeguarding.yaml), in the help's first line.
FIRST_NUMBER = {topic: load_detector().help(topic)[0].number for topic in load_detector().topics}


def helped(reply: str, topic: str | None = None) -> bool:
    """The reply begins with help: the topic's most urgent number (any topic's) in line one."""
    first = reply.split("\n")[0]
    numbers = [FIRST_NUMBER[topic]] if topic else list(FIRST_NUMBER.values())
    return any(number in first for number in numbers)


@pytest.fixture
async def seeded(harness: Harness) -> Seeded:
    seeded = await seed_project(harness.db)
    other = await seed_project(harness.db, slug="walk", name="Monday Walkers")
    await join(harness, STAFF, seeded.staff_code)
    await join(harness, OTHER_STAFF, other.staff_code)
    calls = await join(harness, ANN, seeded.participant_code)
    for _ in range(4):
        calls = await harness.press_button(ANN, calls, "Skip")
    return seeded


def alerts_to(rows: list[Outbox], chat: int) -> list[Outbox]:
    return [r for r in rows if r.kind == "alert" and r.chat_id == chat]


async def test_every_topic_gets_help_and_an_alert(harness: Harness, seeded: Seeded) -> None:
    """Two cues of each topic through the handlers (every cue is read in
    test_safeguarding_detection)."""
    detector = load_detector()
    phrases = [
        c.phrase.replace("...", "then")
        for topic in detector.topics
        for c in [c for c in detector.phrases if c.topic == topic][:2]
    ]
    topics = [
        topic
        for topic in detector.topics
        for c in [c for c in detector.phrases if c.topic == topic][:2]
    ]
    for number, (phrase, topic) in enumerate(zip(phrases, topics, strict=True)):
        reply = joined(
            await harness.send(ANN, f"Well, {phrase.upper()}!!", message_id=1000 + number)
        )
        assert helped(reply, topic), phrase
        assert "0114 250 2850" in reply  # the partner's own contact
        harness.clock.advance(seconds=61)  # apart: a burst gets one help reply (test_throttle)
    flagged = await harness.rows(Comment, Comment.flagged.is_(True))
    assert len(flagged) == len(phrases)
    alerts = alerts_to(await harness.rows(Outbox), STAFF)
    assert len(alerts) == len(phrases) and all(a.priority == 0 for a in alerts)
    assert alerts_to(await harness.rows(Outbox), OTHER_STAFF) == []  # another project's staff


@pytest.mark.parametrize(
    "words", ["I cant cope anymore", "i wanna die", "We have NO HEATIN at all", "I've been scamed"]
)
async def test_misspellings_still_get_help(harness: Harness, seeded: Seeded, words: str) -> None:
    assert helped(joined(await harness.send(ANN, words)))
    assert len(alerts_to(await harness.rows(Outbox), STAFF)) == 1


@pytest.mark.parametrize(
    "words",
    [
        "I want to k\u200bill my\u00adself",  # zero-width space and soft hyphen
        "I \u0441\u0430n't g\u043e \u043en",  # Cyrillic letters that look Latin
        "I want to di\u0301e",  # a combining accent
    ],
)
async def test_hidden_characters_do_not_hide_danger(
    harness: Harness, seeded: Seeded, words: str
) -> None:
    assert helped(joined(await harness.send(ANN, words)), "self_harm")
    assert len(alerts_to(await harness.rows(Outbox), STAFF)) == 1


@pytest.mark.parametrize(
    "words",
    [
        "I killed it at bingo",
        "This cake is to die for",
        "The heating was lovely and warm",
        "We've cancelled the milk for a fortnight, we're off on a cruise",  # section 22
    ],
)
async def test_ordinary_words_do_not(harness: Harness, seeded: Seeded, words: str) -> None:
    reply = joined(await harness.send(ANN, words))
    assert not helped(reply) and "passed that on" in reply
    assert await harness.count(Comment, Comment.flagged.is_(True)) == 0
    assert alerts_to(await harness.rows(Outbox), STAFF) == []


async def test_a_fall_now_beside_one_last_year_gets_help(harness: Harness, seeded: Seeded) -> None:
    words = "I had a fall last year and I've fallen again and can't get up"
    assert helped(joined(await harness.send(ANN, words)), "falls")
    assert len(alerts_to(await harness.rows(Outbox), STAFF)) == 1


async def test_a_stranger_gets_help_and_nothing_is_kept(harness: Harness, seeded: Seeded) -> None:
    calls = await harness.send(STRANGER, "I can't cope")
    reply = joined(calls)
    assert helped(reply, "self_harm") and "told the team" not in reply
    assert all(not c.buttons for c in calls)  # nothing kept to answer about
    assert await harness.count(Comment, Comment.chat_id == STRANGER) == 0


async def test_a_volunteers_note_raises_a_group_alert(harness: Harness, seeded: Seeded) -> None:
    await join(harness, VOL, seeded.volunteer_code)
    calls = await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "Firth Park library")
    calls = await harness.press_button(VOL, calls, "Today")
    await harness.press_button(VOL, calls, "1 to 5")
    calls = await harness.send(VOL, "One lady said she has no food at home")
    first, *rest = texts(calls)
    assert first == RELAYED and "1 so far" in "\n".join(rest)
    (alert,) = alerts_to(await harness.rows(Outbox), STAFF)
    assert "passed on something from Firth Park library" in told(alert).text


async def test_flagged_words_stay_out_of_the_digest_until_looked_at(
    harness: Harness, seeded: Seeded
) -> None:
    await harness.send(ANN, "The quiz was fun")
    await harness.send(ANN, "Some days I want to die")
    (project,) = await harness.rows(Project, Project.id == seeded.project_id)
    deps = harness.app.bot_data.deps
    period = week_so_far(harness.clock.now(), 0, deps.timezone)

    async def digest_and_csv() -> tuple[str, str]:
        async with harness.db.transaction() as session:
            built = await digests.build_project(session, deps, project, period)
            csv = await team.project_csv(session, deps, project, period.first_day, period.end_day)
        return "\n".join(built.parts), csv or ""

    text, csv = await digest_and_csv()
    assert "1 message needed follow-up." in text
    assert "want to die" not in text and "want to die" not in csv and "The quiz was fun" in csv

    assert "for the team" in joined(await harness.send(ANN, "/flagged"))
    listing = await harness.send(STAFF, "/flagged")
    assert "Some days I want to die" in joined(listing)
    (flagged,) = await harness.rows(Comment, Comment.flagged.is_(True))
    forged = await harness.press(OTHER_STAFF, f"flg:{flagged.id}")
    assert texts(forged) == []
    done = await harness.press_button(STAFF, listing, "Looked at 1")
    assert "marked that message as looked at" in joined(done)
    await harness.send(STAFF, "Rang her daughter, all OK.")
    (flagged,) = await harness.rows(Comment, Comment.flagged.is_(True))
    assert flagged.reviewed_at is not None and flagged.review_note == "Rang her daughter, all OK."
    text, csv = await digest_and_csv()
    assert "want to die" in csv and "1 message needed follow-up." in text
    assert "no messages that need a look" in joined(await harness.send(STAFF, "/flagged"))


async def test_alerts_go_before_digests(harness: Harness, seeded: Seeded) -> None:
    harness.clock.advance(days=1)
    await harness.send(ANN, "I fell over and can't get up")
    rows = sorted(await harness.rows(Outbox), key=lambda r: (r.priority, r.id))
    assert rows[0].kind == "alert"
    assert rows[0].next_attempt_at <= harness.clock.now() + timedelta(seconds=1)


async def test_an_alert_still_queued_goes_with_someone_who_forgets(
    harness: Harness, seeded: Seeded
) -> None:
    """It quotes them and is only about them; staff could not reach them any more anyway."""
    await harness.send(ANN, "I can't cope")
    (alert,) = alerts_to(await harness.rows(Outbox), STAFF)
    (ann,) = await harness.rows(Person, Person.telegram_id == ANN)
    assert f"Person {ann.pseudonym} at <b>Firth Park Coffee Morning</b>" in told(alert).text
    ask = await harness.send(ANN, "/forget")
    await harness.press_button(ANN, ask, "Yes, delete it all")
    assert alerts_to(await harness.rows(Outbox), STAFF) == []
