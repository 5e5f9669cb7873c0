"""The firms of one run in words: each firm's customers, market share and profit, and
where the customers who left went (a rival or out of the category), and what was said
about each."""

from __future__ import annotations

from typing import Any

import pandas as pd

from experiments.reporting.words import count, money
from experiments.scenarios.metrics import BRAND_TALK, COMPETITION


def firm_lines(firms: list[dict[str, Any]], currency: str = "") -> list[str]:
    """Lines for `ripple run`: one row per firm, then defection against disadoption."""
    width = max(12, *(len(f["name"]) for f in firms)) + 2
    lines = ["  by firm (the figures above are the market's, all firms together):",
             f"  {'firm':<{width}}{'customers':>12}{'market share':>15}"
             f"{'profit NPV':>18}"]
    for f in firms:
        lines.append(f"  {f['name']:<{width}}{f['customers']:>12,}{f['market_share']:>15.1%}"
                     f"{money(f['profit_npv'], currency=currency):>18}")
    for f in firms:
        lost, left, won = (count(f[k], "customer", "customers")
                           for k in ("defections", "disadoptions", "won_from_rivals"))
        lines.append(f"  {f['name']} lost {lost} to a rival (defection) and {left} from the "
                     f"category (disadoption); won {won} from rivals; word of mouth about "
                     f"it: {f['praise']:,} praising, {f['bad_news']:,} critical messages")
    return lines


def competition_text(runs: pd.DataFrame, names: tuple[str, ...], response=None,
                     move: str = "tries each strategy", answered: str = "each strategy's spend",
                     source: str = "the scenario") -> str:
    """`compare` (or `allocate`) in a market of several firms: the focal firm's market
    share and where its lost customers went, and word of mouth about each brand, option by
    option, paired against the reference with 95% intervals and a noise verdict; the
    rivals answer by `response` (a `RivalResponse`; None: they hold the settings `source`
    gives them). `move` says what the focal firm does, `answered` what a match copies."""
    from simulation.rival_response import RivalResponse
    rivals = ", ".join(names[1:])
    rule = (response or RivalResponse()).words(rivals, len(names) > 2, answered, source)
    return "\n".join([f"{names[0]} {move}; {rule}", *competition_tables(runs, names)])


def competition_tables(runs: pd.DataFrame, names: tuple[str, ...]) -> list[str]:
    """The focal firm's market share, defections and disadoptions, then the praising and
    critical messages about each brand (columns ``firms_<name>_<talk>``), as tables."""
    from experiments.reporting.results import Comparison
    lines = [Comparison(runs, name).table_text() for name in COMPETITION[:3]]
    for name in names:
        talk = {f"firms_{name}_{k}": k for k in BRAND_TALK}
        if set(talk) <= set(runs.columns):
            lines.append(f"  word of mouth about {name}:")
            brand = runs.drop(columns=list(BRAND_TALK), errors="ignore").rename(columns=talk)
            lines += [Comparison(brand, k).table_text() for k in BRAND_TALK]
    return lines


def rivals_sentence(name: str, rivals: list[str]) -> str:
    """What a fit in a market with rivals compares: the firm's own figures."""
    return (f"{name} competes with {', '.join(rivals)} in this market (settings as the "
            "profile's [[market.firms]] give them); every observed figure is compared with "
            f"{name}'s own customers, not the whole market's.")
