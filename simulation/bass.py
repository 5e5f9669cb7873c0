"""The Bass diffusion special case: the model's configuration, and the curves it must dock
with (the discrete recursion at the model's step and the continuous closed form)."""

from __future__ import annotations

import numpy as np

from simulation.parameters.params import Params
from simulation.state import per_step


def bass_params(p: float, q: float, population: int = 20_000, step_months: float = 1.0,
                tell_rate: float | None = None, base: Params | None = None) -> Params:
    """Service, complaints, churn and attitude off, complete graph: adoption is pure Bass.

    p is the advertising hazard and q the imitation hazard, both per month; q is split
    as conversion x mean reach x telling rate.
    """
    base = base if base is not None else Params.preset("folklore")
    tell_rate = base.wom.positive_tell_rate if tell_rate is None else tell_rate
    mean_reach = (base.wom.positive_reach_min + base.wom.positive_reach_max) / 2
    return base.replace(
        population=population, step_months=step_months, initial_customer_share=0.0,
        kind="complete", service_enabled=False, complaints_enabled=False,
        churn_enabled=False, attitude_enabled=False, paid_budget=0.0, advertising_rate=p,
        positive_tell_rate=tell_rate,
        referral_conversion=q / (mean_reach * tell_rate), initial_satisfaction=4.0)


def model_bass_rates(params: Params) -> tuple[float, float]:
    """The (p, q) per month that the model's step actually applies (telling is a
    per-step probability, so a coarse step tells a little less than the rate)."""
    w, dt = params.wom, params.market.step_months
    mean_reach = (w.positive_reach_min + w.positive_reach_max) / 2
    n = params.market.population
    q = w.referral_conversion * mean_reach * per_step(w.positive_tell_rate, dt) / dt
    return params.acquisition.advertising_rate, q * n / (n - 1)


def discrete_bass(p: float, q: float, step_months: float, steps: int) -> np.ndarray:
    """Adopter share after each step when hazards p + qF act over each step."""
    share = np.zeros(steps + 1)
    for t in range(steps):
        hazard = (p + q * share[t]) * step_months
        share[t + 1] = share[t] + (1 - share[t]) * -np.expm1(-hazard)
    return share


def closed_form_bass(p: float, q: float, t: np.ndarray) -> np.ndarray:
    """F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})."""
    e = np.exp(-(p + q) * np.asarray(t, float))
    return (1 - e) / (1 + (q / p) * e)


def bass_peak_time(p: float, q: float) -> float:
    """Time of peak adoption rate: ln(q/p) / (p+q)."""
    return float(np.log(q / p) / (p + q))


def time_to_share(times: np.ndarray, share: np.ndarray, level: float) -> float:
    """First time a rising curve reaches `level` (linear interpolation)."""
    i = int(np.argmax(share >= level))
    if share[i] < level:
        return float("nan")
    if i == 0:
        return float(times[0])
    t0, t1, f0, f1 = times[i - 1], times[i], share[i - 1], share[i]
    return float(t0 + (level - f0) * (t1 - t0) / (f1 - f0))
