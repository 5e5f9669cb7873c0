"""The classroom app's levers: sliders for the firm's policy and the money, each keyed by
the parameter (or reach pair) it sets, and the strategies a class can spend on."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from experiments.reporting.words import strategy_words
from simulation import Params
from simulation.service import RATER
from simulation.strategies import STRATEGIES

STRATEGY_VALUES = tuple(
    label for name in STRATEGIES
    for label in ([f"service_quality:{d}" for d in RATER] if name == "service_quality"
                  else [name]))
STRATEGY_CHOICES = tuple((strategy_words(v).capitalize(), v) for v in STRATEGY_VALUES)
LEVER_STYLE = {"description_width": "10em"}
_ROW = w.Layout(width="100%")


def policy_sliders() -> dict[str, w.ValueWidget]:
    """The levers, keyed by the parameter (or reach pair) each one sets."""
    return {
        "resolution_days": w.FloatSlider(description="Days to resolve", min=0.5, max=60.0,
                                         step=0.5, style=LEVER_STYLE, layout=_ROW,
                                         tooltip="days to resolve a complaint"),
        "complaint_prob": w.FloatSlider(description="Unhappy complain", min=0.0, max=1.0,
                                        step=0.01, readout_format=".0%", style=LEVER_STYLE,
                                        layout=_ROW,
                                        tooltip="share of unhappy customers who complain"),
        "positive_reach": w.IntRangeSlider(description="Satisfied tell", min=0, max=30,
                                           style=LEVER_STYLE, layout=_ROW),
        "negative_reach": w.IntRangeSlider(description="Unhappy tell", min=0, max=60,
                                           style=LEVER_STYLE, layout=_ROW),
        "amplified": w.Checkbox(description="Online: the unhappy reach 250",
                                indent=False, layout=_ROW),
        "paid_budget": money_slider("Ads a month"),
    }


def money_slider(description: str) -> w.FloatSlider:
    """A monthly budget; `fit_money` sets its range and currency to the market's."""
    return w.FloatSlider(description=description, min=0.0, max=20000.0,
                         step=250.0, readout_format=",.0f", style=LEVER_STYLE, layout=_ROW)


def fit_money(slider: w.FloatSlider, typical: float, currency: str) -> None:
    """Range 0 to 4x a typical budget of this market, in 80 steps; the market's currency
    in the label ('Ads a month (EUR)')."""
    slider.max = max(4.0 * typical, 1.0)
    slider.step = slider.max / 80
    slider.description = f"{slider.description.split(' (')[0]} ({currency})"


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
