"""Typing works as well as tapping (issue 16, point 4): short replies read as the buttons or
commands they mean in the step they are typed in, through the real handlers; near misses, and
anything that sounds like danger, stay words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from bot import checkins
from storage.models import Comment, Dialogue, Kind, Membership, Person, ProgrammeQuestion, Role
from tests.support.harness import Harness, joined
from tests.support.offline import Call
from tests.support.seed import seed_project
from tests.support.team import add_member

ANN = 6101
FIRST_QUESTION = "What did you enjoy"
SECOND_QUESTION = "anything you'd change"


async def asked_first_question(harness: Harness, invite_code: str) -> list[Call]:
    calls = await harness.send(ANN, f"/start {invite_code}")
    calls = await harness.press_button(ANN, calls, "Yes")
    assert FIRST_QUESTION in joined(calls)
    return calls


async def state_of(harness: Harness) -> dict[str, object]:
    (found,) = await harness.rows(Dialogue)
    return dict(found.state)


SKIPS = [
    "skip", "Skip please", "skip this one", "Skip it!", "pass", "next question", "Next",
    "no thanks", "No thank you", "nope", "rather not say", "Rather not", "move on",
    "No comment",
]  # fmt: skip


@pytest.mark.parametrize("typed", SKIPS)
async def test_skip_typed_under_a_question_skips_it(
    harness: Harness, invite_code: str, typed: str
) -> None:
    await asked_first_question(harness, invite_code)
    reply = await harness.send(ANN, typed)
    assert SECOND_QUESTION in joined(reply) and "passed" not in joined(reply)
    assert await harness.count(Comment) == 0
    assert (await state_of(harness))["index"] == 1


STOPS = [
    "stop the questions", "Stop asking me questions please", "no more questions",
    "Enough questions!", "That's enough questions, thanks", "skip the rest",
    "Can we stop the questions?", "No more questions please", "that's enough",
]  # fmt: skip


@pytest.mark.parametrize("typed", STOPS)
async def test_stop_the_questions_ends_them_and_says_so_once(
    harness: Harness, invite_code: str, typed: str
) -> None:
    await asked_first_question(harness, invite_code)
    reply = await harness.send(ANN, typed)
    assert "no more questions for now" in joined(reply) and len(reply) == 1
    assert reply[0].buttons == [] and await harness.count(Comment) == 0
    assert await state_of(harness) == {}
    after = await harness.send(ANN, "The tea was lovely")
    assert "passed that on" in joined(after) and SECOND_QUESTION not in joined(after)
    (comment,) = await harness.rows(Comment)
    assert comment.question_key is None


HELPS = [
    "help", "Help!", "HELP", "what should I do?", "What do I type?", "what am i supposed to do",
    "How does this work?", "I don't understand", "what now?", "Which button?",
]  # fmt: skip


@pytest.mark.parametrize("typed", HELPS)
async def test_help_typed_mid_step_explains_that_step(
    harness: Harness, invite_code: str, typed: str
) -> None:
    await asked_first_question(harness, invite_code)
    before = await state_of(harness)
    reply = await harness.send(ANN, typed)
    assert "I'm asking a few questions about your group" in joined(reply)
    assert await harness.count(Comment) == 0 and await state_of(harness) == before
    answer = await harness.send(ANN, "The singing")
    assert SECOND_QUESTION in joined(answer)
    (comment,) = await harness.rows(Comment)
    assert (comment.text, comment.kind) == ("The singing", Kind.LIKED)


ABOUTS = [
    "what does this do?", "Who reads this?", "What is Natter?", "who are you", "Who sees this?",
    "Where does this go?", "Are you a real person?", "What's this for?", "what is this",
]  # fmt: skip


@pytest.mark.parametrize("typed", ABOUTS)
async def test_a_question_about_natter_gets_a_short_answer_not_passed_on(
    harness: Harness, invite_code: str, typed: str
) -> None:
    calls = await asked_first_question(harness, invite_code)
    for _ in range(4):
        calls = await harness.press_button(ANN, calls, "Skip")
    reply = await harness.send(ANN, typed)
    assert "I'm Natter" in joined(reply) and "never your name" in joined(reply)
    assert "passed" not in joined(reply) and await harness.count(Comment) == 0


OPT_OUTS = [
    "please stop sending me these", "Stop sending me these please", "Don't send me these",
    "take me off the list", "stop the check-ins", "No more check ins, thanks",
    "Please stop sending me these messages", "stop contacting me",
]  # fmt: skip


@pytest.mark.parametrize("typed", OPT_OUTS)
async def test_stop_sending_me_these_is_stop_asked_once(
    harness: Harness, invite_code: str, typed: str
) -> None:
    calls = await asked_first_question(harness, invite_code)
    for _ in range(4):
        calls = await harness.press_button(ANN, calls, "Skip")
    ask = await harness.send(ANN, typed)
    assert "Do you want me to stop sending you messages?" in joined(ask)
    done = await harness.press_button(ANN, ask, "Yes, please stop")
    assert "I won't send you any messages" in joined(done)
    (person,) = await harness.rows(Person)
    assert person.paused and await harness.count(Comment) == 0


YESES = ["yes", "Yes ok", "ok then", "Yeah", "yes please", "Sure", "go on then", "OK!", "yep"]
NOS = ["no", "no thanks", "No thank you", "nope", "not really", "nah", "No ta", "No!"]


async def asked_to_forget(harness: Harness, invite_code: str) -> None:
    calls = await asked_first_question(harness, invite_code)
    await harness.send(ANN, "The singing")
    ask = await harness.send(ANN, "/forget")
    assert "Are you sure?" in joined(ask) and calls


@pytest.mark.parametrize("typed", YESES)
async def test_yes_typed_to_forget_is_the_yes_button(
    harness: Harness, invite_code: str, typed: str
) -> None:
    await asked_to_forget(harness, invite_code)
    done = await harness.send(ANN, typed)
    assert "I've deleted everything I held about you" in joined(done)
    assert await harness.count(Person) == 0 and await harness.count(Comment) == 0


@pytest.mark.parametrize("typed", NOS)
async def test_no_typed_to_forget_keeps_everything(
    harness: Harness, invite_code: str, typed: str
) -> None:
    await asked_to_forget(harness, invite_code)
    kept = await harness.send(ANN, typed)
    assert "I've kept everything as it was" in joined(kept)
    (comment,) = await harness.rows(Comment)
    assert comment.text == "The singing"  # and "no" was not passed on


NEAR_MISSES = [
    "yes the tea was cold", "No biscuits again this week", "I'd skip the quiz next time",
    "Help with the shopping would be nice", "who reads this newsletter, it is far too long",
    "stop the questions at the quiz, they are too hard", "ok", "Good", "not great", "nothing much",
    "The next bus is too late", "no more cake please, we're all on diets",
]  # fmt: skip


@pytest.mark.parametrize("typed", NEAR_MISSES)
async def test_near_misses_are_answers_not_taps(
    harness: Harness, invite_code: str, typed: str
) -> None:
    """Longer words that merely contain a tap's word, and short answers no button under a
    question means ("ok" to "What did you enjoy?"), are kept as the answer."""
    await asked_first_question(harness, invite_code)
    reply = await harness.send(ANN, typed)
    assert SECOND_QUESTION in joined(reply) and "Do you want me to stop" not in joined(reply)
    (comment,) = await harness.rows(Comment)
    assert comment.text == typed and comment.question_key == "enjoyed"


@pytest.mark.parametrize(
    "typed",
    # "what do I do" alone is no longer heard since the 2026-12-07 retraining (the model's 0.73
    # is under its 0.85 with no cue): asked for in the closing note, kept here beside "help".
    ["help me I can't go on any more", "help what do I do", "I've had enough of the questions"],
)
async def test_what_sounds_like_danger_gets_help_first_never_a_tap(
    harness: Harness, invite_code: str, typed: str
) -> None:
    """Safeguarding reads first and errs towards help: what it hears a concern in is never a
    command or a skip, even where the same words are an intent's phrasing."""
    await asked_first_question(harness, invite_code)
    reply = await harness.send(ANN, typed)
    assert "I've told the team" in joined(reply) and "I'm asking a few questions" not in joined(
        reply
    )
    assert "no more questions" not in joined(reply)
    assert await harness.count(Comment) == 1


