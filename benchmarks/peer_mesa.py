"""Peer benchmark: Mesa's own ``virus_on_network`` example, run headless.

The example's model and agent classes are imported from the installed mesa
package and used unchanged, except for how the graph is built:

* ``nx.erdos_renyi_graph(n, p)`` (O(n^2), unseeded) is replaced by
  ``nx.fast_gnp_random_graph(n, mean_degree/(n-1), seed=seed)`` (O(n+m)).
* ``Network`` is constructed with ``layout=None``; Mesa 3.5's ``Network``
  otherwise defaults to ``nx.spring_layout`` plus a KD-tree over positions.

The step logic (``shuffle_do("step")`` plus the example's DataCollector, which
counts every agent's state each step) is untouched.
"""

import argparse
import json
import os
import resource
import sys
import time
import tracemalloc
from unittest import mock

import networkx as nx
from mesa.discrete_space import Network
from mesa.examples.basic.virus_on_network import model as virus_model

CHANGES = "graph: fast_gnp_random_graph(seed) instead of erdos_renyi_graph; no layout"


class _NxProxy:
    """Stand-in for the example module's ``nx``: one generator swapped, rest delegated."""

    def __init__(self, erdos_renyi_graph):
        self.erdos_renyi_graph = erdos_renyi_graph

    def __getattr__(self, name):
        return getattr(nx, name)


class _TopologicalNetwork(Network):
    """Mesa ``Network`` whose ``layout`` defaults to None (no spring layout)."""

    def __init__(self, G, *args, layout=None, **kwargs):  # noqa: N803
        super().__init__(G, *args, layout=layout, **kwargs)


def _build(n: int, mean_degree: float, seed: int) -> virus_model.VirusOnNetwork:
    """Build the example model, swapping only the graph generator and layout."""
    p = mean_degree / (n - 1)

    def seeded_gnp(n, p_unused=None, **_ignored):
        return nx.fast_gnp_random_graph(n, p, seed=seed)

    with (
        mock.patch.object(virus_model, "nx", _NxProxy(seeded_gnp)),
        mock.patch.object(virus_model, "Network", _TopologicalNetwork),
    ):
        # Remaining parameters are the example's defaults.
        return virus_model.VirusOnNetwork(
            num_nodes=n,
            avg_node_degree=mean_degree,
            initial_outbreak_size=1,
            virus_spread_chance=0.4,
            virus_check_frequency=0.4,
            recovery_chance=0.3,
            gain_resistance_chance=0.5,
            rng=seed,
        )


def _maxrss_mb() -> float:
    """Process peak RSS in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run_peer(
    n: int, mean_degree: float, steps: int, seed: int, memory: str = "rss"
) -> dict:
    """Run Mesa's virus_on_network model headless for `steps` steps on n agents.

    ``memory="rss"`` reports the growth of the process's peak RSS
    (ru_maxrss delta) during the run; it only sees growth beyond any earlier
    peak of this process, so call it in a fresh process for a clean number.
    ``memory="tracemalloc"`` reports the Python-heap peak instead, but slows
    the run, so the timings are then not comparable.
    """
    if memory not in ("rss", "tracemalloc"):
        raise ValueError("memory must be 'rss' or 'tracemalloc'")
    if memory == "tracemalloc":
        tracemalloc.start()
    rss0 = _maxrss_mb()

    load, cpu = os.getloadavg()[0], time.process_time()
    t0 = time.perf_counter()
    model = _build(n, mean_degree, seed)
    t1 = time.perf_counter()
    for _ in range(steps):
        model.step()
    t2 = time.perf_counter()

    if memory == "tracemalloc":
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        method = "tracemalloc peak (Python heap)"
    else:
        peak_mb = _maxrss_mb() - rss0
        method = "resource.getrusage ru_maxrss delta (peak RSS growth)"

    wall = t2 - t0
    edges = model.grid.G.number_of_edges()
    return {
        "peer": "mesa virus_on_network",
        "customers": n,
        "steps": steps,
        "mean_degree_realised": 2 * edges / n,
        "build_seconds": t1 - t0,
        "step_seconds": t2 - t1,
        "wall_seconds": wall,
        "agent_steps_per_s": n * steps / wall,
        "peak_mb": peak_mb,
        "memory_method": method,
        "changes": CHANGES,
        "cpu_seconds": time.process_time() - cpu,
        "load": load,
    }


def main() -> None:
    """Command-line entry point: print the result dict as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=10_000)
    ap.add_argument("--degree", type=float, default=10.0)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--memory", choices=("rss", "tracemalloc"), default="rss")
    a = ap.parse_args()
    print(json.dumps(run_peer(a.customers, a.degree, a.steps, a.seed, a.memory), indent=2))


if __name__ == "__main__":
    main()
