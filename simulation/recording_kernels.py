"""Compiled market tally: the counts a step's row records, in one pass over everyone.

Reading each person's status, satisfaction, escalation, rejection and queue flag once
replaces a dozen whole-market numpy temporaries (masks, gathers, level arrays) per step.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def tally(status, satisfaction, escalation, rejecter, waiting, codes):
    """(people by status, customers by survey level 1-5 at [1..5], enemies, prospect
    rejecters, queued complaints); `codes` = (prospect, active, enemy escalation)."""
    prospect, active, enemy = codes
    by_status = np.zeros(3, np.int64)
    levels = np.zeros(6, np.int64)
    enemies = rejecters = queued = 0
    for i in range(status.size):
        s = status[i]
        by_status[s] += 1
        if s == active:  # the survey scale: clip(floor(satisfaction + 0.5), 1, 5)
            levels[int(min(max(np.floor(satisfaction[i] + np.float32(0.5)), 1.0), 5.0))] += 1
        if s != prospect and escalation[i] == enemy:
            enemies += 1
        if s == prospect and rejecter[i]:
            rejecters += 1
        if waiting[i]:
            queued += 1
    return by_status, levels, enemies, rejecters, queued
