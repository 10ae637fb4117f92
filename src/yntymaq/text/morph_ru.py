"""Russian morphology through pymorphy3: normal forms of words and phrases, and the forms of a lemma.

The analyzer and its dictionary load once, on first use, so importing this module costs nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")


@lru_cache(maxsize=None)
def analyzer():
    """The shared pymorphy3 analyzer (loaded on first call)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=1 << 16)
def normal_form(word: str) -> str:
    """The dictionary form of a Russian word, in lower case: `Организации` → `организация`.

    A word the dictionary does not know (ОИС, a Kazakh or English word) comes back lower-cased.
    """
    if not word:
        return word
    parses = analyzer().parse(word)
    return parses[0].normal_form if parses else word.lower()


def normal_forms(phrase: str) -> str:
    """The normal form of every word of a phrase, joined by single spaces:
    `Организации исламского сотрудничества` → `организация исламский сотрудничество`."""
    return " ".join(normal_form(word) for word in _WORD.findall(phrase))


@lru_cache(maxsize=None)
def word_forms(lemma: str, pos: tuple[str, ...] = ("NUMR", "ADJF", "NOUN")) -> tuple[str, ...]:
    """Every inflected form of `lemma` (июнь → июня, июне, июнем ...), with ё also written е.

    The lemma's parse of one of the parts of speech `pos` is used; abbreviations are skipped
    (сто is also the abbreviation СТО).
    """
    forms = {lemma}
    for parse in analyzer().parse(lemma):
        if parse.normal_form != lemma or parse.tag.POS not in pos or "Abbr" in parse.tag:
            continue
        forms.update(item.word for item in parse.lexeme)
        break
    forms |= {form.replace("ё", "е") for form in forms}
    return tuple(sorted(forms))
