"""The words of the weekly digests: sections, quotes, escaping, splitting, small numbers, CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core import TELEGRAM_TEXT_LIMIT, visible_length
from bot.digests import quotes as quotes_module
from bot.digests.formatting import small
from bot.digests.programme_digest import programme_digest
from bot.digests.project_digest import project_digest
from bot.digests.spreadsheet import comments_csv
from bot.digests.week import DigestComment, GroupSessionLine, ProjectWeek
from bot.digests.words import frequent_phrases
from bot.language import load_stopwords
from prompts import Prompts
from prompts.lint import html_problems
from tests.support.html_check import html_errors

START, END = date(2026, 11, 16), date(2026, 11, 23)
MONDAY = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
STOP = load_stopwords()  # the shipped prompts/stopwords.yaml


def comment(
    text: str | None,
    kind: str = "liked",
    who: str | None = "K7",
    *,
    hours: float = 0,
    voice: int | None = None,
    project: str = "Firth Park",
    question: str | None = None,
) -> DigestComment:
    return DigestComment(MONDAY + timedelta(hours=hours), who, kind, text, voice, question, project)


def week(
    comments: list[DigestComment], project: str = "Firth Park", waiting: int = 0
) -> ProjectWeek:
    return ProjectWeek(project, "Age UK", comments, waiting)


def strict_html(text: str) -> list[str]:
    """Telegram HTML with only b, i, u, s, code and a, balanced, no bare < or &."""
    return html_errors(text) + html_problems(text)


def assert_messages_ok(parts: list[str]) -> None:
    assert parts
    for part in parts:
        assert visible_length(part) <= TELEGRAM_TEXT_LIMIT, visible_length(part)
        assert strict_html(part) == [], (strict_html(part), part[:200])


def bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("•")]


def section(text: str, heading: str) -> list[str]:
    """The lines under a section heading, up to the next blank line."""
    block = text.split(heading, 1)[1].split("\n\n", 1)[0]
    return block.splitlines()[1:]


SEEDED = [
    comment("I loved the bingo night", "liked", "K1", hours=1),
    comment("The bingo night was such fun", "liked", "K2", hours=30),
    comment("Tea was lovely", "liked", None, hours=50),
    comment("The hall is far too cold", "change", "K1", hours=2),
    comment(None, "change", "K3", hours=40, voice=35),
    comment("Could we start a walking club?", "idea", "K2", hours=60),
    comment("Feeling much better this week", "mood", "K3", hours=70),
]


def test_counts_and_sections(prompts: Prompts) -> None:
    parts = project_digest(prompts, week(SEEDED, waiting=0), START, END, STOP)
    assert len(parts) == 1
    text = parts[0]
    assert_messages_ok(parts)
    assert text.startswith("<b>Firth Park</b>\nWeek of 16 Nov 2026")
    assert "7 comments: 6 from 3 people, and 1 from groups." in text
    assert "<b>What people liked</b> (3)" in text
    assert "<b>What people would change</b> (2)" in text
    assert "<b>What people would like to start</b> (1)" in text
    assert "<b>Other comments</b> (1)" in text  # the mood counts under "other"
    assert section(text, "<b>What people liked</b>") == [
        "• “I loved the bingo night” — Person K1",
        "• “The bingo night was such fun” — Person K2",
        "• “Tea was lovely” — a group",
    ]
    assert "• A voice message (35 seconds) — Person K3" in text
    assert "<b>Words that came up often:</b> bingo night" in text
    assert "waiting for a reply" not in text
    assert text.rstrip().endswith("spreadsheet (CSV) sent with this message.")


def test_empty_sections_are_left_out(prompts: Prompts) -> None:
    (text,) = project_digest(prompts, week([comment("Nice cake", "liked")]), START, END, STOP)
    assert "1 comment from 1 person." in text
    assert "What people liked" in text
    for heading in ("would change", "would like to start", "Other comments", "came up often"):
        assert heading not in text


def test_group_comments_count_but_are_not_people(prompts: Prompts) -> None:
    said = [comment("Warm hall", who=None), comment(None, "other", None, voice=1)]
    (text,) = project_digest(prompts, week(said), START, END, STOP)
    assert "2 comments, all from groups." in text
    assert "— a group" in text and "Person" not in text


def test_user_text_is_escaped(prompts: Prompts) -> None:
    comments = [comment("Fish <b>& chips</b> & <i>peas", "liked")]
    parts = project_digest(prompts, week(comments, project="Tea & <Cake>"), START, END, STOP)
    assert_messages_ok(parts)
    text = parts[0]
    assert "“Fish &lt;b&gt;&amp; chips&lt;/b&gt; &amp; &lt;i&gt;peas” — Person K7" in text
    assert "<b>Tea &amp; &lt;Cake&gt;</b>" in text
    assert "<i>" not in text


def test_long_quotes_are_trimmed_on_a_word_boundary(prompts: Prompts) -> None:
    long = "The singing was wonderful and " * 20 + "THE END"
    (text,) = project_digest(prompts, week([comment(long)]), START, END, STOP)
    (quote,) = bullets(text)
    said = quote.split("“", 1)[1].split("”", 1)[0]
    assert said.endswith("…") and "THE END" not in said
    assert 150 <= len(said) <= 201
    assert long.startswith(said[:-1])
    assert long[len(said) - 1] == " "  # cut where a word ends


def test_quotes_are_varied_across_people(prompts: Prompts) -> None:
    chatty = [
        comment(f"Lovely day number {i}", "liked", "K1", hours=48 + i / 10) for i in range(10)
    ]
    # Early in the week, so evenly spaced picks alone would land on K1 twice.
    others = [
        comment("The quiz was fun", "liked", "A2", hours=1),
        comment("I liked the soup", "liked", "B3", hours=2),
        comment("Good to see friends", "liked", "C4", hours=3),
    ]
    (text,) = project_digest(prompts, week(chatty + others), START, END, STOP)
    quotes = bullets(text)
    assert len(quotes) == 3
    people = [q.rsplit("— ", 1)[1] for q in quotes]
    assert len(set(people)) == 3, quotes
    assert "Person K1" in people  # the chatty person is still heard once


def test_quotes_spread_across_the_week_when_one_person_spoke(prompts: Prompts) -> None:
    said = [comment(f"Comment {i}", "liked", "K1", hours=i * 10) for i in range(9)]
    (text,) = project_digest(prompts, week(said), START, END, STOP)
    assert [q.split("“")[1].split("”")[0] for q in bullets(text)] == [
        "Comment 0",
        "Comment 4",
        "Comment 8",
    ]


def test_quiet_week(prompts: Prompts) -> None:
    parts = project_digest(prompts, week([], waiting=0), START, END, STOP)
    assert parts == [
        "<b>Firth Park</b>\nWeek of 16 Nov 2026\n\nIt was a quiet week: nobody left a comment."
    ]


@pytest.mark.parametrize(
    ("waiting", "line"),
    [
        (1, "1 suggestion is waiting for a reply."),
        (4, "4 suggestions are waiting for a reply."),
    ],
)
def test_waiting_line(prompts: Prompts, waiting: int, line: str) -> None:
    (quiet,) = project_digest(prompts, week([], waiting=waiting), START, END, STOP)
    assert "quiet week" in quiet and line in quiet
    assert "spreadsheet" not in quiet
    (busy,) = project_digest(prompts, week(SEEDED, waiting=waiting), START, END, STOP)
    assert line in busy


def test_a_long_digest_is_split_into_valid_messages(
    prompts: Prompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quotes_module, "QUOTES_PER_SECTION", 1000)
    said = [
        comment(
            f"Comment {i} <b>bold</b> & " + "the soup was lovely and warm " * 12,
            ("liked", "change", "idea", "other")[i % 4],
            f"P{i}",
            hours=i / 3,
        )
        for i in range(400)
    ]
    parts = project_digest(prompts, week(said, waiting=2), START, END, STOP)
    assert len(parts) > 5
    assert_messages_ok(parts)
    joined = "\n".join(parts)
    assert len(bullets(joined)) == 400
    assert joined.count("&lt;b&gt;bold&lt;/b&gt; &amp;") == 400


def test_programme_small_numbers(prompts: Prompts) -> None:
    weeks = [
        week([comment("ok", "change", f"A{i}") for i in range(3)], project="Three"),
        week(
            [comment("x", "idea", f"B{i % 6}") for i in range(12)]
            + [comment("y", "change", None) for _ in range(5)],
            project="Twelve",
        ),
    ]
    (text,) = programme_digest(prompts, weeks, START, END, STOP)
    assert text.startswith("<b>All projects</b>\nWeek of 16 Nov 2026")
    three = section(text, "<b>Three</b>, run by Age UK")
    assert three == [
        "Comments: fewer than 5. People: fewer than 5. "
        "Things to change: fewer than 5. New ideas: none."
    ]
    twelve = section(text, "<b>Twelve</b>, run by Age UK")
    assert twelve == ["Comments: 17. People: 6. Things to change: 5. New ideas: 12."]


def test_small(prompts: Prompts) -> None:
    assert [small(prompts, n) for n in (0, 1, 3, 4, 5, 12)] == [
        "none",
        "fewer than 5",
        "fewer than 5",
        "fewer than 5",
        "5",
        "12",
    ]


def test_programme_themes_and_quiet_projects(prompts: Prompts) -> None:
    weeks = [
        week(
            [
                comment("The bingo night was great", who="A1"),
                comment("Bingo night again please", who="A2"),
                comment("The minibus was late", who="A3"),
                comment("Minibus late again", who="A4"),
            ],
            project="Firth Park",
        ),
        week([comment("We want a bingo night too", who="B1")], project="Hall Lunch"),
        week([], project="Sewing Circle"),
        week([], project="Knit & Natter"),
    ]
    (text,) = programme_digest(prompts, weeks, START, END, STOP)
    assert_messages_ok([text])
    themes = next(line for line in text.splitlines() if "Themes across projects" in line)
    assert "bingo night" in themes
    assert "minibus" not in themes  # only ever said at one project
    assert section(text, "<b>Projects that went quiet</b>") == [
        "• Sewing Circle, run by Age UK",
        "• Knit &amp; Natter, run by Age UK",
    ]
    assert "<b>Firth Park</b>" in text and "<b>Sewing Circle</b>" not in text


def test_programme_never_quotes(prompts: Prompts) -> None:
    said = [
        comment("My neighbour Doreen told me the stairs are dangerous", who="A1"),
        comment(None, who="A2", voice=20),
    ]
    (text,) = programme_digest(prompts, [week(said)], START, END, STOP)
    for word in ("Doreen", "stairs", "dangerous", "voice", "Person"):
        assert word not in text
    assert "Themes across projects" not in text


def test_programme_with_no_projects(prompts: Prompts) -> None:
    (text,) = programme_digest(prompts, [], START, END, STOP)
    assert text.endswith("There are no projects yet.")


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_rows(prompts: Prompts) -> None:
    said = [
        comment("Lovely café ☕, “thanks”", "liked", "K7", hours=0, question="enjoyed"),
        comment(None, "change", None, hours=24, voice=12, project="Hall Lunch"),
        comment("Line one\nline two", "idea", "K8", hours=3),
    ]
    text = comments_csv(said, LONDON, prompts)
    assert text.startswith("date,person,project,kind,question,text,where,how many agreed\r\n")
    assert text.endswith("\r\n")
    table = rows(text)
    assert table[0] == [
        "date", "person", "project", "kind", "question", "text", "where", "how many agreed",
    ]  # fmt: skip
    assert table[1:] == [
        [
            "2026-11-16 10:00",
            "Person K7",
            "Firth Park",
            "liked",
            "enjoyed",
            "Lovely café ☕, “thanks”",
            "",
            "",
        ],
        ["2026-11-16 13:00", "Person K8", "Firth Park", "idea", "", "Line one\nline two", "", ""],
        [
            "2026-11-17 10:00", "group", "Hall Lunch", "change", "",
            "(voice message, 12 seconds)", "", "",
        ],
    ]  # fmt: skip


def test_csv_dates_are_local(prompts: Prompts) -> None:
    summer = DigestComment(
        datetime(2026, 7, 1, 23, 30, tzinfo=UTC), "K1", "liked", "Hi", None, None
    )
    assert rows(comments_csv([summer], LONDON, prompts))[1][0] == "2026-07-02 00:30"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_guards_against_formulas(prompts: Prompts, start: str) -> None:
    said = [comment(f'{start}HYPERLINK("http://evil")', project=f"{start}1+1")]
    row = rows(comments_csv(said, LONDON, prompts))[1]
    assert row[5] == f'\'{start}HYPERLINK("http://evil")'
    assert row[2] == f"'{start}1+1"
    plain = rows(comments_csv([comment("1+1=2")], LONDON, prompts))[1]
    assert plain[5] == "1+1=2"


def test_frequent_phrases() -> None:
    texts = [
        "The Bingo night was great!",
        "I loved bingo night, and the tea.",
        "More bingo, please. Cold tea again.",
        "cold tea",
        "the the the and and",
        "Nothing in common here",
    ]
    found = frequent_phrases(texts, STOP)
    assert found[0] == "bingo"  # in 3 comments
    assert "bingo night" in found and "night" not in found  # the phrase wins a tie
    assert "tea" in found and "cold tea" in found and "cold" not in found
    assert not {"the", "and", "was"} & set(found)
    assert "nothing" not in found  # in one comment only
    assert "great" not in found
    assert frequent_phrases(texts, STOP, limit=2) == found[:2]
    assert (
        frequent_phrases(["Tea is nice. Tea", "cake"], STOP) == []
    )  # twice in one comment is once


def test_frequent_phrases_do_not_cross_punctuation() -> None:
    found = frequent_phrases(["It was lovely. Tea after", "So lovely! Tea later"], STOP)
    assert "lovely tea" not in found
    assert set(found) == {"lovely", "tea"}


def test_every_returned_message_is_valid_html(prompts: Prompts) -> None:
    weeks = [
        week([*SEEDED, comment("a < b && c > d", "other")], project="<x> & y", waiting=3),
        week([], project="A & B"),
    ]
    messages = project_digest(prompts, weeks[0], START, END, STOP) + programme_digest(
        prompts, weeks, START, END, STOP
    )
    assert_messages_ok(messages)
    assert re.search(r"a &lt; b &amp;&amp; c &gt; d", messages[0])


def test_group_sessions_and_their_quotes(prompts: Prompts) -> None:
    noted = [
        DigestComment(
            datetime(2026, 11, 17, 10, tzinfo=UTC), None, "change", "The urn is slow & loud",
            None, None, "Firth Park", place="Firth Park library", agreement="most",
        ),
        DigestComment(
            datetime(2026, 11, 17, 11, tzinfo=UTC), None, "liked", None, 7, None, "Firth Park",
            place="Firth Park library", agreement=None,
        ),
    ]  # fmt: skip
    sessions = [GroupSessionLine("Firth Park library", date(2026, 11, 17), 8, "6-10", 2)]
    week = ProjectWeek("Firth Park", "Age UK", noted, 0, sessions)
    text = "\n".join(project_digest(prompts, week, date(2026, 11, 16), date(2026, 11, 23), STOP))
    assert "Groups noted by volunteers</b> (1)" in text
    assert "• Firth Park library, 17 Nov 2026: about 6-10 people, 2 noted" in text
    assert "At Firth Park library, most of the room agreed: “The urn is slow &amp; loud”" in text
    assert "At Firth Park library, people said: a voice message (7 seconds)" in text
    programme = "\n".join(
        programme_digest(prompts, [week], date(2026, 11, 16), date(2026, 11, 23), STOP)
    )
    assert "Groups noted: fewer than 5. People reached at them: 8." in programme


def test_text_with_no_words_has_no_phrases() -> None:
    # Found by the fuzz test: a comment of only punctuation once crashed the digest.
    assert frequent_phrases(["!!!", "...", "", "?? !!"], STOP) == []
