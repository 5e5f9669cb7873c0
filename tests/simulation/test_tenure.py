"""Tenure options: duration dependence makes a cohort follow the discrete-Weibull curve
(retention rising with tenure for c < 1, falling for c > 1); a loyalty buffer keeps more
of a cohort through complaints the longer they have been customers. Both off by default
(nothing drawn: the regression references hold)."""

import numpy as np
import pytest

from simulation import CustomerModel
from simulation.clock import Clock
from simulation.people_traits.cohorts import cohort_counts, yearly_retention
from simulation.tenure import duration_factor, hazard_scale

SEEDS = (21, 22, 23)
PEOPLE, YEARS, YEARLY = 20_000, 4, 0.2


def test_the_step_factors_add_up_to_the_weibull_cumulative_hazard():
    step = 1 / 12
    years = np.arange(48) * step
    for shape in (0.5, 1.0, 1.7):
        cumulative = np.cumsum(duration_factor(years, step, shape) * step)
        np.testing.assert_allclose(cumulative, (years + step) ** shape, rtol=1e-12)


def test_off_by_default_the_propensity_passes_through_untouched(folklore):
    model = CustomerModel(folklore.replace(population=200), rng=1)
    active, own = model.active(), np.ones(model.active().size)
    clock = Clock.at(5, model.dt)
    assert hazard_scale(model.people, active, model.params, clock, own) is own
    assert hazard_scale(model.people, active, model.params, clock, None) is None


def exogenous_cohort(folklore, **tenure):
    """Everyone a customer at month 0, leaving only for one exogenous cause at a yearly
    chance of 0.2 (no service, attitude or newcomers)."""
    return folklore.replace(population=PEOPLE, kind="random", mean_degree=4,
                            initial_customer_share=1.0, service_enabled=False,
                            attitude_enabled=False, death_rate=0.0, moving_rate=0.0,
                            taste_change_rate=0.0, better_deal_rate=float(-np.log1p(-YEARLY)),
                            **tenure)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("shape", [0.5, 1.6])
def test_duration_dependence_bends_cohort_retention_as_the_closed_form_says(folklore,
                                                                            seed, shape):
    model = CustomerModel(exogenous_cohort(folklore, duration_shape=shape), rng=seed)
    counts = cohort_counts(model.run(12 * YEARS).people, 0, 12, YEARS)
    retention = yearly_retention(counts)
    t = np.arange(1, YEARS + 1)
    hazard = -np.log1p(-YEARLY)
    predicted = np.exp(-hazard * (t ** shape - (t - 1) ** shape))
    # 5 binomial standard errors per year (4 years x 3 seeds x 2 shapes compared); the
    # predicted change from year 1 to 4 is 9 (c = 0.5) and 10 (c = 1.6) such errors
    se = np.sqrt(predicted * (1 - predicted) / counts[:-1])
    assert np.all(np.abs(retention - predicted) < 5 * se), (retention, predicted)
    rising = retention[-1] - retention[0]
    assert (rising > 0) if shape < 1 else (rising < 0)


def complaint_cohort(folklore, buffer):
    return folklore.replace(population=5000, initial_customer_share=1.0,
                            loyalty_buffer=buffer, advertising_rate=0.0)


def test_a_loyalty_buffer_keeps_more_of_a_cohort_through_complaints(folklore):
    kept = []
    for seed in SEEDS:
        share = []
        for buffer in (0.0, 1.0):
            pop = CustomerModel(complaint_cohort(folklore, buffer), rng=seed).run(36).people
            share.append(cohort_counts(pop, 0, 12, 3)[1:] / pop.n)
        kept.append(share[1] - share[0])
    kept = np.array(kept)
    # paired seeds; every year's survivors gain, and the gain grows with tenure (the
    # cushion is 1 - exp(-buffer x years)): beyond 3 binomial errors of 5,000 (0.02)
    assert np.all(kept > 0), kept
    assert np.all(kept[:, -1] > kept[:, 0]) and kept[:, -1].min() > 0.02, kept
