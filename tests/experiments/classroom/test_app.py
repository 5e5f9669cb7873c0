"""The classroom app driven in Python: sliders, strategy picker, play / step / reset."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from PIL import Image

from experiments.classroom.app import DEFAULT_SPEED, ClassroomApp
from experiments.classroom.drawing import (
    LOST_COLOUR,
    enemies,
    hilbert_points,
    network_layout,
    new_customers,
    tie_segments,
)
from experiments.classroom.levers import (
    STRATEGY_CHOICES,
    STRATEGY_VALUES,
    fit_money,
    money_slider,
    slider_values,
)
from experiments.scenarios.market_scale import scale_market
from simulation import ParameterError, Params
from simulation.network import build_network
from simulation.state import LOST


def pixels(image: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(image)).convert("RGB"), dtype=np.int16)


@pytest.fixture
def app() -> ClassroomApp:
    return ClassroomApp(population=500, seed=3, months=24)


def test_step_button_advances_the_model_and_redraws_the_figure(app):
    before = app.image.value
    app.step_button.click()
    assert app.model.steps == 1
    assert app.image.value != before
    changed = np.abs(pixels(app.image.value) - pixels(before)).sum(axis=2) > 60
    assert changed.mean() > 0.001   # real pixels moved, not just a re-encoding
    assert "Month 1" in app.headline()


def test_sliders_set_the_running_model_parameters(app):
    s = app.sliders
    s["resolution_days"].value = 2.0
    s["complaint_prob"].value = 0.5
    s["positive_reach"].value = (2, 8)
    s["negative_reach"].value = (5, 40)
    s["amplified"].value = True
    s["paid_budget"].value = s["paid_budget"].max / 2
    p = app.model.params
    assert p.complaints.resolution_days == 2.0 and p.complaints.complaint_prob == 0.5
    assert (p.wom.positive_reach_min, p.wom.positive_reach_max) == (2, 8)
    assert (p.wom.negative_reach_min, p.wom.negative_reach_max) == (5, 40)
    assert p.wom.amplified and p.acquisition.paid_budget == s["paid_budget"].max / 2


def test_a_slider_moved_mid_run_changes_what_happens(app):
    # Same seed, same network: only the share who complain differs from month 3 on.
    other = ClassroomApp(population=500, seed=3, months=24)
    for a in (app, other):
        a.step(3)
    other.sliders["complaint_prob"].value = 1.0
    for a in (app, other):
        for _ in range(6):
            a.step_button.click()
    mine, theirs = app.model.timeseries, other.model.timeseries
    assert mine.loc[:3, "complaints"].equals(theirs.loc[:3, "complaints"])
    assert theirs.loc[4:, "complaints"].sum() > 3 * max(mine.loc[4:, "complaints"].sum(), 1)
    assert app.image.value != other.image.value


def test_strategy_picker_applies_the_budgeted_policy(app):
    app.budget.value = app.budget.max
    app.strategy.value = "fast_resolution"
    assert app.model.params.policy.extra_handlers == pytest.approx(
        app.budget.max / app.model.params.costs.handler_cost_per_month)
    app.strategy.value = "acquisition"
    assert app.model.params.acquisition.paid_budget == pytest.approx(
        app.sliders["paid_budget"].value + app.budget.max)
    assert "service_quality:tangibles" in STRATEGY_VALUES


def test_strategy_list_and_status_line_speak_words(app):
    labels = [label for label, _ in STRATEGY_CHOICES]
    assert all("_" not in label and ":" not in label for label in labels)
    assert "Complaint resolution" in labels and "Service quality (tangibles)" in labels
    assert "no extra spending" in app.status.value and "a month" not in app.status.value
    app.strategy.value = "fast_resolution"
    assert "<b>complaint resolution</b> ($" in app.status.value
    assert "a month" in app.status.value


def test_money_sliders_and_presets_speak_the_market_s_words(app):
    """Money sliders carry the loaded market's currency (a euro market shows euros), and
    each preset is named by the figures it believes."""
    assert app.budget.description == f"Budget a month ({app.base.economics.currency})"
    slider = money_slider("Ads a month")
    fit_money(slider, 500.0, "EUR")
    assert slider.description == "Ads a month (EUR)" and slider.max == 2000.0
    fit_money(slider, 500.0, "$")
    assert slider.description == "Ads a month ($)"
    assert [label for label, _ in app.preset.options] == ["evidence (published evidence)",
                                                          "folklore (rules of thumb)"]


def test_budgets_scale_with_the_class_market(app):
    """Market-wide money shrinks with the population (as in the notebooks), so the
    class market behaves like the preset's full-size one."""
    full = Params.preset("folklore")
    ratio = app.population / full.market.population
    assert app.base.acquisition.paid_budget == pytest.approx(full.acquisition.paid_budget * ratio)
    assert app.budget.value == pytest.approx(5000 * ratio)
    assert app.sliders["paid_budget"].max == pytest.approx(4 * full.acquisition.paid_budget * ratio)


