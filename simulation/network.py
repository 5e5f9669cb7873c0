"""Social networks for word of mouth: who can talk to whom, and whether the tie is strong or weak.

Generators are pure functions in the NetworkX style (explicit arguments plus ``seed``) that return
a :class:`SocialGraph` held as symmetric CSR arrays, so a million people fit in about 50 MB and the
simulation can gather neighbours with plain numpy indexing.
"""

import errno
import io
import itertools
import math
import operator
import re
import warnings
from dataclasses import dataclass
from functools import cached_property
from os import PathLike

import networkx as nx
import numpy as np
import scipy.sparse as sp

from simulation import network_generators as gen

NETWORK_KINDS = ("small_world", "scale_free", "random", "complete", "communities", "edge_list")
MAX_NETWORKX_NODES = 20_000
MAX_NETWORKX_TIES = 2_000_000  # a complete graph of 20,000 would need ~200 million
_MAX_NODES = 2**31 - 1  # node ids are stored as int32

Seed = int | np.random.Generator | None


@dataclass(frozen=True, eq=False)
class SocialGraph:
    """Undirected graph of ``n`` people as CSR arrays, or an implicit complete graph."""

    n: int
    indptr: np.ndarray | None  # int64, row pointers, length n + 1
    indices: np.ndarray | None  # int32, neighbour ids, sorted within a row, symmetric
    strong: np.ndarray | None  # bool per CSR entry (True = strong tie); None = all strong
    complete: bool = False  # everyone tied to everyone, held without arrays

    def __post_init__(self):
        if self.complete:
            if any(a is not None for a in (self.indptr, self.indices, self.strong)):
                raise ValueError("a complete SocialGraph holds no arrays")
            return
        indptr, indices = np.asarray(self.indptr, np.int64), np.asarray(self.indices, np.int32)
        strong = None if self.strong is None else np.asarray(self.strong, bool)
        if indptr.shape != (self.n + 1,) or indptr[0] != 0 or indptr[-1] != indices.size:
            raise ValueError("indptr must have n + 1 entries running from 0 to len(indices)")
        if strong is not None and strong.shape != indices.shape:
            raise ValueError("strong must hold one flag per CSR entry")
        for name, array in (("indptr", indptr), ("indices", indices), ("strong", strong)):
            object.__setattr__(self, name, array)  # frozen: store the dtype-checked arrays

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of ties per person (int32, read-only; computed once since the graph is frozen)."""
        if self.complete:
            degree = np.full(self.n, max(self.n - 1, 0), np.int32)
        else:
            degree = np.diff(self.indptr).astype(np.int32)
        degree.flags.writeable = False
        return degree

    @property
    def mean_degree(self) -> float:
        """Average number of ties per person."""
        if self.n == 0:
            return 0.0
        return float(self.n - 1) if self.complete else float(self.indptr[-1] / self.n)

    def to_csr(self, weak_weight: float = 1.0) -> sp.csr_array:
        """Adjacency matrix (strong ties 1.0, weak ties ``weak_weight``) for sparse products."""
        if self.complete:
            raise ValueError("a complete graph is held implicitly; it has no adjacency matrix")
        data = np.ones(self.indices.size)
        if self.strong is not None:
            data[~self.strong] = weak_weight
        return sp.csr_array((data, self.indices, self.indptr), shape=(self.n, self.n))

    def to_networkx(self) -> nx.Graph:
        """NetworkX copy with a boolean ``strong`` edge attribute, for drawing small graphs."""
        ties = self.n * (self.n - 1) // 2 if self.complete else self.indices.size // 2
        if self.n > MAX_NETWORKX_NODES or ties > MAX_NETWORKX_TIES:
            raise ValueError(f"to_networkx is for drawing small graphs: {self.n} people and {ties} "
                             f"ties exceed {MAX_NETWORKX_NODES} people or {MAX_NETWORKX_TIES} ties")
        graph = nx.Graph()
        graph.add_nodes_from(range(self.n))
        if self.complete:
            graph.add_edges_from(itertools.combinations(range(self.n), 2), strong=True)
            return graph
        graph.add_edges_from((u, v, {"strong": s}) for u, v, s in _upper_edges(self))
        return graph


def _upper_edges(graph: SocialGraph) -> zip:
    """Each tie once as Python (u, v, strong) with u < v."""
    rows = np.repeat(np.arange(graph.n, dtype=np.int64), np.diff(graph.indptr))
    upper = rows < graph.indices
    strong = np.ones(rows.size, bool) if graph.strong is None else graph.strong
    columns = rows[upper], graph.indices[upper], strong[upper]
    return zip(*(column.tolist() for column in columns), strict=True)


def _csr_from_edges(n: int, edges, strong=None) -> SocialGraph:
    """Symmetric CSR from an (E, 2) undirected edge array: self loops and repeats dropped.

    A pair listed as both strong and weak counts as strong. Sorting one int64 key per tie keeps
    this at about one second for five million ties.
    """
    n = int(n)
    if n > _MAX_NODES:
        raise ValueError(f"at most {_MAX_NODES} people fit int32 ids, got n = {n}")
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if edges.size and (edges.min() < 0 or edges.max() >= n):
        raise ValueError(f"edge endpoints must lie in 0..{n - 1}")
    bits = max(n.bit_length(), 1)
    mask = (1 << bits) - 1
    lo, hi = np.minimum(edges[:, 0], edges[:, 1]), np.maximum(edges[:, 0], edges[:, 1])
    weak = np.zeros(lo.size, np.int64) if strong is None else 1 - np.asarray(strong, np.int64)
    keep = lo != hi
    key = np.sort(((lo[keep] << bits | hi[keep]) << 1) | weak[keep])
    first = np.ones(key.size, bool)
    first[1:] = (key[1:] >> 1) != (key[:-1] >> 1)
    key = key[first]
    pair, flag = key >> 1, key & 1
    both = np.concatenate([pair, (pair & mask) << bits | pair >> bits]) << 1
    both = np.sort(both | np.concatenate([flag, flag]))
    indptr = np.searchsorted(both, np.arange(n + 1, dtype=np.int64) << (bits + 1))
    indices = ((both >> 1) & mask).astype(np.int32)
    return SocialGraph(n, indptr, indices, None if strong is None else (both & 1) == 0)


def _rng(seed: Seed) -> np.random.Generator:
    """The one numpy Generator a generator call draws from."""
    return np.random.default_rng(seed)


def _check_size(n: int, mean_degree: float) -> None:
    """Reject sizes and degrees no generator can honour."""
    if not 1 <= operator.index(n) <= _MAX_NODES:
        raise ValueError(f"n must be between 1 and {_MAX_NODES}, got {n}")
    if not 0 <= mean_degree <= n - 1:
        raise ValueError(f"mean_degree must be between 0 and n - 1 = {n - 1}, got {mean_degree}")


def _check_prob(name: str, value: float) -> None:
    """Probabilities and shares must lie in [0, 1]."""
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value}")


def _round_half_up(x: float) -> int:
    """Round without banker's rounding, so a mean degree of 5 gives k = 6 and m = 3."""
    return math.floor(x + 0.5)


