"""Button data: small strings (at most 64 bytes), parsed strictly and never trusted.

One pattern per kind of button, in the formats already out there on people's phones: a button
sent months ago must still mean the same. Parsing only checks the shape; the flow that answers
a button checks its meaning against the database and the stored dialogue state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import fields
from enum import StrEnum
from typing import Any, get_type_hints

from bot.core.buttons import kinds as k
from bot.core.buttons import kinds_did as d
from bot.core.buttons import kinds_themes as t

MAX_BYTES = 64
MAX_ID = 2**31 - 1
_KINDS: dict[str, tuple[type[k.ButtonData], str]] = {
    "join": (k.Join, r"^join:(yes|more|no):([A-Za-z0-9_-]{1,50})$"),
    "skip": (k.SkipQuestion, r"^skip:(\d{1,9}):(\d{1,3})$"),
    "pick": (k.PickProject, r"^pick:(\d{1,9})$"),
    "forget": (k.Forget, r"^forget:(yes|no)$"),
    "nproj": (k.NoteProject, r"^nproj:(\d{1,9})$"),
    "nplace": (k.NotePlace, r"^nplace:(\d{1,2})$"),
    "nwhen": (k.NoteWhen, r"^nwhen:(today|yesterday|other)$"),
    "ncount": (k.NoteCount, r"^ncount:([abcd])$"),
    "ntag": (k.NoteTag, r"^ntag:(\d{1,12}):([ka]):([a-z]{1,8})$"),
    "ndet": (k.NoteDetails, r"^ndet:(\d{1,12})$"),
    "none": (k.NoteOnePerson, r"^none:(\d{1,12})$"),
    "nundo": (k.NoteUndo, r"^nundo:(\d{1,12})$"),
    "ndone": (k.NoteDone, r"^ndone:(\d{1,12})$"),
    "nadd": (k.NoteAddMore, r"^nadd:(\d{1,12})$"),
    "rtick": (k.ReplyTick, r"^rtick:(\d{1,12})$"),
    "rgo": (k.ReplyGo, r"^rgo$"),
    "rnone": (k.ReplyNotNeeded, r"^rnone$"),
    "rnext": (k.ReplyNextPage, r"^rnext:(\d{1,4})$"),
    "rupd": (k.ReplyUpdate, r"^rupd$"),
    "rupdpick": (k.ReplyUpdatePick, r"^rupdpick:(\d{1,12})$"),
    "rout": (k.ReplyOutcome, r"^rout:(changed|looking|cannot)$"),
    "rsend": (k.ReplySend, r"^rsend$"),
    "rcancel": (k.ReplyCancel, r"^rcancel$"),
    "inv": (k.Invite, r"^inv:(participant|volunteer):(\d{1,9})$"),
    "cskip": (k.SkipProgrammeQuestion, r"^cskip:(\d{1,9})$"),
    "flg": (k.MarkReviewed, r"^flg:(\d{1,12})$"),
    "csafe": (k.CareSafe, r"^csafe:(\d{1,12})$"),
    "ccall": (k.CareContact, r"^ccall:(\d{1,12})$"),
    "cwrite": (k.CareWrite, r"^cwrite:(\d{1,12})$"),
    "cend": (k.CareEnd, r"^cend:(\d{1,12})$"),
    "ecall": (k.CareCalled, r"^ecall:(\d{1,12})$"),
    "report": (k.Report, r"^report:(last_month|last_quarter|dates)$"),
    "chk": (k.CheckinMood, r"^chk:(\d{1,9}):(\d{1,6}):(good|ok|bad)$"),
    "chksnooze": (k.CheckinSnooze, r"^chksnooze:(\d{1,9}):(\d{1,6})$"),
    "chkaway": (k.CheckinAway, r"^chkaway:(\d{1,9}):(\d{1,6})$"),
    "chkweeks": (k.CheckinAwayFor, r"^chkweeks:(\d{1,9}):(\d{1,6}):(2|4)$"),
    "chkdone": (k.CheckinDone, r"^chkdone:(\d{1,9}):(\d{1,6})$"),
    "optout": (k.OptOut, r"^optout:(yes|no)$"),
    "export": (k.Export, r"^export:([a-z_0-9]{1,20})$"),
    "heard": (k.VoiceHeard, r"^heard:(\d{1,12}):(yes|fix|skip)$"),
    "listen": (k.Listen, r"^listen:(\d{1,12})$"),
    "sendto": (k.SendTo, r"^sendto:(telegram|email|both)$"),
    "thnext": (t.ThemeNext, r"^thnext:(\d{1,12})$"),
    "thok": (t.ThemeRight, r"^thok:(\d{1,12})$"),
    "thset": (t.ThemeSet, r"^thset:(\d{1,12}):(\d{1,2}):([hux])$"),
    "thneed": (t.ThemeNeedsReply, r"^thneed:(\d{1,12}):([yn])$"),
    "rthemes": (t.ReplyThemes, r"^rthemes$"),
    "rthm": (t.ReplyTheme, r"^rthm:(\d{1,2})$"),
    "didproj": (d.DidProject, r"^didproj:(\d{1,9})$"),
    "didplace": (d.DidPlace, r"^didplace:(\d{1,2})$"),
    "didout": (d.DidOutcome, r"^didout:(changed|looking|cannot)$"),
    "didsave": (d.DidSave, r"^didsave$"),
    "didchg": (d.DidChange, r"^didchg$"),
    "didpart": (d.DidChangePart, r"^didpart:(where|said|did)$"),
    "didcancel": (d.DidCancel, r"^didcancel$"),
}
# ASCII: to Python, \d is any digit ("٣" too); we only ever send 0-9.
PATTERNS: Mapping[str, re.Pattern[str]] = {
    action: re.compile(pattern, re.ASCII) for action, (_, pattern) in _KINDS.items()
}
_ACTIONS: dict[type[k.ButtonData], str] = {kind: action for action, (kind, _) in _KINDS.items()}


def _reader(hint: Any) -> Callable[[str], object]:
    """How one matched group becomes its field: a number, an enum member, or the text as is."""
    if hint is int:
        return int
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return hint
    return str


_READERS: dict[str, tuple[Callable[[str], object], ...]] = {
    action: tuple(_reader(get_type_hints(kind)[f.name]) for f in fields(kind))
    for action, (kind, _) in _KINDS.items()
}


def encode(data: k.ButtonData) -> str:
    """The button data for a press of `data`; ValueError for anything `decode` would refuse."""
    action = _ACTIONS[type(data)]
    encoded = ":".join((action, *(str(getattr(data, f.name)) for f in fields(data))))
    if decode(encoded) != data:
        raise ValueError(f"bad button data {encoded!r}")
    return encoded


def decode(data: str | None) -> k.ButtonData | None:
    """The pressed button, or None for anything we never made."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    action = data.split(":", 1)[0]
    pattern = PATTERNS.get(action)
    match = pattern.match(data) if pattern else None
    if match is None:
        return None
    # Ids in the database are 32-bit: a bigger number was never made by us (and PostgreSQL
    # would refuse it), so it is forged.
    if any(g.isdigit() and int(g) > MAX_ID for g in match.groups()):
        return None
    kind: Callable[..., k.ButtonData] = _KINDS[action][0]
    return kind(*(read(g) for read, g in zip(_READERS[action], match.groups(), strict=True)))
