"""Hypothesis strategies for odd but well-formed Bot API updates.

Every strategy builds a raw update dict of the shape Telegram sends (so `Update.de_json` accepts
it): messages of every kind in private, group and supergroup chats, edited messages, and button
presses with forged data. What is drawn depends on a `World`: the people seeded in the database,
the invite codes, and what the bot has received and offered so far, so that edits can point at
real messages and presses can replay real buttons (to the right person or to someone else).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from dataclasses import astuple, dataclass, field
from typing import Any

from hypothesis import strategies as st

from bot.core import buttons as callbacks
from tests.support.offline import BOT_USER, Call

Json = dict[str, Any]

# Telegram sends these three kinds only (`bot.app.ALLOWED_UPDATES`).
UPDATE_KINDS = ("message", "edited_message", "callback_query")


# Button data is forged from the codec's own patterns (bot/core/buttons/codec.py), so a new
# button is fuzzed as soon as it exists. Each argument is "n" (a number), "c" (an invite
# code), "w" (a word) or the choices it allows, separated by "|".
def _argument(group: str) -> str:
    if group.startswith("\\d"):
        return "n"
    if "A-Za-z0-9" in group:
        return "c"
    if re.fullmatch(r"[\w|]+", group):
        return group
    if re.fullmatch(r"\[\w+\]", group):
        return "|".join(group[1:-1])
    return "w"


BUTTONS: dict[str, tuple[str, ...]] = {
    action: tuple(_argument(group) for group in re.findall(r"\(([^()]*)\)", pattern.pattern))
    for action, pattern in callbacks.PATTERNS.items()
}
# Words some buttons carry that their pattern does not spell out.
BUTTON_WORDS = ("good", "better", "idea", "one", "few", "most", "this_week", "last_week")

MAX_CALLBACK_BYTES = 64
GROUP_IDS = (-4012345678, -987654)
SUPERGROUP_IDS = (-1001234567890, -1009876543210)
MEMORY = 200  # how much of the past a World keeps (bounded, so a long run stays steady)


@dataclass
class World:
    """What the strategies may refer to. Updated by the test as updates are fed."""

    members: dict[str, int]
    codes: list[str]
    commands: tuple[str, ...]  # the bot's commands, as registered in the application
    sent: deque[Json] = field(default_factory=lambda: deque(maxlen=MEMORY))
    fed: deque[Json] = field(default_factory=lambda: deque(maxlen=MEMORY))
    buttons: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=MEMORY))
    numbers: deque[int] = field(default_factory=lambda: deque(maxlen=MEMORY))
    # The members one example is about (swarm testing: a few people doing many things each
    # meet each other's flows more often than everyone doing a little).
    focus: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ("message", "member", "edit", "press", "again")
    strategy: st.SearchStrategy[Json] | None = field(default=None, repr=False, compare=False)

    def focus_on(self) -> st.SearchStrategy[tuple[int, ...]]:
        members = sorted(self.members.values())
        return st.lists(st.sampled_from(members), min_size=1, max_size=3, unique=True).map(tuple)

    def saw(self, update: Json, calls: list[Call]) -> None:
        """Remember an update that was fed, and the buttons the bot offered in reply."""
        self.fed.append(update)
        if "message" in update:
            self.sent.append(update["message"])
        self.offered(calls)

    def offered(self, calls: list[Call]) -> None:
        """Remember the buttons in what the bot sent, and the ids in them."""
        for call in calls:
            chat = int(call.params.get("chat_id", 0) or 0)
            for _label, data in call.buttons:
                if (chat, data) not in self.buttons:  # or the join buttons crowd out the rest
                    self.buttons.append((chat, data))
                parsed = callbacks.decode(data)
                if parsed is not None and not isinstance(parsed, callbacks.Join):  # not codes
                    self.numbers.extend(v for v in astuple(parsed) if type(v) is int)


# --- text ------------------------------------------------------------------------------

# Full unicode except lone surrogates (not encodable, never sent), NUL included: a forged
# update may carry it, and PostgreSQL refuses it in text.
UNICODE = st.characters(codec="utf-8")
ODD = st.sampled_from(
    [
        "\u200e",  # left-to-right mark
        "\u200f",  # right-to-left mark
        "\u202e",  # right-to-left override
        "\u2066",
        "\u2069",
        "\ufeff",
        "\u200b",
        "\u200d",
        "\u0301",  # a combining accent with nothing to combine with
        "\u2028",
        "\x7f",
        "\x1b[31m",
        "\r\n",
        "\t",
        "\ufffd",
        "👩‍👩‍👧‍👦",
        "🏳️‍🌈",
        "🇬🇧",
        "ﷺ",
        "שלום",
        "مرحبا",
        "\U0001d573\U0001d58a\U0001d591\U0001d591\U0001d594",  # "Hello" in fraktur
        "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    ]
)
# Characters Telegram counts as two (outside the Basic Multilingual Plane), and emoji or
# letters made of several code points that a cut must not break.
ASTRAL = st.sampled_from(
    ["😢", "🙂", "\U0001d573", "👩\u200d👩\u200d👧\u200d👦", "🇬🇧", "👍🏽", "e\u0301", "☕"]
)
MARKUP = st.sampled_from(
    [
        "<b>",
        "</b>",
        "<i>x</i>",
        "&",
        "&amp;",
        "&lt;",
        "&#0;",
        "&#x110000;",
        "&nbsp",
        "<",
        ">",
        "<>",
        "<a href='javascript:alert(1)'>",
        "</a>",
        "<script>alert(1)</script>",
        "<tg-spoiler>",
        '<pre><code class="language-x">',
        "<!--",
        "]]>",
        "{project}",
        "{0}",
        "{}",
        "{{",
        "%s",
        "%(name)s",
        "$x",
        "\\",
        "'; DROP TABLE people; --",
    ]
)
# Things the bot's own steps read: replies, buttons under the message box, dates, headcounts,
# date ranges, and words the safeguarding screen listens for.
WORDS = st.sampled_from(
    [
        "yes",
        "Yes",
        "no",
        "No thanks",
        "Note what people said",
        " Note what people said ",
        "Today",
        "today",
        "yesterday",
        "Tuesday",
        "last friday",
        "3/11",
        "3 Nov",
        "31/2",
        "29/2",
        "0/0",
        "1/13",
        "32 Nov",
        "3/11/1900",
        "3/11/99999",
        "1/9 to 30/11",
        "30/11 to 1/9",
        "1/1/0001 to 31/12/9999",
        "to",
        "1 to",
        "8",
        "0",
        "-5",
        "1000",
        "1001",
        "99999999999999999999",
        "²",
        "٣",
        "\U0001d7e0",  # a double-struck 8
        "½",
        "Ⅻ",
        "1e9",
        "8 people",
        "I want to die",
        "i just cant cope anymore",
        "He hits me",
        "I have no food",
        "I fell and hurt myself",
        "The quiz was brilliant",
        "more tea please",
        "/",
        "//",
        "@natter_test_bot",
        "-",
        "--",
        "'",
        "- ' -",
        "...",
        "—",
        "?!",
        "🙂",
        "N/A",
    ]
)


# Punctuation and spaces only: no word in it at all.
NO_WORDS = st.text(" -'_.,!?\t\n\u00a0\u2013\u2014\u2026\u2019\"", min_size=1, max_size=6)


def _long(chunk: str, times: int) -> str:
    return (chunk * times)[:5000]


def texts() -> st.SearchStrategy[str]:
    """Words anyone might send: non-empty, up to 5000 characters."""
    return st.one_of(
        st.text(UNICODE, min_size=1, max_size=80),
        st.text(UNICODE, min_size=1, max_size=600),
        st.lists(st.one_of(st.text(UNICODE, max_size=12), ODD, MARKUP, WORDS), min_size=1).map(
            " ".join
        ),
        st.lists(st.one_of(ODD, MARKUP, WORDS), min_size=1, max_size=6).map("".join),
        WORDS,
        st.builds(_long, st.text(UNICODE, min_size=1, max_size=40), st.integers(60, 5000)),
        # Long and full of what HTML escaping makes longer ("&" becomes "&amp;").
        st.builds(
            _long,
            st.lists(st.one_of(MARKUP, ODD, WORDS), min_size=1, max_size=4).map(" ".join),
            st.integers(60, 5000),
        ),
        st.sampled_from([" ", "\n", "\u3000", "\u00a0", "\u200b"]),
        NO_WORDS,
    )


TEXTS = texts()


def utf16(text: str) -> int:
    """Telegram measures entity offsets and lengths in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


