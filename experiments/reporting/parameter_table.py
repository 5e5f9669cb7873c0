"""Every model parameter with its unit, allowed range, default per preset and source:
the table `ripple params` prints and `docs/parameters.md` holds (generated from the
code, so the two cannot drift: `python -m experiments.reporting.parameter_table`).

Each parameter's unit is read from its declaration (`param(..., unit=)`).
"""

from __future__ import annotations

import dataclasses

from simulation import Params, available_presets
from simulation.parameters.fields import describe_range, plausible_range
from simulation.parameters.groups import GROUPS


def parameter_rows(group: str | None = None) -> list[dict[str, str]]:
    """One row per parameter (optionally of one group), defaults under every preset."""
    presets = {name: Params.preset(name).flat() for name in available_presets()}
    rows = []
    for label, cls in GROUPS.items():
        if group not in (None, label):
            continue
        for f in dataclasses.fields(cls):
            row = {"parameter": f"{label}.{f.name}", "unit": f.metadata["unit"] or "-",
                   "range": allowed(f), "plausible": plausible_range(f) or "-"}
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
             "Every parameter of the model: unit, allowed range, plausible range (what the "
             "evidence leaves open for a default no source pins down), default under each "
             "preset, and the source of the default (F-numbers are the figures in docs/figures.md). "
             "Generated from the code by `python -m experiments.reporting.parameter_table`; "
             "`ripple params [GROUP]` prints the same table.", "",
             "| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(r[h].replace("|", "/") for h in heads) + " |" for r in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
