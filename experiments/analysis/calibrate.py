"""Calibration: fit the behaviour no firm observes (failure rate, complaint and churn
hazards, word-of-mouth rates and impact, advertising) to the figures it does observe,
with uncertainty, by approximate Bayesian computation (pyabc's ABC-SMC).

Why ABC-SMC (measured by `benchmarks/calibration_methods.py`: a 2,000-person market,
three parameters, two sets of true values x two seeds, one core, a cap of 600
simulations): ABC-SMC's posterior median missed the truth by 0.105 log prior widths on
average and its 90% interval held the truth in 12 of 12 parameter-fits (854
simulations, 46 s CPU per fit: pyabc overshoots the cap by finishing its generation);
optuna's TPE point fit on the same figures missed by 0.166 (600 simulations, 29 s)
and gives no interval, so it cannot say how sure a plan is. ABC-SMC also hands
allocation a posterior sample, not one point. sbi (neural posterior estimation)
needs torch, which this project does not carry.

The distance counts each figure in units of its run-to-run noise in the firm's market
before fitting (a few pilot runs): on Harbour Broadband's figures that left 6 of 11
figures beyond their noise where pyabc's adaptive scaling (by the spread of the current
guesses) left 9, with twice the effective particles (`benchmarks/calibration_distance.py`).

The simulator call is `simulation.run` (through `firm_figures.market_figures`) and
proposals run on the usual backends via `SeededSampler`, so a fit is the same for a
seed on one core, on local processes or on Dask. Which parameters are fitted is a
named list of `Prior`s (`DEFAULT_PRIORS`): adding a model parameter means adding a line.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.analysis.firm_figures import (
    OBSERVATION_MONTHS,
    FigureRun,
    cohort_years,
    market_figures,
    measure_run,
    observed_figures,
)
from experiments.analysis.firm_settings import (  # noqa: F401  (part of this module's API)
    DEFAULT_PRIORS,
    FIT_POPULATION,
    FitSettings,
    Prior,
    fit_market,
    priors_for,
    search_market,
)
from experiments.analysis.fit_grade import FitGrade, figure_grades, grade_fit
from experiments.analysis.posterior_file import read_posterior, write_posterior
from experiments.errors import ScenarioError
from experiments.execution.interrupts import held
from experiments.execution.runner import Backend, execute, open_backend
from experiments.execution.runs import replication_seeds
from experiments.execution.whole_files import write_together
from experiments.scenarios.firm_market import firm_params
from experiments.scenarios.firm_profile import FirmProfile
from simulation import Params


class FirmSimulator:
    """pyabc's model: sampled parameters -> the figures of one simulated year."""

    def __init__(self, base: Params, priors: tuple[Prior, ...], names: tuple[str, ...],
                 months: float = OBSERVATION_MONTHS) -> None:
        self.base, self.priors, self.names, self.months = base, priors, names, months
        self.years = cohort_years(names)

    def params(self, sampled: dict[str, float]) -> Params:
        return self.base.replace(**{p.name: p.from_logit(sampled[p.name]) for p in self.priors})

    def __call__(self, sampled: dict[str, float]) -> dict[str, float]:
        seed = int(np.random.randint(0, 2**62))   # seeded per proposal by the sampler
        figures = market_figures(self.params(sampled), seed, self.months, self.years)
        return {k: figures[k] for k in self.names}


DEFAULT_FIT = FitSettings()


@dataclass
class Posterior:
    """The fit: weighted posterior particles on the model scale, and its bookkeeping."""

    draws: pd.DataFrame        # one column per fitted parameter, plus `weight`
    priors: tuple[Prior, ...]
    observed: dict[str, float]
    simulations: int
    generations: int
    epsilons: list[float]
    acceptance: float = 0.0    # the last generation's accepted share of its proposals
    reach: dict[str, tuple[float, float]] = field(default_factory=dict)   # every simulation's
    # lowest and highest value of each figure: what the model reaches across the ranges

    def median(self) -> dict[str, float]:
        w = self.draws["weight"].to_numpy()
        return {p.name: _weighted_quantile(self.draws[p.name].to_numpy(), w, 0.5)
                for p in self.priors}

    def interval(self, name: str, level: float = 0.9) -> tuple[float, float]:
        w, tail = self.draws["weight"].to_numpy(), (1 - level) / 2
        values = self.draws[name].to_numpy()
        return _weighted_quantile(values, w, tail), _weighted_quantile(values, w, 1 - tail)

    def sample(self, n: int, seed: int) -> pd.DataFrame:
        """`n` equally weighted draws (systematic resampling, reproducible for a seed)."""
        return resample(self.draws, n, seed)


