"""How hard `calibrate` and `allocate` work, and what a fit varies: the settings of a fit
and of a plan, and the fitted parameters' priors. Light to import (no pyabc, optuna or
model), so the command line checks its options before loading the libraries that work.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from experiments.analysis.firm_figures import OBSERVATION_MONTHS
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

    def from_logit(self, z: float) -> float:
        """The model value at `z` on the unbounded scale the fit moves particles on:
        the logit of the position in the range, so a flat prior there is logistic."""
        lo, hi = self.bounds()
        return self.to_model(lo + (hi - lo) / (1.0 + math.exp(-min(max(z, -700.0), 700.0))))


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
# Fitted only when the firm gives a cohort curve (the spread it shows; with the
# better-deal hazard it sets the Beta of each customer's yearly chance of leaving).
COHORT_PRIORS = (
    Prior("churn_polarization", 0.0, 0.9, "spread of customers' churn propensity "
          "(polarization)", log=False),
)


def declared_prior(name: str, words: str) -> Prior:
    """A flat prior over the range a parameter's declaration gives as plausible (its
    source and range live there, once)."""
    from simulation.parameters.params import FIELD_GROUP, GROUPS
    field = GROUPS[FIELD_GROUP[name]].__dataclass_fields__[name]
    low, high = field.metadata["plausible"]
    return Prior(name, low, high, words, log=False)


# Fitted only when the firm gives a survey or a net promoter score. How satisfied
# customers are rests on how the firm's service compares with what customers expect,
# and expectations drift towards the category's quality: with the firm's own quality
# fixed (its RATER profile), no other fitted parameter raises the share of promoters
# but more failures (measured on the Fenwick Couriers profile, 4,000 people, one seed:
# the category's quality at 0.6 and 0.9 gave an NPS of +51 and -27; the failure rate
# from 0.03 to 0.55 gave -5 to +10, and no other fitted parameter at 10%, 50% or 90% of
# its range gave more than +4).
SATISFACTION_PRIORS = (
    declared_prior("market_norm", "category's quality customers compare the firm with"),
)
ALL_PRIORS = DEFAULT_PRIORS + COHORT_PRIORS + SATISFACTION_PRIORS
SATISFACTION_FIGURES = ("nps", "survey_")


def priors_for(observed) -> tuple[Prior, ...]:
    """The parameters a fit to these observed figures varies."""
    cohort = any(name.startswith("cohort_year_") for name in observed)
    satisfaction = any(name.startswith(SATISFACTION_FIGURES) for name in observed)
    return (DEFAULT_PRIORS + (COHORT_PRIORS if cohort else ())
            + (SATISFACTION_PRIORS if satisfaction else ()))


@dataclass(frozen=True)
class FitSettings:
    """How hard to fit: particles, generations and a cap on simulations."""

    particles: int = 100
    generations: int = 8
    max_simulations: int = 3000
    population: int | None = None     # simulate a copy of this size (None: the firm's)
    search_population: int = 5000     # the proposals' markets: at most this many people
    months: float = OBSERVATION_MONTHS   # the observed window the figures describe
    seed: int = 0
    kernel_scaling: float = 2.0       # kernel covariance over Silverman's rule (see fit)
    quantile: float = 0.5             # share of a generation under the next threshold


FIT_POPULATION = 20_000   # fits simulate at most this many people (figures are per customer)


def fit_market(market: Params, settings: FitSettings) -> Params:
    """The market the fit is checked on: the firm's, shrunk to the fit population."""
    size = settings.population or min(market.market.population, FIT_POPULATION)
    return scale_market(market, size) if size != market.market.population else market


def search_market(market: Params, settings: FitSettings) -> Params:
    """The market the fit's proposals simulate: the checked market, shrunk to at most
    `search_population` people. Every figure is per customer, so a smaller market
    measures the same figures with more noise, at a little over half the cost: measured
    on Harbour Broadband, 3,642 simulations with proposals on 5,000 people took 160 CPU
    s where 1,495 on 20,000 took 117, and reached six generations instead of three. The
    fit is still graded on the checked market's runs and noise."""
    checked = fit_market(market, settings)
    size = min(checked.market.population, settings.search_population)
    return scale_market(checked, size) if size != checked.market.population else checked


@dataclass(frozen=True)
class PlanSettings:
    """How hard to look: search trials and replications, checks, the curve."""

    budget: float
    metric: str = "profit_npv"
    trials: int = 24                # after the starting plans and the coarse grid
    replications: int = 12          # (draw, seed) pairs every search candidate meets
    check_replications: int = 24    # fresh pairs for the reported intervals
    step: float = 1000.0            # the "next 1,000" of the marginal returns
    curve: tuple[float, ...] = (0.25, 0.5, 1.0, 1.5, 2.0)
    population: int | None = None
    seed: int = 0
    aims: tuple[str, ...] = ()      # levers aimed at a segment: 'save_desk@business'
