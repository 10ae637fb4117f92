"""Names of states from CLDR (through Babel), and the folding that makes names comparable."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from babel import Locale

from yntymaq.vocab import NAME_LANGS

# CLDR lists regions too ("001" World, "EU"), and a few private-use or exceptional codes.
_NOT_STATES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}


@lru_cache(maxsize=None)
def _territories(lang: str) -> dict[str, str]:
    return dict(Locale.parse(lang).territories)


def is_state_code(code: str) -> bool:
    """Is `code` an ISO 3166-1 alpha-2 code that CLDR names?"""
    return len(code) == 2 and code.isalpha() and code.isupper() and code not in _NOT_STATES and code in _territories("en")


def state_names(code: str) -> dict[str, str]:
    """The state's name in each language CLDR gives it in."""
    return {lang: _territories(lang)[code] for lang in NAME_LANGS if code in _territories(lang)}


def state_codes() -> list[str]:
    return sorted(c for c in _territories("en") if is_state_code(c))


# Latin letters that look like Cyrillic ones, for folding names typed in mixed scripts.
_LOOKALIKES = str.maketrans("aeopcxyABEHKMOPCTXəiIh", "аеорсхуАВЕНКМОРСТХәіІһ")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(name: str) -> str:
    """A key for comparing names: case, punctuation, ё and look-alike letters folded away.

    Latin look-alikes are replaced only in words that also hold Cyrillic letters, so that
    `OIC` stays Latin while `Бiздiң` becomes Cyrillic.
    """
    text = unicodedata.normalize("NFC", name).replace("ё", "е").replace("Ё", "Е")
    words = []
    for word in _NON_WORD.split(text):
        if not word:
            continue
        if any("\u0400" <= ch <= "\u04ff" for ch in word):
            word = word.translate(_LOOKALIKES)
        words.append(word.casefold())
    return " ".join(words)
