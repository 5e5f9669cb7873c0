"""Where the classroom figure's parts go, for the box the page gives it on screen.

The figure is drawn at exactly the size it is shown, in CSS pixels, at 72 dots per
inch times the screen's device-pixel ratio: one point of type is one CSS pixel (so
text sizes here are what a projector shows) and one drawn pixel is one screen pixel
(so the figure is sharp at every size). Wide boxes put the charts beside the network,
tall ones (1024x768 beside the control panel) put them below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation import ParameterError

MIN_TEXT_PX = 16.0        # chart text on a projector at 1024x768
TEXT_PER_HEIGHT = 44.0    # larger boxes get larger text: a box this many text lines tall
MAX_TEXT_PX = 24.0
WIDTH_RANGE, HEIGHT_RANGE, RATIO_RANGE = (320, 4000), (240, 3000), (0.5, 4.0)
TALL_BELOW = 1.15         # width / height under which the charts go below the network

Rect = tuple[float, float, float, float]      # left, bottom, width, height: figure fractions


@dataclass(frozen=True)
class FigureBox:
    """The figure's box on screen: CSS pixels and device pixels per CSS pixel."""

    width: int = 800
    height: int = 600
    ratio: float = 1.0

    def __post_init__(self) -> None:
        for name, value, (low, high) in (("width", self.width, WIDTH_RANGE),
                                         ("height", self.height, HEIGHT_RANGE),
                                         ("ratio", self.ratio, RATIO_RANGE)):
            if not low <= value <= high:
                raise ParameterError(f"figure box {name} = {value!r}: must be {low}-{high}")

    @classmethod
    def parse(cls, text: str) -> FigureBox:
        """'width,height,ratio' as the page reports it (e.g. '612,690,1')."""
        try:
            width, height, ratio = (float(part) for part in text.split(","))
        except ValueError:
            raise ParameterError(f"figure box = {text!r}: expected 'width,height,ratio'") \
                from None
        return cls(int(round(width)), int(round(height)), round(ratio, 2))

    @property
    def inches(self) -> tuple[float, float]:
        return self.width / 72.0, self.height / 72.0

    @property
    def dpi(self) -> float:
        return 72.0 * self.ratio

    @property
    def text_px(self) -> float:
        return min(max(MIN_TEXT_PX, self.height / TEXT_PER_HEIGHT), MAX_TEXT_PX)


@dataclass(frozen=True)
class Layout:
    """Figure fractions of the network, the three charts (top to bottom), the headline and
    the network legend's anchor (upper left corner) with its columns."""

    network: Rect
    charts: tuple[Rect, Rect, Rect]
    headline_y: float
    subline_y: float
    legend_at: tuple[float, float]
    legend_columns: int
    network_points: float          # the network's side, in points (= CSS pixels)
    text: float                    # chart text size, points
    wide: bool


def layout(box: FigureBox) -> Layout:
    """Place the parts in `box`: everything measured in lines of chart text."""
    w, h, em = box.width, box.height, box.text_px
    header = 5.4 * em                            # two headline and two story lines
    wide = w / h >= TALL_BELOW
    if wide:
        legend = 4.4 * em                        # up to three rows under the network
        side = min(h - header - legend - 0.5 * em, 0.52 * w)
        net = (0.3 * em, legend, side, side)
        legend_at, columns = (0.3 * em, legend), 2
        charts = _stack(net[0] + side + 6.2 * em, w - 1.4 * em, 3.3 * em, h - header, em)
    else:
        side = min(w - 14.5 * em, h - header - 3 * 6.2 * em - 3.3 * em)
        net = (0.3 * em, h - header - side, side, side)
        legend_at, columns = (net[0] + side + 0.6 * em, h - header), 1
        charts = _stack(6.0 * em, w - 1.4 * em, 3.3 * em, net[1] - 0.6 * em, em)
    return Layout(network=_fraction(net, w, h),
                  charts=tuple(_fraction(c, w, h) for c in charts),
                  headline_y=1 - 0.3 * em / h, subline_y=1 - 3.0 * em / h,
                  legend_at=(legend_at[0] / w, legend_at[1] / h), legend_columns=columns,
                  network_points=side, text=em, wide=wide)


def _stack(left: float, right: float, bottom: float, top: float, em: float) -> list:
    """Three charts one above another between `bottom` and `top` (pixels), each with a
    line for its title above it."""
    row = (top - bottom) / 3
    plot = row - 2.0 * em
    return [(left, bottom + (2 - i) * row, right - left, plot) for i in range(3)]


def _fraction(rect: tuple[float, float, float, float], w: float, h: float) -> Rect:
    left, bottom, width, height = rect
    return left / w, bottom / h, width / w, height / h
