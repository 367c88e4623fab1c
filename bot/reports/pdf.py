"""The quarterly learning report as A4 pages: HTML laid out by WeasyPrint, every word from
prompts/ and every value escaped (names of projects and what people said are other people's
text), the charts inlined as PNG with their text alternatives as alt text and as captions."""

from __future__ import annotations

import base64
import itertools
import textwrap
from collections.abc import Callable
from html import escape

from bot import charts
from bot.reports.learning import LearningReport
from bot.reports.numbers import _figure_rows, _shower
from prompts import Prompts
from storage.models import Kind

CSS = """
@page { size: A4; margin: 16mm 16mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 11pt; color: #444; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 12.5pt; line-height: 1.4; color: #222; }
h1 { font-size: 24pt; line-height: 1.15; margin: 0 0 4pt; }
h2 { font-size: 17pt; margin: 16pt 0 6pt; padding-bottom: 3pt; border-bottom: 2pt solid #0072B2;
  break-after: avoid; }
h3 { font-size: 13.5pt; margin: 10pt 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; }
.dates { font-size: 15pt; margin-bottom: 2pt; }
.made { font-size: 10.5pt; color: #444; }
table.headline { width: 100%; border-collapse: collapse; margin: 10pt 0 4pt; }
table.headline td { width: 25%; vertical-align: top; padding: 6pt 6pt 6pt 0; font-size: 11.5pt; }
.big { display: block; font-size: 28pt; font-weight: bold; color: #0072B2; line-height: 1.1; }
figure { margin: 8pt 0 12pt; break-inside: avoid; }
figure img { width: 100%; }
figcaption { font-size: 10.5pt; color: #333; margin-top: 2pt; }
.answer { margin: 0 0 8pt; padding-left: 9pt; border-left: 4pt solid #009E73; break-inside: avoid; }
.answer p { margin: 0 0 2pt; }
blockquote { margin: 0 0 6pt; padding-left: 9pt; border-left: 4pt solid #E69F00;
  break-inside: avoid; }
table.numbers { width: 100%; border-collapse: collapse; font-size: 10.5pt; break-inside: avoid; }
table.numbers td { padding: 2pt 4pt; border-bottom: 0.5pt solid #bbb; line-height: 1.25; }
figure.first img { width: 84%; }
table.numbers td.value { text-align: right; font-weight: bold; white-space: nowrap; }
.chart-page { break-before: page; }
table.numbers td.value { padding-right: 14pt; }
"""
QUOTE_KINDS = (Kind.LIKED, Kind.CHANGE, Kind.IDEA)
ANSWER_CHARS = 160  # what was said and what staff did, each cut on a word boundary past this


def render_pdf(prompts: Prompts, report: LearningReport) -> bytes:
    """The report as a PDF (2 to 4 pages for a quarter's worth of a project)."""
    # Imported here: WeasyPrint loads Pango from the system, which only the report needs, so
    # the bot starts (and answers people) on a machine without it.
    import weasyprint

    document = weasyprint.HTML(string=render_html(prompts, report))
    return bytes(document.write_pdf(stylesheets=[weasyprint.CSS(string=CSS)], pdf_tags=True))


def render_html(prompts: Prompts, report: LearningReport) -> str:
    def say(key: str, **params: object) -> str:
        return escape(prompts.plain(key, **params))

    total = report.numbers.total
    show = _shower(prompts, report.small_numbers)
    day = charts.day_text
    title = say("report.pdf.title", scope=report.scope)
    dates = say(
        "report.pdf.dates", first=day(prompts, report.first), last=day(prompts, report.last)
    )
    counts = {n: show(getattr(total, n)) for n in ("sessions", "reached")}
    counts["people"] = _counted(prompts, "digest.people", total.people, show)
    counts["comments"] = _counted(prompts, "digest.comments", total.comments, show)
    made = "report.pdf.made_programme" if report.small_numbers else "report.pdf.made"
    summary = say("report.pdf.summary", **counts)
    if total.sessions:
        summary += " " + say("report.pdf.summary_groups", **counts)
    out = [
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>',
        "</head><body>",
        f"<h1>{title}</h1>",
        f'<p class="dates">{dates}</p>',
        f'<p class="made">{say(made, day=day(prompts, report.made))}</p>',
        f"<p>{summary}</p>",
        '<table class="headline"><tr>',
    ]
    for name in ("comments", "people", "suggestions", "changes"):
        value = escape(show(getattr(total, name)))
        label = say(f"report.pdf.headline.{name}")
        out.append(f'<td><span class="big">{value}</span>{label}</td>')
    out.append("</tr></table>")
    if report.small_numbers:
        out.append(f"<p>{say('report.pdf.programme_note')}</p>")
    figures = _figures(prompts, report)
    out += figures[:1]  # the weeks on the first page, then every number
    out += _numbers(prompts, report)
    out += figures[1:]
    if not report.small_numbers:  # the programme team see replies as numbers only
        out += _you_said(prompts, report)
        out += _quotes(prompts, report)
    out.append("</body></html>")
    return "\n".join(out)


