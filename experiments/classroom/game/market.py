"""The game's one door to the model: a market shared by several firms, one a team.

Everything the game needs from the multi-firm model goes through `RivalMarket`, so the
game depends on five things only: a market built with named firms, `set_firm(k, ...)`
between months, a month's step, each person's brand (`people.firm`, -1 for nobody's
customer) and the per-firm summary (name, customers, share, profit).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from experiments.scenarios.market_scale import MARKET_MONEY
from simulation import CustomerModel, Params
from simulation.parameters.sides import FIRM, SIDE


@dataclass(frozen=True)
class FirmResult:
    """One firm at the end of a month: customers, market share, cumulative profit."""

    customers: int
    share: float
    profit: float


def equal_part(base: Params, firms: int) -> dict:
    """Firm-side settings that give a firm an equal part of `base`'s market: its share of
    today's customers and of the market-wide money (ads, hired handlers, budgets)."""
    flat = base.flat()
    part = {k: max(flat[k] / firms, low) for k, low in MARKET_MONEY.items() if SIDE[k] == FIRM}
    part["initial_customer_share"] = flat["initial_customer_share"] / firms
    return part


def market_with_firms(base: Params, names: list[str], start: dict) -> Params:
    """`base` shared by identical firms, one a name, each starting with `start`."""
    from simulation.parameters.firms import FirmSetting

    return base.with_firms(tuple(FirmSetting(name, tuple(start.items())) for name in names))


class RivalMarket:
    """A multi-firm market stepped a month at a time."""

    def __init__(self, base: Params, names: list[str], start: dict, seed: int):
        self.model = CustomerModel(market_with_firms(base, names, start), rng=seed)

    @property
    def graph(self):
        return self.model.graph

    def set_firm(self, firm: int, settings: dict) -> None:
        """Change one firm's firm-side settings from the next month on."""
        self.model.set_firm(firm, **settings)

    def play_month(self) -> None:
        self.model.run(1.0)

    def brands(self) -> np.ndarray:
        """Each person's firm (-1: nobody's customer)."""
        return self.model.people.firm

    def results(self) -> list[FirmResult]:
        return [FirmResult(int(f["customers"]), float(f["share"]), float(f["profit"]))
                for f in self.model.summary()["firms"]]
