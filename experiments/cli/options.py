"""Options shared by `ripple compare`, `sweep` and `lost-customer`: which scenario,
what to change in it, where to run, where to write."""

from __future__ import annotations

import argparse
import math
import resource
import time
from pathlib import Path

from experiments.cli.run import parse_overrides, take_population
from experiments.errors import UsageError
from experiments.execution.backends import BACKENDS, Backend, worker_count
from experiments.execution.cost import estimate, refuse_if_too_big
from experiments.scenarios.market_scale import scale_scenario
from experiments.scenarios.scenario import METRICS, Scenario, builtin_scenarios, load_scenario
from simulation import ParameterError
from simulation.horizon import MAX_MONTHS, MAX_SEED


def add_scenario_args(p: argparse.ArgumentParser, optional: str | None = None) -> None:
    """SCENARIO (optional when `optional` names the default) and what to change in it."""
    names = ", ".join(builtin_scenarios())
    default = f"; default {optional}" if optional else ""
    p.add_argument("scenario", nargs="?" if optional else None, metavar="SCENARIO",
                   help=f"scenario TOML file or built-in name ({names}{default})")
    p.add_argument("--replications", type=int, help="replications (overrides the scenario)")
    p.add_argument("--months", type=float, help="horizon in months (overrides the scenario)")
    p.add_argument("--seed", type=int, help="root random seed (overrides the scenario)")
    p.add_argument("--metric", choices=METRICS, metavar="METRIC",
                   help=f"result to compare (default: the scenario's): {', '.join(METRICS)}")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="override a market parameter, e.g. --set population=2000 (repeatable)")
    p.add_argument("--out", help="results folder (default results/<scenario name>)")


def add_backend_args(p: argparse.ArgumentParser, default: str = "processes") -> None:
    p.add_argument("--backend", choices=BACKENDS, default=default,
                   help=f"where runs execute ({default})")
    p.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a running Dask scheduler, e.g. tcp://host:8786 (implies --backend dask)")
    p.add_argument("--start-method", choices=("fork", "forkserver", "spawn"),
                   help="process start method for --backend processes (fork on Linux)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_force_arg(p)


def add_force_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--force", action="store_true",
                   help="run even when the estimated memory or time is too large, and "
                        "allow more --workers than cores")


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The scenario named on the command line, with the command line's changes."""
    scenario = load_scenario(args.scenario)
    changes = {}
    if args.replications is not None:
        if args.replications < 1:
            raise UsageError(f"--replications {args.replications}: must be >= 1")
        changes["replications"] = args.replications
    if args.months is not None:
        if not 0 < args.months <= MAX_MONTHS:
            raise UsageError(f"--months {args.months:g}: must be > 0 and <= {MAX_MONTHS:g}")
        changes["months"] = args.months
    if args.seed is not None:
        if not 0 <= args.seed <= MAX_SEED:
            raise UsageError(f"--seed {args.seed}: must be between 0 and {MAX_SEED}")
        changes["seed"] = args.seed
    if args.metric is not None:
        changes["metric"] = args.metric
    overrides = parse_overrides(args.set)
    population = take_population(overrides)
    scenario = scenario.replace(**changes).with_overrides(overrides)
    if population is not None:   # the one rule: market-wide money scales with the market
        scenario = scale_scenario(scenario, population)
    budget = getattr(args, "budget", None)
    if budget is not None:
        if not (budget >= 0 and math.isfinite(budget)):
            raise UsageError(f"--budget {budget:g}: must be a number >= 0 (money a month)")
        scenario = scenario.with_budget(budget)
    return scenario




def backend_from_args(args: argparse.Namespace) -> Backend:
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers {args.workers}: must be >= 1")
    return Backend(args.backend, args.workers, args.scheduler, args.start_method,
                   progress=not args.quiet, beyond_cores=args.force)


def refuse_oversized(scenario: Scenario, runs: int, backend: Backend, force: bool) -> None:
    """Stop before planning when `runs` runs of `scenario` would not fit memory or a day."""
    workers = 1 if backend.name == "serial" else worker_count(backend.workers, runs,
                                                              backend.beyond_cores)
    refuse_if_too_big(estimate(scenario.params, scenario.months, runs, workers), force)


def output_dir(args: argparse.Namespace, scenario: Scenario) -> Path:
    return Path(args.out) if args.out else Path("results") / scenario.name


def describe_run(scenario: Scenario, backend: Backend, runs: int) -> str:
    """The header line: what is simulated, how often, where."""
    where = backend.scheduler or backend.name
    count = worker_count(backend.workers, runs, backend.beyond_cores)
    workers = f", {count} workers" if backend.name != "serial" and not backend.scheduler else ""
    return (f"Ripple {scenario.name}: {scenario.params.market.population:,} people, "
            f"{scenario.months:g} months, {scenario.replications} replications "
            f"({runs} runs on {where}{workers})")


def add_firm_args(p: argparse.ArgumentParser) -> None:
    """FIRM (a profile file or a shipped example's name) and where results go."""
    p.add_argument("firm", metavar="FIRM",
                   help="firm profile TOML file, or the example 'harbour_broadband'")
    p.add_argument("--seed", type=int, help="root random seed (default: the profile's)")
    p.add_argument("--out", help="results folder (default results/<firm file name>)")


def check_fit_population(profile, population: int | None) -> None:
    """--population must give a market the model can build (the firm's network in it)."""
    from experiments.analysis.firm_settings import FitSettings, fit_market
    from experiments.scenarios.firm_market import firm_params
    if population is None:
        return
    try:
        fit_market(firm_params(profile), FitSettings(population=population))
    except ParameterError as err:
        raise UsageError(f"--population {population}: too small a market for this firm "
                         f"({err})") from None


def firm_dir(args: argparse.Namespace, source: str) -> Path:
    """The firm's results folder: --out, or results/<profile file name>."""
    return Path(args.out) if args.out else Path("results") / Path(source).stem


def positive(args: argparse.Namespace, *names: str) -> None:
    """Every named option, when given, must be >= 1."""
    for name in names:
        value = getattr(args, name.replace("-", "_"))
        if value is not None and value < 1:
            raise UsageError(f"--{name} {value}: must be >= 1")


class Stopwatch:
    """Wall time and CPU time (this process and its finished workers) since creation."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), self._cpu()

    @staticmethod
    def _cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    def seconds(self) -> float:
        return time.perf_counter() - self.wall

    def text(self) -> str:
        return (f"{_duration(self.seconds())} (CPU {_duration(self._cpu() - self.cpu)}, "
                "workers included)")


def _duration(seconds: float) -> str:
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{seconds:.1f} s"
