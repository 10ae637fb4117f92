"""Benchmark of the text engine: throughput, memory and sentence segmentation accuracy.

On one input built in this run — the two seed documents repeated to at least 20 MB, then Russian and
English text of the project's own (the labelled texts without their marks) — it measures:

- throughput of normalise + segment + tokenise (`yntymaq.text.pipeline.scan`, original offsets
  for every sentence and token), and of spaCy's blank `xx` tokenizer + sentencizer and razdel's
  sentenize + tokenize over the same text, in MB of UTF-8 per second of CPU time on one core;
- peak memory (resident set) of streaming the engine over a file of two sizes, each in a fresh
  process, to show that it stays flat as the input grows;
- precision, recall and F1 of the sentence ends each of the three finds in the labelled texts
  (`bench/labelled/`) and, when the test data is there, in the seeds.

Run from the repository root: `python bench/bench_text.py` (`--quick` for a small smoke run).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "bench" / "labelled"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_GOLD = ROOT / "tests" / "data" / "seed_sentence_ends.tsv"
MARK = "‖"
LANGS = ("kk", "ru", "en")

sys.path.insert(0, str(ROOT / "src"))


# ------------------------------------------------------------------------------------ input

def labelled(lang: str) -> tuple[str, list[int]]:
    """A labelled text without its marks, and the offsets where the marks were."""
    raw = (LABELLED / f"{lang}.txt").read_text(encoding="utf-8")
    parts = raw.split(MARK)
    ends, text = [], []
    length = 0
    for part in parts[:-1]:
        text.append(part)
        length += len(part)
        ends.append(length)
    text.append(parts[-1])
    return "".join(text), ends


def build_input(seed_mb: float, other_mb: float) -> str:
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    unit = "\n\n".join(seed.strip() for seed in seeds) + "\n\n"
    parts = [unit * (int(seed_mb * 1e6 / len(unit.encode("utf-8"))) + 1)]
    for lang in ("ru", "en"):
        text, _ = labelled(lang)
        unit = text.strip() + "\n\n"
        parts.append(unit * (int(other_mb * 1e6 / len(unit.encode("utf-8"))) + 1))
    return "".join(parts)


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def split_parts(text: str, count: int) -> list[str]:
    """`text` in `count` parts of about equal size, cut at paragraph breaks."""
    parts, start = [], 0
    for i in range(1, count):
        cut = text.find("\n\n", len(text) * i // count)
        if cut < 0:
            break
        parts.append(text[start:cut + 2])
        start = cut + 2
    parts.append(text[start:])
    return [part for part in parts if part]


# ------------------------------------------------------------------------------- throughput

def run_ours(text: str) -> tuple[int, int]:
    from yntymaq.text.pipeline import scan

    block = 1 << 20
    sentences = tokens = 0
    for piece in scan(text[i:i + block] for i in range(0, len(text), block)):
        sentences += len(piece)
        tokens += len(piece.tokens)
        for sent in piece.sentences():
            pass  # each sentence with its tokens, as a consumer would take them
    return sentences, tokens


def spacy_pipeline():
    import spacy

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def run_spacy(paras: list[str], nlp) -> tuple[int, int]:
    sentences = tokens = 0
    for doc in nlp.pipe(paras, batch_size=256):
        sentences += sum(1 for _ in doc.sents)
        tokens += len(doc)
    return sentences, tokens


def run_razdel(paras: list[str]) -> tuple[int, int]:
    from razdel import sentenize, tokenize

    sentences = tokens = 0
    for para in paras:
        for sent in sentenize(para):
            sentences += 1
            tokens += sum(1 for _ in tokenize(sent.text))
    return sentences, tokens


def cpu_seconds(func, *args) -> tuple[float, tuple[int, int]]:
    start = time.process_time()
    result = func(*args)
    return time.process_time() - start, result


# ----------------------------------------------------------------------------------- memory

MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, {src!r})
def peak_kb():
    # VmHWM is this process's own peak; ru_maxrss would carry over the parent's peak across exec
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from yntymaq.text.pipeline import scan
from yntymaq.text.read import stream_file
if {run}:
    stream = stream_file({path!r})
    count = 0
    for piece in scan(stream.blocks):
        for sent in piece.sentences():
            count += len(sent.pieces)
print(peak_kb())
"""


def peak_rss_kb(path: Path, *, run: bool) -> int:
    code = MEMORY_CHILD.format(src=str(ROOT / "src"), path=str(path), run=run)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------- accuracy

