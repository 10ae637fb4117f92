"""The question set (`bench/questions/questions.jsonl`): right, confidently wrong and abstained per
language, and the latency of `ask` in process and of the whole `yntymaq ask` command.

    python bench/bench_ask.py [--errors] [--no-command]
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
        rows.append(row)
    return rows


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


def main() -> int:
    from yntymaq.kb import KB

    kb = KB.open()
    rows = load()
    from yntymaq.ask import ask

    ask(kb, rows[0]["question"])  # builds the linker once, as a server does at its first question
    tally, judged, _ = score(kb, rows)
    _, _, times = score(kb, rows)  # the second pass: warm caches, as a running server has
    print(f"questions: {len(rows)} (abstain expected: {sum(1 for r in rows if r['expect'].get('abstain'))})")
    print(f"{'lang':<5} {'n':>4} {'right':>7} {'wrong':>7} {'abstained':>10}")
    for lang in ("kk", "ru", "en", "all"):
        t = tally.get(lang)
        if not t:
            continue
        n = sum(t.values())
        print(f"{lang:<5} {n:>4} {t['right'] / n:>7.1%} {t['wrong'] / n:>7.1%} {t['abstained'] / n:>10.1%}")
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
        for row, result, verdict in judged:
            if verdict != "right":
                got = result["reason"] if result["abstained"] else " | ".join(a["text"] for a in result["answers"])
                print(f"{verdict:<9} {row['id']} {row['question']}\n          expected {row['expect']}; got {got[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
