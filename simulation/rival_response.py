"""How the rivals answer the focal firm's strategy in a comparison (`compare`): a stated
rule, never a hidden best reply.

- ``hold``: every rival keeps the settings the scenario gives it for the whole run.
- ``match``: from `lag_months` on, each rival buys the same strategy with the same
  monthly spend (the same lever, priced on its own settings and customers, as
  `apply_strategy` prices the focal firm's), as a competitor copying a visible move
  after the time it takes to notice and act.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulation.parameters.params import Params
from simulation.strategies import Strategy, apply_strategy

RULES = ("hold", "match")
FirmChange = tuple[float, int, tuple[tuple[str, Any], ...]]   # (month, firm, settings)


@dataclass(frozen=True)
class RivalResponse:
    """The rivals' rule and, for ``match``, the months before they copy."""

    rule: str = "hold"
    lag_months: float = 6.0

    def words(self, rivals: str, plural: bool, move: str = "each strategy's spend",
              source: str = "the scenario") -> str:
        """The rule in one sentence about `rivals` (their names) answering `move`, whose
        settings come from `source`."""
        if self.rule == "match":
            return (f"{rivals} match{'' if plural else 'es'} {move} after "
                    f"{self.lag_months:g} months (the same lever, the same monthly money).")
        return f"{rivals} keep{'' if plural else 's'} the settings {source} gives them."

    def changes(self, params: Params, strategy: Strategy) -> tuple[FirmChange, ...]:
        """The rivals' changes of settings under this rule when the focal firm follows
        `strategy` (none under ``hold``, with one firm, or for a strategy that buys
        nothing)."""
        return self.changes_by(params, lambda view: apply_strategy(view, strategy))

    def changes_by(self, params: Params, buy: Callable[[Params], Params]
                   ) -> tuple[FirmChange, ...]:
        """The rivals' changes under this rule when the focal firm makes the move `buy`
        (one firm's parameters -> the same firm's after the move, e.g. a split of a budget
        over several levers), each rival making it on its own settings and customers."""
        if self.rule == "hold" or len(params.firms) < 2:
            return ()
        out = []
        views = params.firm_views()
        for k in range(1, len(params.firms)):
            before, after = views[k].firm_side(), buy(views[k]).firm_side()
            settings = tuple((key, v) for key, v in after.items() if before[key] != v)
            if settings:
                out.append((self.lag_months, k, settings))
        return tuple(out)
