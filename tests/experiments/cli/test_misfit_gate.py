"""`ripple allocate` refuses a posterior whose fit missed an observed figure (one line,
exit 2, before any work) unless --accept-misfit; then the plan report opens with the
miss."""

from __future__ import annotations

import numpy as np
import pandas as pd

from experiments.analysis.firm_settings import DEFAULT_PRIORS
from experiments.analysis.fit_grade import FitGrade, Miss
from experiments.analysis.posterior_file import write_posterior
from experiments.cli import main
from experiments.scenarios.firm import load_firm
from tests.experiments.cli.test_firm_commands import TINY_FIRM

MISSED = FitGrade((Miss("churn_per_year", 0.12, 0.375, 0.03),), 20.0, 30, 0.2)


def stored_fit(tmp_path, grade: FitGrade):
    firm = tmp_path / "tiny.toml"
    firm.write_text(TINY_FIRM)
    out = tmp_path / "results"
    (out / "calibration").mkdir(parents=True)
    rng = np.random.default_rng(0)
    draws = pd.DataFrame({p.name: p.to_model(rng.uniform(*p.bounds()))
                          for p in DEFAULT_PRIORS} | {"weight": 1.0}, index=range(1))
    draws = pd.concat([draws] * 4, ignore_index=True)
    write_posterior(draws, load_firm(str(firm)).identity(),
                    out / "calibration" / "posterior.parquet", grade)
    return str(firm), str(out)


def test_a_missed_figure_stops_allocate_in_one_line(tmp_path, capsys):
    firm, out = stored_fit(tmp_path, MISSED)
    assert main(["allocate", firm, "--budget", "500", "--out", out]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert "share of customers lost in a year" in err and "--accept-misfit" in err
    assert captured.out == "" and not (tmp_path / "results" / "plan").exists()


def test_accept_misfit_puts_the_miss_in_the_plans_first_line(tmp_path, capsys):
    firm, out = stored_fit(tmp_path, MISSED)
    assert main(["allocate", firm, "--budget", "500", "--accept-misfit", "--trials", "2",
                 "--replications", "2", "--check-replications", "2", "--no-flip",
                 "--population", "300", "--backend", "serial", "--quiet",
                 "--out", out]) == 0
    report = (tmp_path / "results" / "plan" / "plan_report.md").read_text().splitlines()
    first = next(line for line in report[1:] if line.strip())
    assert first.startswith("The calibration missed share of customers lost in a year "
                            "observed 0.12, fitted market 0.375"), first
    assert "8.5 times its run-to-run noise" in first
