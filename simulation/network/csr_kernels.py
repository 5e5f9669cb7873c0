"""Compiled symmetric-CSR assembly (count, place, then sort and de-duplicate each row),
and the ring lattice the small world starts from.

Memory stays near the output's own size (two int32 entries and a flag per tie plus two
row-pointer arrays), where sorting int64 keys of every tie needed about ten times that:
the difference between fitting ten million people in 3 GB or not.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def _row_pointers(n, u, v):
    """Row pointers for both directions of every tie but self loops; `u` and `v` are 2-D
    (see `symmetric_csr`)."""
    indptr = np.zeros(n + 1, np.int64)
    for c in range(u.shape[1]):
        for r in range(u.shape[0]):
            if u[r, c] != v[r, c]:
                indptr[u[r, c] + 1] += 1
                indptr[v[r, c] + 1] += 1
    for i in range(n):
        indptr[i + 1] += indptr[i]
    return indptr


@numba.njit(cache=True)
def _place(indptr, u, v, weak):
    """Both directions of each tie in its rows, unsorted; flag 1 marks a weak tie. Ties
    are taken a column of the 2-D `u`, `v` at a time (see `symmetric_csr`)."""
    cursor = indptr[:-1].copy()
    indices = np.empty(indptr[-1], np.int32)
    flags = np.zeros(indptr[-1], np.uint8)
    for c in range(u.shape[1]):
        for r in range(u.shape[0]):
            a, b = u[r, c], v[r, c]
            if a == b:
                continue
            w = weak[r, c] if weak.size else 0
            indices[cursor[a]], flags[cursor[a]] = b, w
            cursor[a] += 1
            indices[cursor[b]], flags[cursor[b]] = a, w
            cursor[b] += 1
    return indices, flags


@numba.njit(cache=True)
def _sort_in_place(keys, size):
    """Insertion sort for the short rows of a social network, numpy's sort for hubs."""
    if size > 32:
        keys[:size] = np.sort(keys[:size])
        return
    for j in range(1, size):
        key, i = keys[j], j - 1
        while i >= 0 and keys[i] > key:
            keys[i + 1] = keys[i]
            i -= 1
        keys[i + 1] = key


@numba.njit(cache=True)
def _sort_rows(indptr, indices, flags):
    """Sort each row, keep each neighbour once (strong if listed strong at all), compact
    in place; returns the new row pointers and the number of entries kept."""
    n = indptr.size - 1
    widest = 0
    for i in range(n):
        widest = max(widest, indptr[i + 1] - indptr[i])
    keys = np.empty(widest, np.int64)
    out = np.zeros(n + 1, np.int64)
    w = 0
    for i in range(n):
        lo, hi = indptr[i], indptr[i + 1]
        for j in range(lo, hi):
            keys[j - lo] = np.int64(indices[j]) * 2 + flags[j]
        _sort_in_place(keys, hi - lo)
        for j in range(hi - lo):
            if j == 0 or keys[j] >> 1 != keys[j - 1] >> 1:
                indices[w], flags[w] = keys[j] >> 1, keys[j] & 1
                w += 1
        out[i + 1] = w
    return out, w


def symmetric_csr(n: int, u: np.ndarray, v: np.ndarray, weak: np.ndarray, blocks: int = 1):
    """(indptr int64, indices int32, weak flags uint8) of the undirected ties u[e]-v[e];
    `weak` is empty when every tie is strong. With `blocks` > 1 the ties are taken in
    the order e = i, i + E/blocks, i + 2E/blocks, ... for i = 0, 1, ...: a ring lattice
    listed one neighbour distance at a time then fills each row in one sweep instead of
    one sweep per distance. The rows come out sorted, so the order changes nothing."""
    u, v = (x.reshape(blocks, -1) for x in (u, v))
    weak = weak.reshape(blocks, -1) if weak.size else weak.reshape(1, 0)
    indptr = _row_pointers(n, u, v)
    indices, flags = _place(indptr, u, v, weak)
    indptr, kept = _sort_rows(indptr, indices, flags)
    if kept < indices.size:  # repeated ties were dropped: give the spare memory back
        indices, flags = indices[:kept].copy(), flags[:kept].copy()
    return indptr, indices, flags


@numba.njit(cache=True)
def ring_lattice(n, half):
    """(half * n, 2) ties of a ring lattice: person i to i + j (mod n) for j = 1 .. half,
    listed one distance j at a time (the order the rewiring draws follow)."""
    edges = np.empty((half * n, 2), np.int64)
    for j in range(1, half + 1):
        base = (j - 1) * n
        for i in range(n):
            far = i + j
            edges[base + i, 0] = i
            edges[base + i, 1] = far % n if far >= n else far
    return edges
