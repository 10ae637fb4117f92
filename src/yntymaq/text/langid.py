"""Which language a text is in — Kazakh, Russian or English — from letters and stop words alone.

Kazakh and Russian share 33 letters; the nine Kazakh ones (ә ғ қ ң ө ұ ү һ і) mark Kazakh, and
frequent function words (`stopwords.tsv` of each language) mark all three. A text mostly in Latin
letters is English. A text with no evidence either way (a number, an acronym) gets None, and the
caller falls back on the document's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from yntymaq.text.alphabet import KAZAKH_ONLY
from yntymaq.text.tables import load_table
from yntymaq.vocab import LANGS

_LOWER_LETTER = "a-z\u00df-\u00f6\u00f8-\u024f\u0430-\u045f\u0460-\u0481\u048a-\u04ff"
"""Lower-case Latin and Cyrillic letters: a class written out is quicker to match than \\w."""
_WORD = re.compile(f"[{_LOWER_LETTER}]+(?:-[{_LOWER_LETTER}]+)*")  # in lower-cased text
_KAZAKH_LETTER = re.compile(f"[{KAZAKH_ONLY}]")
_FIELD_BITS = 32
_FIELD = (1 << _FIELD_BITS) - 1
_WORD_CODES: dict[str, int] = {}
"""What each word seen so far counts for, packed into one integer (see `_code`)."""
_WORD_CODES_LIMIT = 200_000


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """The stop words of `lang`, from its `stopwords.tsv`."""
    return frozenset(row["word"] for row in load_table(lang, "stopwords", ("word",), (("word", lang),)))


class Evidence(NamedTuple):
    """What a text says about its language: a count per language, and its letters."""

    kk: int
    ru: int
    en: int
    letters: int

    def best(self) -> str | None:
        """The language with the most evidence; None on a tie or with none at all."""
        kk, ru, en = self.kk, self.ru, self.en
        top = max(kk, ru, en)
        if top == 0 or (kk == top) + (ru == top) + (en == top) > 1:
            return None
        return "kk" if kk == top else "ru" if ru == top else "en"


def evidence(text: str) -> Evidence:
    """Count the evidence for each language in `text`.

    Kazakh: words with a Kazakh-only letter, plus Kazakh stop words; Russian: Russian stop words;
    English: English stop words, plus one for a text mostly in Latin letters. `letters` counts the
    letters of the words (and the hyphens inside them).
    """
    # One regular-expression pass cuts the words. What a word counts for is worked out once per word
    # (`_code`), packed into one integer, so that a sentence's counts are one sum at C speed: this
    # runs on every sentence of every document.
    words = _WORD.findall(text.lower())
    if not words:
        return Evidence(0, 0, 0, 0)
    codes = _WORD_CODES
    try:
        total = sum(map(codes.__getitem__, words))
    except KeyError:  # a word not seen before
        new = set(words).difference(codes)
        if len(codes) + len(new) > _WORD_CODES_LIMIT:  # a long-running process: start afresh
            codes.clear()
            new = set(words)
        for word in new:
            codes[word] = _code(word)
        total = sum(map(codes.__getitem__, words))
    letters, latin = total & _FIELD, (total >> _FIELD_BITS) & _FIELD
    if 2 * latin > letters:
        return Evidence(0, 0, (total >> 4 * _FIELD_BITS) + 1, letters)
    return Evidence((total >> 2 * _FIELD_BITS) & _FIELD, (total >> 3 * _FIELD_BITS) & _FIELD, 0, letters)


def _code(word: str) -> int:
    """What one (lower-case) word counts for: its letters, its letters if Latin, its evidence for
    Kazakh (a Kazakh-only letter; a stop word), for Russian and for English (stop words), each in a
    field of _FIELD_BITS bits, so that summing the codes of a text's words sums every count at once."""
    kk = (_KAZAKH_LETTER.search(word) is not None) + (word in stopwords("kk"))
    fields = (len(word), len(word) if word.isascii() else 0, kk, word in stopwords("ru"), word in stopwords("en"))
    return sum(int(value) << (_FIELD_BITS * i) for i, value in enumerate(fields))


def identify(text: str) -> str | None:
    """kk, ru or en for `text`, or None when it gives no evidence."""
    return evidence(text).best()


class Tally:
    """The language of a document, from the languages of its sentences weighted by their letters."""

    def __init__(self) -> None:
        self.letters = dict.fromkeys(LANGS, 0)

    def add(self, lang: str | None, letters: int) -> None:
        if lang is not None:
            self.letters[lang] += letters

    def best(self) -> str | None:
        lang, letters = max(self.letters.items(), key=lambda item: item[1])
        return lang if letters > 0 else None


def document_language(sentences: Iterable[str]) -> str | None:
    """The language most of the sentences' letters are in."""
    tally = Tally()
    for sent in sentences:
        found = evidence(sent)
        tally.add(found.best(), found.letters)
    return tally.best()
