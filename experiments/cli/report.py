"""`ripple report RESULTS_DIR`: write plots and a Markdown/HTML summary for a results folder."""

from __future__ import annotations

import argparse

from experiments.cli import command
from experiments.execution.out_folder import check_results_folder


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", metavar="RESULTS_DIR",
                   help="a results folder, e.g. results/budget_split/")


@command("report", configure)
def report_command(args: argparse.Namespace) -> int:
    """Write plots and a Markdown/HTML summary for a results folder."""
    check_results_folder(args.results)   # before loading the plotting libraries
    from experiments.reporting.report import write_report
    path = write_report(args.results)
    print(f"Report: {path} and {path.with_suffix('.html')} "
          f"({len(list(path.parent.glob('*.png')))} plots)")
    return 0
