"""The classroom app's Story tab: pick (or click) a customer, give them a bad experience,
follow the ripple hop by hop. The story itself is `classroom.story.Story`."""

from __future__ import annotations

from typing import Any, Protocol

import ipywidgets as w
import numpy as np

from experiments.classroom.story import Story

STORY_SPEED = 0.5          # a hop every 2 s while a story plays
_ROW = w.Layout(width="100%")


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
    """The Story tab's buttons and text, wired to one app."""

    def __init__(self, app: StoryHost) -> None:
        self.app = app
        self.story: Story | None = None
        self.chosen: int | None = None
        self._next_pick = 0
        self.pick_button = button("Pick a customer", "user", "a well-connected customer")
        self.bad_button = button("Bad experience", "bolt", "a serious failure, badly handled",
                                 button_style="danger")
        self.hop_button = button("Next hop", "forward", "step until the ripple spreads")
        self.end_button = button("End story", "times", "back to the whole market")
        self.text = w.HTML(layout=_ROW)
        self.widget = w.VBox([
            w.HTML("Pick a customer (or click one on the network), give them a bad "
                   "experience, then follow the bad news hop by hop."),
            w.HBox([self.pick_button, self.bad_button]),
            w.HBox([self.hop_button, self.end_button]), self.text])
        self.clicks = None

    def wire(self) -> None:
        self.pick_button.on_click(lambda _: self.pick())
        self.bad_button.on_click(lambda _: self.begin())
        self.hop_button.on_click(lambda _: self.app.step())
        self.end_button.on_click(lambda _: self.end())
        try:
            from ipyevents import Event
        except ImportError:          # without ipyevents, picking is by button only
            return
        self.clicks = Event(source=self.app.image, watched_events=["click"])
        self.clicks.on_dom_event(self.on_click)

    def clear(self) -> None:
        self.story, self.chosen = None, None

    def pick(self, person: int | None = None) -> None:
        """Choose `person`, or the next customer in order of how many ties they have."""
        model = self.app.model
        if person is None:
            active = model.active()
            ranked = active[np.argsort(-model.graph.degree[active], kind="stable")]
            person = int(ranked[self._next_pick % ranked.size])
            self._next_pick += 1
        self.chosen = int(person)
        self.app.redraw()

    def on_click(self, event: dict) -> None:
        """A click on the figure picks the customer drawn nearest to it."""
        if self.story is not None or "dataX" not in event:
            return
        person = self.app.figure.person_at(event["dataX"], event["dataY"],
                                           self.app.model.active())
        if person is not None:
            self.pick(person)

    def begin(self) -> None:
        """Give the chosen customer a bad experience and slow the clock to story pace."""
        if self.chosen is None:
            self.pick()
        self.story = Story(self.app.model, self.chosen)
        if self.app.speed.value > STORY_SPEED:
            self.app.set_speed(STORY_SPEED)
        self.app.redraw()

    def hop(self) -> None:
        if self.story.hop() is None:
            self.app.play_button.value = False

    def end(self) -> None:
        self.clear()
        self.app.redraw()

    def update(self) -> None:
        """The story text for what is on screen now."""
        if self.story is not None:
            hint = "" if self.story.hops else " Press Next hop to see whom they tell."
            self.text.value = self.story.sentence() + hint
        elif self.chosen is not None:
            model, who = self.app.model, self.chosen
            self.text.value = (f"Person {who}: a customer with {model.graph.degree[who]} "
                               f"ties, satisfaction {model.people.level()[who]} of 5. Press "
                               f"Bad experience.")
        else:
            self.text.value = "No story yet."
