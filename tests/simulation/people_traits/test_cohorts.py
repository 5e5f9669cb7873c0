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
    """Everyone a customer at month 0, a cohort fresh from acquisition (not a base of
    survivors); nobody leaves but for the causes the churn propensity scales (no service,
    no attitude, no newcomers), at a yearly chance `mean`."""
    return folklore.replace(population=PEOPLE, kind="random", mean_degree=4,
                            base_survived=False,
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


def hand_made_market():
    """Six customers won at step 1: three referred, three paid; step 30 is now."""
    from simulation.state import CHANNEL, LOST, new_population
    pop = new_population(6, 1.0, 4.0, 0.8, np.random.default_rng(0))
    pop.customer_since[:] = 1
    pop.channel[:] = [CHANNEL["referral"]] * 3 + [CHANNEL["paid"]] * 3
    pop.status[[2, 4, 5]] = LOST
    pop.lost_at[[2, 4, 5]] = [20, 5, 28]        # within 24 steps of joining: 2 and 4
    pop.value[:] = [30.0, 30.0, 20.0, 30.0, 5.0, 25.0]
    return pop


def test_cohort_counts_follow_who_was_still_a_customer_at_each_year_end():
    pop = hand_made_market()
    np.testing.assert_array_equal(cohort_counts(pop, 1, 12, 2), [6, 5, 4])
    np.testing.assert_allclose(yearly_retention([6, 5, 4]), [5 / 6, 4 / 5])


def test_channel_gap_compares_value_and_retention_of_two_channels():
    from simulation.people_traits.cohorts import channel_gap
    value, kept = channel_gap(hand_made_market(), 30, 24)
    assert value == pytest.approx((80 / 3) / 20) and kept == pytest.approx((2 / 3) / (2 / 3))


def test_loyalty_profit_correlation_is_the_pearson_r_of_tenure_and_value():
    from simulation.people_traits.cohorts import loyalty_profit_correlation
    pop = hand_made_market()
    tenure = np.array([29, 29, 19, 29, 4, 27], float)
    r = np.corrcoef(tenure, pop.value)[0, 1]
    assert loyalty_profit_correlation(pop, 30, 1) == pytest.approx(r)