# --- people and chats -------------------------------------------------------------------

COMMAND_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
USERNAMES = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    st.text(CODE_CHARS.replace("-", ""), min_size=4, max_size=31),
)
LANGUAGES = st.sampled_from(["en", "en-GB", "cy", "pl", "ar", "he", "zh-hans", "xx", ""])


@st.composite
def person(draw: st.DrawFn, world: World, member_weight: float = 0.6) -> Json:
    """A seeded member (most of the time) or someone the bot has never seen."""
    if world.members and draw(st.floats(0, 1)) < member_weight:
        user_id = draw(st.sampled_from(world.focus or sorted(world.members.values())))
    else:
        user_id = draw(
            st.one_of(st.integers(1, 2**52), st.sampled_from([1, 777000, 2**31, 2**52 - 1]))
        )
    user: Json = {
        "id": user_id,
        "is_bot": False,
        "first_name": draw(st.text(UNICODE, min_size=1, max_size=64)),
    }
    if draw(st.booleans()):
        user["last_name"] = draw(st.text(UNICODE, min_size=1, max_size=64))
    if draw(st.booleans()):
        user["username"] = draw(USERNAMES)
    language = draw(LANGUAGES)
    if language:
        user["language_code"] = language
    return user


def private_chat(user: Json) -> Json:
    return {"id": user["id"], "type": "private", "first_name": user["first_name"]}


