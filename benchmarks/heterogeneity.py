"""What customers who differ cost: nanoseconds per customer-step of the folklore market
with everyone alike against the same market with every latent propensity spread
(`simulation.parameters.traits.HETEROGENEOUS`). The target: at most 15% more at
1,000,000 people.

    python -m benchmarks.heterogeneity                  # 1,000,000 people, 12 months
    python -m benchmarks.heterogeneity --customers 100000 --repeats 3

Each run is a fresh single-core process; the settings alternate so a busy machine
slows them alike, and the fastest of the repeats is compared (other work on a shared
machine only ever slows a run down; the medians are in --json too). Stepping is timed apart
from the build (the propensities' draw is reported on its own: it happens once).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

TARGET = 0.15
# alike: nothing drawn; carried: every propensity drawn with a vanishing spread, so the
# market moves as the alike one and only the per-person work differs (the cost of
# carrying them); differ: the cited spreads, whose market also moves differently
# (talkative referrers bring talkative customers: more messages to pick).
SETTINGS = ("alike", "carried", "differ")
TINY = {"churn_polarization": 1e-6, "spend_cv": 1e-6, "talk_cv": 1e-6,
        "complaint_cv": 1e-6, "fit_sd": 1e-9}


def one_run(customers: int, months: int, setting: str, seed: int) -> dict:
    """Build and step one market; stepping nanoseconds per customer-step."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from simulation import CustomerModel, Params, people_traits
    from simulation.parameters.traits import HETEROGENEOUS
    CustomerModel(Params.preset("folklore").replace(population=60, mean_degree=4,
                                                    **HETEROGENEOUS), rng=0).run(2)  # compile
    spreads = {"alike": {}, "carried": TINY, "differ": HETEROGENEOUS}[setting]
    params = Params.preset("folklore").replace(population=customers, **spreads)
    model = CustomerModel(params, rng=seed)
    spare = copy.deepcopy(model.people)   # the draw timed on a copy: the run keeps its own
    began = time.perf_counter()
    people_traits.draw(spare, params, np.random.default_rng(seed))
    drawn = time.perf_counter() - began
    began = time.perf_counter()
    phases = model.time_phases()
    model.run(months)
    stepping = time.perf_counter() - began
    served = float(model.timeseries["customers"].iloc[:-1].sum())  # customers each step
    return {"setting": setting, "ns_per_customer_step": stepping / (customers * months) * 1e9,
            "ns_per_served_step": stepping / served * 1e9, "draw_seconds": drawn,
            "phase_ns": {k: v / (customers * months) * 1e9 for k, v in phases.items()}}


def measure(customers: int, months: int, repeats: int) -> dict:
    """Alternate the settings in fresh processes; medians and the relative costs."""
    runs: dict[str, list[dict]] = {name: [] for name in SETTINGS}
    for k in range(repeats):
        for setting in SETTINGS:
            args = json.dumps([customers, months, setting, 1 + k])
            done = subprocess.run([sys.executable, "-m", "benchmarks.heterogeneity", "--one",
                                   args], capture_output=True, text=True, check=True)
            runs[setting].append(json.loads(done.stdout.strip().splitlines()[-1]))

    def fastest(setting: str, key: str = "ns_per_customer_step") -> float:
        return min(r[key] for r in runs[setting])
    alike = fastest("alike")
    return {"customers": customers, "months": months, "repeats": repeats,
            "ns": {name: fastest(name) for name in SETTINGS},
            "extra": {name: fastest(name) / alike - 1.0 for name in SETTINGS},
            "median_ns": {name: statistics.median(r["ns_per_customer_step"]
                                                  for r in runs[name]) for name in SETTINGS},
            "extra_per_served": fastest("differ", "ns_per_served_step")
            / fastest("alike", "ns_per_served_step") - 1.0,
            "draw_seconds": fastest("differ", "draw_seconds"), "each": runs}


def text(result: dict) -> str:
    ns, extra = result["ns"], result["extra"]
    verdict = "within" if extra["carried"] <= TARGET else "above"
    return (f"{result['customers']:,} people, {result['months']} months, fastest of "
            f"{result['repeats']} runs, ns per customer-step: everyone alike "
            f"{ns['alike']:.0f}; propensities carried with no spread {ns['carried']:.0f} "
            f"({extra['carried']:+.1%}, {verdict} the {TARGET:.0%} target); cited spreads "
            f"{ns['differ']:.0f} ({extra['differ']:+.1%}; per customer actually served "
            f"{result['extra_per_served']:+.1%}: that market moves differently). Drawing "
            f"the propensities once takes {result['draw_seconds']:.2f} s. Single runs on a "
            f"shared machine vary by 10-30%: each run's figures and phases are in --json.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_run(*json.loads(args.one))))
        return
    result = measure(args.customers, args.months, args.repeats)
    print(text(result))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(result, out, indent=1, default=str)


if __name__ == "__main__":
    main()
