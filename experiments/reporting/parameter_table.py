"""Every model parameter with its unit, allowed range, default per preset and source:
the table `ripple params` prints and `docs/parameters.md` holds (generated from the
code, so the two cannot drift: `python -m experiments.reporting.parameter_table`).

Units follow from each parameter's name and description (a rate "per month" or "per
customer-year", a chance, days, money); the few the rules cannot tell are listed.
"""

from __future__ import annotations

import dataclasses

from simulation import Params, available_presets
from simulation.fields import describe_range
from simulation.parameter_groups import GROUPS

UNIT_OF = {"population": "people", "mean_degree": "ties", "community_size": "people",
           "encounter_rate": "per customer-month", "positive_tell_rate": "per customer-month",
           "enemy_tell_rate": "per enemy-month", "advertising_rate": "per prospect-month",
           "step_months": "months", "capacity_per_1000": "complaints a month per 1,000",
           "recovery_paradox_bonus": "satisfaction points",
           "initial_satisfaction": "1-5 scale", "followup_satisfaction_lift":
           "satisfaction points a month", "disconfirmation_scale": "quality points (0-1)",
           "retention_cost_ratio": "x CAC a year", "annual_discount_rate": "per year",
           "referral_reward_uplift": "x per CAC",
           "satisfied_spend_premium": "share of spend", "expectation_shift": "quality points",
           "strong_tie_influence": "multiplier", "weak_tie_influence": "multiplier",
           "critic_tell_ratio": "x praise rate", "critic_talk_months": "months",
           "praise_acquisition_ratio": "ratio",
           "criticism_acquisition_ratio": "ratio", "enemy_strength": "message weight",
           "relay_strength": "message weight",
           "handler_complaints_per_month": "complaints a handler-month",
           "market_norm": "quality (0-1)", "norm_pull": "share a month",
           "paid_saturation": "elasticity", "extra_handlers": "handlers",
           "quality_spend": "money a customer-month",
           "quality_point_cost": "money a point a customer-month"}
SUFFIX_UNITS = (("_budget_scale", "money a month"), ("_budget", "money a month"),
                ("_spend", "money a month"), ("_days", "days"), ("_months", "months"),
                ("_prob", "chance"), ("_share", "share"), ("_rate", "per customer-year"),
                ("_reach", "people"), ("_min", "people"), ("_max", "people"),
                ("_path", "file"), ("_conversion", "chance"), ("_success", "share"))
MONEY = ("cac", "complaint_cost", "frontline_cost", "revenue_per_month", "referral_reward",
         "handler_cost_per_month", "empowerment_cost_per_complaint",
         "solicit_cost_per_complaint")


def unit(name: str, default: object, doc: str = "") -> str:
    """The unit a reader needs next to the parameter's value."""
    if name in UNIT_OF:
        return UNIT_OF[name]
    if name.endswith("_rate") and ("month" in doc and "year" not in doc):
        return "per month"
    if isinstance(default, bool):
        return "on/off"
    if isinstance(default, str):
        return {"kind": "choice", "currency": "currency code"}.get(name, "text")
    if name in MONEY:
        return "money a month" if name.endswith("per_month") else "money"
    if name.startswith(("stay_",)):
        return "chance"
    if name.startswith("weight_"):
        return "importance weight"
    if name in ("reliability", "assurance", "tangibles", "empathy", "responsiveness"):
        return "quality (0-1)"
    for suffix, words in SUFFIX_UNITS:
        if name.endswith(suffix):
            return words
    return "share" if isinstance(default, float) and 0 <= default <= 1 else "-"


def parameter_rows(group: str | None = None) -> list[dict[str, str]]:
    """One row per parameter (optionally of one group), defaults under every preset."""
    presets = {name: Params.preset(name).flat() for name in available_presets()}
    rows = []
    for label, cls in GROUPS.items():
        if group not in (None, label):
            continue
        for f in dataclasses.fields(cls):
            row = {"parameter": f"{label}.{f.name}", "unit": unit(f.name, f.default, f.metadata["doc"]),
                   "range": allowed(f)}
            row.update({p: _value(values[f.name]) for p, values in presets.items()})
            row.update(source=f.metadata["source"], meaning=f.metadata["doc"])
            rows.append(row)
    return rows


def allowed(f: dataclasses.Field) -> str:
    """Allowed values in short: '0 to 1', 'one of ...', 'true or false'."""
    low, high = f.metadata.get("low"), f.metadata.get("high")
    if isinstance(f.default, bool):
        return "true or false"
    if low is not None and high is not None:
        return f"{low:.4g} to {high:.4g}"
    return describe_range(f)


def _value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value) if value != "" else '""'


def markdown(group: str | None = None) -> str:
    """The table as Markdown (docs/parameters.md is exactly `markdown()`)."""
    rows = parameter_rows(group)
    heads = list(rows[0])
    lines = ["# Parameters", "",
             "Every parameter of the model: unit, allowed range, default under each preset, "
             "and the source of the default (F-numbers are the figures in docs/figures.md). "
             "Generated from the code by `python -m experiments.reporting.parameter_table`; "
             "`ripple params [GROUP]` prints the same table.", "",
             "| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(r[h].replace("|", "/") for h in heads) + " |" for r in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
