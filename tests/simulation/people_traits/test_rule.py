"""Latent propensities: drawn from their stated distributions, nothing drawn when everyone
is alike, and each one multiplies its rate at the one place it acts."""

import numpy as np
import pytest

from simulation import CustomerModel, complaints, economics, people_traits
from simulation.churn import exogenous_hazards, life_events
from simulation.clock import Clock
from simulation.parameters.traits import FADER_HARDIE_ALPHA, HETEROGENEOUS
from simulation.state import CAUSE, happening, new_population

SEEDS = (1, 2, 3)
N = 200_000


def test_everyone_alike_draws_nothing_and_keeps_no_arrays(folklore):
    pop = new_population(1000, 0.5, 4.0, 0.8, np.random.default_rng(0))
    rng = np.random.default_rng(5)
    before = rng.bit_generator.state
    people_traits.draw(pop, folklore, rng)
    assert rng.bit_generator.state == before
    assert all(getattr(pop, name).size == 0 for name in people_traits.TRAITS)
    model = CustomerModel(folklore.replace(population=500), rng=3)
    assert all(getattr(model.people, name).size == 0 for name in people_traits.TRAITS)


def test_a_market_whose_customers_differ_carries_one_of_each_per_person(folklore):
    model = CustomerModel(folklore.replace(population=500, **HETEROGENEOUS), rng=3)
    for name in people_traits.TRAITS:
        trait = getattr(model.people, name)
        assert trait.shape == (500,) and trait.dtype == np.float32 and np.ptp(trait) > 0


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("polarization", [0.05, 0.35])
def test_yearly_chance_of_leaving_is_beta_with_the_markets_mean(folklore, seed, polarization):
    hazard = 0.4
    m = people_traits.churn_multipliers(N, hazard, polarization, np.random.default_rng(seed))
    theta = -np.expm1(-hazard * m.astype(float))
    mean = -np.expm1(-hazard)
    variance = polarization * mean * (1 - mean)       # Beta: phi * mu * (1 - mu)
    # the mean within 4 standard errors of a mean of N draws; the variance within 3%
    # (its relative standard error, sqrt((kurtosis - 1) / N), is under 0.4% for these
    # shapes): a mean or spread wrong by a few percent fails, sampling noise does not
    assert theta.mean() == pytest.approx(mean, abs=4 * np.sqrt(variance / N))
    assert theta.var() == pytest.approx(variance, rel=0.03)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("cv", [0.3, 0.76, 2.0])
def test_gamma_multipliers_have_mean_one_and_the_stated_spread(seed, cv):
    g = people_traits.mean_one_gamma(N, cv, np.random.default_rng(seed)).astype(float)
    # the mean within 4 standard errors (cv / sqrt(N)); the sd within 3%, 5 of its
    # standard errors sqrt((kurtosis - 1) / N) / 2 at the most skewed shape (cv 2)
    assert g.mean() == pytest.approx(1.0, abs=4 * cv / np.sqrt(N))
    assert g.std() == pytest.approx(cv, rel=0.03)


