"""Compiled passes over everyone for attitude and rejecters: one loop each instead of
several whole-market numpy temporaries. Same arithmetic in the same precision as the
numpy it replaced (months and thresholds compared in float32, attitude moved in
float64 and stored as float32), so results do not change."""

from __future__ import annotations

import numba
import numpy as np

PROSPECT, ACTIVE, LOST = 0, 1, 2  # as in simulation.state


@numba.njit(cache=True)
def fade(status, attitude, customer_base, prospect_base, keep):
    """Attitude relaxes toward the baseline of each person's status."""
    for i in range(status.size):
        base = customer_base if status[i] == ACTIVE else prospect_base
        attitude[i] = base + (attitude[i] - base) * keep


@numba.njit(cache=True)
def shift_one(attitude, praise, criticism, k_praise, k_criticism):
    """Attitude after `criticism` units of bad news, then `praise` units of praise, each
    unit applied on the attitude left by the one before (latitude)."""
    # x ** 0 is exactly 1: a count of zero skips its power, with bit-identical results
    after_bad = attitude * (1.0 - k_criticism) ** criticism if criticism else attitude * 1.0
    if praise:
        return 1.0 - (1.0 - after_bad) * (1.0 - k_praise) ** praise
    return 1.0 - (1.0 - after_bad)


@numba.njit(cache=True)
def shift_all(attitude, praise, criticism, k_praise, k_criticism):
    out = np.empty(attitude.size)
    for i in range(attitude.size):
        out[i] = shift_one(attitude[i], praise[i], criticism[i], k_praise[i], k_criticism[i])
    return out


@numba.njit(cache=True)
def listen(status, attitude, positive, negative, praise, criticism):
    """Attitude of everyone not lost who heard something; `praise` and `criticism` are
    the (prospect, customer) impacts of one unit."""
    for i in range(status.size):
        if (positive[i] > 0 or negative[i] > 0) and status[i] != LOST:
            c = 1 if status[i] == ACTIVE else 0
            attitude[i] = shift_one(attitude[i], positive[i], negative[i], praise[c],
                                    criticism[c])


@numba.njit(cache=True)
def accept_one(attitude, rejecter, baseline):
    """Factor on a prospect's adoption chance: attitude / baseline, at most 1; 0 for a
    rejecter (float32, as the attitude)."""
    return np.float32(0.0) if rejecter else min(attitude / baseline, np.float32(1.0))


@numba.njit(cache=True)
def acceptance(idx, attitude, rejecter, baseline):
    out = np.empty(idx.size, np.float32)
    for j in range(idx.size):
        out[j] = accept_one(attitude[idx[j]], rejecter[idx[j]], baseline)
    return out


@numba.njit(cache=True)
def forgive(rejecter, rejected_at, month, memory):
    """Rejecters whose memory of the bad news has run out become prospects again
    (`month` and `memory` float32, as the stored months)."""
    for i in range(rejecter.size):
        if rejecter[i] and month - rejected_at[i] >= memory:
            rejecter[i] = False


@numba.njit(cache=True)
def _where(mask_count, mask):
    out = np.empty(mask_count, np.int64)
    k = 0
    for i in range(mask.size):
        if mask[i]:
            out[k] = i
            k += 1
    return out


@numba.njit(cache=True)
def reject(status, rejecter, rejected_at, attitude, threshold, month):
    """Prospects whose attitude just fell below the threshold become rejecters."""
    new = np.zeros(status.size, np.bool_)
    count = 0
    for i in range(status.size):
        if status[i] == PROSPECT and not rejecter[i] and attitude[i] < threshold:
            new[i], rejecter[i], rejected_at[i] = True, True, month
            count += 1
    return _where(count, new)


@numba.njit(cache=True)
def talking(status, rejecter, rejected_at, month, talk_months):
    """Rejecters still fresh enough to retell the bad news."""
    fresh = np.zeros(status.size, np.bool_)
    count = 0
    for i in range(status.size):
        if rejecter[i] and status[i] == PROSPECT and month - rejected_at[i] < talk_months:
            fresh[i] = True
            count += 1
    return _where(count, fresh)
