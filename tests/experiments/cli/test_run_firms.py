"""`ripple run` on a scenario with [[firms]]: each firm's customers, market share and
profit in the scenario's currency; bad firm tables stop it in one line before any run."""

from __future__ import annotations

import pytest

from experiments.cli import main
from experiments.execution.storage import ResultStore
from experiments.reporting.plots.brands import brand_figure
from experiments.scenarios.scenario import load_scenario

MARKET = """preset = "folklore"\nmonths = 6\n[parameters]\npopulation = 800\ncurrency = "EUR"\n"""
FIRMS = """[[firms]]\nname = "North"\n[[firms]]\nname = "South"\nreliability = 0.9\n"""


def write(tmp_path, text):
    path = tmp_path / "firms.toml"
    path.write_text(text)
    return str(path)


def test_run_prints_each_firms_customers_share_and_profit(tmp_path, capsys):
    code = main(["run", write(tmp_path, MARKET + FIRMS), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()
            if line.strip().startswith(("North ", "South ")) and "%" in line}
    assert set(rows) == {"North", "South"} and all("EUR " in r for r in rows.values())
    shares = [float(r.split("%")[0].split()[-1]) for r in rows.values()]
    assert sum(shares) == pytest.approx(100.0, abs=0.11)
    assert "to a rival (defection)" in out
    summary = (tmp_path / "out" / "summary.csv").read_text()
    assert "firms_North_market_share" in summary and "firms_South_profit_npv" in summary
    rows = (tmp_path / "out" / "firms.csv").read_text().splitlines()
    assert rows[0].startswith("step,month,firm,customers") and len(rows) == 1 + 2 * 7
    assert (tmp_path / "out" / "brands.png").stat().st_size > 10_000


def test_the_brand_figure_shows_shares_that_sum_to_one_and_money_in_the_currency(tmp_path):
    from simulation import run
    params = load_scenario(write(tmp_path, MARKET + FIRMS)).params
    fig = brand_figure(run(params, seed=2, months=6).firms, "EUR")
    share_ax, money_ax = fig.axes
    assert [line.get_label() for line in share_ax.get_lines()] == ["North", "South"]
    total = sum(line.get_ydata() for line in share_ax.get_lines())
    assert total == pytest.approx(1.0)
    assert "EUR" in money_ax.get_title() and "Market share" in share_ax.get_title()
    fig.canvas.draw()
    assert any("EUR" in t.get_text() for t in money_ax.get_yticklabels())


def test_the_shipped_two_firm_scenario_loads_with_its_firms():
    scenario = load_scenario("two_firms")
    assert scenario.params.firm_names() == ("Incumbent", "Challenger")
    challenger = scenario.params.firm_views()[1]
    assert challenger.service.reliability == 0.9
    assert challenger.market.population == scenario.params.market.population


def test_a_scenario_without_firms_has_one():
    assert len(load_scenario("baseline").params.firms) == 0


@pytest.mark.parametrize("table, words", [
    ('[[firms]]\nname = "A"\nrelyability = 0.9\n', "unknown key relyability = 0.9"),
    ('[[firms]]\nname = "A"\npopulation = 50\n', "population = 50 is a market-side"),
    ('[[firms]]\nname = "A"\nreliability = 1.5\n', "1.5 is out of range: must be between"),
    ('[[firms]]\nname = "north"\n', "name = 'north' is used twice"),
    ("".join(f'[[firms]]\nname = "F{i}"\n' for i in range(7)), "lists 9 firms: between 1 and 8"),
    ('[[firms]]\nname = "A"\ncurrency = "USD"\n', "shared by every firm"),
])
def test_bad_firm_tables_fail_in_one_line_before_any_run(tmp_path, capsys, table, words):
    out = tmp_path / "out"
    code = main(["run", write(tmp_path, MARKET + FIRMS + table), "--out", str(out)])
    err = capsys.readouterr()
    assert code == 2 and err.out == "" and not out.exists()
    assert len(err.err.strip().splitlines()) == 1
    assert words in err.err and "firms.toml" in err.err


COMPARE = """preset = "folklore"\nmonths = 12\nreplications = 8\n[parameters]\npopulation = 1000
[[firms]]\nname = "Ours"\ninitial_customer_share = 0.1
[[firms]]\nname = "Rival"\ninitial_customer_share = 0.1
[[strategies]]\nname = "baseline"\n[[strategies]]\nname = "acquisition"\nbudget = 2000\n"""


def test_compare_reports_the_focal_firms_share_and_where_its_losses_went(tmp_path, capsys):
    code = main(["compare", write(tmp_path, COMPARE), "--backend", "serial", "--no-flip",
                 "--no-report", "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Ours tries each strategy; Rival keeps the settings the scenario gives them." in out
    share = next(line for line in out.splitlines() if line.strip().startswith("acquisition")
                 and "%" in line and "[" in line and "$" not in line)
    # paid customers bought with 2,000 a month against a rival that buys none: more share
    assert "clearly higher" in share
    for words in ("customers lost to a rival", "customers lost from the category"):
        assert words in out


def test_compare_with_a_matching_rival_says_so_and_the_share_gained_shrinks(tmp_path, capsys):
    """The same markets (seeds) with the rival holding and matching after 3 months: the
    focal firm's share gain from 2,000 a month of paid acquisition is smaller when the
    rival buys the same from month 3 (paired by replication)."""
    gains = {}
    for rule in ("hold", "match"):
        text = COMPARE.replace("[parameters]", f'rival_response = "{rule}"\n'
                               + ("rival_lag = 3\n" if rule == "match" else "") + "[parameters]")
        out_dir = tmp_path / rule
        assert main(["compare", write(tmp_path, text), "--backend", "serial", "--no-flip",
                     "--no-report", "--out", str(out_dir)]) == 0
        out = capsys.readouterr().out
        runs = ResultStore(next(out_dir.rglob("manifest.json")).parent).runs()
        share = runs.pivot(index="replication", columns="strategy", values="market_share")
        gains[rule] = (share["acquisition"] - share["baseline"]).to_numpy()
    assert "Rival matches each strategy's spend after 3 months" in out
    assert (gains["match"] < gains["hold"]).all()


def test_lost_customer_refuses_a_market_of_several_firms(tmp_path, capsys):
    code = main(["lost-customer", write(tmp_path, MARKET + FIRMS), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "measures a market of one firm, this one has 2" in err
