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
def visit_table(mean: float) -> np.ndarray:
    """Poisson(mean) CDF at 0, 1, ... up to the cap `_visits` stops at (which only guards
    against rounding), summed term by term; built once a step, not once a customer."""
    top = int(np.ceil(20 * mean + 50))
    cdf = np.empty(top + 1)
    p = np.exp(-mean)
    cdf[0] = p
    for k in range(1, top + 1):
        p *= mean / k
        cdf[k] = cdf[k - 1] + p
    return cdf


@numba.njit(cache=True)
def _visits(cdf, rng) -> int:
    """Poisson visits by inverse CDF from one uniform (`cdf` from `visit_table`)."""
    u, k = rng.random(), 0
    while u > cdf[k] and k < cdf.size - 1:
        k += 1
    return k


@numba.njit(cache=True)
def after_visits(learning: float, top: int) -> np.ndarray:
    """1 - (1 - learning) ** k for k = 0 .. top: the weight k visits carry, the same
    power computed once a step per visit count instead of once per customer."""
    table = np.empty(top + 1)
    for k in range(top + 1):
        table[k] = 1.0 - (1.0 - learning) ** k
    return table


@numba.njit(cache=True)
def serve(active, satisfaction, expectation, waiting, pre_failure, serious, product,
          ever_unhappy, settings, recall, rng):
    """Serve every active customer; returns (encounters, failures, new episodes).

    `settings`: visits per step, failure chance per visit, serious share, serious and
    minor penalties, perception noise, RATER score, disconfirmation scale, satisfaction
    and expectation learning, product share of failures. `recall` = (pull, norm) in
    float32: each expectation first drifts toward the norm (`recall_the_norm`), when
    pull > 0.
    """
    (mean, fail, serious_share, serious_penalty, minor_penalty, noise, rater, scale,
     sat_learning, exp_learning, product_share) = settings
    pull, norm = recall
    cdf = visit_table(mean)
    failing = after_visits(fail, cdf.size - 1)
    sat_weight = after_visits(sat_learning, cdf.size - 1)
    exp_weight = after_visits(exp_learning, cdf.size - 1)
    episodes = np.empty(active.size, np.int64)
    opened = encounters = failures = 0
    for i in active:
        if pull > 0:
            expectation[i] = expectation[i] + pull * (norm - expectation[i])
        k = _visits(cdf, rng)
        if k == 0:
            continue
        encounters += k
        failed = rng.random() < failing[k]
        grave = failed and rng.random() < serious_share
        penalty = serious_penalty if grave else (minor_penalty if failed else 0.0)
        perceived = rater + rng.standard_normal() * noise - penalty
        expected, before = expectation[i], satisfaction[i]
        score = encounter_score(perceived, expected, scale)
        after = before + sat_weight[k] * (score - before)
        satisfaction[i] = min(max(after, 1.0), 5.0)
        moved = expected + exp_weight[k] * (perceived - expected)
        expectation[i] = min(max(moved, 0.0), 1.0)
        if failed:
            failures += 1
            if not waiting[i]:
                episodes[opened] = i
                opened += 1
                pre_failure[i], serious[i], ever_unhappy[i] = before, grave, True
                product[i] = rng.random() < product_share
    return encounters, failures, episodes[:opened].copy()
