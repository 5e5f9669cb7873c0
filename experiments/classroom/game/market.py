"""The game's one door to the model: a market shared by several firms, one a team.

Everything the game needs from the multi-firm model goes through `RivalMarket`, so the
game depends on five things only: a market built with named firms (`Params.with_firms`),
`set_firm(k, ...)` between months, a month's step, each person's firm (`people.firm`,
kept for former customers too, so read with their status) and the per-firm summary
(`summary()["firms"]`, for each firm's profit).
"""

from __future__ import annotations

import numpy as np

from experiments.scenarios.market_scale import MARKET_MONEY
from simulation import CustomerModel, Params
from simulation.parameters.firms import FirmSetting
from simulation.parameters.sides import FIRM, SIDE
from simulation.state import ACTIVE


def equal_part(base: Params, firms: int) -> dict:
    """Firm-side settings that give a firm an equal part of `base`'s market: its share of
    today's customers and of the market-wide money (ads, hired handlers, budgets)."""
    flat = base.flat()
    part = {k: max(flat[k] / firms, low) for k, low in MARKET_MONEY.items() if SIDE[k] == FIRM}
    part["initial_customer_share"] = flat["initial_customer_share"] / firms
    return part


def market_with_firms(base: Params, names: list[str], start: dict) -> Params:
    """`base` shared by identical firms, one a name, each starting with `start`."""
    return base.with_firms(tuple(FirmSetting(name, tuple(start.items())) for name in names))


class RivalMarket:
    """A multi-firm market stepped a month at a time."""

    def __init__(self, base: Params, names: list[str], start: dict, seed: int):
        self.model = CustomerModel(market_with_firms(base, names, start), rng=seed)
        self.names = self.model.firm_names

    @property
    def graph(self):
        return self.model.graph

    def set_firm(self, firm: int, settings: dict) -> None:
        """Change one firm's firm-side settings from the next month on."""
        self.model.set_firm(firm, **settings)

    def play_month(self) -> None:
        self.model.run(1.0)

    def brands(self) -> np.ndarray:
        """Each person's firm (-1: nobody's customer now)."""
        people = self.model.people
        return np.where(people.status == ACTIVE, people.firm, -1).astype(np.int8)

    def standing(self) -> list[tuple[int, float]]:
        """Each firm's customers now and its share of all firms' customers (cheap: read
        from the people, every month)."""
        counts = np.bincount(self.brands() + 1, minlength=len(self.names) + 1)[1:]
        total = max(int(counts.sum()), 1)
        return [(int(c), float(c) / total) for c in counts]

    def profits(self) -> list[float]:
        """Each firm's profit so far, discounted to the start (the model's summary; read
        at the end of a round)."""
        if self.model.steps == 0:
            return [0.0] * len(self.names)
        return [float(f["profit_npv"]) for f in self.model.summary()["firms"]]
