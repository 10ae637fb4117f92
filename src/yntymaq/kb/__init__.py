"""The knowledge base: the curated dataset, its validation, storage, rules and temporal queries."""

from __future__ import annotations

from pathlib import Path

from yntymaq import settings
from yntymaq.kb.dataset import Dataset, load_dataset
from yntymaq.kb.query import KB
from yntymaq.kb.rules import derive_all
from yntymaq.kb.store import BuildReport, Store

__all__ = ["KB", "Dataset", "Store", "BuildReport", "build", "load_dataset"]


def build(db: str | None = None, *, data: str | Path | None = None) -> tuple[BuildReport, Store]:
    """Validate the dataset, derive what rules derive, and write it all in one transaction.

    Validation runs first: a broken dataset raises `DataErrors` before the database is touched.
    """
    dataset = load_dataset(settings.get("data", str(data) if data else None) or None)
    derived = derive_all(dataset.facts)
    store = Store(settings.get("db", db))
    return store.write_dataset(dataset, derived), store
