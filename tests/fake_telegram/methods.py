"""The Bot API methods the fake implements. Each handler returns the result or raises ApiError."""

from __future__ import annotations

import copy
import io
import mimetypes
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from .formatting import FormatError, check_caption, check_text, parse_text
from .rules import check_reply_markup
from .state import (
    JSON,
    ApiError,
    ChatState,
    SentMessage,
    StoredFile,
    TokenBucket,
    UploadedFile,
)
from .state import retry_after_seconds as _retry_after
from .webhook import WebhookPusher
from .world import World

QUERY_TIMEOUT = 15.0  # seconds a callback query stays answerable
CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note",
        "upload_video_note",
    }
)  # fmt: skip
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


@dataclass
class Call:
    method: str
    params: JSON
    uploads: dict[str, UploadedFile] = field(default_factory=dict)  # every file part by name


def bad_request(description: str, *, kind: str = "violation") -> ApiError:
    return ApiError(400, f"Bad Request: {description}", kind=kind)


def not_implemented(what: str) -> ApiError:
    return ApiError(400, f"Bad Request: {what} is not implemented by the fake Telegram server")


# sendPhoto: "The photo must be at most 10 MB in size. The photo's width and height must not
# exceed 10000 in total. Width and height ratio must be at most 20."
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_SIDES = 10_000
MAX_PHOTO_RATIO = 20


def photo_size(data: bytes) -> tuple[int, int]:
    """An uploaded photo's width and height, refused as Telegram refuses it: too big, not an
    image it can read, or of impossible dimensions."""
    if len(data) > MAX_PHOTO_BYTES:
        raise bad_request("PHOTO_SAVE_FILE_INVALID")  # what Telegram says for over 10 MB
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            width, height = image.size
    except (OSError, SyntaxError, ValueError):
        raise bad_request("IMAGE_PROCESS_FAILED") from None
    if width + height > MAX_PHOTO_SIDES or max(width, height) > MAX_PHOTO_RATIO * min(
        width, height
    ):
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return width, height


Handler = Callable[[Call], Awaitable[Any]]


