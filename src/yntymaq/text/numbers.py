"""Numbers in Kazakh, Russian and English text: digits, number words and Roman numerals.

`parse_number_words("елу жеті", "kk")` is 57, `parse_roman("ХХ")` is 20 (Cyrillic Х and І are read
as the Roman X and I they stand for), and `find_numbers(text, lang)` finds every number in a text
with its offsets. The number words are tables per language (`text/lang/<lang>/numerals.tsv`);
Kazakh ordinals and case endings come from the inflection rules, Russian forms from the dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from yntymaq.errors import BadInput
from yntymaq.text.tables import load_table

LANGS = ("kk", "ru", "en")
KINDS = frozenset({"unit", "teen", "ten", "hundreds", "hundred", "scale"})

ROMAN_LOOKALIKES = str.maketrans({"Х": "X", "І": "I"})
"""Cyrillic capitals written for Roman numerals in Kazakh and Russian texts (ХХ ғасыр, ХІХ ғасыр)."""

ROMAN_LETTERS = "IVXLCDMХІ"
_ROMAN_VALID = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
LETTER = r"[^\W\d_]"
ROMAN_PATTERN = rf"(?<!{LETTER})(?-i:[{ROMAN_LETTERS}]+)(?!{LETTER})"
"""A regular expression for a word written in Roman-numeral letters (check it with parse_roman)."""


@dataclass(frozen=True, slots=True)
class Numeral:
    """One number word: its value, its kind (unit, ten, scale ...) and whether it is an ordinal."""

    value: int
    kind: str
    ordinal: bool


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number found in a text: `kind` is digits, words or roman; `ordinal` for 8-ші, eighth, VII."""

    start: int
    end: int
    text: str
    value: int | float
    kind: str
    ordinal: bool
    rule: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "kind": self.kind, "ordinal": self.ordinal, "rule": self.rule}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise BadInput(f"language {lang!r} is not supported: use one of {', '.join(LANGS)}")


def parse_roman(text: str) -> int | None:
    """The value of a Roman numeral (VII, XIV, ХХ with Cyrillic Х), or None if `text` is not one."""
    latin = text.strip().translate(ROMAN_LOOKALIKES)
    if not latin or not _ROMAN_VALID.fullmatch(latin):
        return None
    total = 0
    for i, ch in enumerate(latin):
        value = _ROMAN_VALUES[ch]
        total += -value if i + 1 < len(latin) and _ROMAN_VALUES[latin[i + 1]] > value else value
    return total


def to_roman(value: int) -> str:
    """Write 1..3999 as a Roman numeral (the inverse of parse_roman)."""
    if not 1 <= value <= 3999:
        raise ValueError(f"{value} cannot be written as a Roman numeral (1..3999)")
    out = []
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


@lru_cache(maxsize=None)
def numeral_table(lang: str) -> dict[str, Numeral]:
    """The number words of a language (`numerals.tsv`), Russian with every dictionary form."""
    _check_lang(lang)
    rows = load_table(lang, "numerals", ("word", "value", "kind", "ordinal"), (("word", lang),),
                      (("kind", KINDS), ("ordinal", frozenset({"yes", "no"}))))
    table: dict[str, Numeral] = {}
    for row in rows:
        numeral = Numeral(int(row["value"]), row["kind"], row["ordinal"] == "yes")
        word = row["word"].lower()
        forms = (word,)
        if lang == "ru":
            from yntymaq.text.morph_ru import word_forms

            forms = word_forms(word)
        for form in forms:
            table.setdefault(form, numeral)
    return table


def _compose(parts: list[Numeral]) -> int | None:
    """The value of number words in a row (елу жеті, two hundred and five), or None when they do
    not make one number."""
    total, group, last_scale = 0, 0, None
    seen: set[str] = set()
    for i, part in enumerate(parts):
        if part.ordinal and i != len(parts) - 1:
            return None
        if part.value == 0 and len(parts) > 1:
            return None
        kind = part.kind
        if kind == "unit":
            if seen & {"unit", "teen"}:
                return None
        elif kind in ("teen", "ten"):
            if seen & {"unit", "teen", "ten"}:
                return None
        elif kind == "hundreds":
            if seen:
                return None
        elif kind == "hundred":
            if seen - {"unit"}:
                return None
            group = (group or 1) * 100
            seen = {"hundreds"}
            continue
        elif kind == "scale":
            if last_scale is not None and part.value >= last_scale:
                return None
            total += (group or 1) * part.value
            group, seen, last_scale = 0, set(), part.value
            continue
        group += part.value
        seen.add(kind)
    return total + group


def _word_numeral(word: str, lang: str, *, alone: bool) -> Numeral | None:
    """The number word `word` stands for; a Kazakh word may carry case endings (елу жетіге) or the
    ordinal suffix (жетінші). An inflected Kazakh word counts alone only with the ordinal suffix:
    онда, оның, үшін are pronouns and postpositions, not 10 and 3."""
    table = numeral_table(lang)
    lower = word.lower()
    found = table.get(lower)
    if found is not None or lang != "kk":
        return found
    from yntymaq.text.inflect import kk_analyses

    for analysis in kk_analyses(word):
        numeral = table.get(analysis.stem.lower())
        if numeral is None or not analysis.suffixes:
            continue
        ordinal = "ORD" in analysis.tags
        if ordinal and analysis.tags[0] != "ORD":
            continue
        if not ordinal and alone:
            continue
        return Numeral(numeral.value, numeral.kind, ordinal or numeral.ordinal)
    return None


_SPLIT = re.compile(r"[^\W\d_]+")


def parse_number_words(text: str, lang: str) -> int | None:
    """The value of a number written in words (`елу жеті` 57, `пятьдесят семь`, `fifty-seven`,
    `отыз сегізінші` 38), or None when `text` is not one number. See `is_ordinal_words`."""
    found = _parse_words(text, lang)
    return found[0] if found else None


