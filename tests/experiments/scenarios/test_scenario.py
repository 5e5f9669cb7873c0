"""Scenario files: the shipped ones load, and every mistake names file, key and problem."""

import pytest

from experiments.errors import ScenarioError
from experiments.scenarios.scenario import builtin_scenarios, load_scenario, scenario_from_dict
from simulation.strategies import Strategy

SHIPPED = ("baseline", "budget_split", "complaint_speed_vs_cac", "network_structure",
           "rater_allocation")


def test_shipped_scenarios_load():
    assert set(SHIPPED) <= set(builtin_scenarios())
    for name in SHIPPED:
        scenario = load_scenario(name)
        assert scenario.name == name
        assert scenario.params.market.population == 10_000
        assert scenario.strategies, name


def test_budget_split_spends_one_budget_seven_ways():
    s = load_scenario("budget_split")
    assert s.strategies["baseline"] == Strategy("baseline", 0.0)
    spent = {k: v.budget for k, v in s.strategies.items() if k != "baseline"}
    assert set(spent) == {"fast_resolution", "front_line", "easier_complaining",
                          "acquisition", "service_quality:reliability", "follow_up",
                          "save_desk"}
    assert set(spent.values()) == {5000.0}
    assert s.headline == ("fast_resolution", "acquisition")
    assert s.flip.parameter == "cac" and s.flip.low < s.flip.high


def test_rater_allocation_compares_dimensions():
    s = load_scenario("rater_allocation")
    dims = {v.dimension for v in s.strategies.values() if v.name == "service_quality"}
    assert dims == {"tangibles", "reliability", "responsiveness"}


def test_sweeps_are_described():
    grid = load_scenario("complaint_speed_vs_cac").sweep
    assert grid.design == "grid" and grid.names == ["resolution_days", "cac"]
    cases = load_scenario("network_structure").sweep
    assert cases.design == "cases"
    assert any(values.get("amplified") for _, values in cases.cases)
    assert {values.get("kind") for _, values in cases.cases} >= {"small_world", "scale_free"}


def test_overrides_flat_dotted_and_nested():
    s = scenario_from_dict({"parameters": {"population": 1500, "complaints.complaint_prob": 0.1,
                                           "wom": {"amplified": True}}})
    assert s.params.market.population == 1500
    assert s.params.complaints.complaint_prob == 0.1
    assert s.params.wom.amplified is True


def test_command_line_overrides_name_the_option():
    s = load_scenario("baseline").with_overrides({"population": 1200})
    assert s.params.market.population == 1200
    with pytest.raises(ScenarioError, match=r"^--set: complaint_pro: .*complaint_prob"):
        s.with_overrides({"complaint_pro": 0.1})


@pytest.mark.parametrize("data, message", [
    ({"replication": 3}, r"x.toml: replication: unknown key \(did you mean 'replications'\?\)"),
    ({"months": "ten"}, r"x.toml: months: 'ten' is not a number"),
    ({"replications": 2.5}, r"x.toml: replications: 2.5 is not a whole number"),
    ({"months": -3}, r"x.toml: months: -3 is out of range: must be > 0"),
    ({"preset": "folklor"}, r"x.toml: preset: unknown value 'folklor' \(did you mean 'folklore'"),
    ({"strategies": [{"name": "aquisition"}]},
     r"x.toml: strategies\[0\].name: unknown value 'aquisition' \(did you mean 'acquisition'"),
    ({"strategies": [{"name": "acquisition", "budget": -5}]},
     r"x.toml: strategies\[0\].budget: -5 is out of range: must be >= 0"),
    ({"budget": -1}, r"x.toml: budget: -1 is out of range: must be >= 0"),
    ({"parameters": {"complaint_pro": 0.1}},
     r"x.toml: parameters.complaint_pro: .*did you mean 'complaint_prob'"),
    ({"parameters": {"complaint_prob": 2.0}}, r"x.toml: parameters.complaint_prob: .*range"),
    ({"parameters": {"population": "many"}},
     r"x.toml: parameters.population: .*expected a number"),
    ({"headline": ["fast_resolution"]}, r"x.toml: headline: must name two strategies"),
    ({"strategies": [{"name": "acquisition"}, {"name": "acquisition"}]},
     r"x.toml: strategies\[1\].label: 'acquisition' appears twice"),
    ({"sweep": {"design": "sobl"}}, r"x.toml: sweep.design: unknown value 'sobl' \(did you mean"),
    ({"sweep": {"parameters": {"cac": {"low": 100, "high": 10}}}},
     r"x.toml: sweep.parameters.cac.high: 10 is out of range: must be > 100"),
    ({"sweep": {"parameters": {"cak": {"low": 1, "high": 2}}}},
     r"x.toml: sweep.parameters.cak: unknown parameter 'cak' \(did you mean 'cac'"),
    ({"sweep": {"design": "latin", "parameters": {"cac": {"values": [1, 2]}}}},
     r"x.toml: sweep.parameters.cac.values: explicit values need design = 'grid'"),
    ({"flip": {"parameter": "cac", "low": 10, "high": 20}},
     r"x.toml: flip.challenger: missing \(required\)"),
    ({"flip": {"parameter": "cac", "low": 10, "high": 20, "challenger": "baseline",
               "incumbent": "acquisition"}},
     r"x.toml: flip.incumbent: 'acquisition' is not one of this scenario's strategies"),
    ({"strategies": [{"name": "baseline"}, {"name": "acquisition"}],
      "flip": {"parameter": "complaint_prob", "low": 0.1, "high": 3,
               "challenger": "baseline", "incumbent": "acquisition"}},
     r"x.toml: flip.high: complaints.complaint_prob = 3.0 is out of range"),
])
def test_mistakes_name_file_key_and_problem(data, message):
    with pytest.raises(ScenarioError, match=message):
        scenario_from_dict(data, where="x.toml")


def test_missing_file_lists_the_shipped_scenarios(tmp_path):
    with pytest.raises(ScenarioError, match=r"nope.toml: file not found .*budget_split"):
        load_scenario(tmp_path / "nope.toml")
    with pytest.raises(ScenarioError, match=r"budget_splt: file not found \(did you mean"):
        load_scenario("budget_splt")


def test_invalid_toml_is_reported(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("months = = 3\n")
    with pytest.raises(ScenarioError, match=r"bad.toml: not valid TOML"):
        load_scenario(path)