def trimmed(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def inner_ends(text: str, ends) -> set[int]:
    """Sentence ends inside the text (the end of the text itself is not counted), whitespace trimmed."""
    last = len(text.rstrip())
    return {e for e in (trimmed(text, end) for end in ends) if 0 < e < last}


def ends_ours(text: str) -> list[int]:
    from yntymaq.text.pipeline import scan

    return [end for piece in scan(text) for end in piece.ends]


def ends_spacy(text: str, nlp) -> list[int]:
    return [sent.end_char for sent in nlp(text).sents]


def ends_razdel(text: str) -> list[int]:
    from razdel import sentenize

    return [sent.stop for sent in sentenize(text)]


def scores(gold: set[int], found: set[int]) -> tuple[float, float, float]:
    hits = len(gold & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def seed_cases() -> list[tuple[str, str, list[int]]]:
    """(name, text, sentence ends) of the seeds, from the tests' data, when both are there."""
    if not SEED_GOLD.is_file() or not SEEDS.is_dir():
        return []
    ends: dict[str, list[int]] = {}
    with SEED_GOLD.open(encoding="utf-8") as handle:
        for row in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"):
            ends.setdefault(row["seed"], []).append(int(row["end"]))
    return [(f"seed {name[:3]}", (SEEDS / name).read_text(encoding="utf-8"), found)
            for name, found in sorted(ends.items())]


# ------------------------------------------------------------------------------------- main

def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    print(f"\n{title}")
    print("  " + "  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)))
    print("  " + "  ".join("-" * width for width in widths))
    for row in rows:
        print("  " + "  ".join(str(cell).rjust(width) if i else str(cell).ljust(width)
                               for i, (cell, width) in enumerate(zip(row, widths))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small input, for a smoke run")
    args = parser.parse_args()
    seed_mb, other_mb = (1.0, 0.2) if args.quick else (20.0, 2.0)
    memory_sizes = (2, 8) if args.quick else (10, 40)

    started = time.perf_counter()
    text = build_input(seed_mb, other_mb)
    size_mb = len(text.encode("utf-8")) / 1e6
    paras = paragraphs(text)
    print(f"Input: {size_mb:.1f} MB of UTF-8 ({len(text):,} characters): the seeds repeated to "
          f"{seed_mb:g}+ MB, then {other_mb:g}+ MB each of the Russian and English labelled texts.")
    print(f"Python {sys.version.split()[0]}, one process, CPU time (time.process_time).")

    nlp = spacy_pipeline()
    # warm up (compiled patterns, loaded tables) so that no system pays for its first call
    run_ours(text[:200_000])
    run_spacy(paragraphs(text[:200_000]), nlp)
    run_razdel(paragraphs(text[:20_000]))
    # The three run in turn on each part of the input, so that a busy machine slows them alike;
    # two rounds for the fast two, each system's better round counts.
    parts = split_parts(text, 6)
    totals: dict[str, list[float]] = {"ours": [], "spacy": [], "razdel": []}
    counts: dict[str, tuple[int, int]] = {}
    for round_number in range(2):
        seconds = dict.fromkeys(totals, 0.0)
        found = {name: [0, 0] for name in totals}
        for part in parts:
            paras_of_part = paragraphs(part)
            runs = [("ours", run_ours, (part,)), ("spacy", run_spacy, (paras_of_part, nlp))]
            if round_number == 0:
                runs.append(("razdel", run_razdel, (paras_of_part,)))
            for name, func, args in runs:
                spent, (sentences, tokens) = cpu_seconds(func, *args)
                seconds[name] += spent
                found[name][0] += sentences
                found[name][1] += tokens
        for name in totals:
            if round_number == 0 or name != "razdel":
                totals[name].append(seconds[name])
                counts[name] = tuple(found[name])
    rates = {name: size_mb / min(values) for name, values in totals.items()}
    rows = [
        ["yntymaq (normalise+segment+tokenise)", f"{rates['ours']:.1f}", *map("{:,}".format, counts["ours"]), "1.0"],
        ["spaCy xx tokenizer+sentencizer", f"{rates['spacy']:.1f}", *map("{:,}".format, counts["spacy"]),
         f"{rates['ours'] / rates['spacy']:.1f}x"],
        ["razdel sentenize+tokenize", f"{rates['razdel']:.1f}", *map("{:,}".format, counts["razdel"]),
         f"{rates['ours'] / rates['razdel']:.1f}x"],
    ]
    table("Throughput (MB of UTF-8 per second of CPU time, one core; the three take turns on six parts "
          "of the input; others get the text cut into paragraphs)",
          ["system", "MB/s", "sentences", "tokens", "yntymaq is"], rows)

    with tempfile.TemporaryDirectory() as tmp:
        base = peak_rss_kb(Path(tmp) / "none.txt", run=False)
        rows = []
        unit = build_input(1.0, 0.1)
        for mb in memory_sizes:
            path = Path(tmp) / f"input-{mb}.txt"
            with path.open("w", encoding="utf-8") as handle:
                written = 0
                while written < mb * 1e6:
                    handle.write(unit)
                    written += len(unit.encode("utf-8"))
            peak = peak_rss_kb(path, run=True)
            rows.append([f"{written / 1e6:.0f} MB file", f"{peak / 1024:.1f}", f"{(peak - base) / 1024:.1f}"])
            os.remove(path)
    table(f"Peak memory streaming a file (fresh process each; interpreter and imports alone: {base / 1024:.1f} MB)",
          ["input", "peak RSS MB", "above baseline MB"], rows)

    rows = []
    cases = [(lang, *labelled(lang)) for lang in LANGS] + seed_cases()
    for name, sample, gold_ends in cases:
        gold = inner_ends(sample, gold_ends)
        row = [name, str(len(gold))]
        for finder in (ends_ours, lambda t: ends_spacy(t, nlp), ends_razdel):
            precision, recall, f1 = scores(gold, inner_ends(sample, finder(sample)))
            row.append(f"{precision:.2f}/{recall:.2f}/{f1:.2f}")
        rows.append(row)
    table("Sentence ends found in labelled text: precision/recall/F1",
          ["text", "ends", "yntymaq", "spaCy xx", "razdel"], rows)
    print(f"\nTotal time {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
