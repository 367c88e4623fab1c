"""A voice note's words read back, screened like typed words, and listened to by staff.

These flows use an engine that hears a known sentence (the real engine has tests/voice/
test_engines.py and test_end_to_end.py); everything else is the real bot through the offline seam.
"""

from __future__ import annotations

from bot import voice
from storage.models import Comment, Heard, Outbox
from tests.support.harness import Harness, join, joined
from tests.support.outbox import told
from tests.support.seed import Seeded
from tests.support.voice import ANN, STAFF, VOL, Hear, press, read_back, the_note


async def test_heard_words_are_read_back_and_confirmed(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("The hall was cold today", 0.9)
    assert "passed it on" in joined(await harness.voice(ANN, 9))
    said = await read_back(harness, worker)
    assert said.text == "I heard:\n“The hall was cold today”\nDid I get that right?"
    assert [label for row in said.buttons for label, _ in row] == ["Yes", "Not quite", "Skip"]
    note = await the_note(harness)
    assert (note.transcript, note.transcript_status) == (
        "The hall was cold today",
        Heard.UNCONFIRMED,
    )
    assert note.voice_file_id == "voice-7200-9"  # kept beside the words
    assert "That's what I've passed on" in await press(harness, said, "Yes")
    assert (await the_note(harness)).transcript_status is Heard.CONFIRMED
    assert await press(harness, said, "Yes") == ""  # answered already: the press changes nothing


async def test_not_quite_asks_them_to_type_it_and_keeps_their_words(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("The whole was cold", 0.8)
    await harness.voice(ANN)
    said = await read_back(harness, worker)
    assert "type it for me" in await press(harness, said, "Not quite")
    assert "put that right" in joined(await harness.send(ANN, "The hall was cold"))
    note = await the_note(harness)
    assert (note.transcript, note.transcript_status) == ("The hall was cold", Heard.CORRECTED)
    assert note.needs_listening  # staff listen too: the engine got it wrong
    # Back where they were: the next message is a comment of its own.
    assert "passed that on" in joined(await harness.send(ANN, "And the tea was lovely"))


async def test_skip_leaves_it_unconfirmed(harness: Harness, seeded: Seeded, hear: Hear) -> None:
    worker = hear("The tea was lovely", 0.9)
    await harness.voice(ANN)
    assert "kept your voice message" in await press(
        harness, await read_back(harness, worker), "Skip"
    )
    assert (await the_note(harness)).transcript_status is Heard.UNCONFIRMED


async def test_an_unsure_note_offers_typing_and_goes_on_the_listen_list(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("mumble the hole", 0.2)
    await harness.voice(ANN, 12)
    said = await read_back(harness, worker)
    assert "I couldn't quite catch that" in said.text and "mumble" not in said.text
    assert [label for row in said.buttons for label, _ in row] == ["Type it", "Skip"]
    listing = await harness.send(STAFF, "/listen")
    text = joined(listing)
    assert "Please listen to these 1 voice messages" in text
    assert "12 seconds" in text and "mumble the hole" in text and "Person " in text
    calls = await harness.press_button(STAFF, listing, "Listen 1")
    (sent,) = [c for c in calls if c.method == "sendVoice"]
    assert sent.params["voice"] == "voice-7200-12" and int(sent.params["chat_id"]) == STAFF
    assert "no voice messages waiting" in joined(await harness.send(STAFF, "/listen"))


async def test_a_note_nobody_could_hear_is_listened_to(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("", 0.0)
    await harness.voice(ANN)
    assert "I couldn't quite catch that" in (await read_back(harness, worker)).text
    assert (await the_note(harness)).transcript_status is Heard.UNCONFIRMED
    assert "Natter heard nothing" in joined(await harness.send(STAFF, "/listen"))
    (nudge,) = [r for r in await harness.rows(Outbox) if r.kind == "alert"]
    assert nudge.chat_id == STAFF and nudge.priority == 0  # told at once, before anything else
    assert "Send /listen" in told(nudge).text


async def test_staff_are_told_once_when_not_quite_puts_a_note_on_the_list(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("The bus was late", 0.9)  # heard well: nobody is asked to listen yet
    await harness.voice(ANN)
    said = await read_back(harness, worker)
    assert [r for r in await harness.rows(Outbox) if r.kind == "alert"] == []
    await press(harness, said, "Not quite")
    (nudge,) = [r for r in await harness.rows(Outbox) if r.kind == "alert"]
    assert nudge.chat_id == STAFF and "bus" not in told(nudge).text  # never the words


async def test_a_note_that_failed_is_listened_to(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("", -1.0)  # the engine raises
    await harness.voice(ANN)
    said = await read_back(harness, worker)
    assert "couldn't hear your voice message" in said.text
    assert (await the_note(harness)).transcript_status is Heard.FAILED
    assert "Natter heard nothing" in joined(await harness.send(STAFF, "/listen"))
    assert "type it for me" in await press(harness, said, "Type it")
    assert "put that right" in joined(await harness.send(ANN, "The hall was cold"))
    assert (await the_note(harness)).transcript_status is Heard.CORRECTED


async def test_only_a_projects_staff_may_listen(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("", 0.0)
    await harness.voice(ANN)
    await worker.drain()
    note = await the_note(harness)
    calls = await harness.press(ANN, f"listen:{note.id}")  # a participant forging the button
    assert [c for c in calls if c.method == "sendVoice"] == []


async def test_danger_said_out_loud_gets_help_at_once_and_an_alert(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("I can't cope any more, I want to end it all", 0.9)
    await harness.voice(ANN)
    said = await read_back(harness, worker)
    assert said.text.index("116 123") < said.text.index("I heard:")  # help first
    help_row, back = sorted(
        (r for r in await harness.rows(Outbox) if r.kind == "voice"), key=lambda r: r.priority
    )
    assert help_row.priority == 0  # before anything else waiting
    assert "I heard:" not in told(help_row).text and "I heard:" in told(back).text  # on its own
    (alert,) = [r for r in await harness.rows(Outbox) if r.kind == "alert"]
    assert alert.chat_id == STAFF and "end it all (spoken)" in told(alert).text
    assert (await the_note(harness)).flagged


async def test_danger_typed_after_not_quite_gets_help(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("The bus was late", 0.9)
    await harness.voice(ANN)
    await press(harness, await read_back(harness, worker), "Not quite")
    reply = joined(await harness.send(ANN, "I have no food in the house"))
    assert "0800 678 1602" in reply and "put that right" in reply  # the help for hunger
    assert (await the_note(harness)).flagged


async def test_a_volunteers_note_shows_its_words_without_a_question(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("They would like more singing", 0.9)
    await join(harness, VOL, seeded.volunteer_code)
    calls = await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "Firth Park library")
    calls = await harness.press_button(VOL, calls, "Today")
    await harness.press_button(VOL, calls, "1 to 5")
    await harness.voice(VOL)
    said = await read_back(harness, worker, VOL)
    assert said.text == "I heard: “They would like more singing”"
    assert [label for row in said.buttons for label, _ in row] == ["Undo last"]


async def test_a_redelivered_note_is_heard_once(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("The hall was cold", 0.9)
    await harness.voice(ANN)
    note = await the_note(harness)
    worker.submit(voice.VoiceJob(note.chat_id, note.message_id, "voice-7200-7"))
    said = await read_back(harness, worker)  # one read-back, not two
    assert "The hall was cold" in said.text


async def test_mydata_holds_what_was_heard(harness: Harness, seeded: Seeded, hear: Hear) -> None:
    worker = hear("The hall was cold today", 0.9)
    await harness.voice(ANN, 9)
    await worker.drain()
    (sent,) = [c for c in await harness.send(ANN, "/mydata") if c.method == "sendDocument"]
    content = sent.params["document"]["content"].decode()
    assert "a voice message, 9 seconds long, in which I heard: “The hall was cold today”" in content


async def test_a_stranger_saying_danger_aloud_gets_help_and_nothing_is_kept(
    harness: Harness, hear: Hear
) -> None:
    worker = hear("I want to end it all", 0.9)
    stranger = 7999
    await harness.voice(stranger)
    await worker.drain()
    (row,) = [r for r in await harness.rows(Outbox) if r.chat_id == stranger]
    assert "116 123" in told(row).text and row.priority == 0
    assert await harness.count(Comment, Comment.chat_id == stranger) == 0


async def test_a_stranger_saying_nothing_worrying_is_told_nothing_more(
    harness: Harness, hear: Hear
) -> None:
    worker = hear("Hello, is anyone there?", 0.9)
    await harness.voice(7998)
    await worker.drain()
    assert [r for r in await harness.rows(Outbox) if r.chat_id == 7998] == []


async def test_typing_yes_answers_the_read_back(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    """Older people often type rather than tap: "yes" just after "Did I get that right?" is its
    Yes, and is not kept as a comment; later, or after another message, "yes" is just a word."""
    worker = hear("The hall was cold today", 0.9)
    await harness.voice(ANN, 9)
    await read_back(harness, worker)
    comments = await harness.count(Comment)
    assert "That's what I've passed on" in joined(await harness.send(ANN, "yes thanks"))
    assert (await the_note(harness)).transcript_status is Heard.CONFIRMED
    assert await harness.count(Comment) == comments  # "yes" was an answer, not a comment
    # Answered: a second "yes" is no longer the read-back's.
    assert "That's what I've passed on" not in joined(await harness.send(ANN, "yes"))


async def test_a_yes_long_after_the_read_back_is_not_its_answer(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("The tea was lovely", 0.9)
    await harness.voice(ANN, 9)
    await read_back(harness, worker)
    harness.clock.advance(minutes=31)
    assert "That's what I've passed on" not in joined(await harness.send(ANN, "yes"))
    assert (await the_note(harness)).transcript_status is Heard.UNCONFIRMED
