"""Acquisition: advertising (Bass p), referrals from positive WOM (Bass q, F2) and paid
acquisition (customers won at CAC each, dearer as the prospect pool thins). A prospect's
attitude scales all three; rejecters refuse."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.attitude import acceptance
from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.state import ACTIVE, CHANNEL, PROSPECT, Population, per_step


@dataclass
class Adoptions:
    """New customers of one step, by channel."""

    advertising: np.ndarray
    referral: np.ndarray
    paid: np.ndarray
    paid_spend: float
    paid_affordable: float = 0.0   # paid customers the budget could have bought


def referral_conversion(params: Params) -> float:
    """Chance one positive message wins a prospect, raised by any referral reward."""
    pol = params.policy
    uplift = 1.0 + pol.referral_reward_uplift * pol.referral_reward / params.acquisition.cac
    return min(1.0, params.wom.referral_conversion * uplift)


def organic_adoption(pop: Population, prospects: np.ndarray, exposure: np.ndarray,
                     params: Params, clock: Clock, rng: np.random.Generator):
    """Prospects adopt from advertising or from positive messages heard this step.
    Returns masks over `prospects`: who adopts, and who of them by referral."""
    from simulation.acquisition.kernels import organic  # compiled (or loaded) on first use
    a = params.attitude
    return organic(np.ascontiguousarray(prospects, np.int64), exposure, pop.attitude,
                   pop.rejecter, per_step(params.acquisition.advertising_rate, clock.dt),
                   1.0 - referral_conversion(params), np.float32(a.prospect_attitude),
                   bool(a.attitude_enabled), rng)


def paid_price(params: Params, pool: int) -> float:
    """Cost of one paid customer won: `cac` while the prospect pool is as large as at
    the start, rising as it shrinks (`paid_saturation` is the elasticity)."""
    a, m = params.acquisition, params.market
    start = max(m.population * (1.0 - m.initial_customer_share), 1.0)
    return a.cac * (start / max(pool, 1)) ** a.paid_saturation


def paid_adoption(pop: Population, prospects: np.ndarray, won: np.ndarray, params: Params,
                  clock: Clock, rng: np.random.Generator) -> tuple[np.ndarray, float, float]:
    """Spend the paid budget on customers won, at `paid_price` each: the channel seeks
    prospects not already won this step (`won`: sorted positions in `prospects`); each
    accepts with the chance its attitude gives (rejecters refuse) and only those who
    accept are paid for. Money the pool cannot absorb stays unspent. Returns those won,
    the money spent and the customers the budget could have bought."""
    spend = params.acquisition.paid_budget * clock.dt
    pool = prospects.size - won.size
    if spend <= 0 or pool == 0:
        return prospects[:0], 0.0, 0.0
    price = paid_price(params, pool)
    wanted = int(rng.poisson(spend / price))
    pick = np.unique(rng.integers(0, pool, min(3 * wanted + 8, 4 * pool)))
    pick = rng.permutation(pick)
    chosen = prospects[skipping(pick, won)]
    accepts = rng.random(chosen.size) < acceptance(pop, chosen, params)
    bought = chosen[accepts][:wanted]
    return bought, bought.size * price, spend / price


def skipping(rank: np.ndarray, taken: np.ndarray) -> np.ndarray:
    """Position of each `rank`-th entry of a list once the sorted positions `taken` are
    left out (no copy of the list: the few taken are counted instead)."""
    return rank + np.searchsorted(taken - np.arange(taken.size), rank, side="right")


def acquire(pop: Population, exposure: np.ndarray, params: Params, clock: Clock,
            rng: np.random.Generator, prospects: np.ndarray | None = None) -> Adoptions:
    """All of one step's new customers, made active with their channel recorded
    (`prospects`: those the firm may win, sorted; every prospect unless given)."""
    if prospects is None:
        prospects = np.flatnonzero(pop.status == PROSPECT)
    adopt, by_wom = organic_adoption(pop, prospects, exposure, params, clock, rng)
    won = np.flatnonzero(adopt)
    told = by_wom[won]
    advertising, referral = prospects[won[~told]], prospects[won[told]]
    paid, spend, affordable = paid_adoption(pop, prospects, won, params, clock, rng)
    for idx, channel in ((advertising, "advertising"), (referral, "referral"), (paid, "paid")):
        welcome(pop, idx, params, clock.step, CHANNEL[channel])
    return Adoptions(advertising, referral, paid, spend, affordable)


def welcome(pop: Population, idx: np.ndarray, params: Params, step: int, channel: int) -> None:
    """Turn prospects into active customers."""
    pop.status[idx] = ACTIVE
    pop.customer_since[idx] = step
    pop.channel[idx] = channel
    pop.satisfaction[idx] = params.service.initial_satisfaction
    pop.pre_failure[idx] = params.service.initial_satisfaction
    pop.escalation[idx] = 0
