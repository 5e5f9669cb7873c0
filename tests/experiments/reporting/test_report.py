"""Reports: every plot a strategist expects, and a summary they can forward."""

import re

import pytest

from experiments.cli import main

SCENARIO = """months = 12\nreplications = 3\nseed = 2\nbudget = 2000
headline = ["fast_resolution", "acquisition"]
[parameters]\npopulation = 1000
[[strategies]]\nname = "baseline"
[[strategies]]\nname = "fast_resolution"
[[strategies]]\nname = "acquisition"
[flip]\nparameter = "budget"\nlow = 500\nhigh = 8000\nsteps = 1\nreplications = 2
[sweep]\ndesign = "grid"
[sweep.parameters]
cac = { low = 50, high = 800, levels = 4, scale = "log" }
complaint_prob = { values = [0.02, 0.1, 0.3] }
[lost_customer]\nat_month = 4\ncustomers = 10\nreplications = 3
"""
FAST = ["--backend", "serial", "--quiet", "--no-report"]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    root = tmp_path_factory.mktemp("results")
    toml = root / "s.toml"
    toml.write_text(SCENARIO)
    out = root / "s"
    for command in ("compare", "sweep", "lost-customer"):
        assert main([command, str(toml), "--out", str(out), *FAST]) == 0
    return out


def test_report_writes_every_plot_and_summary(results, capsys):
    assert main(["report", str(results)]) == 0
    assert "summary.md" in capsys.readouterr().out
    report = results / "report"
    plots = {p.name for p in report.glob("*.png")}
    assert plots >= {"comparison.png", "customers_profit.png", "churn_by_cause.png",
                     "wom_balance.png", "cohort_retention.png", "clv_distribution.png",
                     "value_by_channel.png", "loyalty_profit.png",
                     "flip_point.png", "sweep_heatmap.png", "sensitivity.png",
                     "lost_customer.png", "lost_customer_trace.png"}
    assert all((report / p).stat().st_size > 5000 for p in plots)
    md = (report / "summary.md").read_text()
    assert "## Strategy comparison" in md and "At a budget of $2,000 a month" in md
    assert "| strategy | mean profit NPV ($) |" in md and "[95% CI]" in md
    assert "what drives profit NPV" in md and "takes ten new ones" in md
    assert "| verdict |" in md and ("within noise" in md or "clearly" in md)
    assert "from the loss to the end of the run" in md      # the rule compared like with like
    assert all(f"({p})" in md for p in plots)
    html = (report / "summary.html").read_text()
    assert html.startswith("<!DOCTYPE html>") and html.count("<img") == len(plots)


def test_no_code_name_reaches_the_reader(results):
    """Tables, sentences and captions speak words: no snake_case names, no method codes."""
    assert main(["report", str(results)]) == 0
    md = (results / "report" / "summary.md").read_text()
    prose = re.sub(r"\]\([a-z_]+\.png\)|`[^`]*`", "", md)     # file names and commands
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", prose) == []
    for code in ("ci_low", "RBD-FAST S1", "fast_resolution", "complaint_prob", "cac ", "F10",
                 "F11", "PRIM", "$ +"):
        assert code not in prose


def test_report_of_one_experiment_folder(results):
    assert main(["report", str(results / "sweep")]) == 0
    assert (results / "sweep" / "report" / "sweep_heatmap.png").exists()


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing", "results folder not found"),
    (lambda p: p, "not a Ripple results folder"),
])
def test_report_refuses_folders_without_results(tmp_path, capsys, make, message):
    assert main(["report", str(make(tmp_path))]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_stored_results_render_themselves(results):
    """A sweep and a lost-customer run, read back as result objects: table, text, plot."""
    from matplotlib.figure import Figure

    from experiments.execution.storage import ResultStore
    from experiments.reporting.results import Comparison, LostCustomer, Sweep

    sweep = Sweep.open(results)
    assert sweep.strategies == ["baseline", "fast_resolution", "acquisition"]
    assert len(sweep.table) == len(sweep.design) == 12
    assert sweep.table[sweep.strategies].notna().all().all()
    text = sweep.text()
    assert "What drives the results (no extra spending" in text and "± (95%)" not in text
    assert all(isinstance(f, Figure) for f in (sweep.plot(), sweep.plot_drivers("baseline")))
    lost = LostCustomer(ResultStore.open(results / "lost_customer").runs())
    assert set(lost.table.variant) == {"quiet", "enemy"} and "ten new ones" in lost.text()
    compare = Comparison(ResultStore.open(results / "compare").runs(), "profit_npv")
    d = compare.difference("fast_resolution", "acquisition")
    row = compare.table.set_index("strategy").loc["fast_resolution"]
    assert d.n == 3 and row["diff"] == pytest.approx(
        compare.difference("fast_resolution", "baseline").mean)
    assert compare.words().columns[-2] == "verdict"
