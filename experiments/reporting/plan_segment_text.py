"""A plan's segments in words: which levers it considered aiming at one segment, and the
plan against today's spend segment by segment, each difference with its 95% interval and
whether it is within noise (`analysis.segments.SegmentSplit`)."""

from __future__ import annotations

from experiments.analysis.allocate import Lever
from experiments.analysis.allocate_plan import Plan
from experiments.analysis.plan_aims import candidate_aims
from experiments.analysis.plan_segments import PLAN, TODAY
from experiments.analysis.segments import SegmentSplit
from experiments.reporting.words import money

WORDS = {TODAY: "today's spend", PLAN: "the recommended split"}


def aim_line(plan: Plan, screened: bool) -> str:
    """Which levers aimed at one segment the plan could fund, and how they were chosen."""
    aims, tried = plan.settings.aims, len(candidate_aims(plan.profile))
    rule = ("each aimable lever at the segment where it alone, with the whole budget, "
            "had the highest mean gain on the search's draws, when that mean beat today's "
            "spend and the lever alone for everyone")
    if not aims:
        return (f"Levers aimed at one segment: none ({rule}: none did, of {tried} tried)."
                if screened else "Levers aimed at one segment: none considered (--aim none).")
    words = ", ".join(Lever(a).words for a in aims)
    how = f"{rule}; {tried} aims tried" if screened else "as named by --aim"
    return (f"Levers aimed at one segment, considered beside the levers for everyone: "
            f"{words} ({how}).")


def segment_text(plan: Plan, split: SegmentSplit, screened: bool) -> str:
    """The aims considered, then the plan against today's spend by segment."""
    return "\n".join([aim_line(plan, screened),
                      split.text(money, lambda label: WORDS.get(label, label))])
