"""Acquisition: advertising, referrals and paid customers; attitude scales them all."""

import numpy as np
import pytest

from simulation import acquisition
from simulation.clock import Clock
from simulation.state import ACTIVE, CHANNEL, PROSPECT, new_population


def prospects(n=100_000, seed=0):
    rng = np.random.default_rng(seed)
    return new_population(n, 0.0, 4.0, 0.8, rng), rng


def test_paid_budget_buys_budget_over_cac_customers(folklore):
    pop, rng = prospects()
    params = folklore.replace(paid_budget=20_000, cac=100, advertising_rate=0.0)
    new = acquisition.acquire(pop, np.zeros(pop.n), params, Clock.at(1, 1.0), rng)
    assert new.paid.size == pytest.approx(200, abs=4 * np.sqrt(200))
    assert new.paid_spend == 20_000
    assert (pop.channel[new.paid] == CHANNEL["paid"]).all()
    assert (pop.status[new.paid] == ACTIVE).all()


def test_rejecters_refuse_every_channel(folklore):
    pop, rng = prospects()
    pop.rejecter[:] = True
    params = folklore.replace(paid_budget=20_000, cac=100)
    new = acquisition.acquire(pop, np.ones(pop.n) * 5, params, Clock.at(1, 1.0), rng)
    assert new.paid.size + new.advertising.size + new.referral.size == 0


def test_soured_prospects_adopt_in_proportion_to_their_attitude(folklore):
    pop, rng = prospects()
    base = folklore.attitude.prospect_attitude
    pop.attitude[:] = base / 4
    params = folklore.replace(paid_budget=0.0, advertising_rate=0.03)
    new = acquisition.acquire(pop, np.zeros(pop.n), params, Clock.at(1, 1.0), rng)
    expected = pop.n * -np.expm1(-0.03) / 4
    assert abs(new.advertising.size - expected) < 4 * np.sqrt(expected)


def test_advertising_follows_bass_p_per_step(folklore):
    pop, rng = prospects()
    params = folklore.replace(advertising_rate=0.03, paid_budget=0.0)
    new = acquisition.acquire(pop, np.zeros(pop.n), params, Clock.at(1, 1.0), rng)
    expected = pop.n * -np.expm1(-0.03)
    assert abs(new.advertising.size - expected) < 4 * np.sqrt(expected)


def test_each_positive_message_converts_at_the_referral_rate(folklore):
    pop, rng = prospects()
    params = folklore.replace(advertising_rate=0.0, paid_budget=0.0, referral_conversion=0.1)
    exposure = np.zeros(pop.n)
    exposure[:50_000] = 2
    new = acquisition.acquire(pop, exposure, params, Clock.at(1, 1.0), rng)
    assert new.referral.max() < 50_000
    assert new.referral.size / 50_000 == pytest.approx(1 - 0.9 ** 2, abs=0.01)
    assert (pop.status[50_000:] == PROSPECT).all()


def test_referral_reward_raises_conversion(folklore):
    rewarded = folklore.replace(referral_reward=folklore.acquisition.cac)
    assert acquisition.referral_conversion(rewarded) == pytest.approx(
        folklore.wom.referral_conversion * (1 + folklore.policy.referral_reward_uplift))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_skipping_finds_the_entries_left_once_the_taken_are_removed(seed):
    rng = np.random.default_rng(seed)
    taken = np.flatnonzero(rng.random(5_000) < rng.uniform(0.01, 0.9))
    left = np.setdiff1d(np.arange(5_000), taken)
    rank = rng.integers(0, left.size, 300)
    np.testing.assert_array_equal(acquisition.skipping(rank, taken), left[rank])
    np.testing.assert_array_equal(acquisition.skipping(rank, taken[:0]), rank)
