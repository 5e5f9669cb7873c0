"""Network generators: structure, targets, reproducibility and bad arguments."""

import networkx as nx
import numpy as np
import pytest
import scipy.stats as st

from simulation.network import (
    NETWORK_KINDS,
    SocialGraph,
    build_network,
    communities,
    community_labels,
    complete,
    random_graph,
    scale_free,
    small_world,
)
from tests.simulation.network.graph_checks import assert_simple_undirected, rows_of

N = 3000


BUILDERS = {
    "small_world": lambda seed: small_world(N, 10, 0.1, seed),
    "scale_free": lambda seed: scale_free(N, 10, seed),
    "holme_kim": lambda seed: scale_free(N, 10, seed, triangle_prob=0.5),
    "random": lambda seed: random_graph(N, 10, seed),
    "communities": lambda seed: communities(N, 50, 10, 0.2, seed),
}


def average_clustering(graph: SocialGraph) -> float:
    """Mean local clustering, via NetworkX as an independent reference."""
    return nx.average_clustering(graph.to_networkx())


@pytest.mark.parametrize("kind", BUILDERS)
def test_every_generator_gives_a_simple_undirected_graph(kind):
    assert_simple_undirected(BUILDERS[kind](1))


@pytest.mark.parametrize("kind", BUILDERS)
def test_same_seed_same_graph_and_other_seed_other_graph(kind):
    first, again, other = BUILDERS[kind](7), BUILDERS[kind](7), BUILDERS[kind](8)
    assert np.array_equal(first.indptr, again.indptr)
    assert np.array_equal(first.indices, again.indices)
    assert (first.strong is None and again.strong is None) or np.array_equal(
        first.strong, again.strong
    )
    assert not np.array_equal(first.indices, other.indices)


def test_a_generator_can_be_passed_as_seed():
    a = small_world(500, 6, 0.3, np.random.default_rng(5))
    b = small_world(500, 6, 0.3, np.random.default_rng(5))
    assert np.array_equal(a.indices, b.indices)


def test_mean_degree_hits_the_target():
    # Rewiring and preferential attachment keep the tie count exactly: k*n/2 and m per newcomer.
    assert small_world(N, 10, 0.3, 1).mean_degree == 10.0
    assert small_world(N, 7, 0.0, 1).mean_degree == 8.0  # 7 rounds up to the even k = 8
    assert scale_free(N, 10, 1).mean_degree == pytest.approx(2 * 5 * (N - 6 + 1) / N)
    assert scale_free(N, 10, 1, triangle_prob=0.9).mean_degree == pytest.approx(9.983, abs=1e-3)
    # G(n, p): 2E/n has sd sqrt(2 * 10 / n) = 0.08 here, so 0.4 is a 5-sigma band.
    assert random_graph(N, 10, 1).mean_degree == pytest.approx(10, abs=0.4)
    # Communities: counts are fixed per person; a few unpairable tie ends (<1%) are dropped.
    assert communities(N, 50, 10, 0.2, 1).mean_degree == pytest.approx(10, rel=0.01)


def test_small_world_clustering_is_high_on_the_lattice_and_falls_with_rewiring():
    clustering = {p: average_clustering(small_world(2000, 10, p, 3)) for p in (0, 0.1, 0.5, 1)}
    assert clustering[0] == pytest.approx(3 * (10 - 2) / (4 * (10 - 1)))  # ring lattice: 2/3
    assert clustering[0] > clustering[0.1] > clustering[0.5] > clustering[1]
    # Barrat & Weigt (2000): C(p) ~ C(0)(1 - p)^3; run-to-run sd is ~0.004, allow 0.03.
    assert clustering[0.1] == pytest.approx(2 / 3 * 0.9**3, abs=0.03)
    assert clustering[1] < 0.02  # random-graph level, ~k/n = 0.005


def test_small_world_matches_networkx_watts_strogatz():
    ours = [average_clustering(small_world(1000, 10, 0.2, s)) for s in range(3)]
    theirs = [
        nx.average_clustering(nx.watts_strogatz_graph(1000, 10, 0.2, seed=s)) for s in range(3)
    ]
    # Both average to C ~ 0.34 with sd ~0.01 per run; means of three agree within 0.03.
    assert np.mean(ours) == pytest.approx(np.mean(theirs), abs=0.03)


