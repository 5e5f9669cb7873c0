"""Every notebook runs top to bottom with a real kernel, and is stored without outputs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
CELL_TIMEOUT = 180   # seconds per cell; each notebook takes 5-30 s at its default small size


def test_the_notebooks_are_there():
    names = {p.name for p in ALL}
    assert {"01_first_look.ipynb", "02_where_to_spend.ipynb", "03_sweeps.ipynb",
            "04_folklore_vs_evidence.ipynb", "05_your_firm.ipynb", "classroom.ipynb"} <= names


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, \
                f"{path.name}: strip outputs before committing"


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()   # raises CellExecutionError, naming the cell, if any cell fails
    printed = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert printed, f"{path.name} showed nothing"
    warned = [o.get("text", "") for o in printed if o.get("name") == "stderr"]
    assert not [w for w in warned if "non-interactive" in w], \
        f"{path.name}: a figure was not displayed: {warned}"
    if path.stem != "classroom":   # the classroom shows a live widget, the others figures
        pictures = [o for o in printed if "image/png" in o.get("data", {})]
        assert len(pictures) >= figure_cells(nb), f"{path.name}: figures are not displayed"
    names = code_names(reader_text(printed))
    assert names == [], f"{path.name} shows code names to the reader: {names}"


def figure_cells(nb) -> int:
    """Code cells that draw (pyplot, or a result's .plot() shown as the cell's value)."""
    return sum(1 for c in nb.cells if c.cell_type == "code"
               and re.search(r"plt\.subplots|\.plot\w*\(", c.source))


def test_importing_the_library_keeps_the_backend():
    """Notebooks keep their inline backend: no module of the library selects one."""
    code = ("import importlib, pkgutil, matplotlib, experiments, simulation\n"
            "for pkg in (experiments, simulation):\n"
            "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
            "        if '.cli' not in m.name:\n"
            "            importlib.import_module(m.name)\n"
            "print(matplotlib.get_backend())")
    env = {**os.environ, "MPLBACKEND": "svg"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True, cwd=NOTEBOOKS.parent)
    assert out.stdout.strip().splitlines()[-1] == "svg"


def reader_text(outputs: list) -> str:
    """What a reader sees of a notebook's printed output and tables (no HTML markup)."""
    parts = []
    for out in outputs:
        parts.append(out.get("text", ""))
        html = out.get("data", {}).get("text/html", "")
        html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
        parts.append(re.sub(r"<[^>]+>", " ", html))
    return "\n".join(parts)


def code_names(text: str) -> list[str]:
    """snake_case identifiers and method codes in `text`, minus paths and file names."""
    words = re.findall(r"[\w./-]*\b[a-z]+_[a-z_]+\b[\w./-]*", text)
    names = [w for w in words if "/" not in w and "." not in w]
    return names + [code for code in ("ci_low", "RBD-FAST S1") if code in text]


def test_code_names_are_found_and_paths_are_not():
    assert code_names("the positive_messages column, ci_low") == ["positive_messages", "ci_low",
                                                                  "ci_low"]
    assert code_names("stored in ../results/notebook_03_small/sweep and s.toml") == []
