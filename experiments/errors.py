"""The errors experiments raise for problems a person can fix, at the bottom of the house.

Both carry a one-line message naming what is wrong and what would do; the command line
prints that line and exits with code 2, a notebook shows it as the exception's text.
`ParameterError` (a model parameter out of range) stays in `simulation`.
"""

from __future__ import annotations

from simulation.errors import ParameterError


class UsageError(Exception):
    """A request that cannot be carried out as asked: a missing or unreadable results
    folder, an unknown backend, an unreachable scheduler, an option out of range."""


class ScenarioError(ParameterError):
    """A scenario file that cannot be used as written; the message says where and why."""
