"""What bad news and the acquisition channel are worth, measured the way a new user would.

Evidence preset, 20,000 people, about 2% of customers ever unhappy, 40 paired seeds (each
seed gives the variants the same network and random streams):

    python -m experiments.validation.bad_news_costs [--seeds 40] [--people 20000]

prints the NPV change from switching negative word of mouth off (negative reach 0) and
from folklore reach (10-20), the same switch in the default evidence market, the
referral vs paid customer value and 12-month retention ratios, and the default presets'
net promoter scores, each with its standard error and a sentence saying whether it is
within noise.
"""

from __future__ import annotations

import argparse

import numpy as np
from tqdm.auto import tqdm

from experiments.analysis.stats import two_se_verdict
from experiments.validation.effects import NO_BAD_NEWS, RARE_FAILURES, channel_ratios
from experiments.validation.measures import mean_se
from simulation import CustomerModel, Params

MONTHS = 60.0
VARIANTS = {"as set": {}, "negative reach 0": NO_BAD_NEWS,
            "folklore reach 10-20": {"negative_reach_min": 10, "negative_reach_max": 20}}


def seeds(count: int, root: int = 20261201) -> list[int]:
    return [int(s.generate_state(1)[0]) for s in np.random.SeedSequence(root).spawn(count)]


def measure(people: int, count: int, progress: bool = True) -> dict[str, list[float]]:
    """Per seed: NPV changes against 'as set', channel ratios, unhappy share, rejecters."""
    base = Params.preset("evidence").replace(population=people, **RARE_FAILURES)
    out: dict[str, list[float]] = {k: [] for k in ("off", "folklore", "value", "retention",
                                                    "unhappy", "rejecters")}
    for seed in tqdm(seeds(count), desc="paired seeds", disable=not progress):
        s = {name: CustomerModel(base.replace(**o), rng=seed).run(MONTHS).summary()
             for name, o in VARIANTS.items()}
        npv = s["as set"]["profit_npv"]
        out["off"].append(100 * (s["negative reach 0"]["profit_npv"] / npv - 1))
        out["folklore"].append(100 * (s["folklore reach 10-20"]["profit_npv"] / npv - 1))
        ratios = channel_ratios(s["as set"])
        out["value"].append(ratios["value"])
        out["retention"].append(ratios["retention_12m"])
        out["unhappy"].append(100 * s["as set"]["ever_unhappy_share"])
        out["rejecters"].append(s["as set"]["rejecters"])
    return out


def net_promoters(count: int = 4) -> dict[str, tuple[float, float]]:
    """Default markets' net promoter score, mean and SE over `count` seeds."""
    return {name: mean_se([CustomerModel(Params.preset(name), rng=s).run(MONTHS)
                           .summary()["net_promoter"] for s in seeds(count, 7)])
            for name in ("folklore", "evidence")}


def default_market_cost(count: int = 8) -> tuple[float, float]:
    """NPV change (%) from switching bad news off in the default evidence market (10,000
    people, most customers unhappy at some point over five years), mean and SE."""
    base = Params.preset("evidence")
    changes = []
    for seed in seeds(count, 11):
        npv = [CustomerModel(p, rng=seed).run(MONTHS).summary()["profit_npv"]
               for p in (base, base.replace(**NO_BAD_NEWS))]
        changes.append(100 * (npv[1] / npv[0] - 1))
    return mean_se(changes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--people", type=int, default=20_000)
    args = parser.parse_args(argv)
    got = measure(args.people, args.seeds)
    rows = [("customers ever unhappy (%)", "unhappy", None),
             ("prospects turned rejecters per run", "rejecters", None),
             ("NPV change, negative reach 0 (%)", "off", 0.0),
             ("NPV change, folklore reach 10-20 (%)", "folklore", 0.0),
             ("customer value, referral / paid", "value", 1.0),
             ("12-month retention, referral / paid", "retention", 1.0)]
    print(f"evidence preset, {args.people:,} people, {MONTHS:g} months, {args.seeds} paired "
          "seeds (mean ± SE)")
    for label, key, null in rows:
        mean, se = mean_se(got[key])
        words = "" if null is None else f"  [{two_se_verdict(mean, se, null)} of {null:g}]"
        print(f"  {label:40s} {mean:+9.3f} ± {se:.3f}{words}")
    mean, se = default_market_cost()
    print(f"  NPV change, negative reach 0, default evidence market (%) {mean:+9.3f} ± {se:.3f}"
          f"  [{two_se_verdict(mean, se, 0.0)} of 0]")
    for name, (mean, se) in net_promoters().items():
        print(f"  net promoter score, {name} default market   {mean:+.1f} ± {se:.1f}")


if __name__ == "__main__":
    main()
