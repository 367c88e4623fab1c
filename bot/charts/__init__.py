"""Charts for the round-ups and the printed report: comments per week, themes, and "you said,
we did", drawn headless with matplotlib as PNG, each with a text alternative."""

from bot.charts.drawn import (
    Chart,
    day_text,
    draw,
    draw_all,
    replies,
    shown,
    theme_name,
    themes,
    weekly,
)
from bot.charts.numbers import WEEKS, ChartNumbers, WeekCount, gather, gather_each
from bot.charts.sketched import drawn, sketches
from bot.charts.tallied import gather_tallied

__all__ = [
    "WEEKS",
    "Chart",
    "ChartNumbers",
    "WeekCount",
    "day_text",
    "draw",
    "draw_all",
    "drawn",
    "gather",
    "gather_each",
    "gather_tallied",
    "replies",
    "shown",
    "sketches",
    "theme_name",
    "themes",
    "weekly",
]
