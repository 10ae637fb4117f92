"""The letters of the three languages, defined here rather than borrowed from a library.

spaCy and most tokenisers have no Kazakh and their shared Cyrillic classes lack ғ, қ, ұ, so the
42-letter Kazakh Cyrillic alphabet is spelled out in full; the regular-expression classes of the
other modules are built from these strings.
"""

from __future__ import annotations

KAZAKH_UPPER = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
KAZAKH_LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
KAZAKH_ONLY = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
"""The nine letters Kazakh has and Russian has not: their presence marks a Kazakh text."""

RUSSIAN_UPPER = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
RUSSIAN_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

ENGLISH_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ENGLISH_LOWER = "abcdefghijklmnopqrstuvwxyz"

ALPHABETS: dict[str, str] = {
    "kk": KAZAKH_UPPER + KAZAKH_LOWER,
    "ru": RUSSIAN_UPPER + RUSSIAN_LOWER,
    "en": ENGLISH_UPPER + ENGLISH_LOWER,
    "latin": ENGLISH_UPPER + ENGLISH_LOWER + "əƏöÖ",
    "kk-latn": ENGLISH_LOWER + "áäçéğıñŋóöşúüūýǵń",
    "kk-arab": "ءابپتجچحدرزژسشعغفقكگلمنڭەوۆۇۋىيھٴٵٶٷٸ",
}
"""The letters a language's data tables may use; `latin` is the Latin side of the look-alike table."""

ALPHABET_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English", "latin": "Latin look-alike",
                  "kk-latn": "Kazakh Latin", "kk-arab": "Kazakh Arabic-script"}
"""`kk-latn` and `kk-arab` are the letters the transliteration tables (`text/script.py`) read: the
lower-case letters of the three Latin alphabets and of informal spelling, and the Arabic-script letters."""



LETTER_CLASS = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f\u0620-\u064a"
"""A regular-expression class body for the letters of the scripts our texts are written in (Latin,
Greek, Cyrillic, Arabic), spelled out: an explicit class is much faster than the Unicode categories
behind `\\w`, and the text layer runs over every document."""

UPPER_CLASS = "A-Z\u00c0-\u00d6\u00d8-\u00de\u018f\u0400-\u042f\u0460-\u052e"
"""Capital letters, as a class body. From U+0460 on, Cyrillic capitals sit at even code points;
the range lets a few lower-case letters of other Cyrillic alphabets through, so callers that need
certainty check `str.isupper` too."""

