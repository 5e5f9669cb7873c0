"""Sorting without a tenure rule: in a market whose customers' chances of leaving are
Beta-distributed, a cohort's retention rises year by year as the shifted-beta-geometric
closed form predicts (Fader & Hardie 2007); with everyone alike it stays flat."""

import numpy as np
import pytest

from simulation import CustomerModel
from simulation.people_traits import beta_shape
from simulation.people_traits.cohorts import (
    cohort_counts,
    sbg_retention,
    sbg_survival,
    yearly_retention,
)

SEEDS = (11, 12, 13)
PEOPLE, YEARS = 40_000, 4


def test_the_closed_form_reproduces_the_textbook_cohort():
    # 10,000 -> 8,000 -> 6,480 -> 5,307 -> 4,391 (Fader & Hardie): alpha 3.8, beta 15.2
    np.testing.assert_allclose(10_000 * sbg_survival(3.8, 15.2, 4), [8000, 6480, 5307, 4391],
                               atol=0.5)
    assert beta_shape(0.2, 1 / 20) == pytest.approx((3.8, 15.2))


def only_exogenous_churn(folklore, mean: float, polarization: float):
    """Everyone a customer at month 0; nobody leaves but for the causes the churn
    propensity scales (no service, no attitude, no newcomers), at a yearly chance `mean`."""
    return folklore.replace(population=PEOPLE, kind="random", mean_degree=4,
                            initial_customer_share=1.0, service_enabled=False,
                            attitude_enabled=False, death_rate=0.0, moving_rate=0.0,
                            taste_change_rate=0.0, better_deal_rate=float(-np.log1p(-mean)),
                            churn_polarization=polarization)


def measured_retention(params, seed):
    model = CustomerModel(params, rng=seed).run(12 * YEARS)
    counts = cohort_counts(model.people, 0, 12, YEARS)
    return yearly_retention(counts), counts


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha, beta", [(0.704, 1.182), (3.8, 15.2)],
                         ids=["fader_hardie_regular", "textbook_cohort"])
def test_cohort_retention_rises_as_the_sbg_closed_form_predicts(folklore, seed, alpha, beta):
    params = only_exogenous_churn(folklore, alpha / (alpha + beta), 1 / (alpha + beta + 1))
    retention, counts = measured_retention(params, seed)
    predicted = sbg_retention(alpha, beta, YEARS)
    # Tolerance: 5 binomial standard errors of each year's survivors among the previous
    # year's; the finite cohort's own draw of chances adds up to about as much again, and
    # 4 years x 3 seeds are compared, so 5 keeps false alarms rare while a flat curve
    # (the textbook cohort rises 2.7 points in 3 years, 8 standard errors) fails.
    se = np.sqrt(predicted * (1 - predicted) / counts[:-1])
    assert np.all(np.abs(retention - predicted) < 5 * se), (retention, predicted)
    assert retention[-1] - retention[0] > 5 * np.hypot(se[0], se[-1])


@pytest.mark.parametrize("seed", SEEDS)
def test_with_everyone_alike_cohort_retention_stays_flat(folklore, seed):
    retention, counts = measured_retention(only_exogenous_churn(folklore, 0.2, 0.0), seed)
    se = np.sqrt(0.8 * 0.2 / counts[:-1])   # binomial, as above; no spread of chances
    assert np.all(np.abs(retention - 0.8) < 4 * se), retention
