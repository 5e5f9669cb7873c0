"""The validation report: Markdown with one section per target, PNG figures, a checks table."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from experiments.validation.registry import KINDS, Check, number
from experiments.validation.suite import Context, Result


def measured(check: Check) -> str:
    se = "" if math.isnan(check.se) else f" ± {number(check.se)}"
    return f"{number(check.measured)}{se}"


def verdict(passed: bool) -> str:
    return "PASS" if passed else "**FAIL**"


def check_rows(checks: Sequence[Check]) -> list[str]:
    rows = ["| quantity | measured ± SE | target | result | tolerance, why |",
            "|---|---|---|---|---|"]
    for c in checks:
        result = "reported" if not c.graded else verdict(c.passed)
        rows.append(f"| {c.quantity} | {measured(c)} | {c.target} | {result} | {c.why} |")
    return rows


def section(result: Result, figure: str | None) -> list[str]:
    t = result.target
    lines = [f"## {t.title}", "", f"`{t.name}` — {verdict(result.passed)} "
             f"({result.seconds:.1f} s) — *{KINDS[t.kind]}*", "", t.claim, "",
             f"*Source:* {t.source}", ""]
    if result.outcome is None:
        return lines + [f"The target could not be measured: `{result.error}`", ""]
    config = "; ".join(f"{k}: {v}" for k, v in result.outcome.config.items())
    lines += [f"*Configuration:* {config}", ""] + check_rows(result.outcome.checks) + [""]
    lines += [f"> {note}" for note in result.outcome.notes]
    if figure:
        lines += ["", f"![{t.title}](figures/{figure})"]
    return lines + [""]


def summary_rows(results: Sequence[Result]) -> list[str]:
    rows = ["| target | source | kind | result |", "|---|---|---|---|"]
    for r in results:
        source = short_source(r.target.source)
        rows.append(f"| [{r.target.title}](#{anchor(r.target.title)}) | {source} | "
                    f"{r.target.kind} | {verdict(r.passed)} |")
    return rows


def short_source(source: str) -> str:
    """Authors and year ("Bass, F. M. (1969)"), or the text before the first semicolon."""
    if ")" in source and "(" in source:
        return source[:source.index(")") + 1]
    return source.split(";")[0]


def anchor(title: str) -> str:
    """GitHub-style heading anchor."""
    kept = "".join(ch for ch in title.lower() if ch.isalnum() or ch in " -")
    return kept.replace(" ", "-")


def draw(result: Result, folder: Path) -> str | None:
    """Write the target's figure (if it has one); returns the file name."""
    if result.outcome is None or result.target.plot is None:
        return None
    name = f"{result.target.name}.png"
    result.target.plot(result.outcome.data, folder / name)
    return name


def checks_table(results: Sequence[Result]) -> pd.DataFrame:
    """One row per check: machine-readable twin of the report."""
    rows = [{"target": r.target.name, "kind": r.target.kind, "quantity": c.quantity,
             "measured": c.measured,
             "se": c.se, "target_value": c.target, "low": c.low, "high": c.high,
             "graded": c.graded, "passed": c.passed}
            for r in results if r.outcome for c in r.outcome.checks]
    return pd.DataFrame(rows)


def write_report(results: Sequence[Result], out: Path | str, ctx: Context,
                 seconds: float) -> Path:
    """Write report.md, figures/*.png and checks.csv into `out`; returns the report path."""
    out = Path(out)
    figures = out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    failed = sum(not r.passed for r in results)
    lines = ["# Ripple validation report", "",
             f"Size `{ctx.size.name}`, root seed {ctx.root_seed}, {len(results)} targets, "
             f"{failed} failed, {seconds:.0f} s. Each measured value is a mean over seeded "
             "replications with its standard error; each target states its tolerance and why.",
             "", "Kinds: " + "; ".join(KINDS.values()) + ". Only emergent targets are "
             "reproductions of the published figures.", "", *summary_rows(results), ""]
    for r in results:
        lines += section(r, draw(r, figures))
    path = out / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    checks_table(results).to_csv(out / "checks.csv", index=False)
    return path
