"""Ingest on a Dask distributed cluster: each document's pipeline runs on a worker, which writes it.

The client reads each file once (workers need no access to the files, only to the database), skips a
document already stored (by the SHA-256 hash of its bytes), and hands the bytes to a worker. The worker
opens the knowledge base once (again only when the curated data changed), runs the same per-document
functions as `yntymaq ingest` on one machine (`ingest.analyse_document`, then `Store.write_records`: one
transaction per document) and returns what happened. So every document is written exactly once:

- a task is only sent for a document not yet stored, once per run even when two files have the same bytes;
- a worker that dies mid-task leaves no partial document (its transaction never committed), and the
  scheduler runs the task again on another worker;
- a task run again after its first run committed (a worker that died between the commit and its answer), or
  a document another ingest stored meanwhile, is left as it is by the writer and counted as skipped.

A re-run therefore resumes where a stopped one ended. The database must be reachable from every worker:
a PostgreSQL URL, or an SQLite file when the workers share this machine (`workers=N`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from yntymaq.errors import BadInput, YntymaqError
from yntymaq.ingest import IngestReport, analyse_document, document_id, walk_paths
from yntymaq.kb.store import database_url

_KBS: dict[str, tuple[str | None, object]] = {}
"""Per worker process: the knowledge base opened for a database URL, with the dataset digest it was read at."""


def _kb_for(db: str):
    from yntymaq.kb import KB

    cached = _KBS.get(db)
    if cached is not None:
        digest, kb = cached
        if kb.store.meta("dataset_digest") == digest:
            return kb
    kb = KB.open(db)
    _KBS[db] = (kb.store.meta("dataset_digest"), kb)
    return kb


WARM_UP_TEXTS = ("Қазақстан 1995 жылы ИЫҰ-ға мүше болды.", "Казахстан вступил в ОИС в 1995 году.",
                 "Kazakhstan joined the OIC in 1995.")


def warm_up(db: str) -> None:
    """Run on a worker: open the knowledge base and read one sentence (nothing is stored), so that the
    first document does not pay for loading tables and building the linker."""
    from yntymaq.ingest import process_text

    kb = _kb_for(db)
    for text in WARM_UP_TEXTS:
        process_text(text, kb)


def ingest_document(db: str, raw: bytes, *, name: str, path: str, suffix: str = "") -> tuple[str, str, int]:
    """Run on a worker: read, extract, check and store one document (`ingest.analyse_document`, then
    `Store.write_records`, the same two steps as `yntymaq ingest` on one machine). Returns (outcome,
    reason, claims), outcome being `added`, `skipped` (already stored, by an earlier run of this task
    or by another ingest: the writer stores a document once) or `failed` (with its reason)."""
    kb = _kb_for(db)
    if kb.store.has_document(document_id(raw)):
        return "skipped", "", 0
    try:
        record = analyse_document(raw, kb, name=name, path=path)
    except YntymaqError as err:
        return "failed", str(err), 0
    if not kb.store.write_records([record]):
        return "skipped", "", 0
    return "added", "", len(record.claims)


def worker_url(db: str) -> str:
    """The database URL as the workers must see it: an SQLite path made absolute."""
    url = database_url(db)
    if url.startswith("sqlite:///"):
        return "sqlite:///" + str(Path(url.removeprefix("sqlite:///")).resolve())
    return url


def start_client(*, address: str | None = None, workers: int | None = None):
    """A Dask client of the scheduler at `address`, or of a local cluster of `workers` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise YntymaqError("ingesting on a cluster needs Dask distributed: pip install -e .[cluster]") from None
    if address:
        try:
            return Client(address, timeout="15s")
        except (OSError, TimeoutError, ValueError) as err:
            raise YntymaqError(f"--cluster {address}: cannot reach the scheduler ({err})") from None
    cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=":0", worker_dashboard_address=":0",
                           silence_logs=logging.ERROR)
    return Client(cluster)


def stop_client(client) -> None:
    """Close the client, and the local cluster it started, if any."""
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()


def ingest_on_cluster(paths: Iterable[str], db: str, *, client=None, address: str | None = None,
                      workers: int | None = None, progress: Callable[[str, str], None] | None = None,
                      in_flight: int | None = None) -> IngestReport:
    """Ingest every file the paths name on the workers of `client` (or of a client to `address`, or of
    a local cluster of `workers` processes); at most `in_flight` documents are sent ahead at once, so
    memory stays bounded however large the corpus. `progress(path, outcome)` is called as each file's
    fate is final (outcome: "added", "skipped" or "failed: reason"), as `ingest_paths`'s `stored`."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    from yntymaq.kb import KB

    report = IngestReport()
    began = time.perf_counter()
    url = worker_url(db)
    store = KB.open(url).store  # a clear error here, before any worker starts, when it is not built
    files = list(walk_paths(paths))
    own = client is None
    if own:
        client = start_client(address=address, workers=workers)
    try:
        limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
        pending: dict = {}
        sent: set[str] = set()
        queue = iter(files)
        running = as_completed()

        def settle(path: str, outcome: str, reason: str = "") -> None:
            report.settle(path, outcome, reason, progress)

        def send_next() -> bool:
            for name, problem in queue:
                if problem is not None:  # a FIFO, a device, a link round a loop: never opened
                    settle(name, "failed", problem)
                    continue
                path = Path(name)
                try:
                    raw = path.read_bytes()
                except OSError as err:
                    settle(name, "failed", f"cannot read: {err.strerror}")
                    continue
                doc_id = document_id(raw)
                if doc_id in sent or store.has_document(doc_id):
                    settle(name, "skipped")
                    continue
                sent.add(doc_id)
                future = client.submit(ingest_document, url, raw, name=path.name, path=str(path),
                                       suffix=path.suffix, key=f"yntymaq-ingest-{doc_id}", retries=0)
                pending[future.key] = path
                running.add(future)
                return True
            return False

        for _ in range(limit):
            if not send_next():
                break
        for future in running:
            path = pending.pop(future.key)
            try:
                outcome, reason, claims = future.result()
            except KilledWorker:
                outcome, reason, claims = "failed", "the workers running it died each time it was tried", 0
            except Exception as err:  # an error the worker did not expect: this document fails, not the run
                outcome, reason, claims = "failed", f"{type(err).__name__}: {err}", 0
            future.release()
            report.claims += claims
            settle(str(path), outcome, reason)
            send_next()
    finally:
        if own:
            stop_client(client)
    report.seconds = time.perf_counter() - began
    return report


def check_cluster_options(address: str | None, workers: int | None) -> None:
    if address and workers:
        raise BadInput("give --cluster ADDRESS or --workers N, not both")
    if workers is not None and workers < 1:
        raise BadInput(f"--workers: {workers} is not a number of workers (1 or more)")
