"""The one report writer: a report is a title, an introduction and sections of text,
preformatted blocks, tables and saved figures, rendered to Markdown and to HTML. The
comparison, sweep and lost-customer report, the fit report, the plan report and the
validation report are all written by it. Every file goes into place whole (a temporary
name, then a rename), so a failed save leaves the earlier report as it was."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from experiments.errors import UsageError
from experiments.execution.whole_files import write_atomic, write_together


@dataclass
class Section:
    """Part of a report: paragraphs, preformatted blocks, tables of text, saved figures."""

    title: str
    text: list[str] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)

    def save(self, fig: Figure, out: Path, name: str, caption: str) -> None:
        """Save `fig` as `out`/`name` and show it in this section under `caption`."""
        write_atomic(out / name, partial(fig.savefig, dpi=110))
        self.images.append((name, caption))


@dataclass
class Document:
    """A whole report: title, introduction paragraphs, sections."""

    title: str
    intro: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def markdown(self) -> str:
        parts = [f"# {self.title}", *self.intro]
        for sec in self.sections:
            parts.append(f"## {sec.title}")
            parts += sec.text
            parts += [f"```\n{block}\n```" for block in sec.blocks]
            for caption, frame in sec.tables:
                parts += ([f"**{caption}**"] if caption else []) + [md_table(frame)]
            parts += [f"![{caption}]({name})" for name, caption in sec.images]
        return "\n\n".join(parts) + "\n"

    def html(self) -> str:
        body = [f"<h1>{html.escape(self.title)}</h1>"]
        body += [f"<p>{html.escape(p)}</p>" for p in self.intro]
        for sec in self.sections:
            body.append(f"<h2>{html.escape(sec.title)}</h2>")
            body += [f"<p>{html.escape(p)}</p>" for p in sec.text]
            body += [f"<pre>{html.escape(block)}</pre>" for block in sec.blocks]
            for caption, frame in sec.tables:
                if caption:
                    body.append(f"<h3>{html.escape(caption)}</h3>")
                body.append(frame.to_html(index=False, border=0))
            body += [f'<figure><img src="{name}" alt="{html.escape(caption)}">'
                     f"<figcaption>{html.escape(caption)}</figcaption></figure>"
                     for name, caption in sec.images]
        return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
                f"{html.escape(self.title)}</title><style>{STYLE}</style></head><body>"
                f"{''.join(body)}</body></html>\n")

    def write(self, out: Path, stem: str) -> Path:
        """Write `stem`.md and `stem`.html into `out`; returns the Markdown file."""
        texts = {out / f"{stem}.md": self.markdown(), out / f"{stem}.html": self.html()}
        try:
            write_together({path: partial(_write_text, text=text) for path, text in texts.items()})
        except OSError as err:
            raise UsageError(f"{out}: cannot write the report ({err.strerror})") from None
        return out / f"{stem}.md"


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def md_table(frame: pd.DataFrame) -> str:
    """A table as Markdown (cells as text; a '|' inside a cell is escaped)."""
    def cell(v) -> str:
        return str(v).replace("|", "\\|")
    cells = [[cell(c) for c in frame.columns]] + [[cell(v) for v in row]
                                                   for row in frame.itertuples(index=False)]
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("---" for _ in frame.columns) + "|")
    return "\n".join(lines)


STYLE = ("body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
         "color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
         "td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}"
         "td:first-child,th:first-child{text-align:left}img{max-width:100%}"
         "figcaption{color:#555;font-size:.9rem;margin-bottom:1.5rem}"
         "pre{background:#f6f6f6;padding:.6rem;overflow-x:auto}")
