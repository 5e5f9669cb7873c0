"""Parameters: validation at construction, presets, overrides and TOML round-trips."""

import dataclasses

import pytest

from simulation import CustomerModel, ParameterError, Params, available_presets
from simulation.parameters.fields import field_table
from simulation.parameters.groups import GROUPS


def test_presets_ship_folklore_and_evidence():
    assert {"folklore", "evidence"} <= set(available_presets())


def test_folklore_preset_carries_the_domain_figures(folklore):
    assert (folklore.wom.positive_reach_min, folklore.wom.positive_reach_max) == (1, 5)  # F1
    assert (folklore.wom.negative_reach_min, folklore.wom.negative_reach_max) == (10, 20)  # F4
    assert folklore.wom.amplified_reach == 250  # F5
    assert folklore.complaints.complaint_prob == pytest.approx(1 / 25)  # F6
    assert folklore.service.serious_failure_share == 0.25  # F7
    assert folklore.complaints.stay_unresolved > folklore.complaints.stay_silent  # F8
    assert folklore.complaints.stay_resolved == 0.60  # F9
    assert 0.90 <= folklore.complaints.stay_resolved_fast <= 0.95  # F9
    assert folklore.economics.retention_cost_ratio == 0.2  # F3


def test_evidence_preset_uses_tarp_repurchase_rates():
    c = Params.preset("evidence").complaints
    assert (c.stay_silent, c.stay_unresolved, c.stay_resolved, c.stay_resolved_fast) == (
        0.37, 0.46, 0.70, 0.95)


@pytest.mark.parametrize("group", list(GROUPS.values()), ids=list(GROUPS))
def test_every_default_names_its_source(group):
    for row in field_table(group):
        assert row["source"], f"{row['group']}.{row['name']} has no source"


@pytest.mark.parametrize("override, fragment", [
    ({"complaint_prob": 1.5}, "complaints.complaint_prob = 1.5 is out of range: must be between 0.0 and 1.0"),
    ({"population": -5}, "market.population = -5 is out of range"),
    ({"population": 2.5}, "expected a whole number"),
    ({"kind": "tree"}, "network.kind = 'tree': must be one of"),
    ({"amplified": "maybe"}, "wom.amplified = 'maybe': expected true or false"),
    ({"cac": "cheap"}, "acquisition.cac = 'cheap': expected a number"),
    ({"positive_reach_min": 6}, "positive_reach_min = 6 must not exceed wom.positive_reach_max = 5"),
])
def test_bad_values_raise_one_clear_error(folklore, override, fragment):
    with pytest.raises(ParameterError) as err:
        folklore.replace(**override)
    assert fragment in str(err.value)


def test_unknown_name_suggests_the_close_match(folklore):
    with pytest.raises(ParameterError, match="did you mean 'complaint_prob'"):
        folklore.replace(complain_prob=0.1)


def test_flat_and_dotted_overrides_agree(folklore):
    assert folklore.replace(complaint_prob=0.1) == folklore.replace(**{"complaints.complaint_prob": 0.1})


def test_model_keyword_overrides_match_params_replace(folklore):
    by_keyword = CustomerModel(folklore, complaint_prob=0.1, population=500, rng=3)
    by_params = CustomerModel(folklore.replace(complaint_prob=0.1, population=500), rng=3)
    assert by_keyword.params == by_params.params
    by_keyword.run(6)
    by_params.run(6)
    assert by_keyword.timeseries.equals(by_params.timeseries)


def test_model_keyword_overrides_are_validated():
    with pytest.raises(ParameterError, match="complaint_prob"):
        CustomerModel(complaint_prob=-0.1, rng=1)


@pytest.mark.parametrize("name", ["folklore", "evidence"])
def test_toml_round_trip(tmp_path, name):
    params = Params.preset(name).replace(population=1234, amplified=True, kind="scale_free")
    path = tmp_path / "p.toml"
    params.to_toml(path)
    assert Params.from_toml(path) == params


def test_toml_errors_name_the_file_and_key(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[complaints]\ncomplaint_rate = 0.1\n")
    with pytest.raises(ParameterError, match=r"bad.toml: unknown parameter complaints.complaint_rate"):
        Params.from_toml(bad)
    bad.write_text("[complaintz]\ncomplaint_prob = 0.1\n")
    with pytest.raises(ParameterError, match=r"unknown section \[complaintz\].*'complaints'"):
        Params.from_toml(bad)
    bad.write_text("[complaints\n")
    with pytest.raises(ParameterError, match="not valid TOML"):
        Params.from_toml(bad)
    with pytest.raises(ParameterError, match="file not found"):
        Params.from_toml(tmp_path / "missing.toml")


def test_unknown_preset_lists_the_choices():
    with pytest.raises(ParameterError, match="unknown preset 'folk'.*evidence, folklore"):
        Params.preset("folk")


def test_params_are_frozen(folklore):
    with pytest.raises(dataclasses.FrozenInstanceError):
        folklore.wom.amplified = True


def test_every_assumed_number_declares_a_plausible_range_around_its_default():
    """An "assumption" is only honest with the range the evidence leaves open: every
    numeric default sourced that way declares one, inside the allowed range, around the
    default; cited or set values need none."""
    missing, bad = [], []
    for cls in GROUPS.values():
        for f in dataclasses.fields(cls):
            numeric = isinstance(f.default, (int, float)) and not isinstance(f.default, bool)
            span, meta = f.metadata["plausible"], f.metadata
            if numeric and "assumption" in meta["source"] and span is None:
                missing.append(f"{cls.GROUP}.{f.name}")
            if span is None:
                continue
            low = meta["low"] if meta["low"] is not None else -float("inf")
            high = meta["high"] if meta["high"] is not None else float("inf")
            if not low <= span[0] <= f.default <= span[1] <= high:
                bad.append(f"{cls.GROUP}.{f.name}: {span} around {f.default}")
    assert not missing, f"assumed without a plausible range: {missing}"
    assert not bad, f"plausible range not around the default or outside the allowed: {bad}"
