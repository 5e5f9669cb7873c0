"""Rejecters: prospects turned against the brand by bad news, who pass it on.

Rule (after Goldenberg, Libai, Moldovan & Muller 2007, "The NPV of bad news"): a
prospect whose attitude falls below `rejecter_threshold` rejects the brand. A rejecter
refuses every channel of acquisition for `rejecter_memory_months` (Goldenberg et al.
keep rejection for the product's life; a finite memory is a labelled assumption) and,
for the first `rejecter_talk_months`, retells the bad news at `rejecter_tell_rate` to
as many people as ordinary talk reaches (the positive reach; East, Hammond & Wright 2007
find the unhappy do not tell more people than the happy), each message weighing
`relay_strength`. Rejecters stop adopting and so stop passing on good news: rejection
blocks diffusion ("social anti-percolation"). Bad news travels over weak ties exactly
as good news does: each message carries its tie's influence.
"""

from __future__ import annotations

import numpy as np

from simulation.clock import Clock
from simulation.network import SocialGraph
from simulation.parameters.params import Params
from simulation.state import Population, happening
from simulation.word_of_mouth import Messages, draw_messages


def reject(pop: Population, params: Params, clock: Clock) -> np.ndarray:
    """Prospects whose attitude just fell below the threshold become rejecters."""
    a = params.attitude
    if not a.attitude_enabled:
        return np.zeros(0, np.int64)
    from simulation.rejecters.kernels import reject as reject_all  # compiled on first use
    return reject_all(pop.status, pop.rejecter, pop.rejected_at, pop.attitude,
                      np.float32(a.rejecter_threshold), np.float32(clock.end))


def forgive(pop: Population, params: Params, clock: Clock) -> None:
    """Rejecters whose memory of the bad news has run out become prospects again."""
    from simulation.rejecters.kernels import forgive as forgive_all  # compiled on first use
    forgive_all(pop.rejecter, pop.rejected_at, np.float32(clock.end),
                np.float32(params.attitude.rejecter_memory_months))


def talking(pop: Population, params: Params, clock: Clock) -> np.ndarray:
    """Rejecters still fresh enough to retell the bad news."""
    from simulation.rejecters.kernels import talking as talking_all  # compiled on first use
    return talking_all(pop.status, pop.rejecter, pop.rejected_at, np.float32(clock.end),
                       np.float32(params.attitude.rejecter_talk_months))


def retell(pop: Population, graph: SocialGraph, params: Params, clock: Clock,
           rng: np.random.Generator) -> Messages:
    """This step's second-hand bad news from talking rejecters."""
    if not params.attitude.attitude_enabled:
        return Messages.empty()
    talkers = talking(pop, params, clock)
    a, w = params.attitude, params.wom
    telling = happening(talkers, a.rejecter_tell_rate, clock.dt, rng)
    relayed = draw_messages(graph, telling, w.positive_reach_min, w.positive_reach_max, 0.0,
                            params, rng)
    relayed.weight *= np.float32(a.relay_strength)
    return relayed
