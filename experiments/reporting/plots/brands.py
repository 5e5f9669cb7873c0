"""Several firms in one market (`ripple run` on a scenario with [[firms]]): each brand's
share of the firms' customers and its discounted profit so far, month by month."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from experiments.reporting.plots import COLORS, figure, money_axis


def brand_figure(firms: pd.DataFrame, currency: str = "") -> Figure:
    """Left: market share by brand (of all firms' customers); right: profit NPV so far by
    brand, in `currency`. `firms` is a run's per-firm table (`RunResult.firms`)."""
    fig, (share_ax, money_ax) = figure(11, 4.2, cols=2)
    customers = firms.pivot(index="month", columns="firm", values="customers")
    npv = firms.pivot(index="month", columns="firm", values="npv")
    names = list(dict.fromkeys(firms["firm"]))
    share = customers[names].div(customers[names].sum(axis=1).clip(lower=1), axis=0)
    for k, name in enumerate(names):
        color = COLORS[k % len(COLORS)]
        share_ax.plot(share.index, share[name], color=color, lw=2, label=name)
        money_ax.plot(npv.index, npv[name], color=color, lw=2, label=name)
    share_ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    share_ax.set_ylim(0, 1)
    share_ax.set_title("Market share by brand (of all firms' customers)")
    money_ax.set_title(f"Profit so far, discounted ({currency or 'money'})")
    money_axis(money_ax.yaxis, currency)
    for ax in (share_ax, money_ax):
        ax.set_xlabel("Month")
        ax.grid(alpha=0.3)
    share_ax.legend(title="Brand", frameon=False)
    return fig
