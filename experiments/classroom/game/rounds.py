"""The round clock the teacher drives: plan, play, pause, next round, game over.

A round is `round_months` months of the shared market. Before each round the teams plan
(their budget splits); the teacher starts the round, may pause and resume it between
months, and when its months are played the teams plan the next one. After the last
round the game is over. Pure state: the session steps the market and calls `played`.
"""

from __future__ import annotations

from dataclasses import dataclass

from experiments.errors import UsageError

PLANNING, PLAYING, PAUSED, OVER = "planning", "playing", "paused", "over"
PHASE_WORDS = {PLANNING: "Teams are planning round {round}",
               PLAYING: "Round {round} is playing", PAUSED: "Round {round} is paused",
               OVER: "The game is over"}


@dataclass
class RoundClock:
    """Which round, which month of it, and what may happen next."""

    rounds: int
    round_months: int
    round: int = 1               # the round being planned or played (1-based)
    month_in_round: int = 0      # months of this round played so far
    phase: str = PLANNING

    def __post_init__(self) -> None:
        if not 1 <= self.rounds <= 50:
            raise UsageError(f"--rounds: {self.rounds} is outside 1-50")
        if not 1 <= self.round_months <= 24:
            raise UsageError(f"--round-months: {self.round_months} is outside 1-24")

    @property
    def months_played(self) -> int:
        return (self.round - 1) * self.round_months + self.month_in_round

    @property
    def plans_open(self) -> bool:
        """Whether teams may change their split now (before a round starts)."""
        return self.phase == PLANNING

    @property
    def wants_a_month(self) -> bool:
        """Whether the market should play its next month now."""
        return self.phase == PLAYING

    def words(self) -> str:
        return PHASE_WORDS[self.phase].format(round=self.round)

    def start(self) -> None:
        """The teacher starts the planned round (plans are locked until it ends)."""
        self._require(PLANNING, "start a round")
        self.phase = PLAYING

    def pause(self) -> None:
        self._require(PLAYING, "pause")
        self.phase = PAUSED

    def resume(self) -> None:
        self._require(PAUSED, "resume")
        self.phase = PLAYING

    def played(self) -> bool:
        """One month of the round was played (a pause waits for the month in hand); True
        when that ended the round."""
        if self.phase not in (PLAYING, PAUSED):
            raise UsageError(f"cannot play a month now: {self.words().lower()}")
        self.month_in_round += 1
        if self.month_in_round < self.round_months:
            return False
        if self.round == self.rounds:
            self.phase = OVER
        else:
            self.round, self.month_in_round, self.phase = self.round + 1, 0, PLANNING
        return True

    def _require(self, phase: str, action: str) -> None:
        if self.phase != phase:
            raise UsageError(f"cannot {action} now: {self.words().lower()}")
