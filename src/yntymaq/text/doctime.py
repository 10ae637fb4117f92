"""The time of a document: the date its dateline or date stamp gives.

`document_date(text, lang)` looks at the first lines of a text for

- a **date stamp**: a short line that is a date, perhaps with a time, a weekday, a place or an
  agency beside it (`15 Наурыз, 2011`, `16.08.2012 09:20 — …`, `Tuesday, August 14, 2012`,
  `10:43, 18 мая 2018, Бишкек`, `Page last updated at 15:51 GMT, Sunday, 26 December 2010`);
- a **dateline**: a place in capitals or a capitalised name, a comma or full stop, a date, then a
  dash, a bracket, a full stop or the line's end (`АНКАРА, 14 апр — РИА Новости.`,
  `ASTANA, June 28 (Kazinform)`, `Душанбе, 20 мая. (…)`, `ISLAMABAD, Dec 19 (APP):`).

It returns a `DocumentDate` — the exact characters in the original text, the `Date` to the
precision written, or for a dateline without a year (`14 апр`) no `value` but `partial` (month and
day) with `missing == ("year",)`: the year is never guessed; `partial.complete(year)` makes it a
day once the caller knows the year. Of several stamps and datelines the first with a year wins,
else the first. A date that opens a running sentence or a timeline entry (`25 September 1969: …`)
is no stamp: what a text reports happened on a day is not the day it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yntymaq.text.dates import LANGS, DateMention, PartialDate, find_dates
from yntymaq.text.langid import identify
from yntymaq.text.normalize import _fix_mixed_scripts
from yntymaq.vocab import Date

HEAD_LINES = 6
"""How many non-empty lines from the start are looked at (a title and a source line may come first)."""
STAMP_CHARS = 90
"""A date stamp line is at most this long; longer lines are prose."""
STAMP_WORDS = 6
"""Words a stamp line may hold besides its date, times and weekdays (Page last updated at … GMT)."""
DATELINE_AT = 48
"""A dateline's date starts within this many characters of its line."""
DATE_CHARS = 48
"""Longer than any date a dateline or a stamp writes (`с 14 по 18 число месяца Мухаррам, 1392 года`)."""

_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_WORD = re.compile(r"[^\W\d_]+")
_PLACE = re.compile(r"\s*(?:[^\W\d_][\w'’.-]*(?:[ \t]+|,[ \t]*)){0,3}?[^\W\d_][\w'’-]*[ \t]*[,.][ \t]*")
"""One to four words and a comma or full stop before a dateline's date (BAKU, Azerbaijan,); each
word must start with a capital (checked apart: the look-up ignores no case)."""
_AFTER_DATELINE = re.compile(r"[ \t]*(?:$|[-–—(.:,/])")
_TIMELINE = re.compile(r"[ \t]*:[ \t]*[^\W\d_]")
_LEADING_LABEL = re.compile(r"\W*(?:[^\W\d_]{1,6}:?[ \t]+)?", re.I)
"""What may come before a numeric date that opens a line: a short label (date, Дата:)."""
_NUMERIC_RULE = re.compile(r"\.date\.(?:iso|numeric)\.")


@dataclass(frozen=True, slots=True)
class DocumentDate:
    """A document's dateline or date stamp: `start`/`end` in the original text."""

    start: int
    end: int
    text: str
    value: Date | None
    partial: PartialDate | None
    source: str  # "stamp" or "dateline"
    rule: str  # doc.stamp.v1 | doc.dateline.v1
    mention: DateMention

    @property
    def missing(self) -> tuple[str, ...]:
        return self.mention.missing

    @property
    def precision(self) -> str:
        """day, month or year for a dated stamp; month-day (or month) for a date without a year."""
        if self.value is not None:
            return self.value.precision.name.lower()
        return "month-day" if self.partial is not None and self.partial.day else "month"

    def to_json(self) -> dict:
        out = {"start": self.start, "end": self.end, "text": self.text,
               "value": str(self.value) if self.value else None, "precision": self.precision,
               "source": self.source, "rule": self.rule, "date_rule": self.mention.rule}
        if self.partial is not None:
            out["partial"] = str(self.partial)
        if self.missing:
            out["missing"] = list(self.missing)
        return out


@lru_cache(maxsize=None)
def _weekdays(lang: str) -> frozenset[str]:
    from babel import Locale

    days = Locale.parse(lang).days
    return frozenset(name.lower().rstrip(".") for context in ("format", "stand-alone")
                     for width in ("wide", "abbreviated") for name in days[context][width].values())


