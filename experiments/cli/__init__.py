"""The `ripple` command line: `ripple <command> ...`; `main(argv)` is testable.

One module per command (run, compare, sweep, lost_customer, report, validate, demo), each
holding its arguments and its printing only; the work is done by `analysis`, `reporting`
and `execution`, which never import this package.

Only the chosen command's module is imported, and each imports its heavy libraries
(pyabc, optuna, matplotlib, the model) when it starts work, so `ripple --help` and a
refused typo answer in a fraction of a second.

Every expected error (bad parameter, missing file, unknown preset, a file that cannot be
written) becomes one line on stderr and exit code 2, never a traceback; Ctrl+C exits
with code 130, within seconds even when a stopped worker pool would hold the exit.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from experiments.errors import UsageError
from simulation.errors import ParameterError

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
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
    for name, (_, summary) in COMMAND_MODULES.items():
        command_parser = sub.add_parser(name, help=summary, description=summary)
        if name in COMMANDS:   # loaded: the only one whose arguments are parsed
            COMMANDS[name][0](command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        code = _main(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:   # while loading a command, before it could say more
        print("ripple: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    if code == EXIT_INTERRUPTED and argv is None:   # the program itself, not a caller
        from experiments.execution.worker_life import end_within_grace
        end_within_grace(code)
    return code


def _main(argv: list[str]) -> int:
    chosen = _chosen(argv)
    if chosen in COMMAND_MODULES:   # `ripple --help` and a typo load no command at all
        _load_commands(chosen)
    try:
        args, extra = build_parser().parse_known_args(argv)
        if extra:
            raise ArgumentProblem(f"unrecognized arguments: {' '.join(extra)}",
                                  f"ripple {args.command}")
    except ArgumentProblem as err:
        more = f"; commands: {', '.join(COMMAND_MODULES)}" if err.prog == "ripple" else ""
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
    except OSError as err:   # a full disk, a folder made read-only while it ran
        where = f"{err.filename}: " if err.filename else ""
        print(f"ripple {args.command}: error: {where}{err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as err:
        detail = f"; {err}" if str(err) else ""
        print(f"ripple {args.command}: interrupted{detail}", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        release_folders()


# Every command: the module that registers it with @command, and its one-line summary
# (shown by `ripple --help` without importing the module).
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "run": ("experiments.cli.run",
            "Run one market (a scenario's or a preset's) and print a short summary."),
    "validate": ("experiments.cli.validate",
                 "Reproduce published results and write a report; exit 1 when a target fails."),
    "compare": ("experiments.cli.compare",
                "Compare strategies on the same markets (paired), with CIs and the flip point."),
    "sweep": ("experiments.cli.sweep",
              "Run a parameter sweep (grid, random, latin, sobol, morris) and rank its "
              "drivers."),
    "lost-customer": ("experiments.cli.lost_customer",
                      "What one lost customer really costs, once the word-of-mouth ripple is "
                      "counted."),
    "report": ("experiments.cli.report",
               "Write plots and a Markdown/HTML summary for a results folder."),
    "demo": ("experiments.cli.demo",
             "Serve the classroom app on localhost (Voila, works offline) and print its "
             "address."),
    "calibrate": ("experiments.cli.calibrate",
                  "Fit a firm's market to its observed figures, with uncertainty (ABC-SMC)."),
    "allocate": ("experiments.cli.allocate",
                 "Split a monthly budget across a firm's levers: best plan, CIs, what flips "
                 "it."),
    "forecast": ("experiments.cli.forecast",
                 "A cohort's retention for years 1..N with a band from the firm's posterior."),
    "params": ("experiments.cli.params",
               "List every parameter: unit, allowed range, default per preset, source."),
}


def _chosen(argv: Sequence[str]) -> str | None:
    """The command named on the command line (its first word that is not an option)."""
    return next((word for word in argv if not word.startswith("-")), None)


def _load_commands(name: str | None = None) -> None:
    """Import the module of command `name` (every command's when None)."""
    names = [name] if name is not None else list(COMMAND_MODULES)
    for each in names:
        if each in COMMAND_MODULES:
            importlib.import_module(COMMAND_MODULES[each][0])
