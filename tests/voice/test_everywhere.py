"""A voice note's words wherever typed words would be: the digest, /replies, /flagged and the
spreadsheet quote them marked "(spoken)"; an unsure one stays "a voice message" until heard."""

from __future__ import annotations

from storage.models import Comment, Kind, Outbox
from tests.support.harness import Harness, join, joined
from tests.support.outbox import told
from tests.support.seed import Seeded
from tests.support.voice import ANN, STAFF, VOL, Hear, press, read_back


async def spoken_note(harness: Harness, hear: Hear, text: str, confidence: float = 0.9) -> None:
    worker = hear(text, confidence)
    await harness.voice(ANN, 8)
    said = await read_back(harness, worker)
    if not said.text.startswith("I couldn't"):
        await press(harness, said, "Yes")


async def test_the_digest_quotes_the_words_marked_spoken(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    await spoken_note(harness, hear, "The hall was cold today")
    digest = joined(await harness.send(STAFF, "/digest"))
    assert "“The hall was cold today” (spoken)" in digest
    assert "A voice message (8 seconds)" not in digest


async def test_an_unsure_note_stays_a_voice_message_in_the_digest(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    await spoken_note(harness, hear, "mumble hole", 0.1)
    digest = joined(await harness.send(STAFF, "/digest"))
    assert "A voice message (8 seconds)" in digest and "mumble" not in digest


async def test_the_spreadsheet_holds_the_words(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    await spoken_note(harness, hear, "More singing please")
    calls = await harness.send(STAFF, "/export")
    calls = await harness.press_button(STAFF, calls, "This week")
    (sent,) = [c for c in calls if c.method == "sendDocument"]
    assert "More singing please (spoken)" in sent.params["document"]["content"].decode()


async def test_flagged_shows_every_word_said(harness: Harness, seeded: Seeded, hear: Hear) -> None:
    await spoken_note(harness, hear, "I can't cope any more, I want to end it all")
    flagged = joined(await harness.send(STAFF, "/flagged"))
    assert "I want to end it all (spoken)" in flagged


async def test_replies_quote_a_groups_spoken_note(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("They would like a gardening club", 0.9)
    await join(harness, VOL, seeded.volunteer_code)
    calls = await harness.send(VOL, "/note")
    calls = await harness.send(VOL, "Firth Park library")
    calls = await harness.press_button(VOL, calls, "Today")
    await harness.press_button(VOL, calls, "1 to 5")
    await harness.voice(VOL)
    await worker.drain()
    (note,) = await harness.rows(Comment, Comment.voice_file_id.is_not(None))
    assert note.kind is Kind.OTHER  # relayed: a suggestion staff may answer all the same
    listing = await harness.send(STAFF, "/replies")
    assert "They would like a gardening club (spoken)" in joined(listing)
    # You said, we did: the group is told what it said, in its words.
    await harness.press_button(STAFF, listing, "Tick 1")
    calls = await harness.press_button(STAFF, listing, "Answer")
    calls = await harness.press_button(STAFF, calls, "We've changed this")
    preview = await harness.send(STAFF, "It starts in March.")
    await harness.press_button(STAFF, preview, "Send it")
    (row,) = [r for r in await harness.rows(Outbox) if r.chat_id == VOL and r.kind != "voice"]
    assert "the group told us: “They would like a gardening club”" in told(row).text


async def test_spoken_words_are_read_like_typed_ones_names_kept_out(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    """What it is, its themes and names kept out, once heard: staff read "[name]", the person's
    own /mydata the words as heard."""
    await spoken_note(
        harness, hear, "Could we have the bus from Mrs Patel's stop, Jean Smith says so"
    )
    (note,) = await harness.rows(Comment, Comment.voice_file_id.is_not(None))
    assert note.reading is not None and note.reading.value == "suggestion"
    assert note.themes and "transport" in note.themes
    assert note.quoted and "Jean" not in note.quoted and "[name]" in note.quoted
    digest = joined(await harness.send(STAFF, "/digest"))
    assert "Jean" not in digest and "Patel" not in digest and "[name]" in digest
    listing = joined(await harness.send(STAFF, "/replies"))
    assert "[name]" in listing and "Jean" not in listing  # a suggestion said aloud waits too
    mine = [c for c in await harness.send(ANN, "/mydata") if c.method == "sendDocument"]
    assert "Jean Smith" in mine[0].params["document"]["content"].decode()  # as heard


async def test_words_typed_after_not_quite_are_read_again(
    harness: Harness, seeded: Seeded, hear: Hear
) -> None:
    worker = hear("the whole was called", 0.8)
    await harness.voice(ANN, 8)
    await press(harness, await read_back(harness, worker), "Not quite")
    await harness.send(ANN, "Ask Doreen Walsh, the hall was cold")
    (note,) = await harness.rows(Comment, Comment.voice_file_id.is_not(None))
    assert note.quoted and "Doreen" not in note.quoted and "the hall was cold" in note.quoted
    assert note.themes and "venue" in note.themes
