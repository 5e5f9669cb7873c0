"""Compiled passes over everyone for rejecters: who forgets, who rejects, who still
talks. Months and thresholds are compared in float32, as the stored months, so results
match the numpy they replaced."""

from __future__ import annotations

import numba
import numpy as np

from simulation.state import PROSPECT


@numba.njit(cache=True)
def forgive(rejecter, rejected_at, month, memory):
    """Rejecters whose memory of the bad news has run out become prospects again
    (`month` and `memory` float32, as the stored months)."""
    for i in range(rejecter.size):
        if rejecter[i] and month - rejected_at[i] >= memory:
            rejecter[i] = False


@numba.njit(cache=True)
def reject(status, rejecter, rejected_at, attitude, threshold, month):
    """Prospects whose attitude just fell below the threshold become rejecters."""
    new = np.empty(status.size, np.int64)
    k = 0
    for i in range(status.size):  # without branches: the few hits are written in place
        new[k] = i
        k += (status[i] == PROSPECT) & (not rejecter[i]) & (attitude[i] < threshold)
    turned = new[:k].copy()
    for i in turned:
        rejecter[i], rejected_at[i] = True, month
    return turned


@numba.njit(cache=True)
def talking(status, rejecter, rejected_at, month, talk_months):
    """Rejecters still fresh enough to retell the bad news."""
    fresh = np.empty(status.size, np.int64)
    k = 0
    for i in range(status.size):
        fresh[k] = i
        k += rejecter[i] & (status[i] == PROSPECT) & (month - rejected_at[i] < talk_months)
    return fresh[:k].copy()
