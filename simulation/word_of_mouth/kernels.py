"""Compiled listener picking for word of mouth: one pass over the messages of a step.

A teller reaches a random run of distinct own ties; a reach beyond the ties goes to
ties of ties (a two-step walk) or, for `random_share` of those messages, to random
members of the market; nobody hears the same telling twice and nobody tells
themselves. Draws come from the model's own numpy Generator, passed in, so results
stay reproducible for a seed. Kernels compile on first use and are cached on disk.
"""

from __future__ import annotations

import numba
import numpy as np

REDRAWS = 8  # tries for a fresh listener; the last one draws from the whole market


@numba.njit(cache=True)
def _below(count, rng):
    """A uniform integer in [0, count): scaled double (Generator.integers is ~15x slower here)."""
    return np.int64(rng.random() * count)


@numba.njit(cache=True)
def _random_tie(indptr, indices, who, rng):
    return np.int64(indices[indptr[who] + _below(indptr[who + 1] - indptr[who], rng)])


@numba.njit(cache=True)
def _beyond_ties(indptr, indices, n, teller, random_share, rng):
    """A tie of a tie, or a random member of the market for the `random_share` (and for
    walks that lead back to the teller)."""
    if indptr[teller + 1] == indptr[teller] or (random_share > 0 and rng.random() < random_share):
        return _below(n, rng)
    friend = _random_tie(indptr, indices, teller, rng)
    if indptr[friend + 1] == indptr[friend]:
        return friend
    second = _random_tie(indptr, indices, friend, rng)
    return _below(n, rng) if second == teller else second  # a walk home: someone at random


@numba.njit(cache=True)
def _told(listener, begin, end, who):
    for j in range(begin, end):
        if listener[j] == who:
            return True
    return False


@numba.njit(cache=True)
def _fresh_beyond(indptr, indices, n, teller, listener, begin, end, random_share, rng):
    """A listener beyond the teller's ties whom this telling has not reached yet."""
    who = teller
    for attempt in range(REDRAWS):
        share = 1.0 if attempt == REDRAWS - 1 else random_share
        who = _beyond_ties(indptr, indices, n, teller, share, rng)
        if who != teller and not _told(listener, begin, end, who):
            return who
    return who


@numba.njit(cache=True)
def pick_on_ties(indptr, indices, strong, tellers, reach, random_share, rng):
    """(teller, listener, strong) per message on a CSR graph; `strong` may be empty."""
    n = indptr.size - 1
    total = reach.sum()
    teller_out = np.empty(total, np.int64)
    listener = np.empty(total, np.int64)
    strong_out = np.zeros(total, np.bool_)
    pos = 0
    for i in range(tellers.size):
        t, r = tellers[i], reach[i]
        lo, deg = indptr[tellers[i]], indptr[tellers[i] + 1] - indptr[tellers[i]]
        own = min(r, deg)
        start = _below(deg, rng) if own > 0 else 0
        for k in range(own):
            slot = lo + (start + k) % deg
            listener[pos + k] = indices[slot]
            strong_out[pos + k] = strong[slot] if strong.size else True
        for k in range(own, r):
            listener[pos + k] = _fresh_beyond(indptr, indices, n, t, listener, pos, pos + k,
                                              random_share, rng)
        teller_out[pos:pos + r] = t
        pos += r
    return teller_out, listener, strong_out


@numba.njit(cache=True)
def pick_anyone(n, tellers, reach, rng):
    """(teller, listener) per message when everyone knows everyone: distinct others."""
    total = reach.sum()
    teller_out = np.empty(total, np.int64)
    listener = np.empty(total, np.int64)
    pos = 0
    for i in range(tellers.size):
        t, r = tellers[i], reach[i]
        for k in range(r):
            for _ in range(REDRAWS):
                who = _below(n - 1, rng)
                who += who >= t
                if not _told(listener, pos, pos + k, who):
                    break
            listener[pos + k] = who
        teller_out[pos:pos + r] = t
        pos += r
    return teller_out, listener


@numba.njit(cache=True)
def hear(positive, negative, status, expectation, shift, active):
    """Praise raises each praised listener's expectation by `shift` per unit (float64,
    clipped to 0-1, stored as float32); returns the customers (status `active`) who heard
    bad news. One pass finds both groups without branches (who heard is unpredictable)."""
    praised = np.empty(status.size, np.int64)
    told = np.empty(status.size, np.int64)
    p = t = 0
    for i in range(status.size):
        praised[p], told[t] = i, i
        p += positive[i] > 0
        t += (negative[i] > 0) & (status[i] == active)
    for j in range(p):
        i = praised[j]
        raised = expectation[i] + shift * positive[i]
        expectation[i] = min(max(raised, 0.0), 1.0)
    return told[:t].copy()


def warm_up() -> None:
    """Compile the kernels (or load them from the disk cache) before any timed work."""
    indptr, indices = np.array([0, 1, 2]), np.array([1, 0], np.int32)
    one = np.ones(1, np.int64)
    pick_on_ties(indptr, indices, np.zeros(0, np.bool_), one, one * 3, 0.0,
                 np.random.default_rng(0))
    pick_anyone(3, one, one, np.random.default_rng(0))
