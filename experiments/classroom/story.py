"""One unhappy customer's story, told hop by hop: who told whom, who left, who never came.

`Story(model, person)` gives one customer a bad experience (a serious failure handled so
badly that they turn enemy and campaign against the firm); each `hop()` then steps the
market until someone in the ripple speaks, and records whom they told. The tracing is
`analysis.trace.RippleTrace`'s; a story adds the bad experience and the words. The
classroom app and notebook 01 both tell the story with this class and draw it with
`RippleOverlay`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D

from experiments.analysis.trace import (
    MAX_WAIT_MONTHS,
    Hop,
    RippleCounts,
    RippleTrace,
    bad_experience,
)
from experiments.reporting.words import count
from simulation import ParameterError
from simulation.model import CustomerModel
from simulation.state import ACTIVE

CRITIC_COLOUR, HEARD_COLOUR = "#7b2cbf", "#7b2cbf"
LEFT_COLOUR, NEVER_COLOUR = "#000000", "#e07b00"
__all__ = ["Hop", "RippleOverlay", "Story", "story_headline", "story_sentence"]


def people(n: int) -> str:
    """'1 person', '12 people'."""
    return count(n, "person", "people")


class Story(RippleTrace):
    """One customer's bad experience and the ripple of bad news it sets off."""

    def __init__(self, model: CustomerModel, person: int) -> None:
        pop = model.people
        if not 0 <= person < pop.n or pop.status[person] != ACTIVE:
            raise ParameterError(f"person = {person!r}: pick a current customer "
                                 f"(0-{pop.n - 1}, active now)")
        super().__init__(model, person)
        self.start_month = model.month
        bad_experience(pop, self.person)

    def marked(self) -> dict[str, np.ndarray]:
        """Person ids to mark on a drawing: reached, left since hearing, never came."""
        f = self.fates()
        return {k: np.flatnonzero(f[k]) for k in ("heard", "left", "never_came")}

    def headline(self) -> str:
        """One line for the projector: whose story, which hop, the running counts."""
        return story_headline(self.person, self.counts(), len(self.hops), self.model.month)

    def sentence(self) -> str:
        """The story so far in plain words."""
        if self.died_down:
            return died_down_sentence(self.counts())
        if not self.hops:
            return (f"Person {self.person} has just had a bad experience (month "
                    f"{self.start_month:g}) and is angry; nobody has heard about it yet.")
        return story_sentence(self.hops[-1], self.counts())


def story_headline(person: int, c: RippleCounts, hops: int, month: float) -> str:
    hop = f"hop {hops}, month {month:g}" if hops else f"month {month:g}, nobody told yet"
    return (f"Person {person}'s bad experience ({hop}): {c.reached:,} heard, "
            f"{count(c.left, 'customer', 'customers')} left, "
            f"{count(c.never_came, 'prospect', 'prospects')} never came")


def story_sentence(last: Hop, c: RippleCounts) -> str:
    """The story after hop `last`, in whole sentences (singular where one)."""
    return (f"Hop {last.number} (month {last.month:g}): "
            f"{people(np.unique(last.teller).size)} in the ripple told "
            f"{people(last.listener.size)}, {last.newly_reached.size:,} of them for the "
            f"first time. So far {count(c.reached, 'person has', 'people have')} heard the "
            f"bad news from {people(c.tellers)}. "
            f"{count(c.customers_heard, 'was a customer', 'were customers')}: "
            f"{count(c.left, 'has', 'have')} left since "
            f"({c.followed_friend:,} followed a friend to a rival). "
            f"{count(c.prospects_heard, 'was a prospect', 'were prospects')}: "
            f"{count(c.never_came, 'has not become a customer', 'have not become customers')}.")


def died_down_sentence(c: RippleCounts) -> str:
    return (f"Nobody in the ripple has spoken for {MAX_WAIT_MONTHS} months: the bad news "
            f"has died down. In all, {people(c.reached)} heard it; "
            f"{count(c.left, 'customer among them has', 'customers among them have')} left "
            f"since and {count(c.never_came, 'prospect has', 'prospects have')} not become "
            f"{'a customer' if c.never_came == 1 else 'customers'}.")


def story_legend_handles(marker_size: float = 7.0) -> list[Line2D]:
    """Legend entries for the story marks."""
    def mark(label, marker, colour, **kw):
        return Line2D([], [], ls="", marker=marker, ms=marker_size, mfc="none",
                      mec=colour, mew=1.6, label=label, **kw)
    return [Line2D([], [], ls="", marker="*", ms=marker_size * 1.6, mfc=CRITIC_COLOUR,
                   mec="black", label="the unhappy customer"),
            Line2D([], [], color=CRITIC_COLOUR, lw=1.6, label="told (latest bold)"),
            mark("heard the news", "o", HEARD_COLOUR),
            mark("customer then left", "s", LEFT_COLOUR),
            mark("prospect never came", "D", NEVER_COLOUR)]


class RippleOverlay:
    """A story drawn over a network drawing: arrows for who told whom, rings for fates."""

    def __init__(self, ax, pos: np.ndarray, size: float, animated: bool = False) -> None:
        self.ax, self.pos, self.animated = ax, pos, animated
        style = dict(zorder=5, animated=animated)
        self.heard = ax.scatter([], [], s=size * 1.8, facecolors="none",
                                edgecolors=HEARD_COLOUR, linewidths=1.3, **style)
        self.left = ax.scatter([], [], s=size * 2.6, marker="s", facecolors="none",
                               edgecolors=LEFT_COLOUR, linewidths=1.8, **style)
        self.never = ax.scatter([], [], s=size * 2.2, marker="D", facecolors="none",
                                edgecolors=NEVER_COLOUR, linewidths=1.5, **style)
        self.critic = ax.scatter([], [], s=max(size * 9, 90), marker="*", c=CRITIC_COLOUR,
                                 edgecolors="black", linewidths=0.8, zorder=7,
                                 animated=animated)
        self.arrows = None

    @property
    def artists(self) -> tuple:
        return tuple(a for a in (self.arrows, self.heard, self.left, self.never, self.critic)
                     if a is not None)

    def update(self, story: Story | None, chosen: int | None = None) -> None:
        """Show `story` (or only the `chosen` customer, or nothing) on the drawing."""
        empty = np.zeros((0, 2))
        marked = story.marked() if story else {}
        for artist, key in ((self.heard, "heard"), (self.left, "left"),
                            (self.never, "never_came")):
            ids = marked.get(key)
            artist.set_offsets(self.pos[ids] if ids is not None else empty)
        star = story.person if story else chosen
        self.critic.set_offsets(self.pos[[star]] if star is not None else empty)
        if self.arrows is not None:
            self.arrows.remove()
            self.arrows = None
        if story and story.hops:
            self.arrows = self._quiver(story.hops)

    def _quiver(self, hops: list[Hop]):
        """Arrows from teller to listener; the latest hop bold, earlier hops faint."""
        teller = np.concatenate([h.teller for h in hops])
        listener = np.concatenate([h.listener for h in hops])
        latest = np.concatenate([np.full(h.teller.size, h is hops[-1]) for h in hops])
        start, end = self.pos[teller], self.pos[listener]
        colours = np.where(latest[:, None], (0.48, 0.17, 0.75, 0.95), (0.48, 0.17, 0.75, 0.25))
        return self.ax.quiver(start[:, 0], start[:, 1], *(end - start).T, color=colours,
                              angles="xy", scale_units="xy", scale=1, width=0.0035,
                              headwidth=4, headlength=5, zorder=4, animated=self.animated)
