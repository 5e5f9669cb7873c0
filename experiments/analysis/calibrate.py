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

The simulator call is `simulation.run` (through `firm_figures.market_figures`) and
proposals run on the usual backends via `SeededSampler`, so a fit is the same for a
seed on one core, on local processes or on Dask. Which parameters are fitted is a
named list of `Prior`s (`DEFAULT_PRIORS`): adding a model parameter means adding a line.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyabc

from experiments.analysis.abc_sampler import SeededSampler
from experiments.analysis.firm_figures import (
    OBSERVATION_MONTHS,
    FigureRun,
    market_figures,
    measure_run,
    observed_figures,
)
from experiments.errors import ScenarioError
from experiments.execution.runner import Backend, execute, open_backend
from experiments.execution.runs import replication_seeds
from experiments.scenarios.firm_market import firm_params
from experiments.scenarios.firm_profile import FirmProfile
from experiments.scenarios.market_scale import scale_market
from simulation import Params


@dataclass(frozen=True)
class Prior:
    """A fitted parameter: its range (log-uniform or uniform) and words for readers."""

    name: str
    low: float
    high: float
    words: str
    log: bool = True

    def to_model(self, x: float) -> float:
        return float(10.0 ** x) if self.log else float(x)

    def bounds(self) -> tuple[float, float]:
        """The prior's support on the sampled scale."""
        if self.log:
            return math.log10(self.low), math.log10(self.high)
        return self.low, self.high


DEFAULT_PRIORS = (
    Prior("max_failure_prob", 0.02, 0.8, "service failure rate (per encounter, at zero "
          "reliability)"),
    Prior("perception_noise", 0.01, 0.4, "how much service experience varies"),
    Prior("complaint_prob", 0.01, 0.9, "chance an unhappy customer complains"),
    Prior("frontline_resolution_share", 0.0, 0.95, "share of complaints the front line "
          "settles", log=False),
    Prior("escalation_share", 0.01, 1.0, "share of unsettled complaints that escalate"),
    Prior("better_deal_rate", 0.003, 0.5, "yearly hazard of leaving for a better deal"),
    Prior("positive_tell_rate", 0.02, 1.5, "praise told per satisfied customer a month"),
    Prior("referral_conversion", 0.01, 0.6, "chance one recommendation wins a prospect"),
    Prior("advertising_rate", 1e-4, 0.03, "monthly adoption hazard from advertising"),
)


@dataclass(frozen=True)
class FitSettings:
    """How hard to fit: particles, generations and a cap on simulations."""

    particles: int = 150
    generations: int = 6
    max_simulations: int = 3000
    population: int | None = None     # simulate a copy of this size (None: the firm's)
    months: float = OBSERVATION_MONTHS   # the observed window the figures describe
    seed: int = 0


class FirmSimulator:
    """pyabc's model: sampled parameters -> the figures of one simulated year."""

    def __init__(self, base: Params, priors: tuple[Prior, ...], names: tuple[str, ...],
                 months: float = OBSERVATION_MONTHS) -> None:
        self.base, self.priors, self.names, self.months = base, priors, names, months

    def params(self, sampled: dict[str, float]) -> Params:
        return self.base.replace(**{p.name: p.to_model(sampled[p.name]) for p in self.priors})

    def __call__(self, sampled: dict[str, float]) -> dict[str, float]:
        seed = int(np.random.randint(0, 2**62))   # seeded per proposal by the sampler
        figures = market_figures(self.params(sampled), seed, self.months)
        return {k: figures[k] for k in self.names}


@dataclass
class Posterior:
    """The fit: weighted posterior particles on the model scale, and its bookkeeping."""

    draws: pd.DataFrame        # one column per fitted parameter, plus `weight`
    priors: tuple[Prior, ...]
    observed: dict[str, float]
    simulations: int
    generations: int
    epsilons: list[float]

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


