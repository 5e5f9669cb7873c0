"""Compiled market tally: exactly the counts the plain numpy expressions give."""

import numpy as np
import pytest

from simulation.recording.kernels import tally
from simulation.state import ACTIVE, ENEMY, PROSPECT, survey_level


def numpy_tally(status, satisfaction, escalation, rejecter, waiting):
    """The counts as whole-array numpy expressions (how the row was counted before)."""
    customer = status == ACTIVE
    levels = np.bincount(survey_level(satisfaction[customer]), minlength=6)
    levels[0] = 0
    return (int((status == PROSPECT).sum()), int(customer.sum()), levels,
            int(((escalation == ENEMY) & (status != PROSPECT)).sum()),
            int((rejecter & (status == PROSPECT)).sum()), int(waiting.sum()))


def edge_satisfaction() -> np.ndarray:
    """Scores at, just below and just above every rounding boundary of the survey scale."""
    edges = np.arange(0.5, 6.0, 1.0, dtype=np.float32)
    return np.concatenate([edges, np.nextafter(edges, np.float32(0)),
                           np.nextafter(edges, np.float32(9)),
                           np.float32([0.0, 1.0, 3.0, 5.0, 6.0])])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_tally_counts_what_numpy_counts(seed):
    rng = np.random.default_rng(seed)
    n = 50_000
    status = rng.choice(np.int8([0, 1, 2]), n, p=[0.5, 0.3, 0.2])
    satisfaction = rng.uniform(1.0, 5.0, n).astype(np.float32)
    edges = edge_satisfaction()
    satisfaction[:edges.size], status[:edges.size] = edges, ACTIVE
    escalation = rng.integers(0, 4, n).astype(np.int8)
    rejecter, waiting = rng.random(n) < 0.2, rng.random(n) < 0.01
    arrays = (status, satisfaction, escalation, rejecter, waiting)
    got = tally(*arrays, (PROSPECT, ACTIVE, ENEMY))
    expected = numpy_tally(*arrays)
    assert got[:2] == expected[:2] and got[3:] == expected[3:]
    np.testing.assert_array_equal(got[2], expected[2])
    assert got[2][1] > 0 and got[2][5] > 0  # the edges reached both ends of the scale


def test_an_empty_market_counts_nothing():
    empty = np.zeros(0, np.int8)
    got = tally(empty, np.zeros(0, np.float32), empty, np.zeros(0, bool), np.zeros(0, bool),
                (PROSPECT, ACTIVE, ENEMY))
    assert got[:2] == (0, 0) and got[3:] == (0, 0, 0) and not got[2].any()
