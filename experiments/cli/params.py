"""`ripple params [GROUP]`: every parameter with its unit, range, default per preset and
source (the same table as docs/parameters.md)."""

from __future__ import annotations

import argparse

from experiments.cli import command
from experiments.errors import UsageError
from experiments.reporting.parameter_table import parameter_rows
from simulation.parameters.groups import GROUPS
from simulation.parameters.params import suggest

COLUMNS = (("parameter", 40), ("unit", 30), ("range", 20), ("evidence", 12),
           ("folklore", 12), ("source", 0))


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("group", nargs="?", metavar="GROUP",
                   help=f"only this group: {', '.join(GROUPS)}")


@command("params", configure)
def params_command(args: argparse.Namespace) -> int:
    """List every parameter: unit, allowed range, default per preset, source."""
    if args.group is not None and args.group not in GROUPS:
        raise UsageError(f"unknown group {args.group!r}{suggest(args.group, GROUPS)}; "
                         f"choose one of {', '.join(GROUPS)}")
    rows = parameter_rows(args.group)
    print("".join(f"{name:<{width}}" if width else name for name, width in COLUMNS))
    for row in rows:
        print("".join(f"{_fit(row[name], width):<{width}}" if width else row[name]
                      for name, width in COLUMNS))
        if row["meaning"]:
            print(f"    {row['meaning']}")
    print(f"{len(rows)} parameters; set any with --set NAME=VALUE or in a scenario's "
          "[parameters] table")
    return 0


def _fit(text: str, width: int) -> str:
    return text if len(text) < width else text[:width - 2] + "… "
