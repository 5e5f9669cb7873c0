"""The save desk: save offers, bought one at a time, to customers showing warning signs.

Each step the desk reads the warning signs the model already carries: satisfaction lower
than when the desk last looked, a complaint taken to the complaint desk in the last
`signal_months`, a friend who left in that time, and (when fit is drawn, `traits`) a plan
that fits badly (`fit` below `ill_fit_below`). Its budget buys `save_budget /
save_offer_cost` offers a month, paid as made; a customer is not offered again while an
offer still works (`save_window_months`). Who gets them (`policy.save_targeting`):
- risk: the most warning signs first (ties in random order);
- response: the same, among customers a contact cannot awaken (plans that fit), by
  their signs of dissatisfaction;
- random: any customer, signs unread (an untargeted campaign).
A budget aimed at a segment (`policy.targeted_save_budget`, `save_segment`) buys offers at
the same price, chosen the same way among that segment's customers.

A contact works both ways. It keeps: while it works, a contacted customer who would
leave for dissatisfaction (a complaint episode, a soured attitude, a friend's word) stays
with chance `save_keep_share` (Dholakia & Morwitz 2002). It awakens: a contacted customer
on an ill-fitting plan leaves for a better deal with chance `awakening_share` (Ascarza,
Iyengar & Schleicher 2016). With no budget nothing is drawn and no array is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.clock import Clock
from simulation.levers import LeverUse, affordable
from simulation.network import SocialGraph
from simulation.parameters.params import Params
from simulation.segments import targets
from simulation.state import LOST, Population

NEVER = np.float32(-np.inf)


@dataclass(frozen=True)
class Offers:
    """One step's save offers: who was contacted, who the contact awoke (they leave)."""

    contacted: np.ndarray
    awakened: np.ndarray


def open_desk(pop: Population) -> None:
    """Start keeping the desk's arrays (nobody offered yet; satisfaction as it is now)."""
    if not pop.offered_at.size:
        pop.offered_at = np.full(pop.n, NEVER, np.float32)
        pop.seen = pop.satisfaction.copy()


def ill_fitting(pop: Population, idx: np.ndarray, params: Params) -> np.ndarray:
    """Mask over `idx`: plans that fit badly (all False when fit is not drawn)."""
    if not pop.fit.size:
        return np.zeros(idx.size, bool)
    return pop.fit[idx] < params.save_desk.ill_fit_below


def friends_of(graph: SocialGraph, people: np.ndarray) -> np.ndarray:
    """Mask over everyone: has a friend among `people` (CSR rows gathered, no loop)."""
    mask = np.zeros(graph.n, bool)
    if not people.size:
        return mask
    if graph.complete:
        mask[:] = True
        if people.size == 1:
            mask[people] = False
        return mask
    starts, ends = graph.indptr[people], graph.indptr[people + 1]
    sizes = ends - starts
    offsets = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes)
    mask[graph.indices[np.arange(int(sizes.sum())) + offsets]] = True
    return mask


def warning_signs(pop: Population, active: np.ndarray, graph: SocialGraph, params: Params,
                  clock: Clock) -> tuple[np.ndarray, np.ndarray]:
    """(signs of dissatisfaction, ill-fitting mask), one per active customer: falling
    satisfaction, a recent complaint, a friend who recently left (0-3 signs)."""
    fresh = params.save_desk.signal_months
    falling = pop.satisfaction[active] < pop.seen[active]
    filed = pop.complained_at[active]
    complained = pop.waiting[active] | ((filed > 0.0) & (filed >= clock.start - fresh))
    left = np.flatnonzero((pop.status == LOST)
                          & ((clock.step - pop.lost_at) * clock.dt <= fresh))
    friend = friends_of(graph, left)[active]
    signs = falling.astype(np.int8) + complained + friend
    return signs.astype(np.int8), ill_fitting(pop, active, params)


def choose(active: np.ndarray, signs: np.ndarray, ill: np.ndarray, places: int,
           targeting: str, rng: np.random.Generator) -> np.ndarray:
    """The customers (of `active`, all eligible) the step's `places` offers go to."""
    if targeting == "random":
        key, pool = rng.random(active.size), np.ones(active.size, bool)
    else:
        risk = signs + ill if targeting == "risk" else signs
        pool = (risk > 0) & ~ill if targeting == "response" else risk > 0
        key = risk + rng.random(active.size)   # signs first, ties in random order
    idx = np.flatnonzero(pool)
    if idx.size > places:
        idx = idx[np.argpartition(-key[idx], places - 1)[:places]]
    return active[np.sort(idx)]


def make_offers(pop: Population, active: np.ndarray, graph: SocialGraph, params: Params,
                clock: Clock, rng: np.random.Generator, use: LeverUse) -> Offers:
    """This step's save offers; books the offers bought and made in `use`."""
    pol, cost = params.policy, params.costs.save_offer_cost
    places = affordable(pol.save_budget, cost, clock.dt)
    aimed_places = (affordable(pol.targeted_save_budget, cost, clock.dt)
                    if pol.save_segment else 0)
    if places + aimed_places <= 0 or not active.size:
        return Offers(active[:0], active[:0])
    open_desk(pop)
    window = params.save_desk.save_window_months
    pop.offered_at[pop.offered_at < clock.start - window] = NEVER   # offers that wore off
    signs, ill = warning_signs(pop, active, graph, params, clock)
    pop.seen[active] = pop.satisfaction[active]
    free = pop.offered_at[active] == NEVER
    picked = active[:0]
    if places > 0:
        picked = choose(active[free], signs[free], ill[free], places, pol.save_targeting, rng)
        use.book("save_offers", min(places, active.size), picked.size, picked.size * cost)
    if aimed_places > 0:
        picked = np.union1d(picked, aimed_offers(pop, active, free, signs, ill, picked,
                                                 aimed_places, params, rng, use))
    pop.offered_at[picked] = clock.start
    awake = ill_fitting(pop, picked, params) & (params.save_desk.awakening_share > 0)
    awake[awake] = rng.random(int(awake.sum())) < params.save_desk.awakening_share
    return Offers(picked, picked[awake])


def aimed_offers(pop: Population, active: np.ndarray, free: np.ndarray, signs: np.ndarray,
                 ill: np.ndarray, picked: np.ndarray, places: int, params: Params,
                 rng: np.random.Generator, use: LeverUse) -> np.ndarray:
    """The offers the aimed budget buys (`policy.targeted_save_budget`), chosen as the
    desk chooses among `policy.save_segment`'s customers not offered yet this step or
    within the window; booked in `use`."""
    aimed = targets.reached(pop, "save", active)
    pool = free & aimed & ~np.isin(active, picked)
    chosen = choose(active[pool], signs[pool], ill[pool], places,
                    params.policy.save_targeting, rng)
    cost = params.costs.save_offer_cost
    use.book("save_offers", min(places, int(aimed.sum())), chosen.size, chosen.size * cost)
    return chosen


def keeps(pop: Population, leavers: np.ndarray, params: Params,
          rng: np.random.Generator) -> np.ndarray:
    """Mask over `leavers` (leaving for dissatisfaction) of those who do leave: a save
    offer still working keeps each with chance `save_keep_share`."""
    leave = np.ones(leavers.size, bool)
    if not pop.offered_at.size or not leavers.size or params.save_desk.save_keep_share <= 0:
        return leave
    held = np.flatnonzero(pop.offered_at[leavers] != NEVER)
    stay = rng.random(held.size) < params.save_desk.save_keep_share
    leave[held[stay]] = False
    return leave
