"""Ripple's benchmark: speed and memory at market scale, against Mesa's own network
example measured in the same run.

    python -m benchmarks.run            # full table (a few minutes)
    python -m benchmarks.run --quick    # smoke version (seconds), run by CI
    python -m benchmarks.run --huge     # adds 10 million customers
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

TARGETS = {  # (customers, months): customer-steps/s target, text
    "100k": "100k x 120 months: >= 20x the peer",
    "1M": "1M x 120 months: <= 60 s, <= 3 GB",
    "10M": "10M x 120 months: <= 10 min",
    "net": "1M-node network: <= 10 s",
}


def measure(case: str, **kwargs) -> dict:
    """Run one case in a fresh, single-core process and return its figures."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.cases", case, json.dumps(kwargs)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"benchmark case {case} {kwargs} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def plan(quick: bool, huge: bool, months: int) -> list[tuple[str, dict]]:
    if quick:
        return [("ripple", {"customers": 10_000, "months": 12, "phases": True}),
                ("peer", {"customers": 2_000, "months": 12}),
                ("ripple", {"customers": 2_000, "months": 12}),
                ("network", {"kind": "small_world", "customers": 100_000}),
                ("network", {"kind": "scale_free", "customers": 100_000})]
    cases = [("peer", {"customers": 10_000, "months": months}),
             ("ripple", {"customers": 10_000, "months": months}),
             ("peer", {"customers": 100_000, "months": months}),
             ("ripple", {"customers": 100_000, "months": months, "phases": True}),
             ("ripple", {"customers": 1_000_000, "months": months}),
             ("network", {"kind": "small_world", "customers": 1_000_000}),
             ("network", {"kind": "scale_free", "customers": 1_000_000})]
    if huge:
        cases.append(("ripple", {"customers": 10_000_000, "months": months}))
    return cases


def table(rows: list[dict]) -> str:
    """A Markdown table: one line per case, ratio against the peer at the same size."""
    peers = {r["customers"]: r["customer_steps_per_s"] for r in rows if r["case"].startswith("peer")}
    lines = ["| case | customers | months | wall s | customer-steps/s | peak MB | vs peer |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        rate = r.get("customer_steps_per_s")
        ratio = (f"{rate / peers[r['customers']]:.1f}x" if rate and r["case"].startswith("ripple")
                 and r["customers"] in peers else "")
        lines.append(f"| {r['case']} | {r['customers']:,} | {r['months']} | {r['wall_seconds']:.2f} | "
                     f"{f'{rate:,.0f}' if rate else '-'} | {r['peak_mb']:,.0f} | {ratio} |")
    return "\n".join(lines)


def phase_table(rows: list[dict]) -> str:
    lines = []
    for r in rows:
        if "phase_seconds" in r:
            total = sum(r["phase_seconds"].values())
            lines.append(f"\nPhase cost, {r['customers']:,} customers x {r['months']} months "
                         f"(ns per customer-step):")
            for phase, sec in sorted(r["phase_seconds"].items(), key=lambda kv: -kv[1]):
                per = sec / (r["customers"] * r["months"]) * 1e9
                lines.append(f"  {phase:<12}{sec:8.2f} s {100 * sec / total:5.1f}% {per:8.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="seconds-long smoke run")
    parser.add_argument("--huge", action="store_true", help="also 10 million customers")
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--json", help="also write the raw figures to this file")
    args = parser.parse_args(argv)
    rows = []
    for case, kwargs in plan(args.quick, args.huge, args.months):
        print(f"measuring {case} {kwargs} ...", file=sys.stderr, flush=True)
        rows.append(measure(case, **kwargs))
    print(table(rows))
    print(phase_table(rows))
    peer = next((r for r in rows if r["case"].startswith("peer")), None)
    if peer:
        print(f"\npeer changes: {peer['changes']}; each case runs in its own process on one core; "
              "peak MB is that process's maximum resident set size.")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(rows, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
