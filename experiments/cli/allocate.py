"""`ripple allocate FIRM --budget B`: the best split of B a month across the firm's
levers over the calibrated posterior, with intervals, the return curve, and what flips
the answer; writes plan_report.md, plan.toml and plots."""

from __future__ import annotations

import argparse
import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import tomli_w

from experiments.analysis.allocate import check_budget, firm_levers, single_lever
from experiments.analysis.firm_settings import ALL_PRIORS, PlanSettings
from experiments.cli import command
from experiments.cli.allocate_rivals import (
    add_rival_args,
    print_against_rivals,
    response_from_args,
)
from experiments.cli.options import (
    Stopwatch,
    add_backend_args,
    add_firm_args,
    backend_from_args,
    check_fit_population,
    firm_dir,
    positive,
)
from experiments.errors import UsageError
from experiments.execution.out_folder import claim_folder
from experiments.execution.whole_files import write_together
from experiments.reporting.words import money
from experiments.scenarios.firm import load_firm
from experiments.scenarios.firm_market import firm_params
from experiments.scenarios.scenario import METRICS

if TYPE_CHECKING:
    import pandas as pd

DEFAULTS = PlanSettings(budget=0.0)
CASES = 160


def configure(p: argparse.ArgumentParser) -> None:
    add_firm_args(p)
    p.add_argument("--budget", type=float, required=True,
                   help="extra money a month to split across the levers")
    p.add_argument("--posterior", help="posterior sample (default: the firm's calibration, "
                                       "results/<firm>/calibration/posterior.parquet)")
    p.add_argument("--metric", choices=METRICS, default="profit_npv", metavar="METRIC",
                   help=f"what a plan is judged by (profit_npv): {', '.join(METRICS)}")
    p.add_argument("--trials", type=int, help=f"splits to try ({DEFAULTS.trials})")
    p.add_argument("--replications", type=int,
                   help=f"posterior draws per tried split ({DEFAULTS.replications})")
    p.add_argument("--check-replications", type=int,
                   help=f"fresh draws for the reported intervals ({DEFAULTS.check_replications})")
    p.add_argument("--cases", type=int, help=f"sampled cases for what flips it ({CASES})")
    p.add_argument("--population", type=int,
                   help="simulate markets of this many people (default: the firm's, at most "
                        "20,000; money is scaled with it)")
    p.add_argument("--no-flip", action="store_true", help="skip what flips it")
    p.add_argument("--no-levers", action="store_true",
                   help="skip each lever's ceiling, break-even and return (runs each lever "
                        "alone, and with money to spare, on the fresh draws)")
    add_rival_args(p)
    p.add_argument("--aim", metavar="LEVER@SEGMENT,...",
                   help="levers a plan may buy for one segment of the firm's [segments] "
                        "beside the levers for everyone (save_desk, follow_up, acquisition; "
                        "e.g. save_desk@business); 'none'; default 'auto': each at the "
                        "segment where it alone gains most, if that beats today's spend and "
                        "the lever for everyone")
    p.add_argument("--accept-misfit", action="store_true",
                   help="plan even when the calibration missed an observed figure (the "
                        "plan report then opens with the miss)")
    add_backend_args(p)


def settings_from_args(args: argparse.Namespace, seed: int) -> PlanSettings:
    if not args.budget > 0:
        raise UsageError(f"--budget {args.budget:g}: must be > 0 (money a month)")
    positive(args, "trials", "check-replications", "cases", "population")
    if args.replications is not None and args.replications < 2:
        raise UsageError(f"--replications {args.replications}: must be >= 2")
    given = {"trials": args.trials, "replications": args.replications,
             "check_replications": args.check_replications, "population": args.population}
    return PlanSettings(budget=args.budget, metric=args.metric,
                        seed=seed if args.seed is None else args.seed,
                        **{k: v for k, v in given.items() if v is not None})


