"""The one report writer: Markdown and HTML from the same sections, written whole."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure

from experiments.errors import UsageError
from experiments.reporting import document
from experiments.reporting.document import Document, Section


def report(words: str) -> Document:
    table = pd.DataFrame({"strategy": ["acquisition"], "gain": ["+EUR 1,200"]})
    return Document("Results", [words], [Section("Answer", text=[words],
                                                 tables=[("gains", table)])])


def test_markdown_and_html_carry_the_same_text_and_table(tmp_path):
    path = report("acquisition wins").write(tmp_path, "report")
    md, page = path.read_text(), (tmp_path / "report.html").read_text()
    for text in (md, page):
        assert "acquisition wins" in text and "+EUR 1,200" in text
    assert md.startswith("# Results")


def test_a_failed_save_leaves_the_earlier_report_whole(tmp_path, monkeypatch):
    report("first answer").write(tmp_path, "report")

    real = document._write_text

    def disk_full_at_html(path, text):
        if path.name.endswith("report.html"):
            path.write_text(text[: len(text) // 2])   # a truncated write, then the error
            raise OSError(28, "No space left on device")
        real(path, text)
    monkeypatch.setattr(document, "_write_text", disk_full_at_html)
    with pytest.raises(UsageError, match="cannot write the report"):
        report("second answer").write(tmp_path, "report")
    assert "first answer" in (tmp_path / "report.md").read_text()
    assert "first answer" in (tmp_path / "report.html").read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_a_saved_figure_is_shown_under_its_caption(tmp_path):
    section = Section("Plots")
    fig = Figure()
    fig.add_subplot().plot([0, 1], [1, 0])
    section.save(fig, tmp_path, "curve.png", "the curve")
    assert (tmp_path / "curve.png").read_bytes()[:4] == b"\x89PNG"
    md = Document("R", [], [section]).markdown()
    assert "curve.png" in md and "the curve" in md
