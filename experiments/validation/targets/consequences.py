"""What word of mouth does: the NPV of bad news, the latitude of a message's impact, and
the value of customers by acquisition channel."""

from __future__ import annotations

import numpy as np

from experiments.analysis.stats import beyond_two_se
from experiments.validation.effects import RARE_FAILURES, bad_news, channel_ratios
from experiments.validation.measures import mean_se
from experiments.validation.registry import Check, Outcome, target
from simulation import Params, attitude

GOLDENBERG_2007 = ("Goldenberg, J., Libai, B., Moldovan, S. & Muller, E. (2007). The NPV of "
                   "bad news. International Journal of Research in Marketing 24(3), 186-200.")
EAST_2008 = ("East, R., Hammond, K. & Lomax, W. (2008). Measuring the impact of positive and "
             "negative word of mouth on brand purchase probability. International Journal of "
             "Research in Marketing 25(3), 215-224.")
VILLANUEVA = ("Villanueva, J., Yoo, S. & Hanssens, D. M. (2008). The impact of marketing-"
              "induced versus word-of-mouth customer acquisition on customer equity growth. "
              "Journal of Marketing Research 45(1), 48-59.")
MONTHS = 60.0
WEAK = {"kind": "communities", "community_size": 50, "mean_degree": 10}


def rare_failure_market(ctx, **overrides) -> Params:
    return Params.preset("evidence").replace(population=ctx.size.news_population,
                                             **RARE_FAILURES, **overrides)


