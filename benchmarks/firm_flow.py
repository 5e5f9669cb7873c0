"""The strategist's flow, timed: `ripple calibrate FIRM` then `ripple allocate FIRM --budget
B` at default settings, each in its own process, with wall and CPU seconds (workers
included) and the load average around it, then the quality of what they produced.

    PYTHONPATH=$PWD python -m benchmarks.firm_flow [--firm harbour_broadband]
        [--budget 20000] [--out /tmp/flow] [--other-plan OLD/plan/plan.toml] [--pairs 32]

Quality printed: the fit's grade (figures missed beyond their run-to-run noise, and by
how many noise widths at most; effective particles), the plan (its split, gain over
today's spend with its 95% interval, share of draws where it beats today), and the plan's
split re-measured on `--pairs` fresh (posterior draw, seed) pairs that no command used.
With `--other-plan` (a plan.toml from another version of the code), that plan's split is
measured on the same pairs and the paired difference is given with its noise verdict,
so two versions' plans are compared on one footing. Wall time depends on what else the
machine runs; CPU seconds much less so (both are printed, with the load average).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import numpy as np


def timed(command: list[str]) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, CPU seconds (children included) and the last lines."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-3:])
    return done.returncode, wall, cpu, tail


def ripple(*args: str) -> list[str]:
    return [sys.executable, "-m", "experiments.cli", *args, "--quiet"]


def fit_quality(posterior: Path) -> str:
    from experiments.analysis.posterior_file import read_fit_grade
    grade = read_fit_grade(posterior)
    worst = max((m.widths() for m in grade.missed), default=0.0)
    return (f"fit: {grade.word()}" + (f" (worst {worst:.1f} noise widths off)" if worst else "")
            + f"; effective particles {grade.effective_particles:.0f} of {grade.particles}")


def fresh_gains(firm: str, posterior: Path, splits: list[dict], budget: float,
                pairs: int) -> np.ndarray:
    """Gains over today's spend of each split on `pairs` fresh (draw, seed) pairs."""
    from experiments.analysis.allocate_plan import CrnObjective
    from experiments.analysis.calibrate import resample
    from experiments.analysis.firm_settings import PlanSettings
    from experiments.analysis.posterior_file import read_posterior
    from experiments.execution.runner import Backend
    from experiments.execution.runs import replication_seeds
    from experiments.scenarios.firm import load_firm
    from experiments.scenarios.firm_market import firm_params
    profile = load_firm(firm)
    draws = resample(read_posterior(posterior)[0], pairs, 9_001)
    seeds = replication_seeds(9_002, pairs)
    objective = CrnObjective(firm_params(profile), draws, seeds, profile,
                             PlanSettings(budget=budget), Backend("processes", 2,
                                                                  progress=False))
    return objective(splits)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--firm", default="harbour_broadband")
    ap.add_argument("--budget", default="20000")
    ap.add_argument("--out", default="/tmp/ripple_flow")
    ap.add_argument("--other-plan", type=Path)
    ap.add_argument("--pairs", type=int, default=32)
    a = ap.parse_args()
    out = Path(a.out)
    rows = [("calibrate", ripple("calibrate", a.firm, "--out", str(out))),
            ("allocate", ripple("allocate", a.firm, "--budget", a.budget, "--out", str(out)))]
    total_wall = total_cpu = 0.0
    for name, command in rows:
        load = os.getloadavg()[0]
        code, wall, cpu, tail = timed(command)
        if code == 2 and name == "allocate":
            print(f"allocate refused the fit (exit 2): {tail}")
            code, wall, cpu, tail = timed(command + ["--accept-misfit"])
            name += " --accept-misfit"
        total_wall, total_cpu = total_wall + wall, total_cpu + cpu
        print(f"{name:<26} wall {wall:6.1f} s   CPU {cpu:6.1f} s   exit {code}   "
              f"load before {load:.1f}, after {os.getloadavg()[0]:.1f}", flush=True)
    print(f"{'both':<26} wall {total_wall:6.1f} s   CPU {total_cpu:6.1f} s   "
          "(budget: 120 s wall on two free cores)")
    posterior = out / "calibration" / "posterior.parquet"
    print(fit_quality(posterior))
    plan = tomllib.loads((out / "plan" / "plan.toml").read_text())
    gain = plan["gain"]
    print(f"plan: {', '.join(f'{k} {v:,.0f}' for k, v in plan['split'].items())}; gain "
          f"{gain['mean']:,.0f} ({gain['low']:,.0f} to {gain['high']:,.0f}) "
          f"{plan['currency']}; beats today in {plan['share_of_draws_beating_today']:.0%}")
    splits = [plan["split"]]
    if a.other_plan:
        splits.append(tomllib.loads(a.other_plan.read_text())["split"])
    gains = fresh_gains(a.firm, posterior, splits, float(a.budget), a.pairs)
    from experiments.analysis.stats import t_interval, verdict
    for label, row in zip(("this plan", "other plan"), gains):
        mean, low, high = t_interval(row)
        print(f"{label} on {a.pairs} fresh pairs: gain {mean:,.0f} ({low:,.0f} to {high:,.0f})")
    if a.other_plan:
        mean, low, high = t_interval(gains[0] - gains[1])
        print(f"this plan minus the other: {mean:,.0f} ({low:,.0f} to {high:,.0f}): "
              f"{verdict(low, high)}")


if __name__ == "__main__":
    main()
