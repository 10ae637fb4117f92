"""Every command over every file of the hostile corpus (`hostile_corpus.py`), each run in a child
process of its own with a time limit: no traceback, no hang, exit code 0 for what must read and 1
with one line `error: FILE: why` for what must not, and peak memory within a bound.

The children are forked from this process after the CLI is imported, so that a run costs what the
command does, not Python's start (220 runs in seconds, not minutes); each sets its own stdin,
stdout, stderr and address-space limit, and runs `yntymaq`'s click entry point as the console
script does.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from hostile_corpus import Case, build_corpus

COMMANDS = ("text", "check", "extract")
TIMEOUT = 60.0
"""Seconds one run may take (the slowest takes a few on a shared machine): past it, a hang."""
PEAK_RSS = 1536 << 20
"""Peak resident memory one run may reach, in bytes (the README states the bound)."""
HEADROOM = 4 << 30
"""Address space a child may add to what it inherits before an allocation fails."""


@dataclass(frozen=True)
class Run:
    code: int | None  # None: killed at the time limit
    stderr: str
    seconds: float
    peak_rss: int  # bytes


def run_forked(args: list[str], *, env: dict[str, str], timeout: float = TIMEOUT, work: Path) -> Run:
    """`yntymaq ARGS` in a forked child: its exit code, its standard error, its time and peak memory."""
    from yntymaq.cli import main

    err_path = work / f"stderr-{os.getpid()}-{time.monotonic_ns()}"
    began = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            os.environ.update(env)
            null_in, null_out = os.open(os.devnull, os.O_RDONLY), os.open(os.devnull, os.O_WRONLY)
            err_fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(null_in, 0)
            os.dup2(null_out, 1)
            os.dup2(err_fd, 2)
            sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
            sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
            sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                          errors="backslashreplace", line_buffering=True)
            with open("/proc/self/statm") as statm:
                inherited = int(statm.read().split()[0]) * resource.getpagesize()
            resource.setrlimit(resource.RLIMIT_AS, (inherited + HEADROOM, inherited + HEADROOM))
            try:
                main.main(args=args, prog_name="yntymaq")
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:  # noqa: BLE001 - what the test looks for: a traceback on stderr
            traceback.print_exc()
            code = 99
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    deadline = began + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            status = None
            break
        time.sleep(0.005)
    seconds = time.monotonic() - began
    stderr = err_path.read_text(encoding="utf-8", errors="replace") if err_path.exists() else ""
    err_path.unlink(missing_ok=True)
    code = None if status is None else os.waitstatus_to_exitcode(status)
    return Run(code, stderr, seconds, usage.ru_maxrss * 1024)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Case]:
    return build_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def env(shipped_kb) -> dict[str, str]:
    from yntymaq.text import analyse

    analyse("Қазақстан 1995 жылы ИЫҰ-ға мүше болды.")  # load the language tables before forking
    return {"YNTYMAQ_DB": shipped_kb.store.url, "YNTYMAQ_LANG": "en", "YNTYMAQ_MAX_INPUT": "",
            "COLUMNS": "100"}


def problems_of(case: Case, run: Run) -> list[str]:
    """What is wrong with one run, if anything."""
    from yntymaq.text.read import display_name

    if run.code is None:
        return [f"hung: killed after {run.seconds:.0f} s"]
    problems = []
    if "Traceback" in run.stderr:
        problems.append("a traceback:\n" + run.stderr[-2000:])
    if run.peak_rss > PEAK_RSS:
        problems.append(f"peak memory {run.peak_rss >> 20} MB > {PEAK_RSS >> 20} MB")
    lines = run.stderr.strip().splitlines()
    if case.outcome == "ok" or (case.outcome == "either" and run.code == 0):
        if run.code != 0:
            problems.append(f"exit code {run.code}, expected 0: {run.stderr.strip()[:300]}")
        return problems
    if run.code != 1:
        problems.append(f"exit code {run.code}, expected 1: {run.stderr.strip()[:300]}")
    if len(lines) != 1 or not lines[0].startswith("error: "):
        problems.append(f"not one line `error: ...`: {run.stderr.strip()[:300]!r}")
    elif display_name(case.path) not in lines[0]:
        problems.append(f"the message does not name the file: {lines[0]}")
    for word in case.says:
        if word.lower() not in run.stderr.lower():
            problems.append(f"the message does not say {word!r}: {run.stderr.strip()[:300]}")
    return problems


def test_the_corpus_is_big_and_mixed(corpus):
    assert len(corpus) >= 60
    assert {c.outcome for c in corpus} >= {"ok", "error"}
    assert sum(c.skip is None for c in corpus) >= 60


@pytest.mark.parametrize("command", COMMANDS)
def test_every_hostile_file_gets_one_line_and_the_documented_exit_code(command, corpus, env, tmp_path):
    failures, slowest = [], (0.0, "")
    for case in corpus:
        if case.skip:
            continue
        run = run_forked([command, str(case.path)], env=env, work=tmp_path)
        slowest = max(slowest, (run.seconds, case.name))
        failures += [f"{command} {case.name}: {problem}" for problem in problems_of(case, run)]
    assert not failures, "\n".join(failures) + f"\n(slowest: {slowest[1]}, {slowest[0]:.1f} s)"


@pytest.mark.parametrize(("command", "name"), [("text", "fifo.txt"), ("check", "full-stops.txt"),
                                               ("extract", "docx-zip-bomb.docx"), ("text", "dev-zero.txt")])
def test_the_console_script_itself_answers_the_same(command, name, corpus, env):
    """A few of the runs again through the installed `yntymaq` script, in a fresh interpreter."""
    import subprocess

    case = next(c for c in corpus if c.name == name)
    if case.skip:
        pytest.skip(case.skip)
    script = Path(sys.executable).parent / "yntymaq"
    began = time.monotonic()
    run = subprocess.run([str(script), command, str(case.path)], env={**os.environ, **env}, capture_output=True,
                         text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert time.monotonic() - began < TIMEOUT
    assert problems_of(case, Run(run.returncode, run.stderr, 0.0, 0)) == []
