"""Reading users' text files: folders, binary files and other encodings are named."""

import pytest

from simulation import ParameterError
from simulation.text_files import read_text


@pytest.mark.parametrize("data, fragment", [
    ("0 1\n".encode("utf-16"), "UTF-16 text"),
    ("0 1\n".encode("utf-16-le"), "UTF-16 text"),       # no byte-order mark
    (bytes(range(256)), "binary, not text"),
    ("caf\xe9".encode("latin-1"), r"not UTF-8 text \(byte 3"),
])
def test_unusable_bytes_are_named(tmp_path, data, fragment):
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    with pytest.raises(ParameterError, match=fragment):
        read_text(path, "edge list")


def test_folders_and_missing_files(tmp_path):
    with pytest.raises(ParameterError, match="is a folder, not the scenario file"):
        read_text(tmp_path, "scenario")
    with pytest.raises(FileNotFoundError, match="none.toml: scenario file not found"):
        read_text(tmp_path / "none.toml", "scenario")


def test_utf8_with_or_without_a_byte_order_mark(tmp_path):
    path = tmp_path / "f.toml"
    path.write_bytes("\ufeffname = 'café'\n".encode())
    assert read_text(path) == "name = 'café'\n"
