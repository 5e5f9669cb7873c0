"""Compiled rejecters' passes: exactly what the plain numpy rule in `reference.py` does."""

import numpy as np
import pytest

from simulation.rejecters import kernels
from simulation.state import ACTIVE, LOST, PROSPECT
from tests.simulation.rejecters import reference


def people(seed, n=5000):
    """A mixed market: some rejecters of various ages, attitudes around the threshold."""
    rng = np.random.default_rng(seed)
    status = rng.choice(np.array([PROSPECT, ACTIVE, LOST], np.int8), n, p=[0.6, 0.3, 0.1])
    rejecter = rng.random(n) < 0.3
    rejected_at = np.where(rejecter, rng.integers(0, 40, n), 0).astype(np.float32)
    attitude = rng.random(n, dtype=np.float32)
    return status, rejecter, rejected_at, attitude


@pytest.mark.parametrize("seed", range(5))
def test_each_pass_does_exactly_what_the_numpy_rule_does(seed):
    month, threshold = np.float32(36.0), np.float32(0.2)
    a, b = people(seed), people(seed)
    np.testing.assert_array_equal(kernels.talking(*a[:3], month, np.float32(3.0)),
                                  reference.talking(*b[:3], month, np.float32(3.0)))
    got = kernels.reject(*a, threshold, month)
    want = reference.reject(*b, threshold, month)
    np.testing.assert_array_equal(got, want)
    assert want.size > 0
    kernels.forgive(a[1], a[2], month, np.float32(12.0))
    reference.forgive(b[1], b[2], month, np.float32(12.0))
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert 0 < b[1].sum() < b[1].size    # some forgiven, some still rejecting
