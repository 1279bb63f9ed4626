"""report.md: the report.json document as Markdown, for a desk's notes or a pull request.

Article text is untrusted: every piece of it is escaped so that a Markdown viewer shows it as
written and renders none of it (``<script>`` stays text, ``*`` and ``[..](..)`` do not format or
link, ``|`` does not break a table). Links are made only to http(s) URLs.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["md_escape", "render_index_markdown", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")  # <, > and & become entities first


def md_escape(text: Any) -> str:
    """Text shown as written in Markdown and in any HTML it becomes; on one line."""
    s = " ".join(str(text if text is not None else "").split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", s)


def _link(label: str, url: str | None) -> str:
    if url and re.match(r"https?://", url) and not re.search(r"[\s<>()\[\]]", url):
        return f"[{md_escape(label)}]({url})"
    return md_escape(label)


def _brief_sentence(s: dict[str, Any]) -> str:
    """A sentence of the brief with its citations; a dispute's after each of its sides."""
    if s.get("parts"):
        return "".join(
            md_escape(p["text"]) + (f" {_cites(p['citations'])}" if p["citations"] else "")
            for p in s["parts"]
        )
    return f"{md_escape(s['text'])} {_cites(s['citations'])}"


def _cites(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)  # ours, not article text: no link can form


def _figure(consensus: dict[str, Any]) -> str:
    parts = []
    fig = consensus.get("figure")
    if fig:
        text = f"{fig['value']} ({fig['what']})"
        if not fig.get("agreed", True):
            text += ", not agreed by all"
        parts.append(text)
    if consensus.get("when"):
        parts.append(f"when: {consensus['when']}")
    if consensus.get("where"):
        parts.append("where: " + ", ".join(consensus["where"]))
    return md_escape("; ".join(parts))


TOP_CONFLICTS = 5  # conflicts shown in full in the short report.md
SHORT_EVIDENCE = 2  # evidence sentences per side in the short report.md
SHORT_FACTS = 12


def render_markdown(doc: dict[str, Any], *, facts: int = 30, full: bool = False) -> str:
    """report.md for one story (``doc`` as :meth:`Report.to_dict` gives it).

    It opens with what a reviewer reads first: the brief, the top conflicts (surest first) and
    the figure histories (figures updated over time), then the best-supported facts and the
    sources. The short form (default) stays within about 150 lines for a 25-article story;
    ``full`` adds every conflict with all its evidence, every fact (``facts`` caps them), the
    claims of one source, the timeline, key figures and quotes. report.html always has all.
    """
    story = doc.get("story") or {}
    sources = doc["sources"]
    out: list[str] = [f"# {md_escape(story.get('label') or 'Report')}", ""]
    span = " to ".join(sorted({(d or "")[:10] for d in (story.get("first"), story.get("last"))
                               if d}))  # fmt: skip
    independent = len(doc["independence_groups"])
    out.append(
        f"{len(sources)} source{'s' * (len(sources) != 1)}, {independent} independent"
        + (f", {md_escape(span)}" if span else "")
        + f". Made by {md_escape(doc.get('tool'))} (report schema {doc['version']})."
    )
    out += ["", "## Brief", ""]
    if doc["brief"]["sentences"]:
        brief = doc["brief"]["sentences"]
        out.append(" ".join(_brief_sentence(s) for s in brief))
    else:
        out.append("No checkable fact was found to build a brief from.")

    conflicts = sorted(doc["conflicts"], key=lambda c: -float(c.get("confidence") or 0))
    shown = conflicts if full else conflicts[:TOP_CONFLICTS]
    title = "Conflicts" if full or len(conflicts) <= len(shown) else "Top conflicts"
    out += ["", f"## {title} ({len(shown)} of {len(conflicts)})" if len(shown) < len(conflicts)
            else f"## Conflicts ({len(conflicts)})", ""]  # fmt: skip
    if not conflicts:
        out += ["No two sources were found to disagree.", ""]
    for c in shown:
        out += _conflict(c, None if full else SHORT_EVIDENCE)
    if len(shown) < len(conflicts):
        out += [f"{len(conflicts) - len(shown)} more in report.html (or `--full`).", ""]

    histories = doc.get("figure_histories") or []
    if histories:
        out += [f"## Figures updated over time ({len(histories)})", ""]
        for h in histories:
            steps = " → ".join(_step(side) for side in h["sides"])
            out.append(f"- {md_escape(h['about'])}: {steps}")
        out.append("")

    corroborated = [g for g in doc["claim_groups"] if g["corroborated"] and g["checkable"]]
    cap = facts if full else min(facts, SHORT_FACTS)
    out += [f"## Corroborated facts ({len(corroborated)})", ""]
    for g in corroborated[:cap]:
        badge = f"**{g['sources']} independent sources**"
        line = f"- {badge}: {md_escape(g['statement'])} {_cites(g['citations'])}"
        consensus = _figure(g["consensus"])
        if consensus:
            line += f" — {consensus}"
        differs = [a for a, how in (g.get("support") or {}).items() if how == "differs"]
        if differs:
            number = {s["id"]: s["n"] for s in sources}
            line += " (differs: " + _cites(sorted(number[a] for a in differs if a in number)) + ")"
        out.append(line)
    if len(corroborated) > cap:
        out.append(f"- … and {len(corroborated) - cap} more (report.json has them all)")

    out += ["", "## Sources", "", "| # | Source | Title | Published | Independence group |",
            "|---|---|---|---|---|"]  # fmt: skip
    for s in sources:
        out.append(
            f"| {s['n']} | {_link(s['label'] or s['id'], s.get('url'))} | {md_escape(s['title'])}"
            f" | {md_escape(s['published'])} | {s['independence_group']} |"
        )
    copies = [g for g in doc["independence_groups"] if len(g["articles"]) > 1]
    if copies:
        out += ["", "Copies of one text (counted as one source): "
                + "; ".join(_cites(g["sources"]) for g in copies) + "."]  # fmt: skip
    if not full:
        rest = f"{len(doc['unique_claims'])} claims of one source only"
        out += ["", f"Not shown here: {rest}, the timeline, key figures and quotes "
                "(report.html, or `corroborate report --full`)."]  # fmt: skip
        if doc.get("notes"):
            out += ["", "## Notes", ""] + [f"- {md_escape(n)}" for n in doc["notes"]]
        return "\n".join(out).rstrip() + "\n"

    out += ["", f"## Not corroborated: one source only ({len(doc['unique_claims'])})", ""]
    for u in doc["unique_claims"]:
        out.append(f"- {md_escape(u['statement'])} {_cites(u['citations'])}")

    if doc["timeline"]:
        out += ["", "## Timeline", "", "| When | What | Sources |", "|---|---|---|"]
        for t in doc["timeline"]:
            out.append(f"| {md_escape(t['when'])} ({md_escape(', '.join(t['as_written']))}) | "
                       f"{md_escape(t['statement'])} | {_cites(t['citations'])} |")  # fmt: skip
    if doc["key_figures"]:
        out += ["", "## Key figures", "", "| What | Figure | According to | Sources |",
                "|---|---|---|---|"]  # fmt: skip
        for f in doc["key_figures"]:
            who = md_escape("; ".join(f["attributed_to"]))
            out.append(f"| {md_escape(f['what'])} | {md_escape(f['value'])} | {who} | "
                       f"{_cites(f['citations'])} |")  # fmt: skip
    if doc["quotes"]:
        out += ["", "## Who said what", ""]
        for q in doc["quotes"]:
            speaker = md_escape(q["speaker"] or "unnamed")
            mark = "“" if q["kind"] == "direct" else ""
            out.append(f"- **{speaker}**: {mark}{md_escape(q['text'])}"
                       f"{'”' if mark else ''} [{q['citation']}]")  # fmt: skip
    if doc.get("notes"):
        out += ["", "## Notes", ""] + [f"- {md_escape(n)}" for n in doc["notes"]]
    return "\n".join(out).rstrip() + "\n"


