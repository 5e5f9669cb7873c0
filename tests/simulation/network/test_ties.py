"""Tie drawing: rewiring chances drawn in slices, the ring lattice, the CSR builder."""

import numpy as np
import pytest


def test_rewiring_chances_drawn_in_slices_are_the_draws_of_one_call():
    from simulation.network.ties import _chance_hits
    whole = np.flatnonzero(np.random.default_rng(3).random(10_000) < 0.1)
    sliced = _chance_hits(10_000, 0.1, np.random.default_rng(3), chunk=999)
    np.testing.assert_array_equal(whole, sliced)


@pytest.mark.parametrize("n, half", [(1, 0), (2, 1), (7, 3), (1000, 5)])
def test_the_compiled_ring_lattice_is_the_numpy_one(n, half):
    """Each distance j at a time, person i to (i + j) mod n: as numpy writes it."""
    from simulation.network.csr_kernels import ring_lattice
    people = np.arange(n, dtype=np.int64)
    expected = np.concatenate([np.column_stack([people, (people + j) % n])
                               for j in range(1, half + 1)] or [np.zeros((0, 2), np.int64)])
    np.testing.assert_array_equal(ring_lattice(n, half), expected)


@pytest.mark.parametrize("blocks", [2, 5])
def test_ties_read_in_blocks_give_the_same_rows(blocks):
    """Reading the ties side by side in blocks changes only the order they are placed in
    (repeats, self loops and mixed strengths included): the same CSR arrays."""
    from simulation.network.csr_kernels import symmetric_csr
    rng = np.random.default_rng(blocks)
    u, v = rng.integers(0, 300, (2, 6000))
    v[::97] = u[::97]                                  # self loops
    u[1::50], v[1::50] = v[::50][:u[1::50].size], u[::50][:u[1::50].size]  # repeats
    weak = (rng.random(6000) < 0.3).view(np.uint8)
    for flags in (weak, np.zeros(0, np.uint8)):
        one = symmetric_csr(300, u, v, flags)
        many = symmetric_csr(300, u, v, flags, blocks)
        for a, b in zip(one, many):
            np.testing.assert_array_equal(a, b)
