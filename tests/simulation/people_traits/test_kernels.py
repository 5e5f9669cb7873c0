"""The churn kernel with per-person propensities against its numpy reference: exact."""

import numpy as np
import pytest

from simulation.churn.kernels import life_events
from tests.simulation.people_traits import reference


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("tied", [False, True])
def test_churn_kernel_with_propensities_matches_the_reference_exactly(seed, tied):
    rng = np.random.default_rng(seed)
    active = np.sort(rng.choice(50_000, 20_000, replace=False)).astype(np.int64)
    hazards = np.array([0.0025, 0.0075, 0.01, 0.027]) / 12 * 40
    scale = (np.where(rng.random(active.size) < 0.3, 0.5, 1.0) if tied else np.zeros(0))
    propensity = rng.gamma(0.5, 2.0, active.size)
    got = life_events(active, hazards, scale, 1.0, np.random.default_rng(seed + 10),
                      propensity)
    want = reference.life_events(active, hazards, scale, 1.0,
                                 np.random.default_rng(seed + 10), propensity)
    assert got[0].size > 1000
    np.testing.assert_array_equal(got[0], want[0])
    np.testing.assert_array_equal(got[1], want[1])


def test_without_propensities_the_reference_is_the_one_rate_kernel():
    active = np.arange(30_000, dtype=np.int64)
    hazards = np.array([0.01, 0.02, 0.03, 0.04])
    got = life_events(active, hazards, np.zeros(0), 1.0, np.random.default_rng(4),
                      np.zeros(0))
    want = reference.life_events(active, hazards, np.zeros(0), 1.0,
                                 np.random.default_rng(4), np.zeros(0))
    np.testing.assert_array_equal(got[0], want[0])
    np.testing.assert_array_equal(got[1], want[1])
