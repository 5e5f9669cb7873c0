"""The [segments] table of scenarios and firm profiles: read into parameters that travel
with every run; each mistake a one-line error naming the file, key, value and range,
refused (exit 2) before any work starts."""

from __future__ import annotations

import pytest

from experiments.cli import main
from experiments.errors import ScenarioError
from experiments.execution.runs import RunSpec
from experiments.scenarios.firm import firm_from_dict
from experiments.scenarios.scenario import scenario_from_dict

TWO = {"consumer": {"share": 0.8}, "business": {"share": 0.2, "revenue": 5.0, "churn": 0.5,
                                                "complaints": 0.7, "inertia": 0.8}}
SCENARIO = """months = 6\nreplications = 2\n[parameters]\npopulation = 500\n
[[strategies]]\nname = "baseline"\n"""


def test_a_segment_table_sets_the_parameters_and_the_run_fingerprint():
    scenario = scenario_from_dict({"segments": TWO}, where="s.toml")
    seg = scenario.params.segments
    assert (seg.consumer_share, seg.business_share, seg.business_revenue) == (0.8, 0.2, 5.0)
    assert (seg.business_churn, seg.business_complaints, seg.business_inertia) == (0.5, 0.7, 0.8)
    assert scenario.overrides["segments.business_share"] == 0.2
    plain = scenario_from_dict({}, where="s.toml")
    spec = lambda s: RunSpec("r", s.params, 1, 6.0).fingerprint()   # noqa: E731
    assert spec(scenario) != spec(plain)   # a stored run without segments is not reused


def test_a_firm_profile_reads_the_same_table():
    firm = firm_from_dict({"segments": TWO}, where="f.toml")
    assert firm.segments["segments.business_revenue"] == 5.0
    plain = firm_from_dict({}, where="f.toml")
    assert plain.segments == {} and firm.identity()["content"] != plain.identity()["content"]


BAD = [
    ({"consumer": {"share": 0.7}, "business": {"share": 0.2}},
     "s.toml: segments.share: shares sum to 0.9 (consumer 0.7, business 0.2): must sum to 1 "
     "(within 0.001)"),
    ({"consumer": {"share": 0.8}, "business": {"share": 0.2, "revenue": -1}},
     "s.toml: segments.business.revenue: -1 is out of range: must be >= 0"),
    ({"consumer": {"share": 0.8}, "busness": {"share": 0.2}},
     "s.toml: segments.busness: unknown segment (did you mean 'business'?); choose from "
     "consumer, business, young, middle, older"),
    ({"consumer": {"share": 0.8, "inertia": 0.5}, "business": {"share": 0.2}},
     "s.toml: segments.consumer.inertia: unknown key"),
    ({"consumer": {"share": 0.8, "revenu": 2}, "business": {"share": 0.2}},
     "s.toml: segments.consumer.revenu: unknown key (did you mean 'revenue'?)"),
    ({"consumer": {"revenue": 2}},
     "s.toml: segments.consumer.share: missing (required): the segment's share of the people"),
    ({"consumer": {"share": 1.5}}, "s.toml: segments.consumer.share: 1.5 is out of range: "
                                   "must be <= 1"),
]


@pytest.mark.parametrize("table, message", BAD)
def test_bad_tables_are_one_line_errors(table, message):
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict({"segments": table}, where="s.toml")
    assert str(err.value) == message
    with pytest.raises(ScenarioError) as err:
        firm_from_dict({"segments": table}, where="s.toml")
    assert str(err.value) == message


def test_the_command_line_refuses_a_bad_table_before_any_work(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(SCENARIO + "[segments.consumer]\nshare = 0.5\n[segments.business]\n"
                               "share = 0.3\n")
    out = tmp_path / "out"
    assert main(["compare", str(path), "--backend", "serial", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and not out.exists()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "segments.share: shares sum to 0.8" in lines[0]
    assert "within 0.001" in lines[0] and "Traceback" not in captured.err
