"""`natter report --format pdf`: the quarterly learning report, made by the real command from a
seeded quarter, read back page by page (pypdf): 2 to 4 A4 pages, the numbers, the charts with
their figures, "you said, we did" in words, and quotes with names kept out."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from bot.reports import gather_learning
from bot.reports.pdf import render_html
from prompts import Prompts
from storage.db import Database
from storage.models import Kind, Outcome, Role
from tests.support.cli import natter
from tests.support.comments import LAST_DAY, QUARTER, Said, at, seed_comments
from tests.support.seed import seed_project
from tests.support.team import add_member

QUARTER_DATES = ("--from", "2026-08-31", "--to", LAST_DAY.isoformat())
A4 = (595, 842)  # points
MORE = [
    Said(at(date(2026, 10, 6)), Kind.LIKED, "The <b>tea & cake</b> is the best bit"),
    Said(at(date(2026, 10, 13)), Kind.IDEA, "A trip to the seaside with Mary Jones?",
         quoted="A trip to the seaside with [name]?", answer=Outcome.CANNOT),
]  # fmt: skip


@pytest.fixture
async def project(db: Database) -> int:
    seeded = await seed_project(db)
    ann = await add_member(db, 902, seeded.project_id, Role.PARTICIPANT, at(LAST_DAY), "K7")
    await seed_comments(db, seeded.project_id, ann, [*QUARTER, *MORE])
    return seeded.project_id


def pages_text(path: Path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(path)
    texts = [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]
    return reader, texts


def images_on(reader: PdfReader) -> int:
    """Different pictures in the document (WeasyPrint lists them all in each page's resources)."""
    return len({image.name for page in reader.pages for image in page.images})


async def test_the_quarterly_report_as_pdf(
    db: Database, database_url: str, project: int, tmp_path: Path
) -> None:
    out = tmp_path / "quarter.pdf"
    made = await natter(
        database_url, "report", "--project", "firth-park", *QUARTER_DATES, "--format", "pdf",
        "--out", str(out),
    )  # fmt: skip
    assert made.code == 0, made.err
    assert str(out) in made.out
    reader, texts = pages_text(out)
    assert 2 <= len(reader.pages) <= 4
    assert all(
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == A4
        for p in reader.pages
    )
    text = " ".join(texts)
    assert texts[0].startswith("Firth Park Coffee Morning: what people told us")
    assert "From 31 Aug 2026 to 22 Nov 2026" in texts[0]
    # The numbers: 8 comments in the dates (not the flagged one, nor the one before).
    assert "In these dates, 1 person left 8 comments." in texts[0]
    # Three charts, with their figures in words beside them.
    assert images_on(reader) == 3
    assert "Comments each week, for the 12 weeks to 22 Nov 2026. In all: 8." in text
    assert "Suggestions made: 5. Answered so far: 3. Led to a change: 1." in text
    assert "Transport 2 (0 happy, 2 unhappy)" in text
    # You said, we did, in words: the change first.
    assert "You said, we did" in text
    said = text.index("We changed it: “About: The hall is freezing”")
    assert said < text.index("We're looking into it: “About: No bus home after four”")
    assert "We can't change this" in text
    # Quotes in the stored quoted form: names kept out, what people typed shown as typed.
    assert "“Lovely welcome from [name]”" in text and "Ann" not in text
    assert "Mary Jones" not in text and "[name]" in text
    assert "“The <b>tea & cake</b> is the best bit”" in text
    assert "I feel so alone" not in text  # a message that sounded like danger is never quoted


async def test_a_busy_quarter_still_fits_in_four_pages(
    db: Database, database_url: str, project: int, tmp_path: Path
) -> None:
    ben = await add_member(db, 903, project, Role.PARTICIPANT, at(LAST_DAY), "K8")
    long_words = "The minibus was late again and we missed the first half of the singing " * 3
    busy = [
        Said(at(LAST_DAY - timedelta(days=n)), kind, long_words[:270], {"transport": False},
             answer=Outcome.CHANGED if kind is not Kind.LIKED else None)
        for n in range(1, 60)
        for kind in (Kind.LIKED, Kind.CHANGE, Kind.IDEA)
    ]  # fmt: skip
    await seed_comments(db, project, ben, busy)
    out = tmp_path / "busy.pdf"
    made = await natter(
        database_url, "report", "--project", "firth-park", *QUARTER_DATES, "--format", "pdf",
        "--out", str(out),
    )  # fmt: skip
    assert made.code == 0, made.err
    reader, texts = pages_text(out)
    assert 2 <= len(reader.pages) <= 4
    assert "In all: 185." in " ".join(texts)


async def test_the_programme_report_has_no_charts_or_quotes(
    db: Database, database_url: str, project: int, tmp_path: Path
) -> None:
    made = await natter(
        database_url, "report", "--programme", *QUARTER_DATES, "--format", "pdf", cwd=tmp_path
    )
    assert made.code == 0, made.err
    out = tmp_path / "report-programme-2026-08-31-to-2026-11-22.pdf"
    assert str(out.name) in made.out
    reader, texts = pages_text(out)
    text = " ".join(texts)
    assert images_on(reader) == 0
    assert "In these dates, fewer than 5 people left 8 comments." in text
    assert "Lovely welcome" not in text and "About:" not in text
    assert "It has no charts or quotes, so that nobody can be picked out." in text


async def test_the_pages_html_escapes_every_value_and_gives_each_chart_its_words(
    db: Database, prompts: Prompts
) -> None:
    seeded = await seed_project(db, slug="tea", name="Tea & <Talk>")
    ann = await add_member(db, 905, seeded.project_id, Role.PARTICIPANT, at(LAST_DAY), "K5")
    await seed_comments(db, seeded.project_id, ann, [*QUARTER, *MORE])
    async with db.reading() as session:
        report = await gather_learning(
            session, [seeded.project_id], "Tea & <Talk>", (date(2026, 8, 31), LAST_DAY),
            ZoneInfo("Europe/London"), LAST_DAY, small_numbers=False,
        )  # fmt: skip
    page = render_html(prompts, report)
    assert "<title>Tea &amp; &lt;Talk&gt;: what people told us</title>" in page
    assert "<Talk>" not in page and "<b>tea" not in page
    assert "The &lt;b&gt;tea &amp; cake&lt;/b&gt; is the best bit" in page
    alts = re.findall(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]+)">', page)
    assert len(alts) == 3
    assert alts[0].startswith("Comments each week, for the 12 weeks to 22 Nov 2026. In all: 8")
    assert alts[2] == (
        "From 31 Aug 2026 to 22 Nov 2026. Suggestions made: 5. Answered so far: 3. "
        "Led to a change: 1."
    )