@target("npv_bad_news", "The NPV of bad news", GOLDENBERG_2007, kind="emergent")
def npv_bad_news(ctx) -> Outcome:
    """When a product fails for a small share of its customers (about 2%), the NPV lost
    once the bad news travels is larger than the loss if nobody heard of the failures;
    the effect of the share of weak ties on that loss is measured and reported."""
    seeds = ctx.seeds("npv_bad_news", ctx.size.news_seeds)
    found = [bad_news(rare_failure_market(ctx), s, MONTHS, ctx.model)
             for s in ctx.each(seeds, "bad news")]
    extra = mean_se([f.total_loss - f.direct_loss for f in found])
    direct, total = (mean_se([getattr(f, k) for f in found])
                     for k in ("direct_loss", "total_loss"))
    weak = {share: [bad_news(rare_failure_market(ctx, weak_tie_share=share, **WEAK), s,
                             MONTHS, ctx.model, flawless=False).news_loss
                     for s in seeds[:max(3, len(seeds) // 2)]]
            for share in ctx.each((0.1, 0.5), "weak-tie shares")}
    more_weak = mean_se(np.subtract(weak[0.5], weak[0.1]))
    checks = [
        Check.reported("customers ever unhappy (share)", *mean_se([f.unhappy_share
                                                                 for f in found])),
        Check.reported("NPV lost if nobody hears of the failures (share)", *direct),
        Check.reported("NPV lost when bad news travels (share)", *total),
        Check.above_noise("extra NPV share lost to the bad news itself", *extra,
                          why="more than 2 SE above zero: paired by seed"),
        Check.reported("NPV lost when bad news travels / if nobody hears",
                       total[0] / direct[0], float("nan")),
        Check.reported("prospects turned rejecters per run",
                       *mean_se([f.rejecters for f in found])),
        Check.reported("bad news NPV loss: 50% minus 10% weak ties", *more_weak,
                       "'weak ties raise the loss'"),
    ]
    config = {"preset": "evidence", "people": ctx.size.news_population, "months": MONTHS,
              "failures": f"max_failure_prob {RARE_FAILURES['max_failure_prob']}",
              "paired runs": "flawless service / failures, negative reach 0 / failures "
                             "talked about", "seeds": len(seeds),
              "weak-tie runs": "communities of 50, mean degree 10, weak share 0.1 vs 0.5, "
                               "half the seeds (at least 3)"}
    return Outcome(checks, config, notes=_bad_news_notes(total[0] / direct[0], more_weak))


def _bad_news_notes(ratio: float, more_weak: tuple[float, float]) -> list[str]:
    """What the graded sign leaves open: the size against Goldenberg et al., weak ties."""
    size = (f"Here the loss when bad news travels is {ratio:.2g} times the loss if nobody "
            "heard of the failures. Goldenberg et al. call the loss 'substantial' and far "
            "larger than the direct loss of the dissatisfied, for a product at launch; this "
            "market has a fifth of people as customers from the start, whose praise still "
            "reaches most prospects (a likely reason the multiple is smaller). The check "
            "grades the sign; the ratio is the figure to compare.")
    mean, se = more_weak
    if not beyond_two_se(mean, se):
        weak = ("Weak ties: the difference is within noise (|mean| <= 2 SE): the model does "
                "not show Goldenberg et al.'s weak-tie effect on the loss at this size.")
    else:
        weak = ("Weak ties: more weak ties " + ("raise" if mean > 0 else "lower") + " the "
                "loss, outside noise (> 2 SE)" + (", as Goldenberg et al. find." if mean > 0
                                                  else ", unlike Goldenberg et al."))
    return [size, weak]


@target("east_latitude", "Impact of a message depends on the listener", EAST_2008,
        kind="encoded")
def east_latitude(ctx) -> Outcome:
    """Praise moves those unlikely to buy most and bad news those likely to buy; own
    customers resist bad news four times and praise twice as much as prospects; an
    enemy's message moves attitude more than a mild complaint."""
    params = Params.preset("evidence")
    pre = np.linspace(0.05, 0.95, 10)
    prospect = np.zeros(pre.size, bool)
    ones, zeros = np.ones(pre.size), np.zeros(pre.size)
    k_pos, k_neg = attitude.impacts(params, prospect)
    up = attitude.shifted(pre, ones, zeros, k_pos, k_neg) - pre
    down = pre - attitude.shifted(pre, zeros, ones, k_pos, k_neg)
    own_pos, own_neg = attitude.impacts(params, ~prospect)
    enemy = pre - attitude.shifted(pre, zeros, ones * params.attitude.enemy_strength,
                                   k_pos, k_neg)
    checks = [
        Check.below("correlation of praise impact with pre-message propensity",
                    float(np.corrcoef(pre, up)[0, 1]), float("nan"), 0.0, "latitude"),
        Check.at_least("correlation of bad-news impact with pre-message propensity",
                       float(np.corrcoef(pre, down)[0, 1]), float("nan"), 0.5, "latitude"),
        Check.absolute("bad news: impact on prospects / on own customers",
                       float(k_neg[0] / own_neg[0]), float("nan"), 4.0, 0.01, "East et al."),
        Check.absolute("praise: impact on prospects / on own customers",
                       float(k_pos[0] / own_pos[0]), float("nan"), 2.0, 0.01, "East et al."),
        Check.at_least("enemy minus mild complaint impact (mean over propensities)",
                       float((enemy - down).mean()), float("nan"), 1e-6, "strength"),
    ]
    return Outcome(checks, {"preset": "evidence", "pre-message propensities": "0.05-0.95"})


@target("channel_value", "Customers won by word of mouth are worth more", VILLANUEVA,
        kind="emergent")
def channel_value(ctx) -> Outcome:
    """Customers acquired by referral are worth more over their life than customers bought
    by paid acquisition (Villanueva et al.: nearly twice the long-term value); measured as
    mean discounted margin per customer of each channel after five years."""
    params = Params.preset("evidence").replace(population=ctx.size.effect_population)
    seeds = ctx.seeds("channel_value", ctx.size.effect_seeds)
    ratios = [channel_ratios(ctx.model(params, s, MONTHS).summary())
              for s in ctx.each(seeds, "evidence markets")]
    value = mean_se([r["value"] for r in ratios])
    checks = [
        Check.above_noise("value per customer, referral / paid", *value, 1.0,
                          "direction: above 1 by more than 2 SE"),
        Check.reported("12-month retention, referral / paid",
                       *mean_se([r["retention_12m"] for r in ratios])),
        Check.reported("referrals brought per customer, referral / paid",
                       *mean_se([r["referrals"] for r in ratios])),
    ]
    config = {"preset": "evidence", "people": ctx.size.effect_population, "months": MONTHS,
              "seeds": len(seeds)}
    notes = ["The direction follows from two encoded mechanisms (a referred customer takes "
             "the referrer's expectation and is held by the tie; marketing promises raise "
             "expectations); the size is measured, not set."]
    return Outcome(checks, config, notes=notes)
