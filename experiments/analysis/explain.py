"""Why one strategy beats another: the paired profit NPV difference split into its parts.

The money split is exact: profit NPV is gross margin minus the discounted costs
(`npv_parts_*` in the run table), so the paired differences of the parts add up to the
paired difference of profit NPV, replication by replication. Beside it, the people
counts behind the money (customers kept by churn cause, won by channel, prospects lost to
bad news, complaints) as paired differences too. Everything is read from the stored run
table (one row per strategy x replication); nothing is re-run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from experiments.analysis.compare import wide
from experiments.analysis.stats import clear_of_zero, t_interval
from simulation.state import CHANNELS, CHURN_CAUSES

TOTAL = "profit_npv"
MARGIN = "npv_parts_gross_margin"
CUSTOMER_MONTHS = "customer_months"
COSTS = ("acquisition_cost", "retention_cost", "complaint_cost", "frontline_cost",
         "referral_reward_cost", "strategy_cost")
COLUMNS = ("kind", "part", "mean", "ci_low", "ci_high", "within_noise", "replications")


def money_parts(runs: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Per replication, each part's contribution to profit NPV of `a` minus `b`:
    the margin difference, and minus each cost difference (a cost `a` spends more on
    counts against it). The columns sum to the profit NPV difference."""
    parts = {"gross_margin": _paired(runs, MARGIN, a, b)}
    for cost in COSTS:
        parts[cost] = -_paired(runs, f"npv_parts_{cost}", a, b)
    return pd.DataFrame(parts)


def margin_split(runs: pd.DataFrame, a: str, b: str) -> tuple[pd.DataFrame, float]:
    """Per replication, the gross margin difference in two parts that add up to it:
    customer-months served (`a` minus `b`) times `b`'s margin per customer-month, and the
    rest (a different margin per customer-month, e.g. customers who spend more). `b`'s
    margin per customer-month is one figure over all its replications (total discounted
    margin / total customer-months), returned beside the parts, so the first part is the
    customer-months row times that figure."""
    both = wide(runs, CUSTOMER_MONTHS)[[a, b]].dropna().index
    per = float(wide(runs, MARGIN)[b].loc[both].sum() / wide(runs, CUSTOMER_MONTHS)[b].loc[both].sum())
    volume = _paired(runs, CUSTOMER_MONTHS, a, b) * per
    return pd.DataFrame({"margin_volume": volume,
                         "margin_rate": _paired(runs, MARGIN, a, b) - volume}), per


def people_parts(runs: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Per replication, the people behind the money, each counted in `a`'s favour:
    customers kept (fewer lost, by cause), customers won (by channel), prospects spared
    from bad news (fewer rejecters), and complaints made and resolved."""
    parts = {f"kept_{cause}": -_paired(runs, f"churn_by_cause_{cause}", a, b)
             for cause in CHURN_CAUSES if f"churn_by_cause_{cause}" in runs}
    parts.update({f"won_{channel}": _paired(runs, f"acquisitions_{channel}", a, b)
                  for channel in CHANNELS if f"acquisitions_{channel}" in runs})
    parts["spared_bad_news"] = -_paired(runs, "rejecters", a, b)
    for count in ("complaints", "handled", "frontline_complaints", "frontline_resolved"):
        if count in runs:
            parts[count] = _paired(runs, count, a, b)
    return pd.DataFrame(parts)


def explain_difference(runs: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Tidy table of every part of `a` minus `b`: kind, part, mean with 95% CI over
    paired replications, and whether the CI spans zero. The money kind is the gross
    margin and all costs netted into one row (a budget moved from one cost line to
    another cancels there); they add up to the total's mean. The margin's two parts
    follow as kind "margin line" (`margin_split`; `attrs["margin_per_customer_month"]`),
    each cost line as kind "cost line" (detail of the net row), then the people behind
    the money, customer-months served first. Parts that are zero in every replication (a
    lever neither strategy pays for) are left out."""
    money = money_parts(runs, a, b)
    lines = money[[c for c in COSTS if np.any(money[c].to_numpy() != 0)]]
    rows = [_row("total", TOTAL, _paired(runs, TOTAL, a, b)),
            _row("money", "gross_margin", money["gross_margin"]),
            _row("money", "costs_net", money[list(COSTS)].sum(axis=1))]
    per = None
    if CUSTOMER_MONTHS in runs:
        split, per = margin_split(runs, a, b)
        rows += [_row("margin line", part, values) for part, values in split.items()]
        rows.append(_row("people", CUSTOMER_MONTHS, _paired(runs, CUSTOMER_MONTHS, a, b)))
    rows += [_row("cost line", part, values) for part, values in lines.items()]
    rows += [_row("people", part, values) for part, values in people_parts(runs, a, b).items()
             if np.any(values.to_numpy() != 0)]
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    out.attrs.update(a=a, b=b, margin_per_customer_month=per)
    return out


def winner_first(runs: pd.DataFrame, a: str, b: str) -> tuple[str, str]:
    """The pair ordered so the one with the higher mean profit NPV comes first."""
    return (a, b) if _paired(runs, TOTAL, a, b).mean() >= 0 else (b, a)


def _paired(runs: pd.DataFrame, column: str, a: str, b: str) -> pd.Series:
    """`a` minus `b` in `column`, per replication (replications both ran)."""
    table = wide(runs, column)[[a, b]].dropna()
    return (table[a] - table[b]).astype(float)


def _row(kind: str, part: str, values: pd.Series) -> dict:
    mean, low, high = t_interval(values.to_numpy())
    return {"kind": kind, "part": part, "mean": mean, "ci_low": low, "ci_high": high,
            "within_noise": not clear_of_zero(low, high), "replications": len(values)}
