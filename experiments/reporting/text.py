"""Sentences and tables a reader sees, shared by the reports and the notebooks: every
difference with a verdict on noise in words, and the one-line reasons behind results
that look odd at first sight."""

from __future__ import annotations

import numpy as np
import pandas as pd

from experiments.analysis.compare import t_interval
from experiments.reporting.words import (
    metric_label,
    metric_words,
    money,
    num,
    parameter_label,
    strategy_words,
)
from simulation.state import SATISFIED_FROM, UNHAPPY_BELOW


def noise_verdict(low: float, high: float) -> str:
    """'clearly higher', 'clearly lower' or 'within noise', from a 95% CI of a difference."""
    if low > 0:
        return "clearly higher"
    if high < 0:
        return "clearly lower"
    return "within noise"


def amount(value: float, metric: str, signed: bool = False) -> str:
    """A value of `metric`: money with its currency, people as whole people."""
    unit = metric_label(metric)
    if unit.endswith("($)"):
        return money(value, signed)
    if "share" in unit:
        return f"{value:{'+' if signed else ''}.1%}"
    if unit.endswith(("(people)", "(a count)", "(messages)")):
        return f"{value:{'+' if signed else ''},.0f}"
    if unit.endswith("(-100 to +100)"):
        return f"{value:+.0f}"
    return num(value, signed)


def paired_text(table: pd.DataFrame) -> pd.DataFrame:
    """A paired comparison table in words: mean, difference with 95% CI and its verdict."""
    ref, metric = table.attrs["reference"], table.attrs["metric"]
    def diff(r):
        return "-" if r.strategy == ref else difference_text(r.diff, r.ci_low, r.ci_high, metric)
    return pd.DataFrame({
        "strategy": [strategy_words(s) for s in table.strategy],
        f"mean {metric_label(metric)}": [amount(v, metric) for v in table["mean"]],
        f"difference to {strategy_words(ref)} [95% CI]": [diff(r) for r in table.itertuples()],
        "verdict": ["-" if r.strategy == ref else noise_verdict(r.ci_low, r.ci_high)
                    for r in table.itertuples()],
        "share of markets where it beats the rest": [f"{w:.0%}" for w in table.wins]})


def odd_results(table: pd.DataFrame) -> list[str]:
    """One sentence of why when spending money clearly lowers the outcome."""
    ref = table.attrs["reference"]
    worse = [strategy_words(r.strategy) for r in table.itertuples()
             if r.strategy != ref and r.ci_high < 0]
    if not worse:
        return []
    names = " and ".join(worse)
    return [f"{names[0].upper() + names[1:]} {'lowers' if len(worse) == 1 else 'lower'} "
            f"{metric_words(table.attrs['metric'])} against {strategy_words(ref)}, beyond the "
            "noise: the budget is paid every month, and the customers it keeps or wins do not "
            "earn it back within the horizon (a longer horizon or a smaller budget can change "
            "this)."]


def closed_market_note(steps: pd.DataFrame) -> str | None:
    """Why customers peak and then fall in every run, if they do."""
    mean = steps.groupby("month")["customers"].mean()
    peak = mean.idxmax()
    if mean.iloc[-1] >= 0.98 * mean.max() or peak >= mean.index.max():
        return None
    return (f"Customers peak around month {peak:g} and then fall: the market is closed (a "
            "fixed number of people, nobody new arrives), so once most prospects have "
            "decided, customers lost each month outnumber the few still to be won. Every "
            "strategy shows it; compare strategies with each other, not with the peak.")


def nps_note() -> str:
    """How the model's net promoter score is counted."""
    return (f"Net promoter score: customers at satisfaction {SATISFIED_FROM:g} or more on the "
            f"1-5 scale count as promoters, below {UNHAPPY_BELOW:g} as detractors (a mapping "
            "of the survey scale onto the 0-10 recommend question, docs/figures.md); treat "
            "its level with care and compare strategies by its differences.")


def money_interval(mean: float, low: float, high: float) -> str:
    """'+$1,200 [-$300; +$2,700]'."""
    return f"{money(mean, True)} [{money(low, True)}; {money(high, True)}]"


def ripple_note(mean: float, low: float, high: float) -> str:
    """A quiet leaver's word-of-mouth part, in words (it is small and often negative)."""
    interval = money_interval
    if low <= 0 <= high:
        return (f"A quiet leaver's ripple part ({interval(mean, low, high)}) is within noise "
                "of zero: someone who leaves without a word costs their own margin and "
                "referrals, and the rest is the noise of rerunning a market.")
    if high < 0:
        return (f"A quiet leaver's ripple part is negative ({interval(mean, low, high)}): with "
                "fewer customers there are fewer service failures and complaints, so a little "
                "less bad word of mouth; the loss is their own margin and referrals.")
    return f"Even a quiet leaver's ripple costs money ({interval(mean, low, high)})."


def spread_note(runs: pd.DataFrame, metric: str, strategy: str) -> str:
    """Whether the spread of a sweep's cell means is larger than one cell's noise."""
    own = runs[runs.strategy == strategy].groupby("point")[metric]
    means = own.mean()
    halves = [t_interval(g.to_numpy())[2] - g.mean() for _, g in own if len(g) > 1]
    half = float(np.nanmedian(halves)) if halves else float("nan")
    spread = float(means.max() - means.min())
    if np.isnan(half):
        return (f"{metric_words(metric).capitalize()} ranges over {amount(spread, metric)} "
                "across the points; one replication per point, so the noise is not measured.")
    verdict = ("larger than the noise" if spread > 2 * half else
               "not much larger than the noise: read the map's pattern with care")
    return (f"Across the points, mean {metric_words(metric)} ({strategy_words(strategy)}) spans "
            f"{amount(spread, metric)}; one point's 95% CI is about ±{amount(half, metric)}, "
            f"so the spread is {verdict}.")


def ranking_text(table: pd.DataFrame) -> pd.DataFrame:
    """A parameter ranking in words: importance with its ± and whether it is above noise."""
    index, conf = table["index"].clip(lower=0), table["conf"].fillna(0)
    return pd.DataFrame({
        "setting": [parameter_label(p) for p in table.parameter],
        "importance": index.map(lambda v: f"{v:.2f}"),
        "± (95%)": conf.map(lambda v: f"{v:.2f}"),
        "verdict": ["matters" if i - c > 0 else "within noise of no effect"
                    for i, c in zip(index, conf)]})


MONEY_PARTS = ("own_margin", "referral_value", "wom_ripple", "total")


def per_customer_cell(row) -> str:
    """One part of a lost customer's cost: money with its currency; counts per lost
    customer as they are (a ratio, so fractional)."""
    if row.part in MONEY_PARTS:
        return money_interval(row["mean"], row.ci_low, row.ci_high)
    return f"{row['mean']:+.2f} [{row.ci_low:+.2f}; {row.ci_high:+.2f}]"


def difference_text(mean: float, low: float, high: float, metric: str) -> str:
    """'+$1,200 [-$300; +$2,700]' in the metric's unit."""
    return (f"{amount(mean, metric, True)} [{amount(low, metric, True)}; "
            f"{amount(high, metric, True)}]")
