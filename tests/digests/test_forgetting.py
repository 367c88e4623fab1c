"""A digest already written, without someone forgotten since: their quotes lose their words,
their words leave the lists of words that came up, their rows leave the spreadsheet."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import digests
from bot.digests.programme_digest import programme_digest
from bot.digests.project_digest import project_digest
from bot.digests.week import DigestComment, ProjectWeek, ReplyLine
from bot.language import WordLists
from prompts import Prompts

T0 = datetime(2026, 11, 16, 10, tzinfo=UTC)
ANN = ("Person Q7",)
ANNS = ("Tea & <cake> with the ukulele band", "The ukulele band again", "Lovely quiz, the ukulele")
BENS = ("More bingo nights please", "The quiz was lovely")
REMOVED = "(removed at their request)"


def said(
    pseudonym: str, texts: tuple[str, ...], project: str = "Firth Park"
) -> list[DigestComment]:
    return [
        DigestComment(T0 + timedelta(hours=n), pseudonym, "liked", text, None, None, project)
        for n, text in enumerate(texts)
    ]


def week(comments: list[DigestComment], project: str = "Firth Park") -> ProjectWeek:
    return ProjectWeek(project=project, partner="Age UK", comments=comments, waiting=0)


def test_a_project_digest_loses_their_words_and_keeps_everyone_elses(
    prompts: Prompts, words: WordLists
) -> None:
    comments = said("Q7", ANNS) + said("R8", BENS)
    (text,) = project_digest(
        prompts, week(comments), date(2026, 11, 16), date(2026, 11, 23), words.stopwords
    )
    assert "<b>Words that came up often:</b> ukulele, ukulele band, quiz, lovely" in text
    theirs = digests.their_words(ANNS)
    unquoted = digests.unquote_digest(prompts, text, ANN, theirs, REMOVED)
    assert "ukulele" not in unquoted and "cake" not in unquoted
    assert "came up often" not in unquoted  # every word on the list was hers too
    hers = [line for line in unquoted.splitlines() if line.endswith("— Person Q7")]
    assert hers and set(hers) == {f"• “{REMOVED}” — Person Q7"}  # the name: the caller's to change
    bens = [line for line in text.splitlines() if line.endswith("— Person R8")]
    assert bens and all(line in unquoted.splitlines() for line in bens)
    assert "\n\n\n" not in unquoted and unquoted.endswith(
        "spreadsheet (CSV) sent with this message."
    )


def test_a_word_list_keeps_the_words_that_were_not_theirs(prompts: Prompts) -> None:
    line = prompts.text("digest.frequent", words="bingo night, ukulele band, raffle")
    text = f"Title\n\n{line}\n\nEnd"
    unquoted = digests.unquote_digest(prompts, text, ANN, digests.their_words(ANNS), REMOVED)
    assert (
        unquoted
        == f"Title\n\n{prompts.text('digest.frequent', words='bingo night, raffle')}\n\nEnd"
    )


def test_the_programme_digest_loses_their_words_from_its_themes(
    prompts: Prompts, words: WordLists
) -> None:
    weeks = [
        week(said("Q7", ANNS[:1], "Firth Park") + said("R8", ("Quiet week",)), "Firth Park"),
        week(said("Q7", ANNS[1:2], "Walkers"), "Walkers"),
    ]
    text = "\n".join(
        programme_digest(prompts, weeks, date(2026, 11, 16), date(2026, 11, 23), words.stopwords)
    )
    assert "ukulele" in text
    unquoted = digests.unquote_digest(prompts, text, ANN, digests.their_words(ANNS), REMOVED)
    assert "ukulele" not in unquoted and "Themes across projects" not in unquoted


def test_a_spreadsheet_loses_their_rows(prompts: Prompts) -> None:
    london = ZoneInfo("Europe/London")
    both = digests.comments_csv(said("Q7", ANNS) + said("R8", BENS), london, prompts)
    bens = digests.comments_csv(said("R8", BENS), london, prompts)
    assert digests.without_rows(prompts, both, ANN) == bens
    assert digests.without_rows(prompts, bens, ANN) == bens  # nothing of hers: as it was
    assert digests.without_rows(prompts, digests.comments_csv(said("Q7", ANNS), london, prompts),
                                ANN) is None  # fmt: skip
    assert digests.without_rows(prompts, "a,b\r\n1,2\r\n", ANN) == "a,b\r\n1,2\r\n"


def test_their_words_leave_theme_examples_and_you_said_too(prompts: Prompts) -> None:
    """Quotes with no name beside them (a theme's example, a reply's "you said") are theirs
    when the words are, trimmed or not; the reply staff wrote stays."""
    long = "the bus stop is a very long walk from the hall & my knees " + "ache " * 40
    ann = [
        DigestComment(T0, "Q7", "change", long, None, None, "Firth Park",
                      themes=(("transport", False),)),
    ]  # fmt: skip
    ben = [
        DigestComment(T0 + timedelta(hours=1), "R8", "liked", "nice tea", None, None,
                      "Firth Park", themes=(("food", True),)),
    ]  # fmt: skip
    replies = [ReplyLine("changed", "A minibus from the stop.", 1, long)]
    found = ProjectWeek("Firth Park", "Age UK", ann + ben, 0, replies=replies)
    (text,) = project_digest(
        prompts, found, date(2026, 11, 16), date(2026, 11, 23), frozenset(), ("food", "transport")
    )
    assert text.count("the bus stop is a very long walk") == 3  # theme, quote, "you said"
    out = digests.unquote_digest(prompts, text, ANN, frozenset(), REMOVED, [long])
    assert "bus stop" not in out and "knees" not in out
    assert out.count(f"“{REMOVED}”") == 3
    assert "“nice tea”" in out and "“A minibus from the stop.”" in out