def test_reset_replays_the_same_market_on_the_same_network(app):
    graph = app.graph
    app.step(4)
    first = app.model.timeseries
    app.reset_button.click()
    assert app.model.steps == 0
    app.step(4)
    assert app.graph is graph
    assert app.model.timeseries.equals(first)


def test_play_ticks_step_the_model_and_pausing_keeps_the_run(app):
    app.play_button.value = True
    assert app.play.playing and app.play_button.description == "Pause"
    app.play.value = 3                  # the browser's clock ticked three times
    assert app.model.steps == 3
    app.play.value = 5
    assert app.model.steps == 5
    app.play_button.value = False       # pause
    assert not app.play.playing and app.model.steps == 5
    app.play.value = 0                  # even a rewound clock never discards the run
    assert app.model.steps == 5
    app.play.value = 2
    assert app.model.steps == 7
    app.reset_button.click()            # only Reset starts again
    assert app.model.steps == 0 and not app.play_button.value


def test_speed_control_sets_the_clock_with_a_talking_pace_default(app):
    assert app.speed.value == DEFAULT_SPEED == 2.0
    assert app.play.interval == 500
    app.speed.value = 20.0
    assert app.play.interval == 50
    app.speed.value = 0.5
    assert app.play.interval == 2000
    assert all("_" not in label for label, _ in app.speed.options)


@pytest.mark.parametrize("bad", [dict(speed=0), dict(speed=3.0), dict(months=0), dict(population=3),
                                 dict(preset="hearsay")])
def test_bad_settings_raise_one_clear_error(bad):
    with pytest.raises(ParameterError):
        ClassroomApp(**bad)


def test_switching_preset_loads_its_values_and_restarts(app):
    app.step(2)
    app.preset.value = "evidence"
    assert app.model.steps == 0
    expected = slider_values(scale_market(Params.preset("evidence"), app.population))
    assert {k: s.value for k, s in app.sliders.items()} == expected


def test_network_marks_new_customers_lost_customers_and_enemies():
    app = ClassroomApp(population=600, seed=5, months=24)
    app.sliders["complaint_prob"].value = 1.0
    app.sliders["resolution_days"].value = 60.0   # slow handling escalates to enemies
    app.step(12)
    people, drawing = app.model.people, app.figure.network
    assert len(drawing.rings.get_offsets()) == new_customers(people, app.model.steps).sum()
    assert len(drawing.marks.get_offsets()) == enemies(people).sum() > 0
    lost = people.status == LOST
    assert lost.any()
    assert np.allclose(drawing.nodes.get_facecolor()[lost], to_rgba(LOST_COLOUR))


def test_hilbert_points_fill_the_unit_square_without_overlap():
    pts = hilbert_points(1000)
    assert pts.shape == (1000, 2) and (pts > 0).all() and (pts < 1).all()
    assert len(np.unique(pts.round(6), axis=0)) == 1000


@pytest.mark.parametrize("kind", ["small_world", "communities"])
def test_layout_keeps_most_ties_short(kind):
    graph = build_network(kind, 800, mean_degree=8, seed=1)
    pos = network_layout(graph, kind)
    short, long = tie_segments(graph, pos)
    # A random placement would make almost every tie long; the layout keeps ties local.
    random_short, _ = tie_segments(graph, np.random.default_rng(0).random((800, 2)))
    assert len(short) > 3 * len(random_short)
