"""Complaints: who speaks up (F6), the management queue, recovery (F9, F12), escalation.

The queue's capacity is its handlers (`levers.handler_capacity`); a complaint waits for a
free handler as long as the load (arrivals against capacity) makes it, then takes
`resolution_days` to close, so speed is bought by capacity.

Each unhappy episode ends in one of four outcomes, and the outcome sets the chance the
customer stays (TARP's repurchase table; F8, F9). Waiting and unresolved complaints
escalate friendly -> rational -> angry -> enemy (003).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.clock import Clock
from simulation.levers import handler_capacity
from simulation.parameters.params import Params
from simulation.state import CAUSE, ENEMY, Population

OUTCOMES = ("silent", "unresolved", "resolved", "resolved_fast")
SILENT, UNRESOLVED, RESOLVED, RESOLVED_FAST = range(4)
DAYS_PER_MONTH = 30.4375


@dataclass
class QueueResult:
    """Complaints that left the queue this step, with their outcome codes."""

    handled: int
    done: np.ndarray       # indices of customers whose complaint ended
    outcome: np.ndarray    # outcome code per entry of `done`


def speak_up(episodes: np.ndarray, enrolled: np.ndarray, params: Params,
             rng: np.random.Generator,
             solicit: int = 0, propensity: np.ndarray | None = None
             ) -> tuple[np.ndarray, np.ndarray, int]:
    """Split new episodes into complainers and the silent (F6); follow-up finds some, and
    up to `solicit` more of the silent are drawn out by easier complaining (bought per
    complaint). Complainers go to the front line (`front_line.take_complaints`).
    `propensity` (one per episode, see `people_traits`) multiplies each one's chance to
    complain. Returns complainers, the silent, and how many were drawn out."""
    c = params.complaints
    p = c.complaint_prob if c.complaints_enabled else 0.0
    speaks = rng.random(episodes.size) < (p if propensity is None else p * propensity)
    if c.complaints_enabled and enrolled.size:
        in_programme = np.isin(episodes, enrolled, assume_unique=True)
        found = in_programme & (rng.random(episodes.size) < params.policy.followup_discovery)
        speaks |= found
    drawn = 0
    if c.complaints_enabled and solicit > 0:
        silent = np.flatnonzero(~speaks)[:solicit]   # episodes come in no meaningful order
        speaks[silent], drawn = True, silent.size
    return episodes[speaks], episodes[~speaks], drawn


def queue_capacity(customers: int, params: Params, clock: Clock,
                   rng: np.random.Generator) -> int:
    """Complaints the handlers can close this step (stochastic rounding)."""
    cap = handler_capacity(params, customers, clock.dt)
    return int(cap) + int(rng.random() < cap - int(cap))


def queue_wait_days(arrivals: int, capacity: int, dt: float) -> float:
    """Mean days a complaint waits for a free handler within the step: the M/M/1 wait
    rho / (1 - rho) x the team's time per complaint, rho = arrivals / capacity (capped at
    0.95; a longer backlog carries over to later steps and is counted there)."""
    if arrivals == 0:
        return 0.0
    if capacity == 0:
        return float("inf")
    rho = min(arrivals / capacity, 0.95)
    return rho / (1.0 - rho) * DAYS_PER_MONTH * dt / capacity


def serve_queue(pop: Population, capacity: int, params: Params, clock: Clock,
                rng: np.random.Generator, waiting: np.ndarray | None = None) -> QueueResult:
    """Handle the oldest complaints up to capacity; abandon those waiting too long
    (`waiting`: a mask of the complaints in this queue; everyone's unless given)."""
    now, dt = clock.start, clock.dt
    c = params.complaints
    queue = np.flatnonzero(pop.waiting if waiting is None else waiting)
    filed = pop.complained_at[queue]
    order = np.argsort(filed, kind="stable")
    served, left = queue[order[:capacity]], queue[order[capacity:]]
    waited_days = np.maximum(now - pop.complained_at[served], 0.0) * DAYS_PER_MONTH
    in_line = queue_wait_days(queue.size, capacity, dt)
    if served.size and in_line > 0.0:
        waited_days = waited_days + rng.exponential(in_line, served.size)
    took = waited_days + rng.exponential(c.resolution_days, served.size)
    success = rng.random(served.size) < c.resolution_success
    outcome = np.where(~success, UNRESOLVED,
                       np.where(took <= c.fast_within_days, RESOLVED_FAST, RESOLVED))
    abandoned = left[(now + dt - pop.complained_at[left]) >= c.give_up_months]
    still = left[(now + dt - pop.complained_at[left]) < c.give_up_months]
    waited_months = now + dt - pop.complained_at[still]
    level = np.minimum(waited_months / c.escalation_months, ENEMY).astype(np.int8)
    pop.escalation[still] = np.maximum(pop.escalation[still], level)
    done = np.concatenate([served, abandoned])
    pop.waiting[done] = False
    codes = np.concatenate([outcome, np.full(abandoned.size, UNRESOLVED)]).astype(np.int8)
    return QueueResult(int(served.size), done, codes)


def stay_chances(params: Params, outcome: np.ndarray, serious: np.ndarray) -> np.ndarray:
    """Chance to stay after an episode, by outcome and seriousness (F8, F9; TARP)."""
    c = params.complaints
    minor = np.array([c.stay_silent, c.stay_unresolved, c.stay_resolved, c.stay_resolved_fast])
    major = np.array([c.stay_silent_serious, c.stay_unresolved_serious,
                      c.stay_resolved_serious, c.stay_resolved_fast_serious])
    return np.where(serious, major[outcome], minor[outcome])


def close_episodes(pop: Population, idx: np.ndarray, outcome: np.ndarray, params: Params,
                   rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Decide who stays; recover satisfaction and escalation. Returns stays, leavers, causes."""
    stays = rng.random(idx.size) < stay_chances(params, outcome, pop.serious[idx])
    _recover(pop, idx[stays], outcome[stays], params)
    _escalate(pop, idx, outcome)
    leavers = idx[~stays]
    causes = np.where(pop.product[leavers], CAUSE["product_dissatisfaction"],
                      CAUSE["staff_indifference"]).astype(np.int8)
    return stays, leavers, causes


def _recover(pop: Population, idx: np.ndarray, outcome: np.ndarray, params: Params) -> None:
    """Quick recovery lifts satisfaction above its pre-failure level (F12)."""
    pre, now = pop.pre_failure[idx], pop.satisfaction[idx]
    bonus = params.complaints.recovery_paradox_bonus
    fast = np.minimum(pre + bonus, 5.0)
    slow = np.maximum(now, (pre + now) / 2.0)
    new = np.where(outcome == RESOLVED_FAST, fast, np.where(outcome == RESOLVED, slow, now))
    pop.satisfaction[idx] = new


def _escalate(pop: Population, idx: np.ndarray, outcome: np.ndarray) -> None:
    """Unresolved complaints turn customers angry or enemies; quick fixes calm them."""
    level = pop.escalation[idx]
    level = np.where(outcome == RESOLVED_FAST, 0, level)
    level = np.where(outcome == RESOLVED, np.maximum(level, 1), level)
    level = np.where(outcome == UNRESOLVED, np.minimum(level + 2, ENEMY), level)
    pop.escalation[idx] = level.astype(np.int8)
