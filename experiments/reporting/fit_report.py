"""The calibration report: each observed figure against its simulated 90% interval,
what the fit learnt about each parameter, and plots of both (Markdown + PNG)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from experiments.analysis.calibrate import Posterior  # noqa: E402
from experiments.analysis.firm_figures import FIGURE_WORDS, interval  # noqa: E402
from experiments.scenarios.firm_profile import FirmProfile  # noqa: E402

NOT_FITTED: dict[str, str] = {}   # observed figures the model has no counterpart for


def figure_table(posterior: Posterior, check: pd.DataFrame) -> pd.DataFrame:
    """Per observed figure: observed value, simulated median and 90% interval."""
    rows = []
    for key, value in posterior.observed.items():
        low, high = interval(check[key].to_numpy())
        rows.append({"figure": FIGURE_WORDS[key], "observed": value,
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


def plot_posterior(posterior: Posterior, path: Path) -> Path:
    """One panel per fitted parameter: weighted posterior over its prior range."""
    priors = posterior.priors
    cols = min(3, len(priors))
    rows = -(-len(priors) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 2.8 * rows), squeeze=False)
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
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_figures(table: pd.DataFrame, path: Path) -> Path:
    """Observed figure (dot) against the simulated 90% interval (bar), relative scale."""
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(table) + 1.2))
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
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_fit_report(out: Path, profile: FirmProfile, posterior: Posterior,
                     check: pd.DataFrame, seconds: float) -> Path:
    """fit_report.md with both tables and both plots."""
    figures = figure_table(posterior, check)
    params = parameter_table(posterior)
    plot_posterior(posterior, out / "posterior.png")
    plot_figures(figures, out / "fit_check.png")
    lines = [f"# Calibration: {profile.name}", "",
             f"{posterior.simulations:,} simulations in {posterior.generations} generations "
             f"of ABC-SMC, {seconds:.0f} s; {len(check)} fresh runs from the posterior "
             "for the check below.", "", "## Observed figures against the fitted market",
             "", "| figure | observed | simulated (median) | 90% interval | |",
             "|---|---|---|---|---|"]
    for r in figures.itertuples():
        mark = "inside" if r.inside else "**outside**"
        lines.append(f"| {r.figure} | {r.observed:.3g} | {r.simulated:.3g} | "
                     f"{r.low:.3g} to {r.high:.3g} | {mark} |")
    for key, why in NOT_FITTED.items():
        if key in profile.observed:
            lines.append(f"| {key.replace('_', ' ')} | {profile.observed[key]:g} | - | - | "
                         f"not fitted: {why} |")
    lines += ["", "![fit check](fit_check.png)", "", "## What the fit learnt", "",
              "| parameter | prior | posterior median | 90% interval | interval / prior |",
              "|---|---|---|---|---|"]
    for r in params.itertuples():
        lines.append(f"| {r.parameter} | {r.prior} | {r.median:.3g} | {r.low:.3g} to "
                     f"{r.high:.3g} | {r.interval_share_of_prior:.0%} |")
    lines += ["", "![posterior](posterior.png)", ""]
    path = out / "fit_report.md"
    path.write_text("\n".join(lines))
    return path
