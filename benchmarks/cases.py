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


def _imported(load) -> float:
    """Seconds to import a library (and load any compiled kernels) in this fresh process."""
    began = time.perf_counter()
    load()
    return time.perf_counter() - began


def _load_ripple() -> None:
    """Import Ripple and load every compiled kernel (a tiny market built and stepped)."""
    from simulation import CustomerModel, Params
    CustomerModel(Params.preset("folklore").replace(population=60, mean_degree=4), rng=0).run(2)


def _load_mesa() -> None:
    import benchmarks.peer_mesa  # noqa: F401


def _load_ndlib() -> None:
    import ndlib.models.epidemics  # noqa: F401


def _market(customers: int, degree: float, kind: str):
    from simulation import Params
    return Params.preset("folklore").replace(population=customers, mean_degree=degree,
                                               kind=kind)


def ripple(customers: int, months: int, seed: int = 1, degree: float = 10.0,
           kind: str = "small_world") -> dict:
    """Ripple's folklore preset: build the market, run it, time every phase."""
    imported = _imported(_load_ripple)
    from simulation import CustomerModel
    params = _market(customers, degree, kind)
    load, cpu = os.getloadavg()[0], time.process_time()
    began = time.perf_counter()
    model = CustomerModel(params, rng=seed)
    built = time.perf_counter()
    timing = model.time_phases()
    model.run(months)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {"case": f"ripple {kind}", "customers": customers, "months": months,
            "build_seconds": built - began, "wall_seconds": wall,
            "step_seconds": wall - (built - began),
            "customer_steps_per_s": customers * months / wall, "peak_mb": _peak_mb(),
            "state_mb": model.people.nbytes() / 2**20, "phase_seconds": timing,
            "import_seconds": imported, "cpu_seconds": cpu, "load": load}


def calibration(customers: int, months: int, runs: int, seed: int = 1,
                degree: float = 10.0, kind: str = "small_world") -> dict:
    """Many small whole runs, as calibration makes them: network, steps and tables each."""
    imported = _imported(_load_ripple)
    from simulation import run
    params = _market(customers, degree, kind)
    run(params, seed, months)  # warm-up: imports and first-call costs are not per run
    load, cpu = os.getloadavg()[0], time.process_time()
    began = time.perf_counter()
    for k in range(runs):
        run(params, seed + k, months)
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {"case": "ripple calibration runs", "customers": customers, "months": months,
            "runs": runs, "wall_seconds": wall, "runs_per_s": runs / wall,
            "customer_steps_per_s": customers * months * runs / wall, "peak_mb": _peak_mb(),
            "fixed_step_us": _fixed_step_us(params), "import_seconds": imported,
            "cpu_seconds": cpu, "load": load}


def _fixed_step_us(params, people: int = 200, steps: int = 400) -> float:
    """Microseconds of one step of a tiny market: the cost that does not scale with N."""
    from simulation import CustomerModel
    model = CustomerModel(params.replace(population=people, mean_degree=6.0), rng=3)
    began = time.perf_counter()
    model.run(steps * model.dt)
    return (time.perf_counter() - began) / steps * 1e6


def network(kind: str, customers: int, degree: float = 10.0, seed: int = 1) -> dict:
    """Build one social network of the given family."""
    from simulation.network import build_network
    began = time.perf_counter()
    graph = build_network(kind, customers, mean_degree=degree, seed=seed)
    wall = time.perf_counter() - began
    return {"case": f"network {kind}", "customers": customers, "months": 0,
            "wall_seconds": wall, "mean_degree": graph.mean_degree, "peak_mb": _peak_mb()}


def _peer_row(name: str, r: dict, customers: int, months: int, imported: float) -> dict:
    return {"case": f"peer: {name}", "customers": customers, "months": months,
            "import_seconds": imported, "cpu_seconds": r["cpu_seconds"], "load": r["load"],
            "build_seconds": r["build_seconds"], "wall_seconds": r["wall_seconds"],
            "customer_steps_per_s": r["agent_steps_per_s"], "peak_mb": _peak_mb(),
            "changes": r["changes"]}


def peer(customers: int, months: int, seed: int = 1, degree: float = 10.0) -> dict:
    """Mesa's virus_on_network example (linear-time graph, no layout)."""
    imported = _imported(_load_mesa)
    from benchmarks.peer_mesa import run_peer
    return _peer_row("mesa virus_on_network", run_peer(customers, degree, months, seed),
                     customers, months, imported)


def peer_ndlib(customers: int, months: int, seed: int = 1, degree: float = 10.0) -> dict:
    """NDlib's SIR model on the same kind of graph."""
    imported = _imported(_load_ndlib)
    from benchmarks.peer_ndlib import run_peer
    return _peer_row("ndlib SIR", run_peer(customers, degree, months, seed), customers, months,
                     imported)


CASES = {"ripple": ripple, "calibration": calibration, "network": network, "peer": peer,
         "peer_ndlib": peer_ndlib}

if __name__ == "__main__":
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    name, kwargs = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(CASES[name](**kwargs)))
