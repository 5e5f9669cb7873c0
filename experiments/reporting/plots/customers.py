"""Figures of customers over every replication of a comparison: retention by cohort,
segment and acquisition channel, the lifetime-value distribution, value by channel and
loyalty against profit. Lines are medians over replications and shaded bands the middle
90% of replications (`analysis.customer_profiles`); built without pyplot, like `plots`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from experiments.reporting.plots import COLORS, figure, money_axis
from experiments.reporting.words import CURRENCY, group_words, money, strategy_words

BAND_WORDS = "line: median over {n} replications; band: the middle 90% of them"


def _curve(ax, frame: pd.DataFrame, color: str, label: str, x: str = "months") -> None:
    ax.fill_between(frame[x], frame["low"], frame["high"], color=color, alpha=0.18, lw=0)
    ax.plot(frame[x], frame["median"], color=color, label=label)


def _share_axes(ax, title: str) -> None:
    ax.set_xlabel("months since acquisition")
    ax.set_ylabel("share still a customer")
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="lower left")


def _groups(ax, curves: pd.DataFrame, strategy: str, view: str) -> None:
    own = curves[curves.strategy == strategy]
    for i, (group, frame) in enumerate(own.groupby("group", sort=False)):
        _curve(ax, frame, COLORS[i % len(COLORS)], group_words(view, group))


def cohort_retention(cohorts: pd.DataFrame, overall: pd.DataFrame, reference: str,
                     replications: int) -> Figure:
    """Left: each acquisition cohort under the reference strategy; right: all customers,
    one curve per strategy."""
    fig, (left, right) = figure(11, 4.4, cols=2)
    _groups(left, cohorts, reference, "cohort")
    _share_axes(left, f"by year of acquisition ({strategy_words(reference)})")
    for i, (strategy, frame) in enumerate(overall.groupby("strategy", sort=False)):
        _curve(right, frame, COLORS[i % len(COLORS)], strategy_words(strategy))
    _share_axes(right, "all customers, by strategy")
    fig.suptitle(BAND_WORDS.format(n=replications), fontsize=9)
    return fig


def group_retention(panels: dict[str, pd.DataFrame], reference: str,
                    replications: int) -> Figure:
    """Retention by months since acquisition for each group of each view (segment,
    acquisition channel) under the reference strategy, one panel per view."""
    titles = {"segment": "by segment", "channel": "by how they were won"}
    fig, axes = figure(5.5 * len(panels), 4.4, cols=len(panels))
    for ax, (view, curves) in zip(axes, panels.items()):
        _groups(ax, curves, reference, view)
        _share_axes(ax, f"{titles.get(view, view)} ({strategy_words(reference)})")
    fig.suptitle(BAND_WORDS.format(n=replications), fontsize=9)
    return fig


def clv_distribution(hist: pd.DataFrame, currency: str = "", replications: int = 0) -> Figure:
    """The lifetime-value distribution, one panel per strategy (the first strategy's
    median repeated in grey in every other panel, to compare shapes)."""
    strategies = list(dict.fromkeys(hist.strategy))
    cols = min(len(strategies), 2 if len(strategies) <= 4 else 3)
    rows = -(-len(strategies) // cols)
    fig = Figure(figsize=(3.4 * cols + 1.2, 2.8 * rows + 1.0), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, cols, sharex=True, sharey=True)).ravel()
    cur = currency or CURRENCY
    first = hist[hist.strategy == strategies[0]]
    for i, (ax, strategy) in enumerate(zip(axes, strategies)):
        own, color = hist[hist.strategy == strategy], COLORS[i % len(COLORS)]
        if i:
            ax.step(*_steps(first, "median"), where="post", color="grey", lw=1,
                    label=strategy_words(strategies[0]))
        ax.fill_between(_steps(own, "low")[0], _steps(own, "low")[1], _steps(own, "high")[1],
                        step="post", color=color, alpha=0.25, lw=0)
        ax.step(*_steps(own, "median"), where="post", color=color,
                label=strategy_words(strategy))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        money_axis(ax.xaxis, currency)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.tick_params(axis="x", labelrotation=30, labelsize=7)
        ax.legend(fontsize=7)
    for ax in axes[len(strategies):]:
        ax.set_visible(False)
    width = money(float(hist.high_edge.iloc[0] - hist.low_edge.iloc[0]), currency=currency)
    fig.supxlabel(f"customer lifetime value so far: discounted margin ({cur})", fontsize=9)
    fig.supylabel(f"share of customers per {width} of value", fontsize=9)
    above = (f"; the {hist.attrs['above']:.0%} of customers above "
             f"{money(hist.attrs['top'], currency=currency)} are not drawn"
             if "above" in hist.attrs else "")
    fig.suptitle(BAND_WORDS.format(n=replications) + above, fontsize=9)
    return fig


def _steps(frame: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """A histogram column as a step line that closes at the last bin's right edge."""
    return (np.r_[frame.low_edge.to_numpy(), frame.high_edge.iloc[-1]],
            np.r_[frame[column].to_numpy(), frame[column].iloc[-1]])


def value_by_channel(table: pd.DataFrame, currency: str = "") -> Figure:
    """Mean lifetime value per customer by acquisition channel, one bar per strategy,
    with the 95% CI over replications."""
    money_rows = table[table.channel != "referral / paid"]
    channels = list(dict.fromkeys(money_rows.channel))
    strategies = list(dict.fromkeys(money_rows.strategy))
    fig, (ax,) = figure(9, 0.18 * len(channels) * len(strategies) + 1.8)
    height = 0.8 / len(strategies)
    for i, strategy in enumerate(strategies):
        rows = money_rows[money_rows.strategy == strategy].set_index("channel").reindex(channels)
        err = np.vstack([rows["mean"] - rows.ci_low, rows.ci_high - rows["mean"]])
        ax.barh(np.arange(len(channels)) + i * height, rows["mean"], height,
                xerr=np.nan_to_num(err), color=COLORS[i % len(COLORS)], capsize=2,
                label=strategy_words(strategy))
    ax.set_yticks(np.arange(len(channels)) + 0.4 - height / 2,
                  [group_words("channel", c) for c in channels])
    ax.invert_yaxis()
    money_axis(ax.xaxis, currency)
    ax.set_xlabel(f"mean customer lifetime value so far, discounted margin "
                  f"({currency or CURRENCY}; mean over replications, 95% CI)")
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", fontsize=8,
               ncols=min(len(strategies), 4))
    return fig


def loyalty_scatter(points: pd.DataFrame, correlation: pd.Series, currency: str = "") -> Figure:
    """Months as a customer against lifetime value for sampled customers of every
    replication (one strategy), with the correlation over all customers and its CI."""
    fig, (ax,) = figure(8, 4.6)
    ax.scatter(points.months, points.value, s=5, alpha=0.25, color=COLORS[0], lw=0,
               label="customers (a fixed sample of each replication's)")
    middle = points.groupby(points.months.round())["value"].median()
    ax.plot(middle.index, middle.to_numpy(), color=COLORS[3], lw=1.5,
            label="median value at each tenure")
    ax.legend(fontsize=8, loc="upper left")
    ax.set_xlabel("months as a customer (so far)")
    ax.set_ylabel(f"customer lifetime value so far ({currency or CURRENCY})")
    money_axis(ax.yaxis, currency)
    c = correlation
    ax.set_title(f"{strategy_words(c.strategy)}: correlation {c.correlation:.2f} "
                 f"[95% CI {c.ci_low:.2f} to {c.ci_high:.2f}] over all customers of "
                 f"{c.replications} replications\n(the published range across four firms is "
                 "0.20-0.45)",
                 fontsize=9)
    return fig
