"""The HTML report: one self-contained page per story, and an index page of several stories.

:func:`render_html` turns a ``report.json`` document (:meth:`Report.to_dict
<corroborate.report.build.Report.to_dict>`) into one page that opens offline: its style is
inline, it loads nothing (no script, font, image or style sheet) and runs no JavaScript. The
page's sections: the story and its span, the brief with citation marks linking to the sources
table, the facts with support badges, the conflicts side by side, the claims only one source
makes, a source-by-fact matrix, the provenance graph (inline SVG, laid out here), the timeline,
the key figures, the quotes and the notes.

Every string of the document comes from articles and is untrusted. The first defence is
escaping: the templates (``templates/*.html``) are rendered by jinja2 with autoescape on, and no
document text is ever marked safe; a URL becomes a link only when it is ``http(s)://`` and
carries no whitespace or control character, and an index entry's path only when it names no
other scheme or host. The second is a Content-Security-Policy meta tag that forbids scripts and
every fetch. Identifiers in the page (``source-3``, ``fact-12``) are built from integers only.

Long stories stay usable: the facts list, the unique claims, the matrix and the tables are
capped (:data:`LIMITS`), and the page says how many were left out.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2

__all__ = ["LIMITS", "Limits", "render_html", "render_index_html"]


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of a long story the page shows."""

    facts: int = 60  # checkable claim groups in the facts list
    matrix: int = 40  # rows (best-supported checkable facts) of the source-by-fact matrix
    unique: int = 60  # claims only one source makes
    rows: int = 100  # rows of the timeline, key figures and quotes tables
    evidence: int = 5  # evidence sentences per side of a conflict
    wording: int = 30  # claims shown under a fact ("how each source words it")


LIMITS = Limits()

# Fill and stroke of independence groups, cycled (the classes g0..g9 of the stylesheet).
PALETTE = [
    ("#dbeafe", "#3b82f6"),
    ("#dcfce7", "#22c55e"),
    ("#fef3c7", "#d97706"),
    ("#fce7f3", "#db2777"),
    ("#ede9fe", "#7c3aed"),
    ("#ccfbf1", "#0d9488"),
    ("#fee2e2", "#dc2626"),
    ("#e0e7ff", "#4f46e5"),
    ("#ecfccb", "#65a30d"),
    ("#f5f5f4", "#78716c"),
]
# A relation as named in report.json -> the CSS class of its edges (anything else: "other").
RELATIONS = {"duplicate": "duplicate", "rewrite": "rewrite", "shared-source": "shared"}

