"""`ripple validate`: run the reproduction targets and write the validation report."""

from __future__ import annotations

import argparse
import time

from experiments.cli import command
from experiments.errors import UsageError
from experiments.validation.suite import SIZES, Context, run_suite, select


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--size", choices=sorted(SIZES), default="quick",
                   help="quick (under a minute, what the tests run) or full (several minutes)")
    p.add_argument("--out", default="results/validation", help="folder for report.md and figures")
    p.add_argument("--only", nargs="+", metavar="NAME", help="run only these targets")
    p.add_argument("--seed", type=int, default=1, help="root seed of every target's runs (1)")
    p.add_argument("--bass-p", type=float, default=0.03, help="Bass p per month (0.03)")
    p.add_argument("--bass-q", type=float, default=0.38, help="Bass q per month (0.38)")
    p.add_argument("--list", action="store_true", help="list the targets and exit")


def check_bass(p: float, q: float) -> None:
    if not 0 < p <= 1:
        raise UsageError(f"--bass-p: {p:g} must be above 0 and at most 1 (a monthly hazard)")
    if not 0 < q <= 10:
        raise UsageError(f"--bass-q: {q:g} must be above 0 and at most 10 (a monthly hazard)")


@command("validate", configure)
def validate_command(args: argparse.Namespace) -> int:
    """Reproduce published results and write a report; exit 1 when a target fails."""
    import experiments.validation.targets  # noqa: F401  (registers the targets)
    from experiments.validation.report import write_report
    check_bass(args.bass_p, args.bass_q)
    try:
        chosen = select(args.only)
    except KeyError as err:
        names = ", ".join(t.name for t in select(None))
        raise UsageError(f"--only: unknown target {err.args[0]!r}; choose from {names}") from None
    if args.list:
        for t in chosen:
            print(f"{t.name:<22}{t.title}")
        return 0
    ctx = Context(SIZES[args.size], root_seed=args.seed, bass_pq=(args.bass_p, args.bass_q))
    start = time.perf_counter()
    results = run_suite(ctx.size, [t.name for t in chosen], ctx=ctx)
    report = write_report(results, args.out, ctx, time.perf_counter() - start)
    for r in results:
        print(f"  {'pass' if r.passed else 'FAIL':<6}{r.target.name:<22}"
              f"{r.error or r.target.title}")
    failed = [r.target.name for r in results if not r.passed]
    print(f"{len(results) - len(failed)}/{len(results)} targets passed; report: {report}")
    return 1 if failed else 0
