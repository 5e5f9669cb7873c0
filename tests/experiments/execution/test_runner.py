"""Execution: the same sweep gives identical tables on every backend and worker count."""

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.designs import design_points
from experiments.analysis.sweep import sweep_plan
from experiments.execution.backends import Backend
from experiments.execution.runner import execute
from experiments.execution.runs import RunSpec, replication_seeds, simulate_run
from experiments.execution.storage import ResultStore
from experiments.scenarios.scenario import scenario_from_dict
from simulation import Params

# Fork start method (DESIGN.md): numpy/OpenBLAS and Arrow keep idle pool threads in the
# test process, so Python warns on fork; the children never touch the locks those hold.
pytestmark = pytest.mark.filterwarnings(
    "ignore:This process .* is multi-threaded:DeprecationWarning")

SMALL = {"months": 12, "replications": 2, "seed": 3, "budget": 2000,
         "parameters": {"population": 1000},
         "strategies": [{"name": "baseline"}, {"name": "fast_resolution"}],
         "sweep": {"design": "grid", "parameters": {
             "cac": {"values": [100, 400]}, "complaint_prob": {"values": [0.04, 0.2]}}}}


def small_sweep() -> list[RunSpec]:
    scenario = scenario_from_dict(SMALL)
    return sweep_plan(scenario, design_points(scenario.sweep, scenario.params, scenario.seed))


def stored_tables(specs, backend, root) -> tuple[pd.DataFrame, pd.DataFrame]:
    store = ResultStore(root)
    store.prepare("sweep", specs, {})
    execute(specs, backend=backend, store=store)
    return store.runs(), store.steps()


def test_replication_seeds_are_fixed_and_prefix_stable():
    assert replication_seeds(5, 3) == replication_seeds(5, 10)[:3]
    assert len(set(replication_seeds(5, 50))) == 50
    assert replication_seeds(5, 3) != replication_seeds(6, 3)


def test_sweep_plan_pairs_strategies_on_shared_seeds():
    specs = small_sweep()
    assert len(specs) == 4 * 2 * 2          # points x replications x strategies
    seeds = {(s.labels["point"], s.labels["replication"], s.labels["strategy"]): s.seed
             for s in specs}
    for (_, rep, _), seed in seeds.items():
        assert seed == seeds[(0, rep, "baseline")]   # common random numbers everywhere
    assert len({s.run_id for s in specs}) == len(specs)


def test_identical_results_on_every_backend(tmp_path):
    specs = small_sweep()
    runs, steps = stored_tables(specs, Backend("serial", progress=False), tmp_path / "serial")
    for name, workers in (("processes", 1), ("processes", 2), ("dask", 2)):
        other = stored_tables(specs, Backend(name, workers, progress=False),
                              tmp_path / f"{name}{workers}")
        pd.testing.assert_frame_equal(runs, other[0])
        pd.testing.assert_frame_equal(steps, other[1])
    assert len(runs) == len(specs) and runs.run_id.tolist() == [s.run_id for s in specs]


def test_a_running_scheduler_by_address(tmp_path):
    from distributed import LocalCluster
    specs = small_sweep()[:4]
    expected = [o.row["profit_npv"] for o in execute(specs, backend=Backend(progress=False))]
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        backend = Backend("dask", scheduler=cluster.scheduler_address, progress=False)
        outputs = execute(specs, backend=backend)
    assert [o.row["profit_npv"] for o in outputs] == expected


def test_without_store_outputs_come_back_in_spec_order():
    specs = small_sweep()[:5]
    outputs = execute(specs, backend=Backend("processes", 2, progress=False))
    assert [o.run_id for o in outputs] == [s.run_id for s in specs]
    again = simulate_run(specs[3])
    assert outputs[3].row["profit_npv"] == again.row["profit_npv"]


def test_run_table_holds_parameters_seed_labels_and_version():
    spec = small_sweep()[1]
    row = simulate_run(spec).row
    params = spec.params.flat()
    assert not set(params) & {"profit_npv", "customers", "retention"}
    for key in ("run_id", "seed", "strategy", "replication", "point", "version", "fingerprint"):
        assert key in row
    assert all(row[k] == v for k, v in params.items())
    assert 0 < row["retention"] < 1


def test_customer_table_of_sample_runs():
    spec = RunSpec("x", Params().replace(population=800), 1, 12, keep_customers=True)
    customers = simulate_run(spec).customers
    assert len(customers) > 100
    assert (customers.value >= 0).all()
    lost = customers.lost_at >= 0
    assert customers.cause[lost].notna().all() and customers.cause[~lost].isna().all()
    assert np.all(customers.lost_at[lost] >= customers.customer_since[lost])


def test_progress_bar_shows_rate_and_eta(capsys):
    execute(small_sweep()[:3], backend=Backend("serial"), desc="sweep")
    err = capsys.readouterr().err
    assert "runs" in err and "ETA" in err and "run/s" in err


def test_task_errors_reach_the_caller():
    bad = RunSpec("bad", Params().replace(population=500), 1, months=2)
    with pytest.raises(ZeroDivisionError):
        execute([bad], task=_divide_by_zero, backend=Backend("processes", 1, progress=False))


def _divide_by_zero(spec):
    return 1 / 0
