"""The calibration report: the fit's grade first, each observed figure against its
run-to-run noise and its simulated 90% interval, what the fit learnt about each
parameter, the sample's checks, and plots (Markdown + PNG)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from experiments.analysis.calibrate import Posterior
from experiments.analysis.firm_figures import interval
from experiments.analysis.fit_grade import NOISE_WIDTHS, FitGrade, figure_grades, misfit_line
from experiments.reporting.document import Document, Section
from experiments.scenarios.firm_profile import FirmProfile
from experiments.scenarios.metrics import metric

NOT_FITTED: dict[str, str] = {}   # observed figures the model has no counterpart for


def figure_words(key: str) -> str:
    return metric(key, "figure").words


def figure_table(posterior: Posterior, check: pd.DataFrame,
                 noise: pd.DataFrame) -> pd.DataFrame:
    """Per observed figure: observed value, simulated median, run-to-run noise, whether
    it fits within the noise, and the simulated 90% interval (inside or not)."""
    table = figure_grades(posterior.observed, check, noise)
    bands = [interval(check[key].to_numpy()) for key in table.key]
    table.insert(0, "figure", table.key.map(figure_words))
    table["low"], table["high"] = [b[0] for b in bands], [b[1] for b in bands]
    table["inside"] = (table.low <= table.observed) & (table.observed <= table.high)
    return table


def grade_lines(grade: FitGrade, priors) -> list[str]:
    """The fit's grade and the sample's checks, in words."""
    words = {p.name: p.words for p in priors}
    first = (f"The fitted market reproduces every observed figure within its run-to-run "
             f"noise ({NOISE_WIDTHS:g} standard deviations)." if grade.fits
             else misfit_line(grade, figure_words))
    lines = [first, f"Effective sample size {grade.effective_particles:.0f} of "
                    f"{grade.particles} particles; the last generation accepted "
                    f"{grade.acceptance:.0%} of its proposals."]
    if grade.effective_particles < 0.3 * max(grade.particles, 1):
        lines.append("Few particles carry the weight: run with more --particles or "
                     "--max-simulations before trusting the intervals.")
    for item in grade.piled:
        name, side = item.split(": ")
        lines.append(f"Warning: the posterior of {words.get(name, name)} piles against the "
                     f"{side} end of its prior range: the prior, not the data, sets that end.")
    return lines


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
    """One panel per fitted parameter: the posterior's weight per bin against the flat
    prior (dashed) over the prior's range, the median marked; few ticks, none shared."""
    priors = posterior.priors
    cols = min(3, len(priors))
    rows = -(-len(priors) // cols)
    fig = Figure(figsize=(4.4 * cols, 2.6 * rows), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False)
    w = posterior.draws["weight"].to_numpy()
    w = w / w.sum()
    median = posterior.median()
    for ax, p in zip(axes.flat, priors):
        bins = np.geomspace(p.low, p.high, BINS + 1) if p.log else np.linspace(
            p.low, p.high, BINS + 1)
        ax.hist(posterior.draws[p.name].to_numpy(), bins=bins, weights=w, color="#4477aa",
                label="posterior")
        ax.axhline(1.0 / BINS, color="grey", ls="--", lw=1, label="prior")
        ax.axvline(median[p.name], color="k", lw=1, label="median")
        if p.log:
            ax.set_xscale("log")
            ax.xaxis.set_major_locator(LogLocator(numticks=4))
            ax.xaxis.set_minor_formatter(NullFormatter())
        else:
            ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.tick_params(labelsize=8)
        ax.set_xlim(p.low, p.high)
        ax.set_title(p.words, fontsize=8, wrap=True)
        ax.set_ylabel("share of weight", fontsize=7)
    axes.flat[0].legend(fontsize=7)
    for ax in list(axes.flat)[len(priors):]:
        ax.axis("off")
    fig.suptitle("What the fit learnt: posterior (bars) against the prior (dashed) over the "
                 "prior's range; line = median", fontsize=10)
    return fig


def plot_figures(table: pd.DataFrame) -> Figure:
    """Observed figure (dot) against the simulated 90% interval (bar) and the run-to-run
    noise around the simulated median (grey), relative to the observed value."""
    fig = Figure(figsize=(7.5, 0.45 * len(table) + 1.4), layout="constrained")
    ax = fig.add_subplot()
    scale = table["observed"].abs().where(table["observed"].abs() > 0, 1.0)
    y = np.arange(len(table))
    ax.hlines(y, table["low"] / scale, table["high"] / scale, color="#4477aa", lw=6,
              label="simulated 90% interval")
    noise = NOISE_WIDTHS * table["noise"]
    ax.hlines(y, (table["simulated"] - noise) / scale, (table["simulated"] + noise) / scale,
              color="#bbbbbb", lw=2.5, label=f"median \u00b1 {NOISE_WIDTHS:g} run-to-run sd")
    ax.plot(np.ones(len(table)), y, "o", color="#cc3311", label="observed")
    missed = ~table["fits"].to_numpy(bool)
    ax.plot(np.ones(missed.sum()), y[missed], "x", color="black", ms=9,
            label="missed (beyond the noise)")
    ax.set_yticks(y, table["figure"], fontsize=8)
    ax.set_xlabel("relative to the observed value (1 = as observed)")
    ax.legend(fontsize=7, loc="best")
    ax.set_title("Observed figures against the fitted market")
    return fig


def plot_cohort(table: pd.DataFrame) -> Figure:
    """The observed cohort curve (dots) against the fitted market's 90% band and median,
    year by year, as shares of today's customers."""
    rows = table[table.key.str.startswith("cohort_year_")]
    years = [int(k.rsplit("_", 1)[1]) for k in rows.key]
    fig = Figure(figsize=(6.0, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ax.fill_between(years, 100 * rows["low"], 100 * rows["high"], color="#4477aa",
                    alpha=0.3, label="fitted market: 90% band")
    ax.plot(years, 100 * rows["simulated"], color="#4477aa", label="fitted market: median")
    ax.plot(years, 100 * rows["observed"], "o", color="#cc3311", label="observed")
    ax.set_xticks(years)
    ax.set_xlabel("years after today")
    ax.set_ylabel("today's customers still customers (%)")
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8)
    ax.set_title("Cohort curve: observed against the fitted market")
    return fig


BINS = 20


def write_fit_report(out: Path, profile: FirmProfile, posterior: Posterior,
                     check: pd.DataFrame, noise: pd.DataFrame, grade: FitGrade,
                     seconds: float) -> Path:
    """fit_report.md and fit_report.html: the grade, both tables and both plots."""
    figures = figure_table(posterior, check, noise)
    params = parameter_table(posterior)
    fit = Section("Observed figures against the fitted market")
    rows = [{"figure": r.figure, "observed": f"{r.observed:.3g}",
             "simulated (median)": f"{r.simulated:.3g}",
             "run-to-run noise (sd)": f"{r.noise:.2g}",
             "within noise": "fits" if r.fits else "missed",
             "90% interval": f"{r.low:.3g} to {r.high:.3g}",
             "": "inside" if r.inside else "outside"} for r in figures.itertuples()]
    rows += [{"figure": key.replace("_", " "), "observed": f"{profile.observed[key]:g}",
              "simulated (median)": "-", "run-to-run noise (sd)": "-",
              "within noise": "-", "90% interval": "-", "": f"not fitted: {why}"}
             for key, why in NOT_FITTED.items() if key in profile.observed]
    fit.tables.append(("", pd.DataFrame(rows)))
    fit.save(plot_figures(figures), out, "fit_check.png", "fit check")
    if figures.key.str.startswith("cohort_year_").any():
        fit.save(plot_cohort(figures), out, "cohort_fit.png", "cohort curve against the fit")
    learnt = Section("What the fit learnt")
    learnt.tables.append(("", pd.DataFrame({
        "parameter": params.parameter, "prior": params.prior,
        "posterior median": params["median"].map(lambda v: f"{v:.3g}"),
        "90% interval": [f"{r.low:.3g} to {r.high:.3g}" for r in params.itertuples()],
        "interval / prior": params.interval_share_of_prior.map(lambda v: f"{v:.0%}")})))
    learnt.save(plot_posterior(posterior), out, "posterior.png", "posterior")
    intro = (f"{posterior.simulations:,} simulations in {posterior.generations} generations "
             f"of ABC-SMC, {seconds:.0f} s; {len(check)} fresh runs from the posterior "
             f"and {len(noise)} runs of the fitted market on other seeds (its run-to-run "
             "noise) for the check below.")
    return Document(f"Calibration: {profile.name}", [*grade_lines(grade, posterior.priors),
                                                     intro], [fit, learnt]).write(
        out, "fit_report")
