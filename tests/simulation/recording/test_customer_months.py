"""The summary's customer-months are the months of service the accounts billed: with
everyone paying the same, revenue is exactly customer-months x the monthly revenue."""

import pytest

import simulation
from simulation import Params


@pytest.mark.parametrize("step_months", [1.0, 0.5])
def test_customer_months_are_the_months_billed(step_months):
    params = Params.preset("folklore").replace(population=800, satisfied_spend_premium=0.0,
                                               step_months=step_months)
    result = simulation.run(params, seed=3, months=12)
    billed = result.summary["revenue"] / params.economics.revenue_per_month
    assert result.summary["customer_months"] == pytest.approx(billed, rel=1e-9)
    assert result.summary["customer_months"] > 12 * result.timeseries.customers.min()
