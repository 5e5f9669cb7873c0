"""Results that render themselves: a strategy comparison, the cost of a lost customer and
a sweep, each with `.table` (numbers), `.text()` (what the terminal prints) and `.plot()`
(a `Figure`), and the verbs that make them (`compare_runs` and `lose_customers` in memory,
`sweep` into a results folder) for notebooks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from experiments.analysis.compare import compare_plan, currency_of, paired_difference, paired_table
from experiments.analysis.flip import FlipResult
from experiments.analysis.flip import find_flip as bisect_flip
from experiments.analysis.lost_customer import (
    PARTS,
    VARIANTS,
    f10_check,
    loss_plan,
    per_customer,
    simulate_loss,
)
from experiments.analysis.sensitivity import rank_parameters
from experiments.analysis.stats import Difference, verdict
from experiments.analysis.sweep import DRIVER_METRICS, run_sweep
from experiments.execution.backends import Backend
from experiments.execution.runner import execute
from experiments.execution.storage import ResultStore
from experiments.reporting import text as sentences
from experiments.reporting.customers import Customers
from experiments.reporting.plots import compare as compare_plots
from experiments.reporting.plots import sweep as sweep_plots
from experiments.reporting.words import (
    CURRENCY,
    LOSS_WORDS,
    VARIANT_WORDS,
    amount,
    difference_text,
    index_words,
    method_words,
    metric_words,
    strategy_words,
)
from experiments.scenarios.scenario import Scenario


@dataclass
class Comparison:
    """Strategies run on the same markets (paired): one row per run in `runs`.
    `scenario` is `Scenario.describe()`; with it, `.text()` ends in the one-line answer."""

    runs: pd.DataFrame
    metric: str
    reference: str | None = None
    scenario: dict[str, Any] | None = None
    profiles: pd.DataFrame | None = None    # every run's customer profile, when kept

    @property
    def table(self) -> pd.DataFrame:
        """Per strategy: mean, paired difference to the reference with its 95% CI, wins."""
        return paired_table(self.runs, self.metric, self.reference)

    @property
    def currency(self) -> str:
        return currency_of(self.runs)

    def difference(self, a: str, b: str, metric: str | None = None) -> Difference:
        """`a` minus `b` (paired), in `metric` (the comparison's by default)."""
        return paired_difference(self.runs, metric or self.metric, a, b)

    def words(self) -> pd.DataFrame:
        """The table in words: mean, difference with its 95% CI, verdict, wins."""
        return sentences.paired_text(self.table)

    def text(self) -> str:
        """The table as the terminal prints it, the answer, and why an odd result is odd."""
        return "\n".join([self.table_text(), *self.sentences()])

    def table_text(self) -> str:
        """The table as the terminal prints it: mean, paired difference, verdict, wins."""
        table, cur = self.table, self.currency
        ref, metric = table.attrs["reference"], self.metric
        width = max([30, *(len(strategy_words(s)) + 2 for s in table.strategy)])
        lines = [f"  {'strategy':<{width}}{metric_words(metric):>14}   "
                 f"{'vs ' + strategy_words(ref) + ' [95% CI]':<44}{'verdict':<16}{'wins':>5}"]
        for row in table.itertuples():
            same = row.strategy == ref
            diff = "-" if same else difference_text(row.diff, row.ci_low, row.ci_high, metric, cur)
            said = "" if same else verdict(row.ci_low, row.ci_high)
            lines.append(f"  {strategy_words(row.strategy):<{width}}"
                         f"{amount(row.mean, metric, currency=cur):>14}   "
                         f"{diff:<44}{said:<16}{row.wins:>5.0%}")
        return "\n".join(lines)

    def sentences(self) -> list[str]:
        """The one-line answer (with a scenario) and why a result that looks odd is odd."""
        answer = sentences.headline(self.scenario, self.runs) if self.scenario else None
        return ([answer] if answer else []) + sentences.odd_results(self.table)

    def plot(self) -> Figure:
        """Paired differences to the reference with their 95% CIs."""
        return compare_plots.comparison_bars(self.table)

    def customers(self) -> Customers:
        """Customers over every replication (retention by cohort, segment and channel,
        value by channel, loyalty against profit); needs the runs' customer profiles."""
        if self.profiles is None or self.profiles.empty:
            raise ValueError("these runs kept no customer profiles (compare_runs keeps them)")
        return Customers(self.profiles, self.runs, self.currency)


def compare_runs(scenario: Scenario, backend: Backend | None = None,
                 reference: str | None = None) -> Comparison:
    """Run a comparison in memory (no results folder), for notebooks; every run keeps
    its customer profile (`Comparison.customers()`)."""
    outputs = execute(compare_plan(scenario, keep_customers=False, profile=True),
                      backend=backend)
    runs = pd.DataFrame([out.row for out in outputs])
    profiles = pd.concat([out.profile for out in outputs if out.profile is not None],
                         ignore_index=True)
    return Comparison(runs, scenario.metric, reference, scenario.describe(), profiles)


@dataclass
class Flip:
    """Where the winner between two strategies flips along one parameter (bisection)."""

    result: FlipResult

    @property
    def table(self) -> pd.DataFrame:
        """Each evaluated value: challenger minus incumbent with its 95% CI."""
        return self.result.table()

    @property
    def estimate(self) -> float | None:
        return self.result.estimate

    def text(self) -> str:
        return sentences.flip_sentence(self.result.to_dict())

    def plot(self) -> Figure:
        """The difference along the parameter; the estimate marked when there is one."""
        spec, table = self.result.spec, self.table
        fig = sweep_plots.flip_curve(table, spec.parameter, spec.challenger, spec.incumbent,
                                     self.result.metric, log=bool((table.value > 0).all()),
                                     currency=self.result.currency)
        if self.estimate is not None:
            ax = fig.axes[0]
            ax.axvline(self.estimate, color="#d7301f", ls="--", label="flip point (estimate)")
            ax.legend()
        return fig


def find_flip(scenario: Scenario, backend: Backend | None = None) -> Flip:
    """Bisect for the scenario's flip point in memory (`scenario.flip` says where)."""
    def evaluate(specs):
        return pd.DataFrame([out.row for out in execute(specs, backend=backend)])
    return Flip(bisect_flip(scenario, evaluate))


@dataclass
class LostCustomer:
    """What one lost customer costs, per way of leaving: one row per replication."""

    runs: pd.DataFrame
    currency: str = ""

    @property
    def table(self) -> pd.DataFrame:
        """Each part's mean per lost customer with its 95% CI, per way of leaving."""
        return per_customer(self.runs)

    @property
    def f10(self) -> pd.DataFrame:
        """The loss in new customers, against F10's 'ten new ones'."""
        return f10_check(self.runs)

    def words(self) -> pd.DataFrame:
        """Each part per lost customer (mean [95% CI]), one column per way of leaving."""
        table = self.table
        return pd.DataFrame({"": list(LOSS_WORDS.values()), **{
            VARIANT_WORDS[v]: [sentences.per_customer_cell(r, self.currency)
                               for _, r in table[table.variant == v].iterrows()]
            for v in VARIANTS}})

    def notes(self) -> list[str]:
        """F10 against the measured loss, and what a quiet leaver's ripple part means."""
        table = self.table
        quiet = table[(table.variant == "quiet") & (table.part == "wom_ripple")].iloc[0]
        return [sentences.f10_sentence(self.f10, self.currency),
                sentences.ripple_note(quiet["mean"], quiet.ci_low, quiet.ci_high, self.currency)]

    def text(self) -> str:
        words = self.words()
        head = "".join(f"{VARIANT_WORDS[v]:>40}" for v in VARIANTS)
        lines = [f"  {'per lost customer (95% CI)':<36}{head}"]
        lines += [f"  {row.iloc[0]:<36}" + "".join(f"{cell:>40}" for cell in row.iloc[1:])
                  for _, row in words.iterrows()]
        return "\n".join(lines + self.notes())

    def plot(self) -> Figure:
        """Profit NPV lost per lost customer, by part and way of leaving."""
        parts = {k: LOSS_WORDS[k] for k in PARTS}
        return sweep_plots.lost_customer_parts(self.table, parts, VARIANT_WORDS,
                                               self.currency or CURRENCY)


def lose_customers(scenario: Scenario, backend: Backend | None = None) -> LostCustomer:
    """Run the lost-customer replications of `scenario.lost_customer` in memory."""
    outputs = execute(loss_plan(scenario), simulate_loss, backend=backend)
    return LostCustomer(pd.DataFrame([out.row for out in outputs]),
                        scenario.params.economics.currency)


@dataclass
class Sweep:
    """A finished sweep: `design` (one row per point) and `runs` (one row per run), with
    how it was sampled (`method`: grid, random, latin, sobol, morris or cases)."""

    design: pd.DataFrame
    runs: pd.DataFrame
    method: str
    names: list[str]
    metric: str = "profit_npv"
    levels: int = 4
    seed: int = 0

    @classmethod
    def open(cls, folder: str | Path) -> Sweep:
        """A sweep stored by `ripple sweep` (the folder holding `sweep/`, or `sweep/`)."""
        folder = Path(folder)
        store = ResultStore.open(folder / "sweep" if (folder / "sweep").is_dir() else folder)
        info, scenario = store.manifest["sweep"], store.manifest["scenario"]
        return cls(store.frame("design"), store.runs(), info["design"], info["parameters"],
                   scenario["metric"], info["levels"], scenario["seed"])

    @property
    def strategies(self) -> list[str]:
        return list(dict.fromkeys(self.runs["strategy"]))

    @property
    def table(self) -> pd.DataFrame:
        """The design with the mean of the metric over replications, one column per strategy."""
        means = self.runs.groupby(["point", "strategy"], sort=False)[self.metric].mean()
        return self.design.merge(means.unstack("strategy")[self.strategies],
                                 left_on="point", right_index=True)

    def drivers(self, strategy: str) -> dict[str, pd.DataFrame]:
        """What drives profit NPV and retention under `strategy` (SALib indices);
        ValueError for designs too small or incomplete to rank."""
        return {m: rank_parameters(self.design, self.runs, m, strategy, self.method,
                                   self.names, self.levels, self.seed)
                for m in DRIVER_METRICS}

    def text(self) -> str:
        """Whether the spread over the points is more than noise, and what drives it."""
        lines = [sentences.spread_note(self.runs, self.metric, s) for s in self.strategies[:3]]
        if self.method == "cases":
            return "\n".join(lines)
        for strategy in self.strategies:
            try:
                tables = self.drivers(strategy)
            except ValueError as err:
                return "\n".join(lines + [f"Parameter ranking skipped: {err}."])
            lines.append(f"What drives the results ({strategy_words(strategy)}; importance = "
                         f"{index_words(self.method)}, {method_words(self.method)}):")
            for m, table in tables.items():
                ranked = sentences.ranking_text(table)
                lines.append(f"  {metric_words(m)}: " + ", ".join(
                    f"{r.setting} {r.importance} ± {r[2]} ({r.verdict})"
                    for r in ranked.itertuples(index=False)))
        return "\n".join(lines)

    def plot_drivers(self, strategy: str) -> Figure:
        """What drives profit NPV and retention under `strategy`, with confidence bars."""
        return sweep_plots.ranking_bars(self.drivers(strategy), index_words(self.method))

    def plot(self) -> Figure:
        """Case bars, the metric against one swept parameter, or a heat-map over two."""
        if self.method == "cases":
            return sweep_plots.case_bars(self.runs, self.metric)
        if len(self.names) >= 2:
            return sweep_plots.heatmap(self.design, self.runs, self.metric, self.names,
                                       self.strategies, grid=self.method == "grid")
        return sweep_plots.line_sweep(self.design, self.runs, self.metric, self.names[0],
                                      self.strategies)


def sweep(scenario: Scenario, root: str | Path, backend: Backend | None = None) -> Sweep:
    """Run (or resume) the scenario's sweep under `root`/sweep."""
    design, runs = run_sweep(scenario, Path(root), backend or Backend())
    spec = scenario.sweep
    return Sweep(design, runs, spec.design, spec.names, scenario.metric, spec.levels,
                 scenario.seed)
