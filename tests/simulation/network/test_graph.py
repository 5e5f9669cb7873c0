"""The CSR social graph: conversions, weights, read-only degrees and the builder."""

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from simulation.network import (
    communities,
    complete,
    from_networkx,
    random_graph,
    small_world,
)
from simulation.network import graph as net
from tests.simulation.network.graph_checks import assert_simple_undirected, tie_types


def test_networkx_round_trip_relabels_and_keeps_tie_types():
    g = nx.Graph()
    g.add_edge("ann", "bob", strong=False)
    g.add_edge("bob", "cy")
    g.add_node("dee")
    graph = from_networkx(g)
    assert graph.n == 4 and graph.degree.tolist() == [1, 2, 1, 0]
    back = graph.to_networkx()
    assert back.edges[0, 1]["strong"] is False and back.edges[1, 2]["strong"] is True
    assert from_networkx(nx.path_graph(4)).strong is None


def test_to_networkx_refuses_huge_graphs():
    with pytest.raises(ValueError, match="drawing"):
        complete(20_001).to_networkx()
    with pytest.raises(ValueError, match="drawing"):
        complete(3000).to_networkx()  # 4.5 million ties
    with pytest.raises(ValueError, match="drawing"):
        random_graph(20_001, 2, 1).to_networkx()


def test_to_csr_weights_weak_ties():
    graph = communities(400, 20, 6, 0.5, 2)
    matrix = graph.to_csr(weak_weight=0.25)
    assert matrix.shape == (400, 400)
    assert set(np.unique(matrix.data)) == {0.25, 1.0}
    assert matrix.sum() == pytest.approx(graph.strong.sum() + 0.25 * (~graph.strong).sum())


def test_degree_is_read_only():
    graph = small_world(100, 4, 0.1, 1)
    with pytest.raises(ValueError):
        graph.degree[0] = 99


@settings(max_examples=60, deadline=None)
@given(
    hs.integers(1, 12).flatmap(
        lambda n: hs.tuples(
            hs.just(n),
            hs.lists(hs.tuples(hs.integers(0, n - 1), hs.integers(0, n - 1), hs.booleans())),
        )
    )
)
def test_csr_builder_matches_a_set_of_ties(case):
    n, ties = case
    edges = np.array([(u, v) for u, v, _ in ties], dtype=np.int64).reshape(-1, 2)
    graph = net._csr_from_edges(n, edges, np.array([s for *_, s in ties], bool))
    expected = {}
    for u, v, s in ties:
        if u != v:
            expected[(u, v)] = expected[(v, u)] = expected.get((u, v), False) or s
    assert tie_types(graph) == expected
    assert_simple_undirected(graph)


def test_csr_builder_sorts_and_merges_the_rows_of_hubs():
    # rows longer than 32 take the builder's other sorting path
    rng = np.random.default_rng(0)
    leaves = rng.integers(1, 200, 600)
    edges = np.column_stack([np.zeros(600, np.int64), leaves])
    strong = rng.random(600) < 0.5
    graph = net._csr_from_edges(200, edges, strong)
    expected = {}
    for v, s in zip(leaves.tolist(), strong.tolist()):
        expected[(0, v)] = expected[(v, 0)] = expected.get((0, v), False) or s
    assert tie_types(graph) == expected
    assert_simple_undirected(graph)
