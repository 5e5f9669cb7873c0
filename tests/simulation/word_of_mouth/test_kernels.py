"""Compiled listener picking: reproducible for a seed, and statistically the same rule as
the plain numpy version in `reference.py` (which the model used before)."""

import numpy as np
import pytest
from scipy import stats

from simulation import Params
from simulation import word_of_mouth as wom
from simulation.network import communities, random_graph
from tests.simulation.kernel_equivalence import ALPHA, assert_outputs_match
from tests.simulation.word_of_mouth import reference


def hops(graph, teller, listener):
    """0 = own tie, 1 = tie of a tie, 2 = anyone else, per message."""
    adjacency = graph.to_csr()
    direct = np.asarray(adjacency[teller, listener]).ravel() > 0
    two = np.asarray((adjacency @ adjacency)[teller, listener]).ravel() > 0
    return np.where(direct, 0, np.where(two, 1, 2))


@pytest.mark.parametrize("reach, share", [(20, 0.0), (250, 0.5)], ids=["F4", "F5"])
def test_listeners_are_drawn_as_the_numpy_rule_draws_them(reach, share):
    graph = random_graph(4000, 10, seed=4)
    tellers = np.random.default_rng(1).choice(graph.n, 300, replace=False)
    counts = []
    for pick in (wom.pick_listeners, reference.pick_listeners):
        teller, listener, _ = pick(graph, tellers, np.full(tellers.size, reach), share,
                                   np.random.default_rng(2))
        counts.append(np.bincount(hops(graph, teller, listener), minlength=3))
    table = np.array(counts)
    table = table[:, table.sum(axis=0) > 0]
    assert stats.chi2_contingency(table).pvalue > ALPHA, table


def test_same_seed_same_listeners_and_strong_ties_kept():
    graph = communities(3000, 50, 10, 0.3, seed=5)
    tellers = np.arange(0, graph.n, 7)
    reach = np.random.default_rng(0).integers(1, 15, tellers.size)
    first = wom.pick_listeners(graph, tellers, reach, 0.2, np.random.default_rng(9))
    again = wom.pick_listeners(graph, tellers, reach, 0.2, np.random.default_rng(9))
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    teller, listener, strong = first
    own = np.asarray(graph.to_csr()[teller, listener]).ravel() > 0
    tie_strength = {(int(u), int(v)): bool(s) for u, v, s in zip(
        np.repeat(np.arange(graph.n), graph.degree), graph.indices, graph.strong)}
    expected = [tie_strength[(int(t), int(h))] for t, h in zip(teller[own], listener[own])]
    assert (strong[own] == expected).all() and not strong[~own].any()


@pytest.mark.slow
def test_model_outputs_match_the_numpy_rule_over_many_seeds(monkeypatch):
    assert_outputs_match(monkeypatch, wom, "pick_listeners", reference.pick_listeners,
                         Params.preset("folklore").replace(population=1500))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hearing_moves_expectations_and_followers_as_the_numpy_rule(seed):
    """The compiled pass against the numpy rule, to the bit: the same expectations and
    the same followers from the same draws (weights as the model's: strong and weak ties,
    an enemy's strength, retold messages)."""
    from simulation.state import new_population
    params = Params.preset("folklore").replace(follow_friend_prob=0.2, expectation_shift=0.05)
    rng = np.random.default_rng(seed)
    pops = [new_population(20_000, 0.4, 4.0, 0.6, np.random.default_rng(seed))
            for _ in range(2)]
    expectation = rng.random(20_000, dtype=np.float32)
    status = rng.integers(0, 3, 20_000).astype(np.int8)
    weights = np.array([0.0, 0.0, 0.0, 0.35, 1.0, 1.3, 2.0, 7.5])
    positive, negative = rng.choice(weights, 20_000), rng.choice(weights, 20_000)
    for pop in pops:
        pop.expectation[:], pop.status[:] = expectation, status
    out = [hear(pop, positive, negative, params, np.random.default_rng(seed + 10))
           for hear, pop in zip((wom.hear, reference.hear), pops)]
    np.testing.assert_array_equal(out[0], out[1])
    np.testing.assert_array_equal(pops[0].expectation, pops[1].expectation)
    assert out[0].size and (pops[0].expectation != expectation).any()
