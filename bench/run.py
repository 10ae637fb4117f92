"""`make bench`: every benchmark of the project in one run, each printing its figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["bench_cli.py", "bench_kb.py", "bench_text.py", "bench_extract.py", "bench_ingest.py", "bench_cluster.py",
              "bench_web.py", "corpus_eval.py", "bench_ask.py"]


def main() -> int:
    failed = []
    for name in BENCHMARKS:
        path = HERE / name
        print(f"\n=== {name} ===", flush=True)
        if not path.exists():
            print(f"missing: {path.name}")
            failed.append(name)
            continue
        if subprocess.run([sys.executable, str(path)]).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
