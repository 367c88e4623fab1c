"""A spoken note end to end with the real built-in engine: `natter run` against the fake Bot API
over HTTP, which serves the voice note (espeak-ng's British English in OGG/Opus); the bot
fetches it (getFile and the file URL), decodes and transcribes it in memory, stores the words,
reads them back, and staff can listen to it (sendVoice by file id)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.db import Database
from storage.models import Comment, Heard
from tests.fake_telegram import FakeTelegram
from tests.support.harness import Harness
from tests.support.processes import BotProcess
from tests.support.seed import seed_project
from tests.support.speech import silence, spoken

ANN = 525252
SENTENCE = "I had a lovely time at the coffee morning, but the hall was far too cold."


@pytest.fixture
async def bot(
    fake: FakeTelegram, db: Database, database_url: str, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, database_url, tmp_path)
    await process.start()
    yield process
    code = await process.stop()
    log = process.log.read_text()
    assert code == 0 and "Traceback" not in log, log
    assert SENTENCE[:20] not in log and "lovely" not in log  # words are never logged at INFO
    assert fake.violations == [], fake.violations


async def join(fake: FakeTelegram, user: int, code: str) -> None:
    fake.user_sends_text(user, f"/start {code}")
    consent = await fake.next_message(user)
    fake.user_presses(user, consent.message_id, consent.buttons()[0][1])
    await fake.next_message(user)


async def test_a_spoken_note_is_heard_and_read_back_over_http(
    fake: FakeTelegram, bot: BotProcess, harness: Harness, tmp_path: Path
) -> None:
    seeded = await seed_project(harness.db)
    await join(fake, ANN, seeded.participant_code)  # the first question is waiting

    note = fake.add_file(spoken(SENTENCE), mime_type="audio/ogg")
    fake.user_sends(ANN, {"voice": {**note, "duration": 5, "mime_type": "audio/ogg"}})
    next_question = await fake.next_message(ANN)
    assert "change" in (next_question.text or "")  # the bot answered at once
    said = await fake.next_message(ANN, timeout=60)
    text = (said.text or "").lower()
    assert text.startswith("i heard:\n“") and text.endswith("”\ndid i get that right?"), text
    assert {"lovely", "coffee", "morning", "cold"} <= set(re.findall(r"[a-z]+", text)), text
    (comment,) = await harness.rows(Comment, Comment.voice_file_id == note["file_id"])
    assert comment.transcript_status is Heard.UNCONFIRMED and comment.transcript
    assert "lovely" in comment.transcript.lower() and 0 < (comment.transcript_confidence or 0) <= 1

    yes = dict(said.buttons())["Yes"]
    fake.user_presses(ANN, said.message_id, yes)
    assert "That's what I've passed on" in ((await fake.next_message(ANN)).text or "")
    (comment,) = await harness.rows(Comment, Comment.id == comment.id)
    assert comment.transcript_status is Heard.CONFIRMED
    # A note with nothing to hear: the real engine is unsure, so staff are asked to listen.
    quiet = fake.add_file(silence(3.0), mime_type="audio/ogg")
    fake.user_sends(ANN, {"voice": {**quiet, "duration": 3, "mime_type": "audio/ogg"}})
    await fake.next_message(ANN)  # the next question, at once
    unsure = await fake.next_message(ANN, timeout=60)
    assert "I couldn't quite catch that" in (unsure.text or "")
    (heard,) = await harness.rows(Comment, Comment.voice_file_id == quiet["file_id"])
    assert heard.needs_listening and heard.listened_at is None
    # No audio was written where the bot runs (it is decoded from memory).
    assert audio_files(tmp_path) == []


def audio_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.suffix in (".ogg", ".oga", ".wav", ".opus")]