def posterior_path(args: argparse.Namespace, source: str) -> Path:
    path = Path(args.posterior) if args.posterior else (
        firm_dir(args, source) / "calibration" / "posterior.parquet")
    if not path.is_file():
        raise UsageError(f"{path}: no posterior sample; run `ripple calibrate {args.firm}` "
                         "first, or pass --posterior")
    return path


def checked_posterior(args: argparse.Namespace, profile) -> tuple[Path, pd.DataFrame]:
    """The posterior sample, every column checked; the firm's own fit unless --posterior
    names another file on purpose."""
    from experiments.analysis.posterior_file import check_identity, read_posterior
    path = posterior_path(args, profile.source)
    draws, identity = read_posterior(path)
    if not args.posterior:
        check_identity(identity, profile.identity(), path, profile.source)
    return path, draws


def misfit_gate(args: argparse.Namespace, path: Path) -> str:
    """'' for a fit that reproduces every observed figure; a UsageError for one that
    missed a figure, unless --accept-misfit, then the sentence naming the misses."""
    from experiments.analysis.fit_grade import misfit_line
    from experiments.analysis.posterior_file import read_fit_grade
    from experiments.reporting.fit_report import figure_words
    grade = read_fit_grade(path)
    if grade is None or grade.fits:
        return ""
    if not args.accept_misfit:
        missed = ", ".join(f"{figure_words(m.figure)} ({m.widths():.1f} noise widths off)"
                           for m in grade.missed)
        raise UsageError(f"{path}: the calibration missed {missed}; fix the firm's figures "
                         "or its fit, or pass --accept-misfit to plan anyway")
    return misfit_line(grade, figure_words)


@command("allocate", configure)
def allocate_command(args: argparse.Namespace) -> int:
    """Split a monthly budget across a firm's levers: best plan, CIs, what flips it."""
    profile = load_firm(args.firm)
    settings = settings_from_args(args, profile.seed)
    from experiments.analysis.plan_aims import parse_aims
    aims = parse_aims(args.aim, profile)
    check_budget(firm_levers(profile, aims or ()), settings.budget)
    check_fit_population(profile, settings.population)
    response = response_from_args(args, profile)
    path, stored = checked_posterior(args, profile)
    misfit = misfit_gate(args, path)
    backend = backend_from_args(args)
    out = claim_folder(firm_dir(args, profile.source) / "plan")
    from experiments.analysis.allocate_plan import make_plan, search_objective
    from experiments.analysis.calibrate import resample
    from experiments.analysis.plan_segments import choose_aims
    from experiments.execution.runner import open_backend
    from experiments.reporting.plan_report import plan_lines, write_plan_report
    draws = resample(stored, settings.replications + settings.check_replications,
                     settings.seed)
    logging.getLogger("optuna").setLevel(logging.WARNING)
    clock = Stopwatch()
    market = firm_params(profile)
    print(f"Ripple allocate {profile.name}: {money(settings.budget, currency=profile.currency)} a month, "
          f"posterior from {path}", flush=True)
    if misfit:
        print(misfit, flush=True)
    with open_backend(backend) as pool:
        search = search_objective(profile, market, draws, settings, backend, pool, response)
        settings = choose_aims(profile, settings, aims, search)
        plan = make_plan(profile, market, draws, settings, backend, pool, response, search)
        print("\n".join(plan_lines(plan)), flush=True)
        rivals, rival_cases = print_against_rivals(plan, market, response, backend, pool)
        segments, segment_cases = _by_segment(plan, aims, market, backend, pool)
        flips, flip_plot, cases, measure = _what_flips(args, plan, market, stored, backend,
                                                       pool, out, response)
        levers, lever_cases = ("", 0) if rivals else _what_levers_buy(
            args, profile, market, draws, settings, backend, pool)
    print("What flips it:")
    print("\n".join(f"  {s}" for s in flips))
    if measure:
        print("What to measure next:\n  " + "\n".join(measure))
    held = response if len(market.firms) > 1 else None
    write_together({out / "plan.toml": partial(_save_plan, plan, held)})
    report = write_plan_report(out, plan, flips, flip_plot, measure, misfit, levers, rivals,
                               segments)
    simulations = plan.simulations + cases + lever_cases + rival_cases + segment_cases
    print(f"{simulations:,} simulations in {clock.text()}")
    print(f"Plan: {out / 'plan.toml'}   report: {report}")
    return 0


