"""Calibration methods on one small problem: pyabc's ABC-SMC against optuna's point fit.

Both fit the same three parameters (failure rate, complaint chance, better-deal hazard)
of a 2,000-person market to the figures of a run with known values, with the same cap
on simulations, on one core each. Printed per method: error of the estimate (posterior
median, or the best trial) in units of the log prior width, whether the 90% interval
holds the truth (ABC only: a point fit has none), simulations and seconds.

    PYTHONPATH=$PWD .venv/bin/python -m benchmarks.calibration_methods
"""

from __future__ import annotations

import logging
import math
import time

import numpy as np
import optuna

from experiments.analysis.calibrate import FitSettings, Prior, fit
from experiments.analysis.firm_figures import market_figures
from simulation import Params

PRIORS = (Prior("max_failure_prob", 0.02, 0.8, "failure rate"),
          Prior("complaint_prob", 0.01, 0.9, "complaint chance"),
          Prior("better_deal_rate", 0.003, 0.5, "better-deal hazard"))
FIGURES = ("churn_per_year", "complaints_per_1000", "resolved_within_week",
           "gained_per_customer")
TRUTHS = ({"max_failure_prob": 0.2, "complaint_prob": 0.1, "better_deal_rate": 0.05},
          {"max_failure_prob": 0.08, "complaint_prob": 0.4, "better_deal_rate": 0.15})
SEEDS = (11, 12)
BUDGET = 600


def base() -> Params:
    return Params.preset("evidence").replace(population=2000, initial_customer_share=0.25)


def error(estimate: dict[str, float], truth: dict[str, float]) -> float:
    """Mean |log10 estimate - log10 truth| over parameters, in log prior widths."""
    return float(np.mean([abs(math.log10(estimate[p.name] / truth[p.name]))
                          / math.log10(p.high / p.low) for p in PRIORS]))


def abc_fit(observed: dict[str, float], seed: int) -> tuple[dict, int, int]:
    post = fit(base(), observed, PRIORS, FitSettings(particles=100, generations=8,
                                                     max_simulations=BUDGET, seed=seed))
    inside = sum(post.interval(p.name)[0] <= truth_of(observed)[p.name]
                 <= post.interval(p.name)[1] for p in PRIORS)
    return post.median(), inside, post.simulations


def optuna_fit(observed: dict[str, float], seed: int) -> tuple[dict, int, int]:
    def objective(trial: optuna.Trial) -> float:
        values = {p.name: trial.suggest_float(p.name, p.low, p.high, log=True) for p in PRIORS}
        sim = market_figures(base().replace(**values), trial.number + 1000 * seed)
        return sum(((sim[k] - v) / max(abs(v), 0.01)) ** 2 for k, v in observed.items())

    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=BUDGET)
    return study.best_params, 0, BUDGET


_TRUTH: dict[int, dict[str, float]] = {}


def truth_of(observed: dict[str, float]) -> dict[str, float]:
    return _TRUTH[id(observed)]


def main() -> None:
    logging.getLogger("ABC").setLevel(logging.WARNING)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    rows = {"abc-smc (pyabc)": [], "point fit (optuna TPE)": []}
    for truth in TRUTHS:
        for seed in SEEDS:
            figures = market_figures(base().replace(**truth), seed)
            observed = {k: figures[k] for k in FIGURES}
            _TRUTH[id(observed)] = truth
            for method, func in (("abc-smc (pyabc)", abc_fit),
                                 ("point fit (optuna TPE)", optuna_fit)):
                began = time.process_time()
                estimate, inside, sims = func(observed, seed)
                rows[method].append((error(estimate, truth), inside, sims,
                                     time.process_time() - began))
    print(f"{'method':<26}{'error (log widths)':>20}{'truth in 90% int.':>20}"
          f"{'simulations':>13}{'CPU s':>8}")
    for method, results in rows.items():
        err, inside, sims, cpu = (np.array(c, float) for c in zip(*results))
        held = f"{int(inside.sum())} of {3 * len(results)}" if inside.sum() else "no interval"
        print(f"{method:<26}{err.mean():>20.3f}{held:>20}{sims.mean():>13.0f}{cpu.mean():>8.1f}")


if __name__ == "__main__":
    main()
