"""Service encounters: RATER quality, failures (F7) and disconfirmation."""

import numpy as np
import pytest

from simulation import service
from simulation.clock import Clock
from simulation.service.kernels import encounter_score
from simulation.state import UNHAPPY_BELOW, new_population


def market(params, n=20_000, seed=0):
    rng = np.random.default_rng(seed)
    pop = new_population(n, 1.0, 4.0, service.rater_score(params), rng)
    return pop, np.arange(n), rng


def test_rater_score_weights_what_customers_value(folklore):
    better_reliability = folklore.replace(reliability=0.9)
    better_tangibles = folklore.replace(tangibles=0.9)
    assert service.rater_score(better_reliability) > service.rater_score(better_tangibles)


def test_reliability_lowers_the_failure_rate(folklore):
    assert service.failure_prob(folklore.replace(reliability=0.95)) < service.failure_prob(folklore)
    assert service.failure_prob(folklore.replace(reliability=1.0)) == 0.0


def test_meeting_expectations_satisfies():
    assert encounter_score(0.8, 0.8, 0.1) == 4.0
    assert encounter_score(0.5, 0.8, 0.1) == 1.0
    assert encounter_score(0.9, 0.8, 0.1) == pytest.approx(5.0)


def test_failures_happen_at_the_stated_rate(folklore):
    pop, active, rng = market(folklore)
    out = service.serve_customers(pop, active, folklore, Clock.at(1, 1.0), rng)
    expected = out.encounters * service.failure_prob(folklore)
    # binomial count: 4 standard deviations
    assert abs(out.failures - expected) < 4 * np.sqrt(expected)


def test_a_quarter_of_unhappy_episodes_are_serious_f7(folklore):
    serious, total = 0, 0
    for seed in range(5):
        pop, active, rng = market(folklore.replace(max_failure_prob=0.5), seed=seed)
        out = service.serve_customers(pop, active, folklore.replace(max_failure_prob=0.5), Clock.at(1, 1.0),
                                      rng)
        serious += pop.serious[out.episodes].sum()
        total += out.episodes.size
    share = serious / total
    # F7: 6 of 24. Binomial SE ~ 0.006 at ~5,000 episodes; 4 SE tolerance.
    assert share == pytest.approx(0.25, abs=4 * np.sqrt(0.25 * 0.75 / total))


def test_failure_opens_an_unhappy_episode_and_remembers_prior_satisfaction(folklore):
    params = folklore.replace(max_failure_prob=1.0, reliability=0.0, encounter_rate=20)
    pop, active, rng = market(params, n=1000)
    out = service.serve_customers(pop, active, params, Clock.at(1, 1.0), rng)
    assert out.episodes.size == 1000
    assert np.all(pop.satisfaction[out.episodes] < 4.0)
    assert pop.satisfaction[out.episodes].mean() < UNHAPPY_BELOW
    assert np.all(pop.pre_failure[out.episodes] == 4.0)


def test_good_service_keeps_satisfaction_in_range(folklore):
    params = folklore.replace(reliability=1.0)
    pop, active, rng = market(params, n=5000)
    for _ in range(12):
        service.serve_customers(pop, active, params, Clock.at(1, 1.0), rng)
    assert pop.satisfaction.min() >= 1.0 and pop.satisfaction.max() <= 5.0
    assert 3.5 < pop.satisfaction.mean() < 4.5


def test_follow_up_lifts_only_the_enrolled(folklore):
    params = folklore.replace(followup_share=0.5)
    pop, active, rng = market(params, n=10_000)
    enrolled = service.follow_up_contacts(pop, active, params, Clock.at(1, 1.0))
    assert enrolled.size == pytest.approx(5000, abs=300)
    lifted = pop.satisfaction > 4.0
    assert set(np.flatnonzero(lifted)) == set(enrolled)
