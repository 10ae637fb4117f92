"""spaCy's blank `xx` tokenizer + sentencizer over a file, writing the JSON `yntymaq text --json` writes."""

from __future__ import annotations

import sys

from _common import kind, paragraphs, write


def sentences(path: str):
    import spacy

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    paras = list(paragraphs(text))
    for (base, _), doc in zip(paras, nlp.pipe((p for _, p in paras), batch_size=256)):
        for sent in doc.sents:
            start = base + sent.start_char
            yield {"start": start, "end": base + sent.end_char, "text": sent.text, "norm": sent.text,
                   "language": None,
                   "tokens": [{"start": base + t.idx, "end": base + t.idx + len(t.text), "text": t.text,
                               "kind": kind(t.text)} for t in sent if not t.is_space],
                   "dates": [], "ordinals": []}


if __name__ == "__main__":
    write(sys.argv[1], ["tokenize", "segment"], sentences(sys.argv[1]))