@st.composite
def group_chat(draw: st.DrawFn) -> Json:
    title = draw(st.text(UNICODE, min_size=1, max_size=128))
    if draw(st.booleans()):
        return {"id": draw(st.sampled_from(GROUP_IDS)), "type": "group", "title": title}
    chat: Json = {"id": draw(st.sampled_from(SUPERGROUP_IDS)), "type": "supergroup", "title": title}
    if draw(st.booleans()):
        chat["is_forum"] = True
    return chat


# --- message contents -------------------------------------------------------------------


def _file(prefix: str) -> st.SearchStrategy[Json]:
    return st.builds(
        lambda n: {"file_id": f"{prefix}-{n}", "file_unique_id": f"{prefix}u{n}"},
        st.integers(0, 10**6),
    )


def _with(
    base: st.SearchStrategy[Json], **extra: st.SearchStrategy[Any]
) -> st.SearchStrategy[Json]:
    return st.builds(lambda b, **kw: {**b, **kw}, base, **extra)


SIZES = st.integers(1, 10_000)
PHOTO = [{"file_id": "p", "file_unique_id": "pu", "width": 90, "height": 90}]
# Durations are whole seconds; a few are absurdly long, as a broken client might report.
SECONDS = st.one_of(st.integers(0, 600), st.integers(0, 2**31 - 1))
CAPTIONS = st.text(UNICODE, min_size=1, max_size=1024)


@st.composite
def command(draw: st.DrawFn, world: World) -> tuple[str, list[Json]]:
    """`/name[@bot] args`, with the bot_command entity Telegram would add."""
    name = draw(
        st.one_of(
            st.sampled_from(world.commands),
            st.text(COMMAND_CHARS, min_size=1, max_size=32),
            st.sampled_from(world.commands).map(str.upper),
        )
    )
    name += draw(
        st.sampled_from(["", "", "", "@natter_test_bot", "@Natter_Test_Bot", "@other_bot"])
    )
    if name.split("@")[0].lower() == "start":
        args = draw(st.one_of(st.none(), payload(world), payload(world).map(lambda p: p + " x")))
    else:
        args = draw(st.one_of(st.none(), TEXTS))
    separator = draw(st.sampled_from([" ", " ", "  ", "\n", "\t", "\u00a0"]))
    text = f"/{name}{separator}{args}" if args else f"/{name}"
    entities = [{"type": "bot_command", "offset": 0, "length": utf16(f"/{name}")}]
    return text, entities


