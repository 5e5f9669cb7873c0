"""`ripple compare`: strategies on the same markets, paired, with confidence intervals,
the one-line answer, the flip point, and a report with plots."""

from __future__ import annotations

import argparse

from experiments.cli import command
from experiments.cli.options import (
    add_backend_args,
    add_scenario_args,
    backend_from_args,
    describe_run,
    output_dir,
    refuse_oversized,
    scenario_from_args,
)
from experiments.errors import UsageError
from experiments.execution.backends import open_backend


def configure(p: argparse.ArgumentParser) -> None:
    add_scenario_args(p, optional="budget_split")
    p.add_argument("--budget", type=float,
                   help="money a month for every strategy but the baseline (overrides the "
                        "scenario; stated for the market as simulated, after --set population)")
    add_backend_args(p)
    p.add_argument("--no-flip", action="store_true", help="skip the flip-point search")
    p.add_argument("--no-report", action="store_true", help="skip plots and summary")
    p.add_argument("--no-levers", action="store_true",
                   help="skip each lever's ceiling, break-even and return (runs the "
                        "strategies again with money to spare)")


@command("compare", configure)
def compare_command(args: argparse.Namespace) -> int:
    """Compare strategies on the same markets (paired), with CIs and the flip point."""
    scenario = scenario_from_args(args)
    if scenario.replications < 2:
        raise UsageError(f"--replications {scenario.replications}: a comparison needs >= 2 "
                         "(confidence intervals)")
    backend, root = backend_from_args(args), output_dir(args, scenario)
    runs_planned = len(scenario.strategies) * scenario.replications
    flip = scenario.flip if not args.no_flip else None
    flip_runs = 2 * (flip.replications or scenario.replications) * (flip.steps + 2) if flip else 0
    from experiments.analysis.levers import ceiling_runs_planned, lever_readouts, run_ceilings
    lever_runs = 0 if args.no_levers else ceiling_runs_planned(scenario)   # 0: no baseline
    refuse_oversized(scenario, runs_planned + flip_runs + lever_runs, backend, args.force)
    from experiments.analysis.compare import run_comparison
    from experiments.analysis.flip import run_flip
    from experiments.analysis.segments import segment_split
    from experiments.reporting.customers import customers_text
    from experiments.reporting.explain_text import explained, format_explained
    from experiments.reporting.firm_text import competition_text
    from experiments.reporting.lever_text import format_levers
    from experiments.reporting.report import write_report
    from experiments.reporting.results import Comparison
    from experiments.reporting.text import flip_sentence, headline
    from experiments.reporting.words import money, strategy_words
    print(describe_run(scenario, backend, runs_planned), flush=True)
    with open_backend(backend, runs_planned) as pool:
        runs = run_comparison(scenario, root, backend, pool)
        answer = headline(scenario.describe(), runs)
        if answer:
            print(answer, flush=True)
        print(Comparison(runs, scenario.metric).text())
        if "market_share" in runs:   # several firms: the focal firm against held rivals
            print(competition_text(runs, scenario.params.firm_names(),
                                   scenario.rival_response))
            print("(not shown with several firms: the split of the profit difference into "
                  "its parts and each lever's ceiling, which the model books for the market "
                  "as a whole)")
        by_segment = segment_split(runs)
        if by_segment is not None:
            print(by_segment.text(money, strategy_words))
        customers = customers_text(root / "compare", runs, scenario.params.economics.currency)
        if customers:
            print(customers)
        rivals = "market_share" in runs   # the profit's parts are the market's, not by firm
        why = None if rivals else explained(scenario.describe(), runs)
        if why is not None:
            print(format_explained(why, scenario.describe().get("currency", "")), flush=True)
        if lever_runs and not rivals:
            ceilings = run_ceilings(scenario, root, backend, pool)
            readout = lever_readouts(runs, ceilings, scenario.strategies, scenario.params)
            print(format_levers(readout, scenario.params.economics.currency), flush=True)
        if scenario.flip and not args.no_flip:
            print(flip_sentence(run_flip(scenario, root, backend, pool).to_dict()))
    if not args.no_report:
        print(f"Report: {write_report(root)}")
    return 0
