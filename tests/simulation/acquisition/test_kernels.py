"""Compiled organic adoption: statistically the rule the plain numpy version in
`reference.py` draws (which the model used before)."""

import numpy as np
import pytest

from simulation import acquisition
from simulation.clock import Clock
from simulation.state import new_population
from tests.simulation.acquisition import reference
from tests.simulation.kernel_equivalence import assert_outputs_match


def adoptions(organic, params, seed):
    rng = np.random.default_rng(seed)
    pop = new_population(40_000, 0.0, 4.0, 0.8, rng)
    pop.attitude[:] = rng.random(pop.n, dtype=np.float32)
    pop.rejecter[::9] = True
    exposure = np.where(rng.random(pop.n) < 0.3, rng.integers(1, 4, pop.n) * 0.5, 0.0)
    prospects = np.arange(0, pop.n, 2)
    adopt, by_wom = organic(pop, prospects, exposure, params, Clock.at(1, 1.0), rng)
    heard = exposure[prospects] > 0
    return np.array([adopt.sum(), by_wom.sum(), (adopt & heard).sum(), (adopt & ~heard).sum(),
                     (adopt & pop.rejecter[prospects]).sum()])


@pytest.mark.parametrize("attitude_enabled", [True, False])
def test_prospects_adopt_as_the_numpy_rule_has_them_adopt(folklore, attitude_enabled):
    params = folklore.replace(advertising_rate=0.05, attitude_enabled=attitude_enabled)
    compiled = adoptions(acquisition.organic_adoption, params, 1)
    plain = adoptions(reference.organic_adoption, params, 2)
    # binomial counts of 20,000 prospects: within 4.5 standard errors of the difference
    assert (np.abs(compiled - plain) <= 4.5 * np.sqrt(compiled + plain + 1)).all(), \
        (compiled, plain)
    assert compiled[0] > 500 and (compiled[4] == 0) == attitude_enabled


@pytest.mark.slow
def test_model_outputs_match_the_numpy_rule_over_many_seeds(monkeypatch, folklore):
    assert_outputs_match(monkeypatch, acquisition, "organic_adoption", reference.organic_adoption,
                         folklore.replace(population=1500))
