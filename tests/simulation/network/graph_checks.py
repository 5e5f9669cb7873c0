"""Checks shared by the network tests: a graph's rows, tie types and simplicity."""

import numpy as np
import scipy.sparse as sp

from simulation.network import SocialGraph


def rows_of(graph: SocialGraph) -> np.ndarray:
    """Row (person) of every CSR entry."""
    return np.repeat(np.arange(graph.n), graph.degree)


def tie_types(graph: SocialGraph) -> dict:
    """{(person, neighbour): strong} for every CSR entry."""
    entries = zip(rows_of(graph).tolist(), graph.indices.tolist(), strict=True)
    return dict(zip(entries, graph.strong.tolist(), strict=True))


def assert_simple_undirected(graph: SocialGraph) -> None:
    """Symmetric with matching tie types, no self loops, no repeats, rows sorted, compact dtypes."""
    assert graph.indptr.dtype == np.int64 and graph.indices.dtype == np.int32
    assert graph.indptr.shape == (graph.n + 1,) and graph.indptr[-1] == graph.indices.size
    rows = rows_of(graph)
    assert not (rows == graph.indices).any(), "self loop"
    same_row = rows[1:] == rows[:-1]
    assert (graph.indices[1:][same_row] > graph.indices[:-1][same_row]).all(), "unsorted or repeat"
    kind = np.ones(rows.size) if graph.strong is None else 1.0 + graph.strong
    matrix = sp.csr_array((kind, graph.indices, graph.indptr), shape=(graph.n, graph.n))
    assert (matrix != matrix.T).nnz == 0, "not symmetric (or a tie's type differs by direction)"
