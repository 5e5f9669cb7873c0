"""`ripple forecast FIRM --years N`: the share of today's customers still customers at the
end of years 1..N, the posterior median with a 90% band, printed and written to
forecast.csv (year, retention, low, high; shares 0-1) in the firm's results folder."""

from __future__ import annotations

import argparse

from experiments.cli import command
from experiments.cli.allocate import checked_posterior
from experiments.cli.options import (
    add_backend_args,
    add_firm_args,
    backend_from_args,
    check_fit_population,
    firm_dir,
    positive,
)
from experiments.errors import UsageError
from experiments.execution.out_folder import claim_folder
from experiments.scenarios.cohort_curve import MAX_YEARS
from experiments.scenarios.firm import load_firm
from experiments.scenarios.firm_market import firm_params

DRAWS = 20


def configure(p: argparse.ArgumentParser) -> None:
    add_firm_args(p)
    p.add_argument("--years", type=int, default=5,
                   help=f"years to forecast, 1 to {MAX_YEARS} (5)")
    p.add_argument("--draws", type=int, default=DRAWS,
                   help=f"posterior draws, one simulated market each ({DRAWS})")
    p.add_argument("--posterior", help="posterior sample (default: the firm's calibration, "
                                       "results/<firm>/calibration/posterior.parquet)")
    p.add_argument("--population", type=int,
                   help="simulate markets of this many people (default: the firm's, at most "
                        "20,000; shares do not depend on it)")
    add_backend_args(p)


def check_args(args: argparse.Namespace) -> None:
    if not 1 <= args.years <= MAX_YEARS:
        raise UsageError(f"--years {args.years}: must be between 1 and {MAX_YEARS}")
    if args.draws < 2:
        raise UsageError(f"--draws {args.draws}: must be >= 2 (a band needs several)")
    positive(args, "population")


@command("forecast", configure)
def forecast_command(args: argparse.Namespace) -> int:
    """A cohort's retention for years 1..N with a band from the firm's posterior."""
    check_args(args)
    profile = load_firm(args.firm)
    if profile.rivals:   # the cohort followed is the market's month-0 customers
        raise UsageError(f"{profile.source}: market.firms: a forecast follows every firm's "
                         "customers together, not one firm's: forecast the profile without "
                         "its [[market.firms]] rivals")
    check_fit_population(profile, args.population)
    path, stored = checked_posterior(args, profile)
    backend = backend_from_args(args)
    out = claim_folder(firm_dir(args, profile.source))
    from experiments.analysis.calibrate import resample
    from experiments.analysis.firm_settings import FitSettings, fit_market
    from experiments.analysis.forecast import forecast
    from experiments.execution.runner import open_backend
    seed = profile.seed if args.seed is None else args.seed
    market = fit_market(firm_params(profile),
                        FitSettings(population=args.population))
    draws = resample(stored, args.draws, seed)
    print(f"Ripple forecast {profile.name}: {args.years} years, {args.draws} posterior draws "
          f"from {path}, markets of {market.market.population:,} people", flush=True)
    with open_backend(backend, args.draws) as pool:
        result = forecast(market, draws, args.years, seed, backend, pool,
                          profile.cohort_retention)
    print(result.text())
    result.to_csv(out / "forecast.csv")
    print(f"Forecast: {out / 'forecast.csv'}")
    return 0