# --- check-ins: moods typed, then "no" to "anything else?" ---------------------------------

JOINED = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
TEN = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


async def checked_in(harness: Harness) -> None:
    seeded = await seed_project(harness.db, now=JOINED)
    await add_member(harness.db, ANN, seeded.project_id, Role.PARTICIPANT, JOINED, "T1")
    harness.clock.moment = TEN
    assert await checkins.plan_checkins(harness.db, harness.app.bot_data.deps, TEN) == 1
    assert (await state_of(harness))["step"] == "checkin"


MOODS = [
    ("good", "good"), ("Really good, thanks", "good"), ("lovely", "good"), ("Not bad", "good"),
    ("fine thanks", "good"), ("brilliant!", "good"), ("all good", "good"), ("great", "good"),
    ("ok", "ok"), ("so-so", "ok"), ("not too bad", "ok"), ("mustn't grumble", "ok"),
    ("alright", "ok"), ("fair to middling", "ok"), ("could be worse", "ok"), ("okay", "ok"),
    ("not great", "not_great"), ("Not so good", "not_great"), ("rubbish", "not_great"),
    ("bad", "not_great"), ("could be better", "not_great"), ("poor", "not_great"),
    ("not the best", "not_great"), ("not very good", "not_great"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "mood"), MOODS)
