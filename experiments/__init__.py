"""Experiments on the model, in layers whose dependencies run one way: the command line
(`cli`) uses `reporting` (words, sentences, reports, figures), which uses `analysis`
(paired comparison, flip point, lost customer, sweeps, sensitivity), which uses
`execution` (runs, runner, backends, storage), which runs `simulation`. `scenarios` holds
the TOML files and their checking; `errors` sits at the bottom; `classroom` is the live app.

The names below are the surface notebooks use (``from experiments import compare_runs``).
Each is imported on first use, so the command line and workers load only what they need.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "experiments.errors": ("ScenarioError", "UsageError"),
    "experiments.scenarios.scenario": ("Scenario", "builtin_scenarios", "load_scenario",
                                       "scenario_from_dict"),
    "experiments.scenarios.parts": ("SweepParam", "SweepSpec"),
    "experiments.scenarios.market_scale": ("scale_market", "scale_scenario"),
    "experiments.execution.backends": ("Backend",),
    "experiments.execution.runner": ("execute",),
    "experiments.execution.runs": ("RunSpec", "replication_seeds", "simulate_run"),
    "experiments.execution.storage": ("ResultStore",),
    "experiments.analysis.stats": ("t_interval",),
    "experiments.analysis.compare": ("compare_runs", "paired_difference", "paired_table"),
    "experiments.analysis.flip": ("find_flip",),
    "experiments.analysis.lost_customer": ("f10_check", "loss_plan", "per_customer",
                                           "simulate_loss"),
    "experiments.analysis.sweep": ("drivers", "run_sweep"),
    "experiments.analysis.sensitivity": ("INDEX_NAMES", "METHOD_NAMES", "rank_parameters"),
    "experiments.analysis.trace": ("MessageLog", "prospects_never_told", "trace_ripple"),
    "experiments.reporting.words": ("LOSS_WORDS", "VARIANT_WORDS", "cause_words", "interval",
                                    "metric_label", "metric_words", "money", "num",
                                    "parameter_label", "parameter_words", "strategy_words"),
    "experiments.reporting.text": ("amount", "difference_text", "f10_sentence", "flip_sentence",
                                   "headline", "money_interval", "noise_verdict", "nps_note",
                                   "odd_results", "paired_text", "ranking_text", "ripple_note",
                                   "spread_note"),
    "experiments.reporting.plots.sweep": ("flip_curve",),
    "experiments.reporting.report": ("write_report",),
    "experiments.reporting.plots.ripple": ("draw_ripple",),
    "experiments.classroom.drawing": ("LEVEL_COLOURS", "draw_network", "legend_handles",
                                      "network_layout", "node_size"),
    "experiments.classroom.story": ("RippleOverlay", "Story", "story_legend_handles"),
    "experiments.classroom.app": ("ClassroomApp",),
    "experiments.scenarios.firm": ("load_firm",),
    "experiments.scenarios.firm_market": ("provenance",),
    "experiments.analysis.calibrate": ("DEFAULT_PRIORS", "FitSettings", "firm_fit",
                                       "predictive_check"),
    "experiments.analysis.allocate": ("single_lever",),
    "experiments.analysis.allocate_plan": ("PlanSettings", "make_plan"),
    "experiments.analysis.discover": ("discover", "flip_sentences", "run_cases"),
    "experiments.reporting.fit_report": ("figure_table", "parameter_table"),
    "experiments.reporting.plan_report": ("lever_words", "plan_lines", "plot_flip"),
}
_WHERE = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    """Import a public name's module when the name is first asked for."""
    if name not in _WHERE:
        raise AttributeError(f"module 'experiments' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
