"""The `ripple` command line: `ripple <command> ...`; `main(argv)` is testable.

One module per command (run, compare, sweep, lost_customer, report, validate, demo), each
holding its arguments and its printing only; the work is done by `analysis`, `reporting`
and `execution`, which never import this package.

Every expected error (bad parameter, missing file, unknown preset) becomes one line
on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from experiments.errors import UsageError
from simulation.fields import ParameterError

EXIT_USAGE = 2
COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None],
                          Callable[[argparse.Namespace], int]]] = {}


def command(name: str, configure: Callable[[argparse.ArgumentParser], None]):
    """Register `ripple <name>`: `configure` adds its arguments, the function runs it."""
    def register(func: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = (configure, func)
        return func
    return register


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ripple", description="Customer lifetime and word of mouth, simulated.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (configure, func) in COMMANDS.items():
        doc = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        configure(sub.add_parser(name, help=doc, description=doc))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _load_commands()
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command][1](args)
    except (ParameterError, UsageError, FileNotFoundError) as err:
        print(f"ripple {args.command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"ripple {args.command}: interrupted", file=sys.stderr)
        return 130


# Modules that register a command with @command; each adds itself here.
COMMAND_MODULES = (
    "experiments.cli.run",
    "experiments.cli.validate",
    "experiments.cli.compare",
    "experiments.cli.sweep",
    "experiments.cli.lost_customer",
    "experiments.cli.report",
    "experiments.cli.demo",
)


def _load_commands() -> None:
    """Import the modules that register commands (kept out of import time of cli)."""
    for module in COMMAND_MODULES:
        importlib.import_module(module)
