"""Sweep speed-up: the same 64-run sweep (10,000 customers, 60 months) on one process,
one and two worker processes, and a two-worker Dask LocalCluster.

Each backend runs the full path a user's sweep takes (plan, execute, Parquet store per
run), into its own temporary folder; the stored tables must be identical on every
backend. Prints wall seconds, the 2-worker speed-up over 1 worker (target >= 1.8x on
2 cores) and the Dask overhead against local processes.

    .venv/bin/python benchmarks/sweep_speedup.py            # full: about 2 minutes
    .venv/bin/python benchmarks/sweep_speedup.py --quick    # smoke test: seconds
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from experiments.analysis.designs import design_points
from experiments.analysis.sweep import sweep_plan
from experiments.execution.backends import Backend, open_backend
from experiments.execution.runner import execute
from experiments.execution.storage import ResultStore
from experiments.scenarios.scenario import scenario_from_dict

TARGET_SPEEDUP = 1.8


def plan(runs: int, population: int, months: float) -> list:
    """`runs` design points (Latin hypercube over complaint speed and CAC), one run each."""
    scenario = scenario_from_dict({
        "months": months, "replications": 1, "seed": 64,
        "parameters": {"population": population},
        "sweep": {"design": "latin", "samples": runs, "parameters": {
            "resolution_days": {"low": 1, "high": 30, "scale": "log"},
            "cac": {"low": 50, "high": 800, "scale": "log"}}}}, where="benchmark")
    return sweep_plan(scenario, design_points(scenario.sweep, scenario.params, scenario.seed))


def timed(specs: list, backend: Backend, root: Path) -> tuple[float, float, pd.DataFrame]:
    """(seconds to start the backend, seconds to run the sweep, stored run table)."""
    store = ResultStore(root)
    store.prepare("sweep", specs, {})
    start = time.perf_counter()
    with open_backend(backend) as pool:
        ready = time.perf_counter()
        execute(specs, backend=backend, store=store, pool=pool)
        done = time.perf_counter()
    return ready - start, done - ready, store.runs()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8 small runs (CI smoke test)")
    parser.add_argument("--runs", type=int, default=64)
    parser.add_argument("--population", type=int, default=10_000)
    parser.add_argument("--months", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each backend this many times and keep the fastest "
                             "(the machine is shared: the best run is the least disturbed)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.population, args.months = 8, 1_000, 12.0
    specs = plan(args.runs, args.population, args.months)
    w = args.workers
    cases = [("serial (this process)", Backend("serial", progress=False)),
             ("processes, 1 worker", Backend("processes", 1, progress=False)),
             (f"processes, {w} workers", Backend("processes", w, progress=False)),
             (f"Dask LocalCluster, {w} workers", Backend("dask", w, progress=False))]
    print(f"Sweep of {len(specs)} runs: {args.population:,} customers x {args.months:g} months "
          "each, stored as Parquet run by run")
    print(f"  {'backend':<32}{'start s':>9}{'run s':>9}{'total s':>9}{'runs/s':>9}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, backend) in enumerate(cases):
            trials = [timed(specs, backend, Path(tmp) / f"{i}-{k}") for k in range(args.repeat)]
            startup, seconds, runs = min(trials, key=lambda t: t[0] + t[1])
            results[name] = (startup, seconds, runs)
            print(f"  {name:<32}{startup:>9.2f}{seconds:>9.2f}{startup + seconds:>9.2f}"
                  f"{len(specs) / seconds:>9.2f}", flush=True)
    reference = results[cases[0][0]][2]
    identical = all(r[2].equals(reference) for r in results.values())
    one, many, dask = (results[cases[k][0]] for k in (1, 2, 3))
    speedup = (one[0] + one[1]) / (many[0] + many[1])
    print(f"speed-up, {w} workers over 1 (total wall): {speedup:.2f}x "
          f"(target >= {TARGET_SPEEDUP}x: {'met' if speedup >= TARGET_SPEEDUP else 'NOT met'})")
    print(f"Dask overhead vs processes: {dask[1] - many[1]:+.2f} s running "
          f"({dask[1] / many[1] - 1:+.1%}), plus {dask[0]:.2f} s to start the cluster "
          f"(processes: {many[0]:.2f} s)")
    print(f"stored results identical on every backend: {'yes' if identical else 'NO'}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
