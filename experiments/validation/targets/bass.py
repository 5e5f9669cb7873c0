"""Bass diffusion docking: the model against the discrete recursion and the closed form."""

from __future__ import annotations

import numpy as np

from experiments.validation import figures
from experiments.validation.measures import mean_se
from experiments.validation.registry import Check, Outcome, target
from simulation import bass

BASS = ("Bass, F. M. (1969). A new product growth for model consumer durables. "
        "Management Science 15(5), 215-227.")
STEPS = {"month": 1.0, "week": 0.25, "day": 1 / 30}
LEVELS = (0.5, 0.95)
NOISE = ("one seed's t50 scatters ~1.2% (sd) at N = 20,000 (the early, advertising-driven "
         "phase; less at larger N), so the mean of {n} seeds has SE <= {se:.2f}%")


def bass_setup(ctx, step: float, kind: str = "complete"):
    """Bass parameters for the user's p, q at one step length (tell rate kept so the
    per-message conversion stays at most 0.5)."""
    p, q = ctx.bass_pq
    tell_rate = max(0.25, q / (3 * 0.5))
    params = bass.bass_params(p, q, population=ctx.size.bass_population, step_months=step,
                              tell_rate=tell_rate)
    return params if kind == "complete" else params.replace(kind=kind)


def horizon(ctx, step: float, factor: float = 1.2) -> float:
    """Months to simulate: `factor` x the time the discrete recursion at this step takes to
    reach 99%, in whole months (the same for every target, so runs are shared)."""
    p, q = ctx.bass_pq
    steps = int(np.ceil(4 * closed_form_times(p, q)[0.95] / step)) + 10
    share = bass.discrete_bass(p, q, step, steps)
    return float(np.ceil(factor * bass.time_to_share(np.arange(steps + 1) * step, share, 0.99)))


def closed_form_times(p: float, q: float) -> dict:
    """t50, t95 and the peak time of the continuous closed form."""
    t = np.linspace(0, 40 * np.log(q / p + 2) / (p + q), 400_001)
    f = bass.closed_form_bass(p, q, t)
    times = {level: bass.time_to_share(t, f, level) for level in LEVELS}
    times["peak"] = bass.bass_peak_time(p, q)
    return times


def adoption_runs(ctx, step: float, seeds: list[int], months: float, kind="complete"):
    """Per seed: (months, adopter share) of one Bass run."""
    params = bass_setup(ctx, step, kind)
    curves = []
    for seed in ctx.each(seeds, f"{kind}, step {step:.3g} months"):
        ts = ctx.model(params, seed, months).timeseries
        curves.append((ts["month"].to_numpy(),
                       ts["customers"].to_numpy() / params.market.population))
    return params, curves


def landmarks(curves, p: float, q: float) -> dict:
    """Mean and SE over seeds of t50, t95 and the peak time (read where the share reaches
    (q - p) / 2q, the share at which the adoption rate peaks: far less noisy than an argmax)."""
    out = {}
    for key, level in ((0.5, 0.5), (0.95, 0.95), ("peak", (q - p) / (2 * q))):
        out[key] = mean_se([bass.time_to_share(m, f, level) for m, f in curves])
    return out


def mean_curve(curves) -> tuple[np.ndarray, np.ndarray]:
    return curves[0][0], np.mean([f for _, f in curves], axis=0)


@target("bass_discrete", "Bass docking: the discrete recursion at the model's step", BASS,
        plot=figures.bass_discrete, kind="emergent")
def bass_discrete(ctx) -> Outcome:
    """With service, complaints and churn off on a complete graph, cumulative adoption
    follows the discrete-time Bass recursion at the model's step: t50 and t95 within 2%,
    N >= 20,000, for the p and q given (``--bass-p``, ``--bass-q``)."""
    seeds = ctx.seeds("bass", ctx.size.bass_seeds)
    checks, data = [], {"curves": {}}
    for name in ("month", "week"):
        params, curves = adoption_runs(ctx, STEPS[name], seeds, horizon(ctx, STEPS[name]))
        p_model, q_model = bass.model_bass_rates(params)
        months, share = mean_curve(curves)
        expected = bass.discrete_bass(p_model, q_model, STEPS[name], len(share) - 1)
        got = landmarks(curves, *ctx.bass_pq)
        for level in LEVELS:
            checks.append(Check.relative(
                f"t{level * 100:.0f} at a {name} step (months)", *got[level],
                bass.time_to_share(months, expected, level), 0.02,
                NOISE.format(n=len(seeds), se=1.2 / np.sqrt(len(seeds)))))
        data["curves"][name] = (months, share, expected)
    p, q = ctx.bass_pq
    config = {"p (per month)": p, "q (per month)": q, "people": params.market.population,
              "network": "complete", "service, complaints, churn": "off",
              "seeds": len(seeds), "steps": "month (1), week (0.25 month)",
              "expected curve": "discrete_bass at model_bass_rates(params) (telling is a "
                                "per-step probability)"}
    return Outcome(checks, config, data)


