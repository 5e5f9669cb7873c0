"""One unhappy customer's story: the bad experience, the hops, the counts, and the app's
Story tab driving it (picking by button and by clicking the figure)."""

from __future__ import annotations

import numpy as np
import pytest

from experiments.classroom.app import ClassroomApp
from experiments.classroom.story import Story
from experiments.classroom.story_tab import STORY_SPEED
from experiments.scenarios.market_scale import scale_market
from simulation import CustomerModel, ParameterError, Params
from simulation.state import ACTIVE, ENEMY, LOST, PROSPECT


def market(seed: int, months: float = 6) -> CustomerModel:
    return CustomerModel(scale_market(Params.preset("folklore"), 800), rng=seed).run(months)


def best_connected(model: CustomerModel) -> int:
    active = model.active()
    return int(active[np.argmax(model.graph.degree[active])])


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_first_hop_is_the_critic_telling_ten_to_twenty_people(seed):
    """Folklore's F4: an unhappy customer tells 10-20 people; the critic is an enemy."""
    model = market(seed)
    person = best_connected(model)
    story = Story(model, person)
    assert model.people.escalation[person] == ENEMY
    hop = story.hop()
    assert hop is not None and set(hop.teller) == {person}
    assert 10 <= np.unique(hop.listener).size <= 20
    assert set(hop.newly_reached) == set(np.unique(hop.listener))


def test_hops_follow_the_ripple_and_counts_add_up():
    model = market(3)
    story = Story(model, best_connected(model))
    for _ in range(8):
        before = story.in_ripple()
        hop = story.hop()
        if hop is None:
            break
        assert before[hop.teller].all()          # only people already in the ripple tell
    c, fates, pop = story.counts(), story.fates(), model.people
    assert c.reached == (story.heard_at >= 0).sum() > 10
    assert c.customers_heard + c.prospects_heard <= c.reached
    assert c.left <= c.customers_heard and c.never_came <= c.prospects_heard
    assert (pop.status[fates["left"]] == LOST).all()
    assert (pop.status[fates["never_came"]] == PROSPECT).all()
    assert (story.status_heard[fates["customers_heard"]] == ACTIVE).all()
    assert f"{c.reached:,} people" in story.sentence()   # the story so far, or its end


def test_a_story_needs_a_current_customer():
    model = market(1)
    prospect = int(np.flatnonzero(model.people.status == PROSPECT)[0])
    with pytest.raises(ParameterError, match="current customer"):
        Story(model, prospect)


def test_the_story_tab_tells_it_hop_by_hop_at_a_slower_pace():
    app = ClassroomApp(population=600, seed=5, months=36)
    app.step(4)
    controls = app.story_controls
    controls.pick_button.click()
    first = controls.chosen
    assert app.model.people.status[first] == ACTIVE and f"Person {first}" in controls.text.value
    before = app.image.value
    controls.bad_button.click()
    assert controls.story.person == first and app.speed.value == STORY_SPEED
    controls.hop_button.click()
    assert len(controls.story.hops) == 1 and "Hop 1" in controls.text.value
    assert app.image.value != before
    arrows = app.figure.overlay.arrows
    assert arrows is not None and len(arrows.get_offsets()) == controls.story.hops[0].teller.size
    app.step_button.click()                      # while a story is told, Step is a hop too
    assert len(controls.story.hops) == 2
    controls.end_button.click()
    assert controls.story is None and app.figure.overlay.arrows is None


def test_clicking_the_network_picks_the_customer_drawn_there():
    app = ClassroomApp(population=600, seed=5, months=36)
    app.step(3)
    person = int(app.model.active()[17])
    fig = app.figure
    x, y = fig.ax_net.transData.transform(app.layout[person])
    height = fig.fig.canvas.get_width_height()[1]
    app.story_controls.on_click({"type": "click", "dataX": x, "dataY": height - y})
    assert app.story_controls.chosen == person
    app.story_controls.on_click({"type": "click", "dataX": 5.0, "dataY": 5.0})  # headline
    assert app.story_controls.chosen == person
