"""Targets about the network: strong vs weak ties, and Girard's 250 on clustered markets."""

from __future__ import annotations

import numpy as np

from experiments.validation import figures
from experiments.validation.measures import clustering, customer_base, mean_se
from experiments.validation.registry import Check, Outcome, target
from simulation import Params, bass, network
from simulation import word_of_mouth as wom

GOLDENBERG = ("Goldenberg, J., Libai, B. & Muller, E. (2001). Talk of the network: a complex "
              "systems look at the underlying process of word-of-mouth. Marketing Letters "
              "12(3), 211-223.")
GIRARD = ("Girard, J. & Brown, S. H. (1977). How to Sell Anything to Anybody. Simon & "
          "Schuster (the 'law of 250'); docs/figures.md F5.")

# Goldenberg et al.'s cellular automaton: personal (strong-tie) networks of 5-29 people and
# about as many weak ties to other networks. Advertising is small next to word of mouth.
TIES = {"community_size": 20, "mean_degree": 20, "weak_tie_share": 0.5}
TIES_PQ, TIES_STEP, TIES_MONTHS = (0.01, 0.4), 0.25, 30
EARLY_SHARE = 0.16  # Rogers' innovators + early adopters: where advertising's role ends


def ties_params(ctx, strong: float = 1.0, weak: float = 1.0) -> Params:
    p, q = TIES_PQ
    return bass.bass_params(p, q, population=ctx.size.ties_population,
                            step_months=TIES_STEP).replace(
        kind="communities", strong_tie_influence=strong, weak_tie_influence=weak, **TIES)


def t50(ctx, params: Params, seed: int) -> float:
    ts = ctx.model(params, seed, TIES_MONTHS).timeseries
    share = ts["customers"].to_numpy() / params.market.population
    return bass.time_to_share(ts["month"].to_numpy(), share, 0.5)


def elasticities(ctx, seeds: list[int]) -> tuple[dict, dict]:
    """Per seed, the slope of ln t50 on ln(influence multiplier) for each tie kind (the other
    kind held at 1); and the mean t50 per multiplier, for the figure."""
    levels = np.array(ctx.size.ties_levels)
    slopes, table = {}, {}
    for kind in ("strong", "weak"):
        runs = [[t50(ctx, ties_params(ctx, **{kind: level}), seed) for level in levels]
                for seed in ctx.each(seeds, f"{kind}-tie sweep")]
        slopes[kind] = [np.polyfit(np.log(levels), np.log(r), 1)[0] for r in runs]
        table[kind] = [mean_se(col) for col in np.array(runs).T]
    return slopes, table


def advertising_share(ctx, seeds: list[int]) -> dict[str, tuple[float, float]]:
    """Share of new adopters won by advertising, before and after the market is 16% adopted."""
    params = ties_params(ctx)
    out: dict[str, list[float]] = {"early": [], "late": []}
    curve = []
    for seed in seeds:
        ts = ctx.model(params, seed, TIES_MONTHS).timeseries
        before = ts["customers"].shift(1).to_numpy()[1:] / params.market.population
        ad, ref = ts["new_advertising"].to_numpy()[1:], ts["new_referral"].to_numpy()[1:]
        for phase, mask in (("early", before < EARLY_SHARE), ("late", before >= EARLY_SHARE)):
            out[phase].append(ad[mask].sum() / max(ad[mask].sum() + ref[mask].sum(), 1))
        curve.append((before, ad / np.maximum(ad + ref, 1)))
    return {k: mean_se(v) for k, v in out.items()} | {"curve": curve}


@target("weak_ties", "Strong vs weak ties; advertising matters early", GOLDENBERG,
        plot=figures.weak_ties, kind="emergent")
def weak_ties(ctx) -> Outcome:
    """In strong-tie clusters joined by weak ties, raising weak-tie influence speeds
    adoption (t50) at least as much as raising strong-tie influence; advertising's share of
    new adopters is highest at the start and fades as word of mouth takes over."""
    seeds = ctx.seeds("weak_ties", ctx.size.ties_seeds)
    slopes, table = elasticities(ctx, seeds)
    strong, weak = mean_se(slopes["strong"]), mean_se(slopes["weak"])
    edge = mean_se(np.array(slopes["strong"]) - np.array(slopes["weak"]))
    ads = advertising_share(ctx, seeds)
    checks = [
        Check.reported("elasticity of t50 to strong-tie influence", *strong),
        Check.reported("elasticity of t50 to weak-tie influence", *weak),
        Check.at_least("weak minus strong speed-up (elasticity difference)", *edge, 0.0,
                       "'at least as much': |weak elasticity| >= |strong|; paired by seed"),
        Check.at_least("advertising share of adopters: first 16% minus the rest",
                       ads["early"][0] - ads["late"][0], float(np.hypot(ads["early"][1],
                                                                        ads["late"][1])),
                       0.0, "advertising matters early and fades"),
        Check.below("advertising share of adopters after 16% adopted", *ads["late"], 0.5,
                    "word of mouth is the main driver once 16% have adopted"),
        Check.reported("advertising share of adopters before 16% adopted", *ads["early"]),
    ]
    config = {"network": "communities " + ", ".join(f"{k} {v}" for k, v in TIES.items()),
              "p, q (per month)": TIES_PQ, "step (months)": TIES_STEP,
              "people": ctx.size.ties_population, "seeds": len(seeds),
              "influence multipliers swept": ctx.size.ties_levels,
              "service, complaints, churn": "off (Bass setting)"}
    data = {"levels": ctx.size.ties_levels, "table": table, "curve": ads["curve"]}
    return Outcome(checks, config, data)


