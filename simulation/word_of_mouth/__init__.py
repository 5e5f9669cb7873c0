"""Word of mouth: who tells (F1, F4, F5), whom they reach, and what hearing it does.

A teller reaches people along their own ties first (a random run of distinct ties);
when the reach exceeds their ties, the rest goes to ties of ties. In amplified mode
(online, F5) the remainder beyond own ties goes partly to ties of ties and partly to
random members of the market (`amplified_tie_share`).

Who complains: each newly unhappy customer tells once (F4); enemies campaign; and where
`critic_tell_ratio` is above 0 critics keep telling, at that multiple of the praise
rate (the evidence preset: 1, the unhappy tell no more people than the happy and no
fewer, East, Hammond & Wright 2007): customers who stay unhappy and former customers in their
first `critic_talk_months` after leaving over a bad experience. Their later tellings are
conversations: the ordinary negative reach, even in amplified mode.

A message's weight is its tie's influence (strong or weak, for good and bad news alike)
times the strength of expression: an enemy's complaint weighs `enemy_strength`. What
hearing does: praise raises expectations and may win a prospect (acquisition); bad news
leaves expectations alone and works through attitude (`attitude.py`) and rejection
(`rejecters.py`); some customers who hear it follow a friend to a rival at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.clock import Clock
from simulation.network import SocialGraph
from simulation.parameters.params import Params
from simulation.state import (
    ACTIVE,
    CAUSE,
    ENEMY,
    LOST,
    SATISFIED_FROM,
    UNHAPPY_BELOW,
    Population,
    happening,
)

BAD_EXPERIENCE = (CAUSE["product_dissatisfaction"], CAUSE["staff_indifference"])


@dataclass
class Messages:
    """One row per message: who told whom, and the tie's influence weight."""

    teller: np.ndarray
    listener: np.ndarray
    weight: np.ndarray
    tellers: int

    @classmethod
    def empty(cls) -> Messages:
        z = np.zeros(0, np.int64)
        return cls(z, z, np.zeros(0, np.float32), 0)

    @classmethod
    def join(cls, *parts: Messages) -> Messages:
        """All messages of several sets, in order."""
        return cls(*(np.concatenate([getattr(m, k) for m in parts])
                     for k in ("teller", "listener", "weight")),
                   sum(m.tellers for m in parts))


def pick_listeners(graph: SocialGraph, tellers: np.ndarray, reach: np.ndarray,
                   random_share: float, rng: np.random.Generator):
    """Listeners for each teller's `reach` messages; returns (teller, listener, strong)."""
    from simulation.word_of_mouth import kernels  # compiled (or loaded) on first use
    tellers = np.ascontiguousarray(tellers, np.int64)
    reach = np.ascontiguousarray(reach, np.int64)
    if graph.complete:
        teller, listener = kernels.pick_anyone(graph.n, tellers, reach, rng)
        return teller, listener, np.ones(teller.size, bool)
    strong = np.zeros(0, bool) if graph.strong is None else graph.strong
    return kernels.pick_on_ties(graph.indptr, graph.indices, strong, tellers, reach,
                                float(random_share), rng)


def draw_messages(graph: SocialGraph, tellers: np.ndarray, low: int, high: int,
                  random_share: float, params: Params, rng: np.random.Generator) -> Messages:
    """Each teller tells Uniform{low..high} people; weights are the ties' influence."""
    reach = rng.integers(low, high + 1, tellers.size)
    teller, listener, strong = pick_listeners(graph, tellers, reach, random_share, rng)
    n = params.network
    weight = np.where(strong, n.strong_tie_influence, n.weak_tie_influence).astype(np.float32)
    return Messages(teller, listener, weight, int(tellers.size))


def critics(pop: Population, params: Params, clock: Clock) -> np.ndarray:
    """Customers who stay unhappy, and former customers in their first
    `critic_talk_months` after leaving over a bad experience: they keep telling."""
    w = params.wom
    if w.critic_tell_ratio <= 0.0:
        return np.zeros(0, np.int64)
    unhappy = (pop.status == ACTIVE) & (pop.satisfaction < UNHAPPY_BELOW)
    recent = (pop.status == LOST) & ((clock.step - pop.lost_at) * clock.dt <= w.critic_talk_months)
    left = recent & ((pop.lost_cause == BAD_EXPERIENCE[0]) | (pop.lost_cause == BAD_EXPERIENCE[1]))
    return np.flatnonzero(unhappy | left)


