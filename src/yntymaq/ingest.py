"""From files to stored, checked claims: file → text → mentions → claims → verdicts → store.

Two parts, kept apart so that a corpus can run on any engine:

- `analyse_document(raw, kb, name=..., path=...)` is the whole per-document analysis, a pure function
  of a file's bytes and the knowledge base: it returns a `DocumentRecord` (plain values, picklable)
  and writes nothing. `process_text` is the same for a text already decoded.
- `Store.write_records(records)` is the writer: a batch of records in one transaction, each document
  once however many ingests run at the same time.

`ingest_paths` joins them on one machine: the files are walked (symlink loops and special files
skipped with a reason), each is read and hashed, a document already stored is skipped after one
lookup, the others are analysed on `jobs` processes, and the one writer (this process) commits them
in batches. A document is reported stored only once its batch is committed, so a crash loses nothing
reported, and a re-run resumes.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from yntymaq.check import check_claim
from yntymaq.errors import BadInput, YntymaqError
from yntymaq.kb.query import KB
from yntymaq.kb.store import DocumentRecord
from yntymaq.text.read import read_path_bytes
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
    return Processed(doc_id, text, extraction.language, encoding or "", extraction.sentences, extraction.mentions,
                     claims)


def process_file(path: Path, kb: KB, *, linker: str = "full") -> Processed:
    from yntymaq.text.read import read_file_and_bytes

    raw, document = read_file_and_bytes(path)
    return _process_read(raw, document, kb, linker)


def process_bytes(raw: bytes, kb: KB, *, name: str, suffix: str = "", linker: str = "full") -> Processed:
    """`process_file` for a file already read (`name` for messages, `suffix` to recognise HTML)."""
    from yntymaq.text.read import read_bytes

    return _process_read(raw, read_bytes(raw, name=name, suffix=suffix), kb, linker)


def _process_read(raw: bytes, document, kb: KB, linker: str) -> Processed:
    return process_text(document.text, kb, doc_id=document_id(raw), encoding=document.encoding or "", linker=linker)


def record_of(processed: Processed, *, name: str, path: str = "", size: int | None = None) -> DocumentRecord:
    """The record the store keeps of a processed document."""
    return DocumentRecord.build(
        processed.doc_id, name=name, path=path, encoding=processed.encoding, language=processed.language,
        size=size if size is not None else len(processed.text.encode("utf-8")), text=processed.text,
        sentences=processed.sentences, mentions=processed.mentions, claims=processed.claims)


def analyse_document(raw: bytes, kb: KB, *, name: str, path: str = "", lang: str | None = None) -> DocumentRecord:
    """The analysis of one document: the bytes of a file → the record to store. Writes nothing.

    A pure function of its arguments (the knowledge base is only read), so it can run in any process
    or on any machine that has the knowledge base: `raw` is the file's bytes (its sha256 is the
    document's id), `name` the name it is stored under, `path` where it was found (both also name the
    file in messages; its suffix tells HTML), `lang` forces the text's language (default: detected).
    Reads text in any common encoding, HTML, PDF and DOCX; detects the language; finds sentences,
    mentions and claims and checks each claim against `kb`. Raises `YntymaqError` (one line naming
    the file) for a file it cannot read. The `DocumentRecord` returned pickles small; hand a batch of
    them to `Store.write_records` (the writer), which stores each document once."""
    from yntymaq.text.read import read_bytes

    where = path or name
    document = read_bytes(raw, name=where, suffix=Path(where).suffix)
    processed = process_text(document.text, kb, doc_id=document_id(raw), lang=lang, encoding=document.encoding or "")
    return record_of(processed, name=name, path=path, size=len(raw))


# -- finding the files ------------------------------------------------------------------------------

_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def _not_a_file(path: str) -> str | None:
    """Why `path` is not a regular file to read (None when it is one); never opens it."""
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        if os.path.islink(path):
            return "a broken or looping symbolic link: skipped"
        return "no such file" if isinstance(err, FileNotFoundError) else f"cannot read: {err.strerror}"
    if stat.S_ISREG(mode):
        return None
    return f"{_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, not a file to read: skipped"


def _walk(folder: str, found: list[tuple[str, str | None]], seen: set[tuple[int, int]],
          depth: int | None = None) -> None:
    """The files under `folder`, sorted, following symbolic links but entering no folder twice (a link
    back up the tree is reported once, not followed for ever); hidden names are left out. `depth`:
    how many levels of folders below this one to enter (None: all)."""
    try:
        info = os.stat(folder)
    except OSError as err:
        found.append((folder, f"cannot read: {err.strerror}"))
        return
    if (info.st_dev, info.st_ino) in seen:
        found.append((folder, "a symbolic link back to a folder already read (a loop): skipped"))
        return
    seen.add((info.st_dev, info.st_ino))
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith("."))
    except OSError as err:
        found.append((folder, f"cannot read the folder: {err.strerror}"))
        return
    for name in names:
        path = os.path.join(folder, name)
        if os.path.isdir(path):  # follows a link
            if depth is None or depth > 0:
                _walk(path, found, seen, None if depth is None else depth - 1)
        else:
            found.append((path, _not_a_file(path)))


def _segment_regex(segment: str) -> str:
    out, i = [], 0
    while i < len(segment):
        c = segment[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and (close := segment.find("]", i + 2)) != -1:
            inner = segment[i + 1:close]
            out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner).replace("\\", "\\\\") + "]")
            i = close
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _glob_regex(pattern: str) -> re.Pattern:
    """A glob as a regular expression over a relative path: `**` any folders, `*`, `?`, `[...]` within one."""
    segments = pattern.split("/")
    out = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == "**":
            out.append(".*" if last else "(?:[^/]*/)*")
        else:
            out.append(_segment_regex(segment) + ("" if last else "/"))
    return re.compile("".join(out) + r"\Z", re.S)


def _glob(given: str) -> list[tuple[str, str | None]]:
    """The files a glob matches, walking from its fixed head with `_walk` (not `glob`, which follows a
    symlink loop until memory runs out)."""
    parts = given.split("/")
    fixed = next(i for i, part in enumerate(parts) if glob_magic(part))
    base = "/".join(parts[:fixed]) or ("/" if given.startswith("/") else ".")
    rest = "/".join(parts[fixed:])
    matcher = _glob_regex(rest)
    found: list[tuple[str, str | None]] = []
    _walk(base, found, set(), None if "**" in rest.split("/") else rest.count("/"))
    out = []
    for path, reason in found:
        relative = os.path.relpath(path, base)
        if matcher.match(relative):
            out.append((path if base != "." or given.startswith("./") else relative, reason))
    return out


def glob_magic(text: str) -> bool:
    return any(c in text for c in "*?[")


def walk_paths(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Each file the paths name, as (path, None), or (path, why it is skipped): files named, the files
    under folders named (recursively, sorted), and the files globs match (`**` for any folders)."""
    for given in paths:
        if glob_magic(given):
            matched = _glob(given)
            if not matched:
                yield given, "no file matches this pattern"
            yield from matched
        elif os.path.isdir(given):
            found: list[tuple[str, str | None]] = []
            _walk(given, found, set())
            yield from found
        elif os.path.lexists(given):
            yield given, _not_a_file(given)
        else:
            yield given, "no such file or folder"


def expand_paths(paths: Iterable[str]) -> Iterator[Path]:
    """The files `walk_paths` finds; a path or pattern that names nothing is a `BadInput`."""
    for path, reason in walk_paths(paths):
        if reason is None:
            yield Path(path)
        elif reason in ("no such file or folder", "no file matches this pattern"):
            raise BadInput(f"{path}: {reason}")


# -- ingesting ----------------------------------------------------------------------------------------

@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already ingested: same bytes
    failed: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    seconds: float = 0.0

    def settle(self, path: str, outcome: str, reason: str = "",
               told: Callable[[str, str], None] | None = None) -> None:
        """Record a file's fate (`added`, `skipped` or `failed` with its reason) and tell `told(path,
        outcome)`, the outcome then `failed: reason` for a failure."""
        if outcome == "added":
            self.added.append(path)
        elif outcome == "skipped":
            self.skipped.append(path)
        else:
            self.failed.append((path, reason))
        if told:
            told(path, outcome if outcome != "failed" else f"failed: {reason}")


BATCH_DOCUMENTS = 200
"""Documents per transaction at most; a batch is also committed after `BATCH_SECONDS`."""
BATCH_SECONDS = 0.5
POOL_AT_LEAST = 8
"""Fewer documents than this are analysed in this process: starting workers would cost more."""


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_worker_kb: KB | None = None


def _start_worker(db_url: str | None) -> None:
    global _worker_kb
    if _worker_kb is None:  # spawned: open the knowledge base here
        _worker_kb = KB.open(db_url)
    else:  # forked: the indexes are inherited, the parent's database connections are not used
        _worker_kb.store.engine.dispose(close=False)


def _analyse_job(raw: bytes, path: str) -> tuple[DocumentRecord | None, str | None]:
    """A worker's task: the record of one file, or one line saying what is wrong with it."""
    return _analyse_safely(raw, path, _worker_kb)


def _analyse_safely(raw: bytes, path: str, kb: KB) -> tuple[DocumentRecord | None, str | None]:
    try:
        return analyse_document(raw, kb, name=Path(path).name, path=path), None
    except YntymaqError as err:
        return None, str(err).removeprefix(f"{path}: ")
    except RecursionError:
        return None, "nested too deeply to read"
    except MemoryError:
        return None, "too large to read in the memory there is"
    except Exception as err:  # a reader's own failure: one line, never a traceback, the others go on
        return None, f"cannot read it ({type(err).__name__}: {err})"


def _warm(kb: KB) -> None:
    """Load every index the pipeline uses, so that forked workers inherit them instead of each building
    them again."""
    for text in ("Қазақстан 1995 жылы мүше болды.", "Казахстан стал членом в 1995 году.",
                 "Kazakhstan became a member in 1995."):
        process_text(text, kb)


def ingest_paths(paths: Iterable[str], kb: KB, *, jobs: int | None = None,
                 progress: Callable[[str], None] | None = None,
                 stored: Callable[[str, str], None] | None = None) -> IngestReport:
    """Ingest every file the paths name: analysed on `jobs` processes (default: every core), written
    by this process in batches, one transaction each. `progress(path)` is called as each file is
    taken up; `stored(path, outcome)` once its fate is final (outcome: "added" once its batch is
    committed, "skipped" or "failed: reason")."""
    report = IngestReport()
    began = time.perf_counter()
    jobs = default_jobs() if jobs is None else max(jobs, 1)
    files = list(walk_paths(paths))
    known = kb.store.document_ids()
    seen: set[str] = set()

    def settle(path: str, outcome: str, reason: str = "") -> None:
        report.settle(path, outcome, reason, stored)

    def todo() -> Iterator[tuple[bytes, str]]:
        for path, reason in files:
            if progress:
                progress(path)
            if reason is not None:
                settle(path, "failed", reason)
                continue
            try:
                raw, _ = read_path_bytes(path)  # a regular file only, at most the input limit
            except YntymaqError as err:
                settle(path, "failed", str(err).removeprefix(f"{path}: "))
                continue
            doc_id = document_id(raw)
            if doc_id in known or doc_id in seen:
                settle(path, "skipped")
                continue
            seen.add(doc_id)
            yield raw, path

    pending: list[tuple[DocumentRecord, str]] = []
    first_pending = [0.0]

    def flush() -> None:
        if not pending:
            return
        try:
            added = set(kb.store.write_records([r for r, _ in pending]))
        except Exception as err:  # the database refused the batch: each of its files says so
            for _, path in pending:
                settle(path, "failed", f"cannot store: {err}".splitlines()[0])
        else:
            for record, path in pending:
                if record.id in added:
                    report.claims += len(record.claims)
                    settle(path, "added")
                else:  # another ingest stored the same bytes meanwhile
                    settle(path, "skipped")
        pending.clear()

    def take(record: DocumentRecord | None, error: str | None, path: str) -> None:
        if record is None:
            settle(path, "failed", error or "cannot read it")
            return
        if not pending:
            first_pending[0] = time.monotonic()
        pending.append((record, path))
        if len(pending) >= BATCH_DOCUMENTS or time.monotonic() - first_pending[0] >= BATCH_SECONDS:
            flush()

    wanted = sum(1 for _, reason in files if reason is None)
    if jobs == 1 or wanted < POOL_AT_LEAST:
        for raw, path in todo():
            take(*_analyse_safely(raw, path, kb), path)
    else:
        _run_pool(todo(), kb, jobs, take)
    flush()
    report.seconds = time.perf_counter() - began
    return report


def _run_pool(todo: Iterator[tuple[bytes, str]], kb: KB, jobs: int,
              take: Callable[[DocumentRecord | None, str | None, str], None]) -> None:
    """Analyse on `jobs` worker processes, at most a few files per worker in flight, the results taken
    in the order of the files. A worker that dies (killed, out of memory) fails the file it had; the
    pool is started again for the others."""
    global _worker_kb
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        _warm(kb)
        _worker_kb = kb
    context = multiprocessing.get_context("fork" if fork else "spawn")
    window = jobs * 16
    queue: deque[tuple[Future, bytes, str]] = deque()

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                                   initargs=(None if fork else kb.store.url,))

    pool = start()
    try:
        source = iter(todo)
        retry: deque[tuple[bytes, str]] = deque()
        exhausted = False
        while True:
            while len(queue) < window and (retry or not exhausted):
                if retry:
                    raw, path = retry.popleft()
                else:
                    try:
                        raw, path = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                queue.append((pool.submit(_analyse_job, raw, path), raw, path))
            if not queue:
                break
            future, raw, path = queue.popleft()
            try:
                record, error = future.result()
            except BrokenProcessPool:
                # the file whose worker died fails; the others in flight are analysed again
                take(None, "the analysis process died on it (killed, or out of memory)", path)
                retry.extend((r, p) for _, r, p in queue)
                queue.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = start()
                continue
            take(record, error, path)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if fork:
            _worker_kb = None


def store_processed(kb: KB, processed: Processed, *, name: str, path: str = "", size: int | None = None) -> int:
    """Store one processed document (nothing if it is there already); returns the claims stored."""
    record = record_of(processed, name=name, path=path, size=size)
    return len(record.claims) if kb.store.write_records([record]) else 0


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
        if (verdict.kind.value, tuple(f.id for f in verdict.evidence if f.id is not None)) != (stored.verdict, stored.evidence):
            kb.store.replace_verdict(stored.id, verdict)
            changed += 1
    return changed


def ingest_bytes(raw: bytes, kb: KB, *, name: str, lang: str | None = None) -> tuple[str, bool]:
    """Ingest the bytes of an uploaded file or of standard input, read as `process_file` reads a file;
    returns the document id and whether it was added (False: the same bytes were already there)."""
    doc_id = document_id(raw)
    if kb.store.has_document(doc_id):
        return doc_id, False
    record = analyse_document(raw, kb, name=name, lang=lang)
    return doc_id, bool(kb.store.write_records([record]))


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
