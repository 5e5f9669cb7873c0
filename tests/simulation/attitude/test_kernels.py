"""Compiled attitude passes: exactly what the plain numpy rule in `reference.py` does."""

import numpy as np
import pytest

from simulation.attitude import kernels
from simulation.state import ACTIVE, LOST, PROSPECT
from tests.simulation.attitude import reference

PRAISE, CRITICISM = np.array([0.3, 0.15]), np.array([0.4, 0.1])   # (prospect, customer)


def market(seed, n=20_000):
    """Prospects, customers and the lost; attitudes anywhere; message counts that are
    mostly zero, often small whole numbers (looked up) and sometimes weighted (computed)."""
    rng = np.random.default_rng(seed)
    status = rng.choice(np.array([PROSPECT, ACTIVE, LOST], np.int8), n, p=[0.5, 0.4, 0.1])
    attitude = rng.random(n, dtype=np.float32)
    counts = []
    for _ in range(2):
        whole = rng.poisson(0.8, n).astype(np.float64)
        weighted = whole * rng.choice([0.5, 1.0, 2.0], n)
        counts.append(np.where(rng.random(n) < 0.3, weighted, whole))
        counts[-1][rng.random(n) < 0.01] = 40.0          # beyond the looked-up counts
    return status, attitude, counts[0], counts[1]


@pytest.mark.parametrize("seed", range(4))
def test_listening_moves_everyone_exactly_as_the_numpy_rule(seed):
    status, a, positive, negative = market(seed)
    b = a.copy()
    kernels.listen(status, a, positive, negative, PRAISE, CRITICISM)
    reference.listen(status, b, positive, negative, PRAISE, CRITICISM)
    np.testing.assert_array_equal(a, b)
    assert (a != market(seed)[1]).mean() > 0.3     # the pass moved many people


@pytest.mark.parametrize("seed", range(4))
def test_fading_and_the_single_shift_are_the_numpy_rule(seed):
    status, a, positive, negative = market(seed)
    b = a.copy()
    kernels.fade(status, a, 0.8, 0.5, np.float32(np.exp(-1 / 12)))
    reference.fade(status, b, 0.8, 0.5, np.float32(np.exp(-1 / 12)))
    np.testing.assert_array_equal(a, b)
    k_praise, k_bad = PRAISE[(status == ACTIVE).astype(int)], CRITICISM[(status == ACTIVE).astype(int)]
    args = (a.astype(np.float64), positive, negative, k_praise, k_bad)
    np.testing.assert_array_equal(kernels.shift_all(*args), reference.shifted(*args))


@pytest.mark.parametrize("seed", range(4))
def test_acceptance_is_the_numpy_rule(seed):
    status, attitude, _, _ = market(seed)
    rejecter = np.random.default_rng(seed).random(attitude.size) < 0.2
    idx = np.flatnonzero(status == PROSPECT)
    got = kernels.acceptance(idx, attitude, rejecter, np.float32(0.5))
    want = reference.acceptance(idx, attitude, rejecter, np.float32(0.5))
    assert got.dtype == want.dtype == np.float32
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("seed, step_months", [(0, 1.0), (1, 1.0), (2, 0.5)])
def test_soured_customers_leave_as_the_numpy_rule_has_them_leave(seed, step_months):
    """The compiled search for customers at risk, then the same draws: the same leavers."""
    from simulation import Params, attitude
    from simulation.clock import Clock
    from simulation.state import new_population
    params = Params.preset("folklore").replace(attitude_churn_rate=0.9)
    status, attitude_now, _, _ = market(seed)
    pop = new_population(status.size, 0.5, 4.0, 0.6, np.random.default_rng(seed))
    pop.status[:], pop.attitude[:] = status, attitude_now
    active, clock = np.flatnonzero(status == ACTIVE), Clock.at(5, step_months)
    got = attitude.leavers(pop, active, params, clock, np.random.default_rng(seed + 7))
    want = reference.leavers(pop, active, params, clock, np.random.default_rng(seed + 7))
    np.testing.assert_array_equal(got, want)
    assert 0 < got.size < active.size
