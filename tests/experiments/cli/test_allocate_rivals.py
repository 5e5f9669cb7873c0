"""`ripple calibrate` and `ripple allocate` on a firm profile with rivals: a bad rival or
a rule the profile cannot follow is one line before any work; a tiny firm with a rival is
calibrated and given a plan whose report states the rivals' rule and shows the firm's
market share, defection against disadoption and word of mouth by brand."""

from __future__ import annotations

import pytest

from experiments.cli import main
from tests.experiments.cli.test_firm_commands import TINY_FIRM, one_line_error

# the tiny firm with 300 customers, beside a rival that starts with a fifth of the market
TINY_RIVALLED = TINY_FIRM.replace("customers = 400\n", """customers = 300
[[market.firms]]
name = "Rival"
initial_customer_share = 0.2
reliability = 0.85
""")

def test_a_bad_rival_in_a_profile_is_one_line_before_any_work(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(TINY_RIVALLED.replace("reliability = 0.85", "reliability = 2.5"))
    one_line_error(capsys, ["calibrate", str(bad), "--out", str(tmp_path)], "bad.toml",
                   "market.firms[1] (Rival)", "reliability", "2.5", "between 0.0 and 1.0")
    bad.write_text(TINY_RIVALLED.replace('name = "Rival"', 'name = "Tiny (fictional)"'))
    one_line_error(capsys, ["allocate", str(bad), "--budget", "100", "--out", str(tmp_path)],
                   "bad.toml", "market.firms[1]", "used twice")
    assert not (tmp_path / "calibration").exists()
    good = tmp_path / "good.toml"
    good.write_text(TINY_RIVALLED)
    one_line_error(capsys, ["forecast", str(good), "--out", str(tmp_path)], "good.toml",
                   "market.firms", "not one firm's")


def test_the_rivals_rule_is_checked_before_any_work(tmp_path, capsys):
    firm = tmp_path / "tiny.toml"
    firm.write_text(TINY_RIVALLED)
    out = ["--out", str(tmp_path)]
    one_line_error(capsys, ["allocate", "harbour_broadband", "--budget", "100",
                            "--rival-response", "match", *out],
                   "--rival-response match", "market.firms", "lists no rivals", "hold")
    one_line_error(capsys, ["allocate", str(firm), "--budget", "100", "--rival-lag", "2",
                            *out], "--rival-lag 2", "only with --rival-response match")
    one_line_error(capsys, ["allocate", str(firm), "--budget", "100", "--rival-response",
                            "match", "--rival-lag", "6", *out],
                   "--rival-lag 6", "horizon_months = 6")
    assert main(["allocate", str(firm), "--budget", "100", "--rival-response", "copy",
                 *out]) == 2   # the words are the command line's own, as for every choice
    assert "'copy' (choose from 'hold', 'match')" in capsys.readouterr().err


@pytest.mark.slow
def test_a_tiny_firm_with_a_rival_is_calibrated_then_planned_against_it(tmp_path, capsys):
    firm = tmp_path / "tiny.toml"
    firm.write_text(TINY_RIVALLED)
    out = str(tmp_path / "results")
    assert main(["calibrate", str(firm), "--particles", "12", "--generations", "1",
                 "--max-simulations", "30", "--backend", "serial", "--quiet",
                 "--out", out]) == 0
    text = capsys.readouterr().out
    assert "Tiny (fictional) competes with Rival" in text
    assert "compared with Tiny (fictional)'s own customers" in text
    assert main(["allocate", str(firm), "--budget", "500", "--accept-misfit", "--trials", "2",
                 "--replications", "2", "--check-replications", "3", "--no-flip",
                 "--rival-response", "match", "--rival-lag", "2", "--backend", "serial",
                 "--quiet", "--out", out]) == 0
    text = capsys.readouterr().out
    rule = ("Tiny (fictional) keeps today's spend or adds the plan; Rival matches the plan's "
            "extra money on each lever after 2 months")
    assert rule in text
    for words in ("market share", "customers lost to a rival",
                  "customers lost from the category", "word of mouth about Tiny (fictional):",
                  "word of mouth about Rival:", "praising messages", "critical messages",
                  "today's spend", "the plan"):
        assert words in text, words
    report = (tmp_path / "results" / "plan" / "plan_report.md").read_text()
    assert "Against the rivals" in report and rule in report
    plan = (tmp_path / "results" / "plan" / "plan.toml").read_text()
    assert 'rule = "match"' in plan and "lag_months = 2.0" in plan
