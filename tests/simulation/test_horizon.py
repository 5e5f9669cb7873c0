"""Horizon and seed: a documented meaning or one clear error for every value."""

import math

import pytest

from simulation import CustomerModel, ParameterError, Params, run
from simulation.horizon import MAX_MONTHS, check_horizon, check_seed, steps_in


def test_zero_months_is_no_step_and_a_horizon_needs_one():
    assert steps_in(0, 1.0) == 0
    model = CustomerModel(Params().replace(population=200), rng=1).run(0)
    assert len(model.timeseries) == 1          # the starting state only
    with pytest.raises(ParameterError, match="shorter than one step"):
        check_horizon(0.4, 1.0)
    assert check_horizon(1.0, 1.0) == 1.0


@pytest.mark.parametrize("months", [-1, math.nan, math.inf, MAX_MONTHS + 1, 1e9, "12"])
def test_impossible_horizons_are_refused_before_stepping(months):
    with pytest.raises(ParameterError, match="months"):
        CustomerModel(Params().replace(population=200), rng=1).run(months)


@pytest.mark.parametrize("seed", [-1, 2**63, 1.5, "7", True])
def test_seeds_are_non_negative_whole_numbers(seed):
    with pytest.raises(ParameterError, match="seed"):
        check_seed(seed)
    with pytest.raises(ParameterError):
        run(Params().replace(population=200), seed=seed, months=1)


def test_run_needs_a_horizon_of_at_least_one_step():
    with pytest.raises(ParameterError, match="shorter than one step"):
        run(Params().replace(population=200, step_months=2), seed=1, months=1)
