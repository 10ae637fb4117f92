"""Search terms of words: what a full-text index stores for each word, and what a query looks for.

A word is indexed under its folded form and the forms its language's grammar reduces it to: a
Kazakh word under its likeliest stems (`саммитінде` → `саммит`, through `yntymaq.text.inflect`), a
Russian one under its normal form (`саммита` → `саммит`, through pymorphy3), an English one under
the form without a plural `-s`. Kazakh written in Latin or Arabic script is read through Cyrillic
first (`yntymaq.text.script`), so `sammitte` and `саммитте` meet. Every term keeps the exact
offsets of its word in the original text, so that a hit can be highlighted where it stands.

A query does not say its language: each of its words is looked for under the terms of every
language it may be in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_NOT_TERM = re.compile(r"[^\w]+", re.UNICODE)

KK_STEMS_PER_WORD = 2
"""A Kazakh word is indexed under this many of its likeliest stems: the query's word may be read
otherwise than the text's."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word of a text with its search terms; `start` and `end` are offsets into the original text."""

    start: int
    end: int
    terms: tuple[str, ...]


def fold_term(word: str) -> str:
    """Case, ё and joining punctuation folded away: the key every term is compared by."""
    word = unicodedata.normalize("NFC", word).casefold().replace("ё", "е")
    return _NOT_TERM.sub("", word)


@lru_cache(maxsize=1 << 16)
def _kk_terms(word: str) -> tuple[str, ...]:
    from yntymaq.text.inflect import kk_stems

    return tuple(fold_term(s) for s in kk_stems(word)[:KK_STEMS_PER_WORD])


@lru_cache(maxsize=1 << 16)
def _ru_terms(word: str) -> tuple[str, ...]:
    from yntymaq.text.morph_ru import normal_form

    return (fold_term(normal_form(word)),)


def _en_terms(word: str) -> tuple[str, ...]:
    folded = fold_term(word)
    if len(folded) > 3 and folded.endswith("ies"):
        return (folded[:-3] + "y",)
    if len(folded) > 3 and folded.endswith("s") and not folded.endswith("ss"):
        return (folded[:-1],)
    return ()


@lru_cache(maxsize=1 << 17)
def word_terms(word: str, lang: str | None) -> tuple[str, ...]:
    """The terms of one word in a language (kk, ru, en; None: every language its letters allow),
    its folded form first, without repeats."""
    folded = fold_term(word)
    if not folded:
        return ()
    out = [folded]
    if _CYRILLIC.search(word):
        if lang in ("kk", None):
            out += _kk_terms(word)
        if lang in ("ru", None):
            out += _ru_terms(word)
    elif _LATIN.search(word) and lang in ("en", None):
        out += _en_terms(word)
    return tuple(dict.fromkeys(t for t in out if t))


_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
"""A word: letters and digits, with the hyphens and apostrophes inside it (ИЫҰ-ға, jan'a, 24-ші); the
tokeniser's finer cuts (abbreviations, initials) do not matter to a search."""


def _words(text: str, start: int, end: int):
    for match in _WORD.finditer(text, start, end):
        yield match.start(), match.end(), match.group()


def text_terms(text: str, start: int = 0, end: int | None = None, *, lang: str | None = None) -> list[Term]:
    """The terms of every word of `text[start:end]` (a sentence of a text in `lang`), in order.

    Kazakh in Latin or Arabic script gets the terms of its Cyrillic reading too, at the offsets of
    the words as written."""
    from yntymaq.text.script import needs_reading, to_cyrillic

    end = len(text) if end is None else end
    out = [Term(a, a + len(word), word_terms(word, lang)) for a, _, word in _words(text, start, end)]
    chunk = text[start:end]
    if lang in ("kk", None) and needs_reading(chunk):
        read = to_cyrillic(chunk)
        extra: dict[int, list[str]] = {}
        for a, b, word in _words(read.text, 0, len(read.text)):
            original = read.map.to_original(a) + start
            extra.setdefault(original, []).extend(word_terms(word, "kk"))
        out = [Term(t.start, t.end, tuple(dict.fromkeys([*t.terms, *extra.get(t.start, ())]))) for t in out]
    return [t for t in out if t.terms]


def query_terms(query: str) -> list[tuple[str, ...]]:
    """For each word of a query, the terms any of which it may be found under (any language)."""
    from yntymaq.text.script import read_latin_word

    words = [word for _, _, word in _words(query, 0, len(query))]
    out = []
    for word in words:
        alternatives = list(word_terms(word, None))
        if _LATIN.search(word):
            # a Kazakh word typed in Latin letters: `sammitte`, `qazaqstan`
            cyrillic = read_latin_word(word)
            if _CYRILLIC.search(cyrillic):
                alternatives += word_terms(cyrillic, "kk")
        if alternatives:
            out.append(tuple(dict.fromkeys(alternatives)))
    return out
