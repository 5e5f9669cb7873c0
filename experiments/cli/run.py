"""`ripple run`: one market, one seed; prints a short summary and writes the time series."""

from __future__ import annotations

import argparse
from pathlib import Path

from experiments.cli import command
from experiments.errors import UsageError
from experiments.execution.cost import estimate, refuse_if_too_big
from experiments.execution.whole_files import write_atomic
from experiments.scenarios.market_scale import scale_market
from experiments.scenarios.scenario import load_scenario
from simulation import ParameterError, Params
from simulation.horizon import check_horizon


def parse_overrides(pairs: list[str]) -> dict[str, object]:
    """`key=value` strings to typed overrides (TOML value syntax: 0.1, true, "text")."""
    import tomllib
    out: dict[str, object] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--set {pair!r}: expected NAME=VALUE, e.g. complaint_prob=0.1")
        try:
            out[key.strip()] = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            out[key.strip()] = raw.strip()
    return out


def take_population(overrides: dict[str, object]) -> int | None:
    """Take a --set population=N out of the overrides (it resizes the market instead)."""
    value = None
    for key in ("population", "market.population"):
        if key in overrides:
            value = overrides.pop(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 10 <= value <= 50_000_000:
        raise UsageError(f"--set population={value!r}: expected a whole number between 10 "
                         "and 50000000")
    return value


def load_params(preset: str, params_file: str | None, overrides: list[str],
                scenario: str | None = None) -> tuple[Params, float]:
    """The market to run and its horizon: a scenario's, a parameter file's or a preset's,
    with --set changes; --set population=N resizes it by the money-scaling rule."""
    if scenario and params_file:
        raise UsageError("give a SCENARIO or --params, not both")
    months = 60.0
    if scenario:
        loaded = load_scenario(scenario)
        base, months = loaded.params, loaded.months
    else:
        base = _params_file(params_file) if params_file else Params.preset(preset)
    changes = parse_overrides(overrides)
    population = take_population(changes)
    params = base.replace(**changes)
    return (scale_market(params, population) if population else params), months


def _params_file(path: str) -> Params:
    """Parameters from a TOML file; an error always names the file."""
    try:
        return Params.from_toml(path)
    except ParameterError as err:
        if path in str(err):
            raise
        raise UsageError(f"{path}: {err}") from None


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", nargs="?", metavar="SCENARIO",
                   help="scenario TOML file or built-in name: run its market for its horizon "
                        "(instead of --preset / --params)")
    p.add_argument("--preset", default="folklore", help="built-in preset (folklore, evidence)")
    p.add_argument("--params", help="TOML file of parameters (instead of a preset)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="override one parameter, e.g. --set complaint_prob=0.1 (repeatable)")
    p.add_argument("--months", type=float,
                   help="horizon in months (the scenario's; 60 without one)")
    p.add_argument("--seed", type=int, default=7, help="random seed (7)")
    p.add_argument("--out", default="results/run", help="folder for the output files")
    p.add_argument("--force", action="store_true",
                   help="run even when the estimated memory or time is too large")


SHOWN = [("customers", "customers at the end", "{:,.0f}"),
         ("profit_npv", "profit NPV", "{:,.0f}"), ("mean_clv", "mean CLV", "{:,.0f}"),
         ("net_promoter", "net promoter score", "{:+.0f}"),
         ("wom_positive", "positive WOM messages", "{:,.0f}"),
         ("wom_negative", "negative WOM messages", "{:,.0f}"),
         ("complaints", "complaints", "{:,.0f}"), ("lost", "customers lost", "{:,.0f}")]


@command("run", configure)
def run_command(args: argparse.Namespace) -> int:
    """Run one market (a scenario's or a preset's) and print a short summary."""
    params, months = load_params(args.preset, args.params, args.set, args.scenario)
    months = months if args.months is None else args.months
    try:
        check_horizon(months, params.market.step_months, "--months")
    except ParameterError as err:
        raise UsageError(str(err)) from None
    refuse_if_too_big(estimate(params, months, 1), args.force)
    from simulation import run
    from simulation.levers import UNITS
    from simulation.recording import flat_summary
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    result = run(params, seed=args.seed, months=months)
    write_atomic(out / "timeseries.csv", lambda tmp: result.timeseries.to_csv(tmp, index=False))
    summary = result.summary
    print(f"Ripple: {params.market.population:,} people, {months:g} months, seed {args.seed}")
    currency = params.economics.currency
    for key, label, fmt in SHOWN:
        label = f"{label} ({currency})" if key in ("profit_npv", "mean_clv") else label
        print(f"  {label:<26}{fmt.format(summary[key]):>14}")
    if "firms" in summary:
        from experiments.reporting.firm_text import firm_lines
        print("\n".join(firm_lines(summary["firms"], currency)))
    print("  churn by cause:")
    for cause, share in summary["churn_shares"].items():
        print(f"    {cause.replace('_', ' '):<24}{share:>14.1%}")
    for lever, unit in UNITS.items():   # what the levers' money bought, and what stood idle
        bought, used, idle = (summary["levers"][f"{lever}_{k}"] for k in ("bought", "used", "idle"))
        if bought:
            print(f"  {unit}: {bought:,.0f} bought, {used:,.0f} used, {idle:,.0f} idle")
    if result.firms is not None:
        from functools import partial

        from experiments.reporting.plots.brands import brand_figure
        write_atomic(out / "firms.csv", lambda tmp: result.firms.to_csv(tmp, index=False))
        write_atomic(out / "brands.png", partial(brand_figure(result.firms, currency).savefig,
                                                 dpi=110, format="png"))
    flat = flat_summary(summary)
    text = "key,value\n" + "".join(f"{k},{v}\n" for k, v in flat.items())
    write_atomic(out / "summary.csv", lambda tmp: tmp.write_text(text))
    firms = (f"   by firm: {out / 'firms.csv'}   market share by brand: {out / 'brands.png'}"
             if result.firms is not None else "")
    print(f"time series: {out / 'timeseries.csv'}   summary: {out / 'summary.csv'}{firms}")
    return 0
