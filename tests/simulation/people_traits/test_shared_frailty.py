"""One frailty on every cause of leaving (the shared-frailty rule): leaving for a soured
attitude and following a friend to a rival are scaled by it, as leaving after an episode
is (`complaints`); with everyone alike nothing changes."""

import numpy as np
import pytest

from simulation import attitude
from simulation import word_of_mouth as wom
from simulation.clock import Clock
from simulation.state import new_population

N = 200_000
FRAIL = (0.25, 4.0)


def two_frailties(n: int):
    """n customers, the even ones frailty 0.25 and the odd ones 4 (mean about 2)."""
    pop = new_population(n, 1.0, 4.0, 0.8, np.random.default_rng(0))
    pop.frailty = np.where(np.arange(n) % 2 == 0, *FRAIL).astype(np.float32)
    return pop


def check_shares(leavers: np.ndarray, chance, n: int) -> None:
    """Each half's share leaving within 4 binomial standard errors of `chance(frailty)`:
    a rule that ignored the frailty (both halves alike) misses by more than 30 of them."""
    for parity, frailty in enumerate(FRAIL):
        expected = chance(frailty)
        share = np.count_nonzero(leavers % 2 == parity) / (n / 2)
        assert share == pytest.approx(expected, abs=4 * np.sqrt(expected * (1 - expected)
                                                                / (n / 2))), frailty


def test_frailty_scales_the_hazard_of_leaving_for_a_soured_attitude(folklore):
    pop = two_frailties(N)
    a = folklore.attitude
    pop.attitude[:] = a.customer_attitude / 2               # half the attitude lost
    clock = Clock.at(1, 1.0)
    leavers = attitude.leavers(pop, np.arange(N), folklore, clock, np.random.default_rng(4))
    hazard = a.attitude_churn_rate * 0.5
    check_shares(leavers, lambda z: -np.expm1(-hazard * z * clock.dt), N)


def test_frailty_scales_each_bad_words_chance_to_follow_a_friend(folklore):
    pop = two_frailties(N)
    heard = np.full(N, 3.0)
    followers = wom.hear(pop, np.zeros(N), heard, folklore, np.random.default_rng(6))
    keep = 1.0 - folklore.wom.follow_friend_prob
    check_shares(followers, lambda z: 1.0 - keep ** (3.0 * z), N)


def test_with_everyone_alike_the_rules_draw_as_before(folklore):
    pop = new_population(N, 1.0, 4.0, 0.8, np.random.default_rng(0))
    heard = np.full(N, 3.0)
    followers = wom.hear(pop, np.zeros(N), heard, folklore, np.random.default_rng(6))
    keep = 1.0 - folklore.wom.follow_friend_prob
    draws = np.random.default_rng(6).random(N)
    np.testing.assert_array_equal(followers, np.flatnonzero(draws < 1.0 - keep ** 3.0))
