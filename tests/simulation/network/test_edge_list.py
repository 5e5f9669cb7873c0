"""Edge-list files: round trip, formats, and errors that name the file and line."""

import numpy as np
import pytest

from simulation.network import (
    build_network,
    communities,
    edge_list,
    from_edge_list,
    write_edge_list,
)
from tests.simulation.network.graph_checks import tie_types


def test_edge_list_round_trip_keeps_ties_and_types(tmp_path):
    graph = communities(500, 25, 8, 0.25, 3)
    path = tmp_path / "ties.txt"
    write_edge_list(graph, path)
    back = from_edge_list(path)
    assert back.n == graph.n
    assert np.array_equal(back.indptr, graph.indptr)
    assert np.array_equal(back.indices, graph.indices)
    assert np.array_equal(back.strong, graph.strong)


def test_edge_list_formats(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_text("# u,v,type\n0,1,weak\n\n1 ,2, 1\n2\t0\t0\n3 3\n0 1 strong\n  # note\n")
    graph = from_edge_list(path, n=6)
    assert graph.n == 6 and graph.degree.tolist() == [2, 2, 2, 0, 0, 0]  # self loop 3-3 dropped
    strong = tie_types(graph)
    assert strong[(0, 1)] and strong[(1, 2)] and not strong[(0, 2)]  # repeat: strong wins
    plain = tmp_path / "plain.txt"
    plain.write_text("0 1\n1 2\n")
    assert from_edge_list(plain).strong is None


@pytest.mark.parametrize("bad", ["0 1 2 3", "0 x", "0 -1", "0 1 maybe", "7"])
def test_edge_list_bad_line_names_file_and_line(tmp_path, bad):
    path = tmp_path / "ties.txt"
    path.write_text(f"# header\n0 1\n{bad}\n")
    with pytest.raises(ValueError, match=rf"ties\.txt, line 3: .*{bad!r}"):
        from_edge_list(path)


def test_edge_list_ids_must_fit_n(tmp_path):
    path = tmp_path / "ties.txt"
    path.write_text("0 9\n")
    with pytest.raises(ValueError, match="id 9 does not fit n = 5"):
        from_edge_list(path, n=5)


def test_missing_edge_list_names_the_path(tmp_path):
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(FileNotFoundError, match=r"nowhere\.txt") as caught:
        build_network("edge_list", 10, edge_list_path=missing)
    assert caught.value.filename == str(missing)


@pytest.mark.parametrize(
    "text",
    ["0 1\n1 2  # note\n", "0,1,strong\n# c\n1,2,WEAK\n\n2 3 0\n", "", "# comment only\n"],
)
def test_fast_and_line_by_line_edge_readers_agree(text):
    fast = edge_list._fast_edge_rows(text)
    assert fast is not None
    assert np.array_equal(fast, edge_list._edge_rows_by_line(text, "test"))
