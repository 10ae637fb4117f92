"""The reads a one-off query makes of an SQLite knowledge base, through the standard library's `sqlite3`.

Importing SQLAlchemy takes longer than answering `yntymaq chair --at 2012-03-01`, so `KB.open` reads an
SQLite file through `SqliteReader`: `meta`, `is_built`, `entities`, `facts` and `sources` run the very
SQL statements `Store` runs (the same rows in the same order); every other attribute — writing, the
document tables, migrations, a read this module does not cover or that fails here — is the full
`Store`'s, opened when first asked for. `Store` stays the one storage layer that defines the schema.
"""

from __future__ import annotations

import json
import sqlite3
from collections import namedtuple
from pathlib import Path

from yntymaq.errors import YntymaqError
from yntymaq.vocab import Date, Entity, EntityType, Fact, Origin, Reference

_SOURCE_COLUMNS = "sources.id, sources.title, sources.url, sources.publisher, sources.published"
_FACT_COLUMNS = ("facts.id, facts.subject, facts.predicate, facts.object, facts.value, facts.start, "
                 "facts.start_lo, facts.start_hi, facts.\"end\", facts.end_lo, facts.end_hi, facts.qualifiers, "
                 "facts.origin, facts.rule, facts.location, facts.note")
_CHUNK = 500


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (`sqlite:///path`), or None for another database."""
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def open_store(target: str):
    """A store for reading: `SqliteReader` for an SQLite file, else the full `Store`."""
    url = target if "://" in target else f"sqlite:///{Path(target).expanduser()}"  # as `store.database_url`
    path = sqlite_path(url)
    if path is None:
        from yntymaq.kb.store import Store

        return Store(target, create=False)
    if not path.exists():
        raise YntymaqError(f"no knowledge base at {path}: run `yntymaq build` first")
    return SqliteReader(target, url, path)


def _rows(cursor: sqlite3.Cursor, row: tuple):
    """Rows with attribute access by column name, as SQLAlchemy gives them."""
    names = tuple(d[0] for d in cursor.description)
    kind = _ROW_TYPES.get(names)
    if kind is None:
        kind = _ROW_TYPES[names] = namedtuple("Row", names, rename=True)
    return kind(*row)


_ROW_TYPES: dict[tuple[str, ...], type] = {}


class _NotHere(Exception):
    """A read this module leaves to `Store`."""


class SqliteReader:
    """Reads of one SQLite knowledge base without SQLAlchemy; anything else goes to `Store`."""

    def __init__(self, target: str, url: str, path: Path):
        self.target, self.url, self.path = target, url, path
        self._conn: sqlite3.Connection | None = None
        self._full = None

    @property
    def store(self):
        """The full `Store` (SQLAlchemy, migrations applied), opened when first needed."""
        if self._full is None:
            from yntymaq.kb.store import Store

            self._full = Store(self.target, create=False)
        return self._full

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.store, name)

    def _query(self, sql: str, params: tuple = ()) -> list:
        if self._full is not None:  # opened already (a write came first): read where it writes
            raise _NotHere
        try:
            if self._conn is None:
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5.0)
                conn.row_factory = _rows
                self._conn = conn
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as err:  # an older schema, a locked file: `Store` knows what to do
            raise _NotHere from err

    # -- reading, as `Store` reads ---------------------------------------------------------

    def meta(self, key: str) -> str | None:
        try:
            rows = self._query("SELECT meta.value FROM meta WHERE meta.key = ?", (key,))
        except _NotHere:
            return self.store.meta(key)
        return rows[0].value if rows else None

    def is_built(self) -> bool:
        return self.meta("dataset_digest") is not None

    def entities(self, *, type: EntityType | None = None) -> list[Entity]:
        where, params = ("WHERE entities.type = ? ", (type.value,)) if type is not None else ("", ())
        try:
            rows = self._query("SELECT entities.id, entities.type, entities.parent, entities.country, entities.origin "
                               f"FROM entities {where}ORDER BY entities.id", params)
            names = self._query("SELECT names.entity, names.lang, names.name, names.preferred FROM names")
        except _NotHere:
            return self.store.entities(type=type)
        by_entity: dict[str, list] = {}
        for n in names:
            by_entity.setdefault(n.entity, []).append(n)
        out = []
        for r in rows:
            own = by_entity.get(r.id, [])
            out.append(Entity(r.id, EntityType(r.type), {n.lang: n.name for n in own if n.preferred},
                              tuple((n.lang, n.name) for n in own if not n.preferred),
                              country=r.country, parent=r.parent))
        return out

    def facts(self, *, subject: str | None = None, predicate=None, object: str | None = None,
              about: str | None = None, origin: Origin | None = None, include_extracted: bool = False) -> list[Fact]:
        if about is not None:  # a LIKE with SQLAlchemy's escaping: left to it
            return self.store.facts(subject=subject, predicate=predicate, object=object, about=about,
                                    origin=origin, include_extracted=include_extracted)
        where, params = [], []
        if subject is not None:
            where.append("facts.subject = ?")
            params.append(subject)
        if predicate is not None:
            if isinstance(predicate, str):
                where.append("facts.predicate = ?")
                params.append(predicate)
            else:
                predicates = list(predicate)
                where.append(f"facts.predicate IN ({', '.join('?' * len(predicates))})" if predicates else "1 != 1")
                params.extend(predicates)
        if object is not None:
            where.append("facts.object = ?")
            params.append(object)
        if origin is not None:
            where.append("facts.origin = ?")
            params.append(origin.value)
        elif not include_extracted:
            where.append("facts.origin != ?")
            params.append(Origin.EXTRACTED.value)
        sql = f"SELECT {_FACT_COLUMNS} FROM facts" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY facts.id"
        try:
            rows = self._query(sql, tuple(params))
            sources = self._sources_for([r.id for r in rows])
        except _NotHere:
            return self.store.facts(subject=subject, predicate=predicate, object=object, origin=origin,
                                    include_extracted=include_extracted)
        return [_fact_from_row(r, sources.get(r.id, ())) for r in rows]

    def _sources_for(self, fact_ids: list[int]) -> dict[int, tuple[Reference, ...]]:
        out: dict[int, list[Reference]] = {}
        for start in range(0, len(fact_ids), _CHUNK):
            chunk = fact_ids[start:start + _CHUNK]
            sql = (f"SELECT fact_sources.fact_id, fact_sources.locator, {_SOURCE_COLUMNS} FROM fact_sources "
                   f"JOIN sources ON sources.id = fact_sources.source_id "
                   f"WHERE fact_sources.fact_id IN ({', '.join('?' * len(chunk))})")
            for r in self._query(sql, tuple(chunk)):
                out.setdefault(r.fact_id, []).append(Reference(r.id, r.title, r.url, r.publisher, r.published, r.locator))
        return {k: tuple(v) for k, v in out.items()}

    def sources(self) -> list[Reference]:
        try:
            rows = self._query(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY sources.id")
        except _NotHere:
            return self.store.sources()
        return [Reference(r.id, r.title, r.url, r.publisher, r.published) for r in rows]


def _fact_from_row(r, sources: tuple[Reference, ...]) -> Fact:
    """As `store._fact_from_row`."""
    return Fact(
        subject=r.subject, predicate=r.predicate, object=r.object, value=r.value,
        start=Date.parse(r.start) if r.start else None, end=Date.parse(r.end) if r.end else None,
        qualifiers=tuple(tuple(q) for q in json.loads(r.qualifiers)), sources=sources,
        origin=Origin(r.origin), rule=r.rule, where=r.location, id=r.id,
    )
