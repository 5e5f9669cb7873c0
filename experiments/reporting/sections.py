"""The sections of a report, one per kind of stored experiment: strategy comparison
(with the flip point), sweep, lost customer. Each reads its store, saves its PNGs and
returns text, tables and figure captions for the Markdown and HTML summary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from experiments.errors import UsageError
from experiments.execution.storage import ResultStore
from experiments.reporting import text as sentences
from experiments.reporting.document import Section
from experiments.reporting.plots import compare as plots
from experiments.reporting.plots import sweep as sweep_plots
from experiments.reporting.results import Comparison, LostCustomer, Sweep
from experiments.reporting.text import flip_sentence
from experiments.reporting.words import (
    CURRENCY,
    index_words,
    method_words,
    metric_words,
    parameter_label,
    strategy_words,
)


def _intro(scenario: dict[str, Any], runs: int) -> str:
    desc = scenario.get("description") or scenario["name"]
    return (f"{desc}. {scenario['population']:,} people, {scenario['months']:g} months, "
            f"preset {scenario['preset']}, {runs} runs; strategies run on the same markets "
            "and random numbers in each replication (paired).")


def compare_section(store: ResultStore, out: Path, flip: ResultStore | None) -> Section:
    scenario = store.manifest["scenario"]
    runs, metric = store.runs(), scenario["metric"]
    sec = Section(f"Strategy comparison: {scenario['name']}", [_intro(scenario, len(runs))])
    result = Comparison(runs, metric, scenario=scenario)
    sec.text += result.sentences()      # the answer, and why an odd result is odd
    currency = scenario.get("currency", "")
    if flip is not None and "flip" in flip.manifest:
        sec.text.append(flip_sentence(flip.manifest["flip"], currency))
    sec.tables.append((f"{metric_words(metric)} by strategy", result.words()))
    sec.save(result.plot(), out, "comparison.png",
             f"{metric_words(metric)} against {strategy_words(result.table.attrs['reference'])}")
    steps = store.steps()
    sec.text += [note for note in (sentences.closed_market_note(steps),) if note]
    if metric == "net_promoter" or "net_promoter" in runs:
        sec.text.append(sentences.nps_note())
    sec.save(plots.timeline(steps, runs), out, "customers_profit.png",
             "customers and cumulative profit NPV over time (mean over replications)")
    sec.save(plots.churn_causes(steps, runs), out, "churn_by_cause.png", "churn by cause")
    sec.save(plots.wom_balance(steps, runs), out, "wom_balance.png",
             "word-of-mouth balance: positive and negative messages per month")
    if flip is not None and "flip" in flip.manifest:
        _flip_figure(sec, flip.manifest["flip"], out, scenario)
    return sec


def _flip_figure(sec: Section, flip: dict[str, Any], out: Path, scenario: dict) -> None:
    table = pd.DataFrame(flip["evaluations"])
    fig = sweep_plots.flip_curve(table, flip["parameter"], flip["challenger"],
                                 flip["incumbent"], flip["metric"],
                                 log=(table.value > 0).all(),
                                 currency=flip.get("currency") or scenario.get("currency", ""),
                                 today=flip.get("today"))
    sec.save(fig, out, "flip_point.png",
             f"the flip search over {parameter_label(flip['parameter'], scenario.get('currency', ''))}")


def sweep_section(store: ResultStore, out: Path) -> Section:
    scenario, info = store.manifest["scenario"], store.manifest["sweep"]
    result = Sweep.open(store.root)
    if len(result.design) != info["points"]:
        raise UsageError(f"{store.root / 'design.parquet'}: {len(result.design)} points where "
                         f"the manifest planned {info['points']}; rerun the sweep to rewrite it")
    names, metric, method = result.names, result.metric, result.method
    what, cur = metric_words(metric), scenario.get("currency", "")
    sec = Section(f"Sweep: {scenario['name']} ({method} design, {info['points']} points)",
                  [_intro(scenario, len(result.runs))])
    if method == "cases":
        sec.save(result.plot(), out, "sweep_cases.png", f"{what} by case and strategy (95% CI)")
        return sec
    if len(names) >= 2:
        sec.save(result.plot(), out, "sweep_heatmap.png", f"{what} over "
                 f"{parameter_label(names[0], cur)} and {parameter_label(names[1], cur)} (one "
                 "colour scale for all panels)")
    else:
        sec.save(result.plot(), out, "sweep_line.png",
                 f"{what} against {parameter_label(names[0], cur)}")
    sec.text += [sentences.spread_note(result.runs, metric, s) for s in result.strategies[:3]]
    try:
        rankings = {s: result.drivers(s) for s in result.strategies}
    except ValueError as err:
        sec.text.append(f"Parameter ranking skipped: {err}.")
        return sec
    for strategy, tables in rankings.items():
        for m, t in tables.items():
            sec.tables.append((f"what drives {metric_words(m)} ({strategy_words(strategy)}; "
                               f"importance = {index_words(method)})",
                               sentences.ranking_text(t)))
    sec.text.append(f"Settings are ranked with {method_words(method)} (SALib); an importance "
                    "whose ± reaches zero is within noise of no effect.")
    if method == "grid":
        sec.text.append("A grid is a rough design for this ranking (see the ± column); for "
                        "tighter figures run the same ranges with `ripple sweep ... --design "
                        "sobol` or `--design morris`.")
    sec.save(result.plot_drivers(strategy), out, "sensitivity.png",
             f"parameter rankings ({strategy_words(strategy)})")
    return sec


def lost_section(store: ResultStore, out: Path) -> Section:
    scenario, spec = store.manifest["scenario"], store.manifest["lost_customer"]
    result = LostCustomer(store.runs(), scenario.get("currency", ""))
    sec = Section("What one lost customer costs",
                  [f"{spec['customers']} customers lost at month {spec['at_month']:g} in "
                   f"{len(result.runs)} paired replications of {scenario['population']:,} "
                   f"people over {scenario['months']:g} months; results per lost customer."])
    sec.text += [note.replace("\n  ", " ") for note in result.notes()]
    sec.tables.append((f"per lost customer (mean, 95% CI; money in "
                       f"{result.currency or CURRENCY}, people whole)", result.words()))
    sec.save(result.plot(), out, "lost_customer.png", "profit NPV lost per lost customer, by part")
    sec.save(sweep_plots.lost_customer_trace(store.steps(), spec["at_month"]), out,
             "lost_customer_trace.png",
             "customers missing after the loss, against the control")
    return sec
