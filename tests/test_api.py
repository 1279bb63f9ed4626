"""The public surface of the package: exactly these names, each importable."""

from __future__ import annotations

import importlib

import corroborate

EXPECTED_ALL = [
    "Article",
    "CorroborateError",
    "IngestReport",
    "Problem",
    "ReadError",
    "ReadOptions",
    "Relation",
    "Removed",
    "ReuseConfig",
    "Store",
    "StoreError",
    "Story",
    "StoryConfig",
    "__version__",
    "ingest",
    "provenance",
    "read_inputs",
    "update_stories",
]


def test_all_is_the_documented_public_surface() -> None:
    assert sorted(corroborate.__all__) == sorted(EXPECTED_ALL)
    assert len(corroborate.__all__) == len(set(corroborate.__all__))


def test_every_public_name_is_importable() -> None:
    module = importlib.import_module("corroborate")
    for name in EXPECTED_ALL:
        assert getattr(module, name, None) is not None, name
    namespace: dict[str, object] = {}
    exec("from corroborate import *", namespace)
    assert set(EXPECTED_ALL) - {"__version__"} <= set(namespace)


def test_public_names_are_the_real_objects() -> None:
    from corroborate.config import ReadOptions
    from corroborate.errors import CorroborateError, ReadError, StoreError
    from corroborate.ingest import IngestReport, ingest
    from corroborate.read import read_inputs
    from corroborate.records import Article, Problem, Removed
    from corroborate.store import Store

    assert corroborate.Article is Article
    assert corroborate.Problem is Problem
    assert corroborate.Removed is Removed
    assert corroborate.ReadOptions is ReadOptions
    assert corroborate.Store is Store
    assert corroborate.IngestReport is IngestReport
    assert corroborate.ingest is ingest
    assert corroborate.read_inputs is read_inputs
    assert issubclass(ReadError, CorroborateError)
    assert issubclass(StoreError, CorroborateError)
    assert issubclass(CorroborateError, Exception)


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import version

    assert corroborate.__version__ == version("corroborate")
