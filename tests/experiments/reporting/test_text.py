"""Sentences: the terminal and the report give the same one-line answer and flip verdict."""

from experiments.analysis.compare import headline_pair
from experiments.cli import main

# Three challengers and no `headline`: the answer compares the first two that spend.
SCENARIO = """months = 6\nreplications = 2\nseed = 3\nbudget = 2000
[parameters]\npopulation = 600
[[strategies]]\nname = "baseline"
[[strategies]]\nname = "fast_resolution"
[[strategies]]\nname = "acquisition"
[[strategies]]\nname = "follow_up"
[flip]\nparameter = "budget"\nlow = 500\nhigh = 8000\nsteps = 1\nreplications = 2
challenger = "fast_resolution"\nincumbent = "acquisition"
"""


def test_headline_pair_falls_back_to_the_first_two_that_spend():
    names = {"baseline": "baseline", "a": "acquisition", "b": "follow_up", "c": "follow_up"}
    assert headline_pair(None, names) == ("a", "b")
    assert headline_pair(["c", "a"], names) == ("c", "a")
    assert headline_pair(None, {"baseline": "baseline", "a": "acquisition"}) is None


def test_terminal_and_report_print_the_same_headline_and_flip(tmp_path, capsys):
    toml = tmp_path / "s.toml"
    toml.write_text(SCENARIO)
    out = tmp_path / "out"
    assert main(["compare", str(toml), "--out", str(out), "--backend", "serial", "--quiet"]) == 0
    printed = capsys.readouterr().out.splitlines()
    answer = next(line for line in printed if "At a budget of $2,000 a month" in line)
    assert answer.startswith(("Nothing beats no extra spending", "Acquisition ",
                              "Complaint resolution "))   # the best comes first
    assert answer.index("At a budget") > 0
    flip = next(line for line in printed if line.startswith(("Flip point", "No flip", "No clear flip")))
    assert "complaint resolution" in answer and "acquisition" in answer
    summary = (out / "report" / "summary.md").read_text().split("\n\n")
    assert answer in summary and flip in summary


def test_long_strategy_names_keep_the_table_columns_aligned():
    import numpy as np
    import pandas as pd

    from experiments.reporting.results import Comparison
    rng = np.random.default_rng(0)
    runs = pd.DataFrame([{"strategy": s, "replication": r, "currency": "$",
                          "profit_npv": 1e6 + rng.normal(0, 1e3)}
                         for s in ("baseline", "follow_up@business") for r in range(4)])
    rows = Comparison(runs, "profit_npv").text().splitlines()[1:3]
    assert rows[1].startswith("  follow-up for business accounts ")
    # the profit column ends at the same place on every row
    assert len({row.index("$") + len(row.split("$")[1].split()[0]) for row in rows}) == 1


def test_small_numbers_keep_a_significant_digit():
    import pandas as pd

    from experiments.reporting.text import ranking_text
    from experiments.reporting.words import interval, num
    assert num(0.002) == "0.002" and num(-0.0456) == "-0.05" and num(0.5) == "0.50"
    assert num(12.345) == "12.35" and num(0.0) == "0.00" and num(1234.0) == "1,234"
    assert interval(0.002, 0.0001, 0.003) == "+0.002 [+0.0001; +0.003]"
    ranked = ranking_text(pd.DataFrame({"parameter": ["cac"], "index": [0.002],
                                        "conf": [0.0012]}))
    assert ranked.importance.iloc[0] == "0.002" and ranked.iloc[0, 2] == "0.001"


def test_the_nps_rule_printed_is_the_one_the_docs_state():
    from pathlib import Path

    from experiments.reporting.text import NPS_RULE, nps_note
    from simulation.state import DETRACTOR_UP_TO, PROMOTER_LEVEL
    docs = (Path(__file__).parents[3] / "docs" / "measurements.md").read_text()
    assert NPS_RULE in " ".join(docs.split())
    assert NPS_RULE in nps_note() and (PROMOTER_LEVEL, DETRACTOR_UP_TO) == (5, 3)
