"""How far apart luck alone puts firms: the leaderboard's noise verdict.

Before the game, the same market (same size, firms and settings, other seeds) is played
with every firm on the same plan; the gap in profit so far between two such firms after
each round, over `MARKETS` markets and every pair of firms, gives the gap luck alone
reaches in 95 markets out of 100. A lead on the leaderboard smaller than that is within
noise: one market cannot tell it from luck.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import numpy as np

from experiments.analysis.stats import CONFIDENCE, WITHIN_NOISE
from experiments.reporting.words import money

MARKETS = 8             # luck markets; each firm pair adds a gap, so 2 teams get 8 gaps


def same_plan_gaps(market: Callable, rounds: int, round_months: int, seed: int) -> list[float]:
    """For 1..`rounds` rounds played, the gap in profit so far that firms on the same plan
    stay within in `CONFIDENCE` of markets. `market(seed)` builds one luck market; their
    seeds are children of `seed` (numpy SeedSequence), never the game's own."""
    gaps: list[list[float]] = [[] for _ in range(rounds)]
    for child in np.random.SeedSequence(seed).spawn(MARKETS):
        luck = market(int(child.generate_state(1)[0]))
        for r in range(rounds):
            for _ in range(round_months):
                luck.play_month()
            gaps[r] += [abs(a - b) for a, b in combinations(luck.profits(), 2)]
    return [float(np.quantile(g, CONFIDENCE)) for g in gaps]


def lead_words(rows: list[dict], gaps: list[float], rounds_played: int, currency: str) -> str:
    """'Harbour leads Tide by $1,356: within noise (firms on the same plan end up to
    $2,100 apart in 95% of markets).' Empty before the first round ends."""
    if rounds_played == 0 or len(rows) < 2:
        return ""
    first, second = rows[0], rows[1]
    lead, luck = first["total"] - second["total"], gaps[rounds_played - 1]
    verdict = WITHIN_NOISE if lead <= luck else "clearly ahead"
    who = (f"{first['name']} and {second['name']} are level" if lead == 0 else
           f"{first['name']} leads {second['name']} by {money(lead, currency=currency)}")
    return (f"{who}: {verdict} (firms on the same plan end up to "
            f"{money(luck, currency=currency)} apart in {CONFIDENCE:.0%} of markets).")
