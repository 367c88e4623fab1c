"""Drawing a queued chart when its row is sent (bot.core.Sketch), not when the digest is built.

A digest's charts go to each of its project's staff (and inline in an email), so the last few
drawn are kept: a project's staff share one drawing of each chart, and the rows of one digest
are claimed close together. Drawing runs in a worker thread, so the event loop keeps answering.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import replace

from bot import charts
from bot.core import Photo, Reply, Sketch
from prompts import Prompts

KEPT = 12  # pictures kept: four digests' three charts (each PNG about 30 KB)


class Drawings:
    """The charts drawn lately, by (name, figures): one per sender, kept across its ticks."""

    def __init__(self, prompts: Prompts) -> None:
        self.prompts = prompts
        self._kept: OrderedDict[Sketch, charts.Chart] = OrderedDict()
        self.drawn = 0  # drawings made (not taken from those kept): for the benchmarks

    async def reply(self, reply: Reply) -> Reply:
        """The reply with its chart drawn as its picture (as it was: nothing to draw)."""
        if reply.chart is None:
            return reply
        chart = self._kept.get(reply.chart)
        if chart is None:
            chart = await asyncio.to_thread(charts.drawn, self.prompts, reply.chart)
            self.drawn += 1
            self._kept[reply.chart] = chart
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(reply.chart)
        return replace(reply, chart=None, photo=Photo(chart.png, chart.alt))


def drawn_now(prompts: Prompts, reply: Reply) -> Reply:
    """The same, drawn here and now (what a queued row will look like, for a check)."""
    if reply.chart is None:
        return reply
    chart = charts.drawn(prompts, reply.chart)
    return replace(reply, chart=None, photo=Photo(chart.png, chart.alt))
