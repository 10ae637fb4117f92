"""Normalisation with an exact way back: mixed scripts, PDF hyphenation and whitespace.

`normalize(text)` returns the repaired text and an `OffsetMap` from every offset of the repaired
text to the original. Two kinds of change are made:

- one-for-one changes, which keep every offset: exotic spaces become a plain space, Unicode
  hyphens a plain hyphen, and Latin look-alike letters inside Cyrillic words become the Cyrillic
  letter (мəлім → мәлім, Бiздiң → Біздің; in a mostly Latin word the other way round);
- changes of length, each recorded in the map: runs of spaces fold to one space, whitespace around
  a line break to one `\\n` and around two or more to `\\n\\n` (a paragraph break); a word broken
  by a hyphen and a line break or two spaces (оппозия-  ны) is joined; soft hyphens and zero-width
  characters go; combining accents are composed (NFC).

Real hyphenated words (іс-шаралар, сауда-экономикалық, Әл-Акса) are left alone: only a hyphen
followed by a line break or by two or more spaces is a PDF break. Before a capital letter the hyphen
is kept and only the break goes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from yntymaq.text.alphabet import LETTER_CLASS
from yntymaq.text.tables import load_table

CYRILLIC = "\u0400-\u052f"
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0259"

# One-for-one: every character here is replaced by exactly one character.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v\f"
_ONE_FOR_ONE = {ord(ch): " " for ch in _SPACES}
_ONE_FOR_ONE.update({0x2028: "\n", 0x2029: "\n", 0x2010: "-", 0x2011: "-", 0x0085: "\n"})

_BREAK = r"(?:\r\n|[\r\n])"
# Changes of length. Each pattern starts with a rare character, so the regular-expression engine
# skips ahead quickly; overlaps between them are resolved in `_edits`.
# whitespace around line breaks (the spaces before it are added by hand); the first pattern starts
# with a literal \n and matches only where there is something to fold
_LINES = re.compile(r"\n(?:(?<= \n)|(?=[ \n]))[ \n]*")
_LINES_CR = re.compile(r"[\r\n][ \r\n]*")
_SPACES = re.compile(r"  +")
_HYPHEN_BREAK = re.compile(rf"-(?: *{_BREAK} *| {{2,}})")  # hyphen + line break, or hyphen + 2+ spaces
_DROP = re.compile(rf"\u00ad(?: *{_BREAK} *)?|[\u200b\u200d\u2060\ufeff]+")  # soft hyphen, zero widths
_DROPPED = "\u00ad\u200b\u200d\u2060\ufeff"
_COMPOSE = re.compile(r".[\u0300-\u036f\u0483-\u0489]+", re.S)  # a letter and its combining marks

HYPHEN, DROP, LINES, SPACES, COMPOSE = range(5)

# a Latin letter next to a Cyrillic one; starting with the Latin letter lets Cyrillic text be skipped fast
_TRANSITION = re.compile(f"[{LATIN}](?:(?<=[{CYRILLIC}][{LATIN}])|(?=[{CYRILLIC}]))")
_LETTERS = re.compile(f"[{LETTER_CLASS}]*")
_IS_CYRILLIC = re.compile(f"[{CYRILLIC}]")
_IS_LATIN = re.compile(f"[{LATIN}]")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """From offsets of a normalised text to offsets of the original.

    The normalised text is a sequence of segments, each starting at `norm[i]`. A copied segment
    maps one for one from `orig[i]`; a replacing segment (`span_end[i] >= 0`) stands for the
    original span `orig[i]:span_end[i]`, and each of its characters maps to the span's start.
    Text the normaliser dropped has no segment: no normalised offset maps into it.
    """

    norm: tuple[int, ...]
    orig: tuple[int, ...]
    span_end: tuple[int, ...]
    norm_length: int
    orig_length: int

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls((0,), (0,), (-1,), length, length)

    @property
    def is_identity(self) -> bool:
        return len(self.norm) == 1 and self.orig[0] == 0 and self.span_end[0] < 0

    def to_original(self, offset: int) -> int:
        """The original offset of the normalised character at `offset` (or of the text's end)."""
        if offset >= self.norm_length:
            return self.orig_length
        i = bisect_right(self.norm, offset) - 1
        if self.span_end[i] >= 0:
            return self.orig[i]
        return self.orig[i] + offset - self.norm[i]

    def to_original_end(self, end: int) -> int:
        """The original offset just after the normalised character at `end - 1`: the end of a span."""
        if end <= 0:
            return self.to_original(0) if self.norm_length == 0 else 0
        i = bisect_right(self.norm, end - 1) - 1
        if self.span_end[i] >= 0:
            return self.span_end[i]
        return self.orig[i] + end - self.norm[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span `start:end` (end exclusive)."""
        if end <= start:
            at = self.to_original(start)
            return at, at
        return self.to_original(start), self.to_original_end(end)

    def delta(self, start: int, end: int) -> int | None:
        """The constant `orig - norm` over `start:end` when that span lies in one copied segment,
        else None: lets callers map many offsets at once without a search."""
        if end <= start:
            return None
        i = bisect_right(self.norm, start) - 1
        if self.span_end[i] >= 0:
            return None
        if i + 1 < len(self.norm) and self.norm[i + 1] < end:
            return None
        return self.orig[i] - self.norm[i]

    def starts_to_original(self, offsets: list[int]) -> list[int]:
        """`to_original` of many sorted offsets at once: one step per segment, not per offset."""
        if self.is_identity:
            return offsets
        return self._many(offsets, 0)

    def ends_to_original(self, offsets: list[int]) -> list[int]:
        """`to_original_end` of many sorted span ends (each > 0) at once."""
        if self.is_identity:
            return offsets
        return self._many(offsets, 1)

    def _many(self, offsets: list[int], shift: int) -> list[int]:
        out: list[int] = []
        norm, orig, span_end = self.norm, self.orig, self.span_end
        last = len(norm) - 1
        lo = 0
        for i in range(len(norm)):
            hi = len(offsets) if i == last else bisect_left(offsets, norm[i + 1] + shift, lo)
            if hi > lo:
                if span_end[i] >= 0:
                    out.extend(repeat(span_end[i] if shift else orig[i], hi - lo))
                else:
                    delta = orig[i] - norm[i]
                    out.extend(map(delta.__add__, offsets[lo:hi]) if delta else offsets[lo:hi])
            lo = hi
        return out

    def source(self, offset: int) -> tuple[int, int, bool]:
        """Where the normalised character at `offset` came from: (original start, original end,
        replaced?) — a copied character's one-character span, or the whole span it replaced."""
        i = bisect_right(self.norm, offset) - 1
        if self.span_end[i] >= 0:
            return self.orig[i], self.span_end[i], True
        at = self.orig[i] + offset - self.norm[i]
        return at, at + 1, False


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and the map back to the text it came from."""

    text: str
    map: OffsetMap


@dataclass(frozen=True, slots=True)
class Lookalikes:
    """Latin and Cyrillic letters that look alike, from `kk/lookalikes.tsv`."""

    to_cyrillic: dict[int, str]
    to_latin: dict[int, str]
    latin_twins: frozenset[str]
    cyrillic_twins: frozenset[str]


@lru_cache(maxsize=1)
def lookalikes() -> Lookalikes:
    rows = load_table("kk", "lookalikes", ("latin", "cyrillic"), (("latin", "latin"), ("cyrillic", "kk")))
    to_latin: dict[int, str] = {}
    for row in rows:
        to_latin.setdefault(ord(row["cyrillic"]), row["latin"])
    return Lookalikes({ord(row["latin"]): row["cyrillic"] for row in rows}, to_latin,
                      frozenset(row["latin"] for row in rows), frozenset(row["cyrillic"] for row in rows))


def fix_mixed_word(word: str) -> str:
    """One word written in two scripts, put into one: the script its other letters decide.

    A letter that has no twin in the other script (ң, д, ы; d, f, g) settles it; otherwise the
    script of most letters wins, Cyrillic on a tie.
    """
    table = lookalikes()
    cyrillic = latin = 0
    cyrillic_distinct = latin_distinct = False
    for ch in word:
        if _IS_CYRILLIC.match(ch):
            cyrillic += 1
            cyrillic_distinct = cyrillic_distinct or ch not in table.cyrillic_twins
        elif _IS_LATIN.match(ch):
            latin += 1
            latin_distinct = latin_distinct or ch not in table.latin_twins
    to_cyrillic = cyrillic_distinct if cyrillic_distinct != latin_distinct else cyrillic >= latin
    return word.translate(table.to_cyrillic if to_cyrillic else table.to_latin)


_FIXED_WORDS: dict[str, str] = {}
"""Words already put into one script: mixed words repeat (мəселе, жəне), so each is worked out once."""


def fix_mixed_scripts(text: str) -> str:
    """Every word that mixes Latin and Cyrillic letters, put into one script (same length)."""
    if _TRANSITION.search(text) is None:
        return text
    reversed_text = text[::-1]  # finds a word's start with one call into C
    n = len(text)
    pieces: list[str] = []
    done = 0
    memo = _FIXED_WORDS
    for match in _TRANSITION.finditer(text):
        at = match.start()
        if at < done:
            continue  # another Latin letter of a word already fixed (Бiздiң)
        start = at - (_LETTERS.match(reversed_text, n - at).end() - (n - at))
        end = _LETTERS.match(text, match.end()).end()
        word = text[start:end]
        fixed = memo.get(word)
        if fixed is None:
            fixed = fix_mixed_word(word)
            if len(memo) < 100_000:
                memo[word] = fixed
        pieces.append(text[done:start])
        pieces.append(fixed)
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _one_for_one(text: str) -> str:
    for code, replacement in _ONE_FOR_ONE.items():
        ch = chr(code)
        if ch in text:
            text = text.replace(ch, replacement)
    return text


def _edits(text: str) -> list[tuple[int, int, str]]:
    """The changes of length to make, as (start, end, replacement), in order and not overlapping."""
    found: list[tuple[int, int, int]] = []
    if "-" in text:
        for m in _HYPHEN_BREAK.finditer(text):
            start, end = m.span()
            if start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha():
                found.append((start, end, HYPHEN))
    if "\n" in text or "\r" in text:
        for m in (_LINES_CR if "\r" in text else _LINES).finditer(text):
            start, end = m.span()
            while start > 0 and text[start - 1] == " ":
                start -= 1
            found.append((start, end, LINES))
    if "  " in text:
        found.extend((*m.span(), SPACES) for m in _SPACES.finditer(text))
    if any(ch in text for ch in _DROPPED):
        found.extend((m.start(), m.end(), DROP) for m in _DROP.finditer(text))
    if not unicodedata.is_normalized("NFC", text):
        found.extend((m.start(), m.end(), COMPOSE) for m in _COMPOSE.finditer(text))
    if not found:
        return []
    found.sort(key=lambda edit: (edit[0], -edit[1], edit[2]))
    edits: list[tuple[int, int, str]] = []
    covered = 0
    for start, end, kind in found:
        if start < covered:
            continue  # inside a longer change already made (spaces around a line break, a hyphen break)
        piece = text[start:end]
        if kind == LINES:
            breaks = piece.count("\n") + piece.count("\r") - piece.count("\r\n")
            replacement = "\n" if breaks == 1 else "\n\n"
        elif kind == SPACES:
            replacement = " "
        elif kind == HYPHEN:
            replacement = "-" if text[end].isupper() else ""
        elif kind == DROP:
            replacement = ""
        else:
            replacement = unicodedata.normalize("NFC", piece)
        covered = end
        if replacement != piece:
            edits.append((start, end, replacement))
    return edits


def normalize(text: str) -> Normalized:
    """Repair `text` and keep the way back (see the module's notes for what is repaired)."""
    one = _one_for_one(text)
    edits = _edits(one)
    if not edits:
        return Normalized(fix_mixed_scripts(one), OffsetMap.identity(len(text)))
    pieces: list[str] = []
    norm = [0]
    orig = [0]
    span_end = [-1]
    done = 0  # original offset up to which `pieces` covers the text
    length = 0  # length of the normalised text in `pieces`
    for start, end, replacement in edits:
        pieces.append(one[done:start])
        length += start - done
        if replacement:
            # the replacing segment, each of its characters standing for the whole span
            if norm[-1] == length:
                orig[-1], span_end[-1] = start, end
            else:
                norm.append(length)
                orig.append(start)
                span_end.append(end)
            pieces.append(replacement)
            length += len(replacement)
        # what follows is copied again from the end of the span
        if norm[-1] == length:
            orig[-1], span_end[-1] = end, -1
        else:
            norm.append(length)
            orig.append(end)
            span_end.append(-1)
        done = end
    pieces.append(one[done:])
    folded = "".join(pieces)
    return Normalized(fix_mixed_scripts(folded),
                      OffsetMap(tuple(norm), tuple(orig), tuple(span_end), len(folded), len(text)))
