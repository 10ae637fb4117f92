"""From files to stored, checked claims: file → text → mentions → claims → verdicts → store.

`process_text` is a pure function of one document and the knowledge base (nothing is written), so that a
corpus can be run on any engine; `ingest_paths` stores each document in its own transaction,
idempotently by the hash of its bytes, so a bad file or a crash loses nothing else and a re-run resumes.
"""

from __future__ import annotations

import glob
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yntymaq.check import check_claim
from yntymaq.errors import BadInput, YntymaqError
from yntymaq.kb.query import KB
from yntymaq.kb.store import StoredDocument
from yntymaq.vocab import Claim, Date, Mention, Verdict


@dataclass
class Processed:
    """One document read and checked: its sentences, mentions, and claims with their verdicts."""

    doc_id: str
    text: str
    language: str
    encoding: str
    sentences: list[tuple[int, int, str]]
    mentions: list[Mention]
    claims: list[tuple[Claim, Verdict]]


def document_id(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def process_text(text: str, kb: KB, *, doc_id: str | None = None, lang: str | None = None,
                 encoding: str = "utf-8", linker: str = "full", doc_time: Date | None = None) -> Processed:
    """Extract the claims of one text and check each against the knowledge base; `doc_time` is the
    time the text was written, when the user knows it better than its dateline."""
    from yntymaq.extract import extract

    doc_id = doc_id or document_id(text.encode("utf-8"))
    extraction = extract(text, kb, lang=lang, doc=doc_id, linker=linker, doc_time=doc_time)
    claims = [(claim, check_claim(claim, kb)) for claim in extraction.claims]
    return Processed(doc_id, text, extraction.language, encoding, extraction.sentences, extraction.mentions, claims)


def process_file(path: Path, kb: KB, *, linker: str = "full") -> Processed:
    from yntymaq.text.read import read_file_and_bytes

    raw, document = read_file_and_bytes(path)
    return _process_read(raw, document, kb, linker)


def process_bytes(raw: bytes, kb: KB, *, name: str, suffix: str = "", linker: str = "full") -> Processed:
    """`process_file` for a file already read (`name` for messages, `suffix` to recognise HTML)."""
    from yntymaq.text.read import read_bytes

    return _process_read(raw, read_bytes(raw, name=name, suffix=suffix), kb, linker)


def _process_read(raw: bytes, document, kb: KB, linker: str) -> Processed:
    return process_text(document.text, kb, doc_id=document_id(raw), encoding=document.encoding, linker=linker)


def expand_paths(paths: Iterable[str]) -> Iterator[Path]:
    """Files named, the files under folders named (recursively, sorted), and the files globs match."""
    for given in paths:
        matched = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
        if not matched:
            raise BadInput(f"{given}: no file matches this pattern")
        for item in matched:
            path = Path(item)
            if path.is_dir():
                for root, dirs, files in os.walk(path):
                    dirs.sort()
                    for name in sorted(files):
                        if not name.startswith("."):
                            yield Path(root) / name
            elif path.exists():
                yield path
            else:
                raise BadInput(f"{given}: no such file or folder")


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already ingested: same bytes
    failed: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    seconds: float = 0.0


def ingest_paths(paths: Iterable[str], kb: KB, *, progress: Callable[[Path], None] | None = None) -> IngestReport:
    """Ingest every file the paths name; each document is one transaction."""
    report = IngestReport()
    began = time.perf_counter()
    files = list(expand_paths(paths))
    for path in files:
        if progress:
            progress(path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            report.failed.append((str(path), f"cannot read: {err.strerror}"))
            continue
        doc_id = document_id(raw)
        if kb.store.has_document(doc_id):
            report.skipped.append(str(path))
            continue
        try:
            processed = process_bytes(raw, kb, name=str(path), suffix=path.suffix)  # read once, above
            report.claims += store_processed(kb, processed, name=path.name, path=str(path), size=len(raw))
        except YntymaqError as err:
            report.failed.append((str(path), str(err)))
            continue
        report.added.append(str(path))
    report.seconds = time.perf_counter() - began
    return report


def store_processed(kb: KB, processed: Processed, *, name: str, path: str = "", size: int | None = None) -> int:
    doc = StoredDocument(processed.doc_id, name, path, processed.encoding, processed.language,
                         size if size is not None else len(processed.text.encode("utf-8")), processed.text, time.time())
    return kb.store.write_document(doc, processed.sentences, processed.mentions, processed.claims)


def ingest_text(text: str, kb: KB, *, name: str) -> str:
    """Ingest a pasted text (idempotent by its content); returns its document id."""
    processed = process_text(text, kb)
    if not kb.store.has_document(processed.doc_id):
        store_processed(kb, processed, name=name)
    return processed.doc_id


def recheck(kb: KB) -> int:
    """Check every stored claim again (after the curated knowledge changed); returns how many changed."""
    from yntymaq.vocab import Span

    changed = 0
    for stored in kb.store.claims():
        claim = Claim(stored.fact, Span(stored.doc, stored.sentence, stored.start, stored.end, stored.text),
                      stored.rule, stored.lang, stored.at)
        verdict = check_claim(claim, kb)
        if (verdict.kind.value, tuple(f.id for f in verdict.evidence)) != (stored.verdict, stored.evidence):
            kb.store.replace_verdict(stored.id, verdict)
            changed += 1
    return changed


def ingest_bytes(raw: bytes, kb: KB, *, name: str, lang: str | None = None) -> tuple[str, bool]:
    """Ingest the bytes of an uploaded file or of standard input, read as `process_file` reads a file;
    returns the document id and whether it was added (False: the same bytes were already there)."""
    from yntymaq.text.read import read_bytes

    doc_id = document_id(raw)
    if kb.store.has_document(doc_id):
        return doc_id, False
    document = read_bytes(raw, name=name, suffix=Path(name).suffix)
    processed = process_text(document.text, kb, doc_id=doc_id, lang=lang, encoding=document.encoding or "")
    store_processed(kb, processed, name=name, size=len(raw))
    return doc_id, True


# -- where documents disagree ----------------------------------------------------------------------

DISAGREEING_PREDICATES: dict[str, tuple[str, ...]] = {
    "held_in": (), "hosted_by": (), "meeting_of": (), "founded": (), "headquartered_in": (),
    "member_of": ("status",), "term_of_office": (), "chaired_by": ("meeting",),
}
"""Predicates that admit one answer per subject (and per these qualifiers): two documents that give
different answers disagree. `member_of` is keyed by its object too; `chaired_by` is compared only per
meeting, since a body's chair changes with each session."""


@dataclass
class Disagreement:
    """Stored claims of two or more documents about one subject and predicate that cannot all be true."""

    subject: str
    predicate: str
    object: str | None  # the organisation of a membership; None for the other predicates
    qualifiers: tuple[tuple[str, str], ...]  # the qualifiers the claims share (status, meeting)
    differs: tuple[str, ...]  # what differs: object, value, start, end, place
    claims: list  # StoredClaim, in document order


def _differences(predicate: str, a, b) -> set[str]:
    """Where two extracted facts contradict each other; what only one of them says is no difference."""
    out = set()
    if predicate != "member_of" and a.object and b.object and a.object != b.object:
        out.add("object")
    if a.value and b.value and a.value.strip().casefold() != b.value.strip().casefold():
        out.add("value")
    for name in ("start", "end"):
        da, db = getattr(a, name), getattr(b, name)
        if da is not None and db is not None and not da.agrees_with(db):
            out.add(name)
    place_a, place_b = a.qualifier("place"), b.qualifier("place")
    if predicate == "founded" and place_a and place_b and place_a != place_b:
        out.add("place")
    return out


DISTINCT_FACTS = 200
"""Distinct facts of one group compared pairwise at most: a document that repeats one claim by the
thousand (or states a thousand different years) costs linear time, not quadratic."""


def _group_differences(predicate: str, claims: list) -> set[str]:
    """Where claims of one group from different documents contradict each other: the claims are first
    reduced to their distinct facts (with the documents that state each), which are compared pairwise."""
    distinct: dict[tuple, tuple[object, set[str]]] = {}
    for claim in claims:
        fact = claim.fact
        key = (fact.object, (fact.value or "").strip().casefold(), str(fact.start), str(fact.end),
               fact.qualifier("place"))
        entry = distinct.setdefault(key, (fact, set()))
        entry[1].add(claim.doc)
        if len(distinct) >= DISTINCT_FACTS:
            break
    facts = list(distinct.values())
    differs: set[str] = set()
    for i, (a, docs_a) in enumerate(facts):
        for b, docs_b in facts[i + 1:]:
            if docs_a | docs_b != docs_a or len(docs_a) > 1:  # some pair of them comes from two documents
                differs |= _differences(predicate, a, b)
    return differs


def disagreements(kb: KB, *, doc: str | None = None) -> list[Disagreement]:
    """Where stored documents contradict one another (with `doc`, only where that document takes part).

    Claims are grouped by subject, predicate and the predicate's key qualifiers; a group disagrees when
    two of its claims from different documents differ in object, value, dates or place."""
    groups: dict[tuple, list] = {}
    for claim in kb.store.claims():
        keys = DISAGREEING_PREDICATES.get(claim.fact.predicate)
        if keys is None or not claim.fact.subject:
            continue
        if claim.fact.predicate == "chaired_by" and not claim.fact.qualifier("meeting"):
            continue
        # A membership claim without a status speaks of full membership, as the check reads it.
        qualifiers = tuple((k, claim.fact.qualifier(k, "member" if k == "status" else "") or "") for k in keys)
        obj = claim.fact.object if claim.fact.predicate == "member_of" else None
        groups.setdefault((claim.fact.subject, claim.fact.predicate, obj, qualifiers), []).append(claim)
    found = []
    for (subject, predicate, obj, qualifiers), claims in sorted(groups.items(), key=lambda item: str(item[0])):
        if len({c.doc for c in claims}) < 2 or (doc is not None and doc not in {c.doc for c in claims}):
            continue
        differs = _group_differences(predicate, claims)
        if differs:
            found.append(Disagreement(subject, predicate, obj, qualifiers, tuple(sorted(differs)), claims))
    return found