@st.composite
def payload(draw: st.DrawFn, world: World) -> str:
    """A deep-link payload: a real invite code, a damaged one, or nonsense."""
    code = draw(st.sampled_from(world.codes)) if world.codes else "abc"
    found: str = draw(
        st.one_of(
            st.just(code),
            st.just(code.upper()),
            st.just(code.swapcase()),
            st.integers(0, len(code)).map(lambda n: code[:n] or "-"),
            st.text(UNICODE, min_size=1, max_size=3).map(lambda s: code + s),
            st.text(CODE_CHARS, min_size=1, max_size=64),
            st.text(CODE_CHARS, min_size=65, max_size=300),
            st.text(UNICODE, min_size=1, max_size=100).map(lambda s: "".join(s.split()) or "ø"),
            st.sampled_from(
                [
                    f"join:yes:{code}",
                    f"{code}%20",
                    "%00",
                    "../../etc/passwd",
                    "aGVsbG8=",
                    "==",
                    "-",
                    "_",
                    "0",
                    "null",
                    "None",
                    "<b>",
                    "&amp;",
                ]
            ),
        )
    )
    return found


@st.composite
def entities_for(draw: st.DrawFn, text: str) -> list[Json]:
    """Formatting entities at code-point boundaries of `text`, measured in UTF-16."""
    if not text:
        return []
    found: list[Json] = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        kind = draw(
            st.sampled_from(["bold", "italic", "underline", "spoiler", "code", "url", "mention"])
        )
        found.append(
            {"type": kind, "offset": utf16(text[:start]), "length": utf16(text[start:end])}
        )
    return found


