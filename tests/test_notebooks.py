"""Every notebook runs top to bottom with a real kernel, and is stored without outputs."""

from __future__ import annotations

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
