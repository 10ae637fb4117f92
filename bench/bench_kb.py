"""Benchmark of the knowledge base: a full build, and the temporal queries.

Run with `make bench` (or `python bench/bench_kb.py`). Prints a table of figures.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from yntymaq.kb import KB, build, load_dataset
from yntymaq.kb.rules import derive_all
from yntymaq.vocab import Date


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median and best wall time in milliseconds over `repeat` runs."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(1000))

        def fresh_build():
            build(str(Path(tmp) / f"kb{next(counter)}.sqlite"))

        rows.append(("full build (validate + derive + write SQLite)", *timed(fresh_build, 5)))
        rows.append(("  of which: load and validate the CSV files", *timed(load_dataset, 5)))
        dataset = load_dataset()
        rows.append(("  of which: derive the chairs", *timed(lambda: derive_all(dataset.facts), 20)))
        db = str(Path(tmp) / "kb.sqlite")
        _, store = build(db)
        rows.append(("rebuild with unchanged data (no-op)", *timed(lambda: build(db), 5)))
        rows.append(("first query of a freshly opened KB (loads its indexes)",
                     *timed(lambda: KB(store).members(at=Date(1982)), 10)))
        kb = KB(store)
        kb.entities  # warm the name index once, as a server does
        queries = {
            "members at a date (1982)": lambda: kb.members(at=Date(1982)),
            "members today": lambda: kb.members(),
            "member count at a date (derived)": lambda: kb.member_count(at=Date(2012, 3, 1)),
            "chair of the CFM at 2012-03-01": lambda: kb.chairs(body="cfm", at=Date(2012, 3, 1)),
            "Secretary General at 2011-06": lambda: kb.office_holders(at=Date(2011, 6)),
            "meetings: CFM in 2011": lambda: kb.meetings(body="cfm", year=2011),
            "resolve a name (Қазақстанның)": lambda: kb.resolve("Қазақстанның"),
            "a state's whole record (KZ)": lambda: kb.record("KZ"),
            "a state's timeline (KZ)": lambda: kb.timeline("KZ"),
        }
        for name, fn in queries.items():
            fn()
            rows.append((name, *timed(fn, 50)))
        facts = store.count_facts()
    print(f"Knowledge base: {len(dataset.entities)} entities, {facts} facts, {len(dataset.sources)} sources")
    width = max(len(r[0]) for r in rows)
    print(f"{'operation':<{width}}  {'median ms':>10}  {'best ms':>9}")
    for name, median, best in rows:
        print(f"{name:<{width}}  {median:>10.2f}  {best:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
