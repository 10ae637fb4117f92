"""Page latency while another client checks a large text: the server on loopback (an ephemeral
port), one client posting a text of about 200 KB to /api/check again and again, another asking for
pages one after the other; prints the pages' p50, p95 and p99.

Usage: .venv/bin/python bench/pages_under_load.py [seconds]   (uses YNTYMAQ_DB, default: a fresh build)
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

PAGES = ["/", "/members", "/meetings", "/e/KZ", "/e/OIC/cfm/38", "/api/members/count?at=1995", "/documents",
         "/disagreements", "/timeline"]
TEXT = "Қазақстан 1995 жылы Ислам конференциясы ұйымына мүше болды. Астанада 2011 жылы сессия өтті. " * 2200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(seconds: float) -> None:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        if not env.get("YNTYMAQ_DB"):
            env["YNTYMAQ_DB"] = str(Path(tmp) / "kb.sqlite")
            subprocess.run([str(Path(sys.executable).parent / "yntymaq"), "build"], env=env, check=True,
                           stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen([str(Path(sys.executable).parent / "yntymaq"), "serve", "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    httpx.get(base + "/api/home", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            for page in PAGES:
                httpx.get(base + page, timeout=30)  # warm
            stop = threading.Event()
            checks = []

            def checker():
                with httpx.Client(timeout=120) as client:
                    while not stop.is_set():
                        began = time.perf_counter()
                        status = client.post(base + "/api/check", json={"text": TEXT}).status_code
                        checks.append((time.perf_counter() - began, status))

            worker = threading.Thread(target=checker)
            worker.start()
            times = []
            deadline = time.monotonic() + seconds
            with httpx.Client(timeout=30) as client:
                while time.monotonic() < deadline:
                    for page in PAGES:
                        began = time.perf_counter()
                        client.get(base + page)
                        times.append(time.perf_counter() - began)
            stop.set()
            worker.join()
        finally:
            server.terminate()
            server.wait(10)
    times.sort()
    q = lambda p: times[min(len(times) - 1, int(p * len(times)))] * 1000  # noqa: E731
    print(f"pages: {len(times)} requests, p50 {q(0.5):.0f} ms, p95 {q(0.95):.0f} ms, p99 {q(0.99):.0f} ms; "
          f"meanwhile {len(checks)} checks of {len(TEXT) // 1000} K characters, "
          f"median {statistics.median(c[0] for c in checks) if checks else 0:.1f} s")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 20.0)
