"""Analysis in worker processes, so that a long check never holds the server's interpreter: pages
keep being answered while a text is analysed (a thread would share Python's one lock with them).

`Analysers(db)` keeps a pool of `check_workers` processes (the setting; 0 runs the work in the
server's own thread pool instead), each with the knowledge base opened once. `run()` sends one
job, waits for it at most the `check_seconds` setting (plus a grace for the worker's own clean stop,
see `yntymaq.limits`), and answers as the library would: its result, or its YntymaqError. A worker
that dies or never comes back is replaced; its request gets 503.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import threading

from yntymaq import errors, settings

GRACE = 5.0
"""Seconds past the time limit before a worker that has not stopped by itself is killed."""

_KB = None


def _start_worker(db: str) -> None:
    global _KB
    from yntymaq.kb import KB

    _KB = KB.open(db)


def _job(kind: str, seconds: float, args: tuple, kwargs: dict):
    """In the worker: one piece of work under the time limit; a library error comes back as data
    (some errors do not survive pickling)."""
    from yntymaq import views
    from yntymaq.ingest import ingest_bytes, ingest_text
    from yntymaq.limits import deadline

    work = {"check": views.check_view, "ingest_text": ingest_text, "ingest_bytes": ingest_bytes}[kind]
    try:
        with deadline(seconds):
            if kind == "check":
                return "ok", work(_KB, *args, **kwargs)
            return "ok", work(args[0], _KB, *args[1:], **kwargs)
    except errors.YntymaqError as err:
        return "error", type(err).__name__, str(err)


def _raise(name: str, message: str):
    cls = getattr(errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, errors.YntymaqError)) or name in ("Ambiguous", "DataErrors"):
        cls = errors.BadInput
    raise cls(message)


class Analysers:
    """The worker pool of one server (see the module's docstring)."""

    def __init__(self, db: str, kb, *, workers: int | None = None):
        self.db, self.kb = db, kb
        self.workers = int(settings.get("check_workers")) if workers is None else workers
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _get_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = concurrent.futures.ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker, initargs=(self.db,))
            return self._pool

    def _reset(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()  # our own workers, by their handles
            pool.shutdown(wait=False, cancel_futures=True)

    def run(self, kind: str, *args, **kwargs):
        """`views.check_view(kb, *args)`, `ingest_text(args[0], kb, ...)` or `ingest_bytes(...)`, under the time limit."""
        seconds = settings.get_seconds("check_seconds")
        if self.workers <= 0:
            from yntymaq.limits import deadline

            with deadline(seconds):
                answer = _job_here(kind, self.kb, args, kwargs)
            return answer
        try:
            future = self._get_pool().submit(_job, kind, seconds, args, kwargs)
            answer = future.result(timeout=seconds + GRACE)
        except concurrent.futures.TimeoutError:
            self._reset()
            raise errors.TimeLimit(f"the analysis took longer than its limit of {seconds:g} s and was stopped; send "
                                   "a shorter text, or start the server with a higher YNTYMAQ_CHECK_SECONDS") from None
        except concurrent.futures.process.BrokenProcessPool:
            self._reset()
            raise errors.TimeLimit("the analysis stopped unexpectedly (its worker process died, perhaps out of "
                                   "memory); try a shorter text") from None
        if answer[0] == "error":
            _raise(answer[1], answer[2])
        return answer[1]

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _job_here(kind: str, kb, args: tuple, kwargs: dict):
    from yntymaq import views
    from yntymaq.ingest import ingest_bytes, ingest_text

    if kind == "check":
        return views.check_view(kb, *args, **kwargs)
    return {"ingest_text": ingest_text, "ingest_bytes": ingest_bytes}[kind](args[0], kb, *args[1:], **kwargs)
