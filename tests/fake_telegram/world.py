"""Everything the fake Telegram knows: chats, messages, pending updates, files, observations."""

from __future__ import annotations

import copy
import itertools
import secrets
import time
from typing import Any

from .state import (
    JSON,
    CallbackRecord,
    ChatState,
    MessageRecord,
    Pulse,
    SentMessage,
    StoredFile,
    UploadedFile,
)

# Update kinds delivered when the bot never asked for a specific list (Bot API default).
NOT_DELIVERED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class World:
    def __init__(self, bot_id: int, bot_username: str) -> None:
        self.bot_user: JSON = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Natter Test",
            "username": bot_username,
        }
        self.chats: dict[int, ChatState] = {}
        self.messages: dict[tuple[int, int], MessageRecord] = {}
        self.updates: list[JSON] = []  # queued, not yet confirmed by an offset
        self._update_ids = itertools.count(100_000)
        self.allowed_updates: frozenset[str] | None = None  # None: the Bot API default set
        self.files: dict[str, StoredFile] = {}
        self._file_numbers = itertools.count(1)
        self.callbacks: dict[str, CallbackRecord] = {}
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.pulse = Pulse()
        self.poll_generation = 0  # bumped by each getUpdates; an older poll sees it and gets 409
        self.stopping = False
        # Observations for tests.
        self.sent: list[SentMessage] = []
        self.calls: list[tuple[str, JSON]] = []
        self.violations: list[str] = []
        self.rate_limited: list[str] = []
        self.forbidden: list[str] = []
        self.injected: list[str] = []
        self.conflicts: list[str] = []
        self.self_check_errors: list[str] = []
        self.callback_answers: list[JSON] = []
        self.chat_actions: list[tuple[int, str]] = []

    @staticmethod
    def now() -> int:
        return int(time.time())

    # --- chats and messages ---

    def private_chat(self, user_id: int, first_name: str, language_code: str | None) -> ChatState:
        chat = self.chats.get(user_id)
        if chat is None:
            user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
            if language_code:
                user["language_code"] = language_code
            chat = ChatState(
                chat={"id": user_id, "type": "private", "first_name": first_name}, user=user
            )
            self.chats[user_id] = chat
        return chat

    def group_chat(self, chat_id: int) -> ChatState:
        chat = self.chats.get(chat_id)
        if chat is None:
            group = {"id": chat_id, "type": "group", "title": "Test group"}
            chat = ChatState(chat=group, user=None)
            self.chats[chat_id] = chat
        return chat

    def record(self, chat_id: int, message_id: int) -> MessageRecord | None:
        found = self.messages.get((chat_id, message_id))
        return None if found is None or found.deleted else found

    def store_message(self, message: JSON, *, from_bot: bool, sent: SentMessage | None) -> None:
        key = (message["chat"]["id"], message["message_id"])
        self.messages[key] = MessageRecord(message=message, from_bot=from_bot, sent=sent)

    # --- updates ---

    def queue_update(self, kind: str, payload: JSON) -> JSON:
        # Deep copy: later edits must not rewrite what the bot already got or will get.
        update = {"update_id": next(self._update_ids), kind: copy.deepcopy(payload)}
        self.updates.append(update)
        self.pulse.fire()
        return copy.deepcopy(update)

    def confirm(self, offset: int) -> None:
        before = len(self.updates)
        if offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        elif offset < 0:
            # Negative offset: keep the last -offset updates, forget the rest.
            self.updates = self.updates[offset:]
        if len(self.updates) != before:
            self.pulse.fire()  # someone may be waiting for the queue to drain

    def deliverable(self) -> list[JSON]:
        allowed = self.allowed_updates
        kept = []
        for update in self.updates:
            kind = next(key for key in update if key != "update_id")
            if kind in allowed if allowed is not None else kind not in NOT_DELIVERED_BY_DEFAULT:
                kept.append(update)
        # Updates the bot did not subscribe to are never delivered: drop them for good.
        self.updates = kept
        return kept

    # --- files ---

    def add_file(
        self, data: bytes, *, folder: str, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        number = next(self._file_numbers)
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=f"FAKE{folder[:3].upper()}{number}-{secrets.token_hex(6)}",
            file_unique_id=f"AgAD{number:06d}",
            data=data,
            file_path=f"{folder}/file_{number}{suffix}",
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        return stored

    def add_upload(self, upload: UploadedFile, folder: str) -> StoredFile:
        return self.add_file(
            upload.data, folder=folder, file_name=upload.filename, mime_type=upload.content_type
        )

    def register_file_ids(self, value: Any) -> None:
        """Make file_ids in a user-sent payload known to getFile (with empty content)."""
        if isinstance(value, dict):
            file_id = value.get("file_id")
            if isinstance(file_id, str) and file_id not in self.files:
                number = next(self._file_numbers)
                self.files[file_id] = StoredFile(
                    file_id=file_id,
                    file_unique_id=str(value.get("file_unique_id", f"AgAD{number:06d}")),
                    data=b"",
                    file_path=f"user_files/file_{number}",
                    file_name=value.get("file_name"),
                    mime_type=value.get("mime_type"),
                )
            for item in value.values():
                self.register_file_ids(item)
        elif isinstance(value, list):
            for item in value:
                self.register_file_ids(item)
