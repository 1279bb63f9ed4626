"""Writing reports to disk: report.json, report.md and report.html per story, an index for several.

One story: ``OUT/report.json``, ``OUT/report.md``, ``OUT/report.html``. Several stories: the
same three files in ``OUT/<story id>/`` and ``OUT/index.json``, ``index.md``, ``index.html``
linking them. Each file is written to a temporary name and renamed, so an interrupted run never
leaves half a file where a whole one was.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["index_entry", "write_index", "write_report"]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_report(doc: dict[str, Any], out: str | Path, *, full: bool = False) -> list[Path]:
    """report.json, report.md and report.html of one report.json ``doc`` in folder ``out``;
    ``full`` puts everything in report.md (else it opens with the brief, the top conflicts and
    the figure histories, about 150 lines)."""
    from corroborate.report.html import render_html
    from corroborate.report.markdown import render_markdown

    folder = Path(out)
    return [
        _write(folder / "report.json", json.dumps(doc, ensure_ascii=False, indent=2) + "\n"),
        _write(folder / "report.md", render_markdown(doc, full=full)),
        _write(folder / "report.html", render_html(doc)),
    ]


def index_entry(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """One row of the index: the story and its counts; ``path`` links its report.html."""
    story = doc.get("story") or {}
    return {
        "id": story.get("id"),
        "label": story.get("label"),
        "path": path,
        "first": story.get("first"),
        "last": story.get("last"),
        "sources": len(doc["sources"]),
        "independent": len(doc["independence_groups"]),
        "facts": sum(g["corroborated"] and g["checkable"] for g in doc["claim_groups"]),
        "conflicts": len(doc["conflicts"]),
        "unique": len(doc["unique_claims"]),
    }


def write_index(entries: list[dict[str, Any]], out: str | Path, title: str) -> list[Path]:
    """index.json, index.md and index.html over several stories' reports in ``out``."""
    from corroborate.report.build import SCHEMA, SCHEMA_VERSION
    from corroborate.report.html import render_index_html
    from corroborate.report.markdown import render_index_markdown

    folder = Path(out)
    index = {"schema": f"{SCHEMA}.index", "version": SCHEMA_VERSION, "title": title,
             "stories": entries}  # fmt: skip
    return [
        _write(folder / "index.json", json.dumps(index, ensure_ascii=False, indent=2) + "\n"),
        _write(folder / "index.md", render_index_markdown(entries, title)),
        _write(folder / "index.html", render_index_html(entries, title)),
    ]
