"""Network size limits: what parameters check up front is exactly what the generators can
build, so a market that passes validation never fails later while building its network."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulation import ParameterError, Params
from simulation.network import build_network
from simulation.network_kinds import size_problem

BUILT = ("small_world", "scale_free", "random", "communities")


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(BUILT), n=st.integers(10, 60),
       mean_degree=st.floats(1, 70, allow_nan=False), community_size=st.integers(2, 40),
       weak_tie_share=st.sampled_from([0.0, 0.2, 0.5, 1.0]))
def test_size_problem_is_what_the_generators_refuse(kind, n, mean_degree, community_size,
                                                      weak_tie_share):
    problem = size_problem(kind, n, mean_degree, community_size, weak_tie_share)
    args = dict(mean_degree=mean_degree, community_size=community_size,
                weak_tie_share=weak_tie_share, seed=1)
    if problem is None:
        assert build_network(kind, n, **args).n == n
    else:
        with pytest.raises(ValueError):
            build_network(kind, n, **args)


@pytest.mark.parametrize("changes, fragment", [
    ({"population": 10}, "network.mean_degree = 10 does not fit market.population = 10"),
    ({"population": 30, "kind": "communities"}, "weak ties need at least two communities"),
    ({"population": 200, "kind": "communities", "community_size": 5},
     "8 strong ties per person do not fit in communities of 5"),
])
def test_params_name_both_settings_of_a_limit(changes, fragment):
    with pytest.raises(ParameterError, match=fragment):
        Params().replace(**changes)


def test_complete_and_edge_list_hold_any_degree():
    assert size_problem("complete", 10, 1000) is None
    assert size_problem("edge_list", 10, 1000) is None
