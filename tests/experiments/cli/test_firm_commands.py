"""`ripple calibrate`, `allocate`, `params` and `run SCENARIO` from the command line:
bad input is one line and exit code 2, before any work; a tiny firm runs end to end."""

from __future__ import annotations

import pytest

from experiments.cli import main

TINY_FIRM = """
name = "Tiny (fictional)"
currency = "GBP"
horizon_months = 6
[market]
size = 1000
customers = 400
[observed]
churn_per_year = 0.3
complaints_per_month = 4
[bounds]
referral_rewards = "keep"
easier_complaining = "keep"
service_quality = "keep"
"""


def one_line_error(capsys, argv, *words):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    for word in words:
        assert word in err, err


def test_bad_firm_files_fail_in_one_line_naming_the_field(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[observed]\nchurn_per_year = 1.7\n")
    one_line_error(capsys, ["calibrate", str(bad)], "bad.toml", "observed.churn_per_year",
                   "1.7", "<= 1")
    one_line_error(capsys, ["calibrate", str(tmp_path / "none.toml")], "file not found")
    one_line_error(capsys, ["calibrate", "harbour_broadband", "--particles", "0"],
                   "--particles 0")


def test_allocate_checks_budget_and_posterior_first(tmp_path, capsys):
    one_line_error(capsys, ["allocate", "harbour_broadband", "--budget", "0"], "--budget 0")
    one_line_error(capsys, ["allocate", "harbour_broadband", "--budget", "1000",
                            "--out", str(tmp_path)], "no posterior sample", "ripple calibrate")


def test_run_accepts_a_scenario_name_and_shows_the_currency(tmp_path, capsys):
    assert main(["run", "budget_split", "--months", "2", "--set", "population=300",
                 "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "300 people, 2 months" in out and "profit NPV ($)" in out   # the default currency
    one_line_error(capsys, ["run", "budget_splt"], "file not found", "budget_split")


@pytest.mark.slow
def test_a_tiny_firm_is_calibrated_then_given_a_plan(tmp_path, capsys):
    firm = tmp_path / "tiny.toml"
    firm.write_text(TINY_FIRM)
    out = str(tmp_path / "results")
    assert main(["calibrate", str(firm), "--particles", "12", "--generations", "1",
                 "--max-simulations", "30", "--backend", "serial", "--quiet",
                 "--out", out]) == 0
    text = capsys.readouterr().out
    assert "share of customers lost in a year" in text and "simulations" in text
    assert "Effective sample size" in text and "run-to-run noise" in text
    missed = "The calibration missed" in text      # so tiny a fit may miss a figure
    assert main(["allocate", str(firm), "--budget", "500", "--accept-misfit", "--trials", "2",
                 "--replications", "2", "--check-replications", "2", "--cases", "12",
                 "--backend", "serial", "--quiet", "--out", out]) == 0
    text = capsys.readouterr().out
    assert "GBP 500 a month" in text and "paid acquisition" in text
    assert "What flips it" in text and "What to measure next" in text
    assert ("Gain over today's spend" in text or "No plan to recommend" in text
            or "Keep today's spend" in text)
    assert "fresh posterior draws" in text and "PRIM" not in text
    assert "What each lever's money bought" in text   # the same readouts as `compare`
    for lever in ("front-line empowerment", "save desk", "complaint resolution"):
        assert f"  {lever}, at GBP" in text, lever
    assert "break-even unit cost" in text and "ceiling (free and unlimited)" in text
    report = (tmp_path / "results" / "plan" / "plan_report.md").read_text()
    assert "What each lever's money buys" in report and "save desk, at GBP" in report
    assert ("The calibration missed" in report.split("##")[0]) == missed
    assert (tmp_path / "results" / "calibration" / "posterior.parquet").is_file()
