"""Word of mouth by brand: a message is about its teller's firm (the firm they are, or
were last, a customer of). What a customer hears about their own firm moves them fully;
talk about a rival moves them a little the other way (`cross_brand_weight`): a praised
rival is a little bad news about their own firm, bad news about a rival a little praise.
Prospects weigh every message alike: they judge the category. A message whose teller was
never anyone's customer (a rejecter retelling) is about the category too.

A prospect's chance to become a firm's customer counts praise about that firm fully and
praise about a rival or the category at `cross_brand_adoption` (the category effect of
Libai, Muller & Peres 2009: hearing about any brand moves a prospect towards the
category, hearing about the brand itself moves them more).
"""

from __future__ import annotations

import numpy as np

from simulation.state import ACTIVE, Population
from simulation.word_of_mouth import Messages


def about(pop: Population, messages: Messages) -> np.ndarray:
    """The brand of each message: its teller's firm (-1: the category)."""
    return pop.firm[messages.teller]


def for_adoption(pop: Population, messages: Messages, firms: int,
                 cross_brand_adoption: float) -> list[Messages]:
    """Per firm, the praise that draws prospects to it: the messages about it at their
    weight, then every other message (about a rival or the category) at
    `cross_brand_adoption` of its weight. Own-brand messages come first, so a customer won
    by word of mouth is credited to a teller of their new firm's brand when they heard one."""
    brand = about(pop, messages)
    out = []
    for k in range(firms):
        mine = brand == k
        other = ~mine if cross_brand_adoption > 0 else np.zeros_like(mine)
        out.append(Messages(
            np.concatenate([messages.teller[mine], messages.teller[other]]),
            np.concatenate([messages.listener[mine], messages.listener[other]]),
            np.concatenate([messages.weight[mine],
                            messages.weight[other] * np.float32(cross_brand_adoption)]), 0))
    return out


def split_own(pop: Population, messages: Messages) -> tuple[np.ndarray, np.ndarray]:
    """Per listener, the weighted messages about their own firm (everything, for people
    who are not customers) and about a rival."""
    own_firm = np.where(pop.status == ACTIVE, pop.firm, -1)
    brand, listener_firm = about(pop, messages), own_firm[messages.listener]
    own = (listener_firm < 0) | (brand < 0) | (brand == listener_firm)
    n = pop.n
    return (np.bincount(messages.listener[own], weights=messages.weight[own], minlength=n),
            np.bincount(messages.listener[~own], weights=messages.weight[~own], minlength=n))


def as_heard(pop: Population, positive: Messages, negative: Messages,
             cross_brand_weight: float) -> tuple[np.ndarray, np.ndarray]:
    """Praise and bad news per person as they bear on the person's own firm."""
    praise_own, praise_rival = split_own(pop, positive)
    bad_own, bad_rival = split_own(pop, negative)
    return (praise_own + cross_brand_weight * bad_rival,
            bad_own + cross_brand_weight * praise_rival)
