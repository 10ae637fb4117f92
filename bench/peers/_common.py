"""What the peers share: the input cut into paragraphs with their offsets, and the JSON that
`yntymaq text --json` writes, written as it goes with the same encoder."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

try:
    import orjson

    def dumps(value) -> bytes:
        return orjson.dumps(value)
except ImportError:  # the standard library's C encoder, compact
    import json

    _encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def dumps(value) -> bytes:
        return _encode(value).encode("utf-8")

_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) of every non-empty paragraph."""
    start = 0
    for match in _BREAK.finditer(text):
        if text[start:match.start()].strip():
            yield start, text[start:match.start()]
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


def kind(text: str) -> str:
    if text[:1].isdigit():
        return "number"
    if not any(ch.isalnum() for ch in text):
        return "punct"
    return "word"


def write(path: str, stages: list[str], sentences: Iterable[dict]) -> None:
    """The document's JSON, each sentence written as it is made."""
    out = sys.stdout.buffer
    head = {"file": path, "format": "text", "encoding": "utf-8", "language": None, "script": "cyrl",
            "transliteration": None, "stages": stages}
    out.write(dumps(head)[:-1] + b',"sentences":[')
    for number, sent in enumerate(sentences):
        out.write((b"," if number else b"") + dumps(sent))
    out.write(b"]}\n")
    out.flush()
