"""Statistics of paired replications: the mean difference with its t confidence interval.

Kept apart from the comparison so every analysis (strategies, flip point, lost customer)
states its uncertainty the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

CONFIDENCE = 0.95


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
        return self.low > 0 or self.high < 0


def t_interval(values: np.ndarray, confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """Mean and two-sided t confidence interval (nan bounds for fewer than 2 values)."""
    values = np.asarray(values, float)
    mean = float(values.mean()) if values.size else float("nan")
    if values.size < 2:
        return mean, float("nan"), float("nan")
    half = stats.t.ppf(0.5 + confidence / 2, values.size - 1) * stats.sem(values)
    half = 0.0 if np.isnan(half) else float(half)
    return mean, mean - half, mean + half
