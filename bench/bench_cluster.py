"""Benchmark of ingestion on a Dask distributed cluster: documents per second with 1 and 2 local workers.

    python bench/bench_cluster.py              # 120 documents per run
    python bench/bench_cluster.py --docs 40    # quicker

The documents are the project's own evaluation and labelled texts (bench/eval, bench/labelled), each copy
made unique by a numbered last line so that every copy is a new document (its own hash). Each run ingests
them with `yntymaq.cluster.ingest_on_cluster` into a fresh knowledge base — on a throwaway PostgreSQL
server when the machine has one (`yntymaq.kb.pgserver`), else SQLite — after every worker has opened
the knowledge base, so the figure is the pipeline's and the writes', not the cluster's start. The serial
`yntymaq.ingest.ingest_paths` of the same documents runs in the same minutes for comparison. The machine's
cores are shared: a second worker helps only as much as a second core is free (see the load printed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = sorted([*HERE.glob("eval/*/*.txt"), *HERE.glob("labelled/*.txt")])


def write_corpus(folder: Path, count: int) -> int:
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    size = 0
    for i in range(count):
        data = (texts[i % len(texts)] + f"\n\n{i}\n").encode("utf-8")
        (folder / f"doc-{i:04d}.txt").write_bytes(data)
        size += len(data)
    return size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120, help="documents per run")
    args = parser.parse_args()

    from yntymaq.cluster import WARM_UP_TEXTS, ingest_on_cluster, start_client, stop_client, warm_up, worker_url
    from yntymaq.ingest import ingest_paths, process_text
    from yntymaq.kb import KB, build
    from yntymaq.kb.pgserver import PostgresUnavailable, TemporaryPostgres

    pg = None
    try:
        pg = TemporaryPostgres().start()
        backend = "PostgreSQL (throwaway server, fsync off)"
    except (PostgresUnavailable, ImportError) as err:
        backend = f"SQLite ({err})"
    try:
        with tempfile.TemporaryDirectory(prefix="yntymaq-bench-cluster-") as tmp:
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            size = write_corpus(folder, args.docs)
            counter = iter(range(100))

            def fresh_db() -> str:
                db = pg.url() if pg else str(Path(tmp) / f"kb{next(counter)}.sqlite")
                build(db)
                return db

            print(f"{args.docs} documents, {size / 1e6:.2f} MB, from {len(SOURCES)} texts; database: {backend}")
            print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")

            db = fresh_db()
            kb = KB.open(db)
            for text in WARM_UP_TEXTS:  # as warm_up does on each worker below
                process_text(text, kb)
            began = time.perf_counter()
            report = ingest_paths([str(folder)], kb)
            serial = time.perf_counter() - began
            print(f"serial ingest_paths:  {len(report.added) / serial:6.2f} documents/s "
                  f"({size / 1e6 / serial:.3f} MB/s, {serial:.1f} s)")

            rates = {}
            for workers in (1, 2):
                db = fresh_db()
                client = start_client(workers=workers)
                try:
                    client.run(warm_up, worker_url(db))  # every worker opens the knowledge base first
                    began = time.perf_counter()
                    report = ingest_on_cluster([str(folder)], db, client=client)
                    seconds = time.perf_counter() - began
                finally:
                    stop_client(client)
                if report.failed or len(report.added) != args.docs:
                    print(f"{workers} worker(s): {len(report.added)} of {args.docs} stored, failed: {report.failed[:3]}")
                    return 1
                rates[workers] = len(report.added) / seconds
                print(f"cluster, {workers} worker{'s' if workers > 1 else ' '}:  {rates[workers]:6.2f} documents/s "
                      f"({size / 1e6 / seconds:.3f} MB/s, {seconds:.1f} s)")
            print(f"2 workers / 1 worker: {rates[2] / rates[1]:.2f}x; load average after: "
                  f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        if pg:
            pg.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