def _what_levers_buy(args, profile, market, draws, settings, backend, pool
                     ) -> tuple[str, int]:
    """Each lever's ceiling, break-even, return and cost per customer, as `compare`
    prints them (text, simulations run)."""
    if args.no_levers:
        return "", 0
    from experiments.analysis.plan_levers import lever_runs_planned, plan_lever_readouts
    from experiments.reporting.lever_text import format_levers
    readout = plan_lever_readouts(profile, market, draws, settings, backend, pool)
    text = format_levers(readout, profile.currency)
    print(text, flush=True)
    return text, lever_runs_planned(profile, settings)


def _by_segment(plan, aims, market, backend, pool) -> tuple[str, int]:
    """What the plan aimed at segments, and the plan against today segment by segment
    (text, simulations run); ("", 0) for a firm without segments."""
    from experiments.analysis.plan_segments import plan_segment_split
    from experiments.reporting.plan_segment_text import segment_text
    split = plan_segment_split(plan, market, backend, pool)
    if split is None:
        return "", 0
    text = segment_text(plan, split, screened=aims is None)
    print(text, flush=True)
    return text, 2 * plan.settings.check_replications


def _what_flips(args, plan, market, stored: pd.DataFrame, backend, pool, out: Path,
                response=None):
    if args.no_flip:
        return ["(skipped: --no-flip)"], None, 0, []
    from experiments.analysis.calibrate import resample
    from experiments.analysis.discover import discover, flip_sentences, input_words, run_cases
    from experiments.analysis.value_of_information import value_of_information
    from experiments.reporting.plan_report import lever_words, measure_lines, plot_flip
    from experiments.reporting.words import metric_words
    n = args.cases or CASES
    rival = single_lever(next(lv for lv in plan.levers if lv.name == plan.rival),
                         plan.levers, plan.settings.budget)
    draws = resample(stored, 400, plan.settings.seed + 3)
    cases = run_cases(plan.profile, market, draws, plan.best, rival, n, plan.settings.metric,
                      plan.settings.seed, plan.settings.population, backend, pool,
                      response)
    finding = discover(cases, ALL_PRIORS)
    winner_words, rival_words = "the recommended split", f"all on {lever_words(plan.rival, plan)}"
    words = {p.name: p.words for p in ALL_PRIORS}
    flips = flip_sentences(cases, finding, winner_words, rival_words)
    voi = value_of_information(
        cases.inputs, cases.values, input_words(ALL_PRIORS),
        {"winner": winner_words, "rival": rival_words, "today": "today's spend"},
        metric_words(plan.settings.metric), plan.settings.seed)
    return (flips, plot_flip(cases, finding, words, out / "what_flips_it.png"), 3 * n,
            measure_lines(voi, plan.profile.currency))


def _save_plan(plan, response, path: Path) -> None:
    """The split and its headline figures (and the rivals' rule, with rivals), for records
    and scripts."""
    data = {"currency": plan.profile.currency, "budget": plan.settings.budget,
            "metric": plan.settings.metric, "split": plan.best,
            "gain": dict(zip(("mean", "low", "high"), plan.gain)),
            "over_best_single_lever": dict(zip(("mean", "low", "high"), plan.over_rival)),
            "best_single_lever": plan.rival,
            "share_of_draws_beating_today": plan.p_today,
            "share_of_draws_beating_best_single_lever": plan.p_rival,
            "agrees_with_its_marginal_returns": plan.consistency.consistent}
    if response is not None:
        data["rival_response"] = {"rule": response.rule, "lag_months": response.lag_months}
    path.write_text(tomli_w.dumps(data))
