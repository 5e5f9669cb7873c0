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
from simulation.parameters.groups import RATER_DIMENSIONS
from simulation.parameters.params import Params
from simulation.segments import targets
from simulation.state import Population

RATER = RATER_DIMENSIONS


@dataclass
class EncounterOutcome:
    """What one step of service produced."""

    encounters: int
    failures: int
    episodes: np.ndarray     # indices of customers a failure has just made unhappy


def rater_score(params: Params, bought: dict[str, float] | None = None) -> float:
    """Customers' weighted quality score of the firm's RATER profile (0-1); `bought`
    replaces some dimensions' levels (a segment served better)."""
    levels = {dim: getattr(params.service, dim) for dim in RATER} | (bought or {})
    weights = np.asarray(params.rater_weights(), float)
    quality = np.asarray([levels[dim] for dim in RATER], float)
    return float(weights @ quality / weights.sum())


def failure_prob(params: Params, bought: dict[str, float] | None = None) -> float:
    """Chance one encounter fails; reliability is what prevents failures."""
    reliability = (bought or {}).get("reliability", params.service.reliability)
    return params.service.max_failure_prob * (1.0 - reliability)


def bought_quality(params: Params) -> dict[str, float] | None:
    """The level bought for the segment better service is aimed at, or None."""
    pol = params.policy
    if not pol.quality_segment or pol.quality_level <= 0:
        return None
    return {pol.quality_dimension: pol.quality_level}


def quality_served(pop: Population, active: np.ndarray) -> int:
    """Customers served at bought quality this step: the aimed segment's, or everyone."""
    aimed = targets.reached(pop, "quality", active)
    return active.size if aimed is None else int(np.count_nonzero(aimed))


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
    """Every active customer meets the firm at `encounter_rate`; update their views
    (expectations first drift back towards the market norm, in the compiled pass)."""
    bought = bought_quality(params)
    aimed = None if bought is None else targets.reached(pop, "quality", active)
    if aimed is None:
        return _serve(pop, active, params, clock, rng)
    better = _serve(pop, active[aimed], params, clock, rng, bought)
    usual = _serve(pop, active[~aimed], params, clock, rng)
    return EncounterOutcome(better.encounters + usual.encounters,
                            better.failures + usual.failures,
                            np.concatenate([better.episodes, usual.episodes]))


def _serve(pop: Population, active: np.ndarray, params: Params, clock: Clock,
           rng: np.random.Generator, bought: dict[str, float] | None = None
           ) -> EncounterOutcome:
    """One pass of the encounter kernel over `active` at the firm's quality (or with
    the `bought` levels)."""
    from simulation.service.kernels import serve  # compiled (or loaded) on first use
    s = params.service
    settings = (s.encounter_rate * clock.dt, failure_prob(params, bought),
                s.serious_failure_share, s.serious_failure_penalty, s.failure_penalty,
                s.perception_noise, rater_score(params, bought), s.disconfirmation_scale,
                s.satisfaction_learning, s.expectation_learning, s.product_failure_share)
    encounters, failures, episodes = serve(
        np.ascontiguousarray(active, np.int64), pop.satisfaction, pop.expectation,
        pop.waiting, pop.pre_failure, pop.serious, pop.product, pop.ever_unhappy,
        tuple(float(x) for x in settings),
        (np.float32(norm_pull(params, clock)), np.float32(s.market_norm)), rng)
    fade_glow(pop, active, params, clock)
    return EncounterOutcome(int(encounters), int(failures), episodes)


def fade_glow(pop: Population, active: np.ndarray, params: Params, clock: Clock) -> None:
    """The paradox's glow fades as satisfaction learns from later encounters: by the mean
    of (1 - satisfaction_learning)^visits over Poisson visits a step."""
    if pop.glow.size and active.size:
        s = params.service
        pop.glow[active] *= np.float32(np.exp(-s.encounter_rate * clock.dt
                                              * s.satisfaction_learning))


def followup_share(params: Params, customers: int, budget: float | None = None) -> float:
    """Share of customers in the follow-up programme: the set share plus what the
    follow-up budget (or `budget`) pays for at the retention cost per customer (F3),
    spread over `customers` (those the budget may enrol)."""
    pol = params.policy
    budget = pol.followup_budget if budget is None else budget
    per_customer = retention_cost_per_month(params)
    bought = budget / per_customer / customers if customers and per_customer else 0
    return min(1.0, pol.followup_share + bought)


def enrolment(pop: Population, active: np.ndarray, params: Params) -> np.ndarray:
    """Mask over `active` of those in the programme: today's share and the follow-up
    budget's customers from everyone, and the aimed budget's from its segment
    (`policy.followup_segment`, `targeted_followup_budget`)."""
    draw = pop.followup_draw[active]
    everyone = followup_share(params, active.size)
    aimed = targets.reached(pop, "followup", active)
    if aimed is None:
        return draw < everyone
    extra = followup_share(params, int(np.count_nonzero(aimed)),
                           params.policy.targeted_followup_budget) - params.policy.followup_share
    return (draw < everyone) | (aimed & (draw < everyone + extra))


def follow_up_contacts(pop: Population, active: np.ndarray, params: Params,
                       clock: Clock) -> np.ndarray:
    """Customers in the follow-up programme feel looked after: satisfaction drifts up."""
    enrolled = active[enrolment(pop, active, params)]
    lift = params.policy.followup_satisfaction_lift * clock.dt
    pop.satisfaction[enrolled] = np.minimum(pop.satisfaction[enrolled] + lift, 5.0)
    return enrolled