def fit(base: Params, observed: dict[str, float], priors: tuple[Prior, ...] = DEFAULT_PRIORS,
        settings: FitSettings = FitSettings(), backend: Backend | None = None, pool=None,
        workdir: str | Path | None = None,
        progress: Callable[[int], None] | None = None) -> Posterior:
    """ABC-SMC of `priors` so that `base`'s simulated year reproduces `observed`."""
    backend = backend or Backend(progress=False)
    if pool is None:
        with open_backend(backend) as pool:
            return fit(base, observed, priors, settings, backend, pool, workdir, progress)
    names = tuple(observed)
    model = FirmSimulator(base, priors, names, settings.months)
    prior = pyabc.Distribution(**{p.name: pyabc.RV("uniform", p.bounds()[0],
                                                   p.bounds()[1] - p.bounds()[0])
                                  for p in priors})
    sampler = SeededSampler(settings.seed, backend, pool, progress=progress)
    abc = pyabc.ABCSMC(model, prior, pyabc.AdaptivePNormDistance(p=2),
                       population_size=settings.particles, sampler=sampler)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        abc.new(f"sqlite:///{Path(tmp) / 'abc.db'}", observed)
        history = abc.run(max_nr_populations=settings.generations,
                          max_total_nr_simulations=settings.max_simulations)
        frame, weights = history.get_distribution(m=0, t=history.max_t)
        epsilons = history.get_all_populations()["epsilon"].tolist()
        generations = history.max_t + 1
    draws = pd.DataFrame({p.name: [p.to_model(x) for x in frame[p.name]] for p in priors})
    draws["weight"] = weights / weights.sum()
    return Posterior(draws, priors, dict(observed), sampler.total_evaluations, generations,
                     [float(e) for e in epsilons if np.isfinite(e)])


FIT_POPULATION = 20_000   # fits simulate at most this many people (figures are per customer)
CHECK_RUNS = 40


def firm_fit(profile: FirmProfile, settings: FitSettings = FitSettings(),
             priors: tuple[Prior, ...] = DEFAULT_PRIORS, backend: Backend | None = None,
             pool=None, progress: Callable[[int], None] | None = None
             ) -> tuple[Params, Posterior]:
    """Fit a firm: its market (full size) and the posterior of the unobserved behaviour."""
    observed = observed_figures(profile)
    if not observed:
        raise ScenarioError(f"{profile.source}: [observed] holds no figure to fit "
                            "(give at least churn_per_year or complaints_per_month)")
    market = firm_params(profile)
    return market, fit(fit_market(market, settings), observed, priors, settings, backend,
                       pool, progress=progress)


def fit_market(market: Params, settings: FitSettings) -> Params:
    """The market the fit simulates: the firm's, shrunk to the fit population."""
    size = settings.population or min(market.market.population, FIT_POPULATION)
    return scale_market(market, size) if size != market.market.population else market


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
    specs = [FigureRun(f"check-{i}", small.replace(**row), seed, settings.months)
             for i, (row, seed) in enumerate(zip(draws.to_dict("records"), seeds))]
    results = execute(specs, measure_run, backend=backend or Backend(progress=False),
                      pool=pool, desc="posterior check")
    return pd.DataFrame([r.figures for r in results])


def save_fit(out: Path, market: Params, posterior: Posterior) -> dict[str, Path]:
    """fitted.toml (the market at the posterior median) and posterior.parquet."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"fitted": out / "fitted.toml", "posterior": out / "posterior.parquet"}
    fitted_params(market, posterior).to_toml(paths["fitted"])
    posterior.draws.to_parquet(paths["posterior"], index=False)
    return paths


def load_posterior(path: Path, size: int, seed: int) -> pd.DataFrame:
    """`size` equally weighted draws from a stored posterior sample."""
    try:
        draws = pd.read_parquet(path)
    except (OSError, ValueError) as err:
        raise ScenarioError(f"{path}: cannot read the posterior sample ({err})") from None
    return resample(draws, size, seed)
