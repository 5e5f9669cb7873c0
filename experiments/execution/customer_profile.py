"""One replication's customers in a small table of fixed size, so pictures of customers
(lifetime-value distributions, cohort and segment retention, value by acquisition
channel, loyalty against profit) can be drawn over every replication without keeping a
row per customer.

The table is long: `view` names what a row describes, `group` which customers, `x` and
`y` the point, `n` how many customers stand behind it.

    value_quantile  group "all": x = probability (0, 0.01, ... 1), y = that quantile of
                    lifetime value so far (discounted margin), n = customers ever
    cohort / segment / channel / all
                    retention curves: x = months since acquisition (whole months),
                    y = share of the group still a customer, n = customers observed that
                    long (the curve's denominator)
    channel_value   x = 0, y = mean lifetime value of the channel's customers, n = them
    loyalty         a fixed sample of customers (every k-th by person number, no random
                    draw): x = months as a customer, y = lifetime value
    loyalty_correlation
                    x = 0, y = the correlation of months as a customer with lifetime
                    value over all customers ever, n = customers ever
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from simulation.parameters.segments import SEGMENTS
from simulation.state import CHANNELS, Population

VALUE_QUANTILES = np.linspace(0.0, 1.0, 101)
SAMPLE = 150          # customers per replication in the loyalty scatter
COHORT_MONTHS = 12    # acquisition cohorts are years of acquisition
INITIAL = "initial customers"


def cohort_names(count: int) -> list[str]:
    """The cohorts' names: the initial customers, then years of acquisition."""
    return [INITIAL] + [f"acquired in year {k}" for k in range(1, count)]


def customer_profile(pop: Population, last_step: int, step_months: float) -> pd.DataFrame:
    """The fixed-size table of a finished run's customers (see the module)."""
    ever = np.flatnonzero(pop.channel >= 0)
    if not ever.size:
        return pd.DataFrame(columns=["view", "group", "x", "y", "n"])
    since, lost = pop.customer_since[ever].astype(np.int64), pop.lost_at[ever].astype(np.int64)
    observed = last_step - since                                  # oldest age seen, steps
    kept_to = np.where(lost >= 0, lost - since - 1, observed)     # last age still a customer
    tenure = (kept_to + 1 - (since == 0)).clip(min=0) * step_months
    value = pop.value[ever].astype(float)
    band = np.where(since == 0, 0, 1 + ((since - 1) * step_months // COHORT_MONTHS))
    channel = pop.channel[ever].astype(np.int64)
    views = [("all", np.zeros(ever.size, np.int64), ["all customers"]),
             ("cohort", band.astype(np.int64), cohort_names(int(band.max()) + 1)),
             ("channel", channel, list(CHANNELS))]
    if pop.segment.size:
        views.append(("segment", pop.segment[ever].astype(np.int64), list(SEGMENTS)))
    ages = _whole_month_ages(last_step, step_months)
    frames = [_retention(view, codes, names, observed, kept_to, ages, step_months)
              for view, codes, names in views]
    frames += [_value_rows(value, channel), _loyalty_rows(tenure, value, ever)]
    return pd.concat(frames, ignore_index=True)


def _whole_month_ages(last_step: int, step_months: float) -> np.ndarray:
    """Ages in steps at each whole month since acquisition (every step when steps are
    a month or longer)."""
    months = np.arange(0, last_step * step_months + 1e-9, max(step_months, 1.0))
    return np.unique(np.round(months / step_months).astype(np.int64))


def _retention(view: str, codes: np.ndarray, names: list[str], observed: np.ndarray,
               kept_to: np.ndarray, ages: np.ndarray, step_months: float) -> pd.DataFrame:
    """Per group and age: customers observed that long (n) and the share still there."""
    width = int(observed.max()) + 2
    groups = len(names)
    def at_least(age: np.ndarray) -> np.ndarray:   # per group: how many reach each age
        seen = age >= 0
        counts = np.bincount(codes[seen] * width + age[seen], minlength=groups * width)
        return np.cumsum(counts.reshape(groups, width)[:, ::-1], axis=1)[:, ::-1]
    at_risk, kept = at_least(observed)[:, ages], at_least(kept_to)[:, ages]
    g, a = np.nonzero(at_risk > 0)
    return pd.DataFrame({"view": view, "group": [names[i] for i in g],
                         "x": ages[a] * step_months, "y": kept[g, a] / at_risk[g, a],
                         "n": at_risk[g, a]})


def _value_rows(value: np.ndarray, channel: np.ndarray) -> pd.DataFrame:
    quantiles = pd.DataFrame({"view": "value_quantile", "group": "all", "x": VALUE_QUANTILES,
                              "y": np.quantile(value, VALUE_QUANTILES), "n": value.size})
    counts = np.bincount(channel, minlength=len(CHANNELS))
    sums = np.bincount(channel, weights=value, minlength=len(CHANNELS))
    used = np.flatnonzero(counts)
    channels = pd.DataFrame({"view": "channel_value", "group": [CHANNELS[c] for c in used],
                             "x": 0.0, "y": sums[used] / counts[used], "n": counts[used]})
    return pd.concat([quantiles, channels], ignore_index=True)


def _loyalty_rows(tenure: np.ndarray, value: np.ndarray, ever: np.ndarray) -> pd.DataFrame:
    step = max(ever.size // SAMPLE, 1)
    pick = np.arange(0, ever.size, step)[:SAMPLE]
    varied = tenure.std() > 0 and value.std() > 0
    r = float(np.corrcoef(tenure, value)[0, 1]) if varied else float("nan")
    sample = pd.DataFrame({"view": "loyalty", "group": "all", "x": tenure[pick],
                           "y": value[pick], "n": 1})
    corr = pd.DataFrame({"view": ["loyalty_correlation"], "group": ["all"], "x": [0.0],
                         "y": [r], "n": [ever.size]})
    return pd.concat([sample, corr], ignore_index=True)
