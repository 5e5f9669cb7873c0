"""One benchmark case per child process, so each reports its own peak memory.

`python -m benchmarks.cases CASE JSON_ARGS` prints one JSON line. The process pins
itself to one core: the targets are stated for one core of the machine.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ripple(customers: int, months: int, seed: int = 1, degree: float = 10.0,
           kind: str = "small_world", phases: bool = False) -> dict:
    """Ripple's folklore preset: build the market, run it, time every phase."""
    from simulation import CustomerModel, Params
    params = Params.preset("folklore").replace(population=customers, mean_degree=degree,
                                                 kind=kind)
    began = time.perf_counter()
    model = CustomerModel(params, rng=seed)
    built = time.perf_counter()
    timing = model.time_phases() if phases else None
    model.run(months)
    wall = time.perf_counter() - began
    out = {"case": f"ripple {kind}", "customers": customers, "months": months,
           "build_seconds": built - began, "wall_seconds": wall,
           "customer_steps_per_s": customers * months / wall, "peak_mb": _peak_mb(),
           "state_mb": model.people.nbytes() / 2**20}
    if timing:
        out["phase_seconds"] = timing
    return out


def network(kind: str, customers: int, degree: float = 10.0, seed: int = 1) -> dict:
    """Build one social network of the given family."""
    from simulation.network import build_network
    began = time.perf_counter()
    graph = build_network(kind, customers, mean_degree=degree, seed=seed)
    wall = time.perf_counter() - began
    return {"case": f"network {kind}", "customers": customers, "months": 0,
            "wall_seconds": wall, "mean_degree": graph.mean_degree, "peak_mb": _peak_mb()}


def peer(customers: int, months: int, seed: int = 1, degree: float = 10.0) -> dict:
    """Mesa's virus_on_network example (linear-time graph, no layout)."""
    from benchmarks.peer_mesa import run_peer
    r = run_peer(customers, degree, months, seed)
    return {"case": "peer: mesa virus_on_network", "customers": customers, "months": months,
            "build_seconds": r["build_seconds"], "wall_seconds": r["wall_seconds"],
            "customer_steps_per_s": r["agent_steps_per_s"], "peak_mb": _peak_mb(),
            "changes": r["changes"]}


CASES = {"ripple": ripple, "network": network, "peer": peer}

if __name__ == "__main__":
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    name, kwargs = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(CASES[name](**kwargs)))
