"""The market/firm cut through the parameter catalogue: complete, exclusive, and enough
to put one firm's block into another market."""

import dataclasses

import pytest

from simulation import Params
from simulation.parameters.groups import GROUPS
from simulation.parameters.sides import (
    FIRM,
    FIRM_FIELDS,
    GROUP_SIDE,
    MARKET,
    MARKET_FIELDS,
    OTHER_SIDE,
    SIDE,
)


def test_every_group_has_a_side_and_every_named_exception_is_a_field_of_its_group():
    assert set(GROUP_SIDE) == set(GROUPS) and set(GROUP_SIDE.values()) == {MARKET, FIRM}
    for group, names in OTHER_SIDE.items():
        fields = {f.name for f in dataclasses.fields(GROUPS[group])}
        assert set(names) <= fields, (group, set(names) - fields)


def test_every_field_is_on_exactly_one_side():
    every = [f.name for cls in GROUPS.values() for f in dataclasses.fields(cls)]
    assert sorted(SIDE) == sorted(every)
    assert not set(MARKET_FIELDS) & set(FIRM_FIELDS)
    assert sorted(MARKET_FIELDS + FIRM_FIELDS) == sorted(every)


@pytest.mark.parametrize("name, side", [
    ("paid_budget", FIRM), ("cac", FIRM), ("revenue_per_month", FIRM), ("currency", FIRM),
    ("capacity_per_1000", FIRM), ("resolution_days", FIRM), ("followup_budget", FIRM),
    ("reliability", FIRM), ("quality_point_cost", FIRM), ("marketing_promise_gap", FIRM),
    ("population", MARKET), ("mean_degree", MARKET), ("complaint_prob", MARKET),
    ("satisfaction_learning", MARKET), ("weight_reliability", MARKET),
    ("death_rate", MARKET), ("positive_tell_rate", MARKET), ("praise_impact", MARKET),
    ("stay_resolved_fast", MARKET), ("advertising_rate", MARKET),
])
def test_levers_prices_and_accounts_are_the_firm_people_and_behaviour_the_market(name, side):
    assert SIDE[name] == side


def test_the_two_sides_split_the_values_and_carry_one_firm_into_another_market():
    folklore, evidence = Params.preset("folklore"), Params.preset("evidence")
    market, firm = folklore.market_side(), folklore.firm_side()
    assert {**market, **firm} == folklore.flat() and not set(market) & set(firm)
    assert evidence.firm_side() != firm          # the presets differ on the firm side too
    moved = folklore.replace(**evidence.firm_side())
    assert moved.market_side() == market
    assert moved.firm_side() == evidence.firm_side()
