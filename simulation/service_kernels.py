"""Compiled service encounters: one pass over the active customers of a step.

Each customer meets the firm a Poisson number of times; any failure among the visits
makes the step's encounter a failure (serious with `serious_share`); satisfaction moves
toward the encounter's score and expectation toward what was perceived, both by the
weight that many visits carry. Draws come from the model's numpy Generator, passed in.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def encounter_score(perceived: float, expected: float, scale: float) -> float:
    """1-5 score of one encounter: 4 when perception meets expectation."""
    return min(max(4.0 + (perceived - expected) / scale, 1.0), 5.0)


@numba.njit(cache=True)
def _visits(mean: float, none: float, rng) -> int:
    """Poisson(mean) by inverse CDF from one uniform (`none` = exp(-mean))."""
    u, k, p = rng.random(), 0, none
    cdf = p
    while u > cdf and k < 20 * mean + 50:  # the cap only guards against rounding
        k += 1
        p *= mean / k
        cdf += p
    return k


@numba.njit(cache=True)
def serve(active, satisfaction, expectation, waiting, pre_failure, serious, product,
          ever_unhappy, settings, rng):
    """Serve every active customer; returns (encounters, failures, new episodes).

    `settings`: visits per step, failure chance per visit, serious share, serious and
    minor penalties, perception noise, RATER score, disconfirmation scale, satisfaction
    and expectation learning, product share of failures.
    """
    (mean, fail, serious_share, serious_penalty, minor_penalty, noise, rater, scale,
     sat_learning, exp_learning, product_share) = settings
    none = np.exp(-mean)
    episodes = np.empty(active.size, np.int64)
    opened = encounters = failures = 0
    for i in active:
        k = _visits(mean, none, rng)
        if k == 0:
            continue
        encounters += k
        failed = rng.random() < 1.0 - (1.0 - fail) ** k
        grave = failed and rng.random() < serious_share
        penalty = serious_penalty if grave else (minor_penalty if failed else 0.0)
        perceived = rater + rng.standard_normal() * noise - penalty
        expected, before = expectation[i], satisfaction[i]
        score = encounter_score(perceived, expected, scale)
        after = before + (1.0 - (1.0 - sat_learning) ** k) * (score - before)
        satisfaction[i] = min(max(after, 1.0), 5.0)
        moved = expected + (1.0 - (1.0 - exp_learning) ** k) * (perceived - expected)
        expectation[i] = min(max(moved, 0.0), 1.0)
        if failed:
            failures += 1
            if not waiting[i]:
                episodes[opened] = i
                opened += 1
                pre_failure[i], serious[i], ever_unhappy[i] = before, grave, True
                product[i] = rng.random() < product_share
    return encounters, failures, episodes[:opened].copy()