def tell_friends(pop: Population, graph: SocialGraph, new_unhappy: np.ndarray,
                 params: Params, clock: Clock,
                 rng: np.random.Generator) -> tuple[Messages, Messages]:
    """Satisfied customers praise (F1); the newly unhappy, critics who keep talking and
    enemies complain (F4, F5)."""
    w, dt = params.wom, clock.dt
    satisfied = np.flatnonzero((pop.status == ACTIVE) & (pop.satisfaction >= SATISFIED_FROM))
    praising = happening(satisfied, w.positive_tell_rate, dt, rng, pop.talkativeness)
    positive = draw_messages(graph, praising, w.positive_reach_min, w.positive_reach_max,
                         0.0, params, rng)
    enemies = np.flatnonzero(pop.enemies())
    campaigning = happening(enemies, w.enemy_tell_rate, dt, rng)
    calm = happening(enemies, 1.0 / w.enemy_calm_months, dt, rng)
    pop.escalation[calm] = ENEMY - 1
    first_hand = np.union1d(new_unhappy, campaigning)
    if w.amplified:
        low = high = w.amplified_reach
        share = 1.0 - w.amplified_tie_share
    else:
        low, high, share = w.negative_reach_min, w.negative_reach_max, 0.0
    negative = draw_messages(graph, first_hand, low, high, share, params, rng)
    # strength of expression (East, Hammond & Lomax 2008): an enemy's message weighs more
    enemy = among(negative.teller, campaigning, pop.n)
    negative.weight[enemy] *= np.float32(params.attitude.enemy_strength)
    return positive, Messages.join(negative, keep_talking(pop, graph, first_hand, params,
                                                          clock, rng))


def keep_talking(pop: Population, graph: SocialGraph, told: np.ndarray, params: Params,
                 clock: Clock, rng: np.random.Generator) -> Messages:
    """Critics who talk again this step (beyond those in `told`), each to the ordinary
    negative reach: conversation, not an amplified post."""
    w = params.wom
    lasting = critics(pop, params, clock)
    if lasting.size == 0:
        return Messages.empty()
    talking = happening(lasting, w.critic_tell_ratio * w.positive_tell_rate, clock.dt, rng,
                        pop.talkativeness)
    talking = talking[~among(talking, told, pop.n)]
    return draw_messages(graph, talking, w.negative_reach_min, w.negative_reach_max, 0.0,
                         params, rng)


def exposure(messages: Messages, n: int) -> np.ndarray:
    """Influence-weighted message count per person."""
    return np.bincount(messages.listener, weights=messages.weight, minlength=n)


def hear(pop: Population, positive: np.ndarray, negative: np.ndarray, params: Params,
         rng: np.random.Generator) -> np.ndarray:
    """Praise raises listeners' expectations (what they will judge service against); bad
    news leaves expectations alone, so it can never make later service look better (its
    harm runs through attitude, see `attitude.listen`). Some customers who hear bad news
    follow a friend to a rival at once. Returns those customers."""
    from simulation.word_of_mouth import kernels  # compiled (or loaded) on first use
    w = params.wom
    told = kernels.hear(positive, negative, pop.status, pop.expectation,
                        float(w.expectation_shift), ACTIVE)
    p_follow = 1.0 - (1.0 - w.follow_friend_prob) ** negative[told]
    return told[rng.random(told.size) < p_follow]


def among(people: np.ndarray, group: np.ndarray, n: int) -> np.ndarray:
    """Mask over `people`: who belongs to `group` (ids below n). A lookup table instead of
    `np.isin`, which sorts the message arrays."""
    member = np.zeros(max(n, 1), bool)
    member[group[group < n]] = True
    return member[people]


def first_teller(messages: Messages, adopters: np.ndarray) -> np.ndarray:
    """For each adopter (sorted), the teller of its first message: the referrer."""
    hit = among(messages.listener, adopters, messages.listener.max(initial=-1) + 1)
    listener, first = np.unique(messages.listener[hit], return_index=True)
    return messages.teller[hit][first]

