"""Button data: typed kinds, one strict pattern each, in the formats already on people's phones."""

from __future__ import annotations

from dataclasses import fields

import pytest

from bot.core import buttons
from storage.models import Outcome

# Every format as first sent (bot/core/button_data.py at f737895): a button sent months ago
# must still mean the same, so these never change; a new kind of button adds a line.
FORMATS = {
    "join": r"^join:(yes|more|no):([A-Za-z0-9_-]{1,50})$",
    "skip": r"^skip:(\d{1,9}):(\d{1,3})$",
    "pick": r"^pick:(\d{1,9})$",
    "forget": r"^forget:(yes|no)$",
    "nproj": r"^nproj:(\d{1,9})$",
    "nplace": r"^nplace:(\d{1,2})$",
    "nwhen": r"^nwhen:(today|yesterday|other)$",
    "ncount": r"^ncount:([abcd])$",
    "ntag": r"^ntag:(\d{1,12}):([ka]):([a-z]{1,8})$",
    "ndet": r"^ndet:(\d{1,12})$",
    "none": r"^none:(\d{1,12})$",
    "nundo": r"^nundo:(\d{1,12})$",
    "ndone": r"^ndone:(\d{1,12})$",
    "nadd": r"^nadd:(\d{1,12})$",
    "rtick": r"^rtick:(\d{1,12})$",
    "rgo": r"^rgo$",
    "rnone": r"^rnone$",  # added 2026-12-03: "No reply needed" in /replies
    "rnext": r"^rnext:(\d{1,4})$",
    "rupd": r"^rupd$",
    "rupdpick": r"^rupdpick:(\d{1,12})$",
    "rout": r"^rout:(changed|looking|cannot)$",
    "rsend": r"^rsend$",
    "rcancel": r"^rcancel$",
    "inv": r"^inv:(participant|volunteer):(\d{1,9})$",
    "cskip": r"^cskip:(\d{1,9})$",
    "flg": r"^flg:(\d{1,12})$",
    "csafe": r"^csafe:(\d{1,12})$",
    "ccall": r"^ccall:(\d{1,12})$",
    "cwrite": r"^cwrite:(\d{1,12})$",
    "cend": r"^cend:(\d{1,12})$",
    "ecall": r"^ecall:(\d{1,12})$",
    "report": r"^report:(last_month|last_quarter|dates)$",
    "chk": r"^chk:(\d{1,9}):(\d{1,6}):(good|ok|bad)$",
    "chksnooze": r"^chksnooze:(\d{1,9}):(\d{1,6})$",
    "chkaway": r"^chkaway:(\d{1,9}):(\d{1,6})$",
    "chkweeks": r"^chkweeks:(\d{1,9}):(\d{1,6}):(2|4)$",
    "chkdone": r"^chkdone:(\d{1,9}):(\d{1,6})$",
    "optout": r"^optout:(yes|no)$",
    "export": r"^export:([a-z_0-9]{1,20})$",
    "heard": r"^heard:(\d{1,12}):(yes|fix|skip)$",
    "listen": r"^listen:(\d{1,12})$",
    "sendto": r"^sendto:(telegram|email|both)$",  # added 2026-12-03: /settings
    # added 2026-12-03: the theme check (bot.replies.themes_check)
    "thnext": r"^thnext:(\d{1,12})$",
    "thok": r"^thok:(\d{1,12})$",
    "thset": r"^thset:(\d{1,12}):(\d{1,2}):([hux])$",
    "thneed": r"^thneed:(\d{1,12}):([yn])$",
    "rthemes": r"^rthemes$",  # added 2026-12-03: /replies by theme
    "rthm": r"^rthm:(\d{1,2})$",
    # added 2026-12-04: /did, what the team heard and did (bot.did)
    "didproj": r"^didproj:(\d{1,9})$",
    "didplace": r"^didplace:(\d{1,2})$",
    "didout": r"^didout:(changed|looking|cannot)$",
    "didsave": r"^didsave$",
    "didchg": r"^didchg$",
    "didpart": r"^didpart:(where|said|did)$",
    "didcancel": r"^didcancel$",
}
ONE_OF_EACH: list[buttons.ButtonData] = [
    buttons.Join("more", "Ab_9-x"),
    buttons.SkipQuestion(12, 3),
    buttons.PickProject(2),
    buttons.Forget("no"),
    buttons.NoteProject(2),
    buttons.NotePlace(7),
    buttons.NoteWhen("yesterday"),
    buttons.NoteCount("c"),
    buttons.NoteTag(99, "a", "most"),
    buttons.NoteDetails(99),
    buttons.NoteOnePerson(5),
    buttons.NoteUndo(5),
    buttons.NoteDone(5),
    buttons.NoteAddMore(5),
    buttons.ReplyTick(40),
    buttons.ReplyGo(),
    buttons.ReplyNotNeeded(),
    buttons.ReplyNextPage(3),
    buttons.ReplyUpdate(),
    buttons.ReplyUpdatePick(8),
    buttons.ReplyOutcome(Outcome.LOOKING),
    buttons.ReplySend(),
    buttons.ReplyCancel(),
    buttons.Invite("volunteer", 2),
    buttons.SkipProgrammeQuestion(6),
    buttons.MarkReviewed(41),
    buttons.CareSafe(41),
    buttons.CareContact(41),
    buttons.CareWrite(41),
    buttons.CareEnd(41),
    buttons.CareCalled(41),
    buttons.Report("last_quarter"),
    buttons.CheckinMood(3, 14, "bad"),
    buttons.CheckinSnooze(3, 14),
    buttons.CheckinAway(3, 14),
    buttons.CheckinAwayFor(3, 14, 4),
    buttons.CheckinDone(3, 14),
    buttons.OptOut("yes"),
    buttons.Export("last_4_weeks"),
    buttons.VoiceHeard(31, "fix"),
    buttons.Listen(32),
    buttons.SendTo("both"),
    buttons.ThemeNext(0),
    buttons.ThemeRight(33),
    buttons.ThemeSet(33, 9, "u"),
    buttons.ThemeNeedsReply(33, "y"),
    buttons.ReplyThemes(),
    buttons.ReplyTheme(4),
    buttons.DidProject(2),
    buttons.DidPlace(3),
    buttons.DidOutcome(Outcome.CANNOT),
    buttons.DidSave(),
    buttons.DidChange(),
    buttons.DidChangePart("said"),
    buttons.DidCancel(),
]


