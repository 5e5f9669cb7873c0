"""How well a fit matches what the firm observed, and how much its sample is worth.

A figure *fits* when the simulated median lies within the run-to-run noise of the
observed value: `NOISE_WIDTHS` standard deviations of the figure across fresh runs of
the fitted market (posterior median, other seeds). Lying inside the posterior's 90%
band is weaker (the band widens with everything the fit did not learn) and is reported
beside it, never instead of it. The whole fit is graded by its missed figures; the
grade travels with the posterior sample so that `allocate` can refuse a misfit.

Sample checks from ABC practice: the effective sample size of the weighted particles,
the last generation's acceptance rate, and a warning when a parameter's posterior piles
against a bound of its prior (the prior, not the data, is then deciding).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

NOISE_WIDTHS = 2.0     # about a 95% band for one observed year
EDGE = 0.05            # the outer 5% of a prior's range at each end
PILED = 0.25           # posterior weight there that counts as piled (5x a flat prior's)


@dataclass(frozen=True)
class Miss:
    """A figure the fitted market does not reproduce within its noise."""

    figure: str          # the figure's key (scenarios.metrics, family "figure")
    observed: float
    simulated: float
    noise: float         # run-to-run standard deviation at the posterior median
    reach: tuple[float, float] | None = None   # lowest and highest over every simulation

    def widths(self) -> float:
        """How many noise widths (standard deviations) the simulated median is off."""
        return abs(self.simulated - self.observed) / self.noise if self.noise > 0 else np.inf

    def out_of_reach(self) -> bool:
        """Whether no market simulated across the fitted ranges came as far as the
        observed value (the model cannot produce it with these ranges)."""
        return self.reach is not None and not self.reach[0] <= self.observed <= self.reach[1]

    def beyond(self) -> str:
        """'above 0.61' / 'below 0.02': the simulated edge an out-of-reach value passes."""
        low, high = self.reach
        return f"above {high:.3g}" if self.observed > high else f"below {low:.3g}"


@dataclass(frozen=True)
class FitGrade:
    """The whole fit's grade: missed figures, and the sample's own checks."""

    missed: tuple[Miss, ...] = ()
    effective_particles: float = 0.0
    particles: int = 0
    acceptance: float = 0.0
    piled: tuple[str, ...] = field(default=())   # "parameter: low" or "parameter: high"
    simulations: int = 0                         # the fit's simulations (its reach)

    @property
    def fits(self) -> bool:
        return not self.missed

    def word(self) -> str:
        return "fits" if self.fits else f"missed {len(self.missed)} figure" + (
            "s" * (len(self.missed) > 1))

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> FitGrade:
        missed = tuple(Miss(**{**m, "reach": tuple(m["reach"]) if m.get("reach") else None})
                       for m in data.get("missed", ()))
        return cls(missed=missed,
                   effective_particles=float(data.get("effective_particles", 0.0)),
                   particles=int(data.get("particles", 0)),
                   acceptance=float(data.get("acceptance", 0.0)),
                   piled=tuple(data.get("piled", ())),
                   simulations=int(data.get("simulations", 0)))


def figure_grades(observed: dict[str, float], check: pd.DataFrame,
                  noise: pd.DataFrame) -> pd.DataFrame:
    """Per observed figure: simulated median (posterior check), run-to-run noise (runs at
    the posterior median) and whether the median is within `NOISE_WIDTHS` of it."""
    rows = []
    for key, value in observed.items():
        median, sd = float(check[key].median()), float(noise[key].std(ddof=1))
        off = abs(median - value)
        rows.append({"key": key, "observed": value, "simulated": median, "noise": sd,
                     "fits": bool(off <= NOISE_WIDTHS * sd) if sd > 0 else bool(off == 0)})
    return pd.DataFrame(rows)


def effective_sample_size(weights: np.ndarray) -> float:
    """Kish's effective sample size of importance weights."""
    w = np.asarray(weights, float)
    return float(w.sum() ** 2 / (w ** 2).sum())


def piled_against_bounds(draws: pd.DataFrame, priors) -> tuple[str, ...]:
    """'parameter: low'/'parameter: high' where the posterior holds more than `PILED` of
    its weight in the outer `EDGE` of the prior's range (on the sampled scale)."""
    w = draws["weight"].to_numpy(float)
    w = w / w.sum()
    out = []
    for p in priors:
        values = draws[p.name].to_numpy(float)
        x = np.log10(values) if p.log else values
        lo, hi = p.bounds()
        span = hi - lo
        for side, near in (("low", x <= lo + EDGE * span), ("high", x >= hi - EDGE * span)):
            if w[near].sum() > PILED:
                out.append(f"{p.name}: {side}")
    return tuple(out)


def grade_fit(figures: pd.DataFrame, draws: pd.DataFrame, priors, acceptance: float,
              reach: dict[str, tuple[float, float]] | None = None,
              simulations: int = 0) -> FitGrade:
    """The fit's grade from `figure_grades` and the weighted posterior particles; `reach`:
    each figure's lowest and highest over the fit's `simulations`."""
    reach = reach or {}
    missed = tuple(Miss(r.key, float(r.observed), float(r.simulated), float(r.noise),
                        tuple(map(float, reach[r.key])) if r.key in reach else None)
                   for r in figures.itertuples() if not r.fits)
    return FitGrade(missed, effective_sample_size(draws["weight"].to_numpy()), len(draws),
                    float(acceptance), piled_against_bounds(draws, priors), simulations)


def misfit_line(grade: FitGrade, words) -> str:
    """One sentence naming each missed figure and by how much ('' when the fit fits)."""
    if grade.fits:
        return ""
    parts = [f"{words(m.figure)} observed {m.observed:.3g}, fitted market {m.simulated:.3g} "
             f"({m.widths():.1f} times its run-to-run noise of {m.noise:.2g})"
             for m in grade.missed]
    return " ".join(["The calibration missed " + "; ".join(parts) + ": this plan is for a "
                     "market that does not match the firm on these figures.",
                     reach_line(grade, words)]).strip()


def reach_line(grade: FitGrade, words) -> str:
    """Why the missed figures were missed, for a strategist: out of the model's reach
    (no simulated market came as far), or reachable one at a time but not together."""
    markets = (f"{grade.simulations:,} markets simulated" if grade.simulations
               else "markets simulated")
    out = [m for m in grade.missed if m.out_of_reach()]
    inside = [m for m in grade.missed if m.reach is not None and not m.out_of_reach()]
    lines = []
    if out:
        lines.append("Out of the model's reach with the fitted ranges: " + "; ".join(
            f"{words(m.figure)} (none of the {markets} went {m.beyond()})" for m in out)
            + ".")
    if inside:
        lines.append(("Each of the others" if out else "Each missed figure")
                     + f" was reached on its own by some of the {markets}, but the fit "
                     "found no market matching them all together within its simulations.")
    return " ".join(lines)
