"""Service encounters: perceived RATER quality, failures, and disconfirmation.

Satisfaction follows perceived minus expected quality (expectancy-disconfirmation, 001):
meeting expectations scores 4 ("satisfied"), each `disconfirmation_scale` of shortfall
costs one point. A failure (a problem: minor, or serious with `serious_failure_share`,
F7) makes the customer unhappy and opens an episode that ends in stay or leave.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.economics import retention_cost_per_month
from simulation.params import Params
from simulation.state import Population

RATER = ("reliability", "assurance", "tangibles", "empathy", "responsiveness")


@dataclass
class EncounterOutcome:
    """What one step of service produced."""

    encounters: int
    failures: int
    episodes: np.ndarray     # indices of customers a failure has just made unhappy


def rater_score(params: Params) -> float:
    """Customers' weighted quality score of the firm's RATER profile (0-1)."""
    weights = np.asarray(params.rater_weights(), float)
    quality = np.asarray([getattr(params.service, dim) for dim in RATER], float)
    return float(weights @ quality / weights.sum())


def failure_prob(params: Params) -> float:
    """Chance one encounter fails; reliability is what prevents failures."""
    return params.service.max_failure_prob * (1.0 - params.service.reliability)


def encounter_satisfaction(perceived: np.ndarray, expected: np.ndarray,
                           scale: float) -> np.ndarray:
    """1-5 score of one encounter: 4 when perception meets expectation."""
    return np.clip(4.0 + (perceived - expected) / scale, 1.0, 5.0)


def _after_visits(learning: float, visits: np.ndarray) -> np.ndarray:
    """Weight of this step's encounters after `visits` of them: 1 - (1 - learning)^visits
    (a small table looked up, since visits are few distinct small counts)."""
    table = 1.0 - (1.0 - learning) ** np.arange(int(visits.max(initial=0)) + 1)
    return table[visits]


def serve_customers(pop: Population, active: np.ndarray, params: Params,
                    rng: np.random.Generator, dt: float) -> EncounterOutcome:
    """Every active customer meets the firm at `encounter_rate`; update their views."""
    s = params.service
    visits = rng.poisson(s.encounter_rate * dt, active.size)
    met = visits > 0
    idx, visits = active[met], visits[met]
    n_fail = rng.binomial(visits, failure_prob(params))
    failed = n_fail > 0
    serious = failed & (rng.random(idx.size) < s.serious_failure_share)
    penalty = np.where(serious, s.serious_failure_penalty, np.where(failed, s.failure_penalty, 0))
    noise = rng.standard_normal(idx.size, dtype=np.float32) * s.perception_noise
    perceived = rater_score(params) + noise - penalty
    expected = pop.expectation[idx]
    before = pop.satisfaction[idx]
    weight = _after_visits(s.satisfaction_learning, visits)
    score = encounter_satisfaction(perceived, expected, s.disconfirmation_scale)
    after = np.clip(before + weight * (score - before), 1.0, 5.0)
    pop.satisfaction[idx] = after
    learn = _after_visits(s.expectation_learning, visits)
    pop.expectation[idx] = np.clip(expected + learn * (perceived - expected), 0.0, 1.0)
    opens = failed & ~pop.waiting[idx]
    episodes = idx[opens]
    pop.pre_failure[episodes] = before[opens]
    pop.ever_unhappy[episodes] = True
    pop.serious[episodes] = serious[opens]
    pop.product[episodes] = rng.random(episodes.size) < s.product_failure_share
    return EncounterOutcome(int(visits.sum()), int(failed.sum()), episodes)


def followup_share(params: Params, customers: int) -> float:
    """Share of customers in the follow-up programme: the set share plus what the
    follow-up budget pays for at the retention cost per customer (F3)."""
    pol = params.policy
    per_customer = retention_cost_per_month(params)
    bought = pol.followup_budget / per_customer / customers if customers and per_customer else 0
    return min(1.0, pol.followup_share + bought)


def follow_up_contacts(pop: Population, active: np.ndarray, params: Params,
                       dt: float) -> np.ndarray:
    """Customers in the follow-up programme feel looked after: satisfaction drifts up."""
    enrolled = active[pop.followup_draw[active] < followup_share(params, active.size)]
    lift = params.policy.followup_satisfaction_lift * dt
    pop.satisfaction[enrolled] = np.minimum(pop.satisfaction[enrolled] + lift, 5.0)
    return enrolled
