"""The one storage layer: every database access of yntymaq goes through `Store`.

SQLite by default (a file), PostgreSQL by URL. The schema grows by named migrations recorded in the
`migrations` table. Writing the curated dataset is one transaction: a failure leaves the previous
knowledge base as it was. SQLite runs in WAL mode so that serving reads never wait for a write.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy import event

from yntymaq.errors import YntymaqError
from yntymaq.kb.dataset import Dataset
from yntymaq.vocab import Date, Entity, EntityType, Fact, Origin, Reference

metadata = sa.MetaData()

migrations_table = sa.Table(
    "migrations", metadata,
    sa.Column("name", sa.String, primary_key=True),
    sa.Column("applied_at", sa.Float, nullable=False),
)
meta_table = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
sources_table = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("publisher", sa.Text, nullable=False, default=""),
    sa.Column("published", sa.String, nullable=False, default=""),
)
entities_table = sa.Table(
    "entities", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("type", sa.String, nullable=False, index=True),
    sa.Column("parent", sa.String),
    sa.Column("country", sa.String),
    sa.Column("origin", sa.String, nullable=False, default="curated"),
)
names_table = sa.Table(
    "names", metadata,
    sa.Column("entity", sa.String, nullable=False, index=True),
    sa.Column("lang", sa.String, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("preferred", sa.Boolean, nullable=False),
)
facts_table = sa.Table(
    "facts", metadata,
    sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("subject", sa.String, nullable=False),
    sa.Column("predicate", sa.String, nullable=False),
    sa.Column("object", sa.String),
    sa.Column("value", sa.Text),
    # Dates as written (their precision) plus the first and last day each may stand for, so that
    # the database can filter by date and Python decides what is certain.
    sa.Column("start", sa.String),
    sa.Column("start_lo", sa.String),
    sa.Column("start_hi", sa.String),
    sa.Column("end", sa.String),
    sa.Column("end_lo", sa.String),
    sa.Column("end_hi", sa.String),
    sa.Column("qualifiers", sa.Text, nullable=False, default="[]"),
    sa.Column("origin", sa.String, nullable=False),
    sa.Column("rule", sa.String, nullable=False, default=""),
    sa.Column("location", sa.String, nullable=False, default=""),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Index("facts_by_predicate_object", "predicate", "object"),
    sa.Index("facts_by_subject", "subject", "predicate"),
)
fact_sources_table = sa.Table(
    "fact_sources", metadata,
    sa.Column("fact_id", sa.BigInteger, sa.ForeignKey("facts.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("source_id", sa.String, nullable=False),
    sa.Column("locator", sa.String, nullable=False, default=""),
)

# -- documents (0003_compact_documents) ------------------------------------------------------------
# A document's sentences and mentions are read only with the document, so they are kept packed in its
# row (compact JSON); a span's text is the document's text between its offsets and is stored only where
# it is not. A claim carries its extracted fact in its own row (nothing else reads extracted facts).
# Verdicts repeat (every claim that a session was held elsewhere gets the same one, with the same
# evidence), so each distinct verdict is stored once and claims point to it; its evidence is also kept
# as (fact, verdict) pairs, which an entity page asks by fact. Explicit constraint and index names: the
# migration renames the tables of 0002 aside, whose names PostgreSQL and SQLite keep schema-wide.

documents_table = sa.Table(
    "documents", metadata,
    sa.Column("key", sa.Integer, autoincrement=True),  # the row's number, which claims point to
    sa.Column("id", sa.String, nullable=False),  # sha256 of the file's bytes: ingesting is idempotent
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("path", sa.Text, nullable=False, default=""),
    sa.Column("encoding", sa.String, nullable=False, default=""),
    sa.Column("language", sa.String, nullable=False, default=""),
    sa.Column("size", sa.Integer, nullable=False, default=0),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.Float, nullable=False),
    sa.Column("sentences", sa.Text, nullable=False, default="[]"),  # see _pack_sentences
    sa.Column("mentions", sa.Text, nullable=False, default="[]"),  # see _pack_mentions
    sa.PrimaryKeyConstraint("key", name="documents_key_pk"),
    sa.UniqueConstraint("id", name="documents_id_unique"),
)
verdicts_table = sa.Table(
    "verdicts", metadata,
    sa.Column("id", sa.Integer, autoincrement=True),
    sa.Column("verdict", sa.String, nullable=False),
    sa.Column("rule", sa.String, nullable=False, default=""),
    sa.Column("reason", sa.Text, nullable=False, default=""),
    sa.Column("evidence", sa.Text, nullable=False, default=""),  # the evidence's fact ids in order, space-separated
    sa.Column("key", sa.Text, nullable=False),  # the four above as JSON: one row per distinct verdict
    sa.PrimaryKeyConstraint("id", name="verdicts_id_pk"),
    sa.UniqueConstraint("key", name="verdicts_key_unique"),
)
verdict_evidence_table = sa.Table(
    "verdict_evidence", metadata,
    sa.Column("fact_id", sa.BigInteger, nullable=False),
    sa.Column("verdict_id", sa.Integer, sa.ForeignKey("verdicts.id", name="verdict_evidence_verdict_fk"), nullable=False),
    sa.PrimaryKeyConstraint("fact_id", "verdict_id", name="verdict_evidence_pk"),
    sqlite_with_rowid=False,
)
claims_table = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.Integer, autoincrement=True),
    sa.Column("doc", sa.Integer, sa.ForeignKey("documents.key", ondelete="CASCADE", name="claims_doc_fk"),
              nullable=False),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text),  # NULL: the document's text from start to end
    sa.Column("lang", sa.String, nullable=False),
    sa.Column("rule", sa.String, nullable=False),
    # the extracted fact
    sa.Column("subject", sa.String, nullable=False),
    sa.Column("predicate", sa.String, nullable=False),
    sa.Column("object", sa.String),
    sa.Column("value", sa.Text),
    sa.Column("fact_start", sa.String),
    sa.Column("fact_end", sa.String),
    sa.Column("qualifiers", sa.Text),  # JSON pairs; NULL: none
    sa.Column("fact_rule", sa.String),  # NULL: the claim's rule
    sa.Column("at", sa.String),
    sa.Column("verdict", sa.Integer, sa.ForeignKey("verdicts.id", name="claims_verdict_fk"), nullable=False),
    sa.PrimaryKeyConstraint("id", name="claims_id_pk"),
    sa.Index("claims_by_doc", "doc"),
    sa.Index("claims_by_verdict", "verdict"),
)
_DOCUMENT_TABLES = [documents_table, verdicts_table, verdict_evidence_table, claims_table]

# The document tables of 0002, kept to create them in order on a fresh database and to read them in 0003.
_v2 = sa.MetaData()
_v2_tables = [
    sa.Table("documents", _v2, sa.Column("id", sa.String, primary_key=True), sa.Column("name", sa.Text, nullable=False),
             sa.Column("path", sa.Text, nullable=False, default=""), sa.Column("encoding", sa.String, nullable=False, default=""),
             sa.Column("language", sa.String, nullable=False, default=""), sa.Column("size", sa.Integer, nullable=False, default=0),
             sa.Column("text", sa.Text, nullable=False), sa.Column("ingested_at", sa.Float, nullable=False)),
    sa.Table("sentences", _v2, sa.Column("doc", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
             sa.Column("idx", sa.Integer, nullable=False), sa.Column("start", sa.Integer, nullable=False),
             sa.Column("end", sa.Integer, nullable=False), sa.Column("language", sa.String, nullable=False, default="")),
    sa.Table("mentions", _v2, sa.Column("doc", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
             sa.Column("sentence", sa.Integer, nullable=False), sa.Column("start", sa.Integer, nullable=False),
             sa.Column("end", sa.Integer, nullable=False), sa.Column("text", sa.Text, nullable=False),
             sa.Column("entity", sa.String, index=True), sa.Column("candidates", sa.Text, nullable=False, default="[]"),
             sa.Column("score", sa.Float, nullable=False, default=1.0), sa.Column("rule", sa.String, nullable=False, default="")),
    sa.Table("claims", _v2, sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("doc", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
             sa.Column("sentence", sa.Integer, nullable=False), sa.Column("start", sa.Integer, nullable=False),
             sa.Column("end", sa.Integer, nullable=False), sa.Column("text", sa.Text, nullable=False),
             sa.Column("lang", sa.String, nullable=False), sa.Column("rule", sa.String, nullable=False),
             sa.Column("fact_id", sa.BigInteger, nullable=False, index=True), sa.Column("at", sa.String),
             sa.Column("verdict", sa.String, nullable=False), sa.Column("verdict_rule", sa.String, nullable=False, default=""),
             sa.Column("reason", sa.Text, nullable=False, default="")),
    sa.Table("claim_evidence", _v2, sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
             sa.Column("fact_id", sa.BigInteger, nullable=False, index=True)),
]

_INITIAL = [migrations_table, meta_table, sources_table, entities_table, names_table, facts_table, fact_sources_table]


def _create(tables: list[sa.Table]) -> Callable[[sa.Connection], None]:
    def apply(conn: sa.Connection) -> None:
        metadata.create_all(conn, tables=tables)
    return apply


def _create_search_index(conn: sa.Connection) -> None:
    """The full-text index of the documents' sentences: SQLite FTS5, or a PostgreSQL `tsvector` column
    with a GIN index. Each row is one sentence: `terms` what it is found by (see `yntymaq.text.terms`),
    `lang` its language, with which a hit's words are read again to highlight them."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE search_index USING fts5(terms, doc UNINDEXED, sentence UNINDEXED, "
            "start UNINDEXED, \"end\" UNINDEXED, lang UNINDEXED, tokenize = 'unicode61 remove_diacritics 0')")
    else:
        conn.exec_driver_sql(
            "CREATE TABLE search_index (doc VARCHAR NOT NULL REFERENCES documents(id) ON DELETE CASCADE, "
            "sentence INTEGER NOT NULL, start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, terms TEXT NOT NULL, "
            "lang VARCHAR NOT NULL, tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED)")
        conn.exec_driver_sql("CREATE INDEX search_index_tsv ON search_index USING GIN (tsv)")
        conn.exec_driver_sql("CREATE INDEX search_index_doc ON search_index (doc, sentence)")
    # the entities each sentence names, for the search's entity filter (the mentions are packed in the
    # document's row)
    conn.exec_driver_sql("CREATE TABLE search_entities (doc VARCHAR NOT NULL, sentence INTEGER NOT NULL, "
                         "entity VARCHAR NOT NULL, PRIMARY KEY (doc, sentence, entity))")
    conn.exec_driver_sql("CREATE INDEX search_entities_by_entity ON search_entities (entity)")


