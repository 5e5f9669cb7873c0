"""`ripple calibrate FIRM`: fit the unobserved behaviour to a firm's figures (ABC-SMC),
print the figures against the fitted market, write fitted.toml, posterior.parquet and
a fit report with plots."""

from __future__ import annotations

import argparse
import logging

from experiments.analysis.firm_figures import observed_figures
from experiments.analysis.firm_settings import (
    FitSettings,
    fit_market,
    priors_for,
    search_market,
)
from experiments.cli import command
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
from experiments.scenarios.firm import load_firm
from experiments.scenarios.firm_market import firm_params

DEFAULTS = FitSettings()


def configure(p: argparse.ArgumentParser) -> None:
    add_firm_args(p)
    p.add_argument("--particles", type=int, help=f"ABC particles ({DEFAULTS.particles})")
    p.add_argument("--generations", type=int,
                   help=f"at most this many ABC generations ({DEFAULTS.generations})")
    p.add_argument("--max-simulations", type=int,
                   help=f"stop after about this many simulations ({DEFAULTS.max_simulations})")
    p.add_argument("--population", type=int,
                   help="check the fit on markets of this many people (default: the "
                        "firm's, at most 20,000; the search's proposals use at most "
                        f"{DEFAULTS.search_population:,}; figures are per customer)")
    add_backend_args(p)


def settings_from_args(args: argparse.Namespace, seed: int) -> FitSettings:
    positive(args, "particles", "generations", "max-simulations", "population")
    if args.population is not None and args.population < 10:
        raise UsageError(f"--population {args.population}: must be >= 10")
    given = {"particles": args.particles, "generations": args.generations,
             "max_simulations": args.max_simulations, "population": args.population}
    return FitSettings(**{k: v for k, v in given.items() if v is not None},
                       seed=seed if args.seed is None else args.seed)


@command("calibrate", configure)
def calibrate_command(args: argparse.Namespace) -> int:
    """Fit a firm's market to its observed figures, with uncertainty (ABC-SMC)."""
    profile = load_firm(args.firm)
    settings = settings_from_args(args, profile.seed)
    check_fit_population(profile, settings.population)
    backend = backend_from_args(args)
    out = claim_folder(firm_dir(args, profile.source) / "calibration")
    from experiments.analysis.calibrate import (
        firm_fit,
        grade,
        noise_check,
        predictive_check,
        save_fit,
    )
    from experiments.execution.runner import open_backend
    from experiments.reporting.firm_text import rivals_sentence
    from experiments.reporting.fit_report import write_fit_report
    logging.getLogger("ABC").setLevel(logging.WARNING)
    clock = Stopwatch()
    print(f"Ripple calibrate {profile.name}: {profile.customers:,} customers of "
          f"{profile.size:,} people; fitting "
          f"{len(priors_for(observed_figures(profile)))} behaviours to the "
          f"observed figures on markets of {search_size(profile, settings):,} people, "
          f"checked on {fit_market_size(profile, settings):,} ({backend.name})", flush=True)
    if profile.rivals:
        print(rivals_sentence(profile.name, [r.name for r in profile.rivals]), flush=True)
    with open_backend(backend) as pool:
        market, posterior = firm_fit(profile, settings, backend=backend, pool=pool)
        check = predictive_check(market, posterior, settings, backend, pool)
        noise = noise_check(market, posterior, settings, backend, pool)
    fit_grade = grade(posterior, check, noise)
    paths = save_fit(out, market, posterior, profile.identity(), fit_grade)
    report = write_fit_report(out, profile, posterior, check, noise, fit_grade,
                              clock.seconds())
    _print_tables(posterior, check, noise, fit_grade)
    print(f"{posterior.simulations + len(check) + len(noise):,} simulations "
          f"({posterior.simulations:,} in {posterior.generations} ABC generations, "
          f"{len(check) + len(noise)} for the check) in {clock.text()}")
    print(f"Fitted parameters: {paths['fitted']}   posterior sample: {paths['posterior']}")
    print(f"Report: {report}")
    return 0


def fit_market_size(profile, settings: FitSettings) -> int:
    return fit_market(firm_params(profile), settings).market.population


def search_size(profile, settings: FitSettings) -> int:
    return search_market(firm_params(profile), settings).market.population


def _print_tables(posterior, check, noise, fit_grade) -> None:
    from experiments.reporting.fit_report import figure_table, grade_lines, parameter_table
    print("\n".join(grade_lines(fit_grade, posterior.priors)))
    print(f"  {'observed figure':<54}{'observed':>10}{'simulated':>10}{'noise (sd)':>11}"
          f"{'90% interval':>22}")
    for r in figure_table(posterior, check, noise).itertuples():
        mark = ("" if r.fits else "   missed") + ("" if r.inside else "   outside")
        print(f"  {r.figure:<54}{r.observed:>10.3g}{r.simulated:>10.3g}{r.noise:>11.2g}"
              f"{f'{r.low:.3g} to {r.high:.3g}':>22}{mark}")
    print(f"  {'fitted behaviour':<58}{'median':>9}{'90% interval':>22}")
    for r in parameter_table(posterior).itertuples():
        print(f"  {r.parameter:<58}{r.median:>9.3g}{f'{r.low:.3g} to {r.high:.3g}':>22}")
