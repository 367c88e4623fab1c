"""The volunteers' read-out card: the round-up as one printable A5 page in large type.

Drawn headless with matplotlib's object interface, like bot.charts (Agg: no display needed).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # before anything else of matplotlib loads: no display, ever

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

WIDTH, HEIGHT = 5.8, 8.3  # inches: A5, upright
DPI = 150  # 870 x 1245 pixels: sharp on paper
TITLE_SIZE, TEXT_SIZE = 24, 18  # read from paper by people who may not see well
TITLE_CHARS, TEXT_CHARS = 24, 32  # characters a line at those sizes, inside the margins
INK = "#222222"
LINE_HEIGHT = 0.04  # of the page, per line of text
GAP = 0.022  # between paragraphs


def draw_card(title: str, paragraphs: Sequence[str]) -> bytes:
    """The card as PNG bytes: a bold title, then each paragraph wrapped, top to bottom."""
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    FigureCanvasAgg(figure)
    y = 0.95
    for line in textwrap.wrap(title, TITLE_CHARS):
        figure.text(0.07, y, line, fontsize=TITLE_SIZE, weight="bold", color=INK, va="top")
        y -= LINE_HEIGHT * 1.3
    y -= GAP
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, TEXT_CHARS):
            figure.text(0.07, y, line, fontsize=TEXT_SIZE, color=INK, va="top")
            y -= LINE_HEIGHT
        y -= GAP
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return out.getvalue()
