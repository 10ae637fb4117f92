"""Benchmark of the commands as users run them: whole processes started from the shell, several rounds.

On the two seed documents repeated to about 8 MB (built in this run) it times, each in a fresh process,
its standard output written to a file:

- `yntymaq text FILE --json`, `yntymaq extract FILE --jsonl`, `yntymaq check FILE --json`;
- beside them, in the same minutes, spaCy's blank `xx` tokenizer + sentencizer and razdel's sentenize +
  tokenize writing the JSON `text --json` writes (`bench/peers/`: the same keys, each sentence with its
  tokens; their tokens have no stems and their sentences no dates, so the peers do less);
- `yntymaq --version` and `yntymaq chair --at 2012-03-01` (start-up);
- peak memory (resident set, from the kernel's account of each child) of every run, and of `text --json`
  and `check --json` on one line of about 4× that size (a file with no line break), to show that it
  does not grow with the input.

For each: min / median / max wall seconds over the rounds, MB of input per second (of the median), CPU
seconds and peak RSS; then every target of issue 13 with its figure and whether it is met. The machine
is shared: wall time depends on its load (printed), CPU time less so; ratios are taken within one run.

Run from the repository root: `python bench/bench_cli.py` (`--quick` for a small smoke run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "seeds"
PEERS = HERE / "peers"
BIN = Path(sys.executable).parent
MB = 1_000_000

TEXT_VS_SPACY = 5.0
EXTRACT_VS_SPACY = 2.0
EXTRACT_MB_S = 2.0
TEXT_PEAK_MB = 100.0  # `text --json`: the bound on resident memory, whatever the input's size
READER_PEAK_MB = 400.0  # `check` and `extract`: the reader holds one window (`extract.windows`) at a time
VERSION_S = 0.12
QUERY_S = 0.2


@dataclass
class Runs:
    name: str
    size: int = 0  # bytes of input, for MB/s
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def mb_s(self) -> float | None:
        return self.size / MB / self.median if self.size else None

    @property
    def cpu_mb_s(self) -> float | None:
        return self.size / MB / statistics.median(self.cpu) if self.size else None

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kb) / 1024


def environment() -> dict[str, str]:
    """The environment a user's shell gives: bytecode caches written and used."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONHASHSEED"] = env.get("PYTHONHASHSEED", "0")
    env["YNTYMAQ_MAX_INPUT"] = "200M"  # the inputs are past the default limit of one file on purpose
    return env


PROBE = """
import json, os, subprocess, sys, time
argv, out = json.loads(sys.argv[1]), sys.argv[2]
with open(out, "wb") as stdout:
    began = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - began
err = proc.stderr.read().decode(errors="replace")[-2000:]
print(json.dumps([os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, err]))
"""
"""Starts a command and reports its wall and CPU time and peak RSS. A small process of its own: a child's
peak RSS counts the memory of the process it was forked from, which must not be this benchmark's."""


