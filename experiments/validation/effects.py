"""Effect-size measurements shared by the validation targets and the issue script:
the NPV of bad news, value by acquisition channel. Each compares paired runs (same seed:
the same network and the same random streams until the runs' choices differ)."""

from __future__ import annotations

from dataclasses import dataclass

from simulation import CustomerModel, Params

# About 2% of customers ever unhappy (Goldenberg et al. 2007's motivating case): the
# evidence preset's failure chance scaled down (measured 2.7-2.9% over 60 months).
RARE_FAILURES = {"max_failure_prob": 0.004}
NO_BAD_NEWS = {"negative_reach_min": 0, "negative_reach_max": 0}


@dataclass(frozen=True)
class BadNews:
    """One seed's NPVs: without failures, with failures but no bad news, with both."""

    npv_flawless: float
    npv_silent: float
    npv_full: float
    unhappy_share: float
    rejecters: int

    @property
    def direct_loss(self) -> float:
        """Share of NPV lost to failures when nobody hears of them."""
        return 1.0 - self.npv_silent / self.npv_flawless

    @property
    def total_loss(self) -> float:
        """Share of NPV lost to failures when bad news travels."""
        return 1.0 - self.npv_full / self.npv_flawless

    @property
    def news_loss(self) -> float:
        """Share of NPV the bad news itself costs (negative reach 0 vs as set)."""
        return 1.0 - self.npv_full / self.npv_silent


def bad_news(params: Params, seed: int, months: float, runs=None,
             flawless: bool = True) -> BadNews:
    """Paired runs of `params`: failures that are talked about, silent failures and (when
    `flawless`) flawless service. `runs(params, seed, months)` may share runs."""
    runs = runs or (lambda p, s, m: CustomerModel(p, rng=s).run(m))
    full = runs(params, seed, months).summary()
    silent = runs(params.replace(**NO_BAD_NEWS), seed, months).summary()
    best = (runs(params.replace(max_failure_prob=0.0), seed, months).summary()["profit_npv"]
            if flawless else float("nan"))
    return BadNews(best, silent["profit_npv"], full["profit_npv"],
                   full["ever_unhappy_share"], full["rejecters"])


def channel_ratios(summary: dict) -> dict[str, float]:
    """Referral over paid: mean value so far, 12-month retention, referrals brought."""
    ref, paid = summary["channels"]["referral"], summary["channels"]["paid"]
    return {"value": ref["mean_value"] / paid["mean_value"],
            "retention_12m": ref["retention_12m"] / paid["retention_12m"],
            "referrals": ref["referrals_per_customer"] / paid["referrals_per_customer"]}