def test_every_format_is_the_one_first_sent() -> None:
    assert {a: p.pattern for a, p in buttons.PATTERNS.items()} == FORMATS


@pytest.mark.parametrize("data", ONE_OF_EACH, ids=lambda d: type(d).__name__)
def test_every_kind_reads_back_as_it_was_made(data: buttons.ButtonData) -> None:
    encoded = buttons.encode(data)
    assert len(encoded.encode()) <= buttons.MAX_BYTES
    assert buttons.PATTERNS[encoded.split(":")[0]].match(encoded)
    assert buttons.decode(encoded) == data


def test_one_of_each_kind_is_checked() -> None:
    assert {encoded.split(":")[0] for encoded in map(buttons.encode, ONE_OF_EACH)} == set(FORMATS)


@pytest.mark.parametrize(
    ("data", "pressed"),
    [
        ("join:yes:AbC_12-x", buttons.Join("yes", "AbC_12-x")),
        ("skip:1:0", buttons.SkipQuestion(1, 0)),
        ("rout:cannot", buttons.ReplyOutcome(Outcome.CANNOT)),
        ("chkweeks:12:3:4", buttons.CheckinAwayFor(12, 3, 4)),
        ("ntag:123456789012:k:better", None),  # a note id past 32 bits: forged
        ("ntag:1234:k:better", buttons.NoteTag(1234, "k", "better")),
        (f"flg:{2**31 - 1}", buttons.MarkReviewed(2**31 - 1)),
    ],
)
def test_buttons_already_sent_read_as_before(data: str, pressed: object) -> None:
    assert buttons.decode(data) == pressed


def test_numbers_are_numbers() -> None:
    pressed = buttons.decode("chk:3:14:good")
    assert isinstance(pressed, buttons.CheckinMood)
    assert [type(getattr(pressed, f.name)) for f in fields(pressed)] == [int, int, str]


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "pick",
        "pick:",
        "pick:1:2",
        "PICK:1",
        "pick:-1",
        "pick:1 ",
        f"pick:{2**31}",
        "nope:1",
        "rgo:1",
        "chkweeks:1:2:3",
        "rout:maybe",
        "join:yes:" + "a" * 51,
        "export:" + "a" * 60,  # over 64 bytes
        "skip:1:٣",  # an Arabic-Indic digit: a digit to Python, not to us
    ],
)
def test_forged_data_is_nothing(data: str | None) -> None:
    assert buttons.decode(data) is None


@pytest.mark.parametrize(
    "data",
    [buttons.PickProject(2**31), buttons.NotePlace(100), buttons.Join("yes", "no spaces")],
)
def test_data_we_would_refuse_is_never_made(data: buttons.ButtonData) -> None:
    with pytest.raises(ValueError, match="bad button data"):
        buttons.encode(data)
