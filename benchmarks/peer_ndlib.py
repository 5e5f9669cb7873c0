"""Second peer: NDlib's SIR model, the network-diffusion library people reach for.

Run as its documentation shows: a networkx graph, ``SIRModel``, a ``ModelConfig`` with
the infection and recovery rates, then ``iteration_bunch``. The graph is the same
``fast_gnp_random_graph`` the Mesa peer uses, and the rates are those of Mesa's
``virus_on_network`` example (infection 0.4 per contact, recovery 0.4 x 0.3 per step),
so the two peers simulate the same contagion.
"""

from __future__ import annotations

import os
import time

import networkx as nx

SETTINGS = "SIR beta 0.4, gamma 0.12, 1% infected at start; same graph as the Mesa peer"


def run_peer(n: int, mean_degree: float, steps: int, seed: int) -> dict:
    """Build NDlib's SIR model on n people and run `steps` iterations."""
    import ndlib.models.epidemics as ep
    import ndlib.models.ModelConfig as mc

    load, cpu = os.getloadavg()[0], time.process_time()
    began = time.perf_counter()
    graph = nx.fast_gnp_random_graph(n, mean_degree / (n - 1), seed=seed)
    model = ep.SIRModel(graph, seed=seed)
    config = mc.Configuration()
    config.add_model_parameter("beta", 0.4)
    config.add_model_parameter("gamma", 0.12)
    config.add_model_parameter("fraction_infected", 0.01)
    model.set_initial_status(config)
    built = time.perf_counter()
    model.iteration_bunch(steps)
    done = time.perf_counter()
    return {"build_seconds": built - began, "step_seconds": done - built,
            "wall_seconds": done - began, "agent_steps_per_s": n * steps / (done - began),
            "changes": SETTINGS, "cpu_seconds": time.process_time() - cpu, "load": load}
