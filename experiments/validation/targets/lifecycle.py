"""The life cycle of a market: when a lost customer costs most, and what word of mouth
is worth (acceleration vs expansion)."""

from __future__ import annotations

import copy

import numpy as np

from experiments.validation.measures import mean_se
from experiments.validation.registry import Check, Outcome, target
from simulation import CustomerModel, Params, bass, churn
from simulation.economics import discount_factor
from simulation.state import CAUSE

HOGAN = ("Hogan, J. E., Lemon, K. N. & Libai, B. (2003). What is the true value of a lost "
         "customer? Journal of Service Research 5(3), 196-208.")
LIBAI = ("Libai, B., Muller, E. & Peres, R. (2013). Decomposing the value of word-of-mouth "
         "seeding programs: acceleration versus expansion. Journal of Marketing Research "
         "50(2), 161-176.")
EARLY, LATE, WINDOW, REMOVED = 3.0, 18.0, 48.0, 100


def growth_market(ctx) -> Params:
    """Hogan et al.'s setting: a Bass diffusion (complete graph, no churn, p = 0.01 and
    q = 0.38 a month), so a lost customer's direct value is the same early and late and
    only its social value differs."""
    return bass.bass_params(0.01, 0.38, population=ctx.size.effect_population)


def window_value(model: CustomerModel, months: float) -> float:
    """Discounted profit of the next `months`, in money at the window's start."""
    start = model.steps
    frame = model.run(months).timeseries
    return float(frame["discounted_profit"].iloc[start + 1:].sum()
                 / discount_factor(model.params, model.month - months))


def loss_per_customer(model: CustomerModel, rng: np.random.Generator) -> float:
    """NPV lost per customer when REMOVED random customers leave the category now."""
    twin = copy.deepcopy(model)
    active = twin.active()
    gone = rng.choice(active, min(REMOVED, active.size), replace=False)
    churn.mark_lost(twin.people, gone, CAUSE["taste_change"], twin.steps)
    return (window_value(model, WINDOW) - window_value(twin, WINDOW)) / gone.size


@target("lost_customer_timing", "A customer lost early costs more than one lost late", HOGAN,
        kind="emergent")
def lost_customer_timing(ctx) -> Outcome:
    """A customer lost (leaving the category) early in the life cycle costs more than one
    lost late, because the early one's future word of mouth and imitation (social value)
    is larger; measured as NPV over the following four years per customer removed."""
    rng = ctx.rng("lost_customer_timing")
    early, late, shares = [], [], []
    for seed in ctx.each(ctx.seeds("lost_customer_timing", ctx.size.effect_seeds), "markets"):
        base = CustomerModel(growth_market(ctx), rng=seed).run(EARLY)
        later = copy.deepcopy(base).run(LATE - EARLY)
        shares.append(later.active().size / later.people.n)
        early.append(loss_per_customer(base, rng))
        late.append(loss_per_customer(later, rng))
    gap = mean_se(np.subtract(early, late))
    checks = [Check.reported(f"NPV lost per customer lost at month {EARLY:g}", *mean_se(early)),
              Check.reported(f"NPV lost per customer lost at month {LATE:g}", *mean_se(late)),
              Check.reported(f"customer share of the market at month {LATE:g}",
                             *mean_se(shares)),
              Check.above_noise("early minus late loss per customer", gap[0], gap[1],
                                why="more than 2 SE above zero: paired by seed")]
    config = {"market": "Bass p 0.01, q 0.38 per month, complete graph, no churn",
              "people": ctx.size.effect_population, "customers removed": REMOVED,
              "window": f"{WINDOW:g} months after the loss, valued at the loss",
              "seeds": ctx.size.effect_seeds}
    return Outcome(checks, config)


def diffusion_value(params: Params, seed: int, months: float) -> tuple[float, int]:
    model = CustomerModel(params, rng=seed).run(months)
    return model.summary()["profit_npv"], int((model.people.channel >= 0).sum())


@target("acceleration_vs_expansion", "Word of mouth's value: acceleration over expansion",
        LIBAI, kind="emergent")
def acceleration_vs_expansion(ctx) -> Outcome:
    """In a monopoly, most of the value of word of mouth is acceleration (customers who
    would have bought anyway buy earlier) rather than expansion (customers who would
    never have bought); measured over ten years of a Bass market with and without WOM."""
    months, p, q = 120.0, 0.03, 0.38
    params = bass.bass_params(p, q, population=ctx.size.effect_population // 2)
    shares = []
    for seed in ctx.each(ctx.seeds("acceleration", ctx.size.effect_seeds), "markets"):
        with_wom, adopters = diffusion_value(params, seed, months)
        alone, adopters_alone = diffusion_value(params.replace(referral_conversion=0.0),
                                                seed, months)
        expansion = (adopters - adopters_alone) * with_wom / adopters
        shares.append(1.0 - expansion / (with_wom - alone))
    share = mean_se(shares)
    checks = [Check.at_least("acceleration share of word of mouth's value", *share, 0.5,
                             "'acceleration dominates' in a monopoly")]
    config = {"market": f"Bass p {p}, q {q} per month, complete graph, no churn (monopoly)",
              "people": ctx.size.effect_population // 2, "months": months,
              "expansion": "extra adopters by the horizon x mean NPV per adopter",
              "seeds": ctx.size.effect_seeds}
    return Outcome(checks, config)
