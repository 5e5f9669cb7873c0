"""Customers over every replication: the customer profiles each comparison run keeps
(`execution.customer_profile`) pooled into what the pictures draw, the median over
replications with the band the middle 90% of replications fall in, so a picture shows
the run-to-run spread instead of one sample run.

- `retention_curves`: share still a customer by months since acquisition, per strategy
  and group of one view (cohort, segment, channel, all);
- `value_histogram`: the share of customers per lifetime-value bin, each replication's
  distribution read from its quantiles on bins shared by all;
- `channel_values`: mean lifetime value per customer by acquisition channel (mean over
  replications with its 95% CI) and the referral-to-paid ratio;
- `loyalty`: the correlation of months as a customer with lifetime value, per strategy
  (mean over replications with its 95% CI), and the sampled points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from experiments.analysis.stats import t_interval
from simulation.state import CHANNELS

BAND = (0.05, 0.95)   # the middle 90% of replications
MIN_CUSTOMERS = 30    # a curve point needs this many customers in each replication


def with_strategy(profiles: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    """Attach each run's strategy and replication to its profile rows."""
    return profiles.merge(runs[["run_id", "strategy", "replication"]], on="run_id")


def _spread(frame: pd.DataFrame, keys: list[str], column: str = "y") -> pd.DataFrame:
    grouped = frame.groupby(keys, sort=False)[column]
    out = grouped.median().rename("median").to_frame()
    out["low"], out["high"] = grouped.quantile(BAND[0]), grouped.quantile(BAND[1])
    out["replications"] = grouped.size()
    return out.reset_index()


def retention_curves(profiles: pd.DataFrame, runs: pd.DataFrame, view: str) -> pd.DataFrame:
    """Per strategy, group and months since acquisition: median share still a customer
    over replications and its 5-95% band; a point is kept where every replication
    observed at least `MIN_CUSTOMERS` of the group that long."""
    frame = with_strategy(profiles[profiles.view == view], runs)
    reps = frame.groupby("strategy", sort=False)["replication"].nunique()
    frame = frame[frame.n >= MIN_CUSTOMERS]    # customers observed fall with age
    out = _spread(frame, ["strategy", "group", "x"])
    full = out.replications == out.strategy.map(reps)
    return out[full].rename(columns={"x": "months"}).reset_index(drop=True)


def yearly_retention(profiles: pd.DataFrame, runs: pd.DataFrame, group: str,
                     view: str = "cohort") -> pd.DataFrame:
    """Per strategy and year of tenure: of the group's customers still there at the start
    of the year, the share still there at its end (each replication's own ratio; median
    and 5-95% band over replications). Rising values with tenure are the sorting a
    heterogeneous base shows (the churn-prone leave first)."""
    frame = with_strategy(profiles[(profiles.view == view) & (profiles.group == group)
                                   & (profiles.n >= MIN_CUSTOMERS)], runs)
    frame = frame[np.isclose(frame.x % 12, 0)].sort_values(["run_id", "x"])
    kept = frame.y / frame.groupby("run_id").y.shift()
    table = frame.assign(y=kept, year=(frame.x // 12).astype(int)).dropna(subset=["y"])
    reps = frame.groupby("strategy", sort=False)["replication"].nunique()
    out = _spread(table, ["strategy", "year"])
    return out[out.replications == out.strategy.map(reps)].reset_index(drop=True)


def value_histogram(profiles: pd.DataFrame, runs: pd.DataFrame,
                    bins: int = 40) -> pd.DataFrame:
    """Per strategy and lifetime-value bin (edges shared by all runs, from zero to the
    largest run's 97th percentile): the median share of customers in the bin over
    replications and its 5-95% band. Each run's share is read off its quantile function
    (linear between percentiles); the few customers above the last edge are in no bin
    (`attrs["above"]`: the median share of them, `attrs["top"]`: the last edge)."""
    frame = with_strategy(profiles[profiles.view == "value_quantile"], runs)
    top = float(frame[np.isclose(frame.x, 0.97)].y.max()) or 1.0
    edges = np.linspace(0.0, top, bins + 1)
    rows, above = [], []
    for (strategy, rep), run in frame.groupby(["strategy", "replication"], sort=False):
        run = run.sort_values("x")
        below = np.interp(edges, run.y.to_numpy(), run.x.to_numpy(), left=0.0, right=1.0)
        above.append(1.0 - below[-1])
        rows.append(pd.DataFrame({"strategy": strategy, "replication": rep,
                                  "low_edge": edges[:-1], "high_edge": edges[1:],
                                  "share": np.diff(below)}))
    out = _spread(pd.concat(rows, ignore_index=True), ["strategy", "low_edge", "high_edge"],
                  "share")
    out.attrs.update(above=float(np.median(above)), top=top)
    return out


def channel_values(profiles: pd.DataFrame, runs: pd.DataFrame) -> pd.DataFrame:
    """Per strategy and acquisition channel: mean lifetime value per customer (mean over
    replications, 95% CI), customers per replication; and per strategy the ratio of a
    referred customer's value to a paid one's (channel 'referral / paid')."""
    frame = with_strategy(profiles[profiles.view == "channel_value"], runs)
    wide = frame.pivot_table(index=["strategy", "replication"], columns="group", values="y")
    wide = wide[[c for c in CHANNELS if c in wide.columns]]
    rows = []
    for strategy in dict.fromkeys(runs.strategy):
        if strategy not in wide.index.get_level_values("strategy"):
            continue
        table = wide.xs(strategy, level="strategy")
        columns = {c: table[c] for c in table.columns}
        if {"referral", "paid"} <= set(columns):
            columns["referral / paid"] = columns["referral"] / columns["paid"]
        counts = frame[frame.strategy == strategy].groupby("group").n.mean()
        for channel, values in columns.items():
            mean, low, high = t_interval(values.dropna().to_numpy())
            rows.append({"strategy": strategy, "channel": channel, "mean": mean,
                         "ci_low": low, "ci_high": high,
                         "customers": float(counts.get(channel, np.nan)),
                         "replications": int(values.notna().sum())})
    return pd.DataFrame(rows)


def loyalty(profiles: pd.DataFrame, runs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sampled customers (months as a customer, lifetime value) with their strategy,
    and per strategy the correlation of the two: mean over replications with its 95% CI
    (each replication's correlation is over all its customers)."""
    frame = with_strategy(profiles[profiles.view.isin(["loyalty", "loyalty_correlation"])],
                          runs)
    points = frame[frame.view == "loyalty"].rename(columns={"x": "months", "y": "value"})
    rows = []
    for strategy, group in frame[frame.view == "loyalty_correlation"].groupby(
            "strategy", sort=False):
        mean, low, high = t_interval(group.y.dropna().to_numpy())
        rows.append({"strategy": strategy, "correlation": mean, "ci_low": low,
                     "ci_high": high, "replications": int(group.y.notna().sum())})
    return points[["strategy", "replication", "months", "value"]], pd.DataFrame(rows)
