"""The live classroom figure: a market's network beside customers, satisfaction mix and
profit, with a story drawn over the network, redrawn in place every step (blitting onto
a cached background, so a step draws in tens of milliseconds), at the size and pixel
ratio of the screen it is shown on."""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from experiments.classroom.drawing import (
    LEVEL_COLOURS,
    LOST_COLOUR,
    NetworkDrawing,
    draw_network,
    image_bytes,
    legend_handles,
    new_figure,
    node_size,
)
from experiments.classroom.figure_layout import FigureBox, layout
from experiments.classroom.story import RippleOverlay, story_legend_handles
from experiments.reporting.words import money
from simulation.network import SocialGraph
from simulation.state import Population

MIX_KEYS = tuple(f"satisfaction_{k}" for k in range(1, 6))


class MarketFigure:
    """Network coloured by satisfaction, beside (or above) live plots of customers,
    satisfaction mix and profit, with an optional story drawn over the network.
    `show(model)` updates artists in place and blits onto a cached background; the slow
    full draw happens only when a new network is shown or an axis must grow. Drawn at
    the `box` it is shown in (CSS pixels times the screen's pixel ratio): sharp, with
    text at projector size (`figure_layout`)."""

    def __init__(self, graph: SocialGraph, pos: np.ndarray, months: float = 120.0,
                 box: FigureBox | None = None, image_format: str = "jpeg",
                 currency: str = "") -> None:
        self.graph, self.pos, self.horizon = graph, pos, float(months)
        self.image_format, self.currency = image_format, currency
        self.box = box or FigureBox()
        self.place = layout(self.box)
        self.fig = new_figure(*self.box.inches, self.box.dpi)
        self.ax_net = self.fig.add_axes(self.place.network)
        self.ax_customers, self.ax_mix, self.ax_profit = (self.fig.add_axes(rect)
                                                          for rect in self.place.charts)
        em = self.place.text
        self.headline = self.fig.text(0.01, self.place.headline_y, "", fontsize=em + 2,
                                      weight="bold", va="top", wrap=True)
        self.subline = self.fig.text(0.01, self.place.subline_y, "", fontsize=em,
                                     color="#5a189a", va="top", wrap=True)
        self.network: NetworkDrawing | None = None
        self.overlay: RippleOverlay | None = None
        self.market_legend = self.story_legend = None
        self.lines: dict[str, Line2D] = {}
        self.mix_polys: list = []
        self.background = None
        self.frames = 0

    def _setup_axes(self, people: Population) -> None:
        """Build every artist once; dynamic ones are animated (left out of the background)."""
        em, place = self.place.text, self.place
        size = node_size(self.graph.n, place.network_points)
        self.network = draw_network(self.ax_net, self.graph, self.pos, people, size=size)
        self.overlay = RippleOverlay(self.ax_net, self.pos, self.network.size, animated=True)
        legend = dict(loc="upper left", bbox_to_anchor=place.legend_at,
                      bbox_transform=self.fig.transFigure, frameon=False, fontsize=em,
                      handletextpad=0.4, columnspacing=0.8, borderaxespad=0.0,
                      labelspacing=0.3, ncol=place.legend_columns)
        handles = legend_handles(em * 0.6, compact=True)
        labels = [(h[0] if isinstance(h, tuple) else h).get_label() for h in handles]
        self.market_legend = self.ax_net.legend(
            handles, labels, handlelength=3.2,
            handler_map={tuple: HandlerTuple(ndivide=None, pad=0.1)}, **legend)
        # The story's legend takes the market legend's place while a story is told.
        self.story_legend = Legend(self.ax_net, *zip(*[(h, h.get_label()) for h in
                                                       story_legend_handles(em * 0.6)]),
                                   handlelength=1.6, **legend)
        self.ax_net.add_artist(self.story_legend)
        self._setup_charts(em)
        for artist in self.animated_artists():
            artist.set_animated(True)

    def _setup_charts(self, em: float) -> None:
        ax = self.ax_customers
        for key, colour, label in (("customers", "#1a9850", "customers"),
                                   ("prospects", "#9a9a9a", "prospects"),
                                   ("lost", LOST_COLOUR, "lost")):
            self.lines[key] = ax.plot([], [], color=colour, lw=2.5, label=label)[0]
        ax.set_ylim(0, self.graph.n * 1.02)
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=em, ncol=3,
                  frameon=False, handlelength=0.9, handletextpad=0.3, columnspacing=0.7,
                  borderaxespad=0.1, borderpad=0.0)
        self.ax_mix.set_ylim(0, 1)
        self.ax_mix.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
        self.mix_polys = [PolyCollection([np.zeros((0, 2))], facecolors=colour, linewidths=0)
                          for colour in LEVEL_COLOURS]
        for poly in self.mix_polys:
            self.ax_mix.add_collection(poly, autolim=False)
        self.ax_mix.set_title("Satisfaction, 1 red to 5 green", fontsize=em, loc="left",
                              pad=0.3 * em)
        self.lines["npv"] = self.ax_profit.plot([], [], color="#2160e0", lw=2.5)[0]
        self.ax_profit.axhline(0, color="black", lw=0.8)
        self.ax_profit.set_title(f"Profit so far, discounted ({self.currency or 'money'})",
                                 fontsize=em, loc="left", pad=0.3 * em)
        self.ax_profit.yaxis.set_major_formatter(FuncFormatter(
            lambda v, _: money(v, currency=self.currency)))
        self.ax_profit.set_xlabel("month", fontsize=em, labelpad=0.1 * em)
        for ax in (self.ax_customers, self.ax_mix, self.ax_profit):
            ax.tick_params(labelsize=em, length=0.3 * em, pad=0.2 * em)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=3 if self.place.wide else 2))
            ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        for ax in (self.ax_customers, self.ax_mix):
            ax.tick_params(labelbottom=False)

    def animated_artists(self) -> tuple:
        """What changes from frame to frame (drawn over the cached background)."""
        return (*self.network.artists, *self.overlay.artists, self.market_legend,
                self.story_legend,
                self.headline, self.subline, *self.lines.values(), *self.mix_polys)

    def restart(self, months: float | None = None) -> None:
        """Forget axis limits (a new run starts): the next `show` draws in full."""
        self.horizon = float(months) if months is not None else self.horizon
        self.ax_profit.set_ylim(-1000.0, 1000.0)
        self.background = None

    def _full_draw(self) -> None:
        for ax in (self.ax_customers, self.ax_mix, self.ax_profit):
            ax.set_xlim(0, self.horizon)
        self.fig.canvas.draw()
        self.background = self.fig.canvas.copy_from_bbox(self.fig.bbox)

    def _fit_limits(self, month: float, npv: np.ndarray) -> bool:
        """Grow the time axis or the profit axis when the data leave them; True if changed."""
        changed = False
        while month > self.horizon:
            self.horizon *= 1.5
            changed = True
        low, high = self.ax_profit.get_ylim()
        lo, hi = float(min(npv.min(), 0.0)), float(max(npv.max(), 0.0))
        if lo < low or hi > high:
            pad = 0.6 * max(hi - lo, 1000.0)   # generous: each resize costs a full draw
            self.ax_profit.set_ylim(lo - pad, hi + pad)
            changed = True
        return changed

    def show(self, model, headline: str = "", story=None, chosen: int | None = None) -> bytes:
        """Redraw for the model's current state (and `story`, if one is being told, or
        the `chosen` customer); returns the figure as image bytes."""
        rows = model.ledger.rows
        first = self.network is None
        if first:
            self._setup_axes(model.people)
        month = np.array([r["month"] for r in rows])
        npv = np.cumsum([r.get("discounted_profit", 0.0) for r in rows])
        if self._fit_limits(month[-1], npv) or first or self.background is None:
            self._full_draw()
        self.network.recolour(model.people, model.steps)
        self.overlay.update(story, chosen)
        telling = story is not None or chosen is not None
        self.story_legend.set_visible(telling)
        self.market_legend.set_visible(not telling)
        self.subline.set_text(story.headline() if story is not None else "")
        for key in ("customers", "prospects", "lost"):
            self.lines[key].set_data(month, [r[key] for r in rows])
        self.lines["npv"].set_data(month, npv)
        self._stack_mix(month, rows)
        self.headline.set_text(headline)
        return self._blit()

    def _stack_mix(self, month: np.ndarray, rows: list[dict]) -> None:
        """Stacked shares of customers at each satisfaction level: polygons reshaped in place."""
        counts = np.array([[r[k] for k in MIX_KEYS] for r in rows], float)
        shares = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1.0)
        top = np.cumsum(shares, axis=1)
        bottom = top - shares
        for level, poly in enumerate(self.mix_polys):
            upper = np.column_stack([month, top[:, level]])
            lower = np.column_stack([month, bottom[:, level]])[::-1]
            poly.set_verts([np.vstack([upper, lower])])

    def _blit(self) -> bytes:
        canvas = self.fig.canvas
        canvas.restore_region(self.background)
        for artist in self.animated_artists():
            if artist.get_visible():
                self.fig.draw_artist(artist)
        self.frames += 1
        return image_bytes(canvas, self.image_format)

    def nearest(self, person: int, candidates: np.ndarray) -> np.ndarray:
        """`candidates` in order of their drawn distance from `person`."""
        far = ((self.pos[candidates] - self.pos[person]) ** 2).sum(axis=1)
        return candidates[np.argsort(far, kind="stable")]

    def person_at(self, x: float, y: float, candidates: np.ndarray) -> int | None:
        """The candidate drawn nearest image pixel (x, y) (origin top left), if the pixel
        lies on the network drawing."""
        height = self.fig.canvas.get_width_height()[1]
        if candidates.size == 0 or not self.ax_net.bbox.contains(x, height - y):
            return None
        data = self.ax_net.transData.inverted().transform((x, height - y))
        return int(candidates[np.argmin(((self.pos[candidates] - data) ** 2).sum(axis=1))])
