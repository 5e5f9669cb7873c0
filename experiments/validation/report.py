"""The validation report: one section per target with its checks table and figure, a
summary table, and checks.csv; Markdown and HTML from the one report writer."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from experiments.reporting.document import Document, Section
from experiments.validation.registry import KINDS, Check, number
from experiments.validation.suite import Context, Result


def measured(check: Check) -> str:
    se = "" if math.isnan(check.se) else f" ± {number(check.se)}"
    return f"{number(check.measured)}{se}"


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def check_rows(checks: Sequence[Check]) -> pd.DataFrame:
    return pd.DataFrame([{"quantity": c.quantity, "measured ± SE": measured(c),
                          "target": c.target,
                          "result": "reported" if not c.graded else verdict(c.passed),
                          "tolerance, why": c.why} for c in checks])


def section(result: Result, figure: str | None) -> Section:
    t = result.target
    sec = Section(t.title, [f"{t.name}: {verdict(result.passed)} ({result.seconds:.1f} s); "
                            f"{KINDS[t.kind]}.", t.claim, f"Source: {t.source}."])
    if result.outcome is None:
        sec.text.append(f"The target could not be measured: {result.error}")
        return sec
    config = "; ".join(f"{k}: {v}" for k, v in result.outcome.config.items())
    sec.text.append(f"Configuration: {config}.")
    sec.tables.append(("", check_rows(result.outcome.checks)))
    sec.text += result.outcome.notes
    if figure:
        sec.images.append((f"figures/{figure}", t.title))
    return sec


def summary_rows(results: Sequence[Result]) -> pd.DataFrame:
    return pd.DataFrame([{"target": r.target.title, "source": short_source(r.target.source),
                          "kind": r.target.kind, "result": verdict(r.passed)}
                         for r in results])


def short_source(source: str) -> str:
    """Authors and year ("Bass, F. M. (1969)"), or the text before the first semicolon."""
    if ")" in source and "(" in source:
        return source[:source.index(")") + 1]
    return source.split(";")[0]


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
    """Write report.md, report.html, figures/*.png and checks.csv into `out`; returns the
    Markdown report's path."""
    out = Path(out)
    figures = out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    failed = sum(not r.passed for r in results)
    intro = [f"Size {ctx.size.name}, root seed {ctx.root_seed}, {len(results)} targets, "
             f"{failed} failed, {seconds:.0f} s. Each measured value is a mean over seeded "
             "replications with its standard error; each target states its tolerance and why.",
             "Kinds: " + "; ".join(KINDS.values()) + ". Only emergent targets are "
             "reproductions of the published figures."]
    summary = Section("Summary", tables=[("", summary_rows(results))])
    sections = [section(r, draw(r, figures)) for r in results]
    path = Document("Ripple validation report", intro, [summary, *sections]).write(out, "report")
    checks_table(results).to_csv(out / "checks.csv", index=False)
    return path
