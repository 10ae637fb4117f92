"""The knowledge base: the curated dataset, its validation, storage, rules and temporal queries.

The names below are imported when first used (PEP 562), so that a query that only reads pays for
neither the dataset's validation nor SQLAlchemy.
"""

from __future__ import annotations

import importlib
from pathlib import Path

__all__ = ["KB", "Dataset", "Store", "BuildReport", "build", "load_dataset"]

_WHERE = {"KB": "yntymaq.kb.query", "Dataset": "yntymaq.kb.dataset", "load_dataset": "yntymaq.kb.dataset",
          "Store": "yntymaq.kb.store", "BuildReport": "yntymaq.kb.store"}


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build(db: str | None = None, *, data: str | Path | None = None):
    """Validate the dataset, derive what rules derive, and write it all in one transaction.

    Validation runs first: a broken dataset raises `DataErrors` before the database is touched.
    Returns (BuildReport, Store).
    """
    from yntymaq import settings
    from yntymaq.kb.dataset import load_dataset
    from yntymaq.kb.rules import derive_all
    from yntymaq.kb.store import Store

    dataset = load_dataset(settings.get("data", str(data) if data else None) or None)
    derived = derive_all(dataset.facts)
    store = Store(settings.get("db", db))
    return store.write_dataset(dataset, derived), store
