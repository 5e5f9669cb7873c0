"""Ripple's benchmark: speed and memory at market scale, against Mesa's network example
and NDlib's SIR model measured in the same run.

    python -m benchmarks.run            # full table (several minutes)
    python -m benchmarks.run --quick    # smoke version (seconds), run by CI
    python -m benchmarks.run --huge     # adds 10 million customers (needs ~3 GB)
    python -m benchmarks.run --huge --json out.json --plot docs/cost_growth.png
    python -m benchmarks.run --from out.json   # the table again, from figures measured
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from benchmarks.cost_growth import growth_rows, ns_per_customer_step, plot

SMALL_MARKET_BEFORE = 9.6   # runs per CPU-second at 10,000 x 36 months, the earlier code
SMALL_MARKET_TARGET = 3 * SMALL_MARKET_BEFORE


def measure(case: str, **kwargs) -> dict:
    """Run one case in a fresh, single-core process and return its figures."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.cases", case, json.dumps(kwargs)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"benchmark case {case} {kwargs} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def plan(quick: bool, huge: bool, months: int) -> list[tuple[str, dict]]:
    if quick:
        return [("peer", {"customers": 2_000, "months": 12}),
                ("peer_ndlib", {"customers": 2_000, "months": 12}),
                ("ripple", {"customers": 2_000, "months": 12}),
                ("calibration", {"customers": 2_000, "months": 12, "runs": 3}),
                ("network", {"kind": "small_world", "customers": 100_000})]
    cases = [("peer", {"customers": 10_000, "months": months}),
             ("peer_ndlib", {"customers": 10_000, "months": months}),
             ("ripple", {"customers": 10_000, "months": months}),
             ("peer", {"customers": 100_000, "months": months}),
             ("peer_ndlib", {"customers": 100_000, "months": months}),
             ("ripple", {"customers": 100_000, "months": months}),
             ("ripple", {"customers": 300_000, "months": months}),
             ("ripple", {"customers": 1_000_000, "months": months}),
             ("calibration", {"customers": 10_000, "months": 36, "runs": 20}),
             ("network", {"kind": "small_world", "customers": 1_000_000}),
             ("network", {"kind": "scale_free", "customers": 1_000_000})]
    if huge:
        cases.append(("ripple", {"customers": 10_000_000, "months": months}))
    return cases


def _ratios(rate: float, customers: int, peers: dict) -> str:
    return " / ".join(f"{rate / peers[(name, customers)]:.1f}x" if (name, customers) in peers
                      else "-" for name in ("mesa", "ndlib"))


