"""A text too long to read whole, read in windows: so that `check` and `extract` run in bounded memory.

The reader decides some things over the whole of a document — its language, the organisation it is
about, the names it disambiguates — and holds the document while it reads it (about 40 MB of memory per
MB of text). A text longer than `WINDOW_CHARS` is therefore read as a sequence of windows, each cut at a
paragraph break (else a line break, else the end of a sentence, else a space), each read as a document
of its own with the whole text's dateline (the first window's); every offset — of a sentence, a mention, a claim — is shifted
back into the whole text, and sentences are numbered through the whole text. A text up to
`WINDOW_CHARS` (every document of the corpus, the usual article) is one window: it is read exactly as
`process_text` reads it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from yntymaq.vocab import Claim, Date, Mention, Verdict

WINDOW_CHARS = 1 << 21
"""Characters of text read at once: ~2.1 million (4 MB of Cyrillic UTF-8), which the reader holds in
about 170 MB."""
_MIN_WINDOW = 0.5
"""A cut is looked for in the last half of a window: a window is never less than half as long."""

_CUTS = (re.compile(r"\n[ \t\r\f\v\u00a0]*\n"), re.compile(r"\n"), re.compile(r"[.!?…][\"»”')\]]*\s"), re.compile(r"\s"))


def _cut(text: str, size: int) -> int:
    """Where the first window of `text` (longer than `size`) ends: after the last paragraph break in
    its second half, else the last line break, sentence end or space, else at `size`."""
    low = int(size * _MIN_WINDOW)
    for pattern in _CUTS:
        last = None
        for last in pattern.finditer(text, low, size):
            pass
        if last is not None:
            return last.end()
    return size


def text_windows(blocks: Iterable[str], *, size: int = WINDOW_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, text) of each window of the text the blocks make up, in order; together they are the
    whole text, each `size` characters at most."""
    buffer, base = "", 0
    for block in blocks:
        buffer += block
        while len(buffer) > size:
            cut = _cut(buffer, size)
            yield base, buffer[:cut]
            buffer, base = buffer[cut:], base + cut
    if buffer or not base:
        yield base, buffer


@dataclass
class Window:
    """One window read and checked, its offsets and sentence numbers those of the whole text."""

    offset: int
    language: str
    sentences: list[tuple[int, int, str]]
    mentions: list[Mention]
    claims: list[tuple[Claim, Verdict]]


def read_windows(windows: Iterable[tuple[int, str]], kb, *, doc_id: str, lang: str | None = None,
                 doc_time: Date | None = None) -> Iterator[Window]:
    """Each window's sentences, mentions and checked claims, as `process_text` reads them, in the
    whole text's offsets. The first window's dateline dates the later ones (unless `doc_time` is given)."""
    from yntymaq.ingest import process_text
    from yntymaq.text.doctime import document_date

    sentences_before = 0
    for number, (offset, text) in enumerate(windows):
        if not text.strip():
            continue
        processed = process_text(text, kb, doc_id=doc_id, lang=lang, doc_time=doc_time)
        if number == 0 and doc_time is None:  # the text's dateline (without one, a later window's head may give one)
            dateline = document_date(text, processed.language)
            doc_time = dateline.value if dateline is not None else None
        yield shifted(processed, offset, sentences_before)
        sentences_before += len(processed.sentences)


def shifted(processed, offset: int, sentences_before: int) -> Window:
    """A window's reading with its offsets moved by `offset` and its sentences numbered after
    `sentences_before`."""
    if not offset and not sentences_before:
        return Window(0, processed.language, processed.sentences, processed.mentions, processed.claims)
    sentences = [(start + offset, end + offset, lang) for start, end, lang in processed.sentences]
    mentions = [replace(m, start=m.start + offset, end=m.end + offset, sentence=m.sentence + sentences_before)
                for m in processed.mentions]
    claims = []
    for claim, verdict in processed.claims:
        span = claim.span
        where = replace(span, sentence=span.sentence + sentences_before, start=span.start + offset,
                        end=span.end + offset)
        fact = replace(claim.fact, sources=tuple(where if s == span else s for s in claim.fact.sources))
        claims.append((replace(claim, fact=fact, span=where), verdict))
    return Window(offset, processed.language, sentences, mentions, claims)


def document_language(windows: list[tuple[str, int]]) -> str:
    """The language of a text read in windows: the one most of its characters were read in."""
    weight: Counter = Counter()
    for language, chars in windows:
        weight[language] += chars
    return weight.most_common(1)[0][0] if weight else "kk"
