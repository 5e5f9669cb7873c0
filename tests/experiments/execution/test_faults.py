"""Faults survived: kill -9 leaves no worker behind, Ctrl+C stops cleanly and resumably,
one writer per results folder, another experiment never replaces a folder's results,
damaged stored files are run again (or named by the report), services fail clearly."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from experiments.cli import main
from experiments.execution import backends
from experiments.execution.backends import default_workers, worker_count
from experiments.execution.storage import ResultStore

# Long enough that an interrupt after the first runs lands well before the end (72 runs
# of about 0.15 s each on 2 workers: seconds of margin even with fast kernels)
SLOW_SWEEP = """
months = 36
replications = 12
seed = 9
budget = 2000
[parameters]
population = 8000
[[strategies]]
name = "baseline"
[[strategies]]
name = "acquisition"
[sweep]
design = "grid"
[sweep.parameters]
cac = { low = 100, high = 400, levels = 3 }
"""
SLOW_SWEEP_RUNS = 3 * 2 * 12  # cac levels x strategies x replications
SMALL = """months = 6\nreplications = 2\nseed = 3\n[parameters]\npopulation = 500\n
[[strategies]]\nname = "baseline"\n[[strategies]]\nname = "acquisition"\nbudget = 100\n"""


def ripple(*argv: str, **popen) -> subprocess.Popen:
    """`ripple ARGV` in its own session (so a test can signal it and its workers), with
    Ctrl+C handled as a terminal leaves it: the test runner may ignore SIGINT, and an
    ignored signal stays ignored in every program it starts. Run as the installed `ripple`
    script runs it (`main()` reading the program's own command line), with Python's fault
    handler on so a test can ask a stuck program where it is (SIGABRT prints every
    thread's stack)."""
    code = (f"import sys; sys.argv[1:] = {list(argv)!r}; from experiments.cli import main; "
            "sys.exit(main())")
    env = {**os.environ, "PYTHONFAULTHANDLER": "1", **popen.pop("env", {})}
    return subprocess.Popen([sys.executable, "-c", code],
                            stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True, preexec_fn=_default_interrupt, **popen)


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def children(pid: int) -> set[int]:
    """Direct children of `pid`, from /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for_runs(folder: Path, count: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while len(list(folder.glob("[!.]*.parquet"))) < count:   # not the hidden partial files
        assert time.monotonic() < deadline, f"fewer than {count} runs in {folder}"
        time.sleep(0.05)


def wait_for_workers(pid: int, count: int, seconds: float = 60) -> set[int]:
    deadline = time.monotonic() + seconds
    while len(kids := children(pid)) < count:
        assert time.monotonic() < deadline, "the worker processes never started"
        time.sleep(0.05)
    return kids


pytestmark = [pytest.mark.skipif(not sys.platform.startswith("linux"),
                                 reason="reads /proc to find worker processes"),
              pytest.mark.filterwarnings("ignore:This process .* is multi-threaded")]


def test_kill_9_of_the_parent_takes_its_workers_and_frees_stdout(tmp_path):
    scenario = tmp_path / "s.toml"
    scenario.write_text(SLOW_SWEEP)
    sweep = ripple("sweep", str(scenario), "--backend", "processes", "--workers", "2",
                   "--out", str(tmp_path / "out"), "--quiet", "--no-report",
                   stdout=subprocess.PIPE)
    workers = wait_for_workers(sweep.pid, 2)
    wait_for_runs(tmp_path / "out" / "sweep" / "runs", 1)
    os.kill(sweep.pid, signal.SIGKILL)           # the parent only, not its group
    sweep.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(w) for w in workers), "workers outlived their parent"
    ready, _, _ = select.select([sweep.stdout], [], [], 5)   # `out=$(ripple ...)` returns
    assert ready and sweep.stdout.read() is not None


def test_ctrl_c_stops_workers_says_what_is_stored_and_resumes(tmp_path):
    scenario = tmp_path / "s.toml"
    scenario.write_text(SLOW_SWEEP)
    argv = ("sweep", str(scenario), "--backend", "processes", "--workers", "2",
            "--out", str(tmp_path / "out"), "--quiet", "--no-report")
    sweep = ripple(*argv, stdout=subprocess.DEVNULL)
    workers = wait_for_workers(sweep.pid, 2)
    runs = tmp_path / "out" / "sweep" / "runs"
    wait_for_runs(runs, 2)
    os.killpg(sweep.pid, signal.SIGINT)          # what Ctrl+C in a terminal sends
    assert sweep.wait(timeout=30) == 130
    err = sweep.stderr.read()
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 3, err
    assert "interrupted" in err and "run the same command again to resume" in err
    assert not any(alive(w) for w in workers)
    stored = len(list(runs.glob("[!.]*.parquet")))
    assert 2 <= stored < SLOW_SWEEP_RUNS
    again = ripple(*argv, stdout=subprocess.DEVNULL)
    assert again.wait(timeout=300) == 0, again.stderr.read()
    assert len(ResultStore.open(runs.parent).done()) == SLOW_SWEEP_RUNS


def test_a_second_writer_is_refused_while_the_first_runs(tmp_path, capsys):
    scenario = tmp_path / "s.toml"
    scenario.write_text(SLOW_SWEEP)
    out = tmp_path / "out"
    first = ripple("sweep", str(scenario), "--backend", "serial", "--out", str(out),
                   "--quiet", "--no-report", stdout=subprocess.DEVNULL)
    try:
        wait_for_runs(out / "sweep" / "runs", 1)
        code = main(["sweep", str(scenario), "--backend", "serial", "--out", str(out),
                     "--quiet", "--no-report", "--months", "12"])
        err = capsys.readouterr().err
        assert code == 2 and f"(pid {first.pid}) is writing results here" in err, err
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()


def test_another_experiment_never_replaces_a_folders_results(tmp_path, capsys):
    scenario = tmp_path / "s.toml"
    scenario.write_text(SMALL)
    out = tmp_path / "out"
    common = ["--backend", "serial", "--quiet", "--no-report", "--out", str(out)]
    assert main(["compare", str(scenario), *common]) == 0
    manifest = (out / "compare" / "manifest.json").read_text()
    capsys.readouterr()
    for change in (["--months", "12"], ["--seed", "4"], ["--set", "population=600"]):
        assert main(["compare", str(scenario), *change, *common]) == 2
        err = capsys.readouterr().err
        assert "holds results of a different experiment" in err and "choose another --out" in err
    (tmp_path / "other").mkdir()
    other = tmp_path / "other" / "s.toml"    # same name, another budget
    other.write_text(SMALL.replace("budget = 100", "budget = 900"))
    assert main(["compare", str(other), *common]) == 2
    assert "budget: 100.0 -> 900.0" in capsys.readouterr().err
    assert (out / "compare" / "manifest.json").read_text() == manifest
    assert main(["compare", str(scenario), *common]) == 0     # the same command resumes


def test_damaged_stored_files_are_named_then_run_again(tmp_path, capsys):
    scenario = tmp_path / "s.toml"
    scenario.write_text(SMALL)
    out = tmp_path / "out"
    argv = ["compare", str(scenario), "--backend", "serial", "--quiet", "--no-report",
            "--out", str(out)]
    assert main(argv) == 0
    store = ResultStore.open(out / "compare")
    reference = {t: store.table(t) for t in ("runs", "steps")}
    steps = sorted((out / "compare" / "steps").glob("*.parquet"))
    steps[0].write_bytes(b"")                                  # a 0-byte step file
    steps[1].write_bytes(steps[1].read_bytes()[:300])          # one cut off
    runs = sorted((out / "compare" / "runs").glob("*.parquet"))
    runs[2].write_bytes(runs[2].read_bytes()[:-40])            # a damaged run row
    capsys.readouterr()
    assert main(["report", str(out)]) == 2
    err = capsys.readouterr().err
    assert "3 stored run(s) damaged, e.g. " in err and "rerun the command" in err, err
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "3 stored run(s) failed verification and run again" in err, err
    store = ResultStore.open(out / "compare")
    assert len(store.done()) == 4 and not store.damaged
    for table, frame in reference.items():
        pd.testing.assert_frame_equal(store.table(table), frame)
    assert main(["report", str(out)]) == 0


def test_a_scheduler_without_workers_times_out_with_a_message(tmp_path, capsys, monkeypatch):
    from distributed import LocalCluster
    scenario = tmp_path / "s.toml"
    scenario.write_text(SMALL)
    monkeypatch.setattr(backends, "WORKER_WAIT_SECONDS", 1.0)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        code = main(["compare", str(scenario), "--scheduler", cluster.scheduler_address,
                     "--quiet", "--no-report", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "no workers joined within 1 s" in err, err
    assert len(err.strip().splitlines()) == 1


def test_demo_refuses_a_port_that_is_taken(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["demo", "--port", str(port)]) == 2
    assert f"--port: {port} is already in use" in capsys.readouterr().err


def test_workers_are_capped_at_runs_and_cores():
    cores = default_workers()
    assert worker_count(1000, tasks=2) == min(2, cores)
    assert worker_count(1000, tasks=10**6) == cores
    assert worker_count(1000, tasks=3, beyond_cores=True) == 3
    assert worker_count(None) == cores


def test_an_edge_list_from_set_or_a_scenario_decides_the_population(tmp_path, capsys):
    ring = tmp_path / "ring.txt"
    ring.write_text("".join(f"{i} {(i + 1) % 40}\n{i} {(i + 2) % 40}\n" for i in range(40)))
    assert main(["run", "--set", 'kind="edge_list"', "--set", f'edge_list_path="{ring}"',
                 "--months", "2", "--out", str(tmp_path / "run")]) == 0
    assert "Ripple: 40 people" in capsys.readouterr().out
    scenario = tmp_path / "s.toml"
    scenario.write_text(SMALL + f'[parameters.network]\nkind = "edge_list"\n'
                                f'edge_list_path = "{ring}"\n')
    assert main(["compare", str(scenario), "--backend", "serial", "--quiet", "--no-report",
                 "--out", str(tmp_path / "cmp")]) == 0
    assert "Ripple s: 40 people" in capsys.readouterr().out
