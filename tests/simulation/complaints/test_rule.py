"""Complaints: F6 share who speak up, the queue, F8/F9 stay chances, F12 paradox."""

import numpy as np
import pytest

from simulation import complaints as cx
from simulation.clock import Clock
from simulation.state import ENEMY, new_population


def population(n=50_000, seed=0):
    rng = np.random.default_rng(seed)
    return new_population(n, 1.0, 2.0, 0.8, rng), rng


def test_one_in_25_unhappy_customers_complains_f6(folklore):
    pop, rng = population()
    episodes = np.arange(pop.n)
    complainers, silent, _ = cx.speak_up(episodes, episodes[:0], folklore, rng)
    share = complainers.size / pop.n
    # Binomial(50,000, 0.04): SE 0.00088; tolerance 4 SE
    assert share == pytest.approx(1 / 25, abs=4 * np.sqrt(0.04 * 0.96 / pop.n))
    assert np.intersect1d(complainers, silent).size == 0


def test_follow_up_uncovers_silent_unhappy_customers(folklore):
    params = folklore.replace(followup_discovery=0.5)
    pop, rng = population(20_000)
    episodes = np.arange(pop.n)
    complainers, _, _ = cx.speak_up(episodes, episodes, params, rng)
    expected = 1 - (1 - 0.04) * 0.5
    assert complainers.size / pop.n == pytest.approx(expected, abs=0.015)


def test_queue_serves_oldest_first_up_to_capacity(folklore):
    pop, rng = population(100)
    pop.waiting[:10] = True
    pop.complained_at[:10] = np.arange(10)[::-1]  # person 9 filed first
    result = cx.serve_queue(pop, 3, folklore, Clock.at(11, 1.0), rng)
    assert set(result.done[:3]) == {9, 8, 7}
    assert result.handled == 3


def test_complaints_waiting_too_long_are_abandoned_unresolved(folklore):
    pop, rng = population(100)
    pop.waiting[:5] = True
    pop.complained_at[:5] = 0.0
    result = cx.serve_queue(pop, 0, folklore.replace(give_up_months=3), Clock.at(6, 1.0), rng)
    assert set(result.done) == set(range(5))
    assert (result.outcome == cx.UNRESOLVED).all()
    assert not pop.waiting.any()


def test_waiting_escalates_friendly_to_enemy(folklore):
    pop, rng = population(100)
    pop.waiting[:3] = True
    pop.complained_at[:3] = [9.5, 8.0, 6.0]
    cx.serve_queue(pop, 0, folklore.replace(give_up_months=12), Clock.at(11, 1.0), rng)
    assert list(pop.escalation[:3]) == [1, 3, ENEMY]


def test_quick_handling_counts_as_fast(folklore):
    pop, rng = population(20_000)
    pop.waiting[:] = True
    pop.complained_at[:] = 1.0
    params = folklore.replace(resolution_days=7.0, fast_within_days=7.0, resolution_success=1.0)
    out = cx.serve_queue(pop, pop.n, params, Clock.at(2, 1.0), rng)
    fast = (out.outcome == cx.RESOLVED_FAST).mean()
    assert fast == pytest.approx(1 - np.exp(-1), abs=0.015)  # exponential handling time


def test_stay_chances_follow_f8_and_f9(folklore):
    outcome = np.array([cx.SILENT, cx.UNRESOLVED, cx.RESOLVED, cx.RESOLVED_FAST])
    silent, unresolved, resolved, fast = cx.stay_chances(folklore, outcome, np.zeros(4, bool))
    assert silent < unresolved < resolved < fast  # F8, F9
    assert (resolved, fast) == (0.60, 0.925)


def test_quick_recovery_beats_pre_failure_satisfaction_on_the_survey_f12(folklore):
    pop, rng = population(1000)
    pop.pre_failure[:] = 3.8
    idx = np.arange(1000)
    stays, leavers, _ = cx.close_episodes(pop, idx, np.full(1000, cx.RESOLVED_FAST, np.int8),
                                          folklore.replace(stay_resolved_fast=1.0), rng)
    assert stays.all() and leavers.size == 0
    assert np.all(pop.surveyed() > pop.pre_failure)     # the paradox, on the survey
    assert np.all(pop.satisfaction == pop.pre_failure)  # what behaviour reads


def test_unresolved_complaints_make_angry_customers(folklore):
    pop, rng = population(10)
    idx = np.arange(10)
    cx.close_episodes(pop, idx, np.full(10, cx.UNRESOLVED, np.int8), folklore, rng)
    assert (pop.escalation == 2).all()


def test_leavers_are_blamed_on_product_or_staff(folklore):
    pop, rng = population(10_000)
    pop.product[:5000] = True
    idx = np.arange(10_000)
    _, leavers, causes = cx.close_episodes(pop, idx, np.zeros(10_000, np.int8), folklore, rng)
    from simulation.state import CAUSE
    assert set(causes[leavers < 5000]) == {CAUSE["product_dissatisfaction"]}
    assert set(causes[leavers >= 5000]) == {CAUSE["staff_indifference"]}
    assert leavers.size / 10_000 == pytest.approx(1 - 0.37, abs=0.02)
