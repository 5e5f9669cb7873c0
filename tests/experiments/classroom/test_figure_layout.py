"""The classroom figure on a projector: drawn at the box the page shows it in (CSS pixels
times the pixel ratio), every piece of chart text at least 16 px and inside the figure,
charts beside the network in wide boxes and below it in tall ones."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.legend import Legend
from matplotlib.text import Text
from PIL import Image

from experiments.classroom.app import CHART_PX, ClassroomApp
from experiments.classroom.figure_layout import MIN_TEXT_PX, FigureBox, layout
from simulation import ParameterError

# The figure's box beside the control panel at 1024x768, 1280x720 and 1920x1080.
BOXES = ((606, 700), (846, 640), (1466, 1010))


def image_size(image: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(image)).size


@pytest.fixture(scope="module")
def app() -> ClassroomApp:
    app = ClassroomApp(population=600, seed=7, months=36)
    app.step(6)
    return app


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_the_figure_is_drawn_at_the_size_the_page_reports(app, ratio):
    app.screen.value = f"612.4,690,{ratio:g}"          # what the page's script sends
    assert image_size(app.image.value) == (round(612 * ratio), round(690 * ratio))
    assert f"{CHART_PX}16" in app.image._dom_classes
    app.step(1)                                         # later frames keep the size
    assert image_size(app.image.value) == (round(612 * ratio), round(690 * ratio))


def test_a_box_too_small_to_draw_in_keeps_the_last_one(app):
    app.screen.value = "700,600,1"
    app.screen.value = "12,10,1"
    assert app.figure_box == FigureBox(700, 600, 1.0)
    with pytest.raises(ParameterError, match="figure box = 'wide'"):
        FigureBox.parse("wide")
    with pytest.raises(ParameterError, match=r"figure box width = 99999: must be 320-4000"):
        FigureBox(99999, 600, 1.0)


@pytest.mark.parametrize("width,height", BOXES)
@pytest.mark.parametrize("story", [False, True])
def test_every_chart_text_is_projector_sized_and_inside_the_figure(app, width, height, story):
    app.resize(FigureBox(width, height, 1.0))
    controls = app.story_controls
    if story:
        controls.pick_button.click()
        controls.bad_button.click()
        controls.hop_button.click()
    try:
        fig = app.figure.fig
        renderer = fig.canvas.get_renderer()
        frame = fig.bbox
        hidden = {id(t) for legend in _legends(fig) if not legend.get_visible()
                  for t in legend.get_texts()}
        texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
                 and id(t) not in hidden]
        assert len(texts) > 20
        small = [(t.get_text(), t.get_fontsize()) for t in texts
                 if t.get_fontsize() < MIN_TEXT_PX]
        assert not small, small
        outside = []
        for t in texts:
            with t._cm_set(text=t._get_wrapped_text() if t.get_wrap() else t.get_text()):
                box = t.get_window_extent(renderer)      # as drawn: wrapped lines
            if (box.x0 < frame.x0 - 1 or box.x1 > frame.x1 + 1 or box.y0 < frame.y0 - 1
                    or box.y1 > frame.y1 + 1):
                outside.append(t.get_text())
        assert not outside, f"{width}x{height}: cut off at the edge: {outside}"
    finally:
        controls.end()


def _legends(fig) -> list:
    return [child for ax in fig.axes for child in ax.get_children()
            if isinstance(child, Legend)]


@pytest.mark.parametrize("width,height", BOXES)
def test_parts_do_not_overlap_and_fit_the_box(width, height):
    place = layout(FigureBox(width, height, 1.0))
    rects = [place.network, *place.charts]
    for left, bottom, w, h in rects:
        assert 0 <= left and 0 <= bottom and left + w <= 1 and bottom + h <= 1
    assert place.wide == (width / height >= 1.15)
    net = place.network
    for left, bottom, _, h in place.charts:
        beside = left >= net[0] + net[2]
        below = bottom + h <= net[1]
        assert beside if place.wide else below
    tops = [c[1] for c in place.charts]
    assert tops == sorted(tops, reverse=True)          # customers, mix, profit downwards
    assert place.text >= MIN_TEXT_PX
    assert np.isclose(place.text, max(MIN_TEXT_PX, min(height / 44, 24)))
