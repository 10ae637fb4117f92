"""The one storage layer: every database access of yntymaq goes through `Store`.

SQLite by default (a file), PostgreSQL by URL. The schema grows by named migrations recorded in the
`migrations` table. Writing the curated dataset is one transaction: a failure leaves the previous
knowledge base as it was. SQLite runs in WAL mode so that serving reads never wait for a write.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

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

documents_table = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String, primary_key=True),  # sha256 of the file's bytes: ingesting is idempotent
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("path", sa.Text, nullable=False, default=""),
    sa.Column("encoding", sa.String, nullable=False, default=""),
    sa.Column("language", sa.String, nullable=False, default=""),
    sa.Column("size", sa.Integer, nullable=False, default=0),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.Float, nullable=False),
)
sentences_table = sa.Table(
    "sentences", metadata,
    sa.Column("doc", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("language", sa.String, nullable=False, default=""),
)
mentions_table = sa.Table(
    "mentions", metadata,
    sa.Column("doc", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("entity", sa.String, index=True),
    sa.Column("candidates", sa.Text, nullable=False, default="[]"),
    sa.Column("score", sa.Float, nullable=False, default=1.0),
    sa.Column("rule", sa.String, nullable=False, default=""),
)
claims_table = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("lang", sa.String, nullable=False),
    sa.Column("rule", sa.String, nullable=False),
    sa.Column("fact_id", sa.BigInteger, nullable=False, index=True),  # the extracted fact, in facts
    sa.Column("at", sa.String),
    sa.Column("verdict", sa.String, nullable=False),
    sa.Column("verdict_rule", sa.String, nullable=False, default=""),
    sa.Column("reason", sa.Text, nullable=False, default=""),
)
claim_evidence_table = sa.Table(
    "claim_evidence", metadata,
    sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("fact_id", sa.BigInteger, nullable=False, index=True),
)

_INITIAL = [migrations_table, meta_table, sources_table, entities_table, names_table, facts_table, fact_sources_table]


def _create(tables: list[sa.Table]) -> Callable[[sa.Connection], None]:
    def apply(conn: sa.Connection) -> None:
        metadata.create_all(conn, tables=tables)
    return apply


MIGRATIONS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    ("0001_knowledge_base", _create(_INITIAL)),
    ("0002_documents", _create([documents_table, sentences_table, mentions_table, claims_table, claim_evidence_table])),
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
        try:
            self.migrate()
        except sa.exc.OperationalError as err:
            raise YntymaqError(f"cannot open the database {target!r}: {err.orig}") from None

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
            return [r.name for r in conn.execute(sa.select(migrations_table.c.name).order_by(migrations_table.c.name))]

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

    def is_built(self) -> bool:
        return self.meta("dataset_digest") is not None

    def entities(self, *, type: EntityType | None = None) -> list[Entity]:
        query = sa.select(entities_table)
        if type is not None:
            query = query.where(entities_table.c.type == type.value)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(entities_table.c.id)).all()
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
            query = query.where(sa.or_(t.c.subject == about, t.c.object == about, t.c.qualifiers.contains(f'"{about}"')))
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
                    for r in conn.execute(sa.select(sources_table).order_by(sources_table.c.id))]

    def count_facts(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(facts_table)).scalar()

    # -- documents -------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(documents_table.c.id).where(documents_table.c.id == doc_id)).first() is not None

    def write_document(self, doc: StoredDocument, sentences: list[tuple[int, int, str]], mentions: list,
                       claims: list) -> int:
        """Store a document with its sentences, mentions, claims and verdicts in one transaction.

        `claims` pairs each `Claim` with its `Verdict`; each claim's fact is stored as an extracted
        fact beside the curated ones. Returns the number of claims stored."""
        with self.engine.begin() as conn:
            conn.execute(documents_table.insert().values(
                id=doc.id, name=doc.name, path=doc.path, encoding=doc.encoding, language=doc.language,
                size=doc.size, text=doc.text, ingested_at=doc.ingested_at))
            if sentences:
                conn.execute(sentences_table.insert(), [
                    {"doc": doc.id, "idx": i, "start": a, "end": b, "language": lang}
                    for i, (a, b, lang) in enumerate(sentences)])
            if mentions:
                conn.execute(mentions_table.insert(), [
                    {"doc": doc.id, "sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text,
                     "entity": m.entity, "candidates": json.dumps(list(m.candidates), ensure_ascii=False),
                     "score": m.score, "rule": m.rule} for m in mentions])
            fact_ids = self._insert_facts(conn, [c.fact for c, _ in claims], {})
            for (claim, verdict), fact_id in zip(claims, fact_ids):
                claim_id = conn.execute(claims_table.insert().values(
                    doc=doc.id, sentence=claim.span.sentence, start=claim.span.start, end=claim.span.end,
                    text=claim.span.text, lang=claim.lang, rule=claim.rule, fact_id=fact_id,
                    at=str(claim.at) if claim.at else None, verdict=verdict.kind.value,
                    verdict_rule=verdict.rule, reason=verdict.reason)).inserted_primary_key[0]
                evidence = [{"claim_id": claim_id, "fact_id": f.id} for f in verdict.evidence if f.id is not None]
                if evidence:
                    conn.execute(claim_evidence_table.insert(), evidence)
        return len(claims)

    def documents(self) -> list[StoredDocument]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(documents_table).order_by(documents_table.c.ingested_at, documents_table.c.name)).all()
        return [StoredDocument(**r._mapping) for r in rows]

    def document(self, doc_id: str) -> StoredDocument | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(documents_table).where(documents_table.c.id == doc_id)).first()
        return StoredDocument(**row._mapping) if row else None

    def sentences(self, doc_id: str) -> list[tuple[int, int, str]]:
        t = sentences_table
        with self.engine.connect() as conn:
            return [(r.start, r.end, r.language) for r in
                    conn.execute(sa.select(t).where(t.c.doc == doc_id).order_by(t.c.idx))]

    def mentions(self, doc_id: str) -> list[dict]:
        t = mentions_table
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t).where(t.c.doc == doc_id).order_by(t.c.start)).all()
        return [{**r._mapping, "candidates": json.loads(r.candidates)} for r in rows]

    def document_names(self) -> dict[str, str]:
        """The stored documents' names by id, without their texts (which may be megabytes each)."""
        t = documents_table
        with self.engine.connect() as conn:
            return {r.id: r.name for r in conn.execute(sa.select(t.c.id, t.c.name))}

    def document_list(self) -> list[StoredDocument]:
        """The stored documents, oldest first, their texts left out (`text` is empty)."""
        t = documents_table
        columns = [c for c in t.c if c.name != "text"]
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*columns).order_by(t.c.ingested_at, t.c.name)).all()
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
        c = claims_table
        out: dict[str, dict[str, int]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(c.c.doc, c.c.verdict, sa.func.count()).group_by(c.c.doc, c.c.verdict)):
                out.setdefault(row[0], {})[row[1]] = row[2]
        return out

    def claims(self, *, doc: str | None = None, evidence_fact: int | None = None,
               claim_ids: list[int] | None = None, limit: int | None = None) -> list[StoredClaim]:
        """Stored claims of a document, or those whose verdict cites a fact, in text order (the first
        `limit` of them)."""
        c, ev = claims_table, claim_evidence_table
        query = sa.select(c)
        if doc is not None:
            query = query.where(c.c.doc == doc)
        if evidence_fact is not None:
            query = query.where(c.c.id.in_(sa.select(ev.c.claim_id).where(ev.c.fact_id == evidence_fact)))
        if claim_ids is not None:
            query = query.where(c.c.id.in_(claim_ids))
        with self.engine.connect() as conn:
            query = query.order_by(c.c.doc, c.c.start, c.c.id)
            rows = conn.execute(query if limit is None else query.limit(limit)).all()
            evidence: dict[int, list[int]] = {}
            ids = [r.id for r in rows]
            for start in range(0, len(ids), 500):
                for e in conn.execute(sa.select(ev).where(ev.c.claim_id.in_(ids[start:start + 500]))):
                    evidence.setdefault(e.claim_id, []).append(e.fact_id)
            facts = {f.id: f for f in self._facts_by_id(conn, [r.fact_id for r in rows])}
        return [StoredClaim(r.id, r.doc, r.sentence, r.start, r.end, r.text, r.lang, r.rule, facts[r.fact_id],
                            Date.parse(r.at) if r.at else None, r.verdict, r.verdict_rule, r.reason,
                            tuple(evidence.get(r.id, ()))) for r in rows]

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

    def replace_verdict(self, claim_id: int, verdict) -> None:
        with self.engine.begin() as conn:
            conn.execute(claims_table.update().where(claims_table.c.id == claim_id).values(
                verdict=verdict.kind.value, verdict_rule=verdict.rule, reason=verdict.reason))
            conn.execute(claim_evidence_table.delete().where(claim_evidence_table.c.claim_id == claim_id))
            evidence = [{"claim_id": claim_id, "fact_id": f.id} for f in verdict.evidence if f.id is not None]
            if evidence:
                conn.execute(claim_evidence_table.insert(), evidence)


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


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _fact_row(f: Fact, note: str) -> dict:
    return {
        "subject": f.subject, "predicate": f.predicate, "object": f.object, "value": f.value,
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
