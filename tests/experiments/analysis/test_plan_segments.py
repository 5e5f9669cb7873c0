"""A plan that sees segments: a lever that pays in one segment only is aimed there, aimed
levers are named in words in the plan, its report and its readouts, the plan is split by
segment against today, a profile without segments plans as before, and bad aims are
refused in one line before any work."""

from __future__ import annotations

import numpy as np
import optuna
import pandas as pd
import pytest

from experiments.analysis.allocate import firm_levers
from experiments.analysis.allocate_plan import PlanSettings, make_plan, search_objective
from experiments.analysis.plan_aims import candidate_aims, parse_aims
from experiments.analysis.plan_levers import lever_runs_planned, plan_lever_readouts
from experiments.analysis.plan_segments import choose_aims, plan_segment_split
from experiments.errors import UsageError
from experiments.reporting.lever_text import format_levers
from experiments.reporting.plan_report import plan_lines, write_plan_report
from experiments.reporting.plan_segment_text import segment_text
from experiments.reporting.words import strategy_words
from experiments.scenarios.firm import firm_from_dict
from experiments.scenarios.firm_market import firm_params
from experiments.scenarios.firm_profile import LEVERS
from tests.experiments.cli.test_bad_inputs import check_case

optuna.logging.set_verbosity(optuna.logging.WARNING)
BUDGET = 2000.0
# Saving a consumer is worth next to nothing (revenue x0.05), a business account a lot
# (x6): save offers pay only when they reach business accounts.
ONE_SEGMENT_PAYS = {
    "market": {"size": 3000, "customers": 1500}, "horizon_months": 12,
    "bounds": {lv: "keep" for lv in LEVERS if lv != "save_desk"},
    "segments": {"consumer": {"share": 0.5, "revenue": 0.05},
                 "business": {"share": 0.5, "revenue": 6.0}}}


def segment_plan(seed: int, aims=None, profile=ONE_SEGMENT_PAYS):
    firm = firm_from_dict(profile, where="segments.toml")
    market = firm_params(firm)
    rng = np.random.default_rng(seed)
    draws = pd.DataFrame({"max_failure_prob": rng.uniform(0.2, 0.4, 10)})
    settings = PlanSettings(budget=BUDGET, trials=6, replications=4, check_replications=6,
                            step=250, curve=(1.0,), seed=seed)
    search = search_objective(firm, market, draws, settings)
    settings = choose_aims(firm, settings, aims, search)
    return make_plan(firm, market, draws, settings, search_obj=search), market


