"""Figures, built without pyplot so reports save them headless and notebooks show them
inline: comparisons (`compare`), sweeps, flip searches and lost customers (`sweep`), and
one critic's ripple on a network drawing (`ripple`). Each returns a `Figure`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from experiments.reporting.words import money

COLORS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3",
          "#8c8c8c", "#ccb974", "#64b5cd")


def figure(width: float = 8.0, height: float = 4.5, cols: int = 1) -> tuple[Figure, list]:
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, list(np.atleast_1d(fig.subplots(1, cols)))


def thousands(axis) -> None:
    """Tick labels with thousands separators (people, counts)."""
    def label(v, _):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:g}"
    axis.set_major_formatter(FuncFormatter(label))


def money_axis(axis, currency: str = "") -> None:
    """Tick labels as money in the scenario's currency: '$12,000', 'EUR 12,000'; on a
    linear axis ticks fall on whole units, so no two ticks read the same."""
    if axis.get_scale() == "linear":
        axis.set_major_locator(MaxNLocator(integer=True))
        low, high = axis.get_view_interval()
        if high - low < 4:      # a flat line of money: a few whole units around it
            middle = round((low + high) / 2)
            limits = axis.axes.set_ylim if axis.axis_name == "y" else axis.axes.set_xlim
            limits(middle - 2, middle + 2)
    axis.set_major_formatter(FuncFormatter(lambda v, _: money(v, currency=currency)))


def value_axis(axis, is_money: bool, currency: str = "") -> None:
    """Money ticks for money, thousands separators otherwise."""
    if is_money:
        money_axis(axis, currency)
    else:
        thousands(axis)