def run_once(argv: list[str], out: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KB) of one process."""
    import json

    probe = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv), str(out)], env=env, cwd=ROOT,
                           capture_output=True, text=True, check=True)
    code, wall, cpu, rss, err = json.loads(probe.stdout)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({code}): {err}")
    return wall, cpu, rss


def build_input(folder: Path, megabytes: float) -> Path:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"the seed documents are missing: expected them in {SEEDS}")
    unit = "\n\n".join(seed.strip() for seed in seeds) + "\n\n"
    path = folder / "seeds.txt"
    path.write_text(unit * (int(megabytes * MB / len(unit.encode("utf-8"))) + 1), encoding="utf-8")
    return path


def one_line(folder: Path, source: Path, times: int) -> Path:
    """The input as one line, `times` over: no line or paragraph break anywhere (written a paragraph
    at a time, so that this process stays small)."""
    path = folder / "one-line.txt"
    with open(path, "w", encoding="utf-8") as handle:
        for _ in range(times):
            with open(source, encoding="utf-8") as text:
                for paragraph in text:
                    if paragraph.strip():
                        handle.write(" ".join(paragraph.split()) + " ")
    return path


def fmt_runs(runs: Runs) -> str:
    rate = f"{runs.mb_s:6.2f} MB/s" if runs.mb_s is not None else " " * 11
    cpu_rate = f" ({runs.cpu_mb_s:5.2f} MB/s of CPU)" if runs.cpu_mb_s is not None else ""
    return (f"  {runs.name:<34} {min(runs.wall):7.3f} {runs.median:7.3f} {max(runs.wall):7.3f} s  {rate}"
            f"  cpu {statistics.median(runs.cpu):6.3f} s{cpu_rate}  peak {runs.peak_mb:7.1f} MB")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=8.0, help="input size in MB (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each document command (default 3)")
    parser.add_argument("--quick", action="store_true", help="a small smoke run (1 MB, 2 rounds)")
    args = parser.parse_args()
    if args.quick:
        args.mb, args.rounds = 1.0, 2
    env = environment()
    yntymaq = str(BIN / "yntymaq")
    with tempfile.TemporaryDirectory(prefix="yntymaq-bench-") as tmp:
        folder = Path(tmp)
        db = str(folder / "kb.sqlite")
        env["YNTYMAQ_DB"] = db
        subprocess.run([yntymaq, "build", "--db", db], check=True, env=env, capture_output=True)
        source = build_input(folder, args.mb)
        size = source.stat().st_size
        out = folder / "out"
        # a first run of each writes the bytecode caches a user's installation has
        for argv in ([yntymaq, "--version"], [yntymaq, "text", str(SEEDS / sorted(os.listdir(SEEDS))[0]), "--json"],
                     [yntymaq, "check", str(SEEDS / sorted(os.listdir(SEEDS))[0]), "--json"]):
            run_once(argv, out, env)
        documents = [
            ("yntymaq text --json", [yntymaq, "text", str(source), "--json"]),
            ("yntymaq extract --jsonl", [yntymaq, "extract", str(source), "--jsonl"]),
            ("yntymaq check --json", [yntymaq, "check", str(source), "--json"]),
            ("spaCy xx tokenizer+sentencizer", [sys.executable, str(PEERS / "spacy_json.py"), str(source)]),
            ("razdel sentenize+tokenize", [sys.executable, str(PEERS / "razdel_json.py"), str(source)]),
        ]
        results = {name: Runs(name, size) for name, _ in documents}
        print(f"input: the seeds repeated to {size / MB:.1f} MB; {args.rounds} rounds, the commands in turn "
              f"in each (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        for _ in range(args.rounds):  # interleaved, so that a busy minute hurts each alike
            for name, argv in documents:
                wall, cpu, rss = run_once(argv, out, env)
                results[name].wall.append(wall)
                results[name].cpu.append(cpu)
                results[name].rss_kb.append(rss)
        startup = {"yntymaq --version": [yntymaq, "--version"],
                   "yntymaq chair --at 2012-03-01": [yntymaq, "chair", "--at", "2012-03-01"],
                   "python -c pass": [sys.executable, "-c", "pass"]}
        starts = {name: Runs(name) for name in startup}
        for _ in range(max(5, 3 * args.rounds)):
            for name, argv in startup.items():
                wall, cpu, rss = run_once(argv, out, env)
                starts[name].wall.append(wall)
                starts[name].cpu.append(cpu)
                starts[name].rss_kb.append(rss)
        big = one_line(folder, source, 4)
        big_size = big.stat().st_size
        line = Runs("yntymaq text --json, 1 line", big_size)
        wall, cpu, rss = run_once([yntymaq, "text", str(big), "--json"], out, env)
        line.wall.append(wall), line.cpu.append(cpu), line.rss_kb.append(rss)
        check_line = Runs("yntymaq check --json, 1 line", big_size)
        wall, cpu, rss = run_once([yntymaq, "check", str(big), "--json"], out, env)
        check_line.wall.append(wall), check_line.cpu.append(cpu), check_line.rss_kb.append(rss)

    print(f"\n  {'whole process':<34} {'min':>7} {'median':>7} {'max':>7}")
    for runs in [*results.values(), *starts.values()]:
        print(fmt_runs(runs))
    for runs in (line, check_line):
        print(f"  {runs.name + f' of {big_size / MB:.0f} MB':<34}" + fmt_runs(runs)[36:])

    text, extract, check = (results[n] for n in ("yntymaq text --json", "yntymaq extract --jsonl", "yntymaq check --json"))
    spacy, razdel = results["spaCy xx tokenizer+sentencizer"], results["razdel sentenize+tokenize"]
    version, query = starts["yntymaq --version"], starts["yntymaq chair --at 2012-03-01"]
    text_ratio, extract_ratio = text.mb_s / spacy.mb_s, extract.mb_s / spacy.mb_s
    print("\nTargets of issue 13 (medians; ratios within this run):")
    rows = [
        ("text --json vs spaCy xx", f"{text_ratio:.2f}×", f"≥ {TEXT_VS_SPACY:g}×", text_ratio >= TEXT_VS_SPACY,
         f"{text.mb_s:.2f} vs {spacy.mb_s:.2f} MB/s; razdel {razdel.mb_s:.2f} MB/s"),
        ("extract --jsonl vs spaCy xx", f"{extract_ratio:.2f}×", f"≥ {EXTRACT_VS_SPACY:g}×",
         extract_ratio >= EXTRACT_VS_SPACY, f"{extract.mb_s:.2f} vs {spacy.mb_s:.2f} MB/s"),
        ("extract --jsonl throughput", f"{extract.mb_s:.2f} MB/s", f"≥ {EXTRACT_MB_S:g} MB/s",
         extract.mb_s >= EXTRACT_MB_S, f"{extract.cpu_mb_s:.2f} MB/s of CPU"),
        ("text --json peak memory", f"{max(text.peak_mb, line.peak_mb):.0f} MB", f"≤ {TEXT_PEAK_MB:g} MB",
         max(text.peak_mb, line.peak_mb) <= TEXT_PEAK_MB,
         f"{text.peak_mb:.0f} MB at {size / MB:.0f} MB, {line.peak_mb:.0f} MB on one line of {big_size / MB:.0f} MB"),
        ("extract --jsonl peak memory", f"{extract.peak_mb:.0f} MB", f"≤ {READER_PEAK_MB:g} MB",
         extract.peak_mb <= READER_PEAK_MB, f"at {size / MB:.0f} MB"),
        ("check --json peak memory", f"{max(check.peak_mb, check_line.peak_mb):.0f} MB", f"≤ {READER_PEAK_MB:g} MB",
         max(check.peak_mb, check_line.peak_mb) <= READER_PEAK_MB,
         f"{check.peak_mb:.0f} MB at {size / MB:.0f} MB, {check_line.peak_mb:.0f} MB on one line of {big_size / MB:.0f} MB"),
        ("yntymaq --version", f"{version.median:.3f} s", f"≤ {VERSION_S:g} s", version.median <= VERSION_S,
         f"cpu {statistics.median(version.cpu):.3f} s; python -c pass {starts['python -c pass'].median:.3f} s"),
        ("chair --at (one-off query)", f"{query.median:.3f} s", f"≤ {QUERY_S:g} s", query.median <= QUERY_S,
         f"cpu {statistics.median(query.cpu):.3f} s"),
    ]
    for name, figure, target, ok, note in rows:
        print(f"  {name:<30} {figure:>10}   target {target:<18} {verdict(ok):<8} ({note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
