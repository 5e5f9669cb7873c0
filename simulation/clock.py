"""`Clock`: where one step sits in time, the one form in which every phase reads it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Clock:
    """Step `step` (the first is 1) runs from month `start` to month `end`, `dt` months
    long; money booked once a step is dated at its middle, `mid`."""

    step: int
    start: float
    end: float
    mid: float
    dt: float

    @classmethod
    def at(cls, step: int, dt: float) -> Clock:
        """The clock of step `step` (step 0: the starting state, at month 0)."""
        end = step * dt
        return cls(step=step, start=end - dt, end=end, mid=end - dt / 2, dt=dt)
