"""Leaving a firm: to a rival (defection) or out of the category (disadoption).

Customers who leave for a better deal or follow a friend to a rival are the ones F11
says go to a rival; a share `defection_share` of them join one of the scenario's other
firms in the market (none before a second firm has entered) at once, chosen in
proportion to its customers (a bigger rival is the likelier better deal and the likelier
friend's brand). Everyone else who leaves, for any cause, leaves the category.
Randomness from the firms' own stream.
"""

from __future__ import annotations

import numpy as np

from simulation.acquisition import welcome
from simulation.parameters.params import Params
from simulation.state import CAUSE, Population

TO_A_RIVAL = (CAUSE["better_deal"], CAUSE["friend_recommendation"])


def defectors(idx: np.ndarray, causes: np.ndarray, share: float,
              rng: np.random.Generator) -> np.ndarray:
    """Positions in `idx` of the leavers who join a rival."""
    eligible = np.flatnonzero((causes == TO_A_RIVAL[0]) | (causes == TO_A_RIVAL[1]))
    return eligible[rng.random(eligible.size) < share]


def rival_for(origin: np.ndarray, weight: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """For each leaver of firm `origin`, another firm drawn in proportion to `weight`
    (one entry per firm, > 0 for the leavers' own firms and at least one other; a firm
    weighted 0, not yet in the market, is never drawn), its own firm left out."""
    cum = np.cumsum(weight, dtype=float)
    own = weight[origin].astype(float)
    target = rng.random(origin.size) * (cum[-1] - own)
    below = cum[origin] - own   # where the own firm's stretch starts
    target = target + np.where(target >= below, own, 0.0)
    return np.minimum(np.searchsorted(cum, target, side="right"), weight.size - 1)


def join(pop: Population, movers: np.ndarray, to: np.ndarray, params: Params,
         step: int) -> None:
    """Leavers who defect become customers of firm `to` now: a fresh start (satisfaction,
    no open complaint, no referral tie); the channel they first came by is kept."""
    welcome(pop, movers, params, step, pop.channel[movers])
    pop.firm[movers] = to
    pop.lost_at[movers] = -1
    pop.lost_cause[movers] = -1
    pop.referrer[movers] = -1
    pop.attitude[movers] = params.attitude.customer_attitude
