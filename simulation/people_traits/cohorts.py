"""Cohort retention: what a market's people arrays show, and what the shifted-beta-geometric
model (Fader & Hardie 2007) predicts for Beta-distributed chances of leaving.

With each customer's chance of leaving per year theta ~ Beta(alpha, beta), the share of
a cohort still customers after t years is B(alpha, beta + t) / B(alpha, beta), and the
retention of year t (survivors of year t among those of year t - 1) is
(beta + t - 1) / (alpha + beta + t - 1): rising with tenure although nobody's own
chance changes.
"""

from __future__ import annotations

import numpy as np

from simulation.state import CHANNEL, LOST, Population


def sbg_retention(alpha: float, beta: float, years: int) -> np.ndarray:
    """Retention of years 1..`years` under the shifted-beta-geometric model."""
    t = np.arange(1, years + 1)
    return (beta + t - 1) / (alpha + beta + t - 1)


def sbg_survival(alpha: float, beta: float, years: int) -> np.ndarray:
    """Share of the cohort still customers at the end of years 1..`years`."""
    return np.cumprod(sbg_retention(alpha, beta, years))


def cohort_counts(pop: Population, joined_step: int, steps_per_year: int,
                  years: int) -> np.ndarray:
    """Customers who joined at `joined_step` and were still customers at the start and at
    the end of each year 0..`years` after it (a customer lost at step s left during step
    s, so counts as gone from its end)."""
    cohort = pop.customer_since == joined_step
    left = np.where(pop.status[cohort] == LOST, pop.lost_at[cohort], np.iinfo(np.int32).max)
    ends = joined_step + steps_per_year * np.arange(years + 1)
    return np.array([(left > end).sum() if k else cohort.sum() for k, end in enumerate(ends)])


def yearly_retention(counts: np.ndarray) -> np.ndarray:
    """Retention of each year from the cohort's counts at the start of years 0, 1, ..."""
    counts = np.asarray(counts, float)
    return counts[1:] / counts[:-1]


def channel_gap(pop: Population, now_step: int, window: int, channels=("referral", "paid")
                ) -> tuple[float, float]:
    """Referred against paid customers (or any two channels) who joined at least `window`
    steps ago: the ratio of their mean value so far and of the shares still customers
    `window` steps after joining (Schmitt, Skiera & Van den Bulte 2011 compare the two)."""
    joined = (pop.customer_since >= 1) & (pop.customer_since <= now_step - window)
    value, kept = [], []
    for name in channels:
        won = joined & (pop.channel == CHANNEL[name])
        gone = won & (pop.status == LOST) & (pop.lost_at - pop.customer_since <= window)
        value.append(float(pop.value[won].mean()))
        kept.append(1.0 - gone.sum() / won.sum())
    return value[0] / value[1], kept[0] / kept[1]


def loyalty_profit_correlation(pop: Population, now_step: int, joined_by: int) -> float:
    """Correlation between loyalty (steps as a customer, to leaving or to now) and value
    (discounted margin earned) over customers won from step 1 to `joined_by` (Reinartz &
    Kumar 2002 found 0.20-0.45 across four firms)."""
    won = (pop.customer_since >= 1) & (pop.customer_since <= joined_by)
    until = np.where(pop.status[won] == LOST, pop.lost_at[won], now_step)
    tenure = (until - pop.customer_since[won]).astype(float)
    return float(np.corrcoef(tenure, pop.value[won].astype(float))[0, 1])
