"""The sections of a report, one per kind of stored experiment: strategy comparison
(with the flip point), sweep, lost customer. Each reads its store, saves its PNGs and
returns text, tables and figure captions for the Markdown and HTML summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from experiments.analysis.compare import paired_table
from experiments.analysis.lost_customer import PARTS, f10_check, per_customer
from experiments.analysis.sensitivity import INDEX_NAMES, METHOD_NAMES, rank_parameters
from experiments.errors import UsageError
from experiments.execution.storage import ResultStore
from experiments.reporting import text as sentences
from experiments.reporting.plots import compare as plots
from experiments.reporting.plots import sweep as sweep_plots
from experiments.reporting.text import f10_sentence, flip_sentence, headline, paired_text
from experiments.reporting.words import (
    LOSS_WORDS,
    VARIANT_WORDS,
    metric_words,
    parameter_label,
    strategy_words,
)


@dataclass
class Section:
    """Part of a report: paragraphs, tables of text, and saved figures."""

    title: str
    text: list[str] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)

    def save(self, fig: Figure, out: Path, name: str, caption: str) -> None:
        fig.savefig(out / name, dpi=110)
        self.images.append((name, caption))


def _intro(scenario: dict[str, Any], runs: int) -> str:
    desc = scenario.get("description") or scenario["name"]
    return (f"{desc}. {scenario['population']:,} people, {scenario['months']:g} months, "
            f"preset {scenario['preset']}, {runs} runs; strategies run on the same markets "
            "and random numbers in each replication (paired).")


def compare_section(store: ResultStore, out: Path, flip: ResultStore | None) -> Section:
    scenario = store.manifest["scenario"]
    runs, metric = store.runs(), scenario["metric"]
    sec = Section(f"Strategy comparison: {scenario['name']}", [_intro(scenario, len(runs))])
    table = paired_table(runs, metric)
    answer = headline(scenario, runs)
    if answer:
        sec.text.append(answer)
    if flip is not None and "flip" in flip.manifest:
        sec.text.append(flip_sentence(flip.manifest["flip"]))
    sec.tables.append((f"{metric_words(metric)} by strategy", paired_text(table)))
    sec.text += sentences.odd_results(table)
    sec.save(plots.comparison_bars(table), out, "comparison.png",
             f"{metric_words(metric)} against {strategy_words(table.attrs['reference'])}")
    steps = store.steps()
    sec.text += [note for note in (sentences.closed_market_note(steps),) if note]
    if metric == "net_promoter" or "net_promoter" in runs:
        sec.text.append(sentences.nps_note())
    sec.save(plots.timeline(steps, runs), out, "customers_profit.png",
             "customers and cumulative profit NPV over time (mean over replications)")
    sec.save(plots.churn_causes(steps, runs), out, "churn_by_cause.png", "churn by cause")
    sec.save(plots.wom_balance(steps, runs), out, "wom_balance.png",
             "word-of-mouth balance: positive and negative messages per month")
    customers = store.customers()
    if not customers.empty:
        sec.save(plots.cohort_retention(customers, runs), out, "cohort_retention.png",
                 "retention by acquisition cohort (one sample run per strategy)")
        sec.save(plots.clv_distribution(customers, runs), out, "clv_distribution.png",
                 "distribution of customer lifetime value (one sample run per strategy)")
    if flip is not None and "flip" in flip.manifest:
        _flip_figure(sec, flip.manifest["flip"], out, scenario)
    return sec


def _flip_figure(sec: Section, flip: dict[str, Any], out: Path, scenario: dict) -> None:
    table = pd.DataFrame(flip["evaluations"])
    fig = sweep_plots.flip_curve(table, flip["parameter"], flip["challenger"],
                                 flip["incumbent"], flip["metric"],
                                 log=(table.value > 0).all(), today=flip.get("today"))
    sec.save(fig, out, "flip_point.png",
             f"the flip search over {parameter_label(flip['parameter'])}")


def sweep_section(store: ResultStore, out: Path) -> Section:
    scenario, info = store.manifest["scenario"], store.manifest["sweep"]
    runs, metric = store.runs(), scenario["metric"]
    design = store.frame("design")
    if len(design) != info["points"]:
        raise UsageError(f"{store.root / 'design.parquet'}: {len(design)} points where the "
                         f"manifest planned {info['points']}; rerun the sweep to rewrite it")
    names, strategies = info["parameters"], list(scenario["strategies"])
    sec = Section(f"Sweep: {scenario['name']} ({info['design']} design, {info['points']} points)",
                  [_intro(scenario, len(runs))])
    if info["design"] == "cases":
        sec.save(sweep_plots.case_bars(runs, metric), out, "sweep_cases.png",
                 f"{metric_words(metric)} by case and strategy (95% CI)")
        return sec
    if len(names) >= 2:
        fig = sweep_plots.heatmap(design, runs, metric, names, strategies,
                                  grid=info["design"] == "grid")
        sec.save(fig, out, "sweep_heatmap.png", f"{metric_words(metric)} over "
                 f"{parameter_label(names[0])} and {parameter_label(names[1])} (one colour "
                 "scale for all panels)")
    else:
        sec.save(sweep_plots.line_sweep(design, runs, metric, names[0], strategies), out,
                 "sweep_line.png", f"{metric_words(metric)} against {parameter_label(names[0])}")
    sec.text += [sentences.spread_note(runs, metric, s) for s in strategies[:3]]
    method = info["design"]
    try:
        rankings = {s: {m: rank_parameters(design, runs, m, s, method, names, info["levels"],
                                           scenario["seed"]) for m in ("profit_npv", "retention")}
                    for s in strategies}
    except ValueError as err:
        sec.text.append(f"Parameter ranking skipped: {err}.")
        return sec
    for strategy, tables in rankings.items():
        for m, t in tables.items():
            sec.tables.append((f"what drives {metric_words(m)} ({strategy_words(strategy)}; "
                               f"importance = {INDEX_NAMES[method]})",
                               sentences.ranking_text(t)))
    sec.text.append(f"Settings are ranked with {METHOD_NAMES[method]} (SALib); an importance "
                    "whose ± reaches zero is within noise of no effect.")
    if method == "grid":
        sec.text.append("A grid is a rough design for this ranking (see the ± column); for "
                        "tighter figures run the same ranges with `ripple sweep ... --design "
                        "sobol` or `--design morris`.")
    sec.save(sweep_plots.ranking_bars(tables, INDEX_NAMES[method]), out, "sensitivity.png",
             f"parameter rankings ({strategy_words(strategy)})")
    return sec


def lost_section(store: ResultStore, out: Path) -> Section:
    scenario, spec = store.manifest["scenario"], store.manifest["lost_customer"]
    runs = store.runs()
    sec = Section("What one lost customer costs",
                  [f"{spec['customers']} customers lost at month {spec['at_month']:g} in "
                   f"{len(runs)} paired replications of {scenario['population']:,} people "
                   f"over {scenario['months']:g} months; results per lost customer."])
    table = per_customer(runs)
    sec.text.append(f10_sentence(f10_check(runs)).replace("\n  ", " "))
    quiet = table[(table.variant == "quiet") & (table.part == "wom_ripple")].iloc[0]
    sec.text.append(sentences.ripple_note(quiet["mean"], quiet.ci_low, quiet.ci_high))
    text = pd.DataFrame({"": list(LOSS_WORDS.values()), **{
        VARIANT_WORDS[v]: [sentences.per_customer_cell(r)
                           for _, r in table[table.variant == v].iterrows()]
        for v in VARIANT_WORDS}})
    sec.tables.append(("per lost customer (mean, 95% CI; money in $, people whole)", text))
    parts = {k: LOSS_WORDS[k] for k in PARTS}
    sec.save(sweep_plots.lost_customer_parts(table, parts, VARIANT_WORDS), out,
             "lost_customer.png", "profit NPV lost per lost customer, by part")
    sec.save(sweep_plots.lost_customer_trace(store.steps()), out, "lost_customer_trace.png",
             "customers missing after the loss, against the control")
    return sec

