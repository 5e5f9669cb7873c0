"""A firm profile's market with rivals: the profile's own firm first, each rival differing
where its `[[market.firms]]` table says, and the profile's settings everyone's defaults."""

import pytest

from experiments.scenarios.firm import firm_from_dict
from experiments.scenarios.firm_market import firm_params

BASE = {"name": "Ours", "market": {"size": 4000, "customers": 1000},
        "spend": {"acquisition": 3000}}


def with_rivals(*tables, **extra):
    return {**BASE, **extra, "market": {**BASE["market"], "firms": list(tables)}}


def test_rivals_follow_the_profiles_own_firm_and_differ_where_they_say():
    firm = firm_from_dict(with_rivals({"name": "Rival", "reliability": 0.9,
                                       "initial_customer_share": 0.1}))
    market = firm_params(firm)
    assert market.firm_names() == ("Ours", "Rival")
    ours, rival = market.firm_views()
    assert ours.market.initial_customer_share == pytest.approx(0.25)
    assert rival.market.initial_customer_share == pytest.approx(0.1)
    assert rival.service.reliability == 0.9 and ours.service.reliability != 0.9
    # what a rival does not state is the profile's: today's paid acquisition
    assert rival.acquisition.paid_budget == ours.acquisition.paid_budget == 3000


def test_without_rivals_the_market_and_the_fits_identity_are_as_before():
    plain = firm_from_dict(BASE)
    assert plain.rivals == () and len(firm_params(plain).firms) == 0
    rivalled = firm_from_dict(with_rivals({"name": "Rival"}))
    assert rivalled.identity()["content"] != plain.identity()["content"]
    assert "rivals" not in str(plain.identity())
