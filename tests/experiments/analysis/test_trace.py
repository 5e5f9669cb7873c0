"""Tracing one critic's word of mouth through a small market."""

from __future__ import annotations

import numpy as np
import pytest

from experiments.analysis.trace import MessageLog, prospects_never_told, trace_ripple
from simulation import CustomerModel, Params
from simulation.state import CAUSE, LOST, PROSPECT


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
