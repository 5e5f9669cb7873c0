"""The calibration report: each observed figure against its simulated 90% interval,
what the fit learnt about each parameter, and plots of both (Markdown + PNG)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from experiments.analysis.calibrate import Posterior
from experiments.analysis.firm_figures import interval
from experiments.reporting.document import Document, Section
from experiments.scenarios.firm_profile import FirmProfile
from experiments.scenarios.metrics import metric

NOT_FITTED: dict[str, str] = {}   # observed figures the model has no counterpart for


def figure_table(posterior: Posterior, check: pd.DataFrame) -> pd.DataFrame:
    """Per observed figure: observed value, simulated median and 90% interval."""
    rows = []
    for key, value in posterior.observed.items():
        low, high = interval(check[key].to_numpy())
        rows.append({"figure": metric(key, "figure").words, "observed": value,
                     "simulated": float(check[key].median()), "low": low, "high": high,
                     "inside": low <= value <= high})
    return pd.DataFrame(rows)


def parameter_table(posterior: Posterior) -> pd.DataFrame:
    """Per fitted parameter: prior range, posterior median and 90% interval."""
    median = posterior.median()
    rows = []
    for p in posterior.priors:
        low, high = posterior.interval(p.name)
        narrowed = (np.log(high / low) / np.log(p.high / p.low) if p.log
                    else (high - low) / (p.high - p.low))
        rows.append({"parameter": p.words, "name": p.name, "prior": f"{p.low:g} to {p.high:g}",
                     "median": median[p.name], "low": low, "high": high,
                     "interval_share_of_prior": float(narrowed)})
    return pd.DataFrame(rows)


def plot_posterior(posterior: Posterior) -> Figure:
    """One panel per fitted parameter: weighted posterior over its prior range."""
    priors = posterior.priors
    cols = min(3, len(priors))
    rows = -(-len(priors) // cols)
    fig = Figure(figsize=(4.2 * cols, 2.8 * rows))
    axes = fig.subplots(rows, cols, squeeze=False)
    w = posterior.draws["weight"].to_numpy()
    for ax, p in zip(axes.flat, priors):
        values = posterior.draws[p.name].to_numpy()
        bins = np.geomspace(p.low, p.high, 30) if p.log else np.linspace(p.low, p.high, 30)
        ax.hist(values, bins=bins, weights=w, color="#4477aa")
        ax.axvline(posterior.median()[p.name], color="k", lw=1)
        if p.log:
            ax.set_xscale("log")
        ax.set_xlim(p.low, p.high)
        ax.set_title(p.words, fontsize=8)
        ax.set_yticks([])
    for ax in list(axes.flat)[len(priors):]:
        ax.axis("off")
    fig.suptitle("What the fit learnt (posterior over the prior range; line = median)")
    fig.tight_layout()
    return fig


def plot_figures(table: pd.DataFrame) -> Figure:
    """Observed figure (dot) against the simulated 90% interval (bar), relative scale."""
    fig = Figure(figsize=(7, 0.45 * len(table) + 1.2))
    ax = fig.add_subplot()
    scale = table["observed"].abs().where(table["observed"].abs() > 0, 1.0)
    y = np.arange(len(table))
    ax.hlines(y, table["low"] / scale, table["high"] / scale, color="#4477aa", lw=6,
              label="simulated 90% interval")
    ax.plot(np.ones(len(table)), y, "o", color="#cc3311", label="observed")
    ax.set_yticks(y, table["figure"], fontsize=8)
    ax.set_xlabel("relative to the observed value")
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title("Observed figures against the fitted market")
    fig.tight_layout()
    return fig


def write_fit_report(out: Path, profile: FirmProfile, posterior: Posterior,
                     check: pd.DataFrame, seconds: float) -> Path:
    """fit_report.md and fit_report.html with both tables and both plots."""
    figures = figure_table(posterior, check)
    params = parameter_table(posterior)
    fit = Section("Observed figures against the fitted market")
    rows = [{"figure": r.figure, "observed": f"{r.observed:.3g}",
             "simulated (median)": f"{r.simulated:.3g}",
             "90% interval": f"{r.low:.3g} to {r.high:.3g}",
             "": "inside" if r.inside else "outside"} for r in figures.itertuples()]
    rows += [{"figure": key.replace("_", " "), "observed": f"{profile.observed[key]:g}",
              "simulated (median)": "-", "90% interval": "-", "": f"not fitted: {why}"}
             for key, why in NOT_FITTED.items() if key in profile.observed]
    fit.tables.append(("", pd.DataFrame(rows)))
    fit.save(plot_figures(figures), out, "fit_check.png", "fit check")
    learnt = Section("What the fit learnt")
    learnt.tables.append(("", pd.DataFrame({
        "parameter": params.parameter, "prior": params.prior,
        "posterior median": params["median"].map(lambda v: f"{v:.3g}"),
        "90% interval": [f"{r.low:.3g} to {r.high:.3g}" for r in params.itertuples()],
        "interval / prior": params.interval_share_of_prior.map(lambda v: f"{v:.0%}")})))
    learnt.save(plot_posterior(posterior), out, "posterior.png", "posterior")
    intro = (f"{posterior.simulations:,} simulations in {posterior.generations} generations "
             f"of ABC-SMC, {seconds:.0f} s; {len(check)} fresh runs from the posterior "
             "for the check below.")
    return Document(f"Calibration: {profile.name}", [intro], [fit, learnt]).write(
        out, "fit_report")