def small_world(n: int, mean_degree: float, rewire_prob: float, seed: Seed = None) -> SocialGraph:
    """Watts-Strogatz: ring lattice with k = mean_degree rounded to even, ties rewired w.p. p.

    Clustering stays high for small rewire_prob while a few shortcuts make paths short.
    """
    _check_size(n, mean_degree)
    _check_prob("rewire_prob", rewire_prob)
    k = 2 * _round_half_up(mean_degree / 2)
    if k >= n:
        raise ValueError(f"small_world needs mean_degree rounded to even (k = {k}) below n = {n}")
    return _csr_from_edges(n, gen.watts_strogatz_edges(n, k, rewire_prob, _rng(seed)))


def scale_free(n: int, mean_degree: float, seed: Seed = None, triangle_prob: float = 0.0):
    """Barabasi-Albert with m = mean_degree / 2 ties per newcomer (Holme-Kim if triangle_prob > 0).

    Preferential attachment gives a power-law degree tail: a few hubs reach many people. Triad
    formation adds clustering but runs as a sequential loop (roughly 10 s per million people).
    """
    _check_size(n, mean_degree)
    _check_prob("triangle_prob", triangle_prob)
    m = _round_half_up(mean_degree / 2)
    if not 1 <= m < n:
        raise ValueError(f"scale_free needs 1 <= m = round(mean_degree / 2) < n; m = {m}, n = {n}")
    rng = _rng(seed)
    if triangle_prob > 0:
        edges = gen.holme_kim_edges(n, m, triangle_prob, rng)
    else:
        edges = gen.barabasi_albert_edges(n, m, rng)
    return _csr_from_edges(n, edges)


