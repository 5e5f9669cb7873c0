"""The classroom app: one small market, the handful of levers a class argues about, live.

`ClassroomApp(population=800).widget` is an ipywidgets box laid out for a projector
(1024x768 and up): a control panel (play / step / reset, speed, and tabs for the
firm's levers, the money, one customer's story and the market) beside a figure
(network coloured by satisfaction, customers, satisfaction mix and profit) that is
redrawn in place every step. It runs in JupyterLab (notebooks/classroom.ipynb) and as
a standalone page (`ripple demo`, Voila).
"""

from __future__ import annotations

import time
from collections import deque

import ipywidgets as w
import numpy as np

from experiments.classroom.budget import STRATEGY_BUDGET
from experiments.classroom.drawing import network_layout
from experiments.classroom.figure_layout import FigureBox
from experiments.classroom.levers import (
    STRATEGY_CHOICES,
    fit_money,
    money_slider,
    policy_sliders,
    slider_overrides,
    slider_values,
)
from experiments.classroom.live_figure import MarketFigure
from experiments.classroom.story_tab import StoryControls, button
from experiments.reporting.words import count, money, preset_words, strategy_words
from experiments.scenarios.market_scale import scale_market
from simulation import CustomerModel, ParameterError, Params, available_presets
from simulation.state import ACTIVE, SATISFIED_FROM
from simulation.strategies import apply_strategy, parse_strategy

SPEEDS = (("1 step every 2 seconds", 0.5), ("1 step a second", 1.0), ("2 steps a second", 2.0),
          ("5 steps a second", 5.0), ("10 steps a second", 10.0), ("20 steps a second", 20.0))
DEFAULT_SPEED = 2.0        # five years in 30 s: slow enough to talk over
PANEL_WIDTH = "clamp(380px, 32vw, 480px)"
CHART_PX = "ripple-chart-px-"
_ROW = w.Layout(width="100%")
# Projector type: every control and line of text at least 18 px (the figure's own text
# is sized by `figure_layout`). Scoped to the app, so JupyterLab around it is untouched.
STYLE = """<style>
.ripple-classroom { --jp-widgets-font-size: 18px; --jp-widgets-inline-height: 34px;
  --jp-ui-font-size1: 18px; --jp-content-font-size1: 18px; font-size: 18px; }
.ripple-classroom .widget-html-content { font-size: 18px; line-height: 1.35; }
.ripple-classroom .lm-TabBar-tab { font-size: 18px; min-height: 34px; line-height: 34px; }
.ripple-classroom .widget-readout, .ripple-classroom select, .ripple-classroom button,
.ripple-classroom input, .ripple-classroom label { font-size: 18px; }
</style>"""


