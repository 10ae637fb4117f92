"""razdel's sentenize + tokenize over a file, writing the JSON `yntymaq text --json` writes."""

from __future__ import annotations

import sys

from _common import kind, paragraphs, write


def sentences(path: str):
    from razdel import sentenize, tokenize

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    for base, para in paragraphs(text):
        for sent in sentenize(para):
            start = base + sent.start
            yield {"start": start, "end": base + sent.stop, "text": sent.text, "norm": sent.text, "language": None,
                   "tokens": [{"start": start + t.start, "end": start + t.stop, "text": t.text, "kind": kind(t.text)}
                              for t in tokenize(sent.text)],
                   "dates": [], "ordinals": []}


if __name__ == "__main__":
    write(sys.argv[1], ["tokenize", "segment"], sentences(sys.argv[1]))
