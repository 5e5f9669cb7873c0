"""One unhappy customer's story, told hop by hop: who told whom, who left, who never came.

`Story(model, person)` gives one customer a bad experience (a serious failure handled so
badly that they turn enemy and campaign against the firm); each `hop()` then steps the
market until someone in the ripple speaks, and records whom they told. The classroom
app and notebook 01 both tell the story with this class and draw it with `RippleOverlay`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.lines import Line2D

from experiments.reporting.words import count
from simulation import ParameterError
from simulation import word_of_mouth as wom
from simulation.model import CustomerModel
from simulation.state import ACTIVE, CAUSE, ENEMY, LOST, PROSPECT, Population

MAX_WAIT_MONTHS = 12      # a hop waits at most this long for someone in the ripple to speak
CRITIC_COLOUR, HEARD_COLOUR = "#7b2cbf", "#7b2cbf"
LEFT_COLOUR, NEVER_COLOUR = "#000000", "#e07b00"


def people(n: int) -> str:
    """'1 person', '12 people'."""
    return count(n, "person", "people")


def bad_experience(people: Population, who: int) -> None:
    """A serious failure handled badly: very dissatisfied, and angry enough to campaign."""
    people.satisfaction[who] = 1.0
    people.escalation[who] = ENEMY


@dataclass(frozen=True)
class Hop:
    """One round of telling inside the ripple: arrows from teller to listener."""

    number: int
    month: float
    teller: np.ndarray
    listener: np.ndarray
    newly_reached: np.ndarray


@dataclass(frozen=True)
class StoryCounts:
    """Running counts of a story, in whole people."""

    reached: int            # heard the bad news from the ripple
    tellers: int            # people in the ripple who passed bad news on (critic included)
    customers_heard: int
    left: int               # of those customers, left since hearing
    followed_friend: int    # of those who left, followed a friend to a rival
    prospects_heard: int
    never_came: int         # of those prospects, still not customers


class Story:
    """One customer's bad experience and the ripple of bad news it sets off."""

    def __init__(self, model: CustomerModel, person: int) -> None:
        pop = model.people
        if not 0 <= person < pop.n or pop.status[person] != ACTIVE:
            raise ParameterError(f"person = {person!r}: pick a current customer "
                                 f"(0-{pop.n - 1}, active now)")
        self.model, self.person = model, int(person)
        self.start_month = model.month
        self.heard_at = np.full(pop.n, -1, np.int64)       # step first reached, -1 never
        self.status_heard = np.full(pop.n, -1, np.int8)    # their status when reached
        self.told = np.zeros(pop.n, bool)
        self.hops: list[Hop] = []
        self.died_down = False     # a hop waited in vain: nobody in the ripple spoke
        self._pairs: list[tuple[np.ndarray, np.ndarray]] = []
        self._members = self.in_ripple()
        bad_experience(pop, self.person)

    def in_ripple(self) -> np.ndarray:
        """Mask of the critic and everyone the ripple has reached."""
        mask = self.heard_at >= 0
        mask[self.person] = True
        return mask

    def _heard(self, positive: wom.Messages, negative: wom.Messages) -> None:
        mine = self._members[negative.teller]
        teller, listener = negative.teller[mine], negative.listener[mine]
        self._pairs.append((teller, listener))
        fresh = np.unique(listener[(self.heard_at[listener] < 0) & (listener != self.person)])
        self.heard_at[fresh] = self.model.steps
        self.status_heard[fresh] = self.model.people.status[fresh]

    def hop(self, max_wait_months: float = MAX_WAIT_MONTHS) -> Hop | None:
        """Step the market until someone in the ripple tells others; None if nobody does."""
        model, before = self.model, self.heard_at >= 0
        self._pairs = []
        model.on_word_of_mouth.append(self._heard)
        try:
            for _ in range(max(1, int(round(max_wait_months / model.dt)))):
                self._members = self.in_ripple()
                model.step()
                if any(t.size for t, _ in self._pairs):
                    break
        finally:
            model.on_word_of_mouth.remove(self._heard)
        teller = np.concatenate([t for t, _ in self._pairs]) if self._pairs else np.zeros(0, int)
        listener = np.concatenate([ls for _, ls in self._pairs]) if self._pairs else teller
        if teller.size == 0:
            self.died_down = True
            return None
        self.told[teller] = True
        hop = Hop(len(self.hops) + 1, model.month, teller, listener,
                  np.flatnonzero((self.heard_at >= 0) & ~before))
        self.hops.append(hop)
        return hop

    def fates(self) -> dict[str, np.ndarray]:
        """Masks over everyone: reached, customers and prospects when reached, and what
        became of them (left since hearing, followed a friend, still not a customer)."""
        pop, reached = self.model.people, self.heard_at >= 0
        customers = reached & (self.status_heard == ACTIVE)
        left = customers & (pop.status == LOST) & (pop.lost_at >= self.heard_at)
        prospects = reached & (self.status_heard == PROSPECT)
        return {"heard": reached, "customers_heard": customers, "left": left,
                "followed_friend": left & (pop.lost_cause == CAUSE["friend_recommendation"]),
                "prospects_heard": prospects, "never_came": prospects & (pop.status == PROSPECT)}

    def counts(self) -> StoryCounts:
        f = self.fates()
        return StoryCounts(reached=int(f["heard"].sum()), tellers=int(self.told.sum()),
                           **{k: int(f[k].sum()) for k in ("customers_heard", "left",
                                                           "followed_friend",
                                                           "prospects_heard", "never_came")})

    def marked(self) -> dict[str, np.ndarray]:
        """Person ids to mark on a drawing: reached, left since hearing, never came."""
        f = self.fates()
        return {k: np.flatnonzero(f[k]) for k in ("heard", "left", "never_came")}

    def headline(self) -> str:
        """One line for the projector: whose story, which hop, the running counts."""
        c = self.counts()
        hop = f"hop {len(self.hops)}, month {self.model.month:g}" if self.hops else \
            f"month {self.model.month:g}, nobody told yet"
        return (f"Person {self.person}'s bad experience ({hop}): {c.reached:,} heard, "
                f"{c.left:,} customers left, {c.never_came:,} prospects never came")

    def sentence(self) -> str:
        """The story so far in plain words."""
        c = self.counts()
        if self.died_down:
            return (f"Nobody in the ripple has spoken for {MAX_WAIT_MONTHS} months: the bad "
                    f"news has died down. In all, {people(c.reached)} heard it; "
                    f"{c.left:,} of the customers among them left since and "
                    f"{c.never_came:,} of the prospects have not become customers.")
        if not self.hops:
            return (f"Person {self.person} has just had a bad experience (month "
                    f"{self.start_month:g}) and is angry; nobody has heard about it yet.")
        last = self.hops[-1]
        return (f"Hop {last.number} (month {last.month:g}): "
                f"{people(np.unique(last.teller).size)} in the ripple told "
                f"{people(last.listener.size)}, {last.newly_reached.size:,} of them for the "
                f"first time. So far {people(c.reached)} have heard the bad news from "
                f"{people(c.tellers)}. "
                f"{c.customers_heard:,} were customers: {c.left:,} "
                f"{'has' if c.left == 1 else 'have'} left since "
                f"({c.followed_friend:,} followed a friend to a rival). "
                f"{c.prospects_heard:,} were prospects: {c.never_came:,} "
                f"{'has' if c.never_came == 1 else 'have'} not become customers.")


def story_legend_handles(marker_size: float = 7.0) -> list[Line2D]:
    """Legend entries for the story marks."""
    def mark(label, marker, colour, **kw):
        return Line2D([], [], ls="", marker=marker, ms=marker_size, mfc="none",
                      mec=colour, mew=1.6, label=label, **kw)
    return [Line2D([], [], ls="", marker="*", ms=marker_size * 1.6, mfc=CRITIC_COLOUR,
                   mec="black", label="the unhappy customer"),
            Line2D([], [], color=CRITIC_COLOUR, lw=1.6, label="told (latest hop bold)"),
            mark("heard the bad news", "o", HEARD_COLOUR),
            mark("customer who then left", "s", LEFT_COLOUR),
            mark("prospect who never came", "D", NEVER_COLOUR)]


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
