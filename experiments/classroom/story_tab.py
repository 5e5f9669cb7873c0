"""The classroom app's Story tab: pick (or click) a customer, give them a bad experience,
follow the ripple hop by hop. The story itself is `classroom.story.Story`."""

from __future__ import annotations

from typing import Any, Protocol

import ipywidgets as w
import numpy as np

from experiments.analysis.trace import ripple_travels
from experiments.classroom.story import Story
from experiments.reporting.words import count
from simulation.state import ACTIVE

STORY_SPEED = 0.5          # a hop every 2 s while a story plays
MIN_HOPS = 3               # a picked customer's story travels at least this many hops
PICK_TRIES = 12            # customers tried (most ties first) for one whose story travels
_ROW = w.Layout(width="100%")
_WRAP = w.Layout(flex_flow="row wrap")


class StoryHost(Protocol):
    """What the Story tab needs of the app that holds it (the app imports the tab, so the
    tab names only this)."""

    model: Any
    image: w.Image
    figure: Any
    speed: w.ValueWidget
    play_button: w.ToggleButton

    def step(self, steps: int = 1) -> None: ...
    def redraw(self) -> None: ...
    def set_speed(self, speed: float) -> None: ...


def button(description: str, icon: str, tooltip: str, **kw) -> w.Button:
    return w.Button(description=description, icon=icon, tooltip=tooltip,
                    layout=w.Layout(width="auto"), **kw)


class StoryControls:
    """The Story tab's buttons and text, wired to one app. While a story is told the
    market is paused: it moves only hop by hop (Next hop, Step or Play at story pace),
    and not at all once the story has died down; the speed comes back afterwards."""

    def __init__(self, app: StoryHost) -> None:
        self.app = app
        self.story: Story | None = None
        self.chosen: int | None = None
        self.note = ""                 # why the chosen customer was chosen
        self._next_pick = 0
        self._speed_before: float | None = None
        self.pick_button = button("Pick a customer", "user",
                                  "a well-connected customer whose story travels")
        self.bad_button = button("Bad experience", "bolt", "a serious failure, badly handled",
                                 button_style="danger")
        self.hop_button = button("Next hop", "forward", "step until the ripple spreads",
                                 disabled=True)
        self.end_button = button("End story", "times", "back to the whole market")
        self.text = w.HTML(layout=_ROW)
        self.widget = w.VBox([
            w.HTML("Pick a customer (or click one on the network), give them a bad "
                   "experience, then follow the bad news hop by hop."),
            w.HBox([self.pick_button, self.bad_button], layout=_WRAP),
            w.HBox([self.hop_button, self.end_button], layout=_WRAP), self.text])
        self.clicks = None

    def wire(self) -> None:
        self.pick_button.on_click(lambda _: self.pick())
        self.bad_button.on_click(lambda _: self.begin())
        self.hop_button.on_click(lambda _: self.next_hop())
        self.end_button.on_click(lambda _: self.end())
        try:
            from ipyevents import Event
        except ImportError:          # without ipyevents, picking is by button only
            return
        self.clicks = Event(source=self.app.image, watched_events=["click"])
        self.clicks.on_dom_event(self.on_click)

    @property
    def telling(self) -> bool:
        """A story is on and can still move on."""
        return self.story is not None and not self.story.died_down

    def clear(self) -> None:
        """No story, nobody chosen, and the speed from before the story back."""
        self.story, self.chosen, self.note = None, None, ""
        if self._speed_before is not None:
            self.app.set_speed(self._speed_before)
            self._speed_before = None
        self.hop_button.disabled = True

    def pick(self, person: int | None = None) -> None:
        """Choose `person` (a click), or the next well-connected customer whose story
        travels; a clicked customer whose news would die down gives way to one drawn
        near them whose news travels."""
        model = self.app.model
        if person is None:
            ranked = ranked_by_ties(model)
            found = first_traveller(model, np.roll(ranked, -self._next_pick))
            self._next_pick = (int(np.flatnonzero(ranked == found)[0]) + 1) % ranked.size
            self.chosen, self.note = found, ""
        else:
            self.chosen, self.note = int(person), ""
            hops = ripple_travels(model, person, MIN_HOPS) if model.graph.degree[person] else 0
            if hops < MIN_HOPS:
                near = self.app.figure.nearest(person, model.active())
                self.chosen = first_traveller(model, near[near != person])
                why = (f"would die down after {count(hops, 'hop', 'hops')}"
                       if model.graph.degree[person] else "would reach nobody: no ties")
                self.note = (f"Person {person}'s bad news {why}; person {self.chosen}, drawn "
                             "near them, is picked instead: their story travels. ")
        self.app.redraw()

    def on_click(self, event: dict) -> None:
        """A click on the figure picks the customer drawn nearest to it."""
        if self.story is not None or "dataX" not in event:
            return
        person = self.app.figure.person_at(event["dataX"], event["dataY"],
                                           self.app.model.active())
        if person is not None:
            self.pick(person)

    def begin(self, person: int | None = None) -> None:
        """Give the chosen customer (or `person`, as given) a bad experience; pause the
        market and slow the clock to story pace (the speed before comes back when the
        story ends). A pick is checked again first: the market may have moved on."""
        if self.story is not None:
            return
        model = self.app.model
        if person is not None:
            self.chosen = int(person)
        elif self.chosen is None or model.people.status[self.chosen] != ACTIVE:
            self.pick()
        else:
            self.pick(self.chosen)
        self.app.play_button.value = False
        self._speed_before = self.app.speed.value
        self.app.set_speed(STORY_SPEED)
        self.story = Story(self.app.model, self.chosen)
        self.hop_button.disabled = False
        self.app.redraw()

    def next_hop(self) -> None:
        """One hop of the story being told; nothing at all without one."""
        if self.telling:
            self.app.step()

    def hop(self) -> None:
        """One hop (the app's step while a story is on); pauses when the news dies down."""
        if self.telling and self.story.hop() is None:
            self.app.play_button.value = False
            self.hop_button.disabled = True

    def end(self) -> None:
        self.clear()
        self.app.redraw()

    def update(self) -> None:
        """The story text for what is on screen now."""
        if self.story is not None:
            hint = " Press End story to go back to the market." if self.story.died_down \
                else "" if self.story.hops else " Press Next hop to see whom they tell."
            self.text.value = self.story.sentence() + hint
        elif self.chosen is not None:
            model, who = self.app.model, self.chosen
            self.text.value = (f"{self.note}Person {who}: a customer with "
                               f"{count(model.graph.degree[who], 'tie', 'ties')}, "
                               f"satisfaction {model.people.level()[who]} of 5. Press "
                               f"Bad experience.")
        else:
            self.text.value = "No story yet."


def ranked_by_ties(model) -> np.ndarray:
    """Current customers, most ties first (ties broken by id)."""
    active = model.active()
    return active[np.argsort(-model.graph.degree[active], kind="stable")]


def first_traveller(model, candidates: np.ndarray, tries: int = PICK_TRIES) -> int:
    """The first of `candidates` (up to `tries` of them) whose bad news would travel
    MIN_HOPS hops from now; failing that, the one whose news travels furthest."""
    best, best_hops = int(candidates[0]), -1
    for person in candidates[:tries]:
        if model.graph.degree[person] == 0:
            continue
        hops = ripple_travels(model, int(person), MIN_HOPS)
        if hops >= MIN_HOPS:
            return int(person)
        if hops > best_hops:
            best, best_hops = int(person), hops
    return best
