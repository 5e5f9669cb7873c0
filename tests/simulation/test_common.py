"""Checks every model configuration must pass, in the way scikit-learn's common checks
run over every estimator: each preset x network family x time step."""

import itertools

import numpy as np
import pytest

from simulation import CustomerModel, Params, available_presets, run
from simulation.network import NETWORK_KINDS
from tests.simulation.test_model import check_invariants

KINDS = [k for k in NETWORK_KINDS if k != "edge_list"]
CONFIGS = list(itertools.product(available_presets(), KINDS, [1.0, 0.25]))


def configured(preset, kind, step, **extra):
    return Params.preset(preset).replace(population=800, kind=kind, step_months=step, **extra)


@pytest.mark.parametrize("preset, kind, step", CONFIGS)
def test_invariants_and_reproducibility(preset, kind, step):
    params = configured(preset, kind, step, amplified=(kind == "communities"))
    a, b = CustomerModel(params, rng=3), CustomerModel(params, rng=3)
    for _ in range(round(6 / step)):
        a.step()
        b.step()
        check_invariants(a)
    assert a.timeseries.equals(b.timeseries)
    assert np.array_equal(a.people.status, b.people.status)


@pytest.mark.parametrize("preset, kind", list(itertools.product(available_presets(), KINDS)))
def test_summary_is_complete_and_finite(preset, kind):
    summary = run(configured(preset, kind, 1.0), seed=1, months=12).summary
    for key in ("customers", "profit_npv", "mean_clv", "churn_by_cause", "wom_positive",
                "wom_negative", "complaints", "recoveries", "acquisitions",
                "satisfaction_levels", "promoters", "detractors", "net_promoter"):
        assert key in summary, key
    assert np.isfinite(summary["profit_npv"]) and summary["customers"] >= 0
    assert sum(summary["satisfaction_levels"].values()) == pytest.approx(1.0)
