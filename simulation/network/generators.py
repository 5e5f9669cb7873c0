"""Social networks for word of mouth: generators in the NetworkX style (explicit arguments
plus ``seed``) that return a :class:`SocialGraph`, and the dispatcher a scenario uses.
"""

import operator
from os import PathLike

import networkx as nx
import numpy as np

from simulation.network import attachment
from simulation.network import ties as gen
from simulation.network.edge_list import from_edge_list, write_edge_list
from simulation.network.graph import _MAX_NODES, SocialGraph, _csr_from_edges
from simulation.network_kinds import (
    NETWORK_KINDS,
    _round_half_up,
    community_labels,
    size_problem,
)

__all__ = ["NETWORK_KINDS", "SocialGraph", "build_network", "communities", "community_labels",
           "complete", "from_edge_list", "from_networkx", "random_graph", "scale_free",
           "size_problem", "small_world", "write_edge_list"]


Seed = int | np.random.Generator | None


def _rng(seed: Seed) -> np.random.Generator:
    """The one numpy Generator a generator call draws from."""
    return np.random.default_rng(seed)


def _check_size(n: int, mean_degree: float) -> None:
    """Reject sizes and degrees no generator can honour."""
    if not 1 <= operator.index(n) <= _MAX_NODES:
        raise ValueError(f"n must be between 1 and {_MAX_NODES}, got {n}")
    if not 0 <= mean_degree <= n - 1:
        raise ValueError(f"mean_degree must be between 0 and n - 1 = {n - 1}, got {mean_degree}")


def _check_prob(name: str, value: float) -> None:
    """Probabilities and shares must lie in [0, 1]."""
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value}")


def _check_fit(kind: str, n: int, mean_degree: float, community_size: int = 50,
               weak_tie_share: float = 0.2) -> None:
    problem = size_problem(kind, n, mean_degree, community_size, weak_tie_share)
    if problem:
        raise ValueError(problem)


def small_world(n: int, mean_degree: float, rewire_prob: float, seed: Seed = None) -> SocialGraph:
    """Watts-Strogatz: ring lattice with k = mean_degree rounded to even, ties rewired w.p. p.

    Clustering stays high for small rewire_prob while a few shortcuts make paths short.
    """
    _check_size(n, mean_degree)
    _check_prob("rewire_prob", rewire_prob)
    _check_fit("small_world", n, mean_degree)
    k = 2 * _round_half_up(mean_degree / 2)
    return _csr_from_edges(n, gen.watts_strogatz_edges(n, k, rewire_prob, _rng(seed)),
                           blocks=max(k // 2, 1))


def scale_free(n: int, mean_degree: float, seed: Seed = None, triangle_prob: float = 0.0):
    """Barabasi-Albert with m = mean_degree / 2 ties per newcomer (Holme-Kim if triangle_prob > 0).

    Preferential attachment gives a power-law degree tail: a few hubs reach many people. Triad
    formation adds clustering but runs as a sequential loop (roughly 10 s per million people).
    """
    _check_size(n, mean_degree)
    _check_prob("triangle_prob", triangle_prob)
    m = _round_half_up(mean_degree / 2)
    if m < 1:
        raise ValueError("scale_free needs mean_degree >= 1 (m = round(mean_degree / 2) >= 1)")
    _check_fit("scale_free", n, mean_degree)
    rng = _rng(seed)
    if triangle_prob > 0:
        edges = attachment.holme_kim_edges(n, m, triangle_prob, rng)
    else:
        edges = attachment.barabasi_albert_edges(n, m, rng)
    return _csr_from_edges(n, edges)


def random_graph(n: int, mean_degree: float, seed: Seed = None) -> SocialGraph:
    """Erdos-Renyi G(n, p) with p = mean_degree / (n - 1): the no-structure baseline."""
    _check_size(n, mean_degree)
    p = mean_degree / (n - 1) if n > 1 else 0.0
    return _csr_from_edges(n, gen.gnp_edges(n, p, _rng(seed)))


def complete(n: int) -> SocialGraph:
    """Everyone tied to everyone (well-mixed population), held implicitly without arrays."""
    _check_size(n, 0)
    return SocialGraph(n, None, None, None, complete=True)


def communities(
    n: int, community_size: int, mean_degree: float, weak_tie_share: float, seed: Seed = None
) -> SocialGraph:
    """Strong-tie communities joined by random weak ties (Goldenberg, Libai & Muller 2001).

    People in ``community_labels(n, community_size)`` blocks have dense strong ties inside their
    block; about ``weak_tie_share`` of each person's ties are weak ties to other blocks.
    """
    _check_size(n, mean_degree)
    _check_prob("weak_tie_share", weak_tie_share)
    _check_fit("communities", n, mean_degree, community_size, weak_tie_share)
    sizes = np.bincount(community_labels(n, community_size))
    strong_degree = mean_degree * (1 - weak_tie_share)
    weak_degree = mean_degree * weak_tie_share
    edges, strong = gen.community_edges(sizes, strong_degree, weak_degree, _rng(seed))
    return _csr_from_edges(n, edges, strong)


def from_networkx(graph: nx.Graph) -> SocialGraph:
    """SocialGraph from any NetworkX graph: nodes relabelled 0..n-1 in iteration order.

    Direction is ignored; a boolean ``strong`` edge attribute is kept (missing means strong).
    """
    index = {node: i for i, node in enumerate(graph.nodes)}
    ties = [(index[u], index[v], bool(s)) for u, v, s in graph.edges(data="strong", default=True)]
    edges = np.array([(u, v) for u, v, _ in ties], dtype=np.int64).reshape(-1, 2)
    strong = np.array([s for _, _, s in ties], bool)
    return _csr_from_edges(len(index), edges, None if strong.all() else strong)


def build_network(
    kind: str,
    n: int,
    *,
    mean_degree: float = 10,
    rewire_prob: float = 0.1,
    triangle_prob: float = 0.0,
    community_size: int = 50,
    weak_tie_share: float = 0.2,
    edge_list_path: str | PathLike = "",
    seed: Seed = None,
) -> SocialGraph:
    """Build the network a scenario names. For ``edge_list`` the file decides n (n is ignored)."""
    if kind not in NETWORK_KINDS:
        raise ValueError(f"unknown network kind {kind!r}; choose one of {', '.join(NETWORK_KINDS)}")
    if kind == "edge_list":
        if not edge_list_path:
            raise ValueError("kind='edge_list' needs edge_list_path")
        return from_edge_list(edge_list_path)
    if kind == "small_world":
        return small_world(n, mean_degree, rewire_prob, seed)
    if kind == "scale_free":
        return scale_free(n, mean_degree, seed, triangle_prob)
    if kind == "random":
        return random_graph(n, mean_degree, seed)
    if kind == "complete":
        return complete(n)
    return communities(n, community_size, mean_degree, weak_tie_share, seed)
