"""How every chart looks: headless drawing, large type, colour-blind-safe colours, no clutter.

Charts are drawn with matplotlib's object interface (a Figure with its own Agg canvas), never
pyplot, and every size and colour is given where it is used, never through rcParams: both are
global state, and digests are drawn in worker threads. Agg needs no display, so a server
without one draws the same pictures. The font is DejaVu Sans, which ships with matplotlib.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # before anything else of matplotlib loads: no display, ever

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

# Okabe and Ito's palette, told apart with every common kind of colour blindness; the shades
# are also far apart in lightness, so they survive a black-and-white printer.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
INK = "#222222"  # text and the one axis line kept
WIDTH, HEIGHT = 8.0, 4.5  # inches: 16:9 fits a phone held sideways and half an A4 page
DPI = 150  # 1200 x 675 pixels: sharp on phones and in print, and well under Telegram's limits
TITLE_SIZE = 22
TEXT_SIZE = 17  # read on phones at arm's length and on paper by people who may not see well


def new_figure(title: str) -> tuple[Figure, Axes]:
    """A blank chart with its title, and no box, ticks or grid to read past."""
    # Laid out to fit every label, with this much white (in inches) around the edges.
    layout = ConstrainedLayoutEngine(w_pad=0.15, h_pad=0.12)
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, layout=layout)
    FigureCanvasAgg(figure)
    # The title sits at the picture's left edge, above the bars' labels too.
    figure.suptitle(title, x=0.02, ha="left", fontsize=TITLE_SIZE, color=INK, weight="bold")
    axes = figure.add_subplot()
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(INK)
    axes.tick_params(length=0, labelsize=TEXT_SIZE, labelcolor=INK)
    return figure, axes


def png(figure: Figure) -> bytes:
    """The chart as PNG bytes, without the time it was made (so the same numbers give the same
    bytes)."""
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return out.getvalue()
