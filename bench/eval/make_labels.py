"""Turn the human-editable labels (labels.src.jsonl) into labels.jsonl with character offsets.

Each source label names its evidence by a `quote`: the words of the sentence or clause that states
the fact. A long quote may be shortened to its first and last words joined by ` ... `. The quote is
found in the document as it was written, noise included: a run of spaces in the quote matches any
run of whitespace, a letter matches its Latin/Cyrillic look-alike (a/а, e/е, ə/ә, i/і ...), and a
word broken across a line by a hyphen matches the whole word. The quote must occur exactly once.

    python bench/eval/make_labels.py           # rewrite labels.jsonl
    python bench/eval/make_labels.py --check   # exit 1 if labels.jsonl is out of date

Offsets count characters (not bytes) of the text as `open(path, encoding="utf-8").read()` gives it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "labels.src.jsonl"
TARGET = HERE / "labels.jsonl"

FIELDS = ("doc", "lang", "predicate", "subject", "object", "value", "start", "end", "qualifiers",
          "quote_start", "quote_end", "expected_verdict", "optional", "any_dates", "quote", "note")
SOURCE_FIELDS = {"doc", "predicate", "subject", "object", "value", "start", "end", "qualifiers",
                 "quote", "expected_verdict", "optional", "any_dates", "note"}
REQUIRED = ("doc", "predicate", "subject", "quote", "expected_verdict")
GAP = " ... "
MAX_GAP = 600  # characters between two parts of a shortened quote: keeps a quote inside a paragraph

# Pairs of letters that PDF extraction and careless typing swap; both directions are accepted.
LOOKALIKES = [
    ("a", "а"), ("e", "е"), ("o", "о"), ("p", "р"), ("c", "с"), ("x", "х"), ("y", "у"), ("i", "і"),
    ("h", "һ"), ("k", "к"), ("ə", "ә"), ("ö", "ө"), ("A", "А"), ("B", "В"), ("C", "С"), ("E", "Е"),
    ("H", "Н"), ("K", "К"), ("M", "М"), ("O", "О"), ("P", "Р"), ("T", "Т"), ("X", "Х"), ("Y", "У"),
    ("I", "І"), ("Ə", "Ә"), ("Ö", "Ө"), ("I", "l"),
]


class LabelError(Exception):
    """A source label that cannot be turned into offsets; the message names the line and field."""


def _variants() -> dict[str, set[str]]:
    variants: dict[str, set[str]] = {}
    for one, other in LOOKALIKES:
        variants.setdefault(one, {one}).add(other)
        variants.setdefault(other, {other}).add(one)
    return variants


_VARIANTS = _variants()
_HYPHENATION = r"(?:-[ \t]*\r?\n[ \t]*)?"


def quote_pattern(part: str) -> str:
    """A regular expression for one part of a quote, tolerant of the noise described above."""
    pieces: list[str] = []
    previous_letter = False
    for ch in part:
        if ch.isspace():
            if not pieces or pieces[-1] != r"\s+":
                pieces.append(r"\s+")
            previous_letter = False
            continue
        if ch.isalpha() and previous_letter:
            pieces.append(_HYPHENATION)
        options = sorted(_VARIANTS.get(ch, {ch}))
        pieces.append(re.escape(ch) if len(options) == 1 else "[" + "".join(re.escape(o) for o in options) + "]")
        previous_letter = ch.isalpha()
    return "".join(pieces)


def locate(text: str, quote: str) -> tuple[int, int]:
    """The (start, end) offsets of the single place `quote` occurs in `text`."""
    parts = [p.strip() for p in quote.split(GAP)]
    if any(not p for p in parts):
        raise LabelError(f"quote {quote!r} has an empty part around '...'")
    gap = r"[\s\S]{0,%d}?" % MAX_GAP
    pattern = re.compile(gap.join(f"(?:{quote_pattern(p)})" for p in parts))
    matches = list(pattern.finditer(text))
    if not matches:
        raise LabelError(f"quote {quote!r} is not in the document")
    starts = {m.start() for m in matches}
    for m in matches:  # overlapping occurrences are invisible to finditer: look for a second start
        again = pattern.search(text, m.start() + 1)
        if again:
            starts.add(again.start())
    if len(starts) > 1:
        raise LabelError(f"quote {quote!r} occurs {len(starts)} times in the document: make it longer")
    return matches[0].start(), matches[0].end()


def read_source(path: Path = SOURCE) -> list[tuple[int, dict]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise LabelError(f"{path.name}:{number}: not JSON: {err.msg} at column {err.colno}") from None
        if not isinstance(row, dict):
            raise LabelError(f"{path.name}:{number}: a label must be a JSON object")
        rows.append((number, row))
    return rows


def build_labels(source: Path = SOURCE, eval_dir: Path = HERE) -> list[dict]:
    """Every label of `source` with its language and offsets, in the order of the source file."""
    texts: dict[str, str] = {}
    labels = []
    for number, row in read_source(source):
        where = f"{source.name}:{number}"
        unknown = sorted(set(row) - SOURCE_FIELDS)
        if unknown:
            raise LabelError(f"{where}: unknown field(s) {', '.join(unknown)}")
        for name in REQUIRED:
            if not row.get(name):
                raise LabelError(f"{where}: field {name!r} is missing")
        doc = row["doc"]
        lang = doc.split("/", 1)[0]
        if doc not in texts:
            path = eval_dir / doc
            if not path.is_file():
                raise LabelError(f"{where}: doc: no file {doc} in {eval_dir.name}/")
            texts[doc] = path.read_text(encoding="utf-8")
        try:
            start, end = locate(texts[doc], row["quote"])
        except LabelError as err:
            raise LabelError(f"{where}: quote: {err} ({doc})") from None
        label = {
            "doc": doc, "lang": lang, "predicate": row["predicate"], "subject": row["subject"],
            "object": row.get("object"), "value": row.get("value"), "start": row.get("start"),
            "end": row.get("end"), "qualifiers": row.get("qualifiers") or {},
            "quote_start": start, "quote_end": end, "expected_verdict": row["expected_verdict"],
            "optional": bool(row.get("optional", False)), "quote": texts[doc][start:end],
        }
        if row.get("any_dates"):
            label["any_dates"] = True
        if row.get("note"):
            label["note"] = row["note"]
        labels.append({k: label[k] for k in FIELDS if k in label})
    return labels


def render(labels: list[dict]) -> str:
    return "".join(json.dumps(label, ensure_ascii=False) + "\n" for label in labels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that labels.jsonl is up to date")
    args = parser.parse_args(argv)
    try:
        text = render(build_labels())
    except LabelError as err:
        print(f"make_labels: {err}", file=sys.stderr)
        return 2
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print("make_labels: labels.jsonl is out of date: run python bench/eval/make_labels.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.name}: {text.count(chr(10))} labels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
