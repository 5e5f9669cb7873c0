"""The listener rule written out plainly in numpy: the oracle the compiled kernels of
`simulation.word_of_mouth.kernels` are tested against (same rule, its own random stream)."""

import numpy as np

from simulation.network import SocialGraph


def pick_listeners(graph: SocialGraph, tellers: np.ndarray, reach: np.ndarray,
                   random_share: float, rng: np.random.Generator):
    """Listeners for each teller's `reach` messages; returns (teller, listener, strong)."""
    teller = np.repeat(tellers, reach)
    k = np.arange(teller.size) - np.repeat(np.cumsum(reach) - reach, reach)
    if graph.complete:
        listener = _anyone_else(graph.n, teller, rng)
        everyone = np.arange(teller.size)
        _tell_each_once(graph.n, teller, listener, everyone, everyone,
                        lambda who, last: _anyone_else(graph.n, who, rng))
        return teller, listener, np.ones(teller.size, bool)
    deg = graph.degree[teller].astype(np.int64)
    start = np.repeat(rng.integers(0, 1 << 30, tellers.size), reach)
    own = k < deg
    listener = np.empty(teller.size, np.int64)
    strong = np.zeros(teller.size, bool)
    slot = graph.indptr[teller[own]] + (start[own] + k[own]) % deg[own]
    listener[own] = graph.indices[slot]
    strong[own] = True if graph.strong is None else graph.strong[slot]
    rest = np.flatnonzero(~own)
    listener[rest] = _beyond_ties(graph, teller[rest], random_share, rng)
    # only tellers who ran out of own ties can have told someone twice
    scope = np.flatnonzero(np.repeat(reach > graph.degree[tellers], reach))
    _tell_each_once(graph.n, teller, listener, scope, rest, lambda who, last: _beyond_ties(
        graph, who, 1.0 if last else random_share, rng))
    return teller, listener, strong


def _anyone_else(n: int, teller: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A uniformly random person other than the teller (complete graph)."""
    other = rng.integers(0, n - 1, teller.size)
    return other + (other >= teller)


def _tell_each_once(n: int, teller: np.ndarray, listener: np.ndarray, scope: np.ndarray,
                    rest: np.ndarray, redraw, rounds: int = 8) -> None:
    """Redraw listeners in `rest` whom their teller already told, so reach counts people.
    `scope` holds every message of the tellers concerned (a superset of `rest`);
    `redraw(tellers, last_round)`; the last round may widen to the whole market."""
    if rest.size == 0:
        return
    redrawable = np.zeros(teller.size, bool)
    redrawable[rest] = True
    for round_ in range(rounds):
        key = teller[scope] * n + listener[scope]
        _, first = np.unique(key, return_index=True)
        repeat = redrawable[scope]
        repeat[first] = False
        redo = scope[repeat]
        if redo.size == 0:
            return
        listener[redo] = redraw(teller[redo], round_ == rounds - 1)


def _beyond_ties(graph: SocialGraph, teller: np.ndarray, random_share: float,
                 rng: np.random.Generator) -> np.ndarray:
    """Ties of ties (a two-step walk), or random people for the `random_share`."""
    out = rng.integers(0, graph.n, teller.size)
    walk = (rng.random(teller.size) >= random_share) & (graph.degree[teller] > 0)
    friend = _random_tie(graph, teller[walk], rng)
    has_ties = graph.degree[friend] > 0
    second = friend.copy()
    second[has_ties] = _random_tie(graph, friend[has_ties], rng)
    out[walk] = second
    self_told = out == teller
    out[self_told] = rng.integers(0, graph.n, int(self_told.sum()))
    return out


def _random_tie(graph: SocialGraph, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    deg = graph.degree[who]
    pick = (rng.random(who.size) * deg).astype(np.int64)
    return graph.indices[graph.indptr[who] + pick].astype(np.int64)



def hear(pop, positive: np.ndarray, negative: np.ndarray, params, rng: np.random.Generator):
    """Praise raises expectations; some customers told bad news follow a friend away."""
    from simulation.state import ACTIVE
    w = params.wom
    praised = np.flatnonzero(positive > 0)
    shift = w.expectation_shift * positive[praised]
    pop.expectation[praised] = np.clip(pop.expectation[praised] + shift, 0.0, 1.0)
    told = np.flatnonzero((negative > 0) & (pop.status == ACTIVE))
    p_follow = 1.0 - (1.0 - w.follow_friend_prob) ** negative[told]
    return told[rng.random(told.size) < p_follow]
