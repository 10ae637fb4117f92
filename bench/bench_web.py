"""The web server as users meet it: the whole `yntymaq serve` process on loopback, 20 clients at once.

Each client keeps one connection open and asks for the same page again and again for a while; the
figures are the latency of each answer (p50, p99, max) and the answers a second, for the pages of the
target (`/e/KZ`, `/api/entity/KZ`, `/api/members`, the home page; target p99 < 100 ms), and the
first, uncached answer of each. Beside it, when installed (the bench extra), datasette serves the
same table of the same knowledge base (the members rows of `facts`) from the same machine in the
same run. The clients run in this process and share the machine's cores with the server: the
figures are of this machine at this moment, noisy when others work on it.

    python bench/bench_web.py [--clients 20] [--seconds 3]
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_P99_MS = 100.0
PAGES = ["/e/KZ", "/api/entity/KZ", "/api/members", "/"]
DATASETTE_PAGES = ["/kb/facts.json?predicate__exact=member_of&object__exact=OIC&_shape=array&_size=max",
                   "/kb/facts?predicate__exact=member_of&object__exact=OIC&_size=max"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped with exit code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no server on port {port} after {timeout:.0f} s")


def get(conn: http.client.HTTPConnection, path: str) -> int:
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status


def load(port: int, path: str, *, clients: int, seconds: float) -> dict:
    """`clients` threads, each on its own kept-alive connection, asking for `path` for `seconds`."""
    first = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    began = time.perf_counter()
    status = get(first, path)
    cold_ms = (time.perf_counter() - began) * 1000
    first.close()
    if status != 200:
        raise RuntimeError(f"{path}: status {status}")
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        own = []
        start.wait()
        stop = time.perf_counter() + seconds
        try:
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                if get(conn, path) != 200:
                    errors.append(path)
                own.append(time.perf_counter() - t0)
        finally:
            conn.close()
            with lock:
                latencies.extend(own)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for th in threads:
        th.start()
    start.wait()
    t0 = time.perf_counter()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    ms = sorted(x * 1000 for x in latencies)
    return {"path": path, "requests": len(ms), "per_second": len(ms) / wall, "cold_ms": cold_ms,
            "p50": statistics.median(ms), "p99": ms[min(len(ms) - 1, int(len(ms) * 0.99))], "max": ms[-1],
            "errors": len(errors)}


def serve_yntymaq(db: str, port: int) -> subprocess.Popen:
    code = "from yntymaq.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "serve", "--db", db, "--port", str(port), "--examples"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def datasette_command() -> list[str] | None:
    try:
        import datasette  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "datasette"]


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def print_rows(name: str, rows: list[dict], *, target: bool) -> list[bool]:
    met = []
    for r in rows:
        verdict = ""
        if target:
            ok = r["p99"] < TARGET_P99_MS and not r["errors"]
            met.append(ok)
            verdict = f"  target p99 < {TARGET_P99_MS:.0f} ms: {'met' if ok else 'NOT met'}"
        print(f"  {name:9} {r['path'][:60]:60} first {r['cold_ms']:6.1f} ms  p50 {r['p50']:6.1f}  "
              f"p99 {r['p99']:6.1f}  max {r['max']:6.1f} ms  {r['per_second']:7.0f}/s  ({r['requests']} answers"
              f"{', %d errors' % r['errors'] if r['errors'] else ''}){verdict}")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    print(f"{args.clients} clients at once on loopback, {args.seconds:.0f} s a page; the machine has "
          f"{os.cpu_count()} cores shared with the clients (and with whatever else runs now)")
    with tempfile.TemporaryDirectory(prefix="yntymaq-bench-web-") as folder:
        db = str(Path(folder) / "kb.sqlite")
        port = free_port()
        server = serve_yntymaq(db, port)
        try:
            wait_for(port, server)
            rows = [load(port, path, clients=args.clients, seconds=args.seconds) for path in PAGES]
        finally:
            stop(server)
        met = print_rows("yntymaq", rows, target=True)

        command = datasette_command()
        if command is None:
            print("  datasette: not installed (pip install -e '.[bench]'), skipped")
        else:
            copy = str(Path(folder) / "kb-copy.sqlite")  # its own file, opened read-only
            shutil.copy(db, copy)
            port = free_port()
            other = subprocess.Popen([*command, "serve", "-i", copy, "--port", str(port), "--host", "127.0.0.1",
                                      "--setting", "max_returned_rows", "1000"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     cwd=folder)
            try:
                wait_for(port, other)
                paths = [p.replace("/kb/", "/kb-copy/") for p in DATASETTE_PAGES]
                print_rows("datasette", [load(port, p, clients=args.clients, seconds=args.seconds) for p in paths],
                           target=False)
            finally:
                stop(other)
    print(f"targets met: {sum(met)} of {len(met)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
