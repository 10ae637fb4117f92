"""Sentence segmentation for Kazakh, Russian and English, on normalised text.

A sentence ends at `.`, `!`, `?`, `…` or a run of them (with any closing quotes and brackets after
it) when the next word starts like a sentence — a capital letter, a digit after a space, or an
opening quote or bracket before one — and always at a paragraph break (a blank line). A line break
alone is not an end: PDF text breaks lines inside sentences, after initials (министрі Е. / Ыдырысов)
and after abbreviations (т.б. / мемлекеттер).

A single full stop is not an end after an initial (Н.Ә. Назарбаев), after an abbreviation that
never ends a sentence (1997 ж. желтоқсанда, см., Mr.), or after one that ends a sentence only after
a number (в 1995 г. — but г. Алматы). It is one after `:` and `;` (the `:.` and `;.` paragraph joins),
after a citation (`[1].`) and when the next word follows with no space (болмауда.Бұл), unless
the stop follows a single letter (ж.қазанда, Н.Ә.). Nor does a sentence end before a century after
an abbreviation (20-30-е гг. XX в.), or after a list number at the start of a line (1. Кіріспе), or
inside brackets that close soon after (до 2011 г. – Организации Исламская Конференция).

Abbreviations come from every language's `abbreviations.tsv`: the language of a sentence is only
known once it has been found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yntymaq.text.alphabet import LETTER_CLASS, UPPER_CLASS
from yntymaq.text.tables import load_table
from yntymaq.vocab import LANGS

ABBREVIATION_KINDS = frozenset({"inner", "final", "number", "acronym"})

_UPPER = UPPER_CLASS  # a few lower-case letters get through it; `_is_end` checks with str.isupper
_WORD_REVERSED = re.compile(rf"[{LETTER_CLASS}]+(?:\.[{LETTER_CLASS}]+)*")
_LETTERS_REVERSED = re.compile(rf"[{LETTER_CLASS}]+")

# A full stop (or a run of terminal marks starting with one), the closing quotes and brackets after
# it and the space after those — when what follows could start a sentence: a capital, a digit after a
# space, an opening quote or bracket, a dash after a space. Starting with a literal full stop lets the
# regular-expression engine jump from one full stop to the next; the other marks, rarer, have their
# own pattern, and paragraph breaks theirs. What cannot end a sentence never reaches Python.
# Each run is matched once, from its first mark, and never backtracked into (possessive
# quantifiers): a run that cannot end a sentence fails in one step, so a run of thousands of full
# stops costs time linear in its length, not quadratic.
_AFTER = rf"([»\"”’')\]]*+)([ \n]*+)(?=[{_UPPER}«\"“„(\[]|(?<=[ \n])[0-9—–-])"
_STOP = re.compile(r"(?<![.!?…])\.[.!?…]*+" + _AFTER)
_OTHER_MARK = re.compile(r"(?<![.!?…])[!?…][.!?…]*+" + _AFTER)
_PARAGRAPH = re.compile(r"\n\n")
_OPENERS = frozenset("«\"“„([")
_ROMAN = re.compile(r"[IVXLCDMІХ]+\Z")
_ROMAN_DIGITS = frozenset("IVXLCDMІХ")
# a Roman numeral (not the English "I") followed by a lower-case word: the number of a century
_CENTURY_AHEAD = re.compile(r"(?!I )[IVXLCDMІХ]{1,6}(?:[-–][IVXLCDMІХ]{1,6})? [^\W\d_A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")


@dataclass(frozen=True, slots=True)
class Abbreviations:
    """The abbreviations of all three languages: kind by exact spelling, and by lower case for
    entries written in lower case."""

    exact: dict[str, str]
    folded: dict[str, str]
    acronyms: frozenset[str]
    longest: int = 0
    """Letters in the longest abbreviation without its full stop: a longer word is none."""

    def kind(self, word: str) -> str | None:
        kind = self.exact.get(word)
        if kind is None:
            kind = self.folded.get(word.lower())
        return kind


@lru_cache(maxsize=1)
def abbreviations() -> Abbreviations:
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    acronyms: set[str] = set()
    for lang in LANGS:
        rows = load_table(lang, "abbreviations", ("abbreviation", "kind"), (("abbreviation", lang),),
                          (("kind", ABBREVIATION_KINDS),))
        for row in rows:
            word, kind = row["abbreviation"], row["kind"]
            if kind == "acronym":
                acronyms.add(word)
                continue
            exact.setdefault(word, kind)
            if word == word.lower():
                folded.setdefault(word, kind)
    return Abbreviations(exact, folded, frozenset(acronyms), max(map(len, exact)))


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n":
        end -= 1
    return end


def _word_before(text: str, reversed_text: str, stop: int) -> int:
    """Start of the word (letters and inner full stops: т.б, Н.Ә, U.N) that ends at `stop`: matched
    forwards in the reversed text, which is one call into C instead of a loop."""
    at = len(text) - stop
    # a word longer than the longest abbreviation is none: looking no further keeps a text of
    # initials glued together (A.A.A.A…) linear
    match = _WORD_REVERSED.match(reversed_text, at, at + abbreviations().longest + 2)
    return stop if match is None else stop - (match.end() - at)


def _after_number(text: str, word_start: int) -> bool:
    """Is the word at `word_start` preceded by a number or a Roman numeral (1995 г., XX в.)?"""
    i = word_start
    while i > 0 and text[i - 1] == " ":
        i -= 1
    if i == 0:
        return False
    if text[i - 1].isdigit():
        return True
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return j < i and i - j <= 6 and _ROMAN.match(text, j, i) is not None


def _is_end(text: str, reversed_text: str, s: int, e: int, k: int, n: int, spaced: bool,
            abbr: Abbreviations) -> bool:
    """Does the run of terminal marks text[s:e] end a sentence, the next word starting at k?

    The caller has checked that the character at k may start a sentence, bar the details below.
    """
    nxt = text[k]
    if nxt in _OPENERS:
        if k + 1 >= n or not (text[k + 1].isupper() or text[k + 1].isdigit()):
            return False
    elif nxt in "—–-":
        if k + 2 >= n or text[k + 1] != " " or not text[k + 2].isupper():
            return False
    elif not nxt.isdigit() and not nxt.isupper():
        return False
    if e - s > 1 or text[s] != ".":
        return True
    before = text[s - 1] if s > 0 else " "
    if before in ":;,":
        return True  # the paragraph joins written ":." and ";."
    if before.isalpha():
        word_start = _word_before(text, reversed_text, s)
        kind = abbr.kind(text[word_start:s + 1])
        if kind == "inner":
            return False
        if kind is not None and nxt in _ROMAN_DIGITS and _CENTURY_AHEAD.match(text, k):
            return False  # a century after an abbreviation: 20-30-е гг. XX в.
        if kind == "number":
            return _after_number(text, word_start)
        if kind == "final":
            return True
        if s - 1 == word_start or text[s - 2] == ".":
            # a single letter: an initial (Е. Ыдырысов, Н.Ә.) or glued to the next word (ж.қазанда)
            if before.isupper() or not spaced:
                return False
        return True
    if before.isdigit():
        if not spaced:
            return nxt.isalpha()
        first = s - 1
        while first > 0 and text[first - 1].isdigit():
            first -= 1
        if s - first <= 2 and (first == 0 or text[first - 1] == "\n"):
            return False  # a list number at the start of a line: "1. Кіріспе"
        return True
    return True  # after a closing bracket or quote, as in a citation: [1].


def _candidates(text: str) -> list[tuple[int, int, int, int]]:
    """Every place a sentence may end, in order, as the match's spans: ((start of the marks, start of
    the next word), (end of the marks, end of the closers), (space)); a paragraph break is
    ((start, end), (-1, start), (-1, -1))."""
    found = [m.regs for m in _STOP.finditer(text)]
    if "!" in text or "?" in text or "…" in text:
        found.extend(m.regs for m in _OTHER_MARK.finditer(text))
        found.sort()
    if "\n\n" in text:
        found.extend(((m.start(), m.end()), (-1, m.start()), (-1, -1)) for m in _PARAGRAPH.finditer(text))
        found.sort()
    return found


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of normalised `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    append = spans.append
    abbr = abbreviations()
    exact, folded = abbr.exact, abbr.folded
    n = len(text)
    start = 0
    while start < n and text[start] in " \n":
        start += 1
    reversed_text = text[::-1]
    letters_reversed = _LETTERS_REVERSED.match
    inside = _inside_brackets if "(" in text else _never
    longest = abbr.longest
    for (s, k), (mark_end, j), _ in _candidates(text):
        if s < start:
            continue
        if mark_end < 0:  # a paragraph break
            end = _trim_end(text, start, s)
            if end > start:
                append((start, end))
            start = k
            continue
        if k >= n:
            break
        if inside(text, start, s):
            continue  # (до 2011 г. – Организации Исламская Конференция): a bracket closing soon after
        if k > j and mark_end - s == 1 and text[k].isupper() and "\n\n" not in text[j:k]:
            # the common case, decided here: one full stop after a plain word of two or more
            # letters that is no abbreviation, a space, then a capital
            at = n - s
            letters = letters_reversed(reversed_text, at)
            if letters is not None:
                length = letters.end() - at
                if length > 1 and text[s - length - 1] != "." and text[s] == ".":
                    if length >= longest:
                        append((start, j))
                        start = k
                        continue
                    word = text[s - length:s + 1]
                    if word not in exact and word.lower() not in folded:
                        append((start, j))
                        start = k
                        continue
        if "\n\n" in text[j:k] or _is_end(text, reversed_text, s, mark_end, k, n, k > j, abbr):
            append((start, j))
            start = k
    if start < n:
        end = _trim_end(text, start, n)
        if end > start:
            append((start, end))
    if any(e - s > MAX_SENTENCE for s, e in spans):
        spans = [piece for s, e in spans for piece in _split_long(text, s, e)]
    return spans


BRACKET_REACH = 300
"""How far back an opening bracket, and how far on its closing one, may stand from a full stop for the
stop to be inside the brackets (bounded, so that the test costs the same at every stop)."""


def _inside_brackets(text: str, start: int, stop: int) -> bool:
    """Is the mark at `stop` inside brackets opened in this sentence and closed soon after it?"""
    opened = text.rfind("(", max(start, stop - BRACKET_REACH), stop)
    if opened < 0 or text.find(")", opened, stop) >= 0:
        return False
    closed = text.find(")", stop, stop + BRACKET_REACH)
    return closed >= 0 and "\n\n" not in text[stop:closed] and "(" not in text[stop:closed]


def _never(text: str, start: int, stop: int) -> bool:
    return False


MAX_SENTENCE = 4000
"""The longest sentence, in characters. A longer run without an end (a table, a list, text without
punctuation, one endless word) is cut at the last space before the limit, or at the limit when it
has none: every later stage (dates, mentions, claims) then works on pieces of bounded size, so
their time stays linear in the text however it is written."""


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(" ", limit - MAX_SENTENCE // 4, limit), text.rfind("\n", limit - MAX_SENTENCE // 4, limit))
        cut = limit if cut <= start else cut
        piece_end = _trim_end(text, start, cut)
        if piece_end > start:
            pieces.append((start, piece_end))
        start = cut
        while start < end and text[start] in " \n":
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces
