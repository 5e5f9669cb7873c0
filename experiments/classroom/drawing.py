"""Drawing a small market: network layout, node colours by satisfaction, and a live figure.

The layout is computed once per network (no force simulation: people are laid along a
Hilbert curve in an order that keeps ties close), and each redraw only restores a cached
background and redraws the artists that change, so a step draws in tens of milliseconds.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter
from PIL import Image
from scipy.sparse.csgraph import reverse_cuthill_mckee

from experiments.classroom.story import RippleOverlay, story_legend_handles
from simulation.network import SocialGraph
from simulation.state import ACTIVE, ENEMY, LOST, PROSPECT, Population

# Satisfaction 1 (very dissatisfied) .. 5 (very satisfied), then prospects and lost.
LEVEL_COLOURS = ("#d7301f", "#fc8d59", "#e3c22b", "#91cf60", "#1a9850")
PROSPECT_COLOUR = "#d4d4d4"
LOST_COLOUR = "#3c3c3c"
NEW_RING = "#2160e0"
NEW_WITHIN_STEPS = 3          # a customer counts as new for this many steps
ORDERED_KINDS = ("small_world", "communities")   # node ids already follow the ties


# ----- layout -----------------------------------------------------------------------
def hilbert_points(count: int) -> np.ndarray:
    """`count` points spread evenly along a Hilbert curve filling the unit square."""
    order = max(1, int(np.ceil(np.log(max(count, 2)) / np.log(4))))
    side = 1 << order
    t = (np.arange(count) * (side * side / count)).astype(np.int64)
    x, y = np.zeros_like(t), np.zeros_like(t)
    s = 1
    while s < side:
        rx = 1 & (t // 2)
        ry = 1 & (t ^ rx)
        turn = ry == 0
        mirror = turn & (rx == 1)
        x, y = np.where(mirror, s - 1 - x, x), np.where(mirror, s - 1 - y, y)
        x, y = np.where(turn, y, x), np.where(turn, x, y)
        x, y = x + s * rx, y + s * ry
        t //= 4
        s *= 2
    return (np.column_stack([x, y]) + 0.5) / side


def tie_order(graph: SocialGraph, kind: str = "small_world") -> np.ndarray:
    """People in an order that keeps tied people near each other.

    Small-world rings and community blocks are built in that order already; other
    graphs get a reverse Cuthill-McKee order (a bandwidth-reducing breadth-first sweep).
    """
    if graph.complete or kind in ORDERED_KINDS:
        return np.arange(graph.n)
    return np.asarray(reverse_cuthill_mckee(graph.to_csr(), symmetric_mode=True))


def network_layout(graph: SocialGraph, kind: str = "small_world", seed: int = 0) -> np.ndarray:
    """(n, 2) positions in the unit square for drawing a small network; O(n), no iterations."""
    points = hilbert_points(graph.n)
    pos = np.empty_like(points)
    pos[tie_order(graph, kind)] = points
    spacing = 1.0 / np.sqrt(max(graph.n, 1))
    return pos + np.random.default_rng(seed).normal(0.0, 0.18 * spacing, pos.shape)


def tie_segments(graph: SocialGraph, pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Line segments of the ties, split into (short, long) by length."""
    if graph.complete or graph.indices is None:
        empty = np.zeros((0, 2, 2))
        return empty, empty
    src = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    dst = graph.indices.astype(np.int64)
    upper = src < dst
    seg = np.stack([pos[src[upper]], pos[dst[upper]]], axis=1)
    length = np.linalg.norm(seg[:, 0] - seg[:, 1], axis=1)
    short = length < 4.0 / np.sqrt(max(graph.n, 1))
    return seg[short], seg[~short]


# ----- colours ----------------------------------------------------------------------
_LEVEL_RGBA = np.array([to_rgba(c) for c in LEVEL_COLOURS])


def node_faces(people: Population) -> np.ndarray:
    """RGBA per person: customers by satisfaction level, prospects light, lost dark."""
    faces = _LEVEL_RGBA[people.level() - 1]
    faces[people.status == PROSPECT] = to_rgba(PROSPECT_COLOUR)
    faces[people.status == LOST] = to_rgba(LOST_COLOUR)
    return faces


def new_customers(people: Population, step: int) -> np.ndarray:
    """Mask of customers who joined within the last NEW_WITHIN_STEPS steps (not at start)."""
    since = people.customer_since
    return (people.status == ACTIVE) & (since > 0) & (since > step - NEW_WITHIN_STEPS)


