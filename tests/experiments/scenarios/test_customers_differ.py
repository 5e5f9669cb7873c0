"""The heterogeneous option ships as a scenario whose spreads are the cited ones."""

from experiments.scenarios.scenario import load_scenario
from simulation.parameters.traits import HETEROGENEOUS


def test_the_shipped_scenario_is_the_cited_heterogeneous_market():
    traits = load_scenario("customers_differ").params.traits
    assert {k: getattr(traits, k) for k in HETEROGENEOUS} == HETEROGENEOUS and traits.differ
    assert not load_scenario("baseline").params.traits.differ
