"""Preferential attachment behind the scale-free networks: Barabasi-Albert growth, and
Holme-Kim growth with triad formation (clustering). Like the other tie generators they
return an ``(E, 2)`` int64 array of undirected ties.
"""

import random
from array import array

import numpy as np

from simulation.network.ties import MAX_ROUNDS

# Positions come in groups of 2m: group 0 is the starting star (m copies of hub 0, then leaves
# 1..m); group g >= 1 is newcomer m+g: the far ends of its m ties, then m copies of itself. A
# newcomer's tie copies the person at a uniform position below its own group, so all far ends
# resolve at once by following pointers back in time. Newcomers go in chunks of doubling size so
# that repeats (two ties to one person) are redrawn against settled earlier chunks, as sequential
# growth does; this reproduces nx.barabasi_albert_graph's process in linear time.


def barabasi_albert_edges(n: int, m: int, rng: np.random.Generator) -> np.ndarray:
    """Barabasi-Albert growth from an (m+1)-star: each newcomer ties to m people by degree."""
    blocks = n - m - 1
    src = np.empty(blocks * m, np.int64)  # list position each newcomer tie copies its far end from
    far = np.empty(blocks * m, np.int64)  # far end (person id) of each newcomer tie
    start = 0
    while start < blocks:
        stop = min(blocks, 2 * start + 1)
        _grow_chunk(start, stop, m, src, far, rng)
        start = stop
    newcomer = np.repeat(np.arange(m + 1, n, dtype=np.int64), m)
    return np.concatenate([_star(m), np.column_stack([newcomer, far])])


def _star(m: int) -> np.ndarray:
    """Starting graph of both growth models: hub 0 tied to people 1..m."""
    return np.column_stack([np.zeros(m, np.int64), np.arange(1, m + 1, dtype=np.int64)])


def _grow_chunk(b0, b1, m, src, far, rng):
    """Ties of newcomers b0..b1-1 (0-based); repeats are redrawn until each has m distinct."""
    e0, e1 = b0 * m, b1 * m
    seen = 2 * m * np.arange(b0 + 1, b1 + 1, dtype=np.int64)  # list length before each newcomer
    limit = np.broadcast_to(seen[:, None], (b1 - b0, m))
    draws = rng.integers(0, limit)
    for _ in range(MAX_ROUNDS):
        src[e0:e1] = draws.ravel()
        _resolve(e0, e1, m, src, far)
        repeat = _row_repeats(far[e0:e1].reshape(draws.shape))
        if not repeat.any():
            return
        draws[repeat] = rng.integers(0, limit[repeat])


def _resolve(e0, e1, m, src, far):
    """Person ids of ties e0..e1-1 from source positions; chains in the chunk by pointer jumping."""
    group, off = np.divmod(src[e0:e1], 2 * m)
    person = np.where(off >= m, np.where(group > 0, m + group, off - m + 1), 0)
    ref = np.where((off < m) & (group > 0), (group - 1) * m + off, -1)
    settled = (ref >= 0) & (ref < e0)
    person[settled] = far[ref[settled]]
    far[e0:e1] = _follow(person, np.where(ref >= e0, ref - e0, -1))


def _follow(value: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Set value[i] = value[ref[i]] along chains (ref[i] < i, -1 = final) by pointer jumping."""
    ref = ref.copy()
    todo = np.flatnonzero(ref >= 0)
    while todo.size:
        step = ref[todo]
        beyond = ref[step]
        done = beyond < 0
        value[todo[done]] = value[step[done]]
        ref[todo[done]] = -1
        todo = todo[~done]
        ref[todo] = beyond[~done]
    return value


def _row_repeats(rows: np.ndarray) -> np.ndarray:
    """True where a row entry equals an earlier entry of the same row."""
    order = np.argsort(rows, axis=1, kind="stable")
    ordered = np.take_along_axis(rows, order, axis=1)
    repeat = np.zeros(rows.shape, bool)
    np.put_along_axis(repeat, order[:, 1:], ordered[:, 1:] == ordered[:, :-1], axis=1)
    return repeat


def holme_kim_edges(n: int, m: int, triangle_prob: float, rng: np.random.Generator) -> np.ndarray:
    """Holme-Kim growth from an (m+1)-star: after a degree-proportional tie, each further tie
    closes a triangle w.p. triangle_prob (a random neighbour of the last such target).

    Triads depend on the graph so far, so this is a tight sequential loop (~10 s per million).
    """
    rand = random.Random(int(rng.integers(2**63))).random
    adj = [[] for _ in range(n)]
    adj[0] = list(range(1, m + 1))
    for leaf in range(1, m + 1):
        adj[leaf].append(0)
    repeated = [0] * m + list(range(1, m + 1))
    far = array("q")
    for newcomer in range(m + 1, n):
        picks = _holme_kim_step(adj, repeated, m, triangle_prob, rand)
        for person in picks:
            adj[person].append(newcomer)
        adj[newcomer] = picks
        repeated += picks
        repeated += [newcomer] * m
        far.extend(picks)
    newcomers = np.repeat(np.arange(m + 1, n, dtype=np.int64), m)
    return np.concatenate([_star(m), np.column_stack([newcomers, np.frombuffer(far, np.int64)])])


def _holme_kim_step(adj, repeated, m, triangle_prob, rand):
    """m distinct contacts of one newcomer: attachment by degree, or triad formation."""
    size = len(repeated)
    target = repeated[int(rand() * size)]
    picks = [target]
    while len(picks) < m:
        if rand() < triangle_prob:
            friend = _free_neighbour(adj[target], picks, rand)
            if friend >= 0:
                picks.append(friend)
                continue
        target = repeated[int(rand() * size)]
        while target in picks:
            target = repeated[int(rand() * size)]
        picks.append(target)
    return picks


def _free_neighbour(neighbours, picks, rand):
    """Uniform neighbour not yet in picks (-1 if none): a few quick tries, then an exact filter."""
    for _ in range(4):
        friend = neighbours[int(rand() * len(neighbours))]
        if friend not in picks:
            return friend
    free = [friend for friend in neighbours if friend not in picks]
    return free[int(rand() * len(free))] if free else -1
