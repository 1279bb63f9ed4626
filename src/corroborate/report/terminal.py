"""The report in a terminal (rich): sources and copies, the brief, the conflicts, the unique claims.

Article text goes into rich ``Text`` objects, never into markup strings, so a ``[bold]`` or an
escape sequence in an article is shown as written.
"""

from __future__ import annotations

from typing import Any

__all__ = ["print_report"]


def print_report(doc: dict[str, Any], console: Any, *, unique: int = 8) -> None:
    """A readable summary of one report.json document on ``console`` (a rich Console)."""
    from rich.table import Table
    from rich.text import Text

    story = doc.get("story") or {}
    sources = doc["sources"]
    title = Text(story.get("label") or "Report", style="bold")
    console.print(title)
    corroborated = sum(g["corroborated"] and g["checkable"] for g in doc["claim_groups"])
    console.print(
        Text(
            f"{len(sources)} sources, {len(doc['independence_groups'])} independent; "
            f"{corroborated} corroborated facts, {len(doc['conflicts'])} conflicts, "
            f"{len(doc['unique_claims'])} claims from one source only",
            style="dim",
        )
    )

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("#", "source", "group", "published", "claims"):
        table.add_column(column)
    for s in sources:
        table.add_row(
            str(s["n"]),
            Text(_short(s["label"] or s["id"], 50)),
            str(s["independence_group"]),
            Text((s["published"] or "")[:10]),
            str(s["claims"]),
        )
    console.print(table)
    copies = [g for g in doc["independence_groups"] if len(g["articles"]) > 1]
    for g in copies:
        console.print(Text(f"copies of one text, counted once: {_cites(g['sources'])}"))

    console.print(Text("\nBrief", style="bold"))
    brief = Text()
    for s in doc["brief"]["sentences"]:
        brief.append(s["text"] + " ")
        brief.append(_cites(s["citations"]) + " ", style="cyan")
    console.print(brief if brief else Text("(no checkable fact to build a brief from)"))

    if doc["conflicts"]:
        console.print(Text("\nConflicts", style="bold"))
    for c in doc["conflicts"]:
        head = Text(f"{c['kind']}: ", style="yellow")
        head.append(_short(c["about"], 90))
        head.append(f"  (confidence {c['confidence']:.1f}{'; ' + c['note'] if c['note'] else ''})",
                    style="dim")  # fmt: skip
        console.print(head)
        for side in c["sides"]:
            line = Text("  • ")
            line.append(side["value"], style="bold")
            if side["attributed_to"]:
                line.append(" according to " + "; ".join(side["attributed_to"]))
            line.append(" " + _cites(side["citations"]), style="cyan")
            console.print(line)

    histories = doc.get("figure_histories") or []
    if histories:
        console.print(Text("\nFigures updated over time (not conflicts)", style="bold"))
    for h in histories:
        line = Text("  • " + _short(h["about"], 60) + ": ")
        for k, side in enumerate(h["sides"]):
            line.append((" → " if k else "") + side["value"], style="bold")
            line.append(" " + _cites(side["citations"]), style="cyan")
        console.print(line)

    if doc["unique_claims"]:
        console.print(Text("\nFrom one source only (not corroborated)", style="bold"))
    for u in doc["unique_claims"][:unique]:
        line = Text("  • " + _short(u["statement"], 110))
        line.append(" " + _cites(u["citations"]), style="cyan")
        console.print(line)
    if len(doc["unique_claims"]) > unique:
        console.print(Text(f"  … and {len(doc['unique_claims']) - unique} more", style="dim"))
    for note in doc.get("notes") or []:
        console.print(Text(f"note: {note}", style="dim"))


def _cites(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
