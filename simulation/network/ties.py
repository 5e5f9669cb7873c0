"""Vectorised random-graph generators behind :mod:`simulation.network`.

Each generator returns an ``(E, 2)`` int64 array of undirected ties and runs in time roughly
linear in ``E``, so million-person networks build in seconds without per-person Python loops.
The arrays may hold the odd self loop or repeated tie; the CSR builder in ``network`` drops them.
"""

from collections.abc import Callable

import numpy as np

MAX_ROUNDS = 64  # redraw rounds before giving up on a rare unresolvable clash


def _pair_key(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """One int64 per unordered pair (low id in the high 32 bits), so pairs sort and compare fast."""
    return np.minimum(u, v) << 32 | np.maximum(u, v)


def _key_to_pairs(keys: np.ndarray) -> np.ndarray:
    """Inverse of :func:`_pair_key` as an ``(E, 2)`` edge array."""
    return np.column_stack([keys >> 32, keys & 0xFFFFFFFF])


def _in_sorted(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Membership of ``keys`` in an ascending array, by binary search."""
    if sorted_keys.size == 0:
        return np.zeros(keys.shape, bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), sorted_keys.size - 1)
    return sorted_keys[pos] == keys


def _later_repeats(keys: np.ndarray) -> np.ndarray:
    """True where a key equals an earlier key in the same array (first occurrence is kept)."""
    order = np.argsort(keys, kind="stable")
    repeat = np.zeros(keys.shape, bool)
    repeat[order[1:]] = keys[order[1:]] == keys[order[:-1]]
    return repeat


def watts_strogatz_edges(n: int, k: int, rewire_prob: float, rng: np.random.Generator):
    """Ring lattice (k/2 neighbours each side); each tie moves its far end w.p. rewire_prob.

    Built in place and in slices, so memory stays near the result's own 16 bytes a tie.
    """
    from simulation.network.csr_kernels import ring_lattice  # compiled on first use
    half = k // 2
    edges = ring_lattice(n, half)
    moved = _chance_hits(edges.shape[0], rewire_prob, rng)
    if moved.size:  # new ends avoid every lattice tie, so a failed move can keep its own
        u, v = edges[moved, 0], edges[moved, 1]
        edges[moved, 1] = _rewire(u, v, lambda a, b: _ring_distance(a, b, n) <= half, n, rng)
    return edges


def _chance_hits(count: int, prob: float, rng: np.random.Generator, chunk: int = 1 << 22):
    """Indices among `count` trials that succeed w.p. `prob` (the same draws as one
    ``rng.random(count) < prob``, taken a slice at a time)."""
    hits = [np.flatnonzero(rng.random(min(chunk, count - at)) < prob) + at
            for at in range(0, count, chunk)]
    return np.concatenate(hits) if hits else np.zeros(0, np.int64)


def _ring_distance(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    gap = np.abs(a - b)
    return np.minimum(gap, n - gap)


def _rewire(u, old_v, in_lattice, n, rng):
    """New far ends for moved ties, redrawn until none is a self loop or repeats an existing tie
    (a lattice tie, by `in_lattice(u, v)`, or a tie already rewired)."""
    new_v = rng.integers(0, n, u.size)
    todo = np.arange(u.size)
    taken = np.zeros(0, np.int64)
    for _ in range(MAX_ROUNDS):
        keys = _pair_key(u[todo], new_v[todo])
        bad = ((u[todo] == new_v[todo]) | in_lattice(u[todo], new_v[todo])
               | _in_sorted(keys, taken) | _later_repeats(keys))
        if not bad.any():
            return new_v
        taken = np.sort(np.concatenate([taken, keys[~bad]]))
        todo = todo[bad]
        new_v[todo] = rng.integers(0, n, todo.size)
    new_v[todo] = old_v[todo]  # no free partner found (dense graph): keep the lattice tie
    return new_v


def _sorted_unique(keys: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique's hash path is several times slower on large arrays)."""
    keys = np.sort(keys)
    return keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if keys.size else keys


def _distinct_pairs(count: int, propose: Callable[[int], tuple], rng: np.random.Generator):
    """``count`` distinct pair keys from ``propose(size) -> (u, v)``; uniform if proposals are."""
    keys = np.empty(0, np.int64)
    while keys.size < count:
        need = count - keys.size
        u, v = propose(need + need // 8 + 16)
        keys = _sorted_unique(np.concatenate([keys, _pair_key(u[u != v], v[u != v])]))
    return rng.choice(keys, count, replace=False) if keys.size > count else keys


def gnp_edges(n: int, p: float, rng: np.random.Generator) -> np.ndarray:
    """Erdos-Renyi G(n, p): a binomial number of ties placed on uniformly random distinct pairs."""
    total = n * (n - 1) // 2
    count = int(rng.binomial(total, p)) if total else 0
    if count > total // 2:  # dense (small n only): test every pair instead of rejection sampling
        u, v = np.triu_indices(n, 1)
        hit = rng.random(total) < p
        return np.column_stack([u[hit], v[hit]]).astype(np.int64)

    def propose(size):
        return rng.integers(0, n, size), rng.integers(0, n, size)

    return _key_to_pairs(_distinct_pairs(count, propose, rng))


def community_edges(sizes: np.ndarray, strong_degree: float, weak_degree: float, rng):
    """Strong ties inside communities, weak ties across them; returns ``(edges, strong)``.

    As in Goldenberg, Libai & Muller (2001) each person gets a set number of each kind of tie
    (the targets, randomly rounded), paired at random like a configuration model.
    """
    label = np.repeat(np.arange(sizes.size, dtype=np.int64), sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    if strong_degree <= (sizes.min() - 1) / 2:
        strong = _match_stubs(_stubs(label, sizes, starts, strong_degree, rng), label, False, rng)
    else:  # dense communities: pair up the missing ties instead and keep all the others
        absent = sizes[label] - 1 - strong_degree
        missing = _match_stubs(_stubs(label, sizes, starts, absent, rng), label, False, rng)
        every = _pair_key(*_all_pairs_within(sizes, starts).T)
        strong = every[~_in_sorted(every, np.sort(missing))]
    one = np.zeros(1, np.int64)
    weak_stubs = _stubs(np.zeros_like(label), sizes.sum(keepdims=True), one, weak_degree, rng)
    weak = _match_stubs(weak_stubs, label, True, rng)
    flags = np.concatenate([np.ones(strong.size, bool), np.zeros(weak.size, bool)])
    return _key_to_pairs(np.concatenate([strong, weak])), flags


def _all_pairs_within(sizes, starts):
    """Every unordered pair that shares a community, as an ``(E, 2)`` array."""
    parts = [np.empty((0, 2), np.int64)]
    for size in np.unique(sizes):
        iu, iv = np.triu_indices(int(size), 1)
        first = starts[sizes == size][:, None]
        parts.append(np.column_stack([(first + iu).ravel(), (first + iv).ravel()]))
    return np.concatenate(parts)


def _stubs(group, sizes, starts, degree, rng):
    """Tie ends per person (degree rounded up or down at random), even within each group."""
    count = np.floor(degree) + (rng.random(group.size) < degree % 1)
    odd = np.flatnonzero(np.bincount(group, weights=count, minlength=sizes.size) % 2)
    count[starts[odd] + rng.integers(0, sizes[odd])] += 1  # one more end for an odd group
    return np.repeat(np.arange(group.size, dtype=np.int64), count.astype(np.int64))


def _match_stubs(owner, label, across, rng):
    """Pair keys of tie ends paired at random, within a community (or across, if ``across``).

    Self, repeated or wrong-side pairs go back for re-pairing; the rare unpairable rest is dropped.
    """
    kept, first, later = [], np.empty(0, np.int64), np.empty(0, np.int64)
    for round_ in range(MAX_ROUNDS):
        group = np.zeros_like(owner) if across else label[owner]
        owner = owner[np.argsort(group << 32 | rng.integers(0, 1 << 32, owner.size))]
        u, v = owner[0 : owner.size - 1 : 2], owner[1::2]
        keys = _pair_key(u, v)
        bad = (u == v) | ((label[u] != label[v]) != across) | _later_repeats(keys)
        bad |= _in_sorted(keys, first) | _in_sorted(keys, later)
        kept.append(keys[~bad])
        if bad.all() or bad.sum() == 0:
            break
        if round_ == 0:
            first = np.sort(kept[0])  # the bulk, sorted once; later rounds add few ties
        else:
            later = np.sort(np.concatenate(kept[1:]))
        owner = np.concatenate([u[bad], v[bad], owner[2 * u.size :]])
    return np.concatenate(kept)


# Preferential attachment works on the "repeated nodes" list of Barabasi-Albert growth: the list
# holds both ends of every tie, so a uniform position is a degree-proportional pick of a person.
