"""Calibration from a cohort curve: the churn propensity's Beta is recovered from the
share of today's customers still customers year by year, and a profile with only a
cohort curve calibrates.

Markets are small (1,000 people, 700 of them the cohort, followed for 4 years) and fits
small (40 particles, at most 320 simulations), so a fit takes some seconds.
"""

from __future__ import annotations

import logging

import numpy as np
import pytest

from experiments.analysis.calibrate import FitSettings, Prior, firm_fit, fit
from experiments.analysis.firm_figures import market_figures, observed_figures
from experiments.analysis.firm_settings import COHORT_PRIORS, priors_for
from experiments.scenarios.firm import firm_from_dict
from simulation import Params

logging.getLogger("ABC").setLevel(logging.WARNING)

YEARS = 4
# the better-deal hazard sets the Beta's mean, the polarization its spread
PRIORS = (Prior("better_deal_rate", 0.03, 1.0, "yearly hazard of leaving for a better deal"),
          *COHORT_PRIORS)
SMALL = FitSettings(particles=40, generations=8, max_simulations=320)


def market() -> Params:
    return Params.preset("evidence").replace(population=1000, initial_customer_share=0.7)


def cohort(truth: dict[str, float], seed: int) -> dict[str, float]:
    figures = market_figures(market().replace(**truth), seed, years=YEARS)
    return {f"cohort_year_{k}": figures[f"cohort_year_{k}"] for k in range(1, YEARS + 1)}


def test_a_cohort_curve_is_an_observed_figure_and_brings_the_spread_into_the_fit():
    firm = firm_from_dict({"observed": {"cohort_retention": [0.8, 0.69, 0.62]}})
    observed = observed_figures(firm)
    assert observed == {"cohort_year_1": 0.8, "cohort_year_2": 0.69, "cohort_year_3": 0.62}
    assert "churn_polarization" in [p.name for p in priors_for(observed)]
    assert "churn_polarization" not in [p.name for p in priors_for({"nps": 20.0})]


def test_the_simulated_cohort_curve_follows_the_month_0_customers_and_leaves_the_year_alone():
    p = market().replace(churn_polarization=0.5)
    plain, longer = market_figures(p, 3), market_figures(p, 3, years=3)
    assert all(plain[k] == longer[k] for k in plain)      # the observed year unchanged
    curve = [longer[f"cohort_year_{k}"] for k in (1, 2, 3)]
    assert 1.0 > curve[0] > curve[1] > curve[2] > 0.0


def test_a_profile_with_only_a_cohort_curve_calibrates():
    firm = firm_from_dict({"market": {"size": 600, "customers": 400},
                           "observed": {"cohort_retention": [0.8, 0.68]}}, where="c.toml")
    tiny = FitSettings(particles=10, generations=2, max_simulations=40, seed=1)
    _, post = firm_fit(firm, tiny)
    assert set(post.observed) == {"cohort_year_1", "cohort_year_2"}
    assert "churn_polarization" in post.draws


@pytest.mark.slow
def test_the_churn_propensity_is_recovered_from_a_simulated_cohort_curve():
    """Coverage over repeats: four truths drawn from the inner part of the prior, each
    fitted once on its own seed. A calibrated 90% interval holds 7.2 of 8 parameter-fits
    on average; we require 6 (binomial chance of 5 or fewer at 90% coverage: 3.8%). The
    posterior must also learn the better-deal hazard (the curve's level) to at most half
    its prior's log width (measured about 0.20-0.26). The polarization (the curve's bend) is
    learnt less from 700 customers over four years: its interval was 0.66-0.88 of its
    range in these fits, so no width is asserted for it."""
    rng = np.random.default_rng(7)
    inside, widths = 0, []
    for repeat in range(4):
        truth = {"better_deal_rate": float(10 ** rng.uniform(-1.0, -0.3)),
                 "churn_polarization": float(rng.uniform(0.15, 0.6))}
        post = fit(market(), cohort(truth, 50 + repeat), PRIORS,
                   FitSettings(**{**SMALL.__dict__, "seed": repeat}))
        for p in PRIORS:
            low, high = post.interval(p.name)
            inside += low <= truth[p.name] <= high
        low, high = post.interval("better_deal_rate")
        widths.append(np.log(high / low) / np.log(PRIORS[0].high / PRIORS[0].low))
    assert inside >= 6, inside
    assert max(widths) <= 0.5, widths
