"""Experiments on the model, in layers whose dependencies run one way: the command line
(`cli`) uses `reporting` (words, sentences, reports, figures), which uses `analysis`
(paired comparison, flip point, lost customer, sweeps, sensitivity), which uses
`execution` (runs, runner, backends, storage), which runs `simulation`. `scenarios` holds
the TOML files and their checking; `errors` sits at the bottom; `classroom` is the live app.

The names below are the surface notebooks use (``from experiments import compare_runs``):
nouns (scenarios, backends, results that render themselves with `.table`, `.text()` and
`.plot()`) and verbs (`compare_runs`, `find_flip`, `lose_customers`, `sweep`, `firm_fit`,
`make_plan`), plus the few words a hand-made chart needs (`money`, `metric_label`, ...).
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
    "experiments.scenarios.metrics": ("Metric", "metric"),
    "experiments.scenarios.firm": ("load_firm",),
    "experiments.scenarios.firm_market": ("provenance",),
    "experiments.execution.backends": ("Backend",),
    "experiments.execution.runner": ("execute",),
    "experiments.execution.runs": ("RunSpec", "replication_seeds", "simulate_run"),
    "experiments.execution.storage": ("ResultStore",),
    "experiments.analysis.stats": ("Difference", "t_interval", "verdict"),
    "experiments.analysis.trace": ("MessageLog", "RippleTrace", "bad_experience",
                                   "prospects_never_told", "trace_ripple"),
    "experiments.analysis.calibrate": ("DEFAULT_PRIORS", "FitSettings", "firm_fit",
                                       "noise_check", "predictive_check"),
    "experiments.analysis.allocate": ("single_lever",),
    "experiments.analysis.allocate_plan": ("PlanSettings", "make_plan"),
    "experiments.analysis.discover": ("discover", "flip_sentences", "run_cases"),
    "experiments.reporting.results": ("Comparison", "Flip", "LostCustomer", "Sweep",
                                      "compare_runs", "find_flip", "lose_customers", "sweep"),
    "experiments.reporting.report": ("write_report",),
    "experiments.reporting.customers": ("Customers",),
    "experiments.reporting.words": ("amount", "cause_words", "metric_label", "money",
                                    "parameter_label", "strategy_words"),
    "experiments.reporting.text": ("nps_note",),
    "experiments.reporting.fit_report": ("figure_table", "parameter_table"),
    "experiments.reporting.plan_report": ("flip_figure", "lever_words", "plan_lines"),
    "experiments.reporting.plots.ripple": ("draw_ripple",),
    "experiments.classroom.drawing": ("LEVEL_COLOURS", "draw_network", "legend_handles",
                                      "network_layout", "node_size"),
    "experiments.classroom.story": ("RippleOverlay", "Story", "story_legend_handles"),
    "experiments.classroom.app": ("ClassroomApp",),
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
