"""What a team's monthly budget can buy: the firm's levers in words, each with its unit
price from the model's own declarations, and a team's split turned into firm settings."""

from __future__ import annotations

from dataclasses import dataclass

from experiments.analysis.allocate import STRATEGY_OF, Split, apply_split
from experiments.analysis.levers import UNIT, unit_price
from experiments.errors import UsageError
from experiments.reporting.words import money
from experiments.scenarios.firm_profile import LEVERS
from simulation import Params

QUALITY_DIMENSION = "reliability"


@dataclass(frozen=True)
class GameLever:
    """One lever a team may fund: its words, the unit it buys and that unit's price."""

    key: str
    words: str
    unit: str
    price: float

    def price_text(self, currency: str) -> str:
        """'$4,000 a handler-month'."""
        return f"{money(self.price, currency=currency)} {self.unit}"

    def as_dict(self, currency: str) -> dict:
        return {"key": self.key, "words": self.words.capitalize(),
                "price": self.price_text(currency)}


def game_levers(params: Params) -> tuple[GameLever, ...]:
    """The firm profile's levers that buy units at a stated price (referral rewards are a
    reward per referral, not a unit bought, so the game leaves them out)."""
    out = []
    for key, words in LEVERS.items():
        strategy = STRATEGY_OF[key]
        price = unit_price(params, strategy)
        if price is not None:
            out.append(GameLever(key, words, UNIT[strategy][1], price))
    return tuple(out)


def check_split(split: dict, levers: tuple[GameLever, ...], budget: float,
                currency: str) -> Split:
    """A team's split as numbers, or a one-line error naming the lever, value and range."""
    known = {lever.key: lever for lever in levers}
    clean: Split = {}
    for key, value in split.items():
        if key not in known:
            raise UsageError(f"split: unknown lever {key!r}; choose from {', '.join(known)}")
        if not isinstance(value, (int, float)) or not 0 <= value <= budget:
            raise UsageError(f"split: {known[key].words} = {value!r} is outside 0 to "
                             f"{money(budget, currency=currency)} a month")
        clean[key] = float(value)
    total = sum(clean.values())
    if total > budget * (1 + 1e-9):
        raise UsageError(f"split: {money(total, currency=currency)} a month is more than the "
                         f"budget of {money(budget, currency=currency)}")
    return clean


def firm_settings(base: Params, split: Split, fields: tuple[str, ...]) -> dict:
    """The firm-side settings (`fields`) of a firm that spends `split` on top of `base`."""
    flat = apply_split(base, split, QUALITY_DIMENSION).flat()
    return {name: flat[name] for name in fields}


def lever_fields(base: Params, levers: tuple[GameLever, ...], budget: float) -> tuple[str, ...]:
    """Every setting some lever changes: a firm's settings always name all of them, so a
    lever a team stops funding goes back to the market's own value."""
    before = base.flat()
    fields: set[str] = set()
    for lever in levers:
        after = apply_split(base, {lever.key: budget}, QUALITY_DIMENSION).flat()
        fields |= {k for k, v in after.items() if v != before[k]}
    return tuple(sorted(fields))