def table(rows: list[dict]) -> str:
    """A Markdown table: one line per case, ratios against both peers at the same size."""
    peers = {(r["case"].split()[1], r["customers"]): r["customer_steps_per_s"]
             for r in rows if r["case"].startswith("peer")}
    lines = ["| case | customers | months | import s | wall s | CPU s | load | customer-steps/s "
             "| ns per customer-step | peak MB | vs Mesa / NDlib |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        rate = r.get("customer_steps_per_s")
        ratio = _ratios(rate, r["customers"], peers) if r["case"].startswith("ripple") else ""
        ns = f"{1e9 / rate:.0f}" if rate else "-"
        imported = f"{r['import_seconds']:.2f}" if "import_seconds" in r else ""
        cpu = f"{r['cpu_seconds']:.2f}" if "cpu_seconds" in r else ""
        load = f"{r['load']:.1f}" if "load" in r else ""
        lines.append(f"| {r['case']} | {r['customers']:,} | {r['months']} | {imported} | "
                     f"{r['wall_seconds']:.2f} | {cpu} | {load} | "
                     f"{f'{rate:,.0f}' if rate else '-'} | {ns} | "
                     f"{r['peak_mb']:,.0f} | {ratio} |")
    return "\n".join(lines)


def phase_table(rows: list[dict]) -> str:
    lines = ["\nPhase cost in ns per customer-step (network build: see wall minus phases):"]
    runs = growth_rows(rows)
    lines.append(f"  {'phase':<12}" + "".join(f"{r['customers']:>12,}" for r in runs))
    for phase in runs[0]["phase_seconds"] if runs else ():
        lines.append(f"  {phase:<12}" + "".join(
            f"{ns_per_customer_step(r, r['phase_seconds'][phase]):12.1f}" for r in runs))
    lines.append(f"  {'build':<12}" + "".join(
        f"{ns_per_customer_step(r, r['build_seconds']):12.1f}" for r in runs))
    return "\n".join(lines)


def _find(rows, case, customers):
    return next((r for r in rows if r["case"].startswith(case) and r["customers"] == customers),
                None)


def targets(rows: list[dict]) -> str:
    """Each speed target in words: the measured figure and whether it is met."""
    out = ["\nTargets:"]
    ours, mesa = _find(rows, "ripple", 100_000), _find(rows, "peer: mesa", 100_000)
    if ours and mesa:
        ratio = ours["customer_steps_per_s"] / mesa["customer_steps_per_s"]
        by_cpu = mesa["cpu_seconds"] / ours["cpu_seconds"]
        out.append(f"  100k x {ours['months']} months >= 50x Mesa's example: {ratio:.1f}x in "
                   f"wall time, {by_cpu:.1f}x in CPU time "
                   f"({ours['customer_steps_per_s'] / 1e6:.1f}M customer-steps/s): "
                   f"{'met' if ratio >= 50 else 'NOT met'}")
    for customers, seconds, mb in ((1_000_000, 8, 1024), (10_000_000, 120, 3072)):
        r = _find(rows, "ripple", customers)
        if r:
            ok = r["wall_seconds"] <= seconds and r["peak_mb"] <= mb
            cpu_ok = r["cpu_seconds"] <= seconds and r["peak_mb"] <= mb
            verdict = ("met" if ok else "met in CPU time, NOT met in wall time at this load"
                       if cpu_ok else "NOT met")
            out.append(f"  {customers:,} x {r['months']} months <= {seconds} s and <= {mb:,} MB: "
                       f"{r['wall_seconds']:.1f} s wall, {r['cpu_seconds']:.1f} s CPU (load "
                       f"{r['load']:.1f} on {os.cpu_count()} cores), {r['peak_mb']:,.0f} MB: "
                       f"{verdict}")
    cal = next((r for r in rows if r["case"] == "ripple calibration runs"), None)
    if cal:
        per_cpu = cal["runs"] / cal["cpu_seconds"]
        judged = (cal["customers"], cal["months"]) == (10_000, 36)   # where the target is set
        verdict = ("met" if per_cpu >= SMALL_MARKET_TARGET else "NOT met") if judged else (
            "not judged: the target is set at 10,000 x 36 months")
        out.append(f"  {cal['customers']:,} x {cal['months']} months (calibration) >= "
                   f"{SMALL_MARKET_TARGET:.1f} runs per CPU-second (3x {SMALL_MARKET_BEFORE}): "
                   f"{per_cpu:.1f} per CPU-second, {cal['runs_per_s']:.1f} per second of wall "
                   f"time: {verdict}; fixed cost of a step {cal['fixed_step_us']:.0f} us "
                   f"(measured on 200 people)")
    net = _find(rows, "network small_world", 1_000_000)
    if net:
        out.append(f"  1M-person network <= 10 s: {net['wall_seconds']:.1f} s: "
                   f"{'met' if net['wall_seconds'] <= 10 else 'NOT met'}")
    out.append("  (wall times on a shared machine grow with its load, shown per case; CPU "
               "time is what one uncontended core would need, give or take cache sharing; "
               "ratios against the peers of the same run vary less)")
    return "\n".join(out)


def _read(path: str) -> list[dict]:
    try:
        with open(path) as handle:
            return json.load(handle)
    except (OSError, ValueError) as err:
        raise SystemExit(f"--from {path}: cannot read benchmark figures ({err})") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="seconds-long smoke run")
    parser.add_argument("--huge", action="store_true", help="also 10 million customers")
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--json", help="also write the raw figures to this file")
    parser.add_argument("--plot", help="save the cost-growth figure (PNG) here")
    parser.add_argument("--from", dest="source", metavar="JSON",
                        help="measure nothing: report the figures a --json run wrote")
    args = parser.parse_args(argv)
    rows = _read(args.source) if args.source else []
    for case, kwargs in [] if args.source else plan(args.quick, args.huge, args.months):
        print(f"measuring {case} {kwargs} ...", file=sys.stderr, flush=True)
        rows.append(measure(case, **kwargs))
    print(table(rows))
    print(phase_table(rows))
    print(targets(rows))
    peers = {r["case"]: r["changes"] for r in rows if r["case"].startswith("peer")}
    for name, changes in peers.items():
        print(f"{name}: {changes}")
    print("Each case runs in its own process on one core; peak MB is that process's "
          "maximum resident set size. Wall seconds start after the import (for Ripple: its "
          "compiled kernels loaded from the disk cache), which the import column shows.")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(rows, handle, indent=1)
    if args.plot:
        plot(rows, args.plot)
        print(f"cost-growth figure saved to {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
