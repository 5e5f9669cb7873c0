"""The classroom app: one small market, the handful of levers a class argues about, live.

`ClassroomApp(population=800).widget` is an ipywidgets box: sliders, a strategy picker,
play / step / reset, and a figure (network coloured by satisfaction beside customers,
satisfaction mix and profit) that is redrawn in place every step. It runs in JupyterLab
(notebooks/classroom.ipynb) and as a standalone page (`ripple demo`, Voila).
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

import ipywidgets as w
import numpy as np

from experiments.classroom.drawing import network_layout
from experiments.classroom.live_figure import MarketFigure
from experiments.scenarios.market_scale import scale_market
from simulation import CustomerModel, ParameterError, Params, available_presets
from simulation.service import RATER
from simulation.state import ACTIVE, SATISFIED_FROM
from simulation.strategies import STRATEGIES, apply_strategy, parse_strategy

STRATEGY_CHOICES = tuple(
    label for name in STRATEGIES
    for label in ([f"service_quality:{d}" for d in RATER] if name == "service_quality"
                  else [name]))
STRATEGY_BUDGET = 5000.0   # money a month, at the presets' full market size
_WIDE = {"description_width": "15em"}
_ROW = w.Layout(width="100%")


def policy_sliders() -> dict[str, w.ValueWidget]:
    """The levers, keyed by the parameter (or reach pair) each one sets."""
    return {
        "resolution_days": w.FloatSlider(description="Days to resolve a complaint", min=0.5,
                                         max=60.0, step=0.5, style=_WIDE, layout=_ROW),
        "complaint_prob": w.FloatSlider(description="Unhappy who complain", min=0.0, max=1.0,
                                        step=0.01, readout_format=".0%", style=_WIDE,
                                        layout=_ROW),
        "positive_reach": w.IntRangeSlider(description="A satisfied customer tells", min=0,
                                           max=30, style=_WIDE, layout=_ROW),
        "negative_reach": w.IntRangeSlider(description="An unhappy customer tells", min=0,
                                           max=60, style=_WIDE, layout=_ROW),
        "amplified": w.Checkbox(description="Online mode: an unhappy customer reaches 250",
                                indent=False, layout=_ROW),
        "paid_budget": money_slider("Acquisition budget / month"),
    }


def money_slider(description: str) -> w.FloatSlider:
    """A monthly budget; its range is set to the market's size by `_fit_money`."""
    return w.FloatSlider(description=description, min=0.0, max=20000.0, step=250.0,
                         readout_format=",.0f", style=_WIDE, layout=_ROW)


def _fit_money(slider: w.FloatSlider, typical: float) -> None:
    """Range 0 to 4x a typical budget of this market, in 80 steps."""
    slider.max = max(4.0 * typical, 1.0)
    slider.step = slider.max / 80


def slider_values(params: Params) -> dict[str, Any]:
    """The values the sliders show for a set of parameters."""
    c, m = params.complaints, params.wom
    return {"resolution_days": c.resolution_days, "complaint_prob": c.complaint_prob,
            "positive_reach": (m.positive_reach_min, m.positive_reach_max),
            "negative_reach": (m.negative_reach_min, m.negative_reach_max),
            "amplified": m.amplified, "paid_budget": params.acquisition.paid_budget}


def slider_overrides(values: dict[str, Any]) -> dict[str, Any]:
    """Slider values as flat parameter overrides."""
    out = {k: v for k, v in values.items() if not k.endswith("_reach")}
    for side in ("positive", "negative"):
        low, high = values[f"{side}_reach"]
        out[f"{side}_reach_min"], out[f"{side}_reach_max"] = int(low), int(high)
    return out


