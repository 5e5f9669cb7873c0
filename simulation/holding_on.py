"""Holding on: customers who would leave for dissatisfaction but stay, because they are a
large account with no critical incident yet (inertia, `segments`), because their months
as a customer cushion a complaint (loyalty buffer, `tenure`) or because a save offer still
works (`save_desk`). All off unless the parameters turn them on; then each draws from the
phase's own stream, and otherwise nothing is drawn.
"""

from __future__ import annotations

import numpy as np

from simulation import save_desk, segments, tenure
from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.state import Population


def after_episodes(pop: Population, done: np.ndarray, outcome: np.ndarray,
                   stays: np.ndarray, leavers: np.ndarray, causes: np.ndarray,
                   params: Params, clock: Clock, rng: np.random.Generator
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Closed episodes: note critical incidents, then hold back some of the leavers;
    returns (stays over `done`, leavers, their causes) as `complaints.close_episodes`."""
    segments.mark_incidents(pop, done, outcome)
    leave = (segments.inertia_keeps(pop, leavers, params, rng)
             & tenure.buffer_keeps(pop, leavers, params, clock, rng)
             & save_desk.keeps(pop, leavers, params, rng))
    if leave.all():
        return stays, leavers, causes
    stays = stays.copy()
    stays[np.flatnonzero(~stays)[~leave]] = True
    return stays, leavers[leave], causes[leave]


def dissatisfied(pop: Population, leavers: np.ndarray, params: Params,
                 rng: np.random.Generator) -> np.ndarray:
    """Of customers leaving for a soured attitude or a friend's word, those who do."""
    return leavers[segments.inertia_keeps(pop, leavers, params, rng)
                   & save_desk.keeps(pop, leavers, params, rng)]
