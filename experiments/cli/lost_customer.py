"""`ripple lost-customer`: the value of one lost customer, with and without the
word-of-mouth ripple, tested against F10 ("one lost customer = ten new ones")."""

from __future__ import annotations

import argparse
import dataclasses

from experiments.cli import command
from experiments.cli.options import (
    add_backend_args,
    add_scenario_args,
    backend_from_args,
    output_dir,
    refuse_oversized,
    scenario_from_args,
)
from experiments.errors import UsageError
from experiments.scenarios.scenario import Scenario


def configure(p: argparse.ArgumentParser) -> None:
    add_scenario_args(p, optional="baseline")
    add_backend_args(p)
    p.add_argument("--customers", type=int, help="customers lost at once per replication")
    p.add_argument("--at-month", type=float, help="month of the loss")
    p.add_argument("--no-report", action="store_true", help="skip plots and summary")


def _scenario(args: argparse.Namespace) -> Scenario:
    if args.scenario is None:
        args.scenario = "baseline"
    replications, args.replications = args.replications, None
    scenario = scenario_from_args(args)
    if len(scenario.params.firms) > 1:
        raise UsageError(f"{scenario.source}: firms: lost-customer measures a market of one "
                         f"firm, this one has {len(scenario.params.firms)} (defection against "
                         "disadoption: python -m experiments.validation.competition)")
    spec = scenario.lost_customer
    changes = {}
    for key, value, low in (("replications", replications, 2), ("customers", args.customers, 1),
                            ("at_month", args.at_month, 0)):
        if value is not None:
            if value < low:
                raise UsageError(f"--{key.replace('_', '-')} {value:g}: must be >= {low}")
            changes[key] = value
    return scenario.replace(lost_customer=dataclasses.replace(spec, **changes))


@command("lost-customer", configure)
def lost_customer_command(args: argparse.Namespace) -> int:
    """What one lost customer really costs, once the word-of-mouth ripple is counted."""
    scenario = _scenario(args)
    from experiments.analysis.lost_customer import loss_plan, run_lost_customer
    from experiments.reporting.report import write_report
    from experiments.reporting.results import LostCustomer
    backend, root = backend_from_args(args), output_dir(args, scenario)
    spec = scenario.lost_customer
    loss_plan(scenario)   # its checks (loss before the horizon) run before anything prints
    refuse_oversized(scenario, 3 * spec.replications, backend, args.force)   # control + 2 variants
    print(f"Ripple {scenario.name}: {scenario.params.market.population:,} people, "
          f"{scenario.months:g} months; {spec.customers} customers lost at month "
          f"{spec.at_month:g}, {spec.replications} paired replications", flush=True)
    runs = run_lost_customer(scenario, root, backend)
    print(LostCustomer(runs, scenario.params.economics.currency).text())
    if not args.no_report:
        print(f"Report: {write_report(root)}")
    return 0
