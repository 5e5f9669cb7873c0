"""Drawing a small market's network: layout, node colours by satisfaction, image bytes.

The layout is computed once per network (no force simulation: people are laid along a
Hilbert curve in an order that keeps ties close), and each redraw only restores a cached
background and redraws the artists that change, so a step draws in tens of milliseconds.
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image
from scipy.sparse.csgraph import reverse_cuthill_mckee

from simulation.network import SocialGraph
from simulation.state import ACTIVE, LOST, PROSPECT, Population

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
    return people.enemies()


def legend_handles(marker_size: float = 7.0, compact: bool = False) -> list:
    """Legend entries for the network drawing; `compact` shows the five satisfaction
    levels as one entry (a tuple of handles: pass `handler_map={tuple: HandlerTuple()}`)."""
    def dot(colour, label, **kw):
        return Line2D([], [], ls="", marker="o", ms=marker_size, mfc=colour,
                      mec=kw.pop("mec", colour), label=label, **kw)
    levels = [dot(c, f"satisfaction {k}") for k, c in enumerate(LEVEL_COLOURS, start=1)]
    if compact:
        levels = [tuple(levels)]
        levels[0][0].set_label("satisfaction 1 to 5")
    return (levels + [dot(PROSPECT_COLOUR, "prospect"), dot(LOST_COLOUR, "lost"),
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
    return float(np.clip(0.35 * cell * cell, 2.0, 250.0))


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
