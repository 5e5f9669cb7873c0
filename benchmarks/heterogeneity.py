"""What customers who differ cost: nanoseconds per customer-step of the folklore market
with everyone alike against the same market with every latent propensity spread
(`simulation.parameters.traits.HETEROGENEOUS`). The target: at most 15% more at
1,000,000 people.

    python -m benchmarks.heterogeneity                  # 1,000,000 people, 12 months
    python -m benchmarks.heterogeneity --customers 100000 --repeats 3

Each run is a fresh single-core process; the two settings alternate so a busy machine
slows both alike, and the median of the repeats is compared. Stepping is timed apart
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


def one_run(customers: int, months: int, differ: bool, seed: int) -> dict:
    """Build and step one market; stepping nanoseconds per customer-step."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from simulation import CustomerModel, Params, people_traits
    from simulation.parameters.traits import HETEROGENEOUS
    CustomerModel(Params.preset("folklore").replace(population=60, mean_degree=4,
                                                    **HETEROGENEOUS), rng=0).run(2)  # compile
    params = Params.preset("folklore").replace(population=customers,
                                               **(HETEROGENEOUS if differ else {}))
    model = CustomerModel(params, rng=seed)
    spare = copy.deepcopy(model.people)   # the draw timed on a copy: the run keeps its own
    began = time.perf_counter()
    people_traits.draw(spare, params, np.random.default_rng(seed))
    drawn = time.perf_counter() - began
    began = time.perf_counter()
    model.run(months)
    stepping = time.perf_counter() - began
    served = float(model.timeseries["customers"].iloc[:-1].sum())  # customers each step
    return {"differ": differ, "ns_per_customer_step": stepping / (customers * months) * 1e9,
            "ns_per_served_step": stepping / served * 1e9, "draw_seconds": drawn}


def measure(customers: int, months: int, repeats: int) -> dict:
    """Alternate the two settings in fresh processes; medians and the relative cost."""
    runs: dict[bool, list[dict]] = {False: [], True: []}
    for k in range(repeats):
        for differ in (False, True):
            args = json.dumps([customers, months, differ, 1 + k])
            done = subprocess.run([sys.executable, "-m", "benchmarks.heterogeneity", "--one",
                                   args], capture_output=True, text=True, check=True)
            runs[differ].append(json.loads(done.stdout.strip().splitlines()[-1]))
    def median(key: str, differ: bool) -> float:
        return statistics.median(r[key] for r in runs[differ])
    alike, differ = median("ns_per_customer_step", False), median("ns_per_customer_step", True)
    served = median("ns_per_served_step", True) / median("ns_per_served_step", False) - 1.0
    return {"customers": customers, "months": months, "repeats": repeats,
            "alike_ns": alike, "differ_ns": differ, "extra": differ / alike - 1.0,
            "extra_per_served": served,
            "draw_seconds": statistics.median(r["draw_seconds"] for r in runs[True]),
            "each": runs}


def text(result: dict) -> str:
    verdict = "within" if result["extra"] <= TARGET else "above"
    return (f"{result['customers']:,} people, {result['months']} months, median of "
            f"{result['repeats']}: everyone alike {result['alike_ns']:.0f} ns per "
            f"customer-step, customers who differ {result['differ_ns']:.0f} ns "
            f"({result['extra']:+.1%}, {verdict} the {TARGET:.0%} target; per customer "
            f"actually served {result['extra_per_served']:+.1%}: the two markets keep "
            f"different numbers of customers); drawing the "
            f"propensities once takes {result['draw_seconds']:.2f} s. Single runs on a "
            f"shared machine vary by several percent: see each run's figure in --json.")


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
