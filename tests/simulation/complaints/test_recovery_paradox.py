"""The recovery paradox on satisfaction only (de Matos, Henrique & Rossi 2007): a quick
recovery lifts the satisfaction a survey reads above its pre-failure level, while word of
mouth, spending and staying see no more than the pre-failure level."""

import numpy as np

from simulation import CustomerModel
from simulation.complaints import RESOLVED, RESOLVED_FAST, SILENT, close_episodes
from simulation.state import new_population

BEHAVIOUR = ("customers", "positive_tellers", "positive_messages", "negative_messages",
             "revenue", "profit", "enemies", "rejecters")


def test_a_quick_recovery_restores_behaviour_and_lifts_the_survey(folklore):
    pop = new_population(6, 1.0, 4.0, 0.8, np.random.default_rng(0))
    pop.pre_failure[:] = [3.2, 3.2, 3.2, 4.8, 3.2, 3.2]
    pop.satisfaction[:] = 2.0
    idx = np.arange(6)
    outcome = np.array([RESOLVED_FAST, RESOLVED, SILENT, RESOLVED_FAST, RESOLVED_FAST,
                        RESOLVED_FAST], np.int8)
    p = folklore.replace(stay_resolved_fast=1.0, stay_resolved=1.0, stay_silent=1.0)
    close_episodes(pop, idx, outcome, p, np.random.default_rng(1))
    fast = outcome == RESOLVED_FAST
    assert np.allclose(pop.satisfaction[fast], pop.pre_failure[fast])   # behaviour's level
    assert np.allclose(pop.surveyed()[[0, 4, 5]], 3.7) and np.isclose(pop.surveyed()[3], 5.0)
    assert pop.satisfaction[1] == np.float32(2.6) and pop.satisfaction[2] == 2.0


def test_the_paradox_changes_the_survey_and_nothing_customers_do(small):
    """Same seed, bonus 0 against 0.5 in a market where many complaints close quickly:
    every behavioural count is identical, the surveyed satisfaction is higher."""
    quick = small.replace(resolution_days=1.0, capacity_per_1000=1000.0)
    plain = CustomerModel(quick.replace(recovery_paradox_bonus=0.0), rng=7).run(36)
    lifted = CustomerModel(quick.replace(recovery_paradox_bonus=0.5), rng=7).run(36)
    a, b = plain.timeseries, lifted.timeseries
    assert a["handled"].sum() > 0   # complaints were resolved
    for column in BEHAVIOUR:
        assert a[column].equals(b[column]), column
    assert (b["satisfaction_mean"].iloc[1:] >= a["satisfaction_mean"].iloc[1:]).all()
    assert b["satisfaction_mean"].iloc[-1] > a["satisfaction_mean"].iloc[-1]
