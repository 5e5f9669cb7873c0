"""A firm profile's market with rivals (`[[market.firms]]`): read as a scenario's
`[[firms]]` are, the profile's own firm first; bad entries are one line naming the file,
key, value and allowed range, before any work."""

import pytest

from experiments.errors import ScenarioError
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


@pytest.mark.parametrize("table, words", [
    ({"name": "Rival", "reliabilty": 0.9}, ["market.firms[1] (Rival)", "reliabilty",
                                            "0.9", "reliability"]),
    ({"name": "Rival", "reliability": 1.7}, ["market.firms[1] (Rival)", "reliability",
                                             "1.7", "between 0.0 and 1.0"]),
    ({"name": "Rival", "population": 500}, ["market.firms[1] (Rival)", "population",
                                            "500", "market-side"]),
    ({"name": "ours"}, ["market.firms[1]", "'ours'", "used twice"]),
    ({"reliability": 0.9}, ["market.firms[1]", "name", "needs a name"]),
    ({"name": "Rival", "initial_customer_share": 0.9},
     ["market.firms", "initial_customer_share", "1.15", "between 0 and 1"]),
])
def test_a_bad_rival_is_one_line_naming_file_key_value_and_range(table, words):
    with pytest.raises(ScenarioError) as err:
        firm_from_dict(with_rivals(table), where="my_firm.toml")
    message = str(err.value)
    assert "\n" not in message and message.startswith("my_firm.toml: ")
    for word in words:
        assert word in message, message


def test_two_rivals_of_one_name_and_a_cohort_curve_with_rivals_are_refused():
    with pytest.raises(ScenarioError, match=r"market.firms\[2\]: name = 'B' is used twice"):
        firm_from_dict(with_rivals({"name": "B"}, {"name": "B"}), where="f.toml")
    with pytest.raises(ScenarioError, match="observed.cohort_retention"):
        firm_from_dict(with_rivals({"name": "B"}, observed={"cohort_retention": [0.8]}),
                       where="f.toml")
    with pytest.raises(ScenarioError, match="market.firms must be a list"):
        firm_from_dict({**BASE, "market": {**BASE["market"], "firms": {"name": "B"}}},
                       where="f.toml")
