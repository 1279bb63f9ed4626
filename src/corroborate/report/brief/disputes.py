"""What is disputed: one sentence per major conflict of the report, naming its sides.

A conflict is taken as data (``kind``, ``about``, ``confidence`` and ``sides``, each side with
``value``, ``articles``, ``attributed_to``, ``windows`` and ``claims``), as the report's conflict
stage gives it. Major conflicts (:func:`major`) are the figure conflicts over a toll (two
counts that cannot both hold, each side told by an article or a source of its own), the most
confident first, then those over more articles, at most ``MAX_DISPUTES``. Each becomes::

    Reports differ on the number of civilians killed: at least 20 civilians according to the
    Syrian Observatory for Human Rights [1][2][4][5]; at least 27 civilians in the past three
    days according to the UN [4].

A side's value is its most common wording, its source the shortest of the names it is
attributed to (the others usually lengthen it: "UK-based …"), its time window as written; its
citations are its articles. Nothing is written that the sides do not hold.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

__all__ = ["MAX_DISPUTES", "dispute", "major"]

MAX_DISPUTES = 2
_PARTICIPLE = {"death": "killed", "injury": "injured", "capture": "captured"}
_PLURAL = {"people": "people", "person": "people", "life": "lives", "town": "towns"}


def major(conflicts: Sequence[Any]) -> list[Any]:
    """The conflicts worth a sentence of the brief, most important first: figure conflicts
    about a toll the brief can name (killed, injured, captured: ``about`` is "ROLE of
    COUNTED"), whose sides are told by different reports or sources (each side has an article or
    a named source of its own: one article giving two figures from one source is no
    disagreement)."""
    figures = [
        c
        for c in conflicts
        if getattr(c, "kind", None) == "figure"
        and _ROLE.match(str(getattr(c, "about", "")))
        and _apart(_sides(c))
    ]
    figures.sort(
        key=lambda c: (
            -float(getattr(c, "confidence", 0.0)),
            -len({a for s in _sides(c) for a in getattr(s, "articles", [])}),
        )
    )
    return figures[:MAX_DISPUTES]


_ROLE = re.compile(rf"(?:{'|'.join(_PARTICIPLE)}) of \w")


def _apart(sides: list[Any]) -> bool:
    """Each side has an article or a named source of its own."""
    if len(sides) < 2:
        return False
    for key in ("articles", "attributed_to"):
        held = [{_bare(str(x)) for x in getattr(s, key, [])} for s in sides]
        if all(h - set().union(*(o for j, o in enumerate(held) if j != i)) for i, h in
               enumerate(held)):  # fmt: skip
            return True
    return False


def _sides(conflict: Any) -> list[Any]:
    return [s for s in getattr(conflict, "sides", []) if getattr(s, "articles", None)]


def topic(about: str) -> str:
    """ "death of civilian" → "the number of civilians killed"; else "the figure for …"."""
    match = re.fullmatch(r"(\w+) of ([\w\s\-]+?)(?: \((.+)\))?", about.strip())
    if match and match.group(1) in _PARTICIPLE:
        counted = match.group(2)
        plural = _PLURAL.get(counted) or (counted if counted.endswith("s") else counted + "s")
        unit = f" ({match.group(3)})" if match.group(3) else ""
        return f"the number of {plural} {_PARTICIPLE[match.group(1)]}{unit}"
    return f"the figure for {about}"


def _value(side: Any, evidence: Sequence[str]) -> str:
    """The side's most common wording, without the counted noun the topic already names."""
    options = [v.strip() for v in str(getattr(side, "value", "")).split(" / ") if v.strip()]
    if not options:
        return ""
    counts = Counter({o: sum(_number(o) in e and o.split()[0] in e for e in evidence)
                      for o in options})  # fmt: skip
    return max(options, key=lambda o: (counts[o], -options.index(o)))


def _number(value: str) -> str:
    found = re.search(r"\d[\d,.]*", value)
    return found.group(0) if found else value


def _who(side: Any) -> str:
    names = [str(n).strip() for n in getattr(side, "attributed_to", []) if str(n).strip()]
    if not names:
        return ""
    # The shortest name that the others contain stands for them; unrelated names are listed.
    kept: list[str] = []
    for name in sorted(names, key=len):
        if not any(_bare(k) in _bare(name) for k in kept):
            kept.append(name)
    kept = [_article(k) for k in kept[:2]]
    return " and ".join(kept)


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.lower())


def _article(name: str) -> str:
    """ "The UN" → "the UN"; "Syrian Observatory for Human Rights" → "the Syrian Observatory…"
    (a name of several words built on "of" / "for" takes the article)."""
    if re.match(r"the\b", name, re.IGNORECASE):
        return "the" + name[3:]
    if len(name.split()) >= 3 and re.search(r"\b(?:of|for)\b", name):
        return f"the {name}"
    return name


def _window(side: Any) -> str:
    windows = [str(w).strip() for w in getattr(side, "windows", []) if str(w).strip()]
    if not windows:
        return ""
    window = windows[0]
    if re.match(r"(?:in|over|during|for|within|since|on|at|by)\b", window, re.IGNORECASE):
        return window
    return f"in {window}"


def dispute(
    conflict: Any, number: dict[str, int], evidence: dict[tuple[str, int], str]
) -> list[tuple[str, list[int]]]:
    """The sentence of one conflict as parts, each followed by its citations (source numbers).
    ``evidence`` maps a claim reference (article id, claim index) to its sentence."""
    parts: list[tuple[str, list[int]]] = []
    for side in _sides(conflict):
        said = [evidence.get(tuple(ref), "") for ref in getattr(side, "claims", [])]
        words = [_value(side, said)]
        if _window(side):
            words.append(_window(side))
        if _who(side):
            words.append(f"according to {_who(side)}")
        cites = sorted({number[a] for a in getattr(side, "articles", []) if a in number})
        if cites and words[0]:
            parts.append((" ".join(words), cites))
    if len(parts) < 2:
        return []
    lead = f"Reports differ on {topic(str(getattr(conflict, 'about', '')))}: "
    out = [(lead + parts[0][0], parts[0][1])]
    out += [(f"; {text}", cites) for text, cites in parts[1:]]
    out.append((".", []))
    return out
