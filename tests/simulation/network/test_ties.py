"""Tie drawing: rewiring chances drawn in slices."""

import numpy as np


def test_rewiring_chances_drawn_in_slices_are_the_draws_of_one_call():
    from simulation.network.ties import _chance_hits
    whole = np.flatnonzero(np.random.default_rng(3).random(10_000) < 0.1)
    sliced = _chance_hits(10_000, 0.1, np.random.default_rng(3), chunk=999)
    np.testing.assert_array_equal(whole, sliced)
