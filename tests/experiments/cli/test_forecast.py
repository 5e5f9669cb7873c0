"""`ripple forecast`: a cohort's retention by year from the firm's posterior, printed and
written to forecast.csv; `[observed] cohort_retention` read and checked in profiles."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.calibrate import Posterior, save_fit
from experiments.analysis.firm_settings import DEFAULT_PRIORS
from experiments.analysis.forecast import band
from experiments.cli import main
from experiments.errors import ScenarioError
from experiments.scenarios.firm import firm_from_dict, load_firm
from experiments.scenarios.firm_market import firm_params

FIRM = "harbour_broadband"


def a_posterior(seed: int, n: int = 8) -> Posterior:
    rng = np.random.default_rng(seed)
    draws = pd.DataFrame({p.name: rng.uniform(p.low, p.high, n) for p in DEFAULT_PRIORS})
    draws["weight"] = 1 / n
    return Posterior(draws, DEFAULT_PRIORS, {"churn_per_year": 0.3}, 40, 1, [1.0])


def test_the_band_is_the_median_and_the_middle_90_percent():
    survival = np.linspace(0.5, 0.9, 101)[:, None] * np.array([1.0, 0.8])
    table = band(survival)
    assert list(table.columns) == ["year", "retention", "low", "high"]
    np.testing.assert_allclose(table.retention, [0.7, 0.56])
    np.testing.assert_allclose(table.low, [0.52, 0.416])
    np.testing.assert_allclose(table.high, [0.88, 0.704])


def test_forecast_prints_and_writes_a_falling_cohort_curve(tmp_path, capsys):
    out = tmp_path / "harbour"
    profile = load_firm(FIRM)
    save_fit(out / "calibration", firm_params(profile), a_posterior(3), profile.identity())
    argv = ["forecast", FIRM, "--years", "3", "--draws", "4", "--population", "2000",
            "--backend", "serial", "--quiet", "--out", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "year 3:" in printed and "90% band over 4 posterior draws" in printed
    table = pd.read_csv(out / "forecast.csv")
    assert list(table.columns) == ["year", "retention", "low", "high"]
    assert list(table.year) == [1, 2, 3]
    assert ((table.low <= table.retention) & (table.retention <= table.high)).all()
    assert (np.diff(table.retention) < 0).all() and table.retention.between(0, 1).all()
    assert main(argv) == 0   # same seed, same forecast
    pd.testing.assert_frame_equal(pd.read_csv(out / "forecast.csv"), table)


def test_forecast_without_a_posterior_is_one_line(tmp_path, capsys):
    assert main(["forecast", FIRM, "--out", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no posterior sample; run `ripple calibrate" in err[0]
    assert main(["forecast", FIRM, "--years", "0", "--out", str(tmp_path)]) == 2
    assert "--years 0: must be between 1 and 50" in capsys.readouterr().err


def test_an_observed_cohort_curve_is_read_and_checked():
    firm = firm_from_dict({"observed": {"cohort_retention": [0.8, 0.69, 0.62]}}, where="f.toml")
    assert firm.cohort_retention == (0.8, 0.69, 0.62)
    assert load_firm(FIRM).cohort_retention == ()
    with pytest.raises(ScenarioError, match=r"^f.toml: observed.cohort_retention: \[0.8, 0.9\]"
                                            r": year 2 \(0.9\) is above year 1"):
        firm_from_dict({"observed": {"cohort_retention": [0.8, 0.9]}}, where="f.toml")
    with pytest.raises(ScenarioError, match="expected 1 to 50 shares above 0 and at most 1"):
        firm_from_dict({"observed": {"cohort_retention": [1.2]}}, where="f.toml")


def test_the_text_sets_observed_years_against_the_band():
    from experiments.analysis.forecast import Forecast
    table = pd.DataFrame({"year": [1, 2, 3], "retention": [0.8, 0.66, 0.55],
                          "low": [0.75, 0.6, 0.48], "high": [0.85, 0.72, 0.62]})
    text = Forecast(table, 20, observed=(0.80, 0.74)).text()
    assert "year 1: 80.0% (75.0% to 85.0%); observed 80.0%, inside the band" in text
    assert "year 2: 66.0% (60.0% to 72.0%); observed 74.0%, outside the band" in text
    assert "year 3: 55.0% (48.0% to 62.0%)\n" not in text and text.endswith("62.0%)")
