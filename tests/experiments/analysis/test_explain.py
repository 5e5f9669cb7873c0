"""Answer explained: the profit NPV difference split into parts that add up to it, known
parts from a known table, the noise verdict in words, and `ripple compare` printing it."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.analysis.explain import (
    COSTS,
    explain_difference,
    margin_split,
    money_parts,
    winner_first,
)
from experiments.cli import main
from experiments.execution.storage import ResultStore
from experiments.reporting.explain_text import explain_rows, explain_sentence, format_explained

T_2 = stats.t.ppf(0.975, 2)   # 95% t quantile for 3 replications


def synthetic_runs() -> pd.DataFrame:
    """Two strategies, three paired replications, with hand-picked parts."""
    per = {"a": {"npv_parts_gross_margin": [110, 120, 130], "npv_parts_acquisition_cost": [11] * 3,
                 "npv_parts_complaint_cost": [5, 10, 0], "churn_by_cause_staff_indifference": [2] * 3,
                 "acquisitions_referral": [7, 8, 9], "rejecters": [1] * 3},
           "b": {"npv_parts_gross_margin": [100] * 3, "npv_parts_acquisition_cost": [10] * 3,
                 "npv_parts_complaint_cost": [5] * 3, "churn_by_cause_staff_indifference": [5] * 3,
                 "acquisitions_referral": [5] * 3, "rejecters": [1] * 3}}
    rows = []
    for strategy, columns in per.items():
        for rep in range(3):
            row = {"strategy": strategy, "replication": rep,
                   **{c: 0.0 for c in (f"npv_parts_{cost}" for cost in COSTS)},
                   **{c: float(v[rep]) for c, v in columns.items()}}
            row["profit_npv"] = row["npv_parts_gross_margin"] - sum(
                row[f"npv_parts_{cost}"] for cost in COSTS)
            rows.append(row)
    return pd.DataFrame(rows)


def test_known_table_gives_known_parts():
    table = explain_difference(synthetic_runs(), "a", "b").set_index("part")
    assert table.loc["gross_margin", "mean"] == pytest.approx(20)          # diffs 10, 20, 30
    half = T_2 * 10 / math.sqrt(3)
    assert table.loc["gross_margin", ["ci_low", "ci_high"]].tolist() == pytest.approx(
        [20 - half, 20 + half])
    assert table.loc["acquisition_cost", ["mean", "ci_low", "ci_high"]].tolist() == [-1, -1, -1]
    assert table.loc["complaint_cost", "mean"] == pytest.approx(0)        # diffs 0, -5, +5
    assert table.loc["kept_staff_indifference", "mean"] == 3              # 3 fewer lost
    assert table.loc["won_referral", "mean"] == pytest.approx(3)
    assert table.loc["profit_npv", "mean"] == pytest.approx(19)
    # parts zero in every replication (no follow-up, no rejecter difference) are left out
    assert "retention_cost" not in table.index and "spared_bad_news" not in table.index
    assert table.loc["complaint_cost", "within_noise"] and table.loc["gross_margin", "within_noise"]
    assert not table.loc["acquisition_cost", "within_noise"]


def test_parts_add_up_to_the_difference_in_every_replication():
    runs = synthetic_runs()
    parts = money_parts(runs, "a", "b")
    total = runs[runs.strategy == "a"].profit_npv.to_numpy() - runs[
        runs.strategy == "b"].profit_npv.to_numpy()
    assert parts.sum(axis=1).to_numpy() == pytest.approx(total, abs=1e-9)


def test_noise_verdict_in_words():
    table = explain_difference(synthetic_runs(), "a", "b")
    sentence = explain_sentence(table, "EUR")
    assert sentence.startswith("A minus b is +EUR 19 in profit NPV (within noise).")
    # the cost lines are netted: -1 acquisition and 0 +- 5 complaints, within noise
    assert "Gross margin from customers, all costs, net are within noise." in sentence
    assert "acquisition" not in sentence
    rows = explain_rows(table, "EUR").set_index("part")
    assert rows.loc["  of which complaint handling costs", "noise"] == "within noise"
    assert rows.loc["  of which acquisition spending (paid and advertising)",
                    "noise"] == "clearly lower"
    assert rows.loc["customers kept who would have left over staff indifference",
                    "unit"] == "people"
    assert rows.loc["gross margin from customers", "unit"] == "EUR"
    assert list(rows.index[:2]) == ["gross margin from customers", "all costs, net"]


def test_moved_spend_nets_to_one_row():
    # a budget of 5 moved from acquisition (b) to complaint handling (a): the two cost
    # lines are +5 and -5, the net costs row is 0, and the margin alone decides
    runs = synthetic_runs()
    a, b = runs.strategy == "a", runs.strategy == "b"
    runs.loc[a, "npv_parts_complaint_cost"] = 10.0
    runs.loc[b, "npv_parts_complaint_cost"] = 5.0
    runs.loc[a, "npv_parts_acquisition_cost"] = 5.0
    runs.loc[b, "npv_parts_acquisition_cost"] = 10.0
    runs["profit_npv"] = runs.npv_parts_gross_margin - runs.filter(like="_cost").sum(axis=1)
    tidy = explain_difference(runs, "a", "b")
    table = tidy.set_index("part")
    assert table.loc["costs_net", ["mean", "ci_low", "ci_high"]].tolist() == [0, 0, 0]
    assert table.loc["complaint_cost", "kind"] == "cost line"
    money = table[table.kind == "money"]["mean"].sum()
    assert money == pytest.approx(table.loc["profit_npv", "mean"])
    sentence = explain_sentence(tidy, "EUR")
    assert "complaint" not in sentence and "acquisition" not in sentence   # netted away


def test_customer_months_make_the_margin_reconcile():
    # b: margin 100 over 10 customer-months in every replication, so 10 a customer-month;
    # a serves 11, 12, 12.5: the volume part is 10, 20, 25 and the rest 0, 0, 5
    runs = synthetic_runs()
    runs.loc[runs.strategy == "a", "customer_months"] = [11.0, 12.0, 12.5]
    runs.loc[runs.strategy == "b", "customer_months"] = 10.0
    split, per = margin_split(runs, "a", "b")
    assert per == 10.0
    assert split.margin_volume.tolist() == [10, 20, 25]
    assert split.margin_rate.tolist() == pytest.approx([0, 0, 5])
    table = explain_difference(runs, "a", "b").set_index("part")
    assert table.loc["customer_months", "mean"] == pytest.approx(5.5 / 3)
    assert table.loc["margin_volume", "mean"] == pytest.approx(
        table.loc["customer_months", "mean"] * per)
    assert table.loc[["margin_volume", "margin_rate"], "mean"].sum() == pytest.approx(
        table.loc["gross_margin", "mean"])
    rows = explain_rows(explain_difference(runs, "a", "b"), "EUR").set_index("part")
    assert list(rows.index[:3]) == [
        "gross margin from customers",
        "  of which customer-months served x EUR 10.00 margin a customer-month",
        "  of which a different margin a customer-month"]
    assert rows.loc["customer-months served", "unit"] == "customer-months"


def printed(text: str) -> float:
    """The mean of a printed '+$1,234 [...]' or '+1,234 [...]' cell."""
    return float(text.split(" [")[0].replace("$", "").replace(",", ""))


def test_winner_comes_first():
    runs = synthetic_runs()
    assert winner_first(runs, "b", "a") == ("a", "b")
    assert winner_first(runs, "a", "b") == ("a", "b")


def test_compare_prints_answer_explained_and_parts_add_up(tmp_path, capsys):
    """A small market: the printed section, the report section, and on real runs the money
    parts adding up to the profit NPV difference up to floating-point rounding."""
    toml = tmp_path / "s.toml"
    toml.write_text("""months = 12\nreplications = 3\nbudget = 2000\nseed = 3\n
