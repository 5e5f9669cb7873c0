"""A stand-in for the multi-firm market in tests of the game's bookkeeping (rounds, plans,
leaderboard, pages): firm k earns a fixed 100 x (k + 1) a month plus what it puts into
paid ads, and person i is firm (i mod firms)'s customer. It says nothing about the model;
tests of the model's behaviour in the game use the real `RivalMarket`."""

from __future__ import annotations

import numpy as np

from simulation import CustomerModel, Params


class LedgerMarket:
    def __init__(self, base: Params, names: list[str], start: dict, seed: int):
        self.graph = CustomerModel(base, rng=seed).graph
        self.firms, self.start = len(names), dict(start)
        self.settings: list[list[dict]] = [[] for _ in names]   # every set_firm, in order
        self.profit, self.months = [0.0] * self.firms, 0

    def set_firm(self, firm: int, settings: dict) -> None:
        self.settings[firm].append(dict(settings))

    def play_month(self) -> None:
        self.months += 1
        for k in range(self.firms):
            ads = self.settings[k][-1]["paid_budget"] if self.settings[k] else 0.0
            self.profit[k] += 100.0 * (k + 1) + ads

    def brands(self) -> np.ndarray:
        return (np.arange(self.graph.n) % self.firms).astype(np.int8)

    def standing(self) -> list[tuple[int, float]]:
        return [(self.graph.n // self.firms, 1.0 / self.firms)] * self.firms

    def profits(self) -> list[float]:
        return list(self.profit)
