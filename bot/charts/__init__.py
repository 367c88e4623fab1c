"""Charts for the round-ups and the printed report: comments per week, themes, and "you said,
we did", drawn headless with matplotlib as PNG, each with a text alternative."""

from bot.charts.drawn import Chart, day_text, draw_all, replies, theme_name, themes, weekly
from bot.charts.numbers import WEEKS, ChartNumbers, WeekCount, gather, gather_each
from bot.charts.tallied import gather_tallied

__all__ = [
    "WEEKS",
    "Chart",
    "ChartNumbers",
    "WeekCount",
    "day_text",
    "draw_all",
    "gather",
    "gather_each",
    "gather_tallied",
    "replies",
    "theme_name",
    "themes",
    "weekly",
]
