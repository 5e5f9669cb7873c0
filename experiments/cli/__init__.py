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
from simulation.errors import ParameterError

EXIT_USAGE = 2
COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None],
                          Callable[[argparse.Namespace], int]]] = {}


def command(name: str, configure: Callable[[argparse.ArgumentParser], None]):
    """Register `ripple <name>`: `configure` adds its arguments, the function runs it."""
    def register(func: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = (configure, func)
        return func
    return register


class ArgumentProblem(Exception):
    """A command line argparse cannot read; `prog` names the command for the hint."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(message)
        self.prog = prog


class CommandParser(argparse.ArgumentParser):
    """argparse that reports a bad command line in one line plus a hint, not the usage."""

    def error(self, message: str):
        raise ArgumentProblem(message, self.prog)


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="ripple", description="Customer lifetime and word of mouth, simulated.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=CommandParser)
    for name, (configure, func) in COMMANDS.items():
        doc = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        configure(sub.add_parser(name, help=doc, description=doc))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _load_commands()
    try:
        args, extra = build_parser().parse_known_args(argv)
        if extra:
            raise ArgumentProblem(f"unrecognized arguments: {' '.join(extra)}",
                                  f"ripple {args.command}")
    except ArgumentProblem as err:
        more = f"; commands: {', '.join(COMMANDS)}" if err.prog == "ripple" else ""
        print(f"{err.prog}: error: {err}\n  (see '{err.prog} --help'{more})", file=sys.stderr)
        return EXIT_USAGE
    from experiments.cli.checks import check_common_options
    from experiments.execution.out_folder import release_folders
    try:
        check_common_options(args)
        return COMMANDS[args.command][1](args)
    except (ParameterError, UsageError, FileNotFoundError) as err:
        print(f"ripple {args.command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as err:
        detail = f"; {err}" if str(err) else ""
        print(f"ripple {args.command}: interrupted{detail}", file=sys.stderr)
        return 130
    finally:
        release_folders()


# Modules that register a command with @command; each adds itself here.
COMMAND_MODULES = (
    "experiments.cli.run",
    "experiments.cli.validate",
    "experiments.cli.compare",
    "experiments.cli.sweep",
    "experiments.cli.lost_customer",
    "experiments.cli.report",
    "experiments.cli.demo",
    "experiments.cli.calibrate",
    "experiments.cli.allocate",
    "experiments.cli.params",
)


def _load_commands() -> None:
    """Import the modules that register commands (kept out of import time of cli)."""
    for module in COMMAND_MODULES:
        importlib.import_module(module)
