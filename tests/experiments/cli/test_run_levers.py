"""`ripple run` says what each lever's money bought: units bought, used and idle."""

from experiments.cli import main


def test_run_prints_units_bought_used_and_idle(tmp_path, capsys):
    code = main(["run", "--set", "extra_handlers=1", "--set", "population=1000",
                 "--months", "6", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    line = next(x for x in out.splitlines() if "complaints a handler could close" in x)
    # a tenth of a handler (scaled with the market) closing 150 a month, for 6 months
    assert "90 bought" in line and "idle" in line