def enemies(people: Population) -> np.ndarray:
    """Mask of enemies: escalated complainers who campaign against the firm."""
    return (people.escalation == ENEMY) & (people.status != PROSPECT)


def legend_handles(marker_size: float = 7.0) -> list[Line2D]:
    """Legend entries for the network drawing."""
    def dot(colour, label, **kw):
        return Line2D([], [], ls="", marker="o", ms=marker_size, mfc=colour,
                      mec=kw.pop("mec", colour), label=label, **kw)
    return ([dot(c, f"satisfaction {k}") for k, c in enumerate(LEVEL_COLOURS, start=1)]
            + [dot(PROSPECT_COLOUR, "prospect"), dot(LOST_COLOUR, "lost"),
               dot("white", "new customer", mec=NEW_RING, mew=2),
               Line2D([], [], ls="", marker="x", ms=marker_size, mec="black", mew=2,
                      label="enemy")])


class NetworkDrawing:
    """The people of one network drawn on an axes: ties once, then recoloured in place."""

    def __init__(self, ax, graph: SocialGraph, pos: np.ndarray, size: float | None = None):
        short, long = tie_segments(graph, pos)
        ax.add_collection(LineCollection(short, colors=[(0.45, 0.45, 0.45, 0.35)],
                                         linewidths=0.5))
        ax.add_collection(LineCollection(long, colors=[(0.45, 0.45, 0.45, 0.06)],
                                         linewidths=0.4))
        size = size if size is not None else node_size(graph.n)
        self.pos, self.size = pos, size
        # One uniform edge width keeps Agg on its fast marker path; rings are an overlay.
        self.nodes = ax.scatter(pos[:, 0], pos[:, 1], s=size, linewidths=0.0, zorder=2)
        self.rings = ax.scatter([], [], s=size * 1.5, facecolors="none", edgecolors=NEW_RING,
                                linewidths=1.6, zorder=3)
        self.marks = ax.scatter([], [], s=size * 1.6, marker="x", c="black", linewidths=1.5,
                                zorder=4)
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.set_aspect("equal")
        ax.set_axis_off()

    @property
    def artists(self) -> tuple:
        return self.nodes, self.rings, self.marks

    def recolour(self, people: Population, step: int) -> None:
        """Faces by status and satisfaction, rings on new customers, crosses on enemies."""
        self.nodes.set_facecolor(node_faces(people))
        self.rings.set_offsets(self.pos[new_customers(people, step)].reshape(-1, 2))
        self.marks.set_offsets(self.pos[enemies(people)].reshape(-1, 2))


def draw_network(ax, graph: SocialGraph, pos: np.ndarray, people: Population,
                 step: int = 0, size: float | None = None) -> NetworkDrawing:
    """Draw a market's network on `ax`, coloured for `people` at `step`."""
    drawing = NetworkDrawing(ax, graph, pos, size)
    drawing.recolour(people, step)
    return drawing


def node_size(n: int, width_points: float = 380.0) -> float:
    """Marker area (points^2) so that dots fill about a third of their grid cell."""
    cell = width_points / np.sqrt(max(n, 1))
    return float(np.clip(0.35 * cell * cell, 2.0, 60.0))


def image_bytes(canvas: FigureCanvasAgg, fmt: str = "jpeg") -> bytes:
    """The canvas's current pixels as JPEG (default) or PNG.

    JPEG at quality 92 without chroma subsampling encodes in ~3 ms and looks the same on
    a projector; PNG takes ~25 ms, a quarter of the budget for ten steps a second."""
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    if fmt == "png":
        image.convert("RGB").save(out, format="png", compress_level=1)
    else:
        image.convert("RGB").save(out, format="jpeg", quality=92, subsampling=0)
    return out.getvalue()


def new_figure(width: float, height: float, dpi: int) -> Figure:
    """A figure with its own Agg canvas (no pyplot: nothing global, nothing shown twice)."""
    fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


# ----- the live classroom figure ----------------------------------------------------
MIX_KEYS = tuple(f"satisfaction_{k}" for k in range(1, 6))


