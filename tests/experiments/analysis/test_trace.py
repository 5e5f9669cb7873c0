"""Tracing one critic's word of mouth through a small market: one tracer, fed live (the
classroom story) or from a message log, and one bad-experience intervention."""

from __future__ import annotations

import numpy as np
import pytest

from experiments.analysis.lost_customer import lose
from experiments.analysis.trace import (
    MessageLog,
    RippleTrace,
    bad_experience,
    prospects_never_told,
    trace_ripple,
)
from simulation import CustomerModel, Params
from simulation.state import CAUSE, ENEMY, LOST, PROSPECT


@pytest.fixture(scope="module")
def log() -> MessageLog:
    return MessageLog(CustomerModel(population=1000, rng=7)).run(12)


def test_log_holds_every_message_the_model_counted(log):
    ts, msgs = log.model.timeseries, log.messages
    assert (msgs.tone == "positive").sum() == ts.positive_messages.sum() > 0
    assert (msgs.tone == "negative").sum() == (ts.negative_messages.sum()
                                               + ts.relayed_messages.sum()) > 0
    assert set(msgs.step) <= set(range(1, 13))


def test_log_holds_bad_news_retold_by_rejecters():
    log = MessageLog(CustomerModel(Params.preset("evidence"), population=2000, rng=3)).run(24)
    ts, neg = log.model.timeseries, log.messages.query("tone == 'negative'")
    assert ts.relayed_messages.sum() > 0
    assert len(neg) == ts.negative_messages.sum() + ts.relayed_messages.sum()
    rejecters = np.flatnonzero(log.model.people.rejecter)
    assert neg.teller.isin(rejecters).any()  # retold messages carry the rejecter as teller


def test_listening_stops_even_after_an_error():
    model = CustomerModel(population=200, rng=1)
    log = MessageLog(model)
    with pytest.raises(RuntimeError), log.listening():
        assert len(model.on_word_of_mouth) == 1
        raise RuntimeError("stop")
    assert model.on_word_of_mouth == []


def test_a_ripple_follows_the_critics_listeners_to_their_fate(log):
    critic = log.loudest_critic()
    ripple = trace_ripple(log, critic)
    neg = log.messages.query("tone == 'negative'")
    assert ripple.messages == (neg.teller == critic).sum() == neg.teller.value_counts().max()
    assert set(ripple.heard) == set(neg[neg.teller == critic].listener)
    assert set(ripple.customers_who_heard) | set(ripple.prospects_who_heard) <= set(ripple.heard)
    pop = log.model.people
    assert (pop.status[ripple.never_came] == PROSPECT).all()
    assert set(ripple.never_came) <= set(ripple.prospects_who_heard)
    assert (pop.status[ripple.left_after] == LOST).all()
    assert (pop.lost_cause[ripple.left_after] == CAUSE["friend_recommendation"]).all()


def test_base_rate_group_never_heard_anything_negative(log):
    untouched = prospects_never_told(log)
    heard = log.messages.query("tone == 'negative'").listener.to_numpy()
    assert untouched.size and not np.isin(untouched, heard).any()


def test_no_critic_without_negative_word_of_mouth():
    quiet = MessageLog(CustomerModel(population=200, rng=1, service_enabled=False)).run(3)
    with pytest.raises(ValueError, match="nobody said anything negative"):
        quiet.loudest_critic()


@pytest.mark.parametrize("onward", [False, True])
def test_one_tracer_live_or_from_the_log_finds_the_same_ripple(onward):
    """The story's live tracer and the log's replay are one tracer: same people, same
    steps, same status when reached."""
    model = CustomerModel(Params.preset("folklore"), population=1000, rng=5).run(2)
    critic = int(model.active()[np.argmax(model.graph.degree[model.active()])])
    bad_experience(model.people, critic)
    live, log = RippleTrace(model, critic, onward=onward), MessageLog(model)
    with live.listening(), log.listening():
        model.run(6)
    replayed = log.replay(RippleTrace(model, critic, onward=onward))
    assert (live.heard_at >= 0).sum() > 10
    assert np.array_equal(live.heard_at, replayed.heard_at)
    assert np.array_equal(live.status_heard, replayed.status_heard)
    assert np.array_equal(live.told, replayed.told)
    if not onward:
        ripple = trace_ripple(log, critic)
        assert set(ripple.heard) == set(np.flatnonzero(live.heard_at >= 0))


def test_following_onward_reaches_further_than_the_critic_alone():
    model = CustomerModel(Params.preset("folklore"), population=1000, rng=5).run(2)
    critic = int(model.active()[np.argmax(model.graph.degree[model.active()])])
    bad_experience(model.people, critic)
    log = MessageLog(model).run(12)
    direct = log.replay(RippleTrace(model, critic, onward=False))
    onward = log.replay(RippleTrace(model, critic))
    assert (direct.heard_at >= 0).sum() < (onward.heard_at >= 0).sum()
    assert ((direct.heard_at >= 0) <= (onward.heard_at >= 0)).all()
    assert direct.told.sum() == 1 < onward.told.sum()


def test_the_lost_customer_enemy_has_the_storys_bad_experience():
    """One intervention: an enemy lost in the lost-customer analysis had the same bad
    experience as a story's critic, and has left."""
    a = CustomerModel(population=300, rng=2).run(3)
    b = CustomerModel(population=300, rng=2).run(3)
    who = a.active()[:5]
    lose(a, who, "enemy")
    bad_experience(b.people, who)
    assert np.array_equal(a.people.satisfaction, b.people.satisfaction)
    assert np.array_equal(a.people.escalation, b.people.escalation)
    assert (a.people.escalation[who] == ENEMY).all() and (a.people.status[who] == LOST).all()
