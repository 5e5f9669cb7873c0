"""Money in the scenario's currency everywhere it is printed or drawn, through one renderer;
one verdict on noise."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from experiments.analysis.allocate_plan import PlanSettings, make_plan
from experiments.analysis.stats import clear_of_zero, verdict
from experiments.cli import main
from experiments.execution.storage import ResultStore
from experiments.reporting.explain_text import explained, format_explained
from experiments.reporting.plan_report import plan_lines, plot_plan, write_plan_report
from experiments.reporting.plots.explain import explain_waterfall
from experiments.reporting.results import Comparison, LostCustomer
from experiments.reporting.words import amount, metric_label, money, money_interval, parameter_label
from experiments.scenarios.firm import firm_from_dict
from experiments.scenarios.firm_market import firm_params

EUR_SCENARIO = """months = 12\nreplications = 3\nseed = 3\nbudget = 2000
headline = ["fast_resolution", "acquisition"]
[parameters]\npopulation = 600\ncurrency = "EUR"
[[strategies]]\nname = "baseline"
[[strategies]]\nname = "fast_resolution"
[[strategies]]\nname = "acquisition"
[flip]\nparameter = "budget"\nlow = 500\nhigh = 8000\nsteps = 1\nreplications = 2
challenger = "fast_resolution"\nincumbent = "acquisition"
[lost_customer]\nat_month = 4\ncustomers = 10\nreplications = 3
"""


def drawn_text(fig) -> str:
    """Every piece of text a figure shows once drawn (tick labels included)."""
    fig.canvas.draw()
    return "\n".join(t.get_text() for t in fig.findobj(Text))


def ticks_apart(ax) -> bool:
    """Whether an axis's tick labels stay clear of each other once drawn: level labels by
    their boxes; slanted ones (parallel lines of text) when neighbours' lines lie at least
    a line's height apart (tick spacing x sine of the slant)."""
    labels = [t for t in ax.get_xticklabels() if t.get_text()]
    boxes = [t.get_window_extent() for t in labels]
    slant = math.radians(labels[0].get_rotation()) if labels else 0.0
    if not slant:
        return not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:]))
    line = labels[0].get_fontsize() * ax.figure.dpi / 72
    centres = [(b.x0 + b.x1) / 2 for b in boxes]
    return all((b - a) * math.sin(slant) >= line for a, b in zip(centres, centres[1:]))


def test_money_is_rendered_one_way():
    assert money(5000, currency="EUR") == "EUR 5,000"
    assert money(1200, True) == "+$1,200" and money(-4100) == "-$4,100"
    assert money(236274, True, "EUR") == "+EUR 236,274"
    assert money(-0.4, True) == "+$0"          # whole units: no "-$0"
    assert money(12.6) == "$13" and money(float("nan")) == "n/a"
    assert money_interval(1, 2, 3) == "+$1 [+$2; +$3]"
    assert money_interval(1, -2, 3, "EUR") == "+EUR 1 [-EUR 2; +EUR 3]"
    assert amount(1200, "profit_npv", True, "EUR") == "+EUR 1,200"
    assert amount(1200, "customers", True, "EUR") == "+1,200"       # people are not money
    assert amount(0.25, "retention") == "25.0%"


def test_labels_come_from_the_declarations():
    assert metric_label("profit_npv", "EUR") == "profit NPV (EUR)"
    assert metric_label("customers") == "customers at the end (people)"
    assert parameter_label("paid_budget", "EUR") == "ad budget (EUR a month)"
    assert parameter_label("cac") == "acquisition cost per customer ($)"
    assert parameter_label("resolution_days") == "days to resolve a complaint"
    assert parameter_label("budget", "EUR") == "budget (EUR a month)"


@pytest.mark.parametrize("low, high, words", [(1.0, 3.0, "clearly higher"),
                                              (-3.0, -1.0, "clearly lower"),
                                              (-1.0, 2.0, "within noise"),
                                              (0.0, 2.0, "within noise"),
                                              (math.nan, math.nan, "within noise")])
def test_one_verdict_on_noise(low, high, words):
    assert verdict(low, high) == words
    assert clear_of_zero(low, high) == (words != "within noise")


