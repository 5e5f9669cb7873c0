"""Acquisition: advertising (Bass p), referrals from positive WOM (Bass q, F2) and paid
acquisition (budget / CAC). A prospect's attitude scales all three; rejecters refuse."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.attitude import acceptance
from simulation.params import Params
from simulation.state import ACTIVE, CHANNEL, PROSPECT, Population, per_step


@dataclass
class Adoptions:
    """New customers of one step, by channel."""

    advertising: np.ndarray
    referral: np.ndarray
    paid: np.ndarray
    paid_spend: float


def referral_conversion(params: Params) -> float:
    """Chance one positive message wins a prospect, raised by any referral reward."""
    pol = params.policy
    uplift = 1.0 + pol.referral_reward_uplift * pol.referral_reward / params.acquisition.cac
    return min(1.0, params.wom.referral_conversion * uplift)


def organic_adoption(pop: Population, prospects: np.ndarray, exposure: np.ndarray,
                     params: Params, rng: np.random.Generator, dt: float):
    """Prospects adopt from advertising or from positive messages heard this step.
    Returns masks over `prospects`: who adopts, and who of them by referral."""
    from simulation.acquisition_kernels import organic  # compiled (or loaded) on first use
    a = params.attitude
    return organic(np.ascontiguousarray(prospects, np.int64), exposure, pop.attitude,
                   pop.rejecter, per_step(params.acquisition.advertising_rate, dt),
                   1.0 - referral_conversion(params), np.float32(a.prospect_attitude),
                   bool(a.attitude_enabled), rng)


def paid_adoption(pop: Population, prospects: np.ndarray, params: Params,
                  rng: np.random.Generator, dt: float) -> tuple[np.ndarray, float]:
    """Spend the paid budget: reach budget/CAC prospects; each accepts with the chance
    its attitude gives (rejecters refuse)."""
    a = params.acquisition
    spend = a.paid_budget * dt
    if spend <= 0 or prospects.size == 0:
        return prospects[:0], 0.0
    reached = min(int(rng.poisson(spend / a.cac)), prospects.size)
    pick = np.unique(rng.integers(0, prospects.size, 2 * reached + 8))
    pick = rng.permutation(pick)[:reached]
    chosen = prospects[pick]
    accepts = rng.random(chosen.size) < acceptance(pop, chosen, params)
    return chosen[accepts], spend


def acquire(pop: Population, exposure: np.ndarray, params: Params,
            rng: np.random.Generator, dt: float, step: int) -> Adoptions:
    """All of one step's new customers, made active with their channel recorded."""
    prospects = np.flatnonzero(pop.status == PROSPECT)
    adopt, by_wom = organic_adoption(pop, prospects, exposure, params, rng, dt)
    advertising, referral = prospects[adopt & ~by_wom], prospects[by_wom]
    paid, spend = paid_adoption(pop, prospects[~adopt], params, rng, dt)
    for idx, channel in ((advertising, "advertising"), (referral, "referral"), (paid, "paid")):
        welcome(pop, idx, params, step, CHANNEL[channel])
    return Adoptions(advertising, referral, paid, spend)


def welcome(pop: Population, idx: np.ndarray, params: Params, step: int, channel: int) -> None:
    """Turn prospects into active customers."""
    pop.status[idx] = ACTIVE
    pop.customer_since[idx] = step
    pop.channel[idx] = channel
    pop.satisfaction[idx] = params.service.initial_satisfaction
    pop.pre_failure[idx] = params.service.initial_satisfaction
    pop.escalation[idx] = 0