MIGRATIONS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    ("0001_knowledge_base", _create(_INITIAL)),
    ("0002_documents", lambda conn: _v2.create_all(conn)),
    ("0003_compact_documents", lambda conn: _compact_documents(conn)),
    ("0004_search_index", _create_search_index),
]
"""Named migrations, applied in order and recorded; later layers append theirs (see `register_migration`)."""


def register_migration(name: str, tables: list[sa.Table]) -> None:
    if name not in {n for n, _ in MIGRATIONS}:
        MIGRATIONS.append((name, _create(tables)))


def database_url(target: str) -> str:
    """An SQLAlchemy URL for a file path or a URL."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


@dataclass(frozen=True, slots=True)
class BuildReport:
    entities: int
    facts: int
    derived: int
    sources: int
    seconds: float
    changed: bool


def _day(d) -> str | None:
    return d.isoformat() if d else None


class Store:
    """A connection to one knowledge base."""

    def __init__(self, target: str, *, create: bool = True):
        self.url = database_url(target)
        if self.url.startswith("sqlite:///"):
            path = Path(self.url.removeprefix("sqlite:///"))
            if not create and not path.exists():
                raise YntymaqError(f"no knowledge base at {path}: run `yntymaq build` first")
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = sa.create_engine(self.url)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as err:
            raise YntymaqError(f"cannot open the database {target!r}: {err}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # Text order as SQLite has it (by code point), whatever the PostgreSQL database's locale.
        self._binary = "C" if self.engine.dialect.name == "postgresql" else None
        try:
            self.migrate()
        except sa.exc.OperationalError as err:
            raise YntymaqError(f"cannot open the database {target!r}: {err.orig}") from None

    def _ordered(self, column: sa.ColumnElement) -> sa.ColumnElement:
        return column.collate(self._binary) if self._binary else column

    # -- schema ----------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        applied_now = []
        with self.engine.begin() as conn:
            migrations_table.create(conn, checkfirst=True)
            done = {row.name for row in conn.execute(sa.select(migrations_table.c.name))}
            for name, apply in MIGRATIONS:
                if name in done:
                    continue
                apply(conn)
                conn.execute(migrations_table.insert().values(name=name, applied_at=time.time()))
                applied_now.append(name)
        return applied_now

    def applied_migrations(self) -> list[str]:
        with self.engine.connect() as conn:
            return [r.name for r in conn.execute(sa.select(migrations_table.c.name).order_by(self._ordered(migrations_table.c.name)))]

    # -- writing ---------------------------------------------------------------------------

    def write_dataset(self, dataset: Dataset, derived: list[Fact]) -> BuildReport:
        """Replace the curated and derived knowledge in one transaction; extracted facts stay."""
        began = time.perf_counter()
        with self.engine.begin() as conn:
            current = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "dataset_digest")).scalar()
            if current == dataset.digest:
                return BuildReport(len(dataset.entities), len(dataset.facts), len(derived), len(dataset.sources),
                                   time.perf_counter() - began, changed=False)
            old = sa.select(facts_table.c.id).where(facts_table.c.origin.in_([Origin.CURATED.value, Origin.DERIVED.value]))
            conn.execute(fact_sources_table.delete().where(fact_sources_table.c.fact_id.in_(old)))
            conn.execute(facts_table.delete().where(facts_table.c.origin.in_([Origin.CURATED.value, Origin.DERIVED.value])))
            curated_ids = sa.select(entities_table.c.id).where(entities_table.c.origin == "curated")
            conn.execute(names_table.delete().where(names_table.c.entity.in_(curated_ids)))
            conn.execute(entities_table.delete().where(entities_table.c.origin == "curated"))
            conn.execute(sources_table.delete())

            conn.execute(sources_table.insert(), [
                {"id": s.id, "title": s.title, "url": s.url, "publisher": s.publisher, "published": s.published}
                for s in dataset.sources.values()
            ])
            conn.execute(entities_table.insert(), [
                {"id": e.id, "type": e.type.value, "parent": e.parent, "country": e.country, "origin": "curated"}
                for e in dataset.entities.values()
            ])
            conn.execute(names_table.insert(), [
                {"entity": e.id, "lang": lang, "name": name, "preferred": preferred}
                for e in dataset.entities.values()
                for (lang, name), preferred in [*((pair, True) for pair in e.names.items()), *((pair, False) for pair in e.aliases)]
            ])
            self._insert_facts(conn, [*dataset.facts, *derived], dataset.notes)
            for key, value in (("dataset_digest", dataset.digest), ("built_at", str(time.time()))):
                conn.execute(meta_table.delete().where(meta_table.c.key == key))
                conn.execute(meta_table.insert().values(key=key, value=value))
        return BuildReport(len(dataset.entities), len(dataset.facts), len(derived), len(dataset.sources),
                           time.perf_counter() - began, changed=True)

    def _insert_facts(self, conn: sa.Connection, facts: Iterable[Fact], notes: dict[str, str]) -> list[int]:
        """Insert facts under ids derived from their content, so that a fact unchanged by a rebuild keeps
        its id and what cites it (a claim's evidence) stays valid."""
        rows, links, ids = [], [], []
        facts = list(facts)
        wanted = [stable_fact_id(f) for f in facts]
        queried, taken = set(wanted), set()
        for start in range(0, len(wanted), 500):  # only the ids this batch could collide with
            chunk = wanted[start:start + 500]
            taken.update(conn.execute(sa.select(facts_table.c.id).where(facts_table.c.id.in_(chunk))).scalars())
        for f in facts:
            fact_id = stable_fact_id(f)
            while fact_id in taken or (fact_id not in queried and _id_exists(conn, fact_id)):
                # the same statement twice from the same source: keep both
                fact_id = (fact_id + 1) % (1 << 62) or 1
            taken.add(fact_id)
            row = _fact_row(f, notes.get(f.where, "") if f.origin is Origin.CURATED else "")
            row["id"] = fact_id
            rows.append(row)
            ids.append(fact_id)
            links.extend({"fact_id": fact_id, "source_id": s.id, "locator": s.locator}
                         for s in f.sources if isinstance(s, Reference))
        if rows:
            conn.execute(facts_table.insert(), rows)
        if links:
            conn.execute(fact_sources_table.insert(), links)
        return ids

    # -- reading ---------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == key)).scalar()

    def generation(self) -> tuple:
        """What changes whenever what the pages show may change: a rebuild of the curated data, a
        document stored. One cheap query, so that a cache of pages can ask it on every request."""
        d = documents_table
        query = sa.select(sa.select(meta_table.c.value).where(meta_table.c.key == "built_at").scalar_subquery(),
                          sa.select(sa.func.count()).select_from(d).scalar_subquery(),
                          sa.select(sa.func.max(d.c.ingested_at)).scalar_subquery())
        with self.engine.connect() as conn:
            return tuple(conn.execute(query).one())

    def is_built(self) -> bool:
        return self.meta("dataset_digest") is not None

    def entities(self, *, type: EntityType | None = None) -> list[Entity]:
        query = sa.select(entities_table)
        if type is not None:
            query = query.where(entities_table.c.type == type.value)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(self._ordered(entities_table.c.id))).all()
            names = conn.execute(sa.select(names_table)).all()
        by_entity: dict[str, list] = {}
        for n in names:
            by_entity.setdefault(n.entity, []).append(n)
        out = []
        for r in rows:
            own = by_entity.get(r.id, [])
            out.append(Entity(
                r.id, EntityType(r.type),
                {n.lang: n.name for n in own if n.preferred},
                tuple((n.lang, n.name) for n in own if not n.preferred),
                country=r.country, parent=r.parent,
            ))
        return out

    def facts(self, *, subject: str | None = None, predicate: str | Iterable[str] | None = None,
              object: str | None = None, about: str | None = None,
              origin: Origin | None = None, include_extracted: bool = False) -> list[Fact]:
        """Facts matching every filter given; `about` matches subject or object. Facts extracted from
        documents are left out unless asked for: the knowledge base answers from curated facts."""
        t = facts_table
        query = sa.select(t)
        if subject is not None:
            query = query.where(t.c.subject == subject)
        if predicate is not None:
            query = query.where(t.c.predicate == predicate if isinstance(predicate, str) else t.c.predicate.in_(list(predicate)))
        if object is not None:
            query = query.where(t.c.object == object)
        if about is not None:
            query = query.where(_about(about))
        if origin is not None:
            query = query.where(t.c.origin == origin.value)
        elif not include_extracted:
            query = query.where(t.c.origin != Origin.EXTRACTED.value)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(t.c.id)).all()
            sources = self._sources_for(conn, [r.id for r in rows])
        return [_fact_from_row(r, sources.get(r.id, ())) for r in rows]

    def _sources_for(self, conn: sa.Connection, fact_ids: list[int]) -> dict[int, tuple[Reference, ...]]:
        if not fact_ids:
            return {}
        fs, s = fact_sources_table, sources_table
        out: dict[int, list[Reference]] = {}
        for chunk_start in range(0, len(fact_ids), 500):
            chunk = fact_ids[chunk_start:chunk_start + 500]
            query = sa.select(fs.c.fact_id, fs.c.locator, s).join(s, s.c.id == fs.c.source_id).where(fs.c.fact_id.in_(chunk))
            for r in conn.execute(query):
                out.setdefault(r.fact_id, []).append(Reference(r.id, r.title, r.url, r.publisher, r.published, r.locator))
        return {k: tuple(v) for k, v in out.items()}

    def sources(self) -> list[Reference]:
        with self.engine.connect() as conn:
            return [Reference(r.id, r.title, r.url, r.publisher, r.published)
                    for r in conn.execute(sa.select(sources_table).order_by(self._ordered(sources_table.c.id)))]

    def count_facts(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(facts_table)).scalar()

    # -- documents -------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(documents_table.c.key).where(documents_table.c.id == doc_id)).first() is not None

    def document_ids(self) -> set[str]:
        """The ids of every stored document, in one query (an ingest looks each file's hash up in it)."""
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(documents_table.c.id)).scalars())

    def write_records(self, records: list[DocumentRecord], *, ingested_at: float | None = None) -> list[str]:
        """The writer: store analysed documents, all in one transaction; returns the ids of those added.

        A document already stored (by this or by another process at the same time) is left as it is
        and not returned: the insert of its row does nothing on the conflict of its id, so two ingests
        of one folder store each document once. Rows go in by `executemany`, one statement per table."""
        if not records:
            return []
        now = time.time() if ingested_at is None else ingested_at
        unique: dict[str, DocumentRecord] = {}
        for r in records:
            unique.setdefault(r.id, r)
        d, c = documents_table, claims_table
        with self.engine.begin() as conn:
            insert = _insert_ignoring(conn, d, ["id"]).returning(d.c.id, d.c.key)
            keys = dict(conn.execute(insert, [
                {"id": r.id, "name": storable(r.name), "path": storable(r.path), "encoding": r.encoding or "",
                 "language": r.language, "size": r.size, "text": storable(r.text), "ingested_at": now,
                 "sentences": _pack_sentences(r.sentences, r.language),
                 "mentions": _pack_mentions(r.mentions, r.sentences)}
                for r in unique.values()]).all())
            added = [r for r in unique.values() if r.id in keys]
            for r in added:  # the full-text index (yntymaq search), in the same transaction
                _index_sentences(conn, r.id, r.text, r.sentences, [(m.sentence, m.entity) for m in r.mentions],
                                 replace=False)
            claims = [(keys[r.id], k) for r in added for k in r.claims]
            if claims:
                verdicts = _verdict_ids(conn, [k for _, k in claims])
                conn.execute(c.insert(), [
                    {"doc": doc, **{name: storable(getattr(k, name)) if name in _TEXT_COLUMNS else getattr(k, name)
                                    for name in _CLAIM_COLUMNS},
                     "verdict": verdicts[_verdict_key(k.verdict, k.verdict_rule, k.reason, k.evidence)]}
                    for doc, k in claims])
        return [r.id for r in added]

    def write_document(self, doc: StoredDocument, sentences: list[tuple[int, int, str]], mentions: list,
                       claims: list) -> int:
        """Store one document with its sentences, mentions, claims and verdicts in one transaction.

        `claims` pairs each `Claim` with its `Verdict`. Returns the number of claims stored (0 when
        the document was already there)."""
        record = DocumentRecord.build(doc.id, name=doc.name, path=doc.path, encoding=doc.encoding,
                                      language=doc.language, size=doc.size, text=doc.text,
                                      sentences=sentences, mentions=mentions, claims=claims)
        return len(claims) if self.write_records([record], ingested_at=doc.ingested_at) else 0

    _DOCUMENT_COLUMNS = ("id", "name", "path", "encoding", "language", "size", "text", "ingested_at")

    def documents(self) -> list[StoredDocument]:
        d = documents_table
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*(d.c[n] for n in self._DOCUMENT_COLUMNS))
                                .order_by(d.c.ingested_at, self._ordered(d.c.name), d.c.key)).all()
        return [StoredDocument(*r) for r in rows]

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(documents_table)).scalar()

    def document(self, doc_id: str) -> StoredDocument | None:
        d = documents_table
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*(d.c[n] for n in self._DOCUMENT_COLUMNS)).where(d.c.id == doc_id)).first()
        return StoredDocument(*row) if row else None

    def sentences(self, doc_id: str) -> list[tuple[int, int, str]]:
        d = documents_table
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(d.c.sentences, d.c.language).where(d.c.id == doc_id)).first()
        return _unpack_sentences(row.sentences, row.language) if row else []

    def mentions(self, doc_id: str) -> list[dict]:
        """A document's mentions in text order, as dicts of `MentionRow`'s fields with their text."""
        d = documents_table
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(d.c.text, d.c.mentions, d.c.sentences, d.c.language)
                               .where(d.c.id == doc_id)).first()
        if row is None:
            return []
        out = []
        for m in _unpack_mentions(row.mentions, _unpack_sentences(row.sentences, row.language)):
            entry = {"doc": doc_id, **m._asdict()}
            entry["text"] = m.text if m.text is not None else row.text[m.start:m.end]
            entry["candidates"] = list(m.candidates) if m.candidates is not None else ([m.entity] if m.entity else [])
            out.append(entry)
        return sorted(out, key=lambda m: m["start"])

    def document_names(self) -> dict[str, str]:
        """The stored documents' names by id, without their texts (which may be megabytes each)."""
        t = documents_table
        with self.engine.connect() as conn:
            return {r.id: r.name for r in conn.execute(sa.select(t.c.id, t.c.name))}

    def document_list(self) -> list[StoredDocument]:
        """The stored documents, oldest first, their texts left out (`text` is empty)."""
        t = documents_table
        columns = [t.c[n] for n in self._DOCUMENT_COLUMNS if n != "text"]
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*columns).order_by(t.c.ingested_at, self._ordered(t.c.name), t.c.key)).all()
        return [StoredDocument(**r._mapping, text="") for r in rows]

    def claims_version(self) -> tuple[int, int]:
        """(how many claims are stored, the highest claim id): changes whenever a document is stored or
        removed, so that what is computed from every claim can be kept until then."""
        c = claims_table
        with self.engine.connect() as conn:
            count, highest = conn.execute(sa.select(sa.func.count(), sa.func.max(c.c.id))).one()
        return int(count), int(highest or 0)

    def verdict_counts(self) -> dict[str, dict[str, int]]:
        """How many of each document's claims got each verdict, counted by the database."""
        c, d, v = claims_table, documents_table, verdicts_table
        query = (sa.select(d.c.id, v.c.verdict, sa.func.count()).select_from(c)
                 .join(d, d.c.key == c.c.doc).join(v, v.c.id == c.c.verdict).group_by(d.c.id, v.c.verdict))
        out: dict[str, dict[str, int]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                out.setdefault(row[0], {})[row[1]] = row[2]
        return out

    def claims(self, *, doc: str | None = None, evidence_fact: int | None = None,
               claim_ids: list[int] | None = None, limit: int | None = None) -> list[StoredClaim]:
        """Stored claims of a document, or those whose verdict cites a fact, in text order (the first
        `limit` of them)."""
        c, d, v = claims_table, documents_table, verdicts_table
        # A claim's text is its document's between its offsets (characters, in SQLite and PostgreSQL).
        text = sa.func.coalesce(c.c.text, sa.func.substr(d.c.text, c.c.start + 1, c.c.end - c.c.start))
        query = (sa.select(c, d.c.id.label("doc_id"), text.label("span_text"), v.c.verdict.label("verdict_kind"),
                           v.c.rule.label("verdict_rule"), v.c.reason, v.c.evidence)
                 .join(d, d.c.key == c.c.doc).join(v, v.c.id == c.c.verdict))
        if doc is not None:
            query = query.where(d.c.id == doc)
        if evidence_fact is not None:
            ev = verdict_evidence_table
            query = query.where(c.c.verdict.in_(sa.select(ev.c.verdict_id).where(ev.c.fact_id == evidence_fact)))
        if claim_ids is not None:
            query = query.where(c.c.id.in_(claim_ids))
        with self.engine.connect() as conn:
            query = query.order_by(self._ordered(d.c.id), c.c.start, c.c.id)
            rows = conn.execute(query if limit is None else query.limit(limit)).all()
        out = []
        for r in rows:
            fact = Fact(subject=r.subject, predicate=r.predicate, object=r.object, value=r.value,
                        start=Date.parse(r.fact_start) if r.fact_start else None,
                        end=Date.parse(r.fact_end) if r.fact_end else None,
                        qualifiers=tuple(tuple(q) for q in json.loads(r.qualifiers)) if r.qualifiers else (),
                        origin=Origin.EXTRACTED, rule=r.fact_rule if r.fact_rule is not None else r.rule)
            out.append(StoredClaim(r.id, r.doc_id, r.sentence, r.start, r.end, r.span_text, r.lang, r.rule, fact,
                                   Date.parse(r.at) if r.at else None, r.verdict_kind, r.verdict_rule, r.reason,
                                   tuple(int(i) for i in r.evidence.split())))
        return out

    def citing_claims(self, *, about: str) -> list[Citation]:
        """The stored claims whose verdict cites a curated or derived fact about an entity (its subject,
        object or a qualifier), each with the fact it cites and its document's name: one query,
        however many facts the entity has."""
        c, ev, v, d, f = claims_table, verdict_evidence_table, verdicts_table, documents_table, facts_table
        about_ids = sa.select(f.c.id).where(_about(about), f.c.origin != Origin.EXTRACTED.value)
        query = (sa.select(ev.c.fact_id, c.c.id, d.c.id, d.c.name, v.c.verdict)
                 .select_from(ev).join(v, v.c.id == ev.c.verdict_id).join(c, c.c.verdict == v.c.id)
                 .join(d, d.c.key == c.c.doc)
                 .where(ev.c.fact_id.in_(about_ids)).order_by(ev.c.fact_id, self._ordered(d.c.id), c.c.start, c.c.id))
        with self.engine.connect() as conn:
            return [Citation(*r) for r in conn.execute(query)]

    def _facts_by_id(self, conn: sa.Connection, ids: list[int]) -> list[Fact]:
        out = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = conn.execute(sa.select(facts_table).where(facts_table.c.id.in_(chunk))).all()
            sources = self._sources_for(conn, [r.id for r in rows])
            out.extend(_fact_from_row(r, sources.get(r.id, ())) for r in rows)
        return out

    def facts_by_id(self, ids: list[int]) -> list[Fact]:
        with self.engine.connect() as conn:
            return self._facts_by_id(conn, ids)

    # -- full-text search ------------------------------------------------------------------

    def index_document(self, doc_id: str, text: str, sentences: list[tuple[int, int, str]],
                       mentions: list[tuple[int, str | None]] = ()) -> int:
        """Put a stored document's sentences in the full-text index (again, if they were), in its own
        transaction; returns the number of sentences indexed. `write_document` indexes what it stores
        in its own transaction already: this is for documents stored otherwise. `mentions`: (sentence,
        entity) pairs, for the entity filter."""
        with self.engine.begin() as conn:
            return _index_sentences(conn, doc_id, text, sentences, mentions)

    def index_missing_documents(self) -> int:
        """Index the stored documents the full-text index lacks (those stored before it existed, or by
        a writer that skipped it); returns how many were indexed."""
        with self.engine.connect() as conn:
            missing = list(conn.execute(sa.text(
                "SELECT id, text FROM documents WHERE id NOT IN (SELECT DISTINCT doc FROM search_index)")))
        for doc_id, text in missing:
            self.index_document(doc_id, text, self.sentences(doc_id),
                                [(m["sentence"], m["entity"]) for m in self.mentions(doc_id)])
        return len(missing)

    def search_passages(self, groups: list[tuple[str, ...]], *, entity: str | None = None,
                        verdict: str | None = None, limit: int = 50) -> list[Passage]:
        """The indexed sentences that hold, for each group of terms, one of its terms (all of them
        when `groups` is empty), best first; `entity`: only sentences that mention it, `verdict`: only
        sentences with a claim of that verdict."""
        sql, params = passage_query(self.engine.dialect.name, groups, entity=entity, verdict=verdict, limit=limit)
        with self.engine.connect() as conn:
            rows = conn.execute(sa.text(sql), params).all()
        return [Passage(r.doc, int(r.sentence), int(r.start), int(r.end), r.lang or None, float(r.rank)) for r in rows]

    def replace_verdict(self, claim_id: int, verdict) -> None:
        evidence = tuple(f.id for f in verdict.evidence if f.id is not None)
        row = ClaimRow(0, 0, 0, None, "", "", "", "", None, None, None, None, None, None, None,
                       verdict.kind.value, verdict.rule, verdict.reason, evidence)
        with self.engine.begin() as conn:
            ids = _verdict_ids(conn, [row])
            conn.execute(claims_table.update().where(claims_table.c.id == claim_id).values(
                verdict=ids[_verdict_key(row.verdict, row.verdict_rule, row.reason, row.evidence)]))


def _index_sentences(conn: sa.Connection, doc_id: str, text: str, sentences: list[tuple[int, int, str]],
                     mentions: list[tuple[int, str | None]] = (), *, replace: bool = True) -> int:
    """Replace a document's rows of the full-text index by its sentences' terms (see `yntymaq.text.terms`),
    and its sentences' entities (`mentions`: sentence and entity pairs) by these."""
    from yntymaq.text.terms import text_terms

    rows = []
    for i, (start, end, lang) in enumerate(sentences):
        words = text_terms(text, start, end, lang=lang or None)
        if words:
            rows.append({"doc": doc_id, "sentence": i, "start": start, "end": end, "lang": lang or "",
                         "terms": " ".join(t for w in words for t in w.terms)})
    if replace:  # (a document just stored has no rows; FTS5 finds a document's rows only by reading them all)
        conn.execute(sa.text("DELETE FROM search_index WHERE doc = :doc"), {"doc": doc_id})
        conn.execute(sa.text("DELETE FROM search_entities WHERE doc = :doc"), {"doc": doc_id})
    if rows:
        conn.execute(sa.text('INSERT INTO search_index (doc, sentence, start, "end", lang, terms) '
                             'VALUES (:doc, :sentence, :start, :end, :lang, :terms)'), rows)
    named = sorted({(sentence, entity) for sentence, entity in mentions if entity})
    if named:
        conn.execute(sa.text("INSERT INTO search_entities (doc, sentence, entity) VALUES (:doc, :sentence, :entity)"),
                     [{"doc": doc_id, "sentence": i, "entity": e} for i, e in named])
    return len(rows)


def passage_query(dialect: str, groups: list[tuple[str, ...]], *, entity: str | None = None,
                  verdict: str | None = None, limit: int = 50) -> tuple[str, dict]:
    """The SQL of `Store.search_passages` and its parameters: FTS5's MATCH and bm25 on SQLite, a
    `tsquery` and ts_rank elsewhere (PostgreSQL). Terms hold only word characters (see
    `yntymaq.text.terms.fold_term`), so they need no escaping inside either query language."""
    params: dict = {"limit": limit}
    where = []
    postgres = dialect != "sqlite"
    if groups:
        if postgres:
            params["q"] = " & ".join("(" + " | ".join(g) + ")" for g in groups)
            where.append("tsv @@ to_tsquery('simple', :q)")
            rank = "-ts_rank(tsv, to_tsquery('simple', :q))"
        else:
            params["q"] = " AND ".join("(" + " OR ".join(f'"{t}"' for t in g) + ")" for g in groups)
            where.append("search_index MATCH :q")
            rank = "bm25(search_index)"
    else:
        rank = "0"
    if entity is not None:
        params["entity"] = entity
        where.append("EXISTS (SELECT 1 FROM search_entities m WHERE m.doc = search_index.doc "
                     "AND m.sentence = search_index.sentence AND m.entity = :entity)")
    if verdict is not None:
        params["verdict"] = verdict
        where.append("EXISTS (SELECT 1 FROM claims c JOIN documents d ON d.key = c.doc "
                     "JOIN verdicts v ON v.id = c.verdict WHERE d.id = search_index.doc "
                     "AND c.sentence = search_index.sentence AND v.verdict = :verdict)")
    sql = (f'SELECT doc, sentence, start, "end", lang, {rank} AS rank FROM search_index'
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY rank, doc, sentence LIMIT :limit")
    return sql, params


def _about(ident: str):
    """Facts about an entity: its subject, its object, or named in a qualifier (a meeting, a joint body)."""
    t = facts_table
    return sa.or_(t.c.subject == ident, t.c.object == ident, t.c.qualifiers.contains(f'"{ident}"'))


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str | None) -> str | None:
    """`text` with each NUL and lone surrogate replaced by U+FFFD: PostgreSQL's text holds no NUL and
    neither backend can encode a lone surrogate. One character for one, so every offset stays exact."""
    return _UNSTORABLE.sub("\ufffd", text) if text else text


def _id_exists(conn: sa.Connection, fact_id: int) -> bool:
    return conn.execute(sa.select(facts_table.c.id).where(facts_table.c.id == fact_id)).first() is not None


def stable_fact_id(f: Fact) -> int:
    """A positive 62-bit id from what the fact says and where it comes from."""
    # A reference is named by its id and locator, a span of a document by where it stands.
    sources = sorted(s.id + "#" + s.locator if isinstance(s, Reference) else f"{s.doc}:{s.start}:{s.end}"
                     for s in f.sources)
    key = json.dumps([f.subject, f.predicate, f.object, f.value, str(f.start), str(f.end), list(f.qualifiers),
                      f.origin.value, f.rule, sources], ensure_ascii=False)
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") >> 2 or 1


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: str
    name: str
    path: str
    encoding: str
    language: str
    size: int
    text: str
    ingested_at: float


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of a stored document found by a full-text search: `start`/`end` its offsets in the
    document's text, `lang` its language, `rank` lower is better."""

    doc: str
    sentence: int
    start: int
    end: int
    lang: str | None
    rank: float


@dataclass(frozen=True, slots=True)
class StoredClaim:
    id: int
    doc: str
    sentence: int
    start: int
    end: int
    text: str
    lang: str
    rule: str
    fact: Fact
    at: Date | None
    verdict: str
    verdict_rule: str
    reason: str
    evidence: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Citation:
    """A stored claim whose verdict cites a knowledge-base fact."""

    fact_id: int
    claim_id: int
    doc: str
    doc_name: str
    verdict: str


class MentionRow(NamedTuple):
    """A mention as a document's row packs it: `text` and `candidates` are None where they are the
    document's text between the offsets and the linked entity alone."""

    sentence: int
    start: int
    end: int
    entity: str | None
    score: float
    rule: str
    text: str | None = None
    candidates: tuple[str, ...] | None = None


_CLAIM_COLUMNS = ("sentence", "start", "end", "text", "lang", "rule", "subject", "predicate", "object", "value",
                  "fact_start", "fact_end", "qualifiers", "fact_rule", "at")
"""The fields of a `ClaimRow` that are columns of `claims` (the verdict's are in `verdicts`)."""
_TEXT_COLUMNS = frozenset({"text", "value"})  # those that quote the text (see `storable`)


class ClaimRow(NamedTuple):
    """A claim with its extracted fact and its verdict, as the `claims` table keeps it (dates as strings
    of their precision, qualifiers as JSON, `evidence` the ids of the KB facts that decided it)."""

    sentence: int
    start: int
    end: int
    text: str | None  # None: the document's text from start to end
    lang: str
    rule: str
    subject: str
    predicate: str
    object: str | None
    value: str | None
    fact_start: str | None
    fact_end: str | None
    qualifiers: str | None
    fact_rule: str | None  # None: the claim's rule
    at: str | None
    verdict: str
    verdict_rule: str
    reason: str
    evidence: tuple[int, ...]


@dataclass(slots=True)
class DocumentRecord:
    """One analysed document, ready to store: plain values only, so that it pickles small and fast
    between processes or machines. `Store.write_records` writes a batch of them."""

    id: str  # sha256 of the bytes
    name: str
    path: str
    encoding: str
    language: str
    size: int
    text: str
    sentences: list[tuple[int, int, str]]
    mentions: list[MentionRow]
    claims: list[ClaimRow]

    @classmethod
    def build(cls, doc_id: str, *, name: str, path: str, encoding: str | None, language: str, size: int,
              text: str, sentences: list, mentions: list, claims: list) -> "DocumentRecord":
        """A record from the pipeline's output: `Mention`s, and `(Claim, Verdict)` pairs."""
        packed_mentions = []
        for m in mentions:
            candidates = tuple(m.candidates)
            packed_mentions.append(MentionRow(
                m.sentence, m.start, m.end, m.entity, m.score, m.rule,
                None if text[m.start:m.end] == m.text else m.text,
                None if candidates == ((m.entity,) if m.entity else ()) else candidates))
        rows = []
        for claim, verdict in claims:
            f, span = claim.fact, claim.span
            rows.append(ClaimRow(
                span.sentence, span.start, span.end, None if text[span.start:span.end] == span.text else span.text,
                claim.lang, claim.rule, f.subject, f.predicate, f.object, f.value,
                str(f.start) if f.start else None, str(f.end) if f.end else None,
                json.dumps([list(q) for q in f.qualifiers], ensure_ascii=False) if f.qualifiers else None,
                None if f.rule == claim.rule else f.rule, str(claim.at) if claim.at else None,
                verdict.kind.value, verdict.rule, verdict.reason,
                tuple(e.id for e in verdict.evidence if e.id is not None)))
        return cls(doc_id, name, path, encoding or "", language, size, text,
                   [(a, b, lang) for a, b, lang in sentences], packed_mentions, rows)


def _compact(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _verdict_key(verdict: str, rule: str, reason: str, evidence: tuple[int, ...]) -> str:
    return _compact([verdict, rule, reason, list(evidence)])


def _verdict_ids(conn: sa.Connection, rows: list) -> dict[str, int]:
    """The id of each distinct verdict among `rows` (ClaimRow), stored now if it is new."""
    v = verdicts_table
    wanted = {_verdict_key(k.verdict, k.verdict_rule, k.reason, k.evidence): k for k in rows}
    found: dict[str, int] = {}
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        found.update(conn.execute(sa.select(v.c.key, v.c.id).where(v.c.key.in_(keys[start:start + 500]))).all())
    new = [key for key in keys if key not in found]
    if new:
        conn.execute(_insert_ignoring(conn, v, ["key"]), [
            {"key": key, "verdict": wanted[key].verdict, "rule": wanted[key].verdict_rule,
             "reason": storable(wanted[key].reason), "evidence": " ".join(map(str, wanted[key].evidence))} for key in new])
        for start in range(0, len(new), 500):
            found.update(conn.execute(sa.select(v.c.key, v.c.id).where(v.c.key.in_(new[start:start + 500]))).all())
        pairs = {(f, found[key]) for key in new for f in wanted[key].evidence}
        if pairs:
            conn.execute(_insert_ignoring(conn, verdict_evidence_table, ["fact_id", "verdict_id"]),
                         [{"fact_id": f, "verdict_id": i} for f, i in pairs])
    return found


def _pack_sentences(sentences: list[tuple[int, int, str]], language: str) -> str:
    """A flat list: per sentence its gap after the one before and its length, then its language where
    it is not the document's (`[0, 8, 1, 28, "ru", ...]`)."""
    out: list = []
    end = 0
    for a, b, lang in sentences:
        out += [a - end, b - a]
        if lang != language:
            out.append(lang)
        end = b
    return _compact(out)


def _unpack_sentences(packed: str, language: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    end, items = 0, json.loads(packed)
    i = 0
    while i < len(items):
        start = end + items[i]
        end = start + items[i + 1]
        i += 2
        lang = language
        if i < len(items) and isinstance(items[i], str):
            lang, i = items[i], i + 1
        out.append((start, end, lang))
    return out


_MENTION_DEFAULTS = (1.0, None, None, None)  # score, text, candidates, sentence: left off a packed mention's end


def _pack_mentions(mentions: list[MentionRow], sentences: list[tuple[int, int, str]]) -> str:
    """`[rules, [[gap, length, entity, rule's index, score, text, candidates, sentence], ...]]` in text
    order: the gap after the mention before, and no trailing field that has its default (see
    `MentionRow`; the sentence is the one the mention starts in unless given)."""
    rules: dict[str, int] = {}
    rows = []
    end = 0
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        tail = [m.score, m.text, list(m.candidates) if m.candidates is not None else None,
                None if m.sentence == _sentence_at(sentences, m.start) else m.sentence]
        while tail and tail[-1] == _MENTION_DEFAULTS[len(tail) - 1]:
            tail.pop()
        rows.append([m.start - end, m.end - m.start, m.entity, rules.setdefault(m.rule, len(rules)), *tail])
        end = m.end
    return _compact([list(rules), rows]) if rows else "[]"


def _sentence_at(sentences: list[tuple[int, int, str]], offset: int) -> int:
    """The index of the last sentence that starts at or before `offset` (0 before the first)."""
    return max(bisect.bisect_right([a for a, _, _ in sentences], offset) - 1, 0)


def _unpack_mentions(packed: str, sentences: list[tuple[int, int, str]]) -> list[MentionRow]:
    data = json.loads(packed)
    if not data:
        return []
    rules, rows = data
    out = []
    end = 0
    for row in rows:
        gap, length, entity, rule, *tail = row
        score, text, candidates, sentence = [*tail, *_MENTION_DEFAULTS[len(tail):]]
        start = end + gap
        end = start + length
        out.append(MentionRow(_sentence_at(sentences, start) if sentence is None else sentence, start, end, entity,
                              score, rules[rule], text, tuple(candidates) if candidates is not None else None))
    return out


def _insert_ignoring(conn: sa.Connection, table: sa.Table, keys: list[str]):
    """An INSERT that does nothing on a conflict of `keys` (SQLite and PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - the two databases the store supports
        raise YntymaqError(f"storing documents needs SQLite or PostgreSQL, not {conn.dialect.name}")
    return insert(table).on_conflict_do_nothing(index_elements=keys)


def _compact_documents(conn: sa.Connection) -> None:
    """0003: the documents of 0002 into the compact tables (same document ids and claim ids), and the
    extracted facts out of `facts` into their claims' rows."""
    names = ("claim_evidence", "claims", "mentions", "sentences", "documents")
    for name in names:
        conn.execute(sa.text(f"ALTER TABLE {name} RENAME TO {name}_v2"))
    aside = sa.MetaData()
    renamed = {name: sa.Table(f"{name}_v2", aside, autoload_with=conn) for name in names}
    metadata.create_all(conn, tables=_DOCUMENT_TABLES)
    r = renamed
    texts, languages = {}, {}
    for row in conn.execute(sa.select(r["documents"].c.id, r["documents"].c.text, r["documents"].c.language)):
        texts[row.id], languages[row.id] = row.text, row.language
    sentences: dict[str, list] = {}
    for row in conn.execute(sa.select(r["sentences"]).order_by(r["sentences"].c.doc, r["sentences"].c.idx)):
        sentences.setdefault(row.doc, []).append((row.start, row.end, row.language))
    mentions: dict[str, list] = {}
    for m in conn.execute(sa.select(r["mentions"]).order_by(r["mentions"].c.doc, r["mentions"].c.start)):
        text, candidates = texts.get(m.doc, ""), tuple(json.loads(m.candidates))
        mentions.setdefault(m.doc, []).append(MentionRow(
            m.sentence, m.start, m.end, m.entity, m.score, m.rule, None if text[m.start:m.end] == m.text else m.text,
            None if candidates == ((m.entity,) if m.entity else ()) else candidates))
    keys = {}
    for row in conn.execute(sa.select(r["documents"]).order_by(r["documents"].c.ingested_at, r["documents"].c.id)):
        keys[row.id] = conn.execute(documents_table.insert().values(
            id=row.id, name=row.name, path=row.path, encoding=row.encoding or "", language=row.language,
            size=row.size, text=row.text, ingested_at=row.ingested_at,
            sentences=_pack_sentences(sentences.get(row.id, []), row.language),
            mentions=_pack_mentions(mentions.get(row.id, []), sentences.get(row.id, [])))).inserted_primary_key[0]
    evidence: dict[int, list[int]] = {}
    for e in conn.execute(sa.select(r["claim_evidence"])):
        evidence.setdefault(e.claim_id, []).append(e.fact_id)
    f = facts_table
    facts = {row.id: row for row in conn.execute(sa.select(f).where(f.c.origin == Origin.EXTRACTED.value))}
    claims = []
    for row in conn.execute(sa.select(r["claims"]).order_by(r["claims"].c.id)):
        fact, text = facts.get(row.fact_id), texts.get(row.doc, "")
        if fact is None or row.doc not in keys:
            continue
        claims.append((row.id, keys[row.doc], ClaimRow(
            row.sentence, row.start, row.end, None if text[row.start:row.end] == row.text else row.text,
            row.lang, row.rule, fact.subject, fact.predicate, fact.object, fact.value, fact.start, fact.end,
            fact.qualifiers if json.loads(fact.qualifiers or "[]") else None,
            None if fact.rule == row.rule else fact.rule, row.at, row.verdict, row.verdict_rule, row.reason,
            tuple(evidence.get(row.id, ())))))
    if claims:
        verdicts = _verdict_ids(conn, [k for _, _, k in claims])
        conn.execute(claims_table.insert(), [
            {"id": claim_id, "doc": doc, **{name: getattr(k, name) for name in _CLAIM_COLUMNS},
             "verdict": verdicts[_verdict_key(k.verdict, k.verdict_rule, k.reason, k.evidence)]}
            for claim_id, doc, k in claims])
    for name in names:
        conn.execute(sa.text(f"DROP TABLE {name}_v2"))
    extracted = sa.select(f.c.id).where(f.c.origin == Origin.EXTRACTED.value)
    conn.execute(fact_sources_table.delete().where(fact_sources_table.c.fact_id.in_(extracted)))
    conn.execute(f.delete().where(f.c.origin == Origin.EXTRACTED.value))


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # WAL with synchronous=NORMAL: a commit is safe from a killed process (it is in the log before
    # the commit returns) and costs no fsync; only a power cut may lose the last commits.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _fact_row(f: Fact, note: str) -> dict:
    return {
        "subject": f.subject, "predicate": f.predicate, "object": f.object, "value": storable(f.value),
        "start": str(f.start) if f.start else None,
        "start_lo": _day(f.start.earliest) if f.start else None,
        "start_hi": _day(f.start.latest) if f.start else None,
        "end": str(f.end) if f.end else None,
        "end_lo": _day(f.end.earliest) if f.end else None,
        "end_hi": _day(f.end.latest) if f.end else None,
        "qualifiers": json.dumps([list(q) for q in f.qualifiers], ensure_ascii=False),
        "origin": f.origin.value, "rule": f.rule, "location": f.where, "note": note,
    }


def _fact_from_row(r, sources: tuple[Reference, ...]) -> Fact:
    return Fact(
        subject=r.subject, predicate=r.predicate, object=r.object, value=r.value,
        start=Date.parse(r.start) if r.start else None, end=Date.parse(r.end) if r.end else None,
        qualifiers=tuple(tuple(q) for q in json.loads(r.qualifiers)), sources=sources,
        origin=Origin(r.origin), rule=r.rule, where=r.location, id=r.id,
    )
