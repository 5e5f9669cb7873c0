"""One unhappy customer's story: the bad experience, the hops, the counts, and the app's
Story tab driving it (picking by button and by clicking the figure)."""

from __future__ import annotations

import copy
import re

import numpy as np
import pytest

from experiments.analysis.trace import Hop, RippleCounts, ripple_travels
from experiments.classroom.app import ClassroomApp
from experiments.classroom.story import (
    Story,
    died_down_sentence,
    story_headline,
    story_sentence,
)
from experiments.classroom.story_tab import MIN_HOPS, STORY_SPEED, ranked_by_ties
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


# ----- a story that travels, a paused market, the speed back, whole-sentence plurals -----
def dying_customer(model: CustomerModel, hops: int = MIN_HOPS) -> int:
    """A current customer with ties whose bad news would die down within `hops` hops."""
    for person in ranked_by_ties(model)[::-1]:
        if model.graph.degree[person] and ripple_travels(model, int(person), hops) < hops:
            return int(person)
    pytest.fail("every customer's story travels in this market: choose another")


@pytest.mark.parametrize("preset,seed,months", [("folklore", 7, 0), ("folklore", 7, 6),
                                                ("folklore", 2, 3), ("folklore", 11, 24),
                                                ("evidence", 7, 0), ("evidence", 3, 12)])
def test_a_picked_customer_with_ties_has_a_story_of_several_hops(preset, seed, months):
    app = ClassroomApp(population=600, seed=seed, preset=preset, months=36)
    app.step(months)
    controls = app.story_controls
    controls.pick_button.click()
    assert app.model.graph.degree[controls.chosen] > 0
    controls.bad_button.click()
    for _ in range(MIN_HOPS):
        controls.hop_button.click()
    assert len(controls.story.hops) == MIN_HOPS, controls.text.value
    assert f"Hop {MIN_HOPS} (month" in controls.text.value


def test_the_look_ahead_is_exactly_the_story_told_afterwards():
    """`ripple_travels` plays the story on a copy: the real story travels as far, for
    customers whose news travels and for those whose news dies down."""
    app = ClassroomApp(population=600, seed=2, months=36)
    app.step(3)
    model = app.model
    people = [*ranked_by_ties(model)[:3], dying_customer(model)]
    for person in people:
        ahead = ripple_travels(model, int(person), MIN_HOPS)
        told = Story(copy.deepcopy(model), int(person))
        while len(told.hops) < MIN_HOPS and told.hop() is not None:
            pass
        assert len(told.hops) == ahead
    assert ahead < MIN_HOPS                     # the last one died down, as foreseen


def test_picking_again_gives_another_customer():
    app = ClassroomApp(population=600, seed=7, months=36)
    controls, picked = app.story_controls, []
    for _ in range(3):
        controls.pick_button.click()
        picked.append(controls.chosen)
    assert len(set(picked)) == 3


def test_a_clicked_customer_whose_news_dies_gives_way_to_one_nearby():
    app = ClassroomApp(population=600, seed=2, months=36)
    app.step(3)
    controls, model = app.story_controls, app.model
    quiet = dying_customer(model)
    controls.pick(quiet)
    assert controls.chosen != quiet
    assert ripple_travels(model, controls.chosen, MIN_HOPS) == MIN_HOPS
    assert f"Person {quiet}'s bad news would" in controls.text.value
    assert f"person {controls.chosen}, drawn near them, is picked" in controls.text.value


def test_the_market_stays_paused_during_the_story_and_after_it_dies_down():
    app = ClassroomApp(population=600, seed=2, months=36)
    app.step(3)
    controls = app.story_controls
    app.play_button.value = True                # the market was playing
    controls.begin(dying_customer(app.model))   # a story that dies down, on purpose
    assert not app.play_button.value and not app.play.playing
    month = app.model.month
    for _ in range(MIN_HOPS):
        controls.hop_button.click()
        if not controls.story.died_down:        # the market moved only as far as the hop
            assert app.model.month == controls.story.hops[-1].month
    assert controls.story.died_down and controls.hop_button.disabled
    steps = app.model.steps
    controls.hop_button.click()                 # a further Next: nothing moves
    app.step_button.click()
    app.play.value += 3                         # nor do ticks of the clock
    assert app.model.steps == steps and app.model.month > month
    assert "died down" in controls.text.value and "End story" in controls.text.value
    controls.end_button.click()
    controls.next_hop()                         # Next hop without a story: nothing moves
    assert app.model.steps == steps and controls.hop_button.disabled
    app.step_button.click()                     # the market itself moves on again
    assert app.model.steps == steps + 1


@pytest.mark.parametrize("finish", ["end", "reset"])
def test_the_speed_comes_back_after_the_story(finish):
    app = ClassroomApp(population=600, seed=5, months=36)
    app.speed.value = 10.0
    controls = app.story_controls
    controls.pick_button.click()
    controls.bad_button.click()
    assert app.speed.value == STORY_SPEED and app.play.interval == 2000
    controls.hop_button.click()
    (controls.end_button if finish == "end" else app.reset_button).click()
    assert app.speed.value == 10.0 and app.play.interval == 100
    assert controls.story is None


PLURAL_AFTER_ONE = re.compile(r"(?<![\d,.])1 (people|customers|prospects|ties|hops|have|were)\b")


def test_story_words_speak_in_whole_sentence_plurals():
    ones = RippleCounts(reached=1, tellers=1, customers_heard=1, left=1, followed_friend=1,
                        prospects_heard=1, never_came=1)
    one = np.array([4])
    hop = Hop(1, 3.0, one, one, one)
    words = [story_headline(9, ones, 1, 3.0), story_sentence(hop, ones),
             died_down_sentence(ones)]
    assert "1 customer left, 1 prospect never came" in words[0]
    assert ("1 person in the ripple told 1 person, 1 of them for the first time. So far "
            "1 person has heard the bad news from 1 person. 1 was a customer: 1 has left "
            "since (1 followed a friend to a rival). 1 was a prospect: 1 has not become a "
            "customer.") in words[1]
    assert "1 customer among them has left since and 1 prospect has not become a customer" \
        in words[2]
    many = RippleCounts(reached=12, tellers=2, customers_heard=3, left=2, followed_friend=0,
                        prospects_heard=9, never_came=4)
    two = np.array([4, 5])
    plural = story_sentence(Hop(2, 4.0, two, two, two), many)
    assert "3 were customers: 2 have left" in plural and "4 have not become customers" in plural
    assert not [w for w in words if PLURAL_AFTER_ONE.search(w)]


def test_real_stories_never_say_one_with_a_plural():
    for seed in (1, 2, 3):
        model = market(seed, months=2)
        story = Story(model, best_connected(model))
        texts = [story.headline(), story.sentence()]
        while len(story.hops) < 6 and story.hop() is not None:
            texts += [story.headline(), story.sentence()]
        bad = [t for t in texts if PLURAL_AFTER_ONE.search(t)]
        assert not bad, bad


def test_a_pick_is_checked_again_when_the_market_moved_on_before_the_bad_experience():
    app = ClassroomApp(population=600, seed=2, months=60)
    controls = app.story_controls
    controls.pick_button.click()
    chosen = controls.chosen
    app.step(12)                                # the market moves on before the story
    app.model.people.status[chosen] = LOST      # and the picked customer has left
    controls.bad_button.click()                 # a current customer whose news travels
    assert controls.story.person != chosen
    for _ in range(MIN_HOPS):
        controls.hop_button.click()
    assert len(controls.story.hops) == MIN_HOPS