headline = ["fast_resolution", "acquisition"]\n[parameters]\npopulation = 600\n
[[strategies]]\nname = "fast_resolution"\n[[strategies]]\nname = "acquisition"\n""")
    code = main(["compare", str(toml), "--backend", "serial", "--out", str(tmp_path / "r"),
                 "--quiet", "--no-flip"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Answer explained: " in out and "in profit NPV" in out
    assert "gross margin from customers" in out and "customers won by paid acquisition" in out
    runs = ResultStore.open(tmp_path / "r" / "compare").runs()
    table = explain_difference(runs, "fast_resolution", "acquisition")
    money = table[table.kind == "money"]["mean"].sum()
    total = table[table.kind == "total"]["mean"].iloc[0]
    assert money == pytest.approx(total, rel=1e-9, abs=1e-6)   # rounding only, on ~1e5
    parts = money_parts(runs, "fast_resolution", "acquisition").sum(axis=1).to_numpy()
    wide = runs.pivot(index="replication", columns="strategy", values="profit_npv")
    assert parts == pytest.approx((wide.fast_resolution - wide.acquisition).to_numpy(),
                                  rel=1e-9, abs=1e-6)
    assert format_explained(table).count("\n") == len(table) + 2
    # printed as the reader sees it: customer-months x margin a customer-month = the
    # volume row, within the rounding of the three printed figures
    rows = explain_rows(table).set_index("part")
    label = next(p for p in rows.index if "customer-months served x" in p)
    per = float(label.split("x $")[1].split(" ")[0])
    months, volume = (printed(rows.iloc[:, 0][k]) for k in ("customer-months served", label))
    assert abs(months * per - volume) <= 0.005 * abs(months) + 0.5 * per + 0.5
    margin, rest = (printed(rows.iloc[:, 0][k]) for k in (
        "gross margin from customers", "  of which a different margin a customer-month"))
    assert abs(volume + rest - margin) <= 1.5 and abs(volume) > 0
    summary = (tmp_path / "r" / "report" / "summary.md").read_text()
    assert "## Answer explained:" in summary and "answer_explained.png" in summary
    assert (tmp_path / "r" / "report" / "answer_explained.png").stat().st_size > 0
    assert np.isfinite(table["mean"]).all()
