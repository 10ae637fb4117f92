"""Benchmark of `yntymaq ingest` as users run it: the whole command, from the shell, over 10,000 generated
small documents, beside a plain hash-and-insert loop over the same files in the same run.

    python bench/bench_ingest.py              # 10,000 documents
    python bench/bench_ingest.py --docs 2000  # fewer

Prints documents/s of the command (start-up included) and of the loop, the database's size against the
input's, the time of a re-ingest of the unchanged files, and whether each target is met. The documents are
the ones `bench_extract.py` generates (short kk/ru/en news items stating facts, true and false). Timings on
a shared machine are noisy: the two are measured in the same minutes, the loop right after the command.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TARGET_DOCS_PER_S = 400
TARGET_SIZE_RATIO = 4.0


def plain_loop(paths: list[Path], db: Path) -> float:
    """The floor: read each file, hash it, insert its text, one transaction, WAL; seconds taken."""
    began = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE docs (id TEXT PRIMARY KEY, name TEXT, text TEXT)")
    with conn:
        conn.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                         ((hashlib.sha256(raw).hexdigest(), p.name, raw.decode("utf-8"))
                          for p in paths for raw in (p.read_bytes(),)))
    conn.close()
    return time.perf_counter() - began


def db_size(db: Path) -> int:
    """The database's size once its write-ahead log is folded in (the log is reused space, not data)."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(f.stat().st_size for f in db.parent.glob(db.name + "*"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to generate (default 10000)")
    parser.add_argument("--jobs", type=int, default=None, help="--jobs of the command (default: its own)")
    args = parser.parse_args(argv)
    from bench_extract import generate_documents

    from yntymaq.kb import KB, build

    yntymaq = Path(sys.executable).parent / "yntymaq"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kb.sqlite"
        build(str(db))
        folder = Path(tmp) / "docs"
        folder.mkdir()
        paths = generate_documents(KB.open(str(db)), folder, args.docs)
        size = sum(p.stat().st_size for p in paths)
        empty = db_size(db)
        env = {**os.environ, "YNTYMAQ_DB": str(db)}
        command = [str(yntymaq), "ingest", str(folder), "--lang", "en"] + (["--jobs", str(args.jobs)] if args.jobs else [])
        print(f"{len(paths):,} documents, {size / 1e6:.2f} MB ({size / len(paths):.0f} bytes each); "
              f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} (others share the machine)")
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - began
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
        if result.returncode != 0:
            print(f"yntymaq ingest failed ({result.returncode}): {(result.stderr or result.stdout).strip()[-500:]}")
            return 1
        loop = plain_loop(paths, Path(tmp) / "plain.sqlite")
        began = time.perf_counter()
        again = subprocess.run(command, env=env, capture_output=True, text=True)
        reingest = time.perf_counter() - began
        stored = db_size(db)
    rate, loop_rate = len(paths) / seconds, len(paths) / loop
    ratio = stored / size
    print(f"  {result.stdout.strip()}")
    print(f"  yntymaq ingest (whole command): {seconds:.1f} s, {rate:.0f} documents/s   target ≥ {TARGET_DOCS_PER_S}   "
          f"{'met' if rate >= TARGET_DOCS_PER_S else 'NOT MET'}")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    print(f"  CPU time of the command and its workers: {cpu:.1f} s ({cpu / len(paths) * 1e3:.2f} ms a document); "
          f"on {cores} idle cores that is at most {cores * len(paths) / cpu:.0f} documents/s (an estimate, not a measurement)")
    print(f"  plain hash-and-insert loop (no analysis), same files: {loop:.2f} s, {loop_rate:.0f} documents/s "
          f"({loop_rate / rate:.1f}× the command)")
    print(f"  database {stored / 1e6:.2f} MB ({empty / 1e6:.2f} MB of it the knowledge base before), "
          f"{ratio:.2f}× the input   target ≤ {TARGET_SIZE_RATIO:g}×   {'met' if ratio <= TARGET_SIZE_RATIO else 'NOT MET'}")
    print(f"  re-ingest of the unchanged files: {reingest:.2f} s ({reingest / len(paths) * 1e3:.2f} ms a file, "
          f"start-up included): {again.stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