class ClassroomApp:
    """One market of `population` people on a social network, stepped live.

    Reset replays the same market (same people, network and luck: the same `seed`), so
    two policies can be compared fairly; slider changes act from the next month on.
    """

    def __init__(self, population: int = 800, seed: int = 7, preset: str = "folklore",
                 months: int = 120, speed: int = 12) -> None:
        if not 1 <= speed <= 20:
            raise ParameterError(f"speed = {speed!r}: steps a second must be 1-20")
        if months < 1:
            raise ParameterError(f"months = {months!r}: must be at least 1")
        if preset not in available_presets():
            raise ParameterError(f"unknown preset {preset!r}: choose one of "
                                 f"{', '.join(available_presets())}")
        self.population, self.seed, self.months = int(population), int(seed), int(months)
        self.sliders = policy_sliders()
        self.preset = w.ToggleButtons(options=available_presets(), value=preset,
                                      description="Preset")
        self.strategy = w.Dropdown(options=STRATEGY_CHOICES, value="baseline",
                                   description="Strategy", style=_WIDE, layout=_ROW)
        self.budget = money_slider("Strategy budget / month")
        self.play = w.Play(min=0, max=self.months, interval=int(1000 / speed),
                           show_repeat=False, description="Play")
        self.speed = w.IntSlider(description="Steps a second when playing", min=1, max=20,
                                 value=speed, style=_WIDE, layout=_ROW)
        self.step_button = w.Button(description="Step", icon="step-forward")
        self.reset_button = w.Button(description="Reset", icon="undo")
        self.status = w.HTML()
        self.image = w.Image(format="jpeg", layout=w.Layout(width="100%", max_width="1024px"))
        self.timings: deque[tuple[int, float]] = deque(maxlen=200)   # (steps, seconds)
        self.graph = self.layout = self.figure = self.model = self._network_key = None
        self._syncing = False
        self._load_preset(preset)
        self._wire()
        self.widget = self._assemble()

    # ----- parameters ---------------------------------------------------------------
    def _load_preset(self, name: str) -> None:
        """The preset shrunk to this market: market-wide money scales with its people,
        so a 600-person class market behaves like the preset's full-size one."""
        full = Params.preset(name)
        self.base = scale_market(full, self.population)
        ratio = self.population / full.market.population
        self._syncing = True
        try:
            _fit_money(self.sliders["paid_budget"], self.base.acquisition.paid_budget)
            _fit_money(self.budget, STRATEGY_BUDGET * ratio)
            self.budget.value = STRATEGY_BUDGET * ratio
            for key, value in slider_values(self.base).items():
                self.sliders[key].value = value
        finally:
            self._syncing = False
        self.reset()

    def policy_params(self) -> Params:
        """Parameters from the preset, the sliders and the chosen strategy."""
        values = {k: s.value for k, s in self.sliders.items()}
        params = self.base.replace(**slider_overrides(values))
        return apply_strategy(params, parse_strategy(self.strategy.value, self.budget.value))

    def _on_policy(self, change: dict) -> None:
        if not self._syncing and self.model is not None:
            self.model.params = self.policy_params()
            self._show_status()

    # ----- running ------------------------------------------------------------------
    def reset(self) -> None:
        """Start the market again from month 0 under the current policy."""
        params = self.policy_params()
        self.model = CustomerModel(params, rng=self.seed, graph=self._graph_for(params))
        if self.figure is None:
            self.figure = MarketFigure(self.graph, self.layout, months=self.months)
        self.figure.restart(self.months)
        self._set_play(0)
        self.redraw()

    def _graph_for(self, params: Params):
        """The network for these parameters: built (and laid out) once, then reused."""
        key = params.network
        if self.graph is None or key != self._network_key:
            self.graph = CustomerModel(params, rng=self.seed).graph
            self.layout = network_layout(self.graph, params.network.kind, self.seed)
            self._network_key, self.figure = key, None
        return self.graph

    def step(self, steps: int = 1) -> None:
        """Advance the market `steps` steps and redraw once."""
        start = time.perf_counter()
        for _ in range(steps):
            self.model.step()
        if self.model.steps > self.play.max:
            self.play.max = self.model.steps
        self._set_play(self.model.steps)
        self.redraw()
        self.timings.append((steps, time.perf_counter() - start))

    def _on_play(self, change: dict) -> None:
        if self._syncing:
            return
        target = int(change["new"])
        if target < self.model.steps:     # the play widget was stopped or rewound
            self.reset()
        if target > self.model.steps:
            self.step(target - self.model.steps)

    def _set_play(self, value: int) -> None:
        self._syncing = True
        try:
            self.play.value = value
        finally:
            self._syncing = False

    # ----- drawing ------------------------------------------------------------------
    def redraw(self) -> None:
        """Redraw the figure for the current month and update the status line."""
        self.image.value = self.figure.show(self.model, self.headline())
        self._show_status()

    def headline(self) -> str:
        pop, row = self.model.people, self.model.ledger.rows[-1]
        customers = int(row["customers"])
        satisfied = float(np.mean(pop.satisfaction[pop.status == ACTIVE] >= SATISFIED_FROM)) \
            if customers else 0.0
        npv = sum(r.get("discounted_profit", 0.0) for r in self.model.ledger.rows)
        return (f"Month {self.model.month:g}:  {customers:,} customers,  {satisfied:.0%} "
                f"satisfied,  {row['lost']:,} lost,  {row['enemies']:,} enemies,  "
                f"profit so far {npv:,.0f}")

    def _show_status(self) -> None:
        p = self.model.params
        self.status.value = (f"<b>{self.preset.value}</b> preset, {self.model.people.n:,} "
                             f"people, seed {self.seed}; strategy <b>{self.strategy.value}"
                             f"</b> ({self.budget.value:,.0f}/month); complaints resolved in "
                             f"{p.complaints.resolution_days:.1f} days.")

    # ----- widgets ------------------------------------------------------------------
    def _wire(self) -> None:
        for control in (*self.sliders.values(), self.strategy, self.budget):
            control.observe(self._on_policy, names="value")
        self.preset.observe(lambda change: self._load_preset(change["new"]), names="value")
        self.play.observe(self._on_play, names="value")
        self.speed.observe(lambda change: setattr(self.play, "interval",
                                                  int(1000 / change["new"])), names="value")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())

    def _assemble(self) -> w.Box:
        buttons = w.HBox([self.play, self.step_button, self.reset_button])
        controls = w.VBox([self.preset, w.HTML("<b>The firm's levers</b>"),
                           *self.sliders.values(), w.HTML("<b>Where the money goes</b>"),
                           self.strategy, self.budget, buttons, self.speed, self.status],
                          layout=w.Layout(width="500px", min_width="500px"))
        return w.HBox([controls, self.image], layout=w.Layout(align_items="flex-start"))

    def steps_per_second(self) -> float:
        """Steps a second over recent steps, model step and drawing included."""
        steps = sum(n for n, _ in self.timings)
        return steps / max(sum(s for _, s in self.timings), 1e-9)
