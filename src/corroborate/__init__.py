"""corroborate: turn a pile of news reports into one cross-checked account.

The library is the product; the ``corroborate`` command is a thin layer over it::

    from corroborate import ReadOptions, Store, ingest, read_inputs, update_stories

    with Store("news.db") as store:
        report = ingest(["examples/"], store)
        update_stories(store)
"""

from __future__ import annotations

import logging

from corroborate.config import ReadOptions
from corroborate.errors import CorroborateError, ReadError, StoreError
from corroborate.ingest import IngestReport, ingest
from corroborate.read import read_inputs
from corroborate.records import Article, Problem, Relation, Removed, Story
from corroborate.store import Store

__version__ = "0.1.0"

__all__ = [
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

# Stages that need numpy and friends load on first use, so that `import corroborate` (and the
# command line's --help) stays light.
_LAZY = {
    "ReuseConfig": "corroborate.reuse",
    "provenance": "corroborate.reuse",
    "StoryConfig": "corroborate.stories",
    "update_stories": "corroborate.assign",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'corroborate' has no attribute {name!r}")


logging.getLogger(__name__).addHandler(logging.NullHandler())
