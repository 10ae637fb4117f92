"""Which language a text is in — Kazakh, Russian or English — from letters and stop words alone.

Kazakh and Russian share 33 letters; the nine Kazakh ones (ә ғ қ ң ө ұ ү һ і) mark Kazakh, and
frequent function words (`stopwords.tsv` of each language) mark all three. A text mostly in Latin
letters is English. A text with no evidence either way (a number, an acronym) gets None, and the
caller falls back on the document's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from yntymaq.text.alphabet import KAZAKH_ONLY
from yntymaq.text.tables import load_table
from yntymaq.vocab import LANGS

_LOWER_LETTER = "a-z\u00df-\u00f6\u00f8-\u024f\u0430-\u045f\u0460-\u0481\u048a-\u04ff"
"""Lower-case Latin and Cyrillic letters: a class written out is quicker to match than \\w."""
_WORD = re.compile(f"[{_LOWER_LETTER}]+(?:-[{_LOWER_LETTER}]+)*")  # in lower-cased text
_KAZAKH_LETTER_ONWARDS = re.compile(rf"[{KAZAKH_ONLY}]\S*")
"""From a Kazakh-only letter to the end of its word: one match per word that has one."""


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """The stop words of `lang`, from its `stopwords.tsv`."""
    return frozenset(row["word"] for row in load_table(lang, "stopwords", ("word",), (("word", lang),)))


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a text says about its language: a count per language, and its letters."""

    kk: int
    ru: int
    en: int
    letters: int

    def best(self) -> str | None:
        """The language with the most evidence; None on a tie or with none at all."""
        ranked = sorted(((self.kk, "kk"), (self.ru, "ru"), (self.en, "en")), reverse=True)
        if ranked[0][0] == 0 or ranked[0][0] == ranked[1][0]:
            return None
        return ranked[0][1]


def evidence(text: str) -> Evidence:
    """Count the evidence for each language in `text`.

    Kazakh: words with a Kazakh-only letter, plus Kazakh stop words; Russian: Russian stop words;
    English: English stop words, plus one for a text mostly in Latin letters. `letters` counts the
    letters of the words (and the hyphens inside them).
    """
    # One regular-expression pass cuts the words; everything else is counted over that list by
    # built-in functions, because this runs on every sentence of every document.
    words = _WORD.findall(text.lower())
    if not words:
        return Evidence(0, 0, 0, 0)
    letters = sum(map(len, words))
    latin = sum(map(len, filter(str.isascii, words)))
    if 2 * latin > letters:
        return Evidence(0, 0, sum(map(stopwords("en").__contains__, words)) + 1, letters)
    kk = len(_KAZAKH_LETTER_ONWARDS.findall(" ".join(words))) + sum(map(stopwords("kk").__contains__, words))
    ru = sum(map(stopwords("ru").__contains__, words))
    return Evidence(kk, ru, 0, letters)


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