class BotApi:
    def __init__(
        self,
        world: World,
        *,
        rate_limits: bool,
        per_chat_burst: int,
        strict_html: bool,
    ) -> None:
        self.world = world
        self.rate_limits = rate_limits
        self.per_chat_burst = per_chat_burst
        self.strict_html = strict_html
        self._global_bucket = TokenBucket(30, 30.0)
        self._chat_buckets: dict[int, TokenBucket] = {}
        # Real Telegram only allows http(s) on 443/80/88/8443; the fake lets loopback through.
        self.webhook = WebhookPusher(world)
        self.handlers: dict[str, Handler] = {
            "getMe": self.get_me,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendDocument": self.send_document,
            "sendPhoto": self.send_photo,
            "sendChatAction": self.send_chat_action,
            "getFile": self.get_file,
            "sendVoice": self.send_voice,
            "close": self.true,
            "logOut": self.true,
        }

    # --- shared checks ---

    def chat(self, chat_id: Any, *, interacting: bool = True) -> ChatState:
        """The ChatState for chat_id; 400 if the bot never saw it, 403 if the user blocked it."""
        if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
            chat_id = int(chat_id)
        chat = self.world.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad_request("chat not found")
        if interacting and chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user", kind="forbidden")
        return chat

    def format(self, text: str, parse_mode: Any, entities: Any) -> tuple[str, list[JSON]]:
        try:
            return parse_text(text, parse_mode, entities, strict_html=self.strict_html)
        except FormatError as exc:
            raise ApiError(400, exc.description) from exc

    def check_markup(self, markup: Any) -> JSON | None:
        check_reply_markup(markup)
        return markup if isinstance(markup, dict) else None

    def rate_limit(self, method: str, chat_id: int) -> None:
        if not self.rate_limits:
            return
        now = time.monotonic()
        bucket = self._chat_buckets.get(chat_id)
        if bucket is None:
            bucket = self._chat_buckets[chat_id] = TokenBucket(self.per_chat_burst, 1.0)
        wait = max(bucket.wait_time(now), self._global_bucket.wait_time(now))
        if wait > 0:
            seconds = _retry_after(wait)
            raise ApiError(
                429,
                f"Too Many Requests: retry after {seconds}",
                kind="rate_limited",
                retry_after=seconds,
            )
        bucket.take(now)
        self._global_bucket.take(now)

    def reply_to(self, chat_id: int, params: Any) -> JSON | None:
        if not isinstance(params, dict):
            return None
        if params.get("chat_id") not in (None, chat_id):
            raise not_implemented("replying to a message in another chat")
        record = self.world.record(chat_id, params["message_id"])
        if record is None:
            if params.get("allow_sending_without_reply"):
                return None
            raise bad_request("message to be replied not found")
        replied = copy.deepcopy(record.message)
        replied.pop("reply_to_message", None)  # Telegram does not nest replies
        return replied

    def create_message(
        self,
        call: Call,
        chat_id: int,
        content: JSON,
        *,
        raw_text: str | None,
        plain: str | None,
        entities: list[JSON],
        markup: JSON | None,
        document: StoredFile | None = None,
    ) -> JSON:
        params = call.params
        chat = self.world.chats[chat_id]
        reply = self.reply_to(chat_id, params.get("reply_parameters"))
        self.rate_limit(call.method, chat_id)
        message: JSON = {
            "message_id": chat.take_message_id(),
            "from": dict(self.world.bot_user),
            "chat": dict(chat.chat),
            "date": self.world.now(),
        }
        if reply is not None:
            message["reply_to_message"] = reply
        message.update(content)
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # Message.reply_markup is inline keyboards only
        sent = SentMessage(
            method=call.method,
            chat_id=chat_id,
            message_id=message["message_id"],
            text=raw_text,
            parse_mode=params.get("parse_mode"),
            reply_markup=markup,
            document_name=document.file_name if document else None,
            document_bytes=document.data if document else None,
            plain_text=plain,
            entities=entities,
            message=message,
        )
        self.world.store_message(message, from_bot=True, sent=sent)
        self.world.sent.append(sent)
        return copy.deepcopy(message)

    def caption(self, params: JSON) -> tuple[JSON, str | None, list[JSON]]:
        raw = params.get("caption")
        if raw is None:
            return {}, None, []
        plain, entities = self.format(raw, params.get("parse_mode"), params.get("caption_entities"))
        try:
            check_caption(plain)
        except FormatError as exc:
            raise ApiError(400, exc.description) from exc
        content: JSON = {"caption": plain} if plain else {}
        if entities:
            content["caption_entities"] = entities
        return content, plain, entities

    def input_file(self, call: Call, name: str, folder: str) -> StoredFile:
        value = call.params[name]
        if isinstance(value, str) and value.startswith("attach://"):
            attached = call.uploads.get(value.removeprefix("attach://"))
            if attached is None:
                raise bad_request(f"file for {value} is not attached")
            value = attached
        if isinstance(value, UploadedFile):
            if not value.filename:
                raise bad_request(f"the uploaded {name} has no file name")
            if value.content_type in ("", "application/octet-stream"):
                value.content_type = (
                    mimetypes.guess_type(value.filename)[0] or "application/octet-stream"
                )
            return self.world.add_upload(value, folder)
        if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
            raise not_implemented("sending a file by HTTP URL")
        stored = self.world.files.get(value) if isinstance(value, str) else None
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return stored

    def editable(self, params: JSON) -> tuple[JSON, SentMessage]:
        """The bot message (and its SentMessage) an edit method targets, with Telegram's errors."""
        if "inline_message_id" in params:
            raise not_implemented("editing inline messages")
        if "chat_id" not in params:
            raise bad_request("chat_id is empty")
        if "message_id" not in params:
            raise bad_request("message identifier is not specified")
        chat = self.chat(params["chat_id"])
        record = self.world.record(chat.chat["id"], params["message_id"])
        if record is None:
            raise bad_request("message to edit not found")
        if not record.from_bot or record.sent is None:
            raise bad_request("message can't be edited")
        return record.message, record.sent

    # --- methods ---

    async def true(self, call: Call) -> bool:
        return True

    async def get_me(self, call: Call) -> JSON:
        return {
            **self.world.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def get_updates(self, call: Call) -> list[JSON]:
        world, params = self.world, call.params
        if self.webhook.active:
            raise ApiError(
                409, "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first", kind="conflict",
            )  # fmt: skip
        limit = min(max(int(params.get("limit", 100)), 1), 100)
        timeout = max(int(params.get("timeout", 0)), 0)
        if "allowed_updates" in params:
            # An empty list means "the default set", like Telegram.
            world.allowed_updates = frozenset(params["allowed_updates"]) or None
        world.poll_generation += 1
        generation = world.poll_generation
        world.pulse.fire()  # wakes an older long poll so it can answer 409
        if "offset" in params:
            world.confirm(int(params["offset"]))

        def ready() -> bool:
            return (
                world.stopping or generation != world.poll_generation or bool(world.deliverable())
            )

        await world.pulse.wait_for(ready, timeout)
        if generation != world.poll_generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot "
                "instance is running",
                kind="conflict",
            )
        if world.stopping:
            return []
        return copy.deepcopy(world.deliverable()[:limit])

    async def set_webhook(self, call: Call) -> bool:
        url = str(call.params["url"])
        if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if call.params.get("drop_pending_updates"):
            self.world.updates.clear()
        if "allowed_updates" in call.params:
            self.world.allowed_updates = frozenset(call.params["allowed_updates"]) or None
        self.webhook.set(url, call.params.get("secret_token"))
        return True

    async def delete_webhook(self, call: Call) -> bool:
        await self.webhook.clear()
        if call.params.get("drop_pending_updates"):
            self.world.updates.clear()
        return True

    async def get_webhook_info(self, call: Call) -> JSON:
        return {
            "url": self.webhook.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.world.updates),
        }

    @staticmethod
    def _commands_key(params: JSON) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return repr(sorted(scope.items())), params.get("language_code", "")

    async def set_my_commands(self, call: Call) -> bool:
        commands = call.params["commands"]
        if len(commands) > 100:
            raise bad_request("too many commands")
        for command in commands:
            if not _COMMAND.match(command["command"]):
                raise bad_request("BOT_COMMAND_INVALID")
            if not command["description"].strip():
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.world.commands[self._commands_key(call.params)] = copy.deepcopy(commands)
        return True

    async def get_my_commands(self, call: Call) -> list[JSON]:
        return copy.deepcopy(self.world.commands.get(self._commands_key(call.params), []))

    async def delete_my_commands(self, call: Call) -> bool:
        self.world.commands.pop(self._commands_key(call.params), None)
        return True

    async def send_message(self, call: Call) -> JSON:
        params = call.params
        chat = self.chat(params["chat_id"])
        plain, entities = self.format(
            params["text"], params.get("parse_mode"), params.get("entities")
        )
        try:
            check_text(plain)
        except FormatError as exc:
            raise ApiError(400, exc.description) from exc
        markup = self.check_markup(params.get("reply_markup"))
        content: JSON = {"text": plain}
        if entities:
            content["entities"] = entities
        return self.create_message(
            call,
            chat.chat["id"],
            content,
            raw_text=params["text"],
            plain=plain,
            entities=entities,
            markup=markup,
        )

    async def send_document(self, call: Call) -> JSON:
        chat = self.chat(call.params["chat_id"])
        content, plain, entities = self.caption(call.params)
        markup = self.check_markup(call.params.get("reply_markup"))
        stored = self.input_file(call, "document", "documents")
        document: JSON = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        content["document"] = document
        return self.create_message(
            call,
            chat.chat["id"],
            content,
            raw_text=call.params.get("caption"),
            plain=plain,
            entities=entities,
            markup=markup,
            document=stored,
        )

    async def send_voice(self, call: Call) -> JSON:
        """A voice note: one the bot uploads, or one Telegram holds already, by its file id."""
        chat = self.chat(call.params["chat_id"])
        content, plain, entities = self.caption(call.params)
        markup = self.check_markup(call.params.get("reply_markup"))
        stored = self.input_file(call, "voice", "voice")
        content["voice"] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "duration": int(call.params.get("duration") or 1),
            "mime_type": stored.mime_type or "audio/ogg",
            "file_size": len(stored.data),
        }
        return self.create_message(
            call, chat.chat["id"], content, raw_text=call.params.get("caption"), plain=plain,
            entities=entities, markup=markup, document=stored,
        )  # fmt: skip

    async def send_photo(self, call: Call) -> JSON:
        chat = self.chat(call.params["chat_id"])
        content, plain, entities = self.caption(call.params)
        markup = self.check_markup(call.params.get("reply_markup"))
        stored = self.input_file(call, "photo", "photos")
        width, height = photo_size(stored.data)
        content["photo"] = [
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "width": width,
                "height": height,
                "file_size": len(stored.data),
            }
        ]
        return self.create_message(
            call,
            chat.chat["id"],
            content,
            raw_text=call.params.get("caption"),
            plain=plain,
            entities=entities,
            markup=markup,
            document=stored,
        )

    async def edit_message_text(self, call: Call) -> JSON:
        params = call.params
        message, sent = self.editable(params)
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        plain, entities = self.format(
            params["text"], params.get("parse_mode"), params.get("entities")
        )
        try:
            check_text(plain)
        except FormatError as exc:
            raise ApiError(400, exc.description) from exc
        # Omitting reply_markup removes the keyboard, exactly like Telegram.
        markup = self.check_markup(params.get("reply_markup"))
        if (
            plain == message["text"]
            and entities == message.get("entities", [])
            and markup == message.get("reply_markup")
        ):
            raise bad_request(_NOT_MODIFIED.removeprefix("Bad Request: "))
        message["text"] = plain
        message.pop("entities", None)
        if entities:
            message["entities"] = entities
        self._set_markup(message, markup)
        sent.edits.append(sent.text)
        sent.text, sent.parse_mode = params["text"], params.get("parse_mode")
        sent.plain_text, sent.entities = plain, entities
        self.world.pulse.fire()
        return copy.deepcopy(message)

    async def edit_message_reply_markup(self, call: Call) -> JSON:
        message, sent = self.editable(call.params)
        markup = self.check_markup(call.params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise bad_request(_NOT_MODIFIED.removeprefix("Bad Request: "))
        self._set_markup(message, markup)
        sent.edits.append(sent.text)
        self.world.pulse.fire()
        return copy.deepcopy(message)

    def _set_markup(self, message: JSON, markup: JSON | None) -> None:
        message.pop("reply_markup", None)
        if markup is not None:
            message["reply_markup"] = markup
        message["edit_date"] = self.world.now()
        record = self.world.record(message["chat"]["id"], message["message_id"])
        if record is not None and record.sent is not None:
            record.sent.reply_markup = markup

    async def delete_message(self, call: Call) -> bool:
        chat = self.chat(call.params["chat_id"], interacting=False)
        record = self.world.record(chat.chat["id"], call.params["message_id"])
        if record is None:
            raise bad_request("message to delete not found")
        record.deleted = True
        if record.sent is not None:
            record.sent.deleted = True
        return True

    async def answer_callback_query(self, call: Call) -> bool:
        params = call.params
        text = params.get("text")
        if isinstance(text, str) and len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query = self.world.callbacks.get(params["callback_query_id"])
        too_old = query is not None and time.monotonic() - query.created > QUERY_TIMEOUT
        if query is None or query.answered or too_old:
            raise ApiError(400, _QUERY_INVALID)
        query.answered = True
        self.world.callback_answers.append(dict(params))
        return True

    async def send_chat_action(self, call: Call) -> bool:
        chat = self.chat(call.params["chat_id"])
        action = call.params["action"]
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self.world.chat_actions.append((chat.chat["id"], action))
        return True

    async def get_file(self, call: Call) -> JSON:
        stored = self.world.files.get(call.params["file_id"])
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }
