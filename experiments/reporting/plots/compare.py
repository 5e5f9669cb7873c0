"""Figures of a strategy comparison: paired differences with error bars, customers and
profit over time, churn by cause, word-of-mouth balance (customers over all replications
are drawn by `plots.customers`).

Every function returns a `matplotlib.figure.Figure` built without pyplot (no global
backend state), so the report saves PNGs headless and notebooks can show the same
figures inline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from experiments.analysis.compare import currency_of
from experiments.analysis.stats import HIGHER, LOWER, WITHIN_NOISE, verdict
from experiments.reporting.plots import COLORS, figure, money_axis, thousands, value_axis
from experiments.reporting.words import cause_words, metric_label, strategy_words
from experiments.scenarios.metrics import metric
from simulation.state import CHURN_CAUSES

VERDICT_COLORS = {HIGHER: COLORS[2], LOWER: COLORS[3], WITHIN_NOISE: "#c8c8c8"}


def with_strategy(table: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    """Attach each run's strategy and replication to a per-run table."""
    return table.merge(runs[["run_id", "strategy", "replication"]], on="run_id")


def comparison_bars(table: pd.DataFrame) -> Figure:
    """Paired difference to the reference strategy with 95% CI error bars: green clearly
    higher, red clearly lower, pale and hatched within noise (the legend says which)."""
    others = table[table.strategy != table.attrs["reference"]]
    fig, (ax,) = figure(8, 0.6 * len(others) + 1.9)
    y = np.arange(len(others))
    err = np.vstack([others["diff"] - others.ci_low, others.ci_high - others["diff"]])
    said = [verdict(r.ci_low, r.ci_high) for r in others.itertuples()]
    ax.barh(y, others["diff"], xerr=err, color=[VERDICT_COLORS[v] for v in said], capsize=4,
            hatch=["//" if v == WITHIN_NOISE else "" for v in said], edgecolor="white")
    fig.legend(handles=[Patch(facecolor=VERDICT_COLORS[v], edgecolor="white",
                              hatch="//" if v == WITHIN_NOISE else "", label=v)
                        for v in VERDICT_COLORS if v in said],
               loc="outside lower center", ncols=3, fontsize=8)
    ax.set_yticks(y, [strategy_words(s) for s in others.strategy])
    ax.axvline(0, color="black", lw=0.8)
    ax.invert_yaxis()
    name, cur = table.attrs["metric"], currency_of(table)
    value_axis(ax.xaxis, metric(name).money, cur)
    ax.set_xlabel(f"{metric_label(name, cur)}: difference to "
                  f"{strategy_words(table.attrs['reference'])} (mean, 95% CI)")
    return fig


def mean_by_month(steps: pd.DataFrame, runs: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = with_strategy(steps, runs)
    return frame.groupby(["strategy", "month"], sort=False)[columns].mean().reset_index()


def _lines(ax, frame: pd.DataFrame, column: str, ylabel: str) -> None:
    for i, (strategy, group) in enumerate(frame.groupby("strategy", sort=False)):
        ax.plot(group.month, group[column], color=COLORS[i % len(COLORS)],
                label=strategy_words(strategy))
    ax.set_xlabel("month")
    ax.set_ylabel(ylabel)


def timeline(steps: pd.DataFrame, runs: pd.DataFrame) -> Figure:
    """Customers and cumulative profit NPV over time, mean over replications."""
    frame = mean_by_month(steps, runs, ["customers", "npv"])
    fig, (left, right) = figure(11, 4.2, cols=2)
    _lines(left, frame, "customers", "customers (people)")
    cur = currency_of(runs)
    _lines(right, frame, "npv", metric_label("npv", cur, "month"))
    thousands(left.yaxis)
    money_axis(right.yaxis, cur)
    left.legend(fontsize=8)
    return fig


def wom_balance(steps: pd.DataFrame, runs: pd.DataFrame) -> Figure:
    """Positive and negative word-of-mouth messages per month."""
    frame = mean_by_month(steps, runs, ["positive_messages", "negative_messages"])
    fig, (left, right) = figure(11, 4.2, cols=2)
    _lines(left, frame, "positive_messages", "positive messages a month (count)")
    _lines(right, frame, "negative_messages", "negative messages a month (count)")
    left.legend(fontsize=8)
    return fig


def churn_causes(steps: pd.DataFrame, runs: pd.DataFrame) -> Figure:
    """Customers lost over the horizon by cause (mean per run), one bar per strategy."""
    columns = [f"lost_{c}" for c in CHURN_CAUSES]
    frame = with_strategy(steps, runs)
    per_run = frame.groupby(["strategy", "run_id"], sort=False)[columns].sum()
    means = per_run.groupby("strategy", sort=False).mean()
    fig, (ax,) = figure(9, 0.6 * len(means) + 2)
    left = np.zeros(len(means))
    for i, column in enumerate(columns):
        ax.barh(np.arange(len(means)), means[column], left=left, color=COLORS[i],
                label=cause_words(column.removeprefix("lost_")))
        left += means[column].to_numpy()
    ax.set_yticks(np.arange(len(means)), [strategy_words(s) for s in means.index])
    ax.invert_yaxis()
    ax.set_xlabel("customers lost over the run, by why they left (people, mean per run)")
    fig.legend(*ax.get_legend_handles_labels(), fontsize=7, ncols=4, loc="outside lower center")
    return fig
