"""Churn by cause: competing yearly hazards and the lost-customer record."""

import numpy as np
import pytest

from simulation import churn
from simulation.clock import Clock
from simulation.state import CAUSE, LOST, new_population


def test_life_events_follow_the_hazards(folklore):
    rng = np.random.default_rng(0)
    active = np.arange(1_000_000)
    leaving, causes = churn.life_events(active, None, folklore, Clock.at(1, 1.0), rng)
    hazards = churn.exogenous_hazards(folklore)
    expected = active.size * -np.expm1(-hazards.sum())
    assert abs(leaving.size - expected) < 4 * np.sqrt(expected)
    shares = np.bincount(causes, minlength=7)[[CAUSE[c] for c in churn.EXOGENOUS]] / leaving.size
    np.testing.assert_allclose(shares, hazards / hazards.sum(), atol=0.02)


def test_no_churn_when_switched_off(folklore):
    leaving, _ = churn.life_events(np.arange(1000), None, folklore.replace(churn_enabled=False),
                                   Clock.at(1, 1.0), np.random.default_rng(0))
    assert leaving.size == 0


def test_shorter_steps_give_the_same_yearly_churn(folklore):
    rng = np.random.default_rng(1)
    monthly = 1 - (1 - -np.expm1(-churn.exogenous_hazards(folklore).sum())) ** 12
    remaining = np.arange(400_000)
    for _ in range(52):
        leaving, _ = churn.life_events(remaining, None, folklore, Clock.at(1, 12 / 52), rng)
        remaining = np.setdiff1d(remaining, leaving)
    assert 1 - remaining.size / 400_000 == pytest.approx(monthly, rel=0.05)


def test_mark_lost_records_step_and_cause():
    pop = new_population(10, 1.0, 4.0, 0.8, np.random.default_rng(0))
    churn.mark_lost(pop, np.array([2, 5]), CAUSE["moving"], step=7)
    assert list(np.flatnonzero(pop.status == LOST)) == [2, 5]
    assert pop.lost_at[2] == 7 and pop.lost_cause[5] == CAUSE["moving"]
    assert churn.churn_by_cause(pop)["moving"] == 2