def resample(draws: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """`n` equally weighted rows of a weighted sample (systematic resampling)."""
    weights = draws["weight"].to_numpy() if "weight" in draws else np.ones(len(draws))
    cum = np.cumsum(weights / weights.sum())
    u = (np.random.default_rng(seed).random() + np.arange(n)) / n
    picks = np.minimum(np.searchsorted(cum, u), len(cum) - 1)
    return draws.iloc[picks].drop(columns="weight", errors="ignore").reset_index(drop=True)


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    order = np.argsort(values)
    cum = np.cumsum(weights[order]) / weights.sum()
    return float(values[order][min(np.searchsorted(cum, q), values.size - 1)])


PILOT_RUNS = 8        # runs of the market before fitting: each figure's noise
FLAT_NOISE = 0.05     # a figure that never varies in them: noise 5% of its size


def figure_noise(base: Params, observed: dict[str, float], settings: FitSettings,
                 backend: Backend | None = None, pool=None) -> dict[str, float]:
    """Each observed figure's run-to-run standard deviation in `base` (the market before
    fitting, `PILOT_RUNS` seeds): the scale a miss of that figure is measured in."""
    seeds = replication_seeds(settings.seed + 3, PILOT_RUNS)
    years = cohort_years(observed)
    specs = [FigureRun(f"pilot-{i}", base, seed, settings.months, years)
             for i, seed in enumerate(seeds)]
    runs = pd.DataFrame([r.figures for r in execute(
        specs, measure_run, backend=backend or Backend(progress=False), pool=pool,
        desc="each figure's noise")])
    return {k: max(float(runs[k].std(ddof=1)),
                   FLAT_NOISE * max(abs(v), abs(float(runs[k].mean()))), 1e-12)
            for k, v in observed.items()}


def noise_distance(noise: dict[str, float]):
    """Euclidean distance with each figure in units of its run-to-run noise: a figure
    the market pins tightly (a survey share) counts as much per noise width as one it
    pins loosely (complaints a month), and none by the spread of the current guesses."""
    import pyabc
    return pyabc.PNormDistance(p=2, fixed_weights={k: 1.0 / sd for k, sd in noise.items()})


def fit(base: Params, observed: dict[str, float], priors: tuple[Prior, ...] = DEFAULT_PRIORS,
        settings: FitSettings = DEFAULT_FIT, backend: Backend | None = None, pool=None,
        workdir: str | Path | None = None,
        progress: Callable[[int], None] | None = None, distance=None) -> Posterior:
    """ABC-SMC of `priors` so that `base`'s simulated year reproduces `observed`
    (`distance`: a pyabc distance; default each figure in units of its run-to-run noise
    in `base`, `noise_distance`)."""
    # pyabc sets its logger to INFO when first imported: WARNING unless the user chose
    os.environ.setdefault("ABC_LOG_LEVEL", "WARNING")
    import pyabc  # here, not at import: the command line refuses bad input without it

    from experiments.analysis.abc_sampler import SeededSampler
    backend = backend or Backend(progress=False)
    if pool is None:
        with open_backend(backend) as pool:
            return fit(base, observed, priors, settings, backend, pool, workdir, progress,
                       distance)
    names = tuple(observed)
    pilot = 0
    if distance is None:
        distance, pilot = noise_distance(figure_noise(base, observed, settings, backend,
                                                      pool)), PILOT_RUNS
    model = FirmSimulator(base, priors, names, settings.months)
    # each flat prior as the logistic law of its logit: the perturbation kernel then
    # moves particles on an unbounded scale and never spills over a range's ends
    prior = pyabc.Distribution(**{p.name: pyabc.RV("logistic", 0.0, 1.0) for p in priors})
    sampler = SeededSampler(settings.seed, backend, pool, progress=progress)
    # the kernel's covariance is widened (`kernel_scaling`): at pyabc's default the
    # weights collapsed onto one or two particles of 60 (docs/speed.md)
    abc = pyabc.ABCSMC(model, prior, distance, population_size=settings.particles,
                       sampler=sampler,
                       transitions=pyabc.MultivariateNormalTransition(
                           scaling=settings.kernel_scaling),
                       eps=pyabc.QuantileEpsilon(alpha=settings.quantile))
    # pyabc's database work is never cut by Ctrl+C (a transaction cut in half leaves its
    # cleanup waiting on the lock); the simulations between its writes stop at once.
    with tempfile.TemporaryDirectory(dir=workdir) as tmp, held():
        abc.new(f"sqlite:///{Path(tmp) / 'abc.db'}", observed)
        history = abc.run(max_nr_populations=settings.generations,
                          max_total_nr_simulations=settings.max_simulations)
        frame, weights = history.get_distribution(m=0, t=history.max_t)
        populations = history.get_all_populations()
        epsilons = populations["epsilon"].tolist()
        last = populations[populations["t"] == history.max_t].iloc[0]
        acceptance = float(last["particles"]) / max(float(last["samples"]), 1.0)
        generations = history.max_t + 1
    draws = pd.DataFrame({p.name: [p.from_logit(z) for z in frame[p.name]] for p in priors})
    draws["weight"] = weights / weights.sum()
    return Posterior(draws, priors, dict(observed), sampler.total_evaluations + pilot,
                     generations,
                     [float(e) for e in epsilons if np.isfinite(e)], acceptance,
                     dict(sampler.reach))


CHECK_RUNS = 40
NOISE_RUNS = 16


def firm_fit(profile: FirmProfile, settings: FitSettings = DEFAULT_FIT,
             priors: tuple[Prior, ...] | None = None, backend: Backend | None = None,
             pool=None, progress: Callable[[int], None] | None = None
             ) -> tuple[Params, Posterior]:
    """Fit a firm: its market (full size) and the posterior of the unobserved behaviour
    (by default of the parameters its figures speak to, `priors_for`)."""
    observed = observed_figures(profile)
    if not observed:
        raise ScenarioError(f"{profile.source}: [observed] holds no figure to fit "
                            "(give at least churn_per_year, complaints_per_month or "
                            "cohort_retention)")
    market = firm_params(profile)
    return market, fit(search_market(market, settings), observed,
                       priors or priors_for(observed), settings, backend, pool,
                       progress=progress)


def fitted_params(market: Params, posterior: Posterior) -> Params:
    """The firm's market with every fitted parameter at its posterior median."""
    return market.replace(**posterior.median())


def predictive_check(market: Params, posterior: Posterior, settings: FitSettings,
                     backend: Backend | None = None, pool=None,
                     runs: int = CHECK_RUNS) -> pd.DataFrame:
    """Figures of `runs` fresh simulations from posterior draws: one row per run."""
    small = fit_market(market, settings)
    draws = posterior.sample(runs, settings.seed)
    seeds = replication_seeds(settings.seed + 1, runs)
    years = cohort_years(posterior.observed)
    specs = [FigureRun(f"check-{i}", small.replace(**row), seed, settings.months, years)
             for i, (row, seed) in enumerate(zip(draws.to_dict("records"), seeds))]
    results = execute(specs, measure_run, backend=backend or Backend(progress=False),
                      pool=pool, desc="posterior check")
    return pd.DataFrame([r.figures for r in results])


def noise_check(market: Params, posterior: Posterior, settings: FitSettings,
                backend: Backend | None = None, pool=None,
                runs: int = NOISE_RUNS) -> pd.DataFrame:
    """Figures of `runs` runs of the fitted market (posterior median) on fresh seeds: the
    run-to-run noise a figure is graded against."""
    fitted = fitted_params(fit_market(market, settings), posterior)
    seeds = replication_seeds(settings.seed + 2, runs)
    years = cohort_years(posterior.observed)
    specs = [FigureRun(f"noise-{i}", fitted, seed, settings.months, years)
             for i, seed in enumerate(seeds)]
    results = execute(specs, measure_run, backend=backend or Backend(progress=False),
                      pool=pool, desc="run-to-run noise")
    return pd.DataFrame([r.figures for r in results])


def grade(posterior: Posterior, check: pd.DataFrame, noise: pd.DataFrame) -> FitGrade:
    """The fit's grade: each observed figure against its noise, and the sample checks."""
    return grade_fit(figure_grades(posterior.observed, check, noise), posterior.draws,
                     posterior.priors, posterior.acceptance, posterior.reach,
                     posterior.simulations)


def save_fit(out: Path, market: Params, posterior: Posterior,
             identity: dict[str, str] | None = None,
             fit_grade: FitGrade | None = None) -> dict[str, Path]:
    """fitted.toml (the market at the posterior median) and posterior.parquet (with the
    identity of the firm profile fitted and the fit's grade), replaced together: a save
    that fails leaves an earlier fit as it was."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"fitted": out / "fitted.toml", "posterior": out / "posterior.parquet"}
    fitted = fitted_params(market, posterior)
    write_together({paths["fitted"]: fitted.to_toml,
                    paths["posterior"]: partial(write_posterior, posterior.draws, identity,
                                                         fit_grade=fit_grade)})
    return paths


def load_posterior(path: Path, size: int, seed: int) -> pd.DataFrame:
    """`size` equally weighted draws from a stored posterior sample (checked first)."""
    return resample(read_posterior(path)[0], size, seed)
