"""Normalisation with an exact way back: mixed scripts, PDF hyphenation and whitespace.

`normalize(text)` returns the repaired text and an `OffsetMap` from every offset of the repaired
text to the original. Two kinds of change are made:

- one-for-one changes, which keep every offset: exotic spaces become a plain space, Unicode
  hyphens a plain hyphen, and Latin look-alike letters inside Cyrillic words become the Cyrillic
  letter (мəлім → мәлім, Бiздiң → Біздің; in a mostly Latin word the other way round);
- changes of length, each recorded in the map: runs of spaces fold to one space, whitespace around
  a line break to one `\\n` and around two or more to `\\n\\n` (a paragraph break); a word broken
  by a hyphen and a line break or two spaces (оппозия-  ны) is joined; soft hyphens and zero-width
  characters go; letters and their combining accents are composed (NFC).

In that order: spaces and hyphens, then the changes of length (so that a broken word is whole
again), then the scripts of mixed words, and last — in the rare text that needs it — composition,
once each letter is in its script (a Latin o with a breve composes, a Cyrillic one does not). The
two maps of the last step are chained into one.

Real hyphenated words (іс-шаралар, сауда-экономикалық, Әл-Акса) are left alone: only a hyphen
followed by a line break or by two or more spaces is a PDF break. Before a capital letter (Әл-
Акса), or when the text writes the word with its hyphen elsewhere (іс-шаралар), the hyphen is kept
and only the break goes.
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
_EXOTIC_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v\f"
_ONE_FOR_ONE = {ord(ch): " " for ch in _EXOTIC_SPACES}
_ONE_FOR_ONE.update({0x2028: "\n", 0x2029: "\n", 0x2010: "-", 0x2011: "-", 0x0085: "\n"})

_DROPPED = "\u00ad\u200b\u200d\u2060\ufeff"  # soft hyphen and zero-width characters: they go
_SPACE_LIKE = frozenset(" " + _DROPPED)
_DROP_TABLE = dict.fromkeys(map(ord, _DROPPED))
_BREAK = r"(?:\r\n|[\r\n])"

# Changes of length. Each pattern starts with a rare character, so that the regular-expression engine
# skips ahead fast; `_edits` resolves where they overlap.
# Whitespace around line breaks (the spaces before a break are added by hand). The first pattern
# starts with a literal \n and matches only where there is something to fold; the second serves
# texts with \r or invisible characters.
_LINES = re.compile(r"\n(?:(?<= \n)|(?=[ \n]))[ \n]*")
_LINES_ANY = re.compile(rf"[\r\n][ \r\n{_DROPPED}]*")
_SPACES = re.compile(r"  +")
_SPACES_AND_INVISIBLE = re.compile(rf"[ {_DROPPED}]{{2,}}")  # for texts that have invisible characters
# a hyphen, then a line break or two or more spaces (invisible characters may sit among them)
_HYPHEN_BREAK = re.compile(rf"-(?=[ \r\n{_DROPPED}])[ {_DROPPED}]*(?:{_BREAK}[ {_DROPPED}]*)?")
# a soft hyphen, with the line break after it when a word goes on after that; zero-width characters
_DROP = re.compile(rf"\u00ad(?: *{_BREAK} *(?=[^\W\d_]))?|[{_DROPPED[1:]}]+")
# a letter and its combining marks (with any invisible characters between them)
_COMPOSE = re.compile(rf"\S[{_DROPPED}]*[\u0300-\u036f\u0483-\u0489]+", re.S)

HYPHEN, DROP, LINES, SPACES = range(4)

# a Latin letter next to a Cyrillic one, found from the rarer script's side: starting the pattern with
# a letter of the script a text has little of lets the engine skip the rest fast
_MARKS = "\u0300-\u036f\u0483-\u0489"  # combining marks: part of the word they sit in
_LATIN_NEXT_TO_CYRILLIC = re.compile(
    f"[{LATIN}](?:(?<=[{CYRILLIC}][{LATIN}])|(?<=[{CYRILLIC}][{_MARKS}][{LATIN}])|(?=[{_MARKS}]*[{CYRILLIC}]))")
_CYRILLIC_NEXT_TO_LATIN = re.compile(
    f"[{CYRILLIC}](?:(?<=[{LATIN}][{CYRILLIC}])|(?<=[{LATIN}][{_MARKS}][{CYRILLIC}])|(?=[{_MARKS}]*[{LATIN}]))")
_LETTERS = re.compile(f"[{LETTER_CLASS}{_MARKS}]*")
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
    """A normalised text and the map back to the text it came from. `script` is `latn` or `arab`
    when Kazakh written in that script was read through Cyrillic (`text.script`), with the table
    it was read with (`scheme`); `cyrl` when nothing was."""

    text: str
    map: OffsetMap
    script: str = "cyrl"
    scheme: str | None = None


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


def _transition_pattern(text: str) -> re.Pattern[str]:
    """The transition pattern that starts from the script the text has less of, judged on a sample
    by its characters beyond ASCII — Cyrillic letters, mostly; cheaper to count than Latin letters.
    Either pattern finds the same words; the one chosen only scans faster."""
    sample = text[:4096]
    beyond_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    return _CYRILLIC_NEXT_TO_LATIN if 4 * beyond_ascii < len(sample) else _LATIN_NEXT_TO_CYRILLIC


# The last text only: a document is fixed as a step of `normalize` and again, as written, to fold it,
# and the two are the same text when it needed no other repair.
@lru_cache(maxsize=1)
def fix_mixed_scripts(text: str) -> str:
    """Every word that mixes Latin and Cyrillic letters, put into one script (same length)."""
    return _fix_mixed_scripts(text)


def _fix_mixed_scripts(text: str) -> str:
    transition = _transition_pattern(text)
    if transition.search(text) is None:
        return text
    reversed_text = text[::-1]  # finds a word's start with one call into C
    n = len(text)
    pieces: list[str] = []
    done = 0
    memo = _FIXED_WORDS
    for match in transition.finditer(text):
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


def _hyphenated_elsewhere(text: str, hyphen: int, after: int) -> bool:
    """Is the word broken at `hyphen` written with that hyphen elsewhere near it (іс-шаралар)? Then
    the line break fell on a real hyphen, which stays."""
    left = _LETTERS.match(text[max(0, hyphen - 40):hyphen][::-1]).group()[::-1]
    right = _LETTERS.match(text, after).group()
    # looked for nearby only, so that a text with many breaks is not searched whole for each
    return bool(left) and bool(right) and text.find(f"{left}-{right}", max(0, hyphen - 32768), after + 32768) >= 0


def _edits(text: str, *, compose: bool = False) -> list[tuple[int, int, str]]:
    """The changes of length to make, as (start, end, replacement), in order and not overlapping:
    the whitespace, hyphenation and invisible characters; or, with `compose`, only the composition of
    letters with combining marks (done last, once the letters are in their script)."""
    if compose:
        return [(m.start(), m.end(), unicodedata.normalize("NFC", m.group().translate(_DROP_TABLE)))
                for m in _COMPOSE.finditer(text)
                if unicodedata.normalize("NFC", m.group().translate(_DROP_TABLE)) != m.group()]
    found: list[tuple[int, int, int]] = []
    if "-" in text:
        for m in _HYPHEN_BREAK.finditer(text):
            start, end = m.span()
            if end == start + 1 or end >= len(text) or not text[end].isalpha():
                continue
            before = start
            while before > 0 and text[before - 1] in _SPACE_LIKE and text[before - 1] != " ":
                before -= 1  # invisible characters before the hyphen
            while before > 1 and unicodedata.combining(text[before - 1]):
                before -= 1  # the marks of a letter not yet composed with it (a + ̆ is ă)
            if before == 0 or not text[before - 1].isalpha():
                continue
            gap = m.group()
            if "\n" in gap or "\r" in gap or gap.count(" ") >= 2:
                found.append((start, end, HYPHEN))
    invisible = any(ch in text for ch in _DROPPED)
    if "\n" in text or "\r" in text:
        for m in (_LINES_ANY if invisible or "\r" in text else _LINES).finditer(text):
            start, end = m.span()
            while start > 0 and text[start - 1] in _SPACE_LIKE:
                start -= 1
            found.append((start, end, LINES))
    if invisible:
        found.extend((m.start(), m.end(), DROP) for m in _DROP.finditer(text))
        found.extend((*m.span(), SPACES) for m in _SPACES_AND_INVISIBLE.finditer(text))
    elif "  " in text:
        found.extend((*m.span(), SPACES) for m in _SPACES.finditer(text))
    if not found:
        return []
    found.sort(key=lambda edit: (edit[0], -edit[1], edit[2]))
    edits: list[tuple[int, int, str]] = []
    covered = 0
    for start, end, kind in found:
        if start < covered:
            if end <= covered or kind not in (LINES, SPACES):
                continue  # inside a longer change already made (spaces around a line break, a hyphen break)
            start = covered  # whitespace that runs on past the change before it
        piece = text[start:end]
        if kind == LINES:
            breaks = piece.count("\n") + piece.count("\r") - piece.count("\r\n")
            replacement = "\n" if breaks == 1 else "\n\n"
        elif kind == SPACES:
            replacement = " " if " " in piece else ""
        elif kind == HYPHEN:
            replacement = "-" if text[end].isupper() or _hyphenated_elsewhere(text, start, end) else ""
        else:
            replacement = ""
        covered = end
        if replacement != piece:
            edits.append((start, end, replacement))
    return edits


def _apply(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """Make the `edits` to `text`, recording each in the map back to it."""
    pieces: list[str] = []
    norm = [0]
    orig = [0]
    span_end = [-1]
    done = 0  # offset in `text` up to which `pieces` covers it
    length = 0  # length of the new text in `pieces`
    for start, end, replacement in edits:
        pieces.append(text[done:start])
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
    pieces.append(text[done:])
    new = "".join(pieces)
    return new, OffsetMap(tuple(norm), tuple(orig), tuple(span_end), len(new), len(text))


def _chain(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """The map of two normalisations one after the other: `outer` maps the final text to the middle
    one, `inner` the middle one to the original."""
    norm: list[int] = []
    orig: list[int] = []
    span_end: list[int] = []

    def add(at: int, source: int, source_end: int) -> None:
        if norm and norm[-1] == at:
            orig[-1], span_end[-1] = source, source_end
        else:
            norm.append(at)
            orig.append(source)
            span_end.append(source_end)

    for i, start in enumerate(outer.norm):
        end = outer.norm[i + 1] if i + 1 < len(outer.norm) else outer.norm_length
        if outer.span_end[i] >= 0:
            add(start, inner.to_original(outer.orig[i]), inner.to_original_end(outer.span_end[i]))
            continue
        middle, middle_end = outer.orig[i], outer.orig[i] + (end - start)
        j = bisect_right(inner.norm, middle) - 1
        while middle < middle_end:
            if inner.span_end[j] >= 0:
                add(start, inner.orig[j], inner.span_end[j])
            else:
                add(start, inner.orig[j] + middle - inner.norm[j], -1)
            step = (inner.norm[j + 1] if j + 1 < len(inner.norm) else inner.norm_length) - middle
            middle += step
            start += step
            j += 1
    if not norm:
        return OffsetMap.identity(inner.orig_length) if inner.orig_length == 0 else inner
    return OffsetMap(tuple(norm), tuple(orig), tuple(span_end), outer.norm_length, inner.orig_length)


# The last text only: a document is normalised by the pipeline and again by whatever reads it next
# (the entity linker), and both want the same answer.
@lru_cache(maxsize=1)
def normalize(text: str, *, scripts: bool = True) -> Normalized:
    """Repair `text` and keep the way back (see the module's notes for what is repaired).

    First, unless `scripts` is false, Kazakh written in Latin or Arabic script is read through
    Cyrillic (`text.script.to_cyrillic`; one search for a text that has none); the two maps are
    chained into one, so that offsets still point into `text` as given."""
    if scripts:
        from yntymaq.text import script

        if script.needs_reading(text):
            read = script.to_cyrillic(text)
            if read.script != "cyrl":
                inner = _normalize(read.text)
                return Normalized(inner.text, _chain(inner.map, read.map), read.script, read.scheme)
    return _normalize(text)


def _normalize(text: str) -> Normalized:
    one = _one_for_one(text)
    edits = _edits(one)
    if edits:
        folded, omap = _apply(one, edits)
    else:
        folded, omap = one, OffsetMap.identity(len(text))
    folded = fix_mixed_scripts(folded)
    if not unicodedata.is_normalized("NFC", folded):
        # letters with combining marks compose last, once the letters are in their script
        composed, outer = _apply(folded, _edits(folded, compose=True))
        return Normalized(fix_mixed_scripts(composed), _chain(outer, omap))
    return Normalized(folded, omap)