def random_graph(n: int, mean_degree: float, seed: Seed = None) -> SocialGraph:
    """Erdos-Renyi G(n, p) with p = mean_degree / (n - 1): the no-structure baseline."""
    _check_size(n, mean_degree)
    p = mean_degree / (n - 1) if n > 1 else 0.0
    return _csr_from_edges(n, gen.gnp_edges(n, p, _rng(seed)))


def complete(n: int) -> SocialGraph:
    """Everyone tied to everyone (well-mixed population), held implicitly without arrays."""
    _check_size(n, 0)
    return SocialGraph(n, None, None, None, complete=True)


def community_labels(n: int, community_size: int) -> np.ndarray:
    """Community of each person for :func:`communities`: contiguous blocks of near-equal size."""
    if community_size < 2:
        raise ValueError(f"community_size must be at least 2, got {community_size}")
    count = max(1, min(_round_half_up(n / community_size), n // 2))
    sizes = np.full(count, n // count, np.int64)
    sizes[: n % count] += 1
    return np.repeat(np.arange(count, dtype=np.int32), sizes)


def communities(
    n: int, community_size: int, mean_degree: float, weak_tie_share: float, seed: Seed = None
) -> SocialGraph:
    """Strong-tie communities joined by random weak ties (Goldenberg, Libai & Muller 2001).

    People in ``community_labels(n, community_size)`` blocks have dense strong ties inside their
    block; about ``weak_tie_share`` of each person's ties are weak ties to other blocks.
    """
    _check_size(n, mean_degree)
    _check_prob("weak_tie_share", weak_tie_share)
    sizes = np.bincount(community_labels(n, community_size))
    strong_degree = mean_degree * (1 - weak_tie_share)
    if strong_degree > sizes.min() - 1:
        raise ValueError(
            f"{strong_degree:g} strong ties per person do not fit in communities of {sizes.min()}"
        )
    if weak_tie_share > 0 and sizes.size < 2:
        raise ValueError(f"weak ties need at least two communities; n = {n} gives one")
    weak_degree = mean_degree * weak_tie_share
    edges, strong = gen.community_edges(sizes, strong_degree, weak_degree, _rng(seed))
    return _csr_from_edges(n, edges, strong)


_FIELD_SEPARATOR = re.compile(r"[,\s]+")
_TIE_WORDS = {"strong": 1, "1": 1, "weak": 0, "0": 0}
_TIE_WORD = re.compile(r"\b(strong|weak)\b", re.IGNORECASE)


def from_edge_list(path: str | PathLike, n: int | None = None) -> SocialGraph:
    """Read ``u v [strong|weak|1|0]`` lines (space or comma separated, ``#`` comments).

    Self loops and repeated pairs are dropped; ``n`` defaults to the largest id + 1.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise FileNotFoundError(errno.ENOENT, "edge list file not found", str(path)) from None
    rows = _fast_edge_rows(text)
    rows = _edge_rows_by_line(text, path) if rows is None else rows
    largest = int(rows[:, :2].max()) if rows.size else -1
    n = largest + 1 if n is None else n
    if largest >= n:
        raise ValueError(f"{path}: id {largest} does not fit n = {n} people (ids run 0..n-1)")
    strong = None if (rows[:, 2] < 0).all() else rows[:, 2] != 0
    return _csr_from_edges(n, rows[:, :2], strong)


def _fast_edge_rows(text: str) -> np.ndarray | None:
    """(E, 3) rows [u, v, tie (-1 = unmarked)] via numpy's C parser; None if any line is unusual."""
    text = _TIE_WORD.sub(lambda word: str(_TIE_WORDS[word[0].lower()]), text.replace(",", " "))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an empty file is fine
            rows = np.loadtxt(io.StringIO(text), dtype=np.int64, comments="#", ndmin=2)
    except ValueError:
        return None
    if rows.size == 0:
        return np.empty((0, 3), np.int64)
    if rows.shape[1] not in (2, 3) or rows.min() < 0 or rows[:, 2:].max(initial=0) > 1:
        return None
    return rows if rows.shape[1] == 3 else np.column_stack([rows, np.full(len(rows), -1)])


def _edge_rows_by_line(text: str, path) -> np.ndarray:
    """Line-by-line reading, for mixed column counts and for errors that name the line."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = _FIELD_SEPARATOR.split(line.split("#", 1)[0].strip())
        if fields == [""]:
            continue
        ok = len(fields) in (2, 3) and all(f.isdecimal() for f in fields[:2])
        tie = _TIE_WORDS.get(fields[2].lower()) if len(fields) == 3 else -1
        if not ok or tie is None:
            raise ValueError(f"{path}, line {number}: expected 'u v' or 'u v strong|weak|1|0' "
                             f"with non-negative integer ids, got {line.strip()!r}")
        rows.append((int(fields[0]), int(fields[1]), tie))
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


def write_edge_list(graph: SocialGraph, path: str | PathLike) -> None:
    """Write each tie once as ``u v strong|weak``, the format :func:`from_edge_list` reads."""
    if graph.complete:
        raise ValueError("a complete graph has no edge list worth writing; use kind='complete'")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"# {graph.n} people; columns: u v tie\n")
        for u, v, strong in _upper_edges(graph):
            handle.write(f"{u} {v} {'strong' if strong else 'weak'}\n")


def from_networkx(graph: nx.Graph) -> SocialGraph:
    """SocialGraph from any NetworkX graph: nodes relabelled 0..n-1 in iteration order.

    Direction is ignored; a boolean ``strong`` edge attribute is kept (missing means strong).
    """
    index = {node: i for i, node in enumerate(graph.nodes)}
    ties = [(index[u], index[v], bool(s)) for u, v, s in graph.edges(data="strong", default=True)]
    edges = np.array([(u, v) for u, v, _ in ties], dtype=np.int64).reshape(-1, 2)
    strong = np.array([s for _, _, s in ties], bool)
    return _csr_from_edges(len(index), edges, None if strong.all() else strong)


def build_network(
    kind: str,
    n: int,
    *,
    mean_degree: float = 10,
    rewire_prob: float = 0.1,
    triangle_prob: float = 0.0,
    community_size: int = 50,
    weak_tie_share: float = 0.2,
    edge_list_path: str | PathLike = "",
    seed: Seed = None,
) -> SocialGraph:
    """Build the network a scenario names. For ``edge_list`` the file decides n (n is ignored)."""
    if kind not in NETWORK_KINDS:
        raise ValueError(f"unknown network kind {kind!r}; choose one of {', '.join(NETWORK_KINDS)}")
    if kind == "edge_list":
        if not edge_list_path:
            raise ValueError("kind='edge_list' needs edge_list_path")
        return from_edge_list(edge_list_path)
    if kind == "small_world":
        return small_world(n, mean_degree, rewire_prob, seed)
    if kind == "scale_free":
        return scale_free(n, mean_degree, seed, triangle_prob)
    if kind == "random":
        return random_graph(n, mean_degree, seed)
    if kind == "complete":
        return complete(n)
    return communities(n, community_size, mean_degree, weak_tie_share, seed)
