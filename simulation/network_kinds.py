"""The kinds of social network a market can have, and how many ties each can hold on a
given number of people: plain arithmetic, so parameters can name and check them without
importing the graph code (networkx, scipy) that builds them."""

import math

import numpy as np

NETWORK_KINDS = ("small_world", "scale_free", "random", "complete", "communities", "edge_list")


def size_problem(kind: str, n: int, mean_degree: float, community_size: int = 50,
                 weak_tie_share: float = 0.2) -> str | None:
    """Why `n` people cannot have `mean_degree` ties each in a `kind` network (None if they can).

    Parameters check this before anything is built; the generators raise it as a ValueError.
    """
    if kind in ("complete", "edge_list"):
        return None
    if mean_degree > n - 1:
        return f"{mean_degree:g} ties per person need at least {math.ceil(mean_degree) + 1} people"
    if kind == "small_world" and 2 * _round_half_up(mean_degree / 2) >= n:
        k = 2 * _round_half_up(mean_degree / 2)
        return f"a small world ties each person to k = {k} neighbours, so needs more than {k} people"
    if kind == "scale_free" and _round_half_up(mean_degree / 2) >= n:
        return f"a scale-free network needs more than m = {_round_half_up(mean_degree / 2)} people"
    if kind == "communities":
        sizes = np.bincount(community_labels(n, community_size))
        strong_degree = mean_degree * (1 - weak_tie_share)
        if strong_degree > sizes.min() - 1:
            return (f"{strong_degree:g} strong ties per person do not fit in communities of "
                    f"{sizes.min()}")
        if weak_tie_share > 0 and sizes.size < 2:
            return f"weak ties need at least two communities; {n} people give one"
    return None


def _round_half_up(x: float) -> int:
    """Round without banker's rounding, so a mean degree of 5 gives k = 6 and m = 3."""
    return math.floor(x + 0.5)


def community_labels(n: int, community_size: int) -> np.ndarray:
    """Community of each person for :func:`communities`: contiguous blocks of near-equal size."""
    if community_size < 2:
        raise ValueError(f"community_size must be at least 2, got {community_size}")
    count = max(1, min(_round_half_up(n / community_size), n // 2))
    sizes = np.full(count, n // count, np.int64)
    sizes[: n % count] += 1
    return np.repeat(np.arange(count, dtype=np.int32), sizes)