_DIGIT = re.compile(r"\d")


def _head_lines(text: str):
    """(offset, line) of the first HEAD_LINES non-empty lines, read from a head of the text that grows
    until it holds them (splitting a whole long document to look at its start would cost more)."""
    size = 4096
    while True:
        whole = size >= len(text)
        lines = text[:size].splitlines(keepends=True)
        if not whole:
            lines.pop()  # it may be cut short by the head's end
        found = []
        offset = 0
        for line in lines:
            if line.strip():
                found.append((offset, line.rstrip("\r\n")))
                if len(found) == HEAD_LINES:
                    return found
            offset += len(line)
        if whole:
            return found
        size *= 4


def _is_stamp(line: str, mention: DateMention, lang: str) -> bool:
    if _TIMELINE.match(line, mention.end):
        return False
    if _LEADING_LABEL.fullmatch(line[:mention.start]) and _NUMERIC_RULE.search(mention.rule):
        return True  # a line that opens with a numeric date (date 2017-02-19 ASTANA. …) is stamped
    if len(line.strip()) > STAMP_CHARS:
        return False
    rest = _TIME.sub(" ", line[:mention.start] + " " + line[mention.end:])
    weekdays = _weekdays(lang)
    words = [w for w in _WORD.findall(rest) if w.lower() not in weekdays]
    return len(words) <= STAMP_WORDS


def _is_dateline(line: str, mention: DateMention, lang: str) -> bool:
    if mention.start > DATELINE_AT or mention.value is not None and mention.value.day is None:
        return False
    before = line[:mention.start]
    words = _WORD.findall(before)
    if _PLACE.fullmatch(before) is None or not all(word[0].isupper() for word in words):
        return False
    if all(word.lower() in _weekdays(lang) for word in words):
        return False  # Tuesday, August 14, 2012 is a stamp
    return _AFTER_DATELINE.match(line, mention.end) is not None


def _may_open_with_date(head: str) -> bool:
    """Whether what stands before a long line's first digit may be a dateline's place and the words of
    its date (ASTANA, June 28 / АНКАРА, 14 апр), or a label (Дата: 2017-02-19): capitalised words
    near the start, or a short label. A cheap test that spares reading the dates of prose."""
    if len(head) > DATELINE_AT + DATE_CHARS:
        return False
    return _LEADING_LABEL.fullmatch(head) is not None or all(w[0].isupper() for w in _WORD.findall(head))


def document_date(text: str, lang: str | None = None) -> DocumentDate | None:
    """The date of `text`'s dateline or date stamp (see the module's docstring), or None.

    `lang` (kk, ru or en) is the text's language; None: each line's own (`identify`), Kazakh,
    Russian and English tried in turn where a line says too little to tell."""
    found: list[DocumentDate] = []
    for offset, line in _head_lines(text):
        digit = _DIGIT.search(line)
        if digit is None:  # every date a dateline or a stamp gives has a digit
            continue
        if len(line) > STAMP_CHARS and not _may_open_with_date(line[:digit.start()]):
            continue  # prose: a long line is dated only by a dateline or a label at its start
        # A document's date opens its line (by DATELINE_AT) and is short: only the line's head is read,
        # cut at a space, for the head of a long paragraph costs as much to read as a short document.
        cut = line.find(" ", DATELINE_AT + DATE_CHARS)
        if cut != -1:
            line = line[:cut]
        # the uncached repair: the cached one keeps the whole document's, which the reader asks for next
        fixed = _fix_mixed_scripts(line)
        if len(fixed) != len(line):
            fixed = line
        langs = (lang,) if lang else tuple(k for k in dict.fromkeys((identify(fixed),) + LANGS) if k)
        for line_lang in langs:
            candidates = [m for m in find_dates(fixed, line_lang) if m.kind == "date"
                          and (m.value is not None or m.partial is not None)]
            hit = None
            for mention in candidates:
                if _is_dateline(fixed, mention, line_lang):
                    hit = (mention, "dateline")
                elif (mention.value.month if mention.value else mention.partial.day) and \
                        _is_stamp(fixed, mention, line_lang):
                    hit = (mention, "stamp")
                if hit:
                    break
            if hit:
                mention, source = hit
                start, end = offset + mention.start, offset + mention.end
                found.append(DocumentDate(start, end, text[start:end], mention.value, mention.partial,
                                          source, f"doc.{source}.v1", mention))
                break
    dated = [d for d in found if d.value is not None]
    return (dated or found or [None])[0]
