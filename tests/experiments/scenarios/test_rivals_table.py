"""A firm profile's rivals (`[[market.firms]]`), read as a scenario's `[[firms]]` are: bad
entries are one line naming the file, key, value and allowed range, before any work."""

import pytest

from experiments.errors import ScenarioError
from experiments.scenarios.firm import firm_from_dict

BASE = {"name": "Ours", "market": {"size": 4000, "customers": 1000},
        "spend": {"acquisition": 3000}}


def with_rivals(*tables, **extra):
    return {**BASE, **extra, "market": {**BASE["market"], "firms": list(tables)}}


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