def test_talkativeness_multiplies_the_telling_rate():
    people = np.arange(N)
    talk = np.where(people < N // 2, 0.5, 2.0).astype(np.float32)
    told = happening(people, 0.3, 1.0, np.random.default_rng(0), talk)
    quiet, loud = (told < N // 2).sum(), (told >= N // 2).sum()
    for count, factor in ((quiet, 0.5), (loud, 2.0)):
        expected = N / 2 * -np.expm1(-0.3 * factor)
        assert abs(count - expected) < 4 * np.sqrt(expected)


def test_complaint_propensity_multiplies_the_chance_to_speak_up(folklore):
    episodes = np.arange(N)
    propensity = np.where(episodes % 2 == 0, 0.0, 10.0)
    p = folklore.replace(complaint_prob=0.05)
    speak, silent, _ = complaints.speak_up(episodes, episodes[:0], p,
                                           np.random.default_rng(1), propensity=propensity)
    assert np.all(speak % 2 == 1) and speak.size + silent.size == N
    assert abs(speak.size - N / 2 * 0.5) < 4 * np.sqrt(N / 2 * 0.25)


def test_churn_propensity_scales_every_exogenous_hazard_but_not_their_shares(folklore):
    active = np.arange(N)
    propensity = np.where(active < N // 2, 0.0, 20.0)
    leaving, causes = life_events(active, None, folklore, Clock.at(1, 1.0),
                                  np.random.default_rng(2), propensity)
    hazards = exogenous_hazards(folklore)
    expected = N / 2 * -np.expm1(-20.0 * hazards.sum())
    assert leaving.min() >= N // 2 and abs(leaving.size - expected) < 4 * np.sqrt(expected)
    shares = np.bincount(causes, minlength=7)[[CAUSE[c] for c in ("death", "moving",
                                                                   "taste_change",
                                                                   "better_deal")]]
    np.testing.assert_allclose(shares / leaving.size, hazards / hazards.sum(), atol=0.02)


@pytest.mark.parametrize("seed", SEEDS)
def test_frailty_is_the_churn_propensity_over_its_mean(folklore, seed):
    # everyone as drawn: the month-0 base a fresh draw too (`survivors` lowers its frailty)
    params = folklore.replace(population=20_000, **HETEROGENEOUS, base_survived=False)
    pop = CustomerModel(params, rng=seed).people
    mean = pop.churn_propensity.astype(float).mean()
    assert pop.frailty.astype(float).mean() == pytest.approx(1.0, abs=1e-6)
    # float32 rounding; atol for the few propensities that underflow to denormals
    np.testing.assert_allclose(pop.frailty * mean, pop.churn_propensity, rtol=1e-6, atol=1e-30)


def test_frailty_raises_the_chance_to_stay_after_an_episode_to_its_power(folklore):
    n = N // 4
    pop = new_population(n, 1.0, 4.0, 0.8, np.random.default_rng(0))
    pop.frailty = np.where(np.arange(n) % 2 == 0, 0.25, 4.0).astype(np.float32)
    pop.stay_exponent = np.full((2, 4), 0.5)
    outcome = np.full(n, complaints.SILENT, np.int8)
    stays, leavers, _ = complaints.close_episodes(pop, np.arange(n), outcome, folklore,
                                                  np.random.default_rng(3))
    base = complaints.stay_chances(folklore, outcome[:1], pop.serious[:1])[0]
    draws = np.random.default_rng(3).random(n)          # the rule's one draw per episode
    np.testing.assert_array_equal(stays, draws < base ** (pop.frailty * 0.5))
    for parity, frailty in ((0, 0.25), (1, 4.0)):
        mine = np.arange(n) % 2 == parity
        expected = base ** (frailty * 0.5)
        # a binomial share of n / 2 episodes, within 4 standard errors
        assert stays[mine].mean() == pytest.approx(
            expected, abs=4 * np.sqrt(expected * (1 - expected) / mine.sum()))


@pytest.mark.parametrize("seed", SEEDS)
def test_on_average_over_the_people_each_outcome_keeps_its_share(folklore, seed):
    # over the people as drawn (newcomers); a month-0 base of survivors keeps more
    params = folklore.replace(population=50_000, **HETEROGENEOUS, base_survived=False)
    pop = CustomerModel(params, rng=seed).people
    table = complaints.stay_table(params)
    z = pop.frailty.astype(float)
    kept = (table[..., None] ** (z * pop.stay_exponent[..., None])).mean(axis=-1)
    # the exponents are solved on these people: the average matches the table to the
    # bisection's precision, and the prone leave more (exponents above 1 for s < 1)
    np.testing.assert_allclose(kept, table, atol=1e-6)
    assert np.all(pop.stay_exponent[table < 1] > 1.0)


@pytest.mark.parametrize("preset", ["folklore", "evidence"])
def test_the_cited_polarization_keeps_fader_and_hardies_shape(preset):
    from simulation import Params
    hazard = people_traits.yearly_exogenous_hazard(Params.preset(preset))
    alpha, _ = people_traits.beta_shape(-np.expm1(-hazard), HETEROGENEOUS["churn_polarization"])
    low, high = FADER_HARDIE_ALPHA
    assert low - 0.02 <= alpha <= high + 0.02, alpha   # 0.063 is rounded to 3 places
    assert people_traits.beta_shape(-np.expm1(-hazard), people_traits.polarization_for_shape(
        0.7, hazard))[0] == pytest.approx(0.7)


def test_everyone_alike_keeps_the_outcomes_chance_to_stay(folklore):
    pop = new_population(1000, 1.0, 4.0, 0.8, np.random.default_rng(0))
    outcome = np.arange(1000, dtype=np.int8) % 4
    chances = complaints.stay_chances_of(pop, np.arange(1000), outcome, folklore)
    np.testing.assert_array_equal(
        chances, complaints.stay_chances(folklore, outcome, pop.serious))


def test_spend_multiplies_revenue_and_value(folklore):
    pop = new_population(4, 1.0, 3.0, 0.8, np.random.default_rng(0))
    pop.spend = np.array([0.0, 1.0, 2.0, 3.0], np.float32)
    acc = economics.settle_accounts(pop, np.arange(4), enrolled=0, handled=0, referred=0,
                                    paid_spend=0.0, params=folklore, clock=Clock.at(1, 1.0))
    assert acc.revenue == pytest.approx(6 * folklore.economics.revenue_per_month)
    np.testing.assert_allclose(pop.value / pop.value[1], [0, 1, 2, 3], rtol=1e-6)


def test_the_referred_take_after_their_referrers_by_the_likeness():
    n = N // 2
    pop = new_population(2 * n, 0.5, 4.0, 0.8, np.random.default_rng(0))
    rng = np.random.default_rng(1)
    for name in people_traits.TRAITS:
        setattr(pop, name, np.arange(2 * n, dtype=np.float32))
    referred, referrers = np.arange(n, 2 * n), np.arange(n)
    people_traits.take_after(pop, referred, referrers, 0.25, np.random.default_rng(7))
    copied = np.random.default_rng(7).random(n) < 0.25      # the rule's one draw each
    for name in people_traits.TRAITS:      # all propensities together: like or not
        trait = getattr(pop, name)
        np.testing.assert_array_equal(trait[referred], np.where(copied, referrers, referred))
    # a copy, not an average: the share alike is binomial at the likeness (4 SE)
    assert copied.mean() == pytest.approx(0.25, abs=4 * np.sqrt(0.25 * 0.75 / n))
    before = rng.bit_generator.state
    people_traits.take_after(pop, referred, referrers, 0.0, rng)
    assert rng.bit_generator.state == before


def test_a_referred_customer_like_their_referrer_takes_their_segment_too(folklore):
    params = folklore.replace(population=2000, **HETEROGENEOUS, consumer_share=0.5,
                              business_share=0.5, business_revenue=4.0,
                              followup_segment="business")
    pop = CustomerModel(params, rng=3).people
    referrers, referred = np.arange(0, 1000), np.arange(1000, 2000)
    people_traits.take_after(pop, referred, referrers, 0.5, np.random.default_rng(9))
    copied = np.random.default_rng(9).random(1000) < 0.5
    like = referred[copied]
    np.testing.assert_array_equal(pop.segment[like], pop.segment[referrers[copied]])
    np.testing.assert_array_equal(pop.targeted["followup"], pop.segment == 1)
    np.testing.assert_array_equal(pop.spend[like], pop.spend[referrers[copied]])


def test_copying_keeps_the_spread_of_the_propensities(folklore):
    pop = CustomerModel(folklore.replace(population=N, **HETEROGENEOUS), rng=4).people
    rng = np.random.default_rng(5)
    referred = rng.permutation(N)[: N // 2]
    referrers = rng.integers(0, N, referred.size)
    before = pop.frailty[referred].astype(float).std()
    people_traits.take_after(pop, referred, referrers, 0.5, rng)
    # referrers drawn at random from the same people: the spread stays (within 3%, the
    # sampling error of a standard deviation of 100,000 heavy-tailed draws is about 1%)
    assert pop.frailty[referred].astype(float).std() == pytest.approx(before, rel=0.03)


def test_new_customers_expect_less_by_their_fit(folklore):
    pop = new_population(3, 0.0, 4.0, 0.8, np.random.default_rng(0))
    pop.fit = np.array([0.1, -0.1, 0.0], np.float32)
    people_traits.expect_by_fit(pop, np.arange(3))
    np.testing.assert_allclose(pop.expectation, [0.7, 0.9, 0.8], rtol=1e-6)



def test_a_market_whose_customers_differ_is_reproducible_for_a_seed(folklore):
    params = folklore.replace(population=800, **HETEROGENEOUS)
    runs = [CustomerModel(params, rng=seed).run(6).timeseries for seed in (4, 4, 5)]
    assert runs[0].equals(runs[1]) and not runs[0].equals(runs[2])
