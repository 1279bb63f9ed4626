"""corroborate: turn a pile of news reports into one cross-checked account.

The library is the product; the ``corroborate`` command is a thin layer over it::

    from corroborate import ReadOptions, Store, ingest, read_inputs

    with Store("news.db") as store:
        report = ingest(["examples/"], store)
"""

from __future__ import annotations

import logging

from corroborate.config import ReadOptions
from corroborate.errors import CorroborateError, ReadError, StoreError
from corroborate.ingest import IngestReport, ingest
from corroborate.read import read_inputs
from corroborate.records import Article, Problem, Removed
from corroborate.store import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CorroborateError",
    "IngestReport",
    "Problem",
    "ReadError",
    "ReadOptions",
    "Removed",
    "Store",
    "StoreError",
    "__version__",
    "ingest",
    "read_inputs",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
