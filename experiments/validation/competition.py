"""Competition against the literature: two measurements, not (yet) graded targets.

- Hogan, Lemon & Libai (2003): losing a customer from the category (disadoption) costs
  the firm more than losing one to a rival (defection).
- Libai, Muller & Peres (2013): the expansion share of word of mouth's value is larger
  with a competitor than in a monopoly.

Both run on the Bass market of the life-cycle targets (complete graph, no churn, p 0.01
or 0.03 and q 0.38 a month) split between two identical firms. Each prints the measured
difference with its 95% interval and says whether it is within noise; neither is
registered with the validation suite while the model does not reproduce it.

    python -m experiments.validation.competition [PEOPLE] [SEEDS]
"""

from __future__ import annotations

import copy
import sys

import numpy as np

from experiments.analysis.stats import t_interval, verdict
from simulation import CustomerModel, FirmSetting, Params, bass, churn
from simulation.economics import discount_factor
from simulation.firms import switching
from simulation.state import CAUSE

EARLY, WINDOW, REMOVED, HORIZON = 3.0, 48.0, 100, 120.0


def duopoly(params: Params) -> Params:
    return params.with_firms((FirmSetting("A"), FirmSetting("B")))


def firm_value(model: CustomerModel, months: float) -> float:
    """Firm A's discounted profit over the next `months`, in money at the window's start."""
    start = model.steps
    rows = model.run(months).firm_timeseries
    own = rows[(rows["firm"] == "A") & (rows["step"] > start)]
    return float(own["discounted_profit"].sum() / discount_factor(model.params,
                                                                  model.month - months))


def loss_gap(people: int, seed: int, rng: np.random.Generator) -> tuple[float, float]:
    """Firm A's NPV lost per customer when REMOVED of its customers leave the category,
    and when they defect to firm B, at month EARLY (the same market copied three times;
    fewer if A has fewer customers)."""
    base = CustomerModel(duopoly(bass.bass_params(0.01, 0.38, population=people)),
                         rng=seed).run(EARLY)
    own = base.rivals.customers(base.people, 0)
    who = rng.choice(own, min(REMOVED, own.size), replace=False)
    control = firm_value(copy.deepcopy(base), WINDOW)
    left = copy.deepcopy(base)
    churn.mark_lost(left.people, who, CAUSE["taste_change"], left.steps)
    moved = copy.deepcopy(base)
    switching.join(moved.people, who, np.ones(who.size, np.int64), moved.rivals.views[0],
                   moved.steps)
    return ((control - firm_value(left, WINDOW)) / who.size,
            (control - firm_value(moved, WINDOW)) / who.size)


def expansion_share(params: Params, seed: int) -> float:
    """Expansion's share of word of mouth's value to firm A (the first firm, or the only
    one): extra customers by the horizon x mean NPV per customer, over the NPV WOM adds."""
    def value(p: Params) -> tuple[float, int]:
        model = CustomerModel(p, rng=seed).run(HORIZON)
        ever = model.people.channel >= 0
        if model.rivals is None:
            return model.summary()["profit_npv"], int(ever.sum())
        return model.summary()["firms"][0]["profit_npv"], int((ever & (model.people.firm == 0)).sum())
    with_wom, won = value(params)
    alone, won_alone = value(params.replace(referral_conversion=0.0))
    return (won - won_alone) * with_wom / won / (with_wom - alone)


def main(people: int = 5000, seeds: int = 12) -> None:
    rng = np.random.default_rng(2003)
    gaps = np.array([loss_gap(people, seed, rng) for seed in range(seeds)])
    mean, low, high = t_interval(gaps[:, 0] - gaps[:, 1])
    print(f"Hogan et al. 2003 (disadoption costs more than defection), {people:,} people, "
          f"{seeds} seeds: per customer lost at month {EARLY:g}, disadoption "
          f"{gaps[:, 0].mean():,.0f} and defection {gaps[:, 1].mean():,.0f}; disadoption "
          f"minus defection {mean:+,.0f} [{low:+,.0f}; {high:+,.0f}]: "
          f"{verdict(low, high)}")
    market = bass.bass_params(0.03, 0.38, population=people)
    mono = [expansion_share(market, seed) for seed in range(seeds)]
    duo = [expansion_share(duopoly(market), seed) for seed in range(seeds)]
    mean, low, high = t_interval(np.subtract(duo, mono))
    print(f"Libai et al. 2013 (competition raises the expansion share of WOM's value): "
          f"monopoly {np.mean(mono):.3f}, duopoly {np.mean(duo):.3f}; duopoly minus "
          f"monopoly {mean:+.3f} [{low:+.3f}; {high:+.3f}]: {verdict(low, high)}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
