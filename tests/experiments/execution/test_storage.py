"""Storage: each run is written atomically, and an interrupted sweep resumes to the same
dataset an uninterrupted one produces."""

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from experiments.errors import UsageError
from experiments.execution.backends import Backend
from experiments.execution.runner import execute
from experiments.execution.runs import simulate_run
from experiments.execution.storage import ResultStore
from tests.experiments.execution.test_runner import small_sweep

SERIAL = Backend("serial", progress=False)
CRASH_AFTER = 5


class Crash(Exception):
    pass


def test_resume_after_a_crash_recomputes_nothing_and_loses_nothing(tmp_path):
    specs = small_sweep()
    reference = ResultStore(tmp_path / "whole")
    reference.prepare("sweep", specs, {})
    execute(specs, backend=SERIAL, store=reference)

    store = ResultStore(tmp_path / "crashed")
    store.prepare("sweep", specs, {})
    calls = []

    def crash_after_k(spec):
        if len(calls) == CRASH_AFTER:
            raise Crash
        calls.append(spec.run_id)
        return simulate_run(spec)

    with pytest.raises(Crash):
        execute(specs, crash_after_k, backend=SERIAL, store=store)
    assert store.done() == set(calls) and len(calls) == CRASH_AFTER

    rerun = []
    store = ResultStore(tmp_path / "crashed")
    store.prepare("sweep", specs, {})
    execute(specs, lambda s: rerun.append(s.run_id) or simulate_run(s), backend=SERIAL,
            store=store)
    assert set(rerun).isdisjoint(calls) and len(rerun) == len(specs) - CRASH_AFTER
    for table in ("runs", "steps"):
        pd.testing.assert_frame_equal(reference.table(table), store.table(table))


def test_a_half_written_run_does_not_count(tmp_path):
    specs = small_sweep()[:2]
    store = ResultStore(tmp_path)
    store.prepare("sweep", specs, {})
    out = simulate_run(specs[0])
    # killed after the steps file, before the run row; and a temporary file half written
    store._write("steps", out.run_id, out.row["fingerprint"], out.steps)
    (tmp_path / "runs" / ".tmp-1-x.parquet").write_bytes(b"partial")
    assert store.done() == set()
    store.save(out)
    assert store.done() == {specs[0].run_id}
    assert len(store.runs()) == 1 and len(store.steps()) == len(out.steps)


def test_a_changed_plan_reuses_only_matching_runs(tmp_path):
    specs = small_sweep()[:4]
    store = ResultStore(tmp_path)
    store.prepare("sweep", specs, {})
    execute(specs, backend=SERIAL, store=store)
    changed = [s.__class__(s.run_id, s.params.replace(cac=999.0), s.seed, s.months, s.labels)
               if i == 0 else s for i, s in enumerate(specs)]
    store.prepare("sweep", changed, {})
    assert store.done() == {s.run_id for s in specs[1:]}


SWEEP_TOML = """
months = 12
replications = 3
seed = 9
budget = 2000
[parameters]
population = 1500
[[strategies]]
name = "baseline"
[[strategies]]
name = "acquisition"
[sweep]
design = "grid"
[sweep.parameters]
cac = { low = 100, high = 400, levels = 4 }
"""


def _sweep(toml, out) -> subprocess.Popen:
    code = ("import sys; from experiments.cli import main; "
            f"sys.exit(main(['sweep', {str(toml)!r}, '--backend', 'serial', '--out', "
            f"{str(out)!r}, '--quiet', '--no-report']))")
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def test_kill_9_half_way_then_rerun_gives_the_uninterrupted_dataset(tmp_path):
    toml = tmp_path / "sweep.toml"
    toml.write_text(SWEEP_TOML)
    whole = _sweep(toml, tmp_path / "whole")
    assert whole.wait(timeout=120) == 0, whole.stderr.read()
    killed = _sweep(toml, tmp_path / "killed")
    runs_dir = tmp_path / "killed" / "sweep" / "runs"
    deadline = time.monotonic() + 120
    while len(list(runs_dir.glob("[!.]*.parquet"))) < 6 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()
    finished = len(list(runs_dir.glob("[!.]*.parquet")))
    assert 6 <= finished < 24, "the sweep should have been killed half-way"
    again = _sweep(toml, tmp_path / "killed")
    assert again.wait(timeout=120) == 0, again.stderr.read()
    a, b = ResultStore.open(tmp_path / "whole" / "sweep"), ResultStore.open(runs_dir.parent)
    for table in ("runs", "steps"):
        pd.testing.assert_frame_equal(a.table(table), b.table(table))


def test_unreadable_results_folders_are_named(tmp_path):
    with pytest.raises(UsageError, match="results folder not found"):
        ResultStore.open(tmp_path / "missing")
    with pytest.raises(UsageError, match="not a Ripple results folder"):
        ResultStore.open(tmp_path)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(UsageError, match=r"manifest.json: unreadable"):
        ResultStore.open(tmp_path)
