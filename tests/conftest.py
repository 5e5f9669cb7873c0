"""Shared fixtures: small markets that run in a fraction of a second."""

import numpy as np
import pytest

from simulation import Params

SEEDS = (1, 2, 3, 4, 5)


@pytest.fixture
def folklore() -> Params:
    return Params.preset("folklore")


@pytest.fixture
def small(folklore) -> Params:
    return folklore.replace(population=2000)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(12345)
