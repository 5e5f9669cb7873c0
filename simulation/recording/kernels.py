"""Compiled market tally: the counts a step's row records, in one pass over everyone.

Reading each person's status, satisfaction, escalation, rejection and queue flag once
replaces a dozen whole-market numpy temporaries (masks, gathers, level arrays) per step.
The loop only adds comparisons into scalar counters (no branches, no scattered
increments), so the compiler vectorises it.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def tally(status, satisfaction, escalation, rejecter, waiting, codes):
    """(prospects, customers, customers by survey level 1-5 at [1..5], enemies, prospect
    rejecters, queued complaints); `codes` = (prospect, active, enemy escalation)."""
    prospect, active, enemy = codes
    prospects = customers = enemies = rejecters = queued = 0
    below2 = below3 = below4 = below5 = 0  # customers whose survey level is under k
    for i in range(status.size):
        customer, prospective = status[i] == active, status[i] == prospect
        # the survey scale is clip(floor(satisfaction + 0.5), 1, 5): level < k iff y < k
        y = satisfaction[i] + np.float32(0.5)
        customers += customer
        prospects += prospective
        below2 += customer & (y < 2.0)
        below3 += customer & (y < 3.0)
        below4 += customer & (y < 4.0)
        below5 += customer & (y < 5.0)
        enemies += (not prospective) & (escalation[i] == enemy)
        rejecters += prospective & rejecter[i]
        queued += waiting[i]
    levels = np.array([0, below2, below3 - below2, below4 - below3, below5 - below4,
                       customers - below5])
    return prospects, customers, levels, enemies, rejecters, queued
