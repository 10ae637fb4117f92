"""The question sets: right, confidently wrong and abstained per language, and the latency of `ask` in
process and of the whole `yntymaq ask` command.

`questions/questions.jsonl` was written beside the reader. `questions/heldout.jsonl` was written before
the reader was looked at for it and is split by line number: its odd lines tune the reader, its even
lines are held out (only scored; read them for nothing else).

    python bench/bench_ask.py [--errors] [--errors-heldout] [--no-command]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions" / "questions.jsonl"
HELDOUT = HERE / "questions" / "heldout.jsonl"


def load(path: Path = QUESTIONS) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise SystemExit(f"{path.name}:{number}: not JSON: {err}") from None
        if not {"id", "lang", "question", "expect"} <= row.keys():
            raise SystemExit(f"{path.name}:{number}: needs id, lang, question and expect")
        row["line"] = number
        rows.append(row)
    return rows


def halves(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The tuning half (odd line numbers) and the held-out half (even ones)."""
    return [r for r in rows if r["line"] % 2], [r for r in rows if not r["line"] % 2]


def judge(result: dict, expect: dict) -> str:
    """right, wrong or abstained: an answer given where an abstention is expected is wrong."""
    if expect.get("abstain"):
        return "right" if result["abstained"] else "wrong"
    if result["abstained"]:
        return "abstained"
    answers = result["answers"]
    if "option" in expect:
        return "right" if result["understood"].get("choice") == expect["option"] else "wrong"
    if "yes" in expect:
        return "right" if answers and answers[0]["value"] == ("yes" if expect["yes"] else "no") else "wrong"
    if "entity" in expect:
        return "right" if any(a["entity"] and a["entity"]["id"] == expect["entity"] for a in answers) else "wrong"
    if "count" in expect:
        return "right" if answers and answers[0]["value"] == str(expect["count"]) else "wrong"
    if "value" in expect:
        want = str(expect["value"])
        # where the sources disagree, every version stated counts (the answer says they disagree)
        values = [a["value"] or "" for a in answers] + [f["start"] or "" for a in answers for f in a["facts"]
                                                       if result["reason"] or len(a["facts"]) > 1]
        return "right" if any(v.startswith(want) or want in v.split(", ") for v in values) else "wrong"
    raise ValueError(f"unknown expectation {expect}")


def score(kb, rows: list[dict]) -> tuple[dict, list[tuple[dict, dict, str]], list[float]]:
    from yntymaq.ask import ask

    tally: dict[str, dict[str, int]] = {}
    judged, times = [], []
    for row in rows:
        start = time.perf_counter()
        result = ask(kb, row["question"])
        times.append(time.perf_counter() - start)
        verdict = judge(result, row["expect"])
        judged.append((row, result, verdict))
        for key in (row["lang"], "all"):
            tally.setdefault(key, {"right": 0, "wrong": 0, "abstained": 0})[verdict] += 1
    return tally, judged, times


def table(title: str, rows: list[dict], tally: dict) -> None:
    print(f"{title}: {len(rows)} questions (abstain expected: {sum(1 for r in rows if r['expect'].get('abstain'))})")
    print(f"  {'lang':<5} {'n':>4} {'right':>7} {'wrong':>7} {'abstained':>10}")
    for lang in ("kk", "ru", "en", "all"):
        t = tally.get(lang)
        if not t:
            continue
        n = sum(t.values())
        print(f"  {lang:<5} {n:>4} {t['right'] / n:>7.1%} {t['wrong'] / n:>7.1%} {t['abstained'] / n:>10.1%}")


def errors(judged) -> None:
    for row, result, verdict in judged:
        if verdict != "right":
            got = result["reason"] if result["abstained"] else " | ".join(a["text"] for a in result["answers"])
            print(f"{verdict:<9} {row['id']} {row['question']}\n          expected {row['expect']}; got {got[:200]}")


def main() -> int:
    from yntymaq.kb import KB

    kb = KB.open()
    rows = load()
    heldout = load(HELDOUT)
    tune, held = halves(heldout)
    from yntymaq.ask import ask

    ask(kb, rows[0]["question"])  # builds the linker once, as a server does at its first question
    tally, judged, _ = score(kb, rows)
    _, _, times = score(kb, rows)  # the second pass: warm caches, as a running server has
    table("own set (questions.jsonl, written beside the reader)", rows, tally)
    scored = {}
    for title, part in (("held-out set, tuning half (odd lines)", tune), ("held-out set, held-out half (even lines)", held),
                        ("held-out set, whole", heldout)):
        scored[title] = score(kb, part)
        table(title, part, scored[title][0])
    print(f"ask in process: p50 {statistics.median(times) * 1000:.2f} ms, "
          f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.2f} ms (2 shared cores: noisy)")
    if "--no-command" not in sys.argv:
        exe = Path(sys.executable).with_name("yntymaq")
        wall = []
        for row in rows[:: max(1, len(rows) // 7)][:7]:
            start = time.perf_counter()
            subprocess.run([str(exe), "ask", row["question"]], capture_output=True, env=os.environ)
            wall.append(time.perf_counter() - start)
        print(f"yntymaq ask (whole command, {len(wall)} runs): p50 {statistics.median(wall):.2f} s")
    if "--errors" in sys.argv:
        errors(judged)
        errors(scored["held-out set, tuning half (odd lines)"][1])
    if "--errors-heldout" in sys.argv:  # for the final report only: the held-out half is not for tuning
        errors(scored["held-out set, held-out half (even lines)"][1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
