"""Competition measured with 95% intervals, and the Hogan et al. ordering under each
assumed size of the category effect (`competition.cross_brand_adoption`), to show why
it is not reproduced at the default. The graded targets are in
`experiments.validation.targets.competition` (`ripple validate --only dual_pattern ...`);
this prints the intervals docs/measurements.md quotes.

    python -m experiments.validation.competition [PEOPLE] [SEEDS] [FIRST_SEED]
"""

from __future__ import annotations

import sys

import numpy as np

from experiments.analysis.stats import t_interval, verdict
from experiments.validation.targets.competition import dual_pattern, hogan_costs, hogan_market
from simulation import bass

CROSS_LEVELS = (0.0, 0.3, 0.7, 1.0)   # no category effect, the default, up to within-brand


def interval(values) -> str:
    mean, low, high = t_interval(np.asarray(values, float))
    return f"{mean:+,.4g} [{low:+,.4g}; {high:+,.4g}]: {verdict(low, high)}"


def main(people: int = 5000, seeds: int = 12, first: int = 1000) -> None:
    seeds_used = range(first, first + seeds)
    for cross in CROSS_LEVELS:
        rng = np.random.default_rng(2003)
        market = hogan_market(people).replace(cross_brand_adoption=cross)
        costs = np.array([hogan_costs(market, s, rng) for s in seeds_used])
        print(f"Hogan et al. 2003, {people:,} people, {seeds} seeds, cross-brand pull "
              f"{cross:g}: disadoption minus defection at month 3 "
              f"{interval(costs[:, 0] - costs[:, 1])}; early minus late disadoption "
              f"{interval(costs[:, 0] - costs[:, 2])}", flush=True)
    runs = np.array([dual_pattern(bass.bass_params(0.01, 0.38, population=people), s)
                     for s in seeds_used])
    print(f"Libai et al. 2009, {people:,} people, {seeds} seeds: months to take-off, pioneer "
          f"minus follower {interval(-runs[:, 0])}; the pioneer's lead widens by "
          f"{interval(runs[:, 2] - runs[:, 1])} of the market")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
