"""A chart's figures as the outbox keeps them (bot.core.Sketch), and drawn from them when sent.

The weekly build queues each chart as its figures, a few hundred bytes of JSON, instead of a
picture: drawing is about a second a project, and the sender draws one digest's at a time.
Reading is strict (ValueError), so a row that is not exactly this fails on its own.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot.charts.drawn import Chart, draw, shown
from bot.charts.numbers import ChartNumbers, WeekCount
from bot.core import Sketch
from prompts import Prompts
from storage.repositories.charts import ThemeTally, YouSaidWeDid


def sketches(numbers: ChartNumbers) -> tuple[Sketch, ...]:
    """Each chart the figures have something to show for, to be drawn when sent."""
    figures = to_json(numbers)
    return tuple(Sketch(name, figures) for name in shown(numbers))


def drawn(prompts: Prompts, sketch: Sketch) -> Chart:
    """The chart, as it would have been drawn from the figures in hand."""
    return draw(prompts, sketch.name, from_json(sketch.figures))


def to_json(numbers: ChartNumbers) -> str:
    data = {
        "first_day": numbers.first_day.isoformat(),
        "last_day": numbers.last_day.isoformat(),
        "weeks": [[w.first_day.isoformat(), w.comments] for w in numbers.weeks],
        "themes": [[t.theme, t.positive, t.negative] for t in numbers.themes],
        "replies": [numbers.replies.raised, numbers.replies.answered, numbers.replies.changed],
    }
    return json.dumps(data, separators=(",", ":"))


def from_json(text: str) -> ChartNumbers:
    """The figures `to_json` wrote; ValueError for anything else."""
    data = json.loads(text)
    if not isinstance(data, dict) or set(data) != {
        "first_day", "last_day", "weeks", "themes", "replies",
    }:  # fmt: skip
        raise ValueError("a chart's figures do not have exactly the fields they should")
    weeks = tuple(WeekCount(_day(d), _count(n)) for d, n in _rows(data["weeks"], 2))
    themes = tuple(
        ThemeTally(_name(t), _count(p), _count(n)) for t, p, n in _rows(data["themes"], 3)
    )
    ((raised, answered, changed),) = _rows([data["replies"]], 3)
    replies = YouSaidWeDid(_count(raised), _count(answered), _count(changed))
    return ChartNumbers(_day(data["first_day"]), _day(data["last_day"]), weeks, themes, replies)


def _rows(value: Any, width: int) -> list[list[Any]]:
    if not isinstance(value, list) or not all(
        isinstance(r, list) and len(r) == width for r in value
    ):
        raise ValueError("a chart's figures are not rows of the right width")
    return value


def _day(value: Any) -> date:
    return date.fromisoformat(_name(value))


def _name(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a chart's figures have a date or theme that is not text")
    return value


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError("a chart's figures have a count that is not a whole number")
    return value
