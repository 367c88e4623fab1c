"""Button data: small strings (at most 64 bytes), parsed strictly and never trusted.

Parsing only checks the shape; the domain checks the meaning against the stored dialogue state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
MAX_ID = 2**31 - 1
_PATTERNS: dict[str, re.Pattern[str]] = {
    # join:<yes|more|no>:<invite code>
    "join": re.compile(r"^join:(yes|more|no):([A-Za-z0-9_-]{1,50})$"),
    # skip:<project id>:<question index>
    "skip": re.compile(r"^skip:(\d{1,9}):(\d{1,3})$"),
    # pick:<project id>
    "pick": re.compile(r"^pick:(\d{1,9})$"),
    # forget:<yes|no>
    "forget": re.compile(r"^forget:(yes|no)$"),
    # Volunteers noting a group: project, place index, when, headcount band.
    "nproj": re.compile(r"^nproj:(\d{1,9})$"),
    "nplace": re.compile(r"^nplace:(\d{1,2})$"),
    "nwhen": re.compile(r"^nwhen:(today|yesterday|other)$"),
    "ncount": re.compile(r"^ncount:([abcd])$"),
    # ntag:<note id>:<k kind | a agreement>:<value>
    "ntag": re.compile(r"^ntag:(\d{1,12}):([ka]):([a-z]{1,8})$"),
    # none / nundo / ndone / nadd :<group session id>
    "none": re.compile(r"^none:(\d{1,12})$"),
    "nundo": re.compile(r"^nundo:(\d{1,12})$"),
    "ndone": re.compile(r"^ndone:(\d{1,12})$"),
    "nadd": re.compile(r"^nadd:(\d{1,12})$"),
    # Staff answering suggestions ("you said, we did").
    "rtick": re.compile(r"^rtick:(\d{1,12})$"),
    "rgo": re.compile(r"^rgo$"),
    "rnext": re.compile(r"^rnext:(\d{1,4})$"),
    "rupd": re.compile(r"^rupd$"),
    "rupdpick": re.compile(r"^rupdpick:(\d{1,12})$"),
    "rout": re.compile(r"^rout:(changed|looking|cannot)$"),
    "rsend": re.compile(r"^rsend$"),
    "rcancel": re.compile(r"^rcancel$"),
    # inv:<role>:<project id>
    "inv": re.compile(r"^inv:(participant|volunteer):(\d{1,9})$"),
    # cskip:<programme question id>
    "cskip": re.compile(r"^cskip:(\d{1,9})$"),
    # flg:<flagged comment id>: staff mark it as looked at
    "flg": re.compile(r"^flg:(\d{1,12})$"),
    # report:<range name>
    "report": re.compile(r"^report:(last_month|last_quarter|dates)$"),
    # Check-ins: <membership id>:<turn>, so an older check-in's buttons are stale.
    "chk": re.compile(r"^chk:(\d{1,9}):(\d{1,6}):(good|ok|bad)$"),
    "chksnooze": re.compile(r"^chksnooze:(\d{1,9}):(\d{1,6})$"),
    "chkaway": re.compile(r"^chkaway:(\d{1,9}):(\d{1,6})$"),
    "chkweeks": re.compile(r"^chkweeks:(\d{1,9}):(\d{1,6}):(2|4)$"),
    "chkdone": re.compile(r"^chkdone:(\d{1,9}):(\d{1,6})$"),
    # optout:<yes|no>, after "stop" in plain words
    "optout": re.compile(r"^optout:(yes|no)$"),
    # export:<range name>
    "export": re.compile(r"^export:([a-z_0-9]{1,20})$"),
}


@dataclass(frozen=True, slots=True)
class Callback:
    action: str
    args: tuple[str, ...]


def encode(action: str, *args: object) -> str:
    data = ":".join((action, *(str(a) for a in args)))
    if len(data.encode()) > MAX_BYTES or decode(data) is None:
        raise ValueError(f"bad button data {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """The parsed button, or None for anything we never made."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    action = data.split(":", 1)[0]
    pattern = _PATTERNS.get(action)
    match = pattern.match(data) if pattern else None
    if match is None:
        return None
    # Ids in the database are 32-bit: a bigger number was never made by us (and PostgreSQL
    # would refuse it), so it is forged.
    if any(g.isdigit() and int(g) > MAX_ID for g in match.groups()):
        return None
    return Callback(action, match.groups())
