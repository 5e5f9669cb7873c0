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