def is_ordinal_words(text: str, lang: str) -> bool:
    """Is `text` an ordinal written in words (сегізінші, тридцать восьмая, thirty-eighth)?"""
    found = _parse_words(text, lang)
    return bool(found and found[1])


def _parse_words(text: str, lang: str) -> tuple[int, bool] | None:
    _check_lang(lang)
    words = [w for w in _SPLIT.findall(text) if not (lang == "en" and w.lower() == "and")]
    if not words:
        return None
    parts = []
    for i, word in enumerate(words):
        if i < len(words) - 1:  # only the last word of a Kazakh number takes endings (елу жетіге)
            numeral = numeral_table(lang).get(word.lower())
        else:
            numeral = _word_numeral(word, lang, alone=len(words) == 1)
        if numeral is None:
            return None
        parts.append(numeral)
    value = _compose(parts)
    return None if value is None else (value, parts[-1].ordinal)


@lru_cache(maxsize=None)
def _finder(lang: str) -> re.Pattern:
    table = numeral_table(lang)
    scales = sorted((w for w, n in table.items() if n.kind == "scale" and not n.ordinal), key=len, reverse=True)
    if lang == "kk":
        stems = sorted(table, key=len, reverse=True)
        word = rf"(?:{'|'.join(map(re.escape, stems))}){LETTER}*"
        join = r"[ \t]+|-"
    else:
        word = rf"(?:{'|'.join(map(re.escape, sorted(table, key=len, reverse=True)))})"
        join = r"[ \t]+(?:and[ \t]+)?|-" if lang == "en" else r"[ \t]+"
    scale = rf"(?:{'|'.join(map(re.escape, scales))})(?:\.|{LETTER}*)"
    words = rf"(?<!{LETTER}){word}(?!{LETTER})(?:(?:{join}){word}(?!{LETTER}))*"
    digits = rf"(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])(?:[ \t]?(?P<scale>{scale}))?"
    # Every number starts a word with a digit, a Roman letter or the first letter of a number word:
    # checking that first lets the scan skip most of the text at once.
    firsts = set("0123456789" + ROMAN_LETTERS)
    for form in table:
        firsts |= {form[0], form[0].upper()}
    first = re.escape("".join(sorted(firsts)))
    return re.compile(rf"(?<!\w)(?=[{first}])(?:(?P<digits>{digits})|(?P<roman>{ROMAN_PATTERN})|(?P<words>{words}))",
                      re.I)


@lru_cache(maxsize=None)
def _ordinal_forms(lang: str) -> frozenset[str]:
    return frozenset(form for form, numeral in numeral_table(lang).items() if numeral.ordinal)


def may_hold_ordinal_words(text: str, lang: str) -> bool:
    """Could `text` hold an ordinal written in words? False means surely not: an ordinal in words
    ends with an ordinal form, which Kazakh makes with -ншы/-нші (after -ы/-і or not) and Russian
    and English list in their tables. Cheaper than `find_numbers`, which reads every number."""
    low = text.lower()
    if lang == "kk":
        return "ншы" in low or "нші" in low
    return not _ordinal_forms(lang).isdisjoint(_SPLIT.findall(low))


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Every number in `text`: digits (with a scale word: 1,2 миллиард), number words, Roman numerals.

    One regular-expression pass finds the candidates; each is then checked and valued. A single
    Roman letter counts only as V or X (I is a pronoun in English, C, D, L, M are initials), and a
    run of number words that do not make one number is split (жеті бес → 7, 5).
    """
    _check_lang(lang)
    found: list[NumberMention] = []
    table = numeral_table(lang)
    for match in _finder(lang).finditer(text):
        kind = match.lastgroup
        if kind == "digits":
            digits = _DIGITS.match(match.group("digits")).group(0)
            value = Decimal(digits.replace(",", "."))
            end = match.start() + len(digits)
            scale_word = match.group("scale")
            if scale_word:
                scale = table.get(scale_word.rstrip(".").lower()) or \
                    _word_numeral(scale_word.rstrip("."), lang, alone=False)
                if scale is not None and scale.kind == "scale" and not scale.ordinal:
                    value, end = value * scale.value, match.end()
            found.append(NumberMention(match.start(), end, text[match.start():end], _plain(value),
                                       "digits", False, f"{lang}.number.digits.v1"))
        elif kind == "roman":
            token = match.group("roman")
            value = parse_roman(token)
            if value is None or (len(token) == 1 and token.translate(ROMAN_LOOKALIKES) not in "VX"):
                continue
            found.append(NumberMention(match.start(), match.end(), token, value, "roman", False,
                                       "roman.numeral.v1"))
        else:
            found.extend(_split_words(text, match.start(), match.end(), lang))
    return found


_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_WORD_SPANS = re.compile(r"[^\W\d_]+")


def _split_words(text: str, start: int, end: int, lang: str) -> list[NumberMention]:
    spans = [(m.start() + start, m.end() + start) for m in _WORD_SPANS.finditer(text[start:end])
             if not (lang == "en" and m.group(0).lower() == "and")]
    out: list[NumberMention] = []
    i = 0
    while i < len(spans):
        best = None
        for j in range(len(spans), i, -1):
            piece = text[spans[i][0]:spans[j - 1][1]]
            parsed = _parse_words(piece, lang)
            if parsed is not None:
                best = (j, parsed)
                break
        if best is None:
            i += 1
            continue
        j, (value, ordinal) = best
        s, e = spans[i][0], spans[j - 1][1]
        out.append(NumberMention(s, e, text[s:e], value, "words", ordinal, f"{lang}.number.words.v1"))
        i = j
    return out
