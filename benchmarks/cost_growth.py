"""Cost growth: nanoseconds per customer-step against market size, split by phase.

    python -m benchmarks.cost_growth results.json docs/cost_growth.png

draws the figure from the raw figures `python -m benchmarks.run --json` wrote.
"""

from __future__ import annotations

import argparse
import json

PHASE_LABELS = {"service": "Service encounters", "complaints": "Complaints",
                "wom": "Word of mouth", "churn": "Churn", "acquisition": "Acquisition",
                "economics": "Economics", "recording": "Recording"}


def growth_rows(rows: list[dict]) -> list[dict]:
    """The full-model rows that carry a phase split, smallest market first."""
    runs = [r for r in rows if r["case"].startswith("ripple") and "phase_seconds" in r]
    return sorted(runs, key=lambda r: r["customers"])


def ns_per_customer_step(row: dict, seconds: float) -> float:
    return seconds / (row["customers"] * row["months"]) * 1e9


def plot(rows: list[dict], path: str) -> None:
    """Stacked phases (lines of stepping cost) plus the network build, on a log size axis."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = growth_rows(rows)
    sizes = [r["customers"] for r in runs]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    stacks = [[ns_per_customer_step(r, r["phase_seconds"][p]) for r in runs] for p in PHASE_LABELS]
    ax.stackplot(sizes, stacks, labels=list(PHASE_LABELS.values()), alpha=0.85)
    total = [ns_per_customer_step(r, r["wall_seconds"]) for r in runs]
    ax.plot(sizes, total, "k-o", label="Whole run, network build included")
    if all("cpu_seconds" in r for r in runs):
        cpu = [ns_per_customer_step(r, r["cpu_seconds"]) for r in runs]
        ax.plot(sizes, cpu, "k--", label="Whole run, CPU time")
        total = [max(a, b) for a, b in zip(total, cpu)]
    ax.set_xscale("log")
    ax.set_xlabel("Customers in the market")
    ax.set_ylabel("Nanoseconds per customer-step")
    months = {r["months"] for r in runs}
    ax.set_title(f"Cost per customer-step, {'/'.join(map(str, sorted(months)))} monthly "
                 "steps, one core")
    ax.set_ylim(0, max(total) * 1.15)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", ncol=2)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="JSON file written by benchmarks.run --json")
    parser.add_argument("png", help="where to save the figure")
    args = parser.parse_args(argv)
    with open(args.results) as handle:
        plot(json.load(handle), args.png)
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
