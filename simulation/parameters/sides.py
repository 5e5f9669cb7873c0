"""Which side of the business each parameter describes: the MARKET (people, their network
and how they behave) or the FIRM (its policy, levers, prices and accounts).

The TOML sections stay grouped by mechanism; this is the other cut through the same
catalogue, the seam a second firm needs: a market is shared, each firm brings its own
firm-side block. Each group has the side most of its fields are on; `OTHER_SIDE` names
the fields of a group that sit on the other side. A new field takes its group's side
unless it is named here.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from simulation.parameters.groups import GROUPS

MARKET, FIRM = "market", "firm"

GROUP_SIDE = MappingProxyType({
    "market": MARKET,        # how many people, the step length
    "network": MARKET,       # who knows whom
    "service": MARKET,       # what customers value and how they learn from encounters
    "complaints": MARKET,    # who complains, how patient, how recovery moves them
    "wom": MARKET,           # who tells whom, how far, how often
    "churn": MARKET,         # why customers leave whatever the firm does
    "attitude": MARKET,      # how what is heard moves people
    "traits": MARKET,        # how customers differ from one another
    "segments": MARKET,      # who the customers are: account size, age band
    "tenure": MARKET,        # how time as a customer changes leaving
    "competition": MARKET,   # how customers move between rival firms
    "save_desk": MARKET,     # how customers answer a save contact
    "acquisition": FIRM,     # what the firm spends to win customers and what it pays each
    "economics": FIRM,       # prices, margins, cost lines, the firm's discount rate
    "policy": FIRM,          # follow-up, referral rewards, extra spend
    "costs": FIRM,           # what a lever's spend buys
})

OTHER_SIDE = MappingProxyType({
    "market": ("initial_customer_share", "entry_month"),  # the firm's start
    "service": ("reliability", "assurance", "tangibles", "empathy", "responsiveness",
                "max_failure_prob", "serious_failure_share", "product_failure_share"),
    "complaints": ("frontline_resolution_share", "escalation_share", "capacity_per_1000",
                   "resolution_days", "resolution_success"),
    "attitude": ("marketing_promise_gap",),          # what the firm's marketing promises
    "acquisition": ("advertising_rate",),            # the market's response to advertising
    "economics": ("satisfied_spend_premium",),       # how much more the satisfied spend
})


def _sides() -> dict[str, str]:
    side: dict[str, str] = {}
    for group, cls in GROUPS.items():
        other = FIRM if GROUP_SIDE[group] == MARKET else MARKET
        for f in dataclasses.fields(cls):
            side[f.name] = other if f.name in OTHER_SIDE.get(group, ()) else GROUP_SIDE[group]
    return side


def _field_owner() -> dict[str, str]:
    owner: dict[str, str] = {}
    for group, cls in GROUPS.items():
        for f in dataclasses.fields(cls):
            assert f.name not in owner, f"field name {f.name} is not unique"
            owner[f.name] = group
    return owner


FIELD_GROUP = _field_owner()       # field name -> its group (every name is unique)
SIDE = MappingProxyType(_sides())   # field name -> MARKET or FIRM
MARKET_FIELDS = tuple(name for name, s in SIDE.items() if s == MARKET)
FIRM_FIELDS = tuple(name for name, s in SIDE.items() if s == FIRM)
