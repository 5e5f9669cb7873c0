"""Statistics of paired replications: the t interval against scipy's own."""

import numpy as np
import pytest
from scipy import stats

from experiments.analysis.stats import t_interval


def test_t_interval_matches_scipy():
    values = np.array([3.0, 5.0, 4.0, 8.0, 6.0])
    mean, low, high = t_interval(values)
    expected = stats.t.interval(0.95, 4, loc=values.mean(), scale=stats.sem(values))
    assert mean == 5.2 and (low, high) == pytest.approx(expected)
    assert np.isnan(t_interval(np.array([1.0]))[1])
