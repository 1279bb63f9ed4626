"""report.md for a reviewer (issue 12): the brief, the top conflicts and the figure histories
first, within about 150 lines for a 25-article story; everything with ``full``."""

from __future__ import annotations

from typing import Any

from corroborate.report.markdown import render_markdown


def side(value: str, n: int, evidence: int = 5) -> dict[str, Any]:
    return {"value": value, "articles": [f"a{n}"], "citations": [n], "attributed_to": [],
            "windows": [], "published": [f"2024-01-0{n % 9 + 1}"],
            "evidence": [{"article": f"a{n}", "citation": n, "text": f"Said {value} ({k})."}
                         for k in range(evidence)]}  # fmt: skip


def story(sources: int = 25, conflicts: int = 20) -> dict[str, Any]:
    return {
        "version": 1,
        "tool": "corroborate test",
        "story": {"label": "A long story"},
        "sources": [
            {
                "n": n,
                "id": f"a{n}",
                "label": f"Outlet {n}",
                "title": f"Title {n}",
                "url": None,
                "published": None,
                "independence_group": n,
            }
            for n in range(1, sources + 1)
        ],
        "independence_groups": [
            {"n": n, "articles": [f"a{n}"], "sources": [n]} for n in range(1, sources + 1)
        ],
        "brief": {"sentences": [{"text": f"Fact {k}.", "citations": [1, 2]} for k in range(8)]},
        "conflicts": [
            {
                "kind": "figure",
                "about": f"death of people {k}",
                "note": "",
                "confidence": 0.9 if k % 2 else 0.6,
                "sides": [side(str(k), 1), side(str(k + 1), 2), side(str(k + 2), 3)],
            }
            for k in range(conflicts)
        ],
        "figure_histories": [{"about": "death of people", "sides": [side("1", 1), side("5", 2)]}],
        "claim_groups": [
            {
                "corroborated": True,
                "checkable": True,
                "sources": 3,
                "statement": f"Group {k}.",
                "citations": [1, 2, 3],
                "consensus": {},
                "support": {"a1": "states", "a4": "differs"},
            }
            for k in range(40)
        ],
        "unique_claims": [
            {"statement": f"Only one said {k}.", "citations": [4]} for k in range(60)
        ],
        "timeline": [],
        "key_figures": [],
        "quotes": [],
        "notes": [],
    }


def test_a_long_story_opens_with_what_a_reviewer_needs() -> None:
    md = render_markdown(story())
    lines = md.splitlines()
    assert len(lines) <= 160, len(lines)
    heads = ("## Brief", "## Top conflicts (5 of 20)", "## Figures updated over time",
             "## Corroborated facts")  # fmt: skip
    order = [md.index(h) for h in heads]
    assert order == sorted(order)
    top = md[md.index("## Top conflicts") : md.index("## Figures")]
    assert top.count("Confidence 0.9") == 5  # the surest first
    assert "15 more in report.html" in top
    assert "**1** (2024-01-02) [1] → **5** (2024-01-03) [2]" in md, md[md.index("## Fig") :]
    assert "(differs: [4])" in md
    assert "Only one said" not in md


def test_full_has_everything() -> None:
    md = render_markdown(story(), full=True)
    assert md.count("### figure:") == 20
    assert "Only one said 59." in md and "Said 3 (4)." in md
