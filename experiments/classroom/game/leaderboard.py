"""Profit round by round: each team's profit in each round played, its total, its rank.

A round's profit is the firm's cumulative profit at the round's end less at its start
(the model keeps the cumulative figure). Teams rank by total profit; equal totals share
a rank.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Leaderboard:
    """Cumulative profit per team at the end of each round played."""

    teams: int
    at_round_end: list[list[float]] = field(default_factory=list)   # rounds x teams

    def close_round(self, cumulative_profit: list[float]) -> None:
        if len(cumulative_profit) != self.teams:
            raise ValueError(f"{len(cumulative_profit)} profits for {self.teams} teams")
        self.at_round_end.append([float(x) for x in cumulative_profit])

    def round_profits(self, team: int) -> list[float]:
        """The team's profit in each round played."""
        ends = [row[team] for row in self.at_round_end]
        return [end - start for start, end in zip([0.0, *ends[:-1]], ends)]

    def total(self, team: int) -> float:
        return self.at_round_end[-1][team] if self.at_round_end else 0.0

    def ranks(self) -> list[int]:
        """1 for the highest total profit; equal totals share the better rank."""
        totals = [self.total(k) for k in range(self.teams)]
        return [1 + sum(other > mine for other in totals) for mine in totals]

    def rows(self, names: list[str]) -> list[dict]:
        """One row a team, best first: name, rank, profit per round, total."""
        ranks = self.ranks()
        rows = [{"team": k, "name": names[k], "rank": ranks[k],
                 "rounds": self.round_profits(k), "total": self.total(k)}
                for k in range(self.teams)]
        return sorted(rows, key=lambda row: (row["rank"], row["team"]))