_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("corroborate.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["palette"] = PALETTE
    return env


TOP_CONFLICTS = 5  # conflicts shown open; the others are folded


def render_html(doc: Mapping[str, Any]) -> str:
    """One self-contained HTML page of the report ``doc`` (a report.json document)."""
    if not isinstance(doc, Mapping) or doc.get("schema") != "corroborate.report":
        raise ValueError("not a report.json document: its 'schema' must be 'corroborate.report'")
    return _environment().get_template("report.html").render(**_report_view(doc, LIMITS))


def render_index_html(entries: Sequence[Mapping[str, Any]], title: str = "Stories") -> str:
    """An HTML page listing several stories' reports, one row per entry.

    An entry: ``{"id", "label", "path", "sources", "independent", "facts", "conflicts",
    "unique", "first", "last"}``; ``path`` (the story's report.html, relative to the index)
    becomes the link of its label.
    """
    rows = []
    for entry in entries:
        rows.append(
            {
                "id": _text(entry.get("id")),
                "label": _text(entry.get("label")) or _text(entry.get("id")) or "(untitled)",
                "href": _local_href(entry.get("path")),
                "path": _text(entry.get("path")),
                "span": _span(entry.get("first"), entry.get("last")),
                **{k: _count(entry.get(k))
                   for k in ("sources", "independent", "facts", "conflicts", "unique")},
            }
        )  # fmt: skip
    return _environment().get_template("index.html").render(title=_text(title), rows=rows)


# -- the view of one report -------------------------------------------------------------------


def _report_view(doc: Mapping[str, Any], limits: Limits) -> dict[str, Any]:
    sources = _sources(doc)
    number = {s["id"]: s["n"] for s in sources if s["id"]}
    known = {s["n"] for s in sources}
    groups = [g for g in _dicts(doc.get("claim_groups")) if _count(g.get("id")) is not None]
    conflicts = _dicts(doc.get("conflicts"))
    checkable = sorted(
        (g for g in groups if g.get("checkable")),
        key=lambda g: (-(_count(g.get("sources")) or 0), -len(_list(g.get("articles"))),
                       _count(g.get("id")) or 0),
    )  # fmt: skip
    shown_facts = checkable[: limits.facts]
    fact_ids = {_count(g.get("id")) for g in shown_facts}
    in_conflict = _conflicts_of_groups(groups, conflicts)

    def cites(values: Any) -> list[dict[str, Any]]:
        return _cites(values, known)

    def of_articles(ids: Any) -> list[dict[str, Any]]:
        return cites(sorted({number[a] for a in _texts(ids) if a in number}))

    story = _mapping(doc.get("story"))
    return {
        "title": _text(story.get("label")) or "Report",
        "story": {
            "id": _text(story.get("id")),
            "label": _text(story.get("label")) or "(untitled story)",
            "span": _span(story.get("first"), story.get("last")),
        },
        "meta": {
            "generated": _text(doc.get("generated")),
            "tool": _text(doc.get("tool")),
            "version": _text(doc.get("version")),
            "models": [(_text(k), _text(v)) for k, v in _mapping(doc.get("models")).items()],
        },
        "stats": {
            "sources": len(sources),
            "independent": len({s["group"] for s in sources if s["group"] is not None})
            + sum(1 for s in sources if s["group"] is None),
            "corroborated": sum(1 for g in checkable if (_count(g.get("sources")) or 0) > 1),
            "facts": len(checkable),
            "conflicts": len(conflicts),
            "unique": len(_list(doc.get("unique_claims"))),
        },
        "sources": sources,
        "brief": _brief(doc, known),
        "facts": [_fact(g, number, known, in_conflict, limits) for g in shown_facts],
        "facts_total": len(checkable),
        "conflicts": [
            _conflict(c, k, number, known, fact_ids, limits) for k, c in enumerate(conflicts, 1)
        ],
        "top_conflicts": TOP_CONFLICTS,
        "histories": [
            {
                "about": _text(h.get("about")),
                "sides": [
                    {
                        "value": _text(side.get("value")),
                        "published": _texts(side.get("published")),
                        "attributed_to": _texts(side.get("attributed_to")),
                        "cites": cites(side.get("citations")),
                        "evidence": [
                            {
                                "text": _text(e.get("text")),
                                "cites": _cites([e.get("citation")], known),
                            }
                            for e in _dicts(side.get("evidence"))[: limits.evidence]
                        ],
                    }
                    for side in _dicts(h.get("sides"))
                ],
            }
            for h in _dicts(doc.get("figure_histories"))[: limits.rows]
        ],
        "unique": [
            {
                "statement": _text(u.get("statement")),
                "cites": cites(u.get("citations")),
                "copies": len(_list(u.get("articles"))),
                "fact": _count(u.get("group")) if _count(u.get("group")) in fact_ids else None,
            }
            for u in _dicts(doc.get("unique_claims"))[: limits.unique]
        ],
        "unique_total": len(_list(doc.get("unique_claims"))),
        "matrix": _matrix(checkable[: min(limits.matrix, limits.facts)], sources, number),
        "graph": _graph(sources, _dicts(doc.get("relations")), number),
        "relations": _relations(_dicts(doc.get("relations")), number, known),
        "timeline": [
            {
                "when": _text(t.get("when")),
                "statement": _text(t.get("statement")),
                "as_written": _texts(t.get("as_written")),
                "cites": cites(t.get("citations")),
            }
            for t in _dicts(doc.get("timeline"))[: limits.rows]
        ],
        "timeline_total": len(_list(doc.get("timeline"))),
        "figures": [
            {
                "what": _text(f.get("what")),
                "value": _text(f.get("value")),
                "attributed_to": _texts(f.get("attributed_to")),
                "cites": cites(f.get("citations")),
            }
            for f in _dicts(doc.get("key_figures"))[: limits.rows]
        ],
        "figures_total": len(_list(doc.get("key_figures"))),
        "quotes": [
            {
                "speaker": _text(q.get("speaker")),
                "text": _text(q.get("text")),
                "direct": q.get("kind") == "direct",
                "cites": cites([q.get("citation")])
                if q.get("citation") is not None
                else of_articles([q.get("article")]),
            }
            for q in _dicts(doc.get("quotes"))[: limits.rows]
        ],
        "quotes_total": len(_list(doc.get("quotes"))),
        "notes": _texts(doc.get("notes")),
    }


def _sources(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    raw = [s for s in _dicts(doc.get("sources")) if _count(s.get("n")) is not None]
    members: dict[int, list[int]] = {}
    for s in raw:
        group = _count(s.get("independence_group"))
        if group is not None:
            members.setdefault(group, []).append(_count(s.get("n")) or 0)
    known = {_count(s.get("n")) or 0 for s in raw}
    out = []
    for s in raw:
        n = _count(s.get("n")) or 0
        group = _count(s.get("independence_group"))
        outlet_full = _text(s.get("source")) or _text(s.get("label")) or _text(s.get("id"))
        outlet = outlet_full
        if not _text(s.get("source")) and outlet == _text(s.get("input")) and "/" in outlet:
            outlet = outlet.rstrip("/").rsplit("/", 1)[-1]  # a file's name, not its whole path
        url = _text(s.get("url"))
        originality = s.get("originality")
        out.append(
            {
                "n": n,
                "id": _text(s.get("id")),
                "outlet": outlet,
                "outlet_full": outlet_full,
                "title": _text(s.get("title")),
                "url": url,
                "href": _web_url(url),
                "published": _text(s.get("published")),
                "input": _text(s.get("input")),
                "words": _count(s.get("words")),
                "claims": _count(s.get("claims")),
                "group": group,
                "color": (group - 1) % len(PALETTE) if group is not None else len(PALETTE) - 1,
                "copies": _cites([m for m in members.get(group, []) if m != n], known)
                if group is not None else [],
                "originality": f"{round(originality * 100)} %"
                if isinstance(originality, int | float) and math.isfinite(originality) else "",
            }
        )  # fmt: skip
    return out


def _brief(doc: Mapping[str, Any], known: set[int]) -> dict[str, Any]:
    brief = _mapping(doc.get("brief"))
    sentences = [
        {
            "text": _text(s.get("text")),
            "cites": _cites(s.get("citations"), known),
            "sources": _count(s.get("sources")),
            "kind": _text(s.get("kind")) or "fact",
            "parts": [  # a dispute: each side followed by its own citations
                {"text": _text(p.get("text")), "cites": _cites(p.get("citations"), known)}
                for p in _dicts(s.get("parts"))
            ],
            "evidence": [  # what each cited source says, to open under the brief
                {"cite": _cites([e.get("n")], known), "text": _text(e.get("text"))}
                for e in _dicts(s.get("evidence"))
                if _count(e.get("n")) is not None
            ],
        }
        for s in _dicts(brief.get("sentences"))
    ]
    return {"sentences": sentences, "words": _count(brief.get("words"))}


def _badge(sources: int, articles: int) -> dict[str, str]:
    copies = f" ({articles} articles)" if articles > sources else ""
    if sources >= 3:
        return {"text": f"{sources} independent sources{copies}", "level": "strong"}
    if sources == 2:
        return {"text": f"2 independent sources{copies}", "level": "medium"}
    one = f"1 source{', ' + str(articles) + ' copies' if articles > 1 else ''}"
    return {"text": f"{one} — not corroborated", "level": "weak"}


def _fact(
    group: Mapping[str, Any],
    number: Mapping[str, int],
    known: set[int],
    in_conflict: Mapping[int, list[int]],
    limits: Limits,
) -> dict[str, Any]:
    gid = _count(group.get("id")) or 0
    sources = _count(group.get("sources")) or 0
    consensus = _mapping(group.get("consensus"))
    figure = _mapping(consensus.get("figure"))
    support = _mapping(group.get("support"))
    differs = sorted({number[a] for a, v in support.items() if v == "differs" and a in number})
    claims = []
    for c in _dicts(group.get("claims"))[: limits.wording]:
        aid = _text(c.get("article"))
        claims.append({"text": _text(c.get("text")), "cites": _cites([number.get(aid)], known)})
    return {
        "id": gid,
        "statement": _text(group.get("statement")),
        "kind": _text(group.get("kind")),
        "badge": _badge(sources, len(_list(group.get("articles")))),
        "cites": _cites(group.get("citations"), known),
        "figure": {
            "value": _text(figure.get("value")),
            "what": _text(figure.get("what")),
            "attributed_to": _texts(figure.get("attributed_to")),
            "agreed": figure.get("agreed") is not False,
        }
        if figure.get("value")
        else None,
        "when": _text(consensus.get("when")),
        "where": _texts(consensus.get("where")),
        "differs": _cites(differs, known),
        "conflicts": in_conflict.get(gid, []),
        "claims": claims,
        "claims_total": len(_list(group.get("claims"))),
    }


def _conflicts_of_groups(
    groups: Sequence[Mapping[str, Any]], conflicts: Sequence[Mapping[str, Any]]
) -> dict[int, list[int]]:
    """Claim group id -> the numbers of the conflicts it takes part in."""
    group_of: dict[tuple[str, int], int] = {}
    for g in groups:
        for c in _dicts(g.get("claims")):
            index = _count(c.get("index"))
            if index is not None:
                group_of[(_text(c.get("article")), index)] = _count(g.get("id")) or 0
    out: dict[int, list[int]] = {}
    for k, conflict in enumerate(conflicts, 1):
        involved = {_count(conflict.get("group"))} - {None}
        for side in _dicts(conflict.get("sides")):
            for ref in _list(side.get("claims")):
                if isinstance(ref, Sequence) and not isinstance(ref, str) and len(ref) == 2:
                    gid = group_of.get((_text(ref[0]), _count(ref[1]) or -1))
                    if gid is not None:
                        involved.add(gid)
        for gid in involved:
            if gid is not None:
                out.setdefault(gid, []).append(k)
    return out


def _conflict(
    conflict: Mapping[str, Any],
    k: int,
    number: Mapping[str, int],
    known: set[int],
    fact_ids: set[int | None],
    limits: Limits,
) -> dict[str, Any]:
    confidence = conflict.get("confidence")
    sides = []
    for side in _dicts(conflict.get("sides")):
        evidence = _dicts(side.get("evidence"))
        items = [
            {"text": _text(e.get("text")), "cites": _cites([e.get("citation")], known)}
            for e in evidence[: limits.evidence]
        ]
        sides.append(
            {
                "value": _text(side.get("value")),
                "cites": _cites(side.get("citations"), known),
                "attributed_to": _texts(side.get("attributed_to")),
                "windows": _texts(side.get("windows")),
                "evidence": items,
                "more": max(0, len(evidence) - limits.evidence),
            }
        )
    group = _count(conflict.get("group"))
    return {
        "id": k,
        "kind": _text(conflict.get("kind")),
        "about": _text(conflict.get("about")),
        "confidence": f"{confidence:.2g}" if isinstance(confidence, int | float) else "",
        "likely": isinstance(confidence, int | float) and confidence >= 0.75,
        "note": _text(conflict.get("note")),
        "fact": group if group in fact_ids else None,
        "sides": sides,
    }


def _matrix(
    rows: Sequence[Mapping[str, Any]],
    sources: Sequence[Mapping[str, Any]],
    number: Mapping[str, int],
) -> dict[str, Any]:
    columns = [{"n": s["n"], "outlet": s["outlet_full"], "color": s["color"]} for s in sources]
    body = []
    for g in rows:
        support = _mapping(g.get("support"))
        by_n = {number[a]: v for a, v in support.items() if a in number}
        statement = _text(g.get("statement"))
        body.append(
            {
                "id": _count(g.get("id")),
                "statement": statement,
                "short": _short(statement, 80),
                "sources": _count(g.get("sources")) or 0,
                "cells": [by_n.get(c["n"], "") if by_n.get(c["n"]) in ("states", "differs")
                          else "" for c in columns],
            }
        )  # fmt: skip
    return {"columns": columns, "rows": body}


def _relations(
    relations: Sequence[Mapping[str, Any]], number: Mapping[str, int], known: set[int]
) -> list[dict[str, Any]]:
    out = []
    for r in relations:
        kind = _text(r.get("relation"))
        a, b = number.get(_text(r.get("a"))), number.get(_text(r.get("b")))
        if kind == "independent" or a is None or b is None:
            continue
        first = number.get(_text(r.get("source")))
        out.append(
            {
                "relation": kind,
                "a": _cites([a], known),
                "b": _cites([b], known),
                "share_a": _percent(r.get("share_a")),
                "share_b": _percent(r.get("share_b")),
                "first": _cites([first], known) if first is not None else [],
            }
        )
    return out


# -- the provenance graph ---------------------------------------------------------------------

NODE_W, NODE_H, NODE_GAP = 178, 24, 8
BOX_PAD, BOX_HEAD, ARC_ROOM = 10, 22, 46
BOX_W = NODE_W + 2 * BOX_PAD + ARC_ROOM
COL_GAP, ROW_GAP, MARGIN_X, MARGIN_Y = 44, 18, 34, 8
MAX_COLUMNS = 4


def _graph(
    sources: Sequence[Mapping[str, Any]],
    relations: Sequence[Mapping[str, Any]],
    number: Mapping[str, int],
) -> dict[str, Any] | None:
    """Geometry of the provenance graph: one box per independence group (sources without a
    group get a box each), packed into the shortest of up to four columns, a node per source,
    an edge per relation that is not ``independent`` with an arrow from its ``source``."""
    if not sources:
        return None
    boxes: dict[Any, list[Mapping[str, Any]]] = {}
    for s in sources:
        key = s["group"] if s["group"] is not None else ("alone", s["n"])
        boxes.setdefault(key, []).append(s)
    ncols = min(MAX_COLUMNS, len(boxes))
    heights = [MARGIN_Y] * ncols
    placed_boxes, nodes = [], {}
    for key, members in boxes.items():
        col = heights.index(min(heights))
        x, y = MARGIN_X + col * (BOX_W + COL_GAP), heights[col]
        h = BOX_HEAD + 2 * BOX_PAD + len(members) * (NODE_H + NODE_GAP) - NODE_GAP
        group = members[0]["group"]
        placed_boxes.append(
            {
                "x": x, "y": y, "w": BOX_W, "h": h, "color": members[0]["color"],
                "label": f"group {group} · {len(members)} article{'s' * (len(members) > 1)}"
                if group is not None else "no group",
            }
        )  # fmt: skip
        for i, s in enumerate(members):
            ny = y + BOX_HEAD + BOX_PAD + i * (NODE_H + NODE_GAP)
            nodes[s["n"]] = {
                "n": s["n"], "x": x + BOX_PAD, "y": ny, "w": NODE_W, "h": NODE_H,
                "col": col, "box": key, "row": i, "color": s["color"],
                "label": _short(f"[{s['n']}] {s['outlet']}", 24),
                "tooltip": " — ".join(t for t in (s["outlet_full"], s["title"]) if t),
            }  # fmt: skip
        heights[col] = y + h + ROW_GAP
    edges = []
    for r in relations:
        kind = _text(r.get("relation"))
        a, b = number.get(_text(r.get("a"))), number.get(_text(r.get("b")))
        if kind == "independent" or a not in nodes or b not in nodes or a == b:
            continue
        first = number.get(_text(r.get("source")))
        directed = first in (a, b)
        start, end = (nodes[b], nodes[a]) if first == b else (nodes[a], nodes[b])
        edges.append(
            {
                "d": _edge_path(start, end),
                "kind": RELATIONS.get(kind, "other"),
                "directed": directed,
                "tooltip": f"[{start['n']}] {'→' if directed else '—'} [{end['n']}]: {kind}",
            }
        )
    width = 2 * MARGIN_X + ncols * BOX_W + (ncols - 1) * COL_GAP
    return {
        "width": width,
        "height": max(heights) - ROW_GAP + MARGIN_Y,
        "boxes": placed_boxes,
        "nodes": list(nodes.values()),
        "edges": edges,
        "kinds": sorted({e["kind"] for e in edges}),
    }


def _edge_path(a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
    """An SVG path from node ``a`` to node ``b``: an arc on the right within a box, an arc on the
    left between boxes of one column, a horizontal S-curve between columns."""
    ay, by = a["y"] + NODE_H / 2, b["y"] + NODE_H / 2
    if a["box"] == b["box"]:
        x = a["x"] + NODE_W
        bulge = min(ARC_ROOM - 4, 14 + 8 * abs(a["row"] - b["row"]))
        return f"M{x},{ay:g} C{x + bulge},{ay:g} {x + bulge},{by:g} {x},{by:g}"
    if a["col"] == b["col"]:
        x = a["x"]
        bulge = MARGIN_X - 6
        return f"M{x},{ay:g} C{x - bulge},{ay:g} {x - bulge},{by:g} {x},{by:g}"
    if a["col"] < b["col"]:
        x0, x1 = a["x"] + NODE_W, b["x"]
    else:
        x0, x1 = a["x"], b["x"] + NODE_W
    mid = (x0 + x1) / 2
    return f"M{x0},{ay:g} C{mid:g},{ay:g} {mid:g},{by:g} {x1},{by:g}"


# -- plain values out of an untrusted document ------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _texts(values: Any) -> list[str]:
    return [_text(v) for v in _list(values) if v is not None and _text(v)]


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in _list(value) if isinstance(v, Mapping)]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _count(value: Any) -> int | None:
    """An integer of the document, else ``None`` (never a string, so it is safe in an id)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _cites(values: Any, known: set[int]) -> list[dict[str, Any]]:
    """Citation numbers, each with ``link`` true when its source row exists."""
    numbers = [_count(v) for v in (values if isinstance(values, Iterable) else [])]
    return [{"n": n, "link": n in known} for n in numbers if n is not None]


def _percent(value: Any) -> str:
    if isinstance(value, int | float) and math.isfinite(value):
        return f"{round(value * 100)} %"
    return ""


def _short(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    at_word = cut.rsplit(" ", 1)[0]
    if len(at_word) >= limit * 0.6:  # end on a whole word unless that loses too much
        cut = at_word
    return cut.rstrip(" ,;:") + "…"


def _span(first: Any, last: Any) -> str:
    first, last = _text(first), _text(last)
    if first and last and first != last:
        return f"{first} – {last}"
    return first or last


def _web_url(url: str) -> str | None:
    """``url`` when it may be a link: http(s), no whitespace or control characters."""
    url = url.strip()
    return url if _WEB_URL.fullmatch(url) else None


def _local_href(path: Any) -> str | None:
    """An index entry's link: a web URL, or a path that names no scheme and no host."""
    if not isinstance(path, str) or not path.strip():
        return None
    path = path.strip()
    if _web_url(path):
        return path
    if _CONTROL.search(path.replace(" ", "")):
        return None
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or path.startswith(("//", "\\")):
        return None
    return quote(path, safe="/#%?=&~+-_.,@!")
