"""Service encounters: perceived RATER quality, failures, and disconfirmation.

Satisfaction follows perceived minus expected quality (expectancy-disconfirmation, 001):
meeting expectations scores 4 ("satisfied"), each `disconfirmation_scale` of shortfall
costs one point. Expectations start at the market norm (what the category delivers),
adapt towards experience at `expectation_learning` per encounter and drift back towards
the norm at `norm_pull` a month: quality above the norm pleases, and each RATER
dimension counts by its importance weight. A failure (a problem: minor, or serious with
`serious_failure_share`, F7) makes the customer unhappy and opens an episode that ends in stay or leave.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.clock import Clock
from simulation.economics import retention_cost_per_month
from simulation.parameters.params import Params
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


def norm_pull(params: Params, clock: Clock) -> float:
    """Share of the gap to the market norm an expectation closes in one step."""
    return 1.0 - (1.0 - params.service.norm_pull) ** clock.dt


def recall_the_norm(pop: Population, active: np.ndarray, params: Params, clock: Clock) -> None:
    """Expectations drift back towards what the category delivers (`market_norm`) at
    `norm_pull` a month, so a firm above the norm keeps pleasing part of the gap (the
    compiled `serve` does this in its pass; this is the rule in numpy)."""
    pull = norm_pull(params, clock)
    if pull > 0.0 and active.size:
        held = pop.expectation[active]
        norm = np.float32(params.service.market_norm)
        pop.expectation[active] = held + np.float32(pull) * (norm - held)


def serve_customers(pop: Population, active: np.ndarray, params: Params, clock: Clock,
                    rng: np.random.Generator) -> EncounterOutcome:
    """Every active customer meets the firm at `encounter_rate`; update their views."""
    from simulation.service.kernels import serve  # compiled (or loaded) on first use
    s = params.service
    settings = (s.encounter_rate * clock.dt, failure_prob(params), s.serious_failure_share,
                s.serious_failure_penalty, s.failure_penalty, s.perception_noise,
                rater_score(params), s.disconfirmation_scale, s.satisfaction_learning,
                s.expectation_learning, s.product_failure_share)
    encounters, failures, episodes = serve(
        np.ascontiguousarray(active, np.int64), pop.satisfaction, pop.expectation,
        pop.waiting, pop.pre_failure, pop.serious, pop.product, pop.ever_unhappy,
        tuple(float(x) for x in settings),
        (np.float32(norm_pull(params, clock)), np.float32(s.market_norm)), rng)
    return EncounterOutcome(int(encounters), int(failures), episodes)


def followup_share(params: Params, customers: int) -> float:
    """Share of customers in the follow-up programme: the set share plus what the
    follow-up budget pays for at the retention cost per customer (F3)."""
    pol = params.policy
    per_customer = retention_cost_per_month(params)
    bought = pol.followup_budget / per_customer / customers if customers and per_customer else 0
    return min(1.0, pol.followup_share + bought)


def follow_up_contacts(pop: Population, active: np.ndarray, params: Params,
                       clock: Clock) -> np.ndarray:
    """Customers in the follow-up programme feel looked after: satisfaction drifts up."""
    enrolled = active[pop.followup_draw[active] < followup_share(params, active.size)]
    lift = params.policy.followup_satisfaction_lift * clock.dt
    pop.satisfaction[enrolled] = np.minimum(pop.satisfaction[enrolled] + lift, 5.0)
    return enrolled
