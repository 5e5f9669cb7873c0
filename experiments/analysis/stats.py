"""Statistics of replications: the mean with its t confidence interval (or its standard
error), and the one test of whether an interval is clear of zero with its verdict in words.
Validation grades a published direction by a second, named rule: a mean more than two
standard errors from its null value (`beyond_two_se`, worded by `two_se_verdict`).

Kept apart from the comparison so every analysis (strategies, flip point, lost customer,
sweeps, plans, validation) states its uncertainty, and words it, the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

CONFIDENCE = 0.95
WITHIN_NOISE, HIGHER, LOWER = "within noise", "clearly higher", "clearly lower"
NOISE_SE = 2.0          # validation's noise band: this many standard errors either side
BEYOND_TWO_SE = "outside noise (> 2 SE)"


def clear_of_zero(low: float, high: float) -> bool:
    """Whether an interval of a difference (or an effect) lies wholly on one side of zero."""
    return bool(low > 0 or high < 0)


def verdict(low: float, high: float) -> str:
    """'clearly higher', 'clearly lower' or 'within noise', from a 95% CI of a difference."""
    if not clear_of_zero(low, high):
        return WITHIN_NOISE
    return HIGHER if low > 0 else LOWER


def beyond_two_se(mean: float, se: float, null: float = 0.0) -> bool:
    """Validation's rule: `mean` lies more than NOISE_SE standard errors from `null`."""
    return bool(abs(mean - null) > NOISE_SE * se)


def two_se_bound(se: float, null: float = 0.0) -> float:
    """The value a measured mean must reach to lie NOISE_SE standard errors above `null`."""
    return null + NOISE_SE * se


def two_se_verdict(mean: float, se: float, null: float = 0.0) -> str:
    """'within noise' or 'outside noise (> 2 SE)' of `null`, by `beyond_two_se`."""
    return BEYOND_TWO_SE if beyond_two_se(mean, se, null) else WITHIN_NOISE


@dataclass(frozen=True)
class Difference:
    """Paired difference a - b over replications: mean, 95% CI, share a wins."""

    a: str
    b: str
    mean: float
    low: float
    high: float
    n: int
    a_wins: float

    @property
    def significant(self) -> bool:
        return clear_of_zero(self.low, self.high)

    @property
    def verdict(self) -> str:
        return verdict(self.low, self.high)


def t_interval(values: np.ndarray, confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """Mean and two-sided t confidence interval (nan bounds for fewer than 2 values)."""
    values = np.asarray(values, float)
    mean = float(values.mean()) if values.size else float("nan")
    if values.size < 2:
        return mean, float("nan"), float("nan")
    half = stats.t.ppf(0.5 + confidence / 2, values.size - 1) * stats.sem(values)
    half = 0.0 if np.isnan(half) else float(half)
    return mean, mean - half, mean + half


def mean_se(values) -> tuple[float, float]:
    """Mean and its standard error over independent replications (nan with one value)."""
    v = np.asarray(values, float)
    se = float(v.std(ddof=1) / np.sqrt(v.size)) if v.size > 1 else float("nan")
    return float(v.mean()), se