GIRARD_TELLERS, GIRARD_REACH, BASE_SIZE = 104, 250, 2000
NETWORKS = {  # name -> (label, builder(n, seed))
    "random": ("random", lambda n, s: network.random_graph(n, 10, seed=s)),
    "small_world_1": ("small-world p=1", lambda n, s: network.small_world(n, 10, 1.0, seed=s)),
    "small_world": ("small-world p=0.1", lambda n, s: network.small_world(n, 10, 0.1, seed=s)),
    "small_world_01": ("small-world p=0.01",
                       lambda n, s: network.small_world(n, 10, 0.01, seed=s)),
    "small_world_0": ("ring lattice", lambda n, s: network.small_world(n, 10, 0.0, seed=s)),
    "scale_free": ("scale-free", lambda n, s: network.scale_free(n, 10, seed=s)),
    "communities": ("communities", lambda n, s: network.communities(n, 50, 10, 0.2, seed=s)),
}
CLUSTERED = ("small_world", "small_world_01", "small_world_0", "communities")


def girard_year(graph, tellers: np.ndarray, random_share: float, rng) -> int:
    """Distinct people reached by a year of amplified unhappy tellers."""
    reach = np.full(tellers.size, GIRARD_REACH)
    _, listeners, _ = wom.pick_listeners(graph, tellers, reach, random_share, rng)
    return int(np.unique(listeners).size)


def girard_network(ctx, name: str, random_share: float) -> dict:
    n, rng = ctx.size.girard_population, ctx.rng(f"girard/{name}")
    graph = NETWORKS[name][1](n, rng)
    out: dict = {"label": NETWORKS[name][0], "clustering": clustering(graph, rng)}
    strangers, customers = [], []
    for _ in range(ctx.size.girard_repeats):
        strangers.append(girard_year(graph, rng.choice(n, GIRARD_TELLERS, replace=False),
                                     random_share, rng))
        base = customer_base(graph, BASE_SIZE, rng)
        customers.append(girard_year(graph, rng.choice(base, GIRARD_TELLERS, replace=False),
                                     random_share, rng))
    out["strangers"], out["customers"] = mean_se(strangers), mean_se(customers)
    return out


@target("girard_250", "Girard's 250: distinct people reached in a year", GIRARD,
        plot=figures.girard, kind="encoded")
def girard_250(ctx) -> Outcome:
    """Two unhappy customers a week, each reaching 250 people (amplified word of mouth),
    reach 2 x 52 x 250 = 26,000 people a year when no one is reached twice (a large random
    market); when the tellers are one firm's customers on a clustered network, their
    audiences overlap and fewer distinct people hear."""
    share = 1.0 - Params.preset("folklore").wom.amplified_tie_share
    names = [n for n in ctx.size.girard_networks if n in NETWORKS]
    found = {name: girard_network(ctx, name, share) for name in ctx.each(names, "networks")}
    n = ctx.size.girard_population
    ideal = GIRARD_TELLERS * GIRARD_REACH
    collisions = n * -np.expm1(-ideal / n)
    checks = [Check.relative("random market, tellers strangers to each other", *found["random"][
        "strangers"], ideal, 0.02, f"a finite market of {n:,} repeats a few listeners by chance: "
        f"uniform draws would reach {collisions:,.0f} ({1 - collisions / ideal:.1%} short)")]
    base = found["random"]["customers"][0]
    for name, got in found.items():
        if name in CLUSTERED:
            checks.append(Check.below(f"{got['label']}: one firm's customers as tellers",
                                      *got["customers"], base, "below the random market with "
                                      "the same kind of tellers"))
        else:
            checks.append(Check.reported(f"{got['label']}: one firm's customers as tellers",
                                         *got["customers"]))
    config = {"tellers a year": f"{GIRARD_TELLERS} (2 a week), reach {GIRARD_REACH} each",
              "market": f"{n:,} people, mean degree 10",
              "amplified mode": f"random_share = 1 - amplified_tie_share = {share:g}",
              "firm's customers": f"{BASE_SIZE:,} people grown along ties from one person",
              "years per network": ctx.size.girard_repeats,
              "networks": ", ".join(NETWORKS[k][0] for k in names)}
    return Outcome(checks, config, {"networks": found, "ideal": ideal})