async def test_a_mood_typed_under_a_checkin_is_its_button(
    harness: Harness, typed: str, mood: str
) -> None:
    await checked_in(harness)
    reply = await harness.send(ANN, typed)
    assert "Anything you'd like to tell the team?" in joined(reply)
    (note,) = await harness.rows(Comment)
    assert (note.kind, note.mood) == (Kind.MOOD, mood)


DONES = [
    "no", "No thanks", "that's all", "Nothing else", "No, that's it", "nothing", "all done",
    "Nothing more, thank you", "nope",
]  # fmt: skip


@pytest.mark.parametrize("typed", DONES)
async def test_no_to_anything_else_is_not_feedback(harness: Harness, typed: str) -> None:
    await checked_in(harness)
    await harness.send(ANN, "good")
    done = await harness.send(ANN, typed)
    assert "Speak soon" in joined(done) and "passed" not in joined(done)
    assert [c.kind for c in await harness.rows(Comment)] == [Kind.MOOD]
    assert await state_of(harness) == {}


async def test_more_words_after_a_typed_mood_are_passed_on(harness: Harness) -> None:
    await checked_in(harness)
    await harness.send(ANN, "not great")
    said = await harness.send(ANN, "No, but the hall was freezing")
    assert "passed that on" in joined(said)
    texts = sorted(c.text or "" for c in await harness.rows(Comment))
    assert texts == ["Check-in: Not great", "No, but the hall was freezing"]


@pytest.mark.parametrize("typed", ["not now", "No thanks", "skip", "pass", "not today"])
async def test_no_thanks_to_a_checkin_is_not_now(harness: Harness, typed: str) -> None:
    await checked_in(harness)
    reply = await harness.send(ANN, typed)
    assert "I'll leave it for a week" in joined(reply)
    (person,) = await harness.rows(Person)
    assert person.checkins_paused_until is not None
    assert person.checkins_paused_until.replace(tzinfo=UTC) == TEN + timedelta(days=7)


@pytest.mark.parametrize(
    ("typed", "stops"), [*((y, True) for y in YESES), *((n, False) for n in NOS)]
)
async def test_yes_or_no_typed_to_stop_messages_answers_it(
    harness: Harness, invite_code: str, typed: str, stops: bool
) -> None:
    """Asked once ("Do you want me to stop?"), a typed yes or no answers like the buttons, and
    they are back where they were: here, still being asked the first question."""
    await asked_first_question(harness, invite_code)
    ask = await harness.send(ANN, "please stop sending me these")
    assert "Do you want me to stop sending you messages?" in joined(ask)
    answer = await harness.send(ANN, typed)
    assert ("I won't send you any messages" if stops else "I'll carry on") in joined(answer)
    (person,) = await harness.rows(Person)
    assert person.paused is stops and await harness.count(Comment) == 0
    state = await state_of(harness)
    assert (state["step"], state["index"]) == ("questions", 0)


async def test_good_typed_to_a_programme_question_is_its_answer_not_a_mood(
    harness: Harness,
) -> None:
    """A programme question comes with no moods to tap, so "good" there is what they said."""
    seeded = await seed_project(harness.db, now=JOINED)
    await add_member(harness.db, ANN, seeded.project_id, Role.PARTICIPANT, JOINED, "T1")
    async with harness.db.transaction() as session:
        session.add(ProgrammeQuestion(text="Is the bus easy?", active=True, created_at=JOINED))
        await session.execute(update(Membership).values(checkin_turn=1))  # its turn
    harness.clock.moment = TEN
    assert await checkins.plan_checkins(harness.db, harness.app.bot_data.deps, TEN) == 1
    reply = await harness.send(ANN, "good")
    assert "people who run all the groups" in joined(reply)
    (answer,) = await harness.rows(Comment)
    assert answer.text == "good" and answer.mood is None and answer.kind is not Kind.MOOD
    assert (answer.question_key or "").startswith("programme:")


@pytest.mark.parametrize("typed", ["help", "What is this?", "who are you", "How does this work?"])
async def test_help_from_someone_not_yet_joined_says_how_to_join(
    harness: Harness, typed: str
) -> None:
    reply = await harness.send(ANN, typed)
    assert "To join, tap the link from your group" in joined(reply)
    assert "haven't kept your message" not in joined(reply) and await harness.count(Person) == 0


async def test_anything_else_from_someone_not_yet_joined_is_not_kept(harness: Harness) -> None:
    reply = await harness.send(ANN, "The hall is cold")
    assert "haven't kept your message" in joined(reply) and await harness.count(Comment) == 0
