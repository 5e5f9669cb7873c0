"""One critic's ripple marked on a network drawing (see `analysis.trace`)."""

from __future__ import annotations

import numpy as np

from experiments.analysis.trace import Ripple


def draw_ripple(ax, pos: np.ndarray, ripple: Ripple, size: float = 40.0) -> None:
    """Mark a ripple on a network drawing: the critic, who heard, who left, who never came."""
    marks = ((ripple.heard, dict(s=size * 1.6, facecolors="none", edgecolors="#7b2cbf",
                                 linewidths=1.4, label="heard the critic")),
             (ripple.left_after, dict(s=size * 2.2, marker="s", facecolors="none",
                                      edgecolors="black", linewidths=1.6,
                                      label="customer who then left")),
             (ripple.never_came, dict(s=size * 1.8, marker="D", facecolors="none",
                                      edgecolors="#e07b00", linewidths=1.4,
                                      label="prospect who never came")))
    for ids, style in marks:
        ax.scatter(pos[ids, 0], pos[ids, 1], zorder=5, **style)
    ax.scatter(*pos[ripple.teller], s=size * 8, marker="*", c="#7b2cbf", edgecolors="black",
               zorder=6, label="the unhappy customer")