def test_scale_free_has_hubs_and_a_heavy_tail():
    degree = scale_free(4000, 10, 2).degree
    assert degree.min() == 5  # every newcomer brings m = 5 ties
    assert degree.max() > 10 * degree.mean()  # BA hubs reach ~m * sqrt(n) = 316
    # P(k >= 50) ~ (m / k)^2 = 1% for BA, ~1e-15 for a Poisson(10) graph; demand 0.5%.
    assert (degree >= 50).mean() > 0.005
    assert random_graph(4000, 10, 2).degree.max() < 40
    # CCDF slope between k = 10 and 100 is -(gamma - 1) = -2 for BA; 20 seeds gave -1.78..-1.96.
    slope = np.log((degree >= 100).mean() / (degree >= 10).mean()) / np.log(10)
    assert slope == pytest.approx(-2, abs=0.35)


def test_scale_free_degrees_match_networkx_barabasi_albert():
    ours = np.concatenate([scale_free(2000, 10, s).degree for s in range(3)])
    theirs = np.concatenate(
        [[d for _, d in nx.barabasi_albert_graph(2000, 5, seed=s).degree()] for s in range(3)]
    )
    # Same growth process, so a two-sample KS test should not reject (observed p ~ 0.7-1.0).
    assert st.ks_2samp(ours, theirs).pvalue > 0.001


def test_triangle_prob_adds_clustering_but_keeps_the_hubs():
    plain = average_clustering(scale_free(2000, 10, 4))
    clustered = scale_free(2000, 10, 4, triangle_prob=0.8)
    # Holme & Kim: clustering ~0.01 without triads, ~0.3-0.4 at p = 0.8 (nx gives 0.33).
    assert plain < 0.05 and average_clustering(clustered) > 0.2
    assert clustered.degree.max() > 10 * clustered.mean_degree


def test_communities_weak_share_and_strong_ties_inside():
    graph = communities(N, 50, 10, 0.2, 5)
    label = community_labels(N, 50)
    rows = rows_of(graph)
    inside = label[rows] == label[graph.indices]
    assert np.array_equal(graph.strong, inside)  # strong exactly within, weak exactly across
    assert (~graph.strong).mean() == pytest.approx(0.2, abs=0.01)
    # Each person's own share is set too (2 weak of 10), not just the average.
    own_share = np.bincount(rows, weights=~graph.strong, minlength=N) / graph.degree
    assert np.median(own_share) == pytest.approx(0.2) and own_share.std() < 0.05
    assert np.bincount(label).min() >= 50 - 1 and np.bincount(label).max() <= 50 + 1


def test_dense_communities_become_cliques():
    graph = communities(1000, 10, 9, 0.0, 1)
    assert (graph.degree == 9).all() and graph.strong.all()


def test_communities_reject_impossible_requests():
    with pytest.raises(ValueError, match="do not fit"):
        communities(1000, 5, 10, 0.2, 1)  # 8 strong ties in communities of 5
    with pytest.raises(ValueError, match="two communities"):
        communities(60, 50, 4, 0.2, 1)


def test_complete_graph_is_implicit():
    graph = complete(1000)
    assert graph.complete and graph.indptr is None and graph.indices is None
    assert (graph.degree == 999).all() and graph.mean_degree == 999
    with pytest.raises(ValueError, match="implicitly"):
        graph.to_csr()
    assert complete(5).to_networkx().number_of_edges() == 10


def test_build_network_dispatches_every_kind(tmp_path):
    path = tmp_path / "ties.txt"
    path.write_text("0 1\n1 2\n")
    for kind in NETWORK_KINDS:
        graph = build_network(
            kind, 200, mean_degree=6, community_size=20, edge_list_path=path, seed=1
        )
        assert isinstance(graph, SocialGraph)
        assert graph.n == (3 if kind == "edge_list" else 200)
    assert build_network("communities", 200, mean_degree=6, community_size=20, seed=1).strong.any()


def test_unknown_kind_lists_the_allowed_ones():
    with pytest.raises(ValueError, match="choose one of small_world, scale_free, random"):
        build_network("tree", 100)


@pytest.mark.parametrize(
    "call",
    [
        lambda: small_world(10, 10, 0.1, 1),  # k = 10 needs more than 10 people
        lambda: small_world(100, 4, 1.5, 1),
        lambda: scale_free(100, 0.5, 1),  # m = 0
        lambda: random_graph(100, 200, 1),
        lambda: scale_free(100, 4, 1, triangle_prob=-0.1),
        lambda: build_network("edge_list", 10),
    ],
)
def test_bad_arguments_raise_value_error(call):
    with pytest.raises(ValueError):
        call()