@pytest.fixture(scope="module")
def eur_results(tmp_path_factory):
    root = tmp_path_factory.mktemp("eur")
    (root / "s.toml").write_text(EUR_SCENARIO)
    for command in ("compare", "lost-customer"):
        assert main([command, str(root / "s.toml"), "--out", str(root / "out"),
                     "--backend", "serial", "--quiet"]) == 0
    return root / "out"


def test_a_eur_comparison_explanation_and_report_print_no_dollar(eur_results):
    out = eur_results
    runs = ResultStore.open(out / "compare").runs()
    comparison = Comparison(runs, "profit_npv")
    text = comparison.text()
    assert "EUR" in text and "$" not in text
    table = explained({"headline": ["fast_resolution", "acquisition"],
                       "strategies": {k: {"name": k} for k in runs.strategy.unique()}}, runs)
    explanation = format_explained(table, "EUR")
    assert "EUR" in explanation and "$" not in explanation
    lost = LostCustomer(ResultStore.open(out / "lost_customer").runs(), "EUR").text()
    assert "EUR" in lost and "$" not in lost
    for fig in (comparison.plot(), explain_waterfall(table, "EUR")):
        assert "$" not in drawn_text(fig)
    report = (out / "report" / "summary.md").read_text()
    assert "At a budget of EUR 2,000 a month" in report and "$" not in report
    assert "$" not in (out / "report" / "summary.html").read_text()


def test_the_command_line_prints_a_eur_comparison_without_dollar(tmp_path, capsys):
    (tmp_path / "s.toml").write_text(EUR_SCENARIO)
    assert main(["compare", str(tmp_path / "s.toml"), "--out", str(tmp_path / "out"),
                 "--backend", "serial", "--quiet", "--no-report"]) == 0
    printed = capsys.readouterr().out
    assert "At a budget of EUR 2,000 a month" in printed and "$" not in printed


def test_a_eur_plan_prints_and_draws_no_dollar(tmp_path):
    firm = firm_from_dict({"market": {"size": 2000, "customers": 600}, "horizon_months": 12,
                           "currency": "EUR",
                           "bounds": {"referral_rewards": "keep", "easier_complaining": "keep"}},
                          where="tiny.toml")
    draws = pd.DataFrame({"max_failure_prob": np.linspace(0.1, 0.3, 5)})
    settings = PlanSettings(budget=1000, trials=4, replications=2, check_replications=3,
                            step=100, curve=(0.5, 1.0))
    plan = make_plan(firm, firm_params(firm), draws, settings)
    text = "\n".join(plan_lines(plan))
    assert "EUR" in text and "$" not in text
    figure = plot_plan(plan)
    assert "$" not in drawn_text(figure)
    assert all(ticks_apart(ax) for ax in figure.axes)   # no 'EUR 10,000EUR 15,000'
    report = write_plan_report(tmp_path, plan, ["A flip sentence."], None)
    assert "EUR" in report.read_text() and "$" not in report.read_text()
    assert "$" not in (tmp_path / "plan_report.html").read_text()


def test_a_eur_cases_sweep_prints_money_in_euros_with_a_verdict(tmp_path, capsys):
    cases = "".join(f'[[sweep.cases]]\nlabel = "{label}"\nkind = "{kind}"\n'
                    for label, kind in (("hubs", "scale_free"), ("random ties", "random")))
    (tmp_path / "s.toml").write_text(EUR_SCENARIO.split("[flip]")[0]
                                     + '[sweep]\ndesign = "cases"\n' + cases)
    assert main(["sweep", str(tmp_path / "s.toml"), "--out", str(tmp_path / "out"),
                 "--backend", "serial", "--quiet", "--no-report"]) == 0
    printed = capsys.readouterr().out
    rows = [line for line in printed.splitlines() if line.strip().startswith(("hubs", "random"))]
    assert len(rows) == 2 and "$" not in printed
    for row in rows:
        assert row.count("EUR") == 3 + 3          # three strategies, difference and its CI
        assert row.endswith(("within noise", "clearly higher", "clearly lower"))