class ClassroomApp:
    """One market of `population` people on a social network, stepped live.

    Pause keeps the run; Reset replays the same market from month 0 (same people,
    network and luck: the same `seed`), so two policies can be compared fairly; slider
    changes act from the next month on.
    """

    def __init__(self, population: int = 800, seed: int = 7, preset: str = "folklore",
                 months: int = 120, speed: float = DEFAULT_SPEED) -> None:
        speeds = [s for _, s in SPEEDS]
        if speed not in speeds:
            raise ParameterError(f"speed = {speed!r}: steps a second must be one of "
                                 f"{', '.join(f'{s:g}' for s in speeds)}")
        if months < 1:
            raise ParameterError(f"months = {months!r}: must be at least 1")
        if preset not in available_presets():
            raise ParameterError(f"unknown preset {preset!r}: choose one of "
                                 f"{', '.join(available_presets())}")
        self.population, self.seed, self.months = int(population), int(seed), int(months)
        self.sliders = policy_sliders()
        self.preset = w.RadioButtons(options=[(f"{p} ({preset_words(p)})", p)
                                              for p in available_presets()], value=preset,
                                     layout=_ROW)
        self.strategy = w.Dropdown(options=STRATEGY_CHOICES, value="baseline",
                                   description="Spend on", style={"description_width": "5em"},
                                   layout=_ROW)
        self.budget = money_slider("Budget a month")
        # The browser-side clock: hidden, driven by the Play/Pause button; never rewinds.
        self.play = w.Play(min=0, max=10**7, interval=int(1000 / speed), show_repeat=False,
                           layout=w.Layout(display="none"))
        self.play_button = w.ToggleButton(description="Play", icon="play",
                                          tooltip="play / pause (the run is kept)",
                                          layout=w.Layout(width="auto"))
        self.step_button = button("Step", "step-forward", "one month")
        self.reset_button = button("Reset", "undo", "start again at month 0, same market")
        self.speed = w.Dropdown(options=SPEEDS, value=speed, description="Speed",
                                style={"description_width": "5em"}, layout=_ROW)
        self.status = w.HTML(layout=_ROW)
        # Drawn at the size the page shows it: the page reports the figure's box (CSS
        # pixels and pixel ratio) in this hidden field (notebooks/voila template).
        self.image = w.Image(format="jpeg", layout=w.Layout(width="100%", height="auto"))
        self.screen = w.Text(layout=w.Layout(display="none"))
        self.screen.add_class("ripple-figure-size")
        self.figure_box = FigureBox()
        self.story_controls = StoryControls(self)
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
        self.currency = self.base.economics.currency
        self._syncing = True
        try:
            fit_money(self.sliders["paid_budget"], self.base.acquisition.paid_budget,
                      self.currency)
            fit_money(self.budget, STRATEGY_BUDGET * ratio, self.currency)
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
        """Start the market again from month 0 under the current policy (ends a story)."""
        self.play_button.value = False
        params = self.policy_params()
        self.model = CustomerModel(params, rng=self.seed, graph=self._graph_for(params))
        self.story_controls.clear()
        self._new_figure()

    def _new_figure(self) -> None:
        """The figure for this network and screen box, drawn in full from the start."""
        if self.figure is None:
            self.figure = MarketFigure(self.graph, self.layout, months=self.months,
                                       box=self.figure_box, currency=self.currency)
            # the chart text size, for the page to check: ripple-chart-px-16 and so on
            for name in [c for c in self.image._dom_classes if c.startswith(CHART_PX)]:
                self.image.remove_class(name)
            self.image.add_class(f"{CHART_PX}{self.figure.place.text:g}")
        self.figure.restart(self.months)
        self.redraw()

    def resize(self, box: FigureBox) -> None:
        """Draw the figure for a new box on screen (the window or its zoom changed)."""
        if box != self.figure_box:
            self.figure_box, self.figure = box, None
            self._new_figure()

    def _on_screen(self, change: dict) -> None:
        try:
            self.resize(FigureBox.parse(change["new"]))
        except ParameterError:      # a box too small to draw in: keep the last one
            pass

    def _graph_for(self, params: Params):
        """The network for these parameters: built (and laid out) once, then reused."""
        key = params.network
        if self.graph is None or key != self._network_key:
            self.graph = CustomerModel(params, rng=self.seed).graph
            self.layout = network_layout(self.graph, params.network.kind, self.seed)
            self._network_key, self.figure = key, None
        return self.graph

    def step(self, steps: int = 1) -> None:
        """Advance the market `steps` steps (hops, while a story is told) and redraw once."""
        start = time.perf_counter()
        if self.story_controls.story is not None:   # the market moves only hop by hop
            for _ in range(steps):
                self.story_controls.hop()
        else:
            for _ in range(steps):
                self.model.step()
        self.redraw()
        self.timings.append((steps, time.perf_counter() - start))

    def _on_tick(self, change: dict) -> None:
        """The hidden clock ticked: step by the ticks since the last one (never back)."""
        ticks = int(change["new"]) - int(change["old"])
        if ticks > 0:
            self.step(ticks)

    def _on_play_button(self, change: dict) -> None:
        playing = bool(change["new"])
        self.play_button.description = "Pause" if playing else "Play"
        self.play_button.icon = "pause" if playing else "play"
        self.play.playing = playing

    def set_speed(self, steps_per_second: float) -> None:
        self.speed.value = steps_per_second
        self.play.interval = int(1000 / steps_per_second)

    # ----- drawing ------------------------------------------------------------------
    def redraw(self) -> None:
        """Redraw the figure for the current month and update the status line."""
        story = self.story_controls
        self.image.value = self.figure.show(self.model, self.headline(), story.story,
                                            story.chosen)
        story.update()
        self._show_status()

    def headline(self) -> str:
        pop, row = self.model.people, self.model.ledger.rows[-1]
        customers = int(row["customers"])
        satisfied = float(np.mean(pop.satisfaction[pop.status == ACTIVE] >= SATISFIED_FROM)) \
            if customers else 0.0
        npv = sum(r.get("discounted_profit", 0.0) for r in self.model.ledger.rows)
        return (f"Month {self.model.month:g}: {count(customers, 'customer', 'customers')} "
                f"({satisfied:.0%} satisfied), {row['lost']:,} lost, "
                f"{count(row['enemies'], 'enemy', 'enemies')}, "
                f"profit {money(npv, currency=self.currency)}")

    def _show_status(self) -> None:
        p, strategy = self.model.params, self.strategy.value
        spend = "no extra spending" if strategy == "baseline" else (
            f"<b>{strategy_words(strategy)}</b> "
            f"({money(self.budget.value, currency=self.currency)} a month)")
        self.status.value = (f"Month {self.model.month:g}. <b>{self.preset.value}</b> preset, "
                             f"{self.model.people.n:,} "
                             f"people, seed {self.seed}; {spend}; complaints resolved in "
                             f"{p.complaints.resolution_days:.1f} days.")

    # ----- widgets ------------------------------------------------------------------
    def _wire(self) -> None:
        for control in (*self.sliders.values(), self.strategy, self.budget):
            control.observe(self._on_policy, names="value")
        self.preset.observe(lambda change: self._load_preset(change["new"]), names="value")
        self.play.observe(self._on_tick, names="value")
        self.play.observe(lambda change: setattr(self.play_button, "value", change["new"]),
                          names="playing")
        self.play_button.observe(self._on_play_button, names="value")
        self.speed.observe(lambda change: self.set_speed(change["new"]), names="value")
        self.screen.observe(self._on_screen, names="value")
        self.step_button.on_click(lambda _: self.step())
        self.reset_button.on_click(lambda _: self.reset())
        self.story_controls.wire()

    def _assemble(self) -> w.Box:
        tabs = w.Tab(children=[
            w.VBox(list(self.sliders.values())[:5]),
            w.VBox([self.strategy, self.budget, self.sliders["paid_budget"]]),
            self.story_controls.widget,
            w.VBox([w.HTML("Which figures the market believes:"), self.preset]),
        ], titles=("Firm", "Money", "Story", "Market"), layout=_ROW)
        buttons = w.HBox([self.play_button, self.step_button, self.reset_button, self.play])
        style = w.HTML(STYLE, layout=w.Layout(display="none"))   # applies while hidden
        panel = w.VBox([style, buttons, self.speed, tabs, self.status, self.screen],
                       layout=w.Layout(width=PANEL_WIDTH, flex="0 0 auto",
                                       margin="0 10px 0 0"))
        figure = w.Box([self.image], layout=w.Layout(flex="1 1 500px", min_width="0"))
        figure.add_class("ripple-figure")
        app = w.HBox([panel, figure], layout=w.Layout(flex_flow="row wrap", width="100%",
                                                      align_items="flex-start"))
        app.add_class("ripple-classroom")
        return app

    def steps_per_second(self) -> float:
        """Steps a second over recent steps, model step and drawing included."""
        steps = sum(n for n, _ in self.timings)
        return steps / max(sum(s for _, s in self.timings), 1e-9)
