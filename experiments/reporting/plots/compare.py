"""Figures of a strategy comparison: paired differences with error bars, customers and
profit over time, churn by cause, word-of-mouth balance, cohort retention, CLV.

Every function returns a `matplotlib.figure.Figure` built without pyplot (no global
backend state), so the report saves PNGs headless and notebooks can show the same
figures inline.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from experiments.analysis.compare import currency_of
from experiments.reporting.plots import COLORS, figure, money_axis, thousands, value_axis
from experiments.reporting.words import CURRENCY, cause_words, metric_label, strategy_words
from experiments.scenarios.metrics import metric
from simulation.state import CHURN_CAUSES


def with_strategy(table: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    """Attach each run's strategy and replication to a per-run table."""
    return table.merge(runs[["run_id", "strategy", "replication"]], on="run_id")


def comparison_bars(table: pd.DataFrame) -> Figure:
    """Paired difference to the reference strategy with 95% CI error bars."""
    others = table[table.strategy != table.attrs["reference"]]
    fig, (ax,) = figure(8, 0.6 * len(others) + 1.6)
    y = np.arange(len(others))
    err = np.vstack([others["diff"] - others.ci_low, others.ci_high - others["diff"]])
    colors = [COLORS[2] if d > 0 else COLORS[3] for d in others["diff"]]
    ax.barh(y, others["diff"], xerr=err, color=colors, capsize=4)
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
    ax.legend(fontsize=7, ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    return fig


def cohort_curves(customers: pd.DataFrame, last_step: int, step_months: float,
                  band_months: int = 12) -> pd.DataFrame:
    """Share of each acquisition cohort still a customer, by months since acquisition.
    Cohorts: the initial customers, then acquisition months in bands of `band_months`."""
    since, lost = customers.customer_since.to_numpy(), customers.lost_at.to_numpy()
    band = np.where(since == 0, -1, (since - 1) * step_months // band_months)
    rows = []
    for b in np.unique(band):
        members = band == b
        start = int(since[members].min())
        for age in range(0, last_step - start + 1):
            alive = members & (since + age <= last_step)
            if alive.sum() < 10:
                break
            stays = (lost[alive] == -1) | (lost[alive] > since[alive] + age)
            rows.append({"cohort": "initial customers" if b < 0 else
                         f"acquired months {int(b) * band_months + 1}-{int(b + 1) * band_months}",
                         "months": age * step_months, "retained": stays.mean()})
    return pd.DataFrame(rows)


def cohort_retention(customers: pd.DataFrame, runs: pd.DataFrame) -> Figure:
    """Retention curves by acquisition cohort (first strategy), and all customers by
    strategy (the stored sample run of each)."""
    info = runs.set_index("run_id")
    fig, (left, right) = figure(11, 4.2, cols=2)
    for i, (run_id, group) in enumerate(customers.groupby("run_id", sort=False)):
        row = info.loc[run_id]
        last = int(round(row.horizon / row.step_months))
        if i == 0:
            curves = cohort_curves(group, last, row.step_months)
            for j, (cohort, c) in enumerate(curves.groupby("cohort", sort=False)):
                left.plot(c.months, c.retained, color=COLORS[j % len(COLORS)], label=cohort)
            left.set_title(strategy_words(row.strategy), fontsize=10)
        pooled = cohort_curves(group.assign(customer_since=group.customer_since.clip(lower=1)),
                               last, row.step_months, band_months=10**6)
        right.plot(pooled.months, pooled.retained, color=COLORS[i % len(COLORS)],
                   label=strategy_words(row.strategy))
    for ax in (left, right):
        ax.set_xlabel("months since acquisition")
        ax.set_ylabel("share still a customer")
        ax.set_ylim(0, 1.02)
        ax.legend(fontsize=7)
    right.set_title("all customers, by strategy", fontsize=10)
    return fig


def clv_distribution(customers: pd.DataFrame, runs: pd.DataFrame) -> Figure:
    """Distribution of customer lifetime value (discounted margin) per strategy."""
    frame = with_strategy(customers, runs)
    fig, (ax,) = figure(8, 4.2)
    bins = np.linspace(0, float(frame.value.max()) * 1.01 or 1.0, 50)
    for i, (strategy, group) in enumerate(frame.groupby("strategy", sort=False)):
        ax.hist(group.value, bins=bins, histtype="step", lw=1.5, density=True,
                color=COLORS[i % len(COLORS)], label=strategy_words(strategy))
    cur = currency_of(runs) or CURRENCY
    ax.set_xlabel(f"customer lifetime value so far, discounted margin ({cur})")
    money_axis(ax.xaxis, cur)
    ax.set_ylabel(f"share of customers per {cur} of value (density)")
    ax.legend(fontsize=8)
    return fig
