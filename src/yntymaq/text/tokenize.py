"""Tokenisation with offsets: words, numbers, abbreviations and punctuation.

A word keeps its inner hyphens and apostrophes (іс-шаралар, БҰҰ-ға, 39-сессияда, O'Brien); a number
keeps its decimal part and a range (1,2; 15-16; 70-80). An abbreviation keeps its full stops when the
abbreviation tables know it (т.б., 1997 ж., Mr.), when it is a chain of single letters with full
stops (Н.Ә., U.N.) and when it is an initial (Е. Ыдырысов). A run of terminal marks (.., ..., ?!) is
one token; any other character that is not a space is a token of its own.

Speed matters here (every document passes through), so one regular expression cuts the text into
pieces — a token and the whitespace after it — in C, and the offsets are a running sum of the pieces'
lengths; nothing is done per token in Python until a caller asks for a token.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from yntymaq.text.alphabet import LETTER_CLASS
from yntymaq.text.segment import abbreviations

LETTER = LETTER_CLASS
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u018f\u0400-\u042f"  # capitals an initial may be


def _abbreviation_check() -> str:
    """After a word and a full stop: is the word with its stop a known abbreviation or an initial?

    One look-behind per length (Python's look-behinds have a fixed width), tried only when a full
    stop follows a word, so ordinary words pay nothing for it.
    """
    table = abbreviations()
    by_length: dict[int, list[str]] = {2: [f"[{UPPER}]\\."]}
    for word in table.exact:
        if word.count(".") == 1 and word not in table.folded:
            by_length.setdefault(len(word), []).append(re.escape(word))
    for word in table.folded:
        if word.count(".") == 1:
            by_length.setdefault(len(word), []).append(f"(?i:{re.escape(word)})")
    start = f"(?<![{LETTER}\\-'’ʼ])"
    checks = "|".join(f"(?<={start}(?:{'|'.join(alts)}))" for _, alts in sorted(by_length.items()))
    return f"(?:\\.(?:{checks}))?"


@lru_cache(maxsize=1)
def _piece_pattern() -> re.Pattern[str]:
    chain = rf"[{LETTER}]\.(?:[{LETTER}]\.)+"  # т.б., т.с.с., Н.Ә., U.N., e.g.
    word = rf"[{LETTER}]+(?:[-'’ʼ](?:[{LETTER}]+|[0-9]+))*{_abbreviation_check()}"
    number = rf"[0-9]+(?:[.,][0-9]+|[-–'’ʼ](?:[{LETTER}]+|[0-9]+))*"
    return re.compile(rf"(?:{chain}|{word}|{number}|[.!?…]+|[^\W\d_]+|\S)\s*")


def token_kind(token: str) -> str:
    """word, number, abbr (with its full stops) or punct, for a token without trailing space."""
    first = token[0]
    if first.isdigit():
        return "word" if any(ch.isalpha() for ch in token) else "number"
    if first.isalpha():
        return "abbr" if token[-1] == "." else "word"
    return "punct"


@dataclass(frozen=True, slots=True)
class Tokenized:
    """The tokens of a text: `pieces[i]` is token i with the whitespace after it, starting at
    `starts[i]` (offsets in the text, plus the offset it was tokenised at)."""

    pieces: list[str]
    starts: list[int]

    def __len__(self) -> int:
        return len(self.pieces)

    def text(self, i: int) -> str:
        return self.pieces[i].rstrip()

    def span(self, i: int) -> tuple[int, int]:
        start = self.starts[i]
        return start, start + len(self.pieces[i].rstrip())

    def kind(self, i: int) -> str:
        return token_kind(self.text(i))

    def between(self, start: int, end: int) -> range:
        """Indices of the tokens that start in `start:end`."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))


def tokenize(text: str, offset: int = 0) -> Tokenized:
    """Cut `text` into tokens; offsets are shifted by `offset`."""
    pieces = _piece_pattern().findall(text)
    lead = len(text) - len(text.lstrip())
    starts = list(accumulate(map(len, pieces), initial=offset + lead))
    starts.pop()
    return Tokenized(pieces, starts)


def tokens(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, kind) of every token of `text`: the convenient, slower form."""
    tokenized = tokenize(text)
    return [(*tokenized.span(i), tokenized.text(i), tokenized.kind(i)) for i in range(len(tokenized))]