def _step(side: dict[str, Any]) -> str:
    """One value of a figure history: the value, when and by whom it was given, its sources."""
    when = ", ".join(p[:16] for p in side.get("published") or [])
    who = "; ".join(side.get("attributed_to") or [])
    detail = md_escape("; ".join(x for x in (when, who) if x))
    return f"**{md_escape(side['value'])}** ({detail}) {_cites(side['citations'])}"


def _conflict(c: dict[str, Any], evidence: int | None) -> list[str]:
    """One conflict: what it is about, its confidence and note, each side with its sources."""
    out = [f"### {md_escape(c['kind'])}: {md_escape(c['about'])}", ""]
    out.append(f"Confidence {c['confidence']:.1f}." + (f" {md_escape(c['note'])}." if c["note"]
                                                       else ""))  # fmt: skip
    out.append("")
    for side in c["sides"]:
        who = f" (according to {md_escape('; '.join(side['attributed_to']))})" if side[
            "attributed_to"] else ""  # fmt: skip
        window = f" over {md_escape('; '.join(side['windows']))}" if side.get("windows") else ""
        out.append(f"- **{md_escape(side['value'])}**{who}{window} {_cites(side['citations'])}")
        items = side["evidence"] if evidence is None else side["evidence"][:evidence]
        for item in items:
            out.append(f"  - {md_escape(item['text'])} [{item['citation']}]")
        if len(items) < len(side["evidence"]):
            out.append(f"  - … {len(side['evidence']) - len(items)} more")
    out.append("")
    return out


def render_index_markdown(entries: list[dict[str, Any]], title: str = "Reports") -> str:
    """index.md over several stories' reports (entries as for the HTML index)."""
    out = [f"# {md_escape(title)}", "", "| Story | Sources | Independent | Conflicts | Unique |",
           "|---|---|---|---|---|"]  # fmt: skip
    for e in entries:
        link = f"[{md_escape(e['label'])}]({e['path'].replace('.html', '.md')})"
        out.append(f"| {link} | {e['sources']} | {e['independent']} | {e['conflicts']} | "
                   f"{e['unique']} |")  # fmt: skip
    return "\n".join(out) + "\n"
