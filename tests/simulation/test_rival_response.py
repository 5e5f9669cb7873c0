"""The rivals' rule in a comparison: hold changes nothing; match copies the focal firm's
strategy (the same lever and money, priced on the rival's own settings) after the lag."""

import numpy as np
import pytest

from experiments.errors import ScenarioError
from experiments.execution.runs import RunSpec, simulate_run
from experiments.scenarios.scenario import scenario_from_dict
from simulation import FirmSetting, Params
from simulation.rival_response import RivalResponse
from simulation.strategies import Strategy, apply_strategy

MARKET = Params.preset("folklore").replace(population=1500).with_firms(
    (FirmSetting("Ours"), FirmSetting("Rival", (("reliability", 0.9),))))
BUY = Strategy("acquisition", 3000.0)


def test_hold_changes_nothing_and_match_buys_the_rival_the_same_lever():
    assert RivalResponse("hold").changes(MARKET, BUY) == ()
    assert RivalResponse("match").changes(MARKET, Strategy("baseline", 0.0)) == ()
    [(month, firm, settings)] = RivalResponse("match", 4.0).changes(MARKET, BUY)
    rival = MARKET.firm_views()[1]
    assert (month, firm) == (4.0, 1)
    assert dict(settings) == {"paid_budget": rival.acquisition.paid_budget + 3000.0}


def test_a_matching_rival_acts_only_after_the_lag():
    """Same seed: the runs agree to the month before the match, then the rival buys more
    customers than when it holds."""
    params = apply_strategy(MARKET, BUY)
    changes = RivalResponse("match", 6.0).changes(MARKET, BUY)
    held = simulate_run(RunSpec("h", params, 5, 24))
    matched = simulate_run(RunSpec("m", params, 5, 24, firm_changes=changes))
    a, b = (out.steps.set_index("month")["customers"] for out in (held, matched))
    np.testing.assert_array_equal(a.loc[:6], b.loc[:6])
    assert (a.loc[7:] != b.loc[7:]).any()
    assert matched.row["firms_Rival_new_customers"] > held.row["firms_Rival_new_customers"]
    assert RunSpec("h", params, 5, 24).fingerprint() != RunSpec(
        "m", params, 5, 24, firm_changes=changes).fingerprint()


SCENARIO = {"months": 24, "firms": [{"name": "Ours"}, {"name": "Rival"}],
            "strategies": [{"name": "baseline"}, {"name": "acquisition", "budget": 1000.0}]}


def test_a_scenario_states_the_rule_and_the_lag():
    scenario = scenario_from_dict({**SCENARIO, "rival_response": "match", "rival_lag": 3})
    assert scenario.rival_response == RivalResponse("match", 3.0)
    assert scenario_from_dict(SCENARIO).rival_response == RivalResponse("hold")
    assert scenario.describe()["rival_response"] == {"rule": "match", "lag_months": 3.0}


@pytest.mark.parametrize("extra, message", [
    ({"rival_response": "copy"}, "rival_response: unknown value 'copy'.*hold, match"),
    ({"rival_response": "match", "rival_lag": -1}, "rival_lag: -1 is out of range"),
    ({"rival_response": "match", "rival_lag": 24}, "rival_lag: 24 months is not before"),
    ({"rival_lag": 3}, "rival_lag: 3 is read only with rival_response = 'match'"),
    ({"rival_response": "match", "firms": None}, "'match' needs rivals")])
def test_a_bad_rule_is_a_one_line_error_naming_the_key(extra, message):
    data = {k: v for k, v in {**SCENARIO, **extra}.items() if v is not None}
    with pytest.raises(ScenarioError, match=message) as err:
        scenario_from_dict(data, where="s.toml")
    assert str(err.value).startswith("s.toml: ") and "\n" not in str(err.value)


def test_a_match_of_several_levers_buys_each_on_the_rivals_own_settings():
    """A move over several levers (a plan's split) is matched lever by lever, each priced
    on the rival's settings and customers, as one strategy is."""
    quality = Strategy("service_quality", 2000.0)
    both = RivalResponse("match", 3.0).changes_by(
        MARKET, lambda view: apply_strategy(apply_strategy(view, BUY), quality))
    [(_, _, one)] = RivalResponse("match", 3.0).changes(MARKET, quality)
    [(month, firm, settings)] = both
    assert (month, firm) == (3.0, 1)
    assert dict(settings)["paid_budget"] == MARKET.firm_views()[1].acquisition.paid_budget + \
        3000.0
    # the quality bought is the rival's (from its 0.9), the same as matching quality alone
    assert dict(settings)["reliability"] == dict(one)["reliability"] > 0.9
    assert RivalResponse("hold").changes_by(MARKET, lambda view: view) == ()
    single = Params.preset("folklore").replace(population=1500)
    assert RivalResponse("match").changes_by(single, lambda v: apply_strategy(v, BUY)) == ()
