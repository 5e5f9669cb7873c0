"""The social network as data: who can talk to whom, and whether the tie is strong or weak.

Held as symmetric CSR arrays (a million people in about 50 MB) so the simulation gathers
neighbours with plain numpy indexing; an implicit complete graph needs no arrays at all.
"""

import itertools
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np
import scipy.sparse as sp

MAX_NETWORKX_NODES = 20_000
MAX_NETWORKX_TIES = 2_000_000  # a complete graph of 20,000 would need ~200 million
_MAX_NODES = 2**31 - 1  # node ids are stored as int32


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


def _csr_from_edges(n: int, edges, strong=None, blocks: int = 1) -> SocialGraph:
    """Symmetric CSR from an (E, 2) undirected edge array: self loops and repeats dropped.

    A pair listed as both strong and weak counts as strong. Compiled (see `csr_kernels`):
    about a second and 60 MB beyond the result for five million ties. `blocks`: the
    edges are that many equal runs best read side by side (a ring lattice's distances).
    """
    from simulation.network.csr_kernels import symmetric_csr  # compiled on first use
    n = int(n)
    if n > _MAX_NODES:
        raise ValueError(f"at most {_MAX_NODES} people fit int32 ids, got n = {n}")
    edges = np.asarray(edges).reshape(-1, 2)
    if edges.size and (edges.min() < 0 or edges.max() >= n):
        raise ValueError(f"edge endpoints must lie in 0..{n - 1}")
    weak = np.zeros(0, np.uint8) if strong is None else ~np.asarray(strong, bool)
    indptr, indices, flags = symmetric_csr(n, edges[:, 0], edges[:, 1], weak.view(np.uint8),
                                           blocks if edges.shape[0] % blocks == 0 else 1)
    return SocialGraph(n, indptr, indices, None if strong is None else flags == 0)
