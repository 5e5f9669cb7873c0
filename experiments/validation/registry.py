"""Validation targets: what one check compares, what a target returns, and the registry.

A target is a function ``fn(ctx) -> Outcome`` registered with ``@target(...)``: adding a
target is adding a function. Each check holds the measured value with its standard
error and the acceptance band around the published value, with the reason for its width.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from experiments.analysis.stats import two_se_bound
from experiments.reporting.words import num


def number(x: float) -> str:
    """A measured or published value: four significant digits (`words.num`)."""
    return num(x, digits=4)


@dataclass(frozen=True)
class Check:
    """One measured quantity against its published value and acceptance band."""

    quantity: str
    measured: float
    se: float            # standard error of `measured` (nan: exact, no sampling noise)
    target: str          # the published value and tolerance as shown in the report
    low: float
    high: float
    why: str = ""        # reason for the tolerance
    graded: bool = True  # False: reported only, never fails

    @property
    def passed(self) -> bool:
        return (not self.graded) or bool(self.low <= self.measured <= self.high)

    @classmethod
    def relative(cls, quantity: str, measured: float, se: float, value: float, rel: float,
                 why: str = "") -> Check:
        """Within `rel` (a fraction) of `value`."""
        band = abs(value) * rel
        return cls(quantity, measured, se, f"{number(value)} ± {rel:.0%}", value - band,
                   value + band, why)

    @classmethod
    def absolute(cls, quantity: str, measured: float, se: float, value: float, tol: float,
                 why: str = "") -> Check:
        """Within `tol` (same unit) of `value`."""
        return cls(quantity, measured, se, f"{number(value)} ± {tol:.2g}", value - tol,
                   value + tol, why)

    @classmethod
    def between(cls, quantity: str, measured: float, se: float, low: float, high: float,
                why: str = "") -> Check:
        return cls(quantity, measured, se, f"{number(low)} to {number(high)}", low, high, why)

    @classmethod
    def at_least(cls, quantity: str, measured: float, se: float, bound: float,
                 why: str = "") -> Check:
        return cls(quantity, measured, se, f"≥ {number(bound)}", bound, math.inf, why)

    @classmethod
    def above_noise(cls, quantity: str, measured: float, se: float, null: float = 0.0,
                    why: str = "") -> Check:
        """A published direction: at least two standard errors above `null`."""
        return cls.at_least(quantity, measured, se, two_se_bound(se, null), why)

    @classmethod
    def below(cls, quantity: str, measured: float, se: float, bound: float,
              why: str = "") -> Check:
        """Strictly below `bound`."""
        return cls(quantity, measured, se, f"< {number(bound)}", -math.inf,
                   math.nextafter(bound, -math.inf), why)

    @classmethod
    def reported(cls, quantity: str, measured: float, se: float = math.nan,
                 why: str = "") -> Check:
        """A value the report shows without grading it."""
        return cls(quantity, measured, se, "(reported)", -math.inf, math.inf, why, False)


@dataclass
class Outcome:
    """What a target measured: its checks, the configuration used, data for its figure."""

    checks: list[Check]
    config: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)


# What a target's agreement means: only an emergent one is a reproduction.
KINDS = {
    "encoded": "encoded: a parameter read back (a unit test, not a reproduction)",
    "calibrated": "calibrated: a parameter tuned to the figure, re-measured on other seeds "
                  "and sizes",
    "emergent": "emergent: a consequence of the dynamics (a reproduction)",
}


@dataclass(frozen=True)
class Target:
    """A registered target: its name, claim, source, kind and measuring function."""

    name: str
    title: str
    source: str
    measure: Callable[[Any], Outcome]
    plot: Callable[[dict[str, Any], Any], None] | None = None
    kind: str = "emergent"

    @property
    def claim(self) -> str:
        """The first paragraph of the measuring function's docstring."""
        return " ".join((self.measure.__doc__ or "").strip().split("\n\n")[0].split())


TARGETS: dict[str, Target] = {}


def target(name: str, title: str, source: str,
           plot: Callable[[dict[str, Any], Any], None] | None = None, *, kind: str):
    """Register `fn(ctx) -> Outcome` as target `name`, citing `source`; `kind` says whether
    agreement is encoded, calibrated or emergent (see KINDS)."""
    if kind not in KINDS:
        raise ValueError(f"target {name!r}: kind {kind!r} must be one of {', '.join(KINDS)}")

    def register(fn: Callable[[Any], Outcome]) -> Callable[[Any], Outcome]:
        if name in TARGETS:
            raise ValueError(f"target {name!r} is registered twice")
        TARGETS[name] = Target(name, title, source, fn, plot, kind)
        return fn
    return register
