"""A spending plan that sees segments: levers aimed at one segment, and the plan's value
split by segment.

When a firm profile has segments, a plan may fund a lever bought for one segment's
customers only ('save offers for business accounts') as a lever of its own, beside the
same lever bought for everyone (`plan_aims`). It is priced at the lever's unit price and
acts on the segment's own volume: aimed save offers and follow-up reach that segment's
customers, aimed paid acquisition that segment's prospects (at the cost per customer its
smaller pool sets).

Which aims a plan considers (`choose_aims`): those named (`--aim`), none, or by default
each aimable lever at the segment where it alone, with the whole budget, gains most on
the search's (posterior draw, seed) pairs, when that beats both today's spend and the
lever alone for everyone. That screen costs one single-lever plan per lever and segment
(the levers alone for everyone, and the chosen aims alone, are the search's own starting
plans, which it reuses). At most one aim per aimable lever: each is one more dimension
for the search and, at default settings, some 130 more simulations (its starting plan,
its marginal-return probes and its readouts on the fresh pairs).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from experiments.analysis.allocate import AIM, firm_levers, single_lever
from experiments.analysis.allocate_plan import CrnObjective, Plan
from experiments.analysis.firm_settings import PlanSettings
from experiments.analysis.plan_aims import candidate_aims, profile_segments
from experiments.analysis.segments import SegmentSplit, segment_split
from experiments.execution.runs import replication_seeds
from experiments.scenarios.firm_profile import FirmProfile
from simulation import Params

TODAY, PLAN = "today", "plan"


def choose_aims(profile: FirmProfile, settings: PlanSettings, aims: tuple[str, ...] | None,
                search: CrnObjective) -> PlanSettings:
    """The settings with the aims the plan considers: `aims` as given, or (None) each
    aimable lever at the segment where it alone gains most on the search's pairs."""
    if aims is None:
        aims = screened_aims(profile, settings, search)
    return dataclasses.replace(settings, aims=tuple(aims))


def screened_aims(profile: FirmProfile, settings: PlanSettings, search: CrnObjective
                  ) -> tuple[str, ...]:
    """Per aimable lever, the segment where the lever alone (the whole budget, up to its
    maximum) has the highest mean gain on the search's pairs, kept only when that gain
    beats today's spend and the same lever alone for everyone (an aim that does neither
    would only widen the search)."""
    candidates = candidate_aims(profile)
    if not candidates:
        return ()
    levers = firm_levers(profile, candidates)
    named = {lv.name: lv for lv in levers}
    plain = tuple(dict.fromkeys(a.partition(AIM)[0] for a in candidates))
    gains = search([single_lever(named[a], levers, settings.budget)
                    for a in plain + candidates]).mean(axis=1)
    alone = dict(zip(plain, gains[:len(plain)]))
    best: dict[str, tuple[float, str]] = {}
    for aim, mean in zip(candidates, gains[len(plain):]):
        lever = aim.partition(AIM)[0]
        if mean > max(alone[lever], 0.0) and (lever not in best or mean > best[lever][0]):
            best[lever] = (float(mean), aim)
    return tuple(aim for _, aim in best.values())


def plan_segment_split(plan: Plan, market: Params, backend=None, pool=None
                       ) -> SegmentSplit | None:
    """The plan against today's spend, segment by segment, on the plan's fresh pairs
    (paired; value = discounted margin of each segment's customers, at the firm's size,
    before the plan's cost); None when the profile has no segments."""
    from experiments.analysis.plan_levers import split_runs
    if not profile_segments(plan.profile):
        return None
    s = plan.settings
    n, m = s.replications, s.check_replications
    fresh: pd.DataFrame = plan.draws.iloc[n:n + m]
    seeds = replication_seeds(s.seed, n + m)[n:]
    rows = split_runs(plan.profile, market, fresh, seeds, {TODAY: {}, PLAN: plan.best}, s,
                      backend, pool, tag="segments", desc="by segment")
    return segment_split(rows, reference=TODAY)
