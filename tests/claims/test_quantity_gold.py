"""The hand-annotated quantity gold (bench/gold/quantities.jsonl) is well formed and resolves.

Each line points at a sentence of ``../shared/data`` (no text is stored): the reference must
still hold the annotated sentence (same SHA-1), every quantity's span must be where the gold
says, and the sentence must come from the documented draw (``bench/quantities.py --sample``).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
QUALIFIERS = {
    "exact",
    "at least",
    "more than",
    "about",
    "up to",
    "at most",
    "less than",
    "range",
    "vague",
}


def _load_bench() -> ModuleType:
    name = "quantities_bench"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / "quantities.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    lines = bench.GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def data() -> Path:
    data: Path = bench.DEFAULT_DATA
    assert (data / "ecbplus.jsonl").is_file(), f"the shared data is missing: {data}"
    assert (data / "article-extraction" / "ground-truth.json").is_file(), data
    return data


def test_lines_are_well_formed(rows: list[dict[str, Any]]) -> None:
    assert len(rows) == 297
    assert sum(len(r["quantities"]) for r in rows) == 244
    refs = set()
    for row in rows:
        assert set(row) == {"source", "doc", "start", "end", "sha1", "split", "quantities"}, row
        assert row["source"] in {"ecbplus", "article-extraction"}
        assert 0 <= row["start"] < row["end"]
        assert re.fullmatch(r"[0-9a-f]{12}", row["sha1"])
        ref = bench.Ref(row["source"], row["doc"], row["start"], row["end"])
        assert row["split"] == bench.split_of(ref)
        refs.add(ref)
        for q in row["quantities"]:
            assert set(q) == {
                "text",
                "start",
                "end",
                "value",
                "low",
                "high",
                "qualifier",
                "unit",
                "counted",
            }
            assert 0 <= q["start"] < q["end"] <= row["end"] - row["start"]
            assert len(q["text"]) == q["end"] - q["start"] <= 60  # a span, never the sentence
            assert q["qualifier"] in QUALIFIERS
            if q["qualifier"] == "range":
                assert q["value"] is None and q["low"] < q["high"], q
            elif q["qualifier"] == "vague":
                assert q["value"] is None and q["low"] is None and q["high"] is None, q
            else:
                assert isinstance(q["value"], int | float), q
            if q["qualifier"] in ("more than", "at least"):
                assert q["low"] == q["value"], q
            if q["qualifier"] in ("up to", "at most", "less than"):
                assert q["high"] == q["value"], q
            assert q["unit"] is None or q["counted"] is None, q
    assert len(refs) == len(rows)


def test_the_splits_are_about_half_each(rows: list[dict[str, Any]]) -> None:
    dev = sum(r["split"] == "dev" for r in rows)
    assert 0.4 < dev / len(rows) < 0.6


def test_every_reference_resolves(data: Path) -> None:
    sentences = bench.load_gold(data)  # fails on any drift of a sentence or a span
    assert len(sentences) == 297
    for s in sentences:
        assert bench.sentence_hash(s.text) == bench.sentence_hash(s.text.strip())
        for q in s.quantities:
            assert s.text[q["start"] : q["end"]] == q["text"]


def test_the_gold_comes_from_the_documented_draw(rows: list[dict[str, Any]], data: Path) -> None:
    drawn = bench.draw(data)
    assert len(drawn) == 300
    gold = [bench.Ref(r["source"], r["doc"], r["start"], r["end"]) for r in rows]
    assert [ref for ref in drawn if ref in set(gold)] == gold  # in the drawn order, 3 dropped
