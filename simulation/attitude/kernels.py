"""Compiled passes over everyone for attitude: one loop each instead of
several whole-market numpy temporaries. Same arithmetic in the same precision as the
numpy it replaced (months and thresholds compared in float32, attitude moved in
float64 and stored as float32), so results do not change."""

from __future__ import annotations

import numba
import numpy as np

ACTIVE, LOST = 1, 2  # as in simulation.state


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
    keep_bad = (1.0 - k_criticism) ** criticism if criticism else 1.0
    keep_room = (1.0 - k_praise) ** praise if praise else 1.0
    return _shifted(attitude, praise, criticism, keep_room, keep_bad)


@numba.njit(cache=True)
def _shifted(attitude, praise, criticism, keep_room, keep_bad):
    """The shift itself, given the powers: the share of attitude bad news keeps and the
    share of the room to rise praise leaves."""
    after_bad = attitude * keep_bad if criticism else attitude * 1.0
    if praise:
        return 1.0 - (1.0 - after_bad) * keep_room
    return 1.0 - (1.0 - after_bad)


@numba.njit(cache=True)
def shift_all(attitude, praise, criticism, k_praise, k_criticism):
    out = np.empty(attitude.size)
    for i in range(attitude.size):
        out[i] = shift_one(attitude[i], praise[i], criticism[i], k_praise[i], k_criticism[i])
    return out


SMALL_COUNTS = 32  # message counts whose powers `listen` looks up instead of computing


@numba.njit(cache=True)
def _powers(impacts):
    """(1 - impact) ** n for n = 0 .. SMALL_COUNTS - 1, per listener kind: the same power
    `shift_one` computes, so a lookup gives bit-identical attitudes."""
    table = np.empty((impacts.size, SMALL_COUNTS))
    for c in range(impacts.size):
        for n in range(SMALL_COUNTS):
            table[c, n] = (1.0 - impacts[c]) ** np.float64(n)
    return table


@numba.njit(cache=True)
def _power(table, c, count, impact):
    """(1 - impact) ** count, looked up when count is a small whole number."""
    n = int(count)
    if n == count and n < SMALL_COUNTS:
        return table[c, n]
    return (1.0 - impact) ** count


@numba.njit(cache=True)
def listen(status, attitude, positive, negative, praise, criticism):
    """Attitude of everyone not lost who heard something; `praise` and `criticism` are
    the (prospect, customer) impacts of one unit. The listeners are found first without
    branches (who heard is unpredictable), then moved as `shift_one` moves them."""
    heard = np.empty(status.size, np.int64)
    k = 0
    for i in range(status.size):
        heard[k] = i
        k += ((positive[i] > 0) | (negative[i] > 0)) & (status[i] != LOST)
    up, down = _powers(praise), _powers(criticism)
    for j in range(k):
        i = heard[j]
        c = 1 if status[i] == ACTIVE else 0
        good, bad = positive[i], negative[i]
        attitude[i] = _shifted(attitude[i], good, bad, _power(up, c, good, praise[c]),
                               _power(down, c, bad, criticism[c]))


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
def at_risk(active, attitude, baseline, rate):
    """Positions in `active` of customers whose attitude fell below `baseline`, and their
    monthly hazard rate x (1 - attitude / baseline), in float32 as the attitude."""
    hazard = np.empty(active.size, np.float32)
    where = np.empty(active.size, np.int64)
    k = 0
    for j in range(active.size):
        h = rate * max(np.float32(1.0) - attitude[active[j]] / baseline, np.float32(0.0))
        where[k], hazard[k] = j, h
        k += h > 0
    return where[:k].copy(), hazard[:k].copy()