def _numbers(prompts: Prompts, report: LearningReport) -> list[str]:
    """Every figure, in two columns of label and value, so they fit under the first chart."""
    show = _shower(prompts, report.small_numbers)
    rows = _figure_rows(prompts, report.numbers.total, show)
    half = (len(rows) + 1) // 2
    out = [f"<h2>{escape(prompts.plain('report.pdf.numbers'))}</h2>", '<table class="numbers">']
    for left, right in itertools.zip_longest(rows[:half], rows[half:]):
        cells = [
            f'<td>{escape(label)}</td><td class="value">{escape(value)}</td>'
            for _, label, value in (row for row in (left, right) if row is not None)
        ]
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</table>")
    if report.small_numbers:
        out.append(f"<p>{escape(prompts.plain('report.small_note'))}</p>")
    return out


def _counted(prompts: Prompts, key: str, n: int, show: Callable[[int], str]) -> str:
    """1 person, 12 people, or fewer than 5 people."""
    shown = show(n)
    if shown == "1":
        return prompts.plain(f"{key}_one")
    return prompts.plain(f"{key}_many", count=shown)


def _figures(prompts: Prompts, report: LearningReport) -> list[str]:
    """Each chart with its words, as alt text and as a caption (the first with a heading)."""
    if report.charts is None:
        return []
    drawn = charts.draw_all(prompts, report.charts)
    out: list[str] = []
    for n, chart in enumerate(drawn):
        alt = prompts.plain(chart.alt.key, **chart.alt.params)
        data = base64.b64encode(chart.png).decode("ascii")
        # The second and third charts share a page of their own, so none is split.
        css = ' class="chart-page"' if n == 1 else ' class="first"' if n == 0 else ""
        heading = f"<h2>{escape(prompts.plain('report.pdf.charts'))}</h2>" if n == 0 else ""
        image = f'<img src="data:image/png;base64,{data}" alt="{escape(alt, quote=True)}">'
        caption = f"<figcaption>{escape(alt)}</figcaption>"
        out.append(f"{heading}<figure{css}>{image}{caption}</figure>")
    if drawn and not report.charts.themes:
        first, last = (charts.day_text(prompts, d) for d in (report.first, report.last))
        out.append(f"<p>{escape(prompts.plain('chart.themes.none', first=first, last=last))}</p>")
    return out


def _you_said(prompts: Prompts, report: LearningReport) -> list[str]:
    out = [f"<h2>{escape(prompts.plain('report.pdf.you_said'))}</h2>"]
    out.append(f"<p>{escape(prompts.plain('report.pdf.you_said_summary'))}</p>")
    if not report.small_numbers and not report.answers:
        out.append(f"<p>{escape(prompts.plain('report.pdf.you_said_none'))}</p>")
    for answer in report.answers:
        said = (
            prompts.plain("report.pdf.said", said=_short(answer.said))
            if answer.said
            else prompts.plain("report.pdf.said_voice")
        )
        did = prompts.plain(f"report.pdf.did.{answer.outcome.value}", reply=_short(answer.reply))
        count = (
            prompts.plain("report.pdf.answers_one")
            if answer.answered == 1
            else prompts.plain("report.pdf.answers_many", count=answer.answered)
        )
        out.append(
            f'<div class="answer"><p>{escape(said)}</p><p><b>{escape(did)}</b></p>'
            f"<p>{escape(count)}</p></div>"
        )
    return out


def _short(text: str) -> str:
    return textwrap.shorten(text, ANSWER_CHARS, placeholder="…")


def _quotes(prompts: Prompts, report: LearningReport) -> list[str]:
    if report.small_numbers:
        return []
    out = [f"<h2>{escape(prompts.plain('report.pdf.quotes'))}</h2>"]
    if not report.quotes:
        out.append(f"<p>{escape(prompts.plain('report.pdf.quotes_none'))}</p>")
    for kind in QUOTE_KINDS:
        words = [q.words for q in report.quotes if q.kind is kind]
        if words:
            out.append(f"<h3>{escape(prompts.plain(f'report.pdf.quote_kind.{kind.value}'))}</h3>")
            out += [f"<blockquote>“{escape(w.strip())}”</blockquote>" for w in words]
    return out