@st.composite
def content(draw: st.DrawFn, world: World, chat_type: str) -> Json:
    """What a message carries, of every kind a person (or a group) can send."""
    kind = draw(
        st.sampled_from(
            [
                "text",
                "text",
                "text",
                "text",
                "command",
                "command",
                "start",
                "styled",
                "sticker",
                "photo",
                "voice",
                "voice",
                "video_note",
                "audio",
                "video",
                "animation",
                "document",
                "location",
                "venue",
                "contact",
                "dice",
                "poll",
                "story",
                "forwarded",
                "reply",
                "mid_command",
                "service",
            ]
        )
    )
    if kind == "text":
        return {"text": draw(TEXTS)}
    if kind == "start":  # a deep link: Telegram sends "/start <payload>"
        entities = [{"type": "bot_command", "offset": 0, "length": 6}]
        return {"text": f"/start {draw(payload(world))}", "entities": entities}
    if kind == "command":
        text, entities = draw(command(world))
        return {"text": text, "entities": entities}
    if kind == "mid_command":  # a command that is not at the start is just words
        before = draw(st.text(UNICODE, min_size=1, max_size=20))
        name = draw(st.sampled_from(world.commands))
        return {
            "text": f"{before} /{name}",
            "entities": [
                {"type": "bot_command", "offset": utf16(before) + 1, "length": len(name) + 1}
            ],
        }
    if kind == "styled":
        text = draw(st.text(UNICODE, min_size=1, max_size=200))
        return {"text": text, "entities": draw(entities_for(text))}
    if kind == "sticker":
        sticker = draw(
            _with(
                _file("sticker"),
                type=st.sampled_from(["regular", "mask", "custom_emoji"]),
                width=st.integers(1, 512),
                height=st.integers(1, 512),
                is_animated=st.booleans(),
                is_video=st.booleans(),
                emoji=st.sampled_from(["😀", "👍", "❤️", "🤷🏽‍♀️"]),
            )
        )
        return {"sticker": sticker}
    if kind == "photo":
        sizes = draw(st.lists(_with(_file("photo"), width=SIZES, height=SIZES), min_size=1))
        found: Json = {"photo": sizes}
        if draw(st.booleans()):
            found["caption"] = draw(CAPTIONS)
        return found
    if kind == "voice":
        voice = draw(_with(_file("voice"), duration=SECONDS))
        if draw(st.booleans()):
            voice["mime_type"] = "audio/ogg"
            voice["file_size"] = draw(st.integers(0, 2**31))
        found = {"voice": voice}
        if draw(st.integers(0, 4)) == 0:
            found["caption"] = draw(CAPTIONS)
        return found
    if kind == "video_note":
        return {"video_note": draw(_with(_file("vn"), length=SIZES, duration=SECONDS))}
    if kind == "audio":
        return {"audio": draw(_with(_file("audio"), duration=SECONDS))}
    if kind == "video":
        video = _with(_file("video"), width=SIZES, height=SIZES, duration=SECONDS)
        return {"video": draw(video), "caption": draw(CAPTIONS)}
    if kind == "animation":
        animation = draw(_with(_file("gif"), width=SIZES, height=SIZES, duration=SECONDS))
        return {"animation": animation, "document": {**animation, "file_name": "a.gif.mp4"}}
    if kind == "document":
        document = draw(
            _with(
                _file("doc"),
                file_name=st.text(UNICODE, min_size=1, max_size=255),
                mime_type=st.sampled_from(["text/plain", "application/pdf", "x/x"]),
            )
        )
        found = {"document": document}
        if draw(st.booleans()):
            found["caption"] = draw(CAPTIONS)
        return found
    if kind in ("location", "venue"):
        location = {
            "latitude": draw(st.floats(-90, 90)),
            "longitude": draw(st.floats(-180, 180)),
        }
        if kind == "location":
            return {"location": location}
        venue = {"location": location, "title": draw(TEXTS), "address": draw(TEXTS)}
        return {"venue": venue, "location": location}
    if kind == "contact":
        contact: Json = {
            "phone_number": draw(st.text("+0123456789 ", min_size=1, max_size=20)),
            "first_name": draw(st.text(UNICODE, min_size=1, max_size=64)),
        }
        if draw(st.booleans()):
            contact["user_id"] = draw(st.integers(1, 2**52))
        return {"contact": contact}
    if kind == "dice":
        return {"dice": {"emoji": "🎲", "value": draw(st.integers(1, 6))}}
    if kind == "poll":
        options = draw(st.lists(st.text(UNICODE, min_size=1, max_size=100), min_size=2, max_size=4))
        poll = {
            "id": str(draw(st.integers(0, 10**9))),
            "question": draw(st.text(UNICODE, min_size=1, max_size=300)),
            "options": [
                {"text": o, "voter_count": 0, "persistent_id": str(n)}
                for n, o in enumerate(options)
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": draw(st.booleans()),
            "type": draw(st.sampled_from(["regular", "quiz"])),
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
        return {"poll": poll}
    if kind == "story":
        return {"story": {"chat": {"id": 42, "type": "channel", "title": "x"}, "id": 1}}
    if kind == "forwarded":
        origin = draw(
            st.sampled_from(
                [
                    {"type": "user", "date": 1, "sender_user": {**BOT_USER, "id": 5}},
                    {"type": "hidden_user", "date": 1, "sender_user_name": "Someone"},
                    {
                        "type": "channel",
                        "date": 1,
                        "chat": {"id": -1001, "type": "channel", "title": "News"},
                        "message_id": 3,
                    },
                ]
            )
        )
        return {"text": draw(TEXTS), "forward_origin": origin}
    if kind == "reply":
        replied = {
            "message_id": draw(st.integers(1, 10**6)),
            "date": 1_700_000_000,
            "chat": {"id": 1, "type": "private", "first_name": "x"},
            "from": BOT_USER,
            "text": "What did you enjoy at the group lately?",
        }
        return {"text": draw(TEXTS), "reply_to_message": replied}
    # Service messages: joining and leaving a group, a new title, a pinned message.
    if chat_type == "private":
        return {"text": draw(TEXTS)}
    return draw(
        st.sampled_from(
            [
                {"new_chat_members": [BOT_USER]},
                {"left_chat_member": BOT_USER},
                {"new_chat_title": "Coffee morning 🎉"},
                {"group_chat_created": True},
                {"delete_chat_photo": True},
            ]
        )
    )


# --- updates ----------------------------------------------------------------------------

DATES = st.integers(1_600_000_000, 1_900_000_000)
MESSAGE_IDS = st.one_of(st.integers(1, 60), st.integers(1, 2**31 - 1))


@st.composite
def message(draw: st.DrawFn, world: World) -> Json:
    user = draw(person(world))
    where = draw(st.sampled_from(["private"] * 5 + ["group"]))
    chat = private_chat(user) if where == "private" else draw(group_chat())
    found: Json = {
        "message_id": draw(MESSAGE_IDS),
        "date": draw(DATES),
        "chat": chat,
        "from": user,
        **draw(content(world, chat["type"])),
    }
    if chat.get("is_forum") and draw(st.booleans()):
        found["message_thread_id"] = draw(st.integers(1, 1000))
        found["is_topic_message"] = True
    if chat["type"] != "private" and draw(st.integers(0, 9)) == 0:
        # An anonymous group admin writes as the group itself.
        found["from"] = {"id": 1087968824, "is_bot": True, "first_name": "Group"}
        found["sender_chat"] = chat
    return {"message": found}


@st.composite
def edited_message(draw: st.DrawFn, world: World) -> Json:
    """An edit of a message the bot received, or of one it never saw."""
    if len(world.sent) > 0 and draw(st.booleans()):
        original = draw(st.sampled_from(list(world.sent)))
        base = {k: original[k] for k in ("message_id", "date", "chat", "from")}
    else:
        user = draw(person(world))
        chat = private_chat(user) if draw(st.integers(0, 4)) else draw(group_chat())
        base = {"message_id": draw(MESSAGE_IDS), "date": draw(DATES), "chat": chat, "from": user}
    # Only words and captions can be edited.
    changed = draw(
        st.one_of(
            TEXTS.map(lambda text: {"text": text}),
            command(world).map(lambda c: {"text": c[0], "entities": c[1]}),
            st.builds(lambda caption: {"caption": caption, "photo": PHOTO}, CAPTIONS),
        )
    )
    edit = {**base, **changed, "edit_date": base["date"] + draw(st.integers(0, 10**6))}
    return {"edited_message": edit}


# Numbers at the edges: the largest a pattern allows (9 or 12 digits), past a 32-bit column,
# leading zeros, other scripts' digits (which `\d` matches), and things that are not numbers.
EDGE_NUMBERS = st.sampled_from(
    [
        "0",
        "1",
        "999",
        "9999",
        "999999999",
        "2147483647",
        "2147483648",
        "4294967296",
        "999999999999",
        "000000000001",
        "007",
        "\u0663",  # an Arabic-Indic 3
        "\U0001d7d7",  # a mathematical bold 9
        "\u00b2",  # a superscript 2: a digit to str.isdigit, not to int()
        "",
        "-1",
        "+1",
        "1.5",
        "1e3",
        "9223372036854775808",
    ]
)


def _arg(kind: str, world: World) -> st.SearchStrategy[str]:
    if kind == "n":
        known = list(world.numbers)
        return st.one_of(
            st.integers(0, 60).map(str),
            st.sampled_from(known).map(str) if known else st.integers(0, 9).map(str),
            EDGE_NUMBERS,
            EDGE_NUMBERS,
            st.integers(2**31, 10**12 - 1).map(str),
        )
    if kind == "c":
        return payload(world)
    if kind == "w":
        return st.one_of(st.sampled_from(BUTTON_WORDS), st.text(UNICODE, max_size=24))
    return st.one_of(st.sampled_from(kind.split("|")), st.text(COMMAND_CHARS, max_size=12))


def fit(data: str) -> str:
    """Cut button data to Telegram's 64 bytes, at a character boundary."""
    return data.encode()[:MAX_CALLBACK_BYTES].decode(errors="ignore")


@st.composite
def button_data(draw: st.DrawFn, world: World) -> str:
    """Forged button data: nonsense, or a real pattern with wrong, huge or odd arguments."""
    action = draw(st.sampled_from(sorted(BUTTONS)))
    args = [draw(_arg(kind, world)) for kind in BUTTONS[action]]
    shape = draw(st.sampled_from(["as is", "as is", "as is", "extra", "short", "upper"]))
    if shape == "extra":
        args.append(draw(st.text(UNICODE, max_size=8)))
    elif shape == "short" and args:
        args.pop()
    elif shape == "upper":
        action = action.upper()
    return fit(":".join([action, *args]))


@st.composite
def callback_query(draw: st.DrawFn, world: World) -> Json:
    """A button press: replaying a real button (maybe by someone else) or forged data."""
    user = draw(person(world, member_weight=0.8))
    source = draw(st.sampled_from(["real"] * 2 + ["mutated"] * 3 + ["forged"] * 3 + ["random"]))
    data: str | None
    if source in ("real", "mutated") and world.buttons:
        owner, data = draw(st.sampled_from(list(world.buttons)))
        if draw(st.integers(0, 3)) and owner > 0:
            user = {**user, "id": owner}  # mostly pressed by the person it was sent to
        if source == "mutated":  # the same button with other numbers in it
            parts = data.split(":")
            data = fit(":".join(draw(EDGE_NUMBERS) if p.isdecimal() else p for p in parts))
    elif source in ("forged", "real", "mutated"):
        data = draw(button_data(world))
    elif draw(st.integers(0, 3)):
        data = fit(draw(st.text(UNICODE, min_size=1, max_size=MAX_CALLBACK_BYTES)))
    else:
        data = None
    query: Json = {
        "id": str(draw(st.integers(0, 2**63))),
        "from": user,
        "chat_instance": str(draw(st.integers(-(2**63), 2**63))),
    }
    if data is not None:
        query["data"] = data
    elif draw(st.booleans()):
        query["game_short_name"] = "quiz"
    where = draw(st.sampled_from(["private", "private", "private", "group", "gone", "inline"]))
    chat = private_chat(user) if where in ("private", "gone") else draw(group_chat())
    if where == "inline":
        query["inline_message_id"] = "AAAA-inline"
    elif where == "gone":  # too old for the bot to see: Telegram sends date 0
        query["message"] = {"message_id": draw(MESSAGE_IDS), "date": 0, "chat": chat}
    else:
        query["message"] = {
            "message_id": draw(MESSAGE_IDS),
            "date": draw(DATES),
            "chat": chat,
            "from": BOT_USER,
            "text": draw(st.text(UNICODE, min_size=1, max_size=100)),
        }
        if data and draw(st.integers(0, 4)):
            keyboard = [[{"text": "x", "callback_data": data}]]
            query["message"]["reply_markup"] = {"inline_keyboard": keyboard}
    return {"callback_query": query}


@st.composite
def redelivered(draw: st.DrawFn, world: World) -> Json:
    """The same update again, as Telegram sends when it did not hear back in time."""
    if len(world.fed) == 0:
        return draw(message(world))
    again: Json = draw(st.sampled_from(list(world.fed)))
    return again


def updates(world: World) -> st.SearchStrategy[Json]:
    """One odd update of any kind, drawn against the current state of `world`.

    Built once per world (building strategies is slow); what is drawn reads the world afresh.
    """
    if world.strategy is None:
        world.strategy = _updates(world)
    return world.strategy


@st.composite
def member_says(draw: st.DrawFn, world: World) -> Json:
    """A member in their private chat: a command of theirs, words a step reads, or anything."""
    user = draw(person(world, member_weight=1))
    kind = draw(st.sampled_from(["command"] * 5 + ["words"] * 3 + ["text"] * 2))
    if kind == "command":
        said = "/" + draw(st.sampled_from(world.commands))
    else:
        said = draw(st.one_of(WORDS, NO_WORDS) if kind == "words" else TEXTS)
    found: Json = {
        "message_id": draw(MESSAGE_IDS),
        "date": draw(DATES),
        "chat": private_chat(user),
        "from": user,
        "text": said,
    }
    if said.startswith("/") and said[1:] in world.commands:
        found["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16(said)}]
    return {"message": found}


# Each kind of update, with how often it comes when all are on.
KINDS: dict[str, tuple[Callable[[World], st.SearchStrategy[Json]], int]] = {
    "message": (message, 3),
    "member": (member_says, 4),
    "edit": (edited_message, 1),
    "press": (callback_query, 4),
    "again": (redelivered, 1),
}
# Swarm testing: each example turns on only some kinds, so that, say, a run of forged presses
# is not diluted by everything else.
SWARM = st.lists(st.sampled_from(sorted(KINDS)), min_size=1, unique=True).map(tuple)


def _updates(world: World) -> st.SearchStrategy[Json]:
    return st.one_of(
        [
            make(world)
            for kind in world.kinds
            for make, weight in [KINDS[kind]]
            for _ in range(weight)
        ]
    )