@pytest.fixture(scope="module")
def aimed_plan():
    return segment_plan(0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_lever_that_pays_in_one_segment_only_is_aimed_there(seed, aimed_plan):
    """Three seeds (draws, pairs, search). The screen must pick business accounts, and
    the plan put at least half the budget on offers aimed there and at most one grid step
    (a fifth of the budget, the coarse grid's resolution) on offers for everyone, half
    of whose money would go to consumers whom saving does not pay for."""
    plan, _ = aimed_plan if seed == 0 else segment_plan(seed)
    assert plan.settings.aims == ("save_desk@business",)
    assert plan.best["save_desk@business"] >= 0.5 * BUDGET
    assert plan.best.get("save_desk", 0.0) <= 0.2 * BUDGET + 1e-6
    assert plan.best["save_desk@business"] > plan.best.get("save_desk", 0.0)


def test_aimed_levers_are_named_in_words_in_the_plan_report_and_readouts(aimed_plan,
                                                                         tmp_path):
    plan, market = aimed_plan
    text = "\n".join(plan_lines(plan))
    row = next(line for line in text.splitlines()
               if line.strip().startswith("save offers for business accounts"))
    assert f"EUR {plan.best['save_desk@business']:,.0f}" in row
    assert "@" not in text and "save_desk" not in text
    split = plan_segment_split(plan, market)
    by_segment = segment_text(plan, split, screened=True)
    assert "save offers for business accounts" in by_segment
    for segment in ("consumers", "business accounts"):
        line = next(li for li in by_segment.splitlines()
                    if li.strip().startswith(f"{segment}, the recommended split"))
        assert "EUR" in line and ("within noise" in line or "clearly" in line)
    report = write_plan_report(tmp_path, plan, ["(skipped)"], None, segments=by_segment)
    written = report.read_text()
    assert "By segment" in written and "save offers for business accounts" in written
    readouts = plan_lever_readouts(plan.profile, market, plan.draws, plan.settings)
    assert set(readouts.table["strategy"]) == {"save_desk", "save_desk@business"}
    readout_text = format_levers(readouts, "EUR")   # named as `ripple compare` names them
    assert f"  {strategy_words('save_desk@business')}, at EUR 20" in readout_text
    assert "business accounts" in strategy_words("save_desk@business")
    assert lever_runs_planned(plan.profile, plan.settings) == 2 * 3 * 6


def test_the_plan_by_segment_finds_the_value_where_the_money_went(aimed_plan):
    """Offers to business accounts raise their value beyond noise; consumers' value is
    not raised beyond noise (6 fresh pairs, 95% paired intervals)."""
    plan, market = aimed_plan
    table = plan_segment_split(plan, market).table.set_index(["segment", "strategy"])
    assert table.loc[("business", "plan"), "value_verdict"] == "clearly higher"
    assert table.loc[("consumer", "plan"), "value_verdict"] != "clearly higher"


def test_an_aim_that_pays_nowhere_is_not_considered():
    """Both segments alike and saving either worth next to nothing: no aim beats today's
    spend, so the default considers none (and says so)."""
    alike = {**ONE_SEGMENT_PAYS, "segments": {"consumer": {"share": 0.5, "revenue": 0.05},
                                             "business": {"share": 0.5, "revenue": 0.05}}}
    firm = firm_from_dict(alike, where="alike.toml")
    draws = pd.DataFrame({"max_failure_prob": [0.2, 0.3, 0.4]})
    settings = PlanSettings(budget=BUDGET, replications=3)
    search = search_objective(firm, firm_params(firm), draws, settings)
    assert choose_aims(firm, settings, None, search).aims == ()
    assert search.simulations == 3 * (1 + 3)     # today, the lever for everyone, two aims


def test_a_profile_without_segments_plans_as_before():
    plain = {k: v for k, v in ONE_SEGMENT_PAYS.items() if k != "segments"}
    firm = firm_from_dict(plain, where="plain.toml")
    assert parse_aims(None, firm) == () and candidate_aims(firm) == ()
    assert firm_levers(firm, ()) == firm_levers(firm)
    settings = PlanSettings(budget=BUDGET)
    assert choose_aims(firm, settings, (), None) == settings


def test_candidates_are_the_free_aimable_levers_at_every_segment():
    firm = firm_from_dict({**ONE_SEGMENT_PAYS, "bounds": {"follow_up": "keep"}},
                          where="s.toml")
    assert candidate_aims(firm) == ("save_desk@consumer", "save_desk@business",
                                    "acquisition@consumer", "acquisition@business")


@pytest.mark.parametrize("aim, words", [
    ("save_desk@older", "segment 'older' is not one of the firm's segments (consumer, "
                        "business"),
    ("service_quality@business", "expected lever@segment with lever one of save_desk, "
                                 "follow_up, acquisition"),
    ("save_desk", "expected lever@segment"),
    ("save_desk@consumer,save_desk@business", "save_desk aimed at two segments"),
    ("complaint_handling@business", "expected lever@segment"),
])
def test_bad_aims_are_refused_in_one_line(aim, words):
    firm = firm_from_dict(ONE_SEGMENT_PAYS, where="segments.toml")
    with pytest.raises(UsageError) as err:
        parse_aims(aim, firm)
    assert words in str(err.value) and "\n" not in str(err.value)


def test_a_kept_lever_and_a_firm_without_segments_cannot_be_aimed():
    firm = firm_from_dict(ONE_SEGMENT_PAYS, where="segments.toml")
    with pytest.raises(UsageError, match=r"keeps follow-up contacts as it is"):
        parse_aims("follow_up@business", firm)
    plain = firm_from_dict({"market": {"size": 3000}}, where="plain.toml")
    with pytest.raises(UsageError, match=r"plain.toml has no \[segments\]"):
        parse_aims("save_desk@business", plain)


@pytest.mark.parametrize("profile, argv", [
    ('[segments.retail]\nshare = 1.0\n', []),
    ('[segments.consumer]\nshare = 0.5\n[segments.business]\nshare = 0.4\n', []),
    ('[segments.consumer]\nshare = 0.5\n[segments.business]\nshare = 0.5\n',
     ["--aim", "save_desk@older"]),
    ('[segments.consumer]\nshare = 0.5\n[segments.business]\nshare = 0.5\n',
     ["--aim", "follow_up@consumer,follow_up@business"]),
    ("", ["--aim", "save_desk@business"]),
])
def test_allocate_refuses_bad_segments_and_aims_before_any_work(profile, argv, tmp_path,
                                                                capsys):
    path = tmp_path / "firm.toml"
    path.write_text('name = "Tiny"\n[market]\nsize = 1000\ncustomers = 400\n' + profile)
    err = check_case(["allocate", str(path), "--budget", "100", "--out",
                      str(tmp_path / "out"), *argv], 2, capsys)
    assert "segment" in err
    assert not (tmp_path / "out").exists()


def test_allocate_on_a_firm_with_segments_prints_and_reports_the_aims(tmp_path, capsys):
    """The command end to end (tiny settings): the aims sentence, the aimed lever in
    words and the plan against today by segment, on screen and in the report."""
    import tomli_w

    from experiments.analysis.firm_settings import DEFAULT_PRIORS
    from experiments.analysis.posterior_file import write_posterior
    from experiments.cli import main
    path = tmp_path / "segments.toml"
    path.write_text(tomli_w.dumps(ONE_SEGMENT_PAYS))
    market = firm_params(firm_from_dict(ONE_SEGMENT_PAYS, where=str(path))).flat()
    draws = pd.DataFrame({p.name: [market[p.name]] * 4 for p in DEFAULT_PRIORS})
    draws["max_failure_prob"] = [0.2, 0.25, 0.3, 0.35]
    draws["weight"] = 0.25
    write_posterior(draws, None, tmp_path / "posterior.parquet")
    assert main(["allocate", str(path), "--budget", "2000", "--posterior",
                 str(tmp_path / "posterior.parquet"), "--trials", "2", "--replications", "3",
                 "--check-replications", "3", "--no-flip", "--no-levers",
                 "--aim", "save_desk@business", "--backend", "serial", "--quiet",
                 "--out", str(tmp_path / "out")]) == 0
    text = capsys.readouterr().out
    report = (tmp_path / "out" / "plan" / "plan_report.md").read_text()
    for shown in (text, report):
        assert "save offers for business accounts" in shown
        assert "considered beside the levers for everyone: save offers for business " \
               "accounts (as named by --aim)" in shown
        assert "business accounts, the recommended split: value" in shown
        assert "consumers, the recommended split: value" in shown
    assert "## By segment" in report