class MarketFigure:
    """Network coloured by satisfaction, beside live plots of customers, satisfaction mix
    and profit, with an optional story drawn over the network. `show(model)` updates
    artists in place and blits onto a cached background; the slow full draw happens only
    when a new network is shown or an axis must grow. 4:3, sized for a projector."""

    def __init__(self, graph: SocialGraph, pos: np.ndarray, months: float = 120.0,
                 size: tuple[float, float] = (9.6, 7.2), dpi: int = 80,
                 image_format: str = "jpeg", currency: str = "") -> None:
        self.graph, self.pos, self.horizon = graph, pos, float(months)
        self.image_format, self.currency = image_format, currency
        self.fig = new_figure(*size, dpi)
        grid = self.fig.add_gridspec(3, 2, width_ratios=(1.45, 1.0), left=0.01, right=0.985,
                                     top=0.88, bottom=0.07, hspace=0.5, wspace=0.2)
        self.ax_net = self.fig.add_subplot(grid[:, 0])
        self.ax_customers, self.ax_mix, self.ax_profit = (self.fig.add_subplot(grid[i, 1])
                                                          for i in range(3))
        self.headline = self.fig.text(0.01, 0.955, "", fontsize=13.5, weight="bold")
        self.subline = self.fig.text(0.01, 0.912, "", fontsize=11.5, color="#5a189a")
        self.network: NetworkDrawing | None = None
        self.overlay: RippleOverlay | None = None
        self.market_legend = self.story_legend = None
        self.lines: dict[str, Line2D] = {}
        self.mix_polys: list = []
        self.background = None
        self.frames = 0

    def _setup_axes(self, people: Population) -> None:
        """Build every artist once; dynamic ones are animated (left out of the background)."""
        self.network = draw_network(self.ax_net, self.graph, self.pos, people)
        self.overlay = RippleOverlay(self.ax_net, self.pos, self.network.size, animated=True)
        legend = dict(loc="upper center", bbox_to_anchor=(0.5, 0.0), frameon=False,
                      handletextpad=0.2, columnspacing=0.8, fontsize=9.5, ncol=3)
        self.market_legend = self.ax_net.legend(handles=legend_handles(), **legend)
        # The story's legend takes the market legend's place while a story is told.
        self.story_legend = Legend(self.ax_net, *zip(*[(h, h.get_label()) for h in
                                                       story_legend_handles()]),
                                   **{**legend, "ncol": 2})
        self.ax_net.add_artist(self.story_legend)
        ax = self.ax_customers
        for key, colour, label in (("customers", "#1a9850", "customers"),
                                   ("prospects", "#9a9a9a", "prospects"),
                                   ("lost", LOST_COLOUR, "lost (all time)")):
            self.lines[key] = ax.plot([], [], color=colour, lw=2, label=label)[0]
        ax.set_ylim(0, self.graph.n * 1.02)
        ax.legend(loc="upper left", fontsize=9, ncol=3, frameon=False, handlelength=1.2,
                  columnspacing=0.8)
        ax.set_title("People (a count)", fontsize=11, loc="left")
        self.ax_mix.set_ylim(0, 1)
        self.ax_mix.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
        self.mix_polys = [PolyCollection([np.zeros((0, 2))], facecolors=colour, linewidths=0)
                          for colour in LEVEL_COLOURS]
        for poly in self.mix_polys:
            self.ax_mix.add_collection(poly, autolim=False)
        self.ax_mix.set_title("Customers by satisfaction, 1 (red) to 5 (green)", fontsize=11,
                              loc="left")
        self.lines["npv"] = self.ax_profit.plot([], [], color="#2160e0", lw=2)[0]
        self.ax_profit.axhline(0, color="black", lw=0.6)
        self.ax_profit.set_title(f"Profit so far, discounted ({self.currency or 'money'})",
                                 fontsize=11, loc="left")
        self.ax_profit.yaxis.set_major_formatter(FuncFormatter(
            lambda v, _: f"{self.currency}{v:,.0f}" if v >= 0 else f"-{self.currency}{-v:,.0f}"))
        self.ax_profit.set_xlabel("month", fontsize=10)
        for ax in (self.ax_customers, self.ax_mix, self.ax_profit):
            ax.tick_params(labelsize=9)
        for artist in self.animated_artists():
            artist.set_animated(True)

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

    def person_at(self, x: float, y: float, candidates: np.ndarray) -> int | None:
        """The candidate drawn nearest image pixel (x, y) (origin top left), if the pixel
        lies on the network drawing."""
        height = self.fig.canvas.get_width_height()[1]
        if candidates.size == 0 or not self.ax_net.bbox.contains(x, height - y):
            return None
        data = self.ax_net.transData.inverted().transform((x, height - y))
        return int(candidates[np.argmin(((self.pos[candidates] - data) ** 2).sum(axis=1))])
