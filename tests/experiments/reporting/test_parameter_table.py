"""The parameter table: every parameter listed with a unit, and docs/parameters.md current."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from experiments.cli import main
from experiments.reporting.parameter_table import markdown, parameter_rows
from simulation.parameters.groups import GROUPS

DOCS = Path(__file__).resolve().parents[3] / "docs" / "parameters.md"


def test_docs_parameters_md_is_generated_from_the_code():
    assert DOCS.read_text() == markdown(), (
        "docs/parameters.md is stale: python -m experiments.reporting.parameter_table "
        "> docs/parameters.md")


def test_every_parameter_has_a_unit_range_defaults_and_source():
    rows = parameter_rows()
    assert len(rows) == sum(len(dataclasses.fields(cls)) for cls in GROUPS.values())
    for row in rows:
        assert row["unit"] != "-", row["parameter"]
        assert row["range"] and row["source"] and row["evidence"] and row["folklore"]
    stay = next(r for r in rows if r["parameter"] == "complaints.stay_resolved")
    assert (stay["folklore"], stay["evidence"]) == ("0.6", "0.7")


def test_ripple_params_lists_one_group(capsys):
    assert main(["params", "costs"]) == 0
    out = capsys.readouterr().out
    assert "costs.referral_budget_scale" in out and "money a month" in out
    assert "complaints." not in out
    assert main(["params", "cost"]) == 2
    assert "did you mean 'costs'" in capsys.readouterr().err
