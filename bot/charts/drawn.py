"""The three charts, each a PNG and the words said in its place (a caption, a screen reader).

Every word on them comes from prompts/en/charts.yaml. Numbers are written on the bars, so no
axis of numbers or grid is needed to read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.charts import style
from bot.charts.numbers import ChartNumbers
from bot.core import Say
from prompts import Prompts
from prompts.catalogue import DEFAULT_LANGUAGE

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
LABEL_EVERY = 3  # weeks between dates on the axis: twelve would crowd a phone screen


@dataclass(frozen=True, slots=True)
class Chart:
    name: str  # weekly, themes or replies
    png: bytes
    alt: Say  # the text alternative, with the figures


def day_text(prompts: Prompts, day: date, *, year: bool = True) -> str:
    """16 Nov 2026 (as the round-ups write a date), or 16 Nov on a chart's axis."""
    month = prompts.plain(f"digest.month.{MONTHS[day.month - 1]}")
    if not year:
        return prompts.plain("chart.day", day=day.day, month=month)
    return prompts.plain("digest.date", day=day.day, month=month, year=day.year)


def theme_name(prompts: Prompts, theme: str) -> str:
    """The theme's name as the digest writes it (one name for each theme, everywhere)."""
    key = f"digest.theme.{theme}"
    known = key in prompts.messages[DEFAULT_LANGUAGE]  # the catalogue every language falls back on
    return prompts.plain(key) if known else theme.replace("_", " ").capitalize()


def weekly(prompts: Prompts, numbers: ChartNumbers) -> Chart:
    figure, axes = style.new_figure(prompts.plain("chart.weekly.title"))
    counts = [w.comments for w in numbers.weeks]
    bars = axes.bar(range(len(counts)), counts, color=style.BLUE, width=0.7)
    axes.bar_label(bars, fontsize=style.TEXT_SIZE - 2, padding=3, color=style.INK)
    last = len(counts) - 1  # the latest week is always labelled, and every third before it
    labels = [
        day_text(prompts, w.first_day, year=False) if (last - n) % LABEL_EVERY == 0 else ""
        for n, w in enumerate(numbers.weeks)
    ]
    axes.set_xticks(range(len(counts)), labels)
    axes.set_xlabel(prompts.plain("chart.weekly.axis"), fontsize=style.TEXT_SIZE, color=style.INK)
    axes.set_yticks([])
    axes.set_ylim(0, max(max(counts, default=0), 1) * 1.2)
    busiest = max(numbers.weeks, key=lambda w: w.comments)  # the first of equals
    alt = Say("chart.weekly.alt", {
        "last": day_text(prompts, numbers.last_day), "total": sum(counts),
        "busiest": day_text(prompts, busiest.first_day), "most": busiest.comments,
        "latest": counts[-1],
    })  # fmt: skip
    return Chart("weekly", style.png(figure), alt)


def themes(prompts: Prompts, numbers: ChartNumbers) -> Chart:
    """Happy and unhappy comments about each theme, the most talked about on top."""
    figure, axes = style.new_figure(prompts.plain("chart.themes.title"))
    shown = list(reversed(numbers.themes))  # barh draws from the bottom up
    names = [theme_name(prompts, t.theme) for t in shown]
    rows = range(len(shown))
    happy = axes.barh(
        rows, [t.positive for t in shown], color=style.BLUE, height=0.65,
        label=prompts.plain("chart.themes.happy"),
    )  # fmt: skip
    unhappy = axes.barh(
        rows, [t.negative for t in shown], left=[t.positive for t in shown], color=style.ORANGE,
        height=0.65, label=prompts.plain("chart.themes.unhappy"), hatch="//", edgecolor="white",
    )  # fmt: skip
    widest = max((t.total for t in shown), default=1)
    for bars, colour in ((happy, "white"), (unhappy, style.INK)):
        # A count inside its part of the bar where it fits; the bar's total goes at its end.
        # (A bar of one part only has its total, once.)
        values = [int(b.get_width()) for b in bars]
        inside = [
            str(v) if v >= widest * 0.1 and v != t.total else ""
            for v, t in zip(values, shown, strict=True)
        ]
        axes.bar_label(
            bars, inside, label_type="center", fontsize=style.TEXT_SIZE - 1, color=colour,
            weight="bold",
        )  # fmt: skip
    axes.bar_label(unhappy, [str(t.total) for t in shown], padding=6, fontsize=style.TEXT_SIZE)
    axes.set_xlim(0, widest * 1.12)
    axes.set_yticks(rows, names)
    axes.set_xticks([])
    axes.spines["bottom"].set_visible(False)
    figure.legend(
        handles=[happy, unhappy], loc="outside lower center", frameon=False, ncols=2,
        fontsize=style.TEXT_SIZE - 1, handlelength=1.5,
    )  # fmt: skip
    listed = "; ".join(
        prompts.plain(
            "chart.themes.alt_theme",
            theme=theme_name(prompts, t.theme),
            total=t.total,
            happy=t.positive,
            unhappy=t.negative,
        )
        for t in numbers.themes
    )
    first, last = day_text(prompts, numbers.first_day), day_text(prompts, numbers.last_day)
    alt = Say("chart.themes.alt", {"first": first, "last": last, "themes": listed})
    return Chart("themes", style.png(figure), alt)


def replies(prompts: Prompts, numbers: ChartNumbers) -> Chart:
    """Suggestions made, answered, and answered with a change: a funnel read top to bottom."""
    figure, axes = style.new_figure(prompts.plain("chart.replies.title"))
    said = numbers.replies
    steps = [("changed", said.changed), ("answered", said.answered), ("raised", said.raised)]
    colours = [style.GREEN, style.BLUE, style.INK]
    bars = axes.barh(range(3), [n for _, n in steps], color=colours, height=0.6)
    axes.bar_label(bars, fontsize=style.TEXT_SIZE, padding=6, color=style.INK, weight="bold")
    axes.set_yticks(range(3), [prompts.plain(f"chart.replies.{name}") for name, _ in steps])
    axes.set_xticks([])
    axes.set_xlim(0, max(said.raised, 1) * 1.15)
    axes.spines["bottom"].set_visible(False)
    alt = Say("chart.replies.alt", {
        "first": day_text(prompts, numbers.first_day), "last": day_text(prompts, numbers.last_day),
        "raised": said.raised, "answered": said.answered, "changed": said.changed,
    })  # fmt: skip
    return Chart("replies", style.png(figure), alt)


def draw_all(prompts: Prompts, numbers: ChartNumbers) -> tuple[Chart, ...]:
    """Each chart that has something to show: none at all when nobody said anything."""
    if not any(w.comments for w in numbers.weeks):
        return ()
    drawn = [weekly(prompts, numbers)]
    if numbers.themes:
        drawn.append(themes(prompts, numbers))
    if numbers.replies.raised:
        drawn.append(replies(prompts, numbers))
    return tuple(drawn)
