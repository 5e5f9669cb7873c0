"""The month-0 base as survivors: its chances of leaving are the sBG posterior after a
steady-state tenure (Fader & Hardie 2007), so an existing base leaves less than a new
cohort; newcomers keep the drawn distribution, and nothing changes when everyone is
alike."""

import numpy as np
import pytest
from scipy.special import betaln, digamma

from simulation import CustomerModel, people_traits
from simulation.parameters.traits import HETEROGENEOUS
from simulation.people_traits.cohorts import cohort_counts, yearly_retention
from simulation.state import ACTIVE, new_population

SEEDS = (21, 22, 23)
NODES, WEIGHTS = np.polynomial.laguerre.laggauss(80)   # E over Lambda ~ Exp(1)


def survivors_survival(alpha: float, beta: float, years_per_hazard: float,
                       years: int) -> np.ndarray:
    """Share of a survivor base still customers after years 1..`years`:
    E[B(alpha, beta + tau + t) / B(alpha, beta + tau)], tau = Lambda x years_per_hazard."""
    tau = NODES[:, None] * years_per_hazard
    t = np.arange(1, years + 1)[None, :]
    return WEIGHTS @ np.exp(betaln(alpha, beta + tau + t) - betaln(alpha, beta + tau))


def survivors_mean_multiplier(alpha: float, beta: float, years_per_hazard: float) -> float:
    """E[-log(1 - theta)] over the survivor base (Beta: digamma(a + b) - digamma(b))."""
    tau = NODES * years_per_hazard
    return float(WEIGHTS @ (digamma(alpha + beta + tau) - digamma(beta + tau)))


def test_everyone_alike_draws_the_same_with_or_without_survivors(folklore):
    pops = []
    for survived in (True, False):
        pop = new_population(2000, 0.5, 4.0, 0.8, np.random.default_rng(0))
        rng = np.random.default_rng(5)
        people_traits.draw(pop, folklore.replace(base_survived=survived), rng)
        pops.append((pop, rng.bit_generator.state))
    assert pops[0][1] == pops[1][1]
    assert all(getattr(pops[0][0], name).size == 0 for name in people_traits.TRAITS)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_base_leaves_less_than_newcomers_as_the_posterior_predicts(folklore, seed):
    params = folklore.replace(**HETEROGENEOUS)
    pop = new_population(200_000, 0.5, 4.0, 0.8, np.random.default_rng(seed))
    people_traits.draw(pop, params, np.random.default_rng(seed + 100))
    hazard = people_traits.yearly_exogenous_hazard(params)
    alpha, beta = people_traits.beta_shape(-np.expm1(-hazard),
                                           HETEROGENEOUS["churn_polarization"])
    base = pop.status == ACTIVE
    m = pop.churn_propensity.astype(float) * hazard         # -log(1 - theta) a year
    drawn_mean = digamma(alpha + beta) - digamma(beta)
    # the frailty scale is the mean as drawn: newcomers' frailty averages 1 and the base's
    # -log(1 - theta) averages the posterior's mean; each within 4 standard errors of a
    # mean of its people (the spread measured on them)
    scale = float(np.median(pop.churn_propensity[~base] / pop.frailty[~base])) * hazard
    predicted = survivors_mean_multiplier(alpha, beta, 1.0 / scale)
    for group, expected in ((~base, drawn_mean), (base, predicted)):
        se = m[group].std() / np.sqrt(group.sum())
        assert m[group].mean() == pytest.approx(expected, abs=4 * se), group.sum()
    # and the base is clearly more loyal: its mean hazard under 3/4 of the newcomers'
    assert predicted < 0.75 * drawn_mean


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("alpha, beta", [(0.704, 1.182), (3.8, 15.2)],
                         ids=["fader_hardie_regular", "textbook_cohort"])
def test_a_survivor_base_keeps_the_retention_its_posterior_predicts(folklore, seed,
                                                                     alpha, beta):
    mean = alpha / (alpha + beta)
    params = folklore.replace(population=40_000, kind="random", mean_degree=4,
                              initial_customer_share=1.0, service_enabled=False,
                              attitude_enabled=False, death_rate=0.0, moving_rate=0.0,
                              taste_change_rate=0.0, better_deal_rate=float(-np.log1p(-mean)),
                              churn_polarization=1 / (alpha + beta + 1))
    model = CustomerModel(params, rng=seed).run(48)
    pop, hazard = model.people, float(-np.log1p(-mean))
    scale = float(np.median(pop.churn_propensity / pop.frailty)) * hazard
    survival = survivors_survival(alpha, beta, 1.0 / scale, 4)
    predicted = survival / np.concatenate([[1.0], survival[:-1]])
    counts = cohort_counts(pop, 0, 12, 4)
    retention = yearly_retention(counts)
    # 5 binomial standard errors of each year's survivors, as for a fresh cohort
    # (tests/simulation/people_traits/test_cohorts.py); a fresh cohort's first year
    # (0.627 and 0.800) lies 10 or more of them below the base's
    se = np.sqrt(predicted * (1 - predicted) / counts[:-1])
    assert np.all(np.abs(retention - predicted) < 5 * se), (retention, predicted)
    assert predicted[0] - (1 - mean) > 10 * se[0]
