"""Statistics of paired replications: the t interval against scipy's own, and the two
noise rules (a CI clear of zero; validation's two standard errors) as the one decision."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.analysis.stats import beyond_two_se, t_interval, two_se_bound, two_se_verdict
from experiments.cli.sweep import format_drivers


def test_t_interval_matches_scipy():
    values = np.array([3.0, 5.0, 4.0, 8.0, 6.0])
    mean, low, high = t_interval(values)
    expected = stats.t.interval(0.95, 4, loc=values.mean(), scale=stats.sem(values))
    assert mean == 5.2 and (low, high) == pytest.approx(expected)
    assert np.isnan(t_interval(np.array([1.0]))[1])


@pytest.mark.parametrize("mean, se, null, beyond", [(2.1, 1.0, 0.0, True),
                                                     (1.9, 1.0, 0.0, False),
                                                     (-2.1, 1.0, 0.0, True),
                                                     (2.9, 1.0, 1.0, False),
                                                     (3.5, 1.0, 1.0, True),
                                                     (5.0, math.nan, 0.0, False)])
def test_validation_grades_a_direction_by_two_standard_errors(mean, se, null, beyond):
    assert beyond_two_se(mean, se, null) is beyond
    assert two_se_verdict(mean, se, null) == ("outside noise (> 2 SE)" if beyond
                                              else "within noise")
    if not math.isnan(se):
        assert (mean >= two_se_bound(se, null)) == (beyond and mean > null)


def test_a_driver_is_ranked_clear_only_when_its_interval_is_above_zero():
    table = pd.DataFrame({"parameter": ["cac", "resolution_days", "paid_budget"],
                          "index": [0.5, 0.05, -0.3], "conf": [0.1, 0.1, 0.1]})
    text = format_drivers("sobol", "baseline", {"profit_npv": table})
    ranked = text.splitlines()[1].split(", ")
    assert "(within noise)" not in ranked[0]
    assert ranked[1].endswith("0.05 (within noise)")
    assert ranked[2].endswith("0.00 (within noise)")     # a negative index is no driver
    assert "alone or with others" in text.splitlines()[0]
