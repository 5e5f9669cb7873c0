"""Which levers a spending plan may aim at one segment: the firm's segments, the aimable
levers, and `--aim` checked before any work starts (one-line errors). Light to import, so
the command line refuses bad input before loading what simulates.

The model buys one aimed budget per lever, so a plan aims each lever at one segment at
most. Service quality is not aimed in plans: what it costs is booked per customer served,
and a plan buying it for everyone and for a segment at once would book both at one rate.
"""

from __future__ import annotations

from experiments.analysis.allocate import AIM
from experiments.errors import UsageError
from experiments.scenarios.firm_profile import LEVERS, FirmProfile
from simulation.parameters.segments import SEGMENTS

PLAN_AIMABLE = ("save_desk", "follow_up", "acquisition")   # levers a plan may aim
AUTO, NONE = "auto", "none"


def profile_segments(profile: FirmProfile) -> tuple[str, ...]:
    """The segments the profile's market has people in, in declared order."""
    return tuple(s for s in SEGMENTS if profile.segments.get(f"segments.{s}_share", 0) > 0)


def candidate_aims(profile: FirmProfile) -> tuple[str, ...]:
    """Every aimable lever the profile does not keep, at every segment it has."""
    return tuple(f"{lever}{AIM}{segment}" for lever in PLAN_AIMABLE
                 if not profile.bound(lever).keep for segment in profile_segments(profile))


def parse_aims(text: str | None, profile: FirmProfile) -> tuple[str, ...] | None:
    """`--aim`: None for the default screen (`auto`, or not given on a profile with
    segments), () for none, else the named aims, each checked (one-line errors)."""
    if text is None or text.strip() == AUTO:
        return None if profile_segments(profile) else ()
    if text.strip() == NONE:
        return ()
    aims = tuple(dict.fromkeys(a.strip() for a in text.split(",") if a.strip()))
    for aim in aims:
        _check_aim(aim, profile)
    levers = [a.partition(AIM)[0] for a in aims]
    twice = sorted({lv for lv in levers if levers.count(lv) > 1})
    if twice:
        raise UsageError(f"--aim {text}: {', '.join(twice)} aimed at two segments; a plan "
                         "aims a lever at one segment at most (the model buys one aimed "
                         "budget per lever)")
    return aims


def _check_aim(aim: str, profile: FirmProfile) -> None:
    lever, at, segment = aim.partition(AIM)
    segments = profile_segments(profile)
    if not segments:
        raise UsageError(f"--aim {aim}: {profile.source} has no [segments]; a lever can be "
                         "aimed only at a segment the firm has")
    if not at or lever not in PLAN_AIMABLE:
        raise UsageError(f"--aim {aim}: expected lever@segment with lever one of "
                         f"{', '.join(PLAN_AIMABLE)} (e.g. save_desk@{segments[0]})")
    if segment not in segments:
        raise UsageError(f"--aim {aim}: segment {segment!r} is not one of the firm's "
                         f"segments ({', '.join(segments)}; [segments] in {profile.source})")
    if profile.bound(lever).keep:
        raise UsageError(f"--aim {aim}: {profile.source} keeps {LEVERS[lever]} as it is "
                         f"(bounds.{lever} = \"keep\")")