@target("bass_closed_form", "Bass docking: convergence to the closed form as the step shrinks",
        BASS, plot=figures.bass_convergence, kind="emergent")
def bass_closed_form(ctx) -> Outcome:
    """As the step shrinks (month, week, day) adoption converges to the continuous closed
    form F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}); at a daily step peak time, t50
    and t95 are within 5% (p = 0.03, q = 0.38: peak 6.19, t50 6.55, t95 13.57 months)."""
    p, q = ctx.bass_pq
    exact = closed_form_times(p, q)
    seeds = ctx.seeds("bass", max(ctx.size.bass_seeds, ctx.size.fine_seeds))
    errors, data = {}, {"curves": {}, "exact": exact, "p": p, "q": q}
    for name, step in STEPS.items():
        count = ctx.size.fine_seeds if name == "day" else ctx.size.bass_seeds
        _, curves = adoption_runs(ctx, step, seeds[:count], horizon(ctx, step))
        got = landmarks(curves, p, q)
        errors[name] = {k: (abs(got[k][0] - exact[k]) / exact[k], got[k][1] / exact[k])
                        for k in got}
        data["curves"][name] = mean_curve(curves)
    data["errors"] = {name: (STEPS[name], e) for name, e in errors.items()}
    why = f"the published landmarks; {ctx.size.fine_seeds} daily-step seeds"
    checks = [Check.relative(f"{label} at a daily step (months)", *got[key], exact[key], 0.05, why)
              for key, label in ((0.5, "t50"), (0.95, "t95"), ("peak", "peak time"))]
    for coarse, fine in (("month", "week"), ("week", "day")):
        drop = errors[coarse][0.5][0] - errors[fine][0.5][0]
        se = float(np.hypot(errors[coarse][0.5][1], errors[fine][0.5][1]))
        checks.append(Check.at_least(f"t50 relative error falls, {coarse} to {fine}", drop, se,
                                     0.0, "convergence: a finer step is closer"))
    config = {"p (per month)": p, "q (per month)": q, "people": ctx.size.bass_population,
              "seeds": f"{ctx.size.bass_seeds} (month, week), {ctx.size.fine_seeds} (day)",
              "peak time": "read where F reaches (q - p) / 2q"}
    return Outcome(checks, config, data)


@target("bass_sparse", "Bass on sparse networks: adoption lags the closed form", BASS,
        plot=figures.bass_sparse, kind="emergent")
def bass_sparse(ctx) -> Outcome:
    """On sparse networks (small-world, scale-free; mean degree 10) word of mouth only
    reaches neighbours, so adoption lags the closed form and the complete graph at the
    same step; the lag is measured in months of t50 and t95."""
    p, q = ctx.bass_pq
    exact = closed_form_times(p, q)
    seeds = ctx.seeds("bass", ctx.size.sparse_seeds)
    months = horizon(ctx, 1.0, factor=2.5)
    _, complete = adoption_runs(ctx, 1.0, seeds, months)
    checks, data = [], {"curves": {"complete": mean_curve(complete)}, "exact": exact, "p": p,
                        "q": q}
    for kind in ("small_world", "scale_free"):
        _, curves = adoption_runs(ctx, 1.0, seeds, months, kind)
        got = landmarks(curves, p, q)
        data["curves"][kind] = mean_curve(curves)
        for level in LEVELS:
            lag = got[level][0] - exact[level]
            checks.append(Check.at_least(f"{kind}: t{level * 100:.0f} lag behind the closed "
                                         "form (months)", lag, got[level][1], 0.0,
                                         "sparse ties slow imitation"))
        network_lag = [bass.time_to_share(m, f, 0.5) - bass.time_to_share(mc, fc, 0.5)
                       for (m, f), (mc, fc) in zip(curves, complete)]
        checks.append(Check.at_least(f"{kind}: t50 lag behind the complete graph, same step "
                                     "(months)", *mean_se(network_lag), 0.0,
                                     "paired by seed; the network's own share of the lag"))
    config = {"p (per month)": p, "q (per month)": q, "people": ctx.size.bass_population,
              "step": "1 month", "networks": "small_world (rewire 0.1), scale_free; "
              "mean degree 10", "seeds": len(seeds), "months": months}
    return Outcome(checks, config, data)
