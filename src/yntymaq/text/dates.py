"""Dates in Kazakh, Russian and English text, with their precision, and ordinals.

`find_dates(text, lang)` finds every temporal expression it knows and reads it into `Date`s of the
precision the text gives — a year (1995 жылы), a month (2005 ж. маусымда, June 2011) or a day
(1969 жылы 25 қыркүйекте) — never more: a month is never made a day, a year never a month. It knows

- dates: 1969 жылы 25 қыркүйекте, 2006 жылғы 1 мамырдағы, 2005 ж. маусымда, 2000ж қарашада,
  25 сентября 1969 года, в июне 2011 г., June 2011, 28.06.2011, 2011-06-28;
- ranges: 15-16 қарашадағы, 21-22 June 2025, 1995-2000 жылдары, 1995 жылдан 2000 жылға дейін,
  с 1995 по 2000 год, from 1995 to 2000;
- open bounds: 2011 жылдың 28 маусымына дейін (until), 1995 жылдан бері (since), до 28 июня 2011
  года, с 1995 года, since 1995, after/before (кейін, бұрын, после, after, before);
- decades: 1990-жылдары, 1990-е годы, the 1970s, and decades of a century: ХХ ғасырдың 70-80 жылдары
  (years 1970 to 1989, kind "decade");
- centuries: ХХ ғасыр, VII-XIV ғасырларда, XX века, the 20th century (kind "century");
- numeric and stamp forms: 22-25.9.1969, 28.06-01.07.2011, 2011.06.28, 23-08-2024, 14/04/2016 (day
  first; in English only where one order alone makes a date, else the year alone, missing
  ("month", "day")), 15 Наурыз, 2011, Октябрь 17, 2016, 28 JUNE, 1999; two days of one month
  (April 27 and 29) are two dates;
- Hijri dates (rule LANG.date.hijri.v1): 14 мухаррама 1392 года, 12th Rajab 1389 Hijra, Rabi
  al-Awwal 1429 AH, 1412H, 1389 ж. 12 ражаб, converted by the Umm al-Qura tables (`hijridate`) and
  kept in `hijri`; see `_read_hijri` for the precision rule (`hijri_tolerance`).

A century has no `value`: a Date is a year, month or day, and a century is none of those. Its
number is in `century` (and `end_century` for a range); `year_bounds()` gives its first and last
year (the 20th century is 1901-2000). A day and month without a year (15-16 қарашадағы) take the year
of `context_year` when the caller knows it; otherwise `value` stays None, `missing` says ("year",)
and `partial` keeps the month and day.

Kazakh month names come from CLDR and are recognised in every inflected form the suffix grammar of
`inflect` allows (қыркүйекте, маусымына, қарашадағы); Russian ones in every case of the dictionary
(июня, июне). Each mention records the versioned rule that produced it.

`find_ordinals(text, lang)` finds ordinals: 39-сессияда, 8-ші, 24-ші, VII Бүкіләлемдік, 38th,
38-я, отыз сегізінші, thirty-eighth; those that number a year or a century belong to dates and are
left out.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from yntymaq.errors import BadInput
from yntymaq.text.inflect import kk_analyses, kk_match, kk_month_names
from yntymaq.text.numbers import LETTER, ROMAN_LETTERS, find_numbers, may_hold_ordinal_words, parse_roman
from yntymaq.text.tables import load_table
from yntymaq.vocab import Date, Truth

LANGS = ("kk", "ru", "en")
KINDS = ("date", "range", "until", "since", "after", "before", "century", "decade")
BOUND_KINDS = frozenset({"until", "since", "after", "before"})

L = LETTER
DASH = r"[ \t]?[-–—][ \t]?"
GAP = r"\s{0,3}"
START = r"(?<!\w)(?<!\d[.,])"  # not inside a word or a number (1,2 миллиард; 28.06.2011)
ROMAN = rf"(?<!{L})(?-i:[{ROMAN_LETTERS}]+)(?!{L})"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A month (and day) whose year the text does not say."""

    month: int
    day: int | None = None

    def complete(self, year: int) -> Date:
        return Date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"--{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


HIJRI_TABLE_YEARS = (1343, 1500)
"""The Hijri years the Umm al-Qura tables of `hijridate` cover (1924-2077); a Hijri date outside
them keeps its Hijri reckoning and gets no Gregorian value."""


def hijri_tolerance(year: int) -> int:
    """Days either side by which the Umm al-Qura tables may miss the Gregorian day a Hijri date
    was written for. From 1420 AH the tables are the calendar Saudi Arabia officially dates
    by: none. Before, they reconstruct it by rules that held later: from 1392 AH the
    conjunction rule in force then matches ~97% of month starts, the rest off by a day; before
    1392 AH no rule is known (9 Rajab 1389 was 22 September 1969; the tables say the 20th)."""
    return 0 if year >= 1420 else 1 if year >= 1392 else 2


@dataclass(frozen=True, slots=True)
class HijriDate:
    """A date of the Hijri calendar as the text writes it, and the Gregorian days it stands for.

    `year`, `month` (None: the whole year), `day` and `end_day` (a range of days in one month) are
    the text's Hijri reckoning (`year` None when the text gives none). `days` are the first and last
    Gregorian day of that period by the Umm al-Qura tables (None outside HIJRI_TABLE_YEARS or
    without a year), `tolerance` the days either side they may be off (`hijri_tolerance`)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    end_day: int | None = None
    days: tuple[dt.date, dt.date] | None = None
    tolerance: int = 0

    def window(self) -> tuple[dt.date, dt.date]:
        """The first and last Gregorian day the date may stand for, the tolerance included."""
        first, last = self.days
        pad = dt.timedelta(days=self.tolerance)
        return first - pad, last + pad

    def __str__(self) -> str:
        out = f"{self.year:04d}" if self.year is not None else "-"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        if self.end_day is not None:
            out += f"/{self.end_day:02d}"
        return out

    def to_json(self) -> dict:
        out = {"value": str(self), "calendar": "hijri (Umm al-Qura)"}
        if self.days is not None:
            out["days"] = [self.days[0].isoformat(), self.days[1].isoformat()]
            out["tolerance_days"] = self.tolerance
        return out


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression found in a text, with the exact characters it covers."""

    start: int
    end: int
    text: str
    kind: str  # one of KINDS
    value: Date | None
    end_value: Date | None = None
    rule: str = ""
    missing: tuple[str, ...] = ()
    partial: PartialDate | None = None
    end_partial: PartialDate | None = None
    century: int | None = None
    end_century: int | None = None
    year_from_context: bool = False
    hijri: HijriDate | None = None

    def year_bounds(self) -> tuple[int, int] | None:
        """The first and last year the mention may stand for (a century: 1901-2000 for the 20th; a
        Hijri year: the two Gregorian years it overlaps)."""
        if self.kind == "century":
            last = self.end_century or self.century
            return (self.century - 1) * 100 + 1, last * 100
        if self.value is None:
            if self.hijri is not None and self.hijri.days is not None:
                first, last = self.hijri.window()
                return first.year, last.year
            return None
        end = self.end_value or self.value
        return self.value.year, end.year

    def to_json(self) -> dict:
        """The mention as JSON-ready data, dates as strings of their precision (`2011-06`)."""
        out = {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
               "value": str(self.value) if self.value else None,
               "end_value": str(self.end_value) if self.end_value else None, "rule": self.rule}
        if self.missing:
            out["missing"] = list(self.missing)
        if self.partial:
            out["partial"] = str(self.partial)
        if self.end_partial:
            out["end_partial"] = str(self.end_partial)
        if self.century is not None:
            out["century"] = self.century
            out["end_century"] = self.end_century
            out["year_bounds"] = list(self.year_bounds())
        if self.year_from_context:
            out["year_from_context"] = True
        if self.hijri is not None:
            out["hijri"] = self.hijri.to_json()
            if self.value is None and self.hijri.days is not None:
                out["year_bounds"] = list(self.year_bounds())
        return out


@dataclass(frozen=True, slots=True)
class OrdinalMention:
    """An ordinal found in a text: `form` is digits (8-ші, 38th), roman (VII) or words (сегізінші)."""

    start: int
    end: int
    text: str
    value: int
    rule: str
    form: str = "digits"

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "rule": self.rule, "form": self.form}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise BadInput(f"language {lang!r} is not supported: use one of {', '.join(LANGS)}")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# ---------------------------------------------------------------------------------------------
# Language data


@dataclass(frozen=True, slots=True)
class _Words:
    by_meaning: dict[str, tuple[str, ...]]
    case: dict[str, str]  # postposition -> the case the date before it takes (Kazakh)
    meaning: dict[str, str]  # word -> meaning


@lru_cache(maxsize=None)
def _date_words(lang: str) -> _Words:
    meanings = frozenset({"year", "year.abbr", "century", "century.abbr", "until", "since", "after",
                          "before", "in"})
    columns = ("word", "meaning", "case") if lang == "kk" else ("word", "meaning")
    choices = (("meaning", meanings),) + ((("case", frozenset({"DAT", "ABL", "-"})),) if lang == "kk" else ())
    rows = load_table(lang, "date_words", columns, (("word", lang),), choices)
    by_meaning: dict[str, list[str]] = {}
    case: dict[str, str] = {}
    meaning: dict[str, str] = {}
    for row in rows:
        word = row["word"]
        forms = [word]
        if lang == "ru" and row["meaning"] in ("year", "century"):
            from yntymaq.text.morph_ru import word_forms

            # the dictionary counts abbreviations (гг) among the forms of год: those are rows of their own
            forms = [form for form in word_forms(word, ("NOUN",)) if len(form) >= len(word)]
        for form in forms:
            by_meaning.setdefault(row["meaning"], []).append(form)
            meaning[form] = row["meaning"]
        if lang == "kk" and row["case"] != "-":
            case[word] = row["case"]
    return _Words({k: tuple(v) for k, v in by_meaning.items()}, case, meaning)


@lru_cache(maxsize=None)
def month_forms(lang: str) -> dict[str, int]:
    """Month words of a language, lower-cased, to their number: CLDR's wide and abbreviated names
    (format and stand-alone) and, for Russian, every case of the dictionary (в июне).
    Kazakh inflected forms are not listed: the suffix grammar reads them."""
    from babel import Locale

    _check_lang(lang)
    locale = Locale.parse(lang)
    forms: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                forms.setdefault(name.lower().rstrip("."), number)
    if lang == "ru":
        from yntymaq.text.morph_ru import word_forms

        for number, name in locale.months["stand-alone"]["wide"].items():
            for form in word_forms(name.lower(), ("NOUN",)):
                forms.setdefault(form, number)
    if lang == "en":
        forms.setdefault("sept", 9)
    return forms


def _kk_month_pattern(*, inflected: bool = True) -> str:
    """Kazakh month stems, with the voiced final consonant a vowel brings (қыркүйек → қыркүйегі),
    and (`inflected`) any ending after them, for the suffix grammar to check."""
    voiced = {"к": "г", "қ": "ғ", "п": "б"}
    stems = []
    for name in kk_month_names():
        if name[-1] in voiced:
            stems.append(re.escape(name[:-1]) + f"[{name[-1]}{voiced[name[-1]]}]")
        else:
            stems.append(re.escape(name))
    return rf"(?:{'|'.join(stems)})" + (rf"{L}*" if inflected else rf"(?!{L})")


_NAME_SEPARATORS = re.compile(r"[ \-'’]+")
_SEPARATOR = r"[-'’ʼ‘`\s]{0,2}"
"""What a space, hyphen or apostrophe of a Hijri month name may be written as: any of them, or none."""


@lru_cache(maxsize=None)
def _hijri_months(lang: str) -> dict[str, int]:
    """Hijri month names of `lang` (its `hijri_months` table) and, for Russian and Kazakh, of English
    (which their texts quote: 3-5 Jumada II, 1412H), lower-cased, to the month's number."""
    months: dict[str, int] = {}
    for table_lang in dict.fromkeys((lang, "en")):
        rows = load_table(table_lang, "hijri_months", ("word", "month"), (("word", table_lang),),
                          (("month", frozenset(str(n) for n in range(1, 13))),))
        for row in rows:
            months.setdefault(row["word"], int(row["month"]))
    return months


def _compact(word: str) -> str:
    return _NAME_SEPARATORS.sub("", word.lower().replace("ʼ", "").replace("‘", "").replace("`", ""))


@lru_cache(maxsize=None)
def _hijri_compact(lang: str) -> dict[str, int]:
    """Month names without their separators (rabiulawwal), and for Russian also the stem the case
    endings go on (шаввал of шавваль, зульхидж of зуль-хиджа), to the month's number."""
    out: dict[str, int] = {}
    for word, month in _hijri_months(lang).items():
        compact = _compact(word)
        out.setdefault(compact, month)
        if lang == "ru" and compact[-1] in "ьая":
            out.setdefault(compact[:-1], month)
    return out


_RU_ENDINGS = {"ь": "(?:ь|я|ю|е|ем)", "а": "(?:а|ы|и|е|у|ой|ей)", "я": "(?:я|и|е|ю|ей)"}


def _hijri_month_pattern(lang: str) -> str:
    """Hijri month names, their separators written as they may be; Russian names with their case
    endings (мухаррама, шавваля), Kazakh ones with any ending, for the suffix grammar to check."""
    forms = []
    for word in sorted(_hijri_months(lang), key=len, reverse=True):
        parts = [re.escape(part) for part in _NAME_SEPARATORS.split(word) if part]
        form = _SEPARATOR.join(parts)
        if lang == "ru" and not word.isascii():
            last = word[-1]
            form = form[:-1] + _RU_ENDINGS[last] if last in _RU_ENDINGS else form + "(?:а|у|е|ом)?"
        elif lang == "kk" and not word.isascii():
            form += f"{L}*"
        forms.append(form)
    return rf"(?:{'|'.join(forms)})(?!{L})"


def _hijri_month(word: str, lang: str) -> int:
    """The number of the Hijri month a matched name stands for (a Kazakh ending checked)."""
    compact = _compact(word)
    table = _hijri_compact(lang)
    if compact in table:
        return table[compact]
    for key in sorted((k for k in table if compact.startswith(k)), key=len, reverse=True):
        if lang == "ru" or (lang == "kk" and kk_match(compact, frozenset({key})) is not None):
            return table[key]
    raise _Skip


def _hijri_patterns(lang: str, year_word: str) -> list[str]:
    """Hijri dates: 12th Rajab 1389 Hijra, Rabi al-Awwal 1429H, 1412H; 14 мухаррама 1392 года, с 14
    по 18 число месяца Мухаррам, 1392 года по Хиджре; 1389 ж. 12 ражаб, 1392 жылғы Мұхаррам
    айының 14–18. They come first: 1392 года after a Hijri month is not the Gregorian 1392."""
    month = _hijri_month_pattern(lang)
    ordinal = r"(?:st|nd|rd|th)?" if lang == "en" else ""
    latin_mark = rf"[ \t]?(?-i:A\.?H\.?|H|Hijra|Hijri|Hijrah)(?!{L})"
    if lang == "kk":
        return [
            rf"(?P<h_kk>{START}(?P<h_kk_y>\d{{3,4}})(?!\d)(?:{year_word}){GAP}"
            rf"(?:(?P<h_kk_d1>\d{{1,2}})(?:{DASH}(?P<h_kk_d2>\d{{1,2}}))?(?!\d){GAP})?(?P<h_kk_hm>{month})"
            rf"(?:[ \t]+ай{L}*)?(?:[ \t]+(?P<h_kk_e1>\d{{1,2}})(?:{DASH}(?P<h_kk_e2>\d{{1,2}}))?(?!\d)"
            rf"(?:[ \t]?-[ \t]?{L}{{1,3}}(?!{L}))?)?)",
        ]
    if lang == "ru":
        mark = rf"(?:[ \t]+(?:по[ \t]+)?хиджр{L}*|[ \t]?х\.|{latin_mark})"
        year = rf"(?:[ \t]*,?{GAP}(?P<{{p}}_y>\d{{3,4}})(?!\d)(?:{year_word})?(?P<{{p}}_mark>{mark})?)"
        return [
            rf"(?P<h_d>{START}(?:с[ \t]+)?(?P<h_d_d1>\d{{1,2}})(?:(?:{DASH}|[ \t]+по[ \t]+)(?P<h_d_d2>\d{{1,2}}))?(?!\d)"
            rf"(?:[ \t]+числ{L}*)?(?:[ \t]+месяц{L}*)?{GAP}(?P<h_d_hm>{month}){year.replace('{p}', 'h_d')}?)",
            rf"(?P<h_m>{START}(?:месяц{L}*[ \t]+)?(?P<h_m_hm>{month}){year.replace('{p}', 'h_m')})",
            rf"(?P<h_y>{START}(?P<h_y_y>\d{{3,4}})(?!\d)(?:{year_word})?(?P<h_y_mark>{mark}))",
        ]
    year = rf"(?:[ \t]*,?[ \t]*(?P<{{p}}_y>\d{{3,4}})(?!\d)(?P<{{p}}_mark>{latin_mark})?)"
    days = rf"(?P<{{p}}_d1>\d{{1,2}}){ordinal}(?:(?:{DASH}|[ \t]+(?i:to|and)[ \t]+)(?P<{{p}}_d2>\d{{1,2}}){ordinal})?(?!\d)"
    return [
        rf"(?P<h_d>{START}(?:(?i:the)[ \t]+)?{days.replace('{p}', 'h_d')}[ \t]+(?:(?i:of)[ \t]+)?"
        rf"(?P<h_d_hm>(?i:{month})){year.replace('{p}', 'h_d')}?)",
        rf"(?P<h_m>{START}(?P<h_m_hm>(?i:{month}))(?:[ \t]+{days.replace('{p}', 'h_m')},?)?{year.replace('{p}', 'h_m')})",
        rf"(?P<h_y>{START}(?P<h_y_y>\d{{3,4}})(?!\d)(?P<h_y_mark>{latin_mark}))",
    ]


# ---------------------------------------------------------------------------------------------
# The grammars: one regular expression per language, an alternation of named patterns.


def _numeric_patterns(year_word: str) -> list[str]:
    """28.06.2011, 22-25.9.1969, 28.06-01.07.2011, 14/04/2016, 23-08-2024; 2011-06-28, 2011.06.28."""
    return [
        rf"(?P<iso>{START}(?P<iso_y>\d{{4}})(?P<iso_s>[-./])(?P<iso_m>\d{{1,2}})(?P=iso_s)(?P<iso_d>\d{{1,2}})"
        rf"(?![\w-]|[.,/]\d))",
        rf"(?P<num>{START}(?P<num_d>\d{{1,2}})(?:(?:\.(?P<num_m0>\d{{1,2}}))?{DASH}(?P<num_d2>\d{{1,2}}))?"
        rf"(?P<num_s>[./-])(?P<num_m>\d{{1,2}})(?P=num_s)(?P<num_y>\d{{4}})(?![\d-])(?:{year_word})?)",
    ]


_HIJRI_YEAR = re.compile(r"1[0-5]\d\d(?!\d)")
"""A year of the Hijri centuries a text may date by (1000-1599 AH; the tables hold 1343-1500). It
opens with a literal digit, which the search skips to at C speed: far cheaper than looking for
every month name. A Hijri day and month without a year (10 Muharram) is thus left unread, as it
has no Gregorian value anyway."""


def _may_hold_hijri(text: str, lang: str) -> bool:
    """Could `text` hold a Hijri date `_hijri_patterns` read? Texts without are read by the grammar
    without those patterns (`_grammar(lang, hijri=False)`), which they would only try and fail."""
    return _HIJRI_YEAR.search(text) is not None


@lru_cache(maxsize=None)
def _grammar(lang: str, hijri: bool = True) -> re.Pattern:
    _check_lang(lang)
    hijri_patterns = _hijri_patterns if hijri else (lambda lang, year_word: [])
    words = _date_words(lang)
    if lang == "kk":
        month = _kk_month_pattern()
        year = rf"(?:[ \t]?-?[ \t]?(?:{_alternation(words.by_meaning['year'])}){L}*" \
               rf"|[ \t]?(?:{_alternation(words.by_meaning['year.abbr'])})(?:\.|(?!{L})))"
        century = rf"(?:(?:{_alternation(words.by_meaning['century'])}){L}*" \
                  rf"|(?:{_alternation(words.by_meaning['century.abbr'])})(?:\.|(?!{L})))"
        post = "|".join(re.escape(w) for w in words.case)
        post = rf"(?:\s{{1,3}}(?P<{{p}}_post>{post})(?!{L}))?"
        p = lambda name: post.replace("{p}", name)  # noqa: E731
        patterns = hijri_patterns("kk", year) + _numeric_patterns(year) + [
            rf"(?P<ymd>{START}(?P<ymd_y>\d{{4}})(?P<ymd_w>{year}){GAP}(?P<ymd_d1>\d{{1,2}})"
            rf"(?:{DASH}(?P<ymd_d2>\d{{1,2}}))?(?!\d){GAP}(?P<ymd_m>{month}){p('ymd')})",
            rf"(?P<ym>{START}(?P<ym_y>\d{{4}})(?P<ym_w>{year}){GAP}(?P<ym_m>{month}){p('ym')})",
            rf"(?P<yr>{START}(?P<yr_y>\d{{4}})(?:{DASH}(?P<yr_y2>\d{{4}}|\d{{2}}))?(?!\d)(?P<yr_w>{year}){p('yr')})",
            rf"(?P<c>{START}(?P<c_c1>{ROMAN}|\d{{1,2}}(?=[ \t]?-))(?:{DASH}(?P<c_c2>{ROMAN}))?[ \t]?-?{GAP}"
            rf"(?P<c_w>{century})(?:\s{{1,3}}(?P<c_d1>\d0)(?:{DASH}(?P<c_d2>\d0))?(?!\d)(?P<c_dw>{year}))?)",
            rf"(?P<dm>{START}(?P<dm_d1>\d{{1,2}})(?:{DASH}(?P<dm_d2>\d{{1,2}}))?(?!\d){GAP}"
            rf"(?:(?P<dm_mb>{_kk_month_pattern(inflected=False)})[ \t]*,?{GAP}(?P<dm_y>\d{{4}})(?!\d)(?P<dm_w>{year})?"
            rf"|(?P<dm_m>{month})){p('dm')})",
        ]
        return re.compile("|".join(patterns), re.I)
    if lang == "ru":
        month = rf"(?:{_alternation(month_forms('ru'))})\.?(?!{L})"
        year = rf"(?:[ \t]?(?:{_alternation(words.by_meaning['year'])})(?!{L})" \
               rf"|[ \t]?(?:{_alternation(words.by_meaning['year.abbr'])})(?:\.|(?!{L})))"
        century = rf"(?:(?:{_alternation(words.by_meaning['century'])})(?!{L})" \
                  rf"|(?:{_alternation(words.by_meaning['century.abbr'])})\.)"
        preps = [w for m in ("until", "since", "after") for w in words.by_meaning.get(m, ())]
        prep = rf"(?:(?P<{{p}}_prep>{_alternation(preps)})\s{{1,3}})?"
        p = lambda name: prep.replace("{p}", name)  # noqa: E731
        since = _alternation(words.by_meaning["since"])
        until = _alternation(words.by_meaning["until"])
        decade_end = r"-?(?:ые|ых|е|х)"
        patterns = hijri_patterns("ru", year) + _numeric_patterns(year) + [
            rf"(?P<dmy>{START}{p('dmy')}(?P<dmy_d1>\d{{1,2}})(?:{DASH}(?P<dmy_d2>\d{{1,2}}))?(?!\d){GAP}"
            rf"(?P<dmy_m>{month})(?:{GAP}(?P<dmy_y>\d{{4}})(?!\d)(?:{year})?)?)",
            rf"(?P<my>{START}{p('my')}(?P<my_m>{month})[ \t]*,?{GAP}(?:(?P<my_d>\d{{1,2}})(?!\d),[ \t]*)?(?P<my_y>\d{{4}})(?!\d)(?:{year})?)",
            rf"(?P<rg>{START}(?P<rg_prep>{since}|от)\s{{1,3}}(?P<rg_y1>\d{{4}})(?!\d)(?:{year})?\s{{1,3}}"
            rf"(?:{until})\s{{1,3}}(?P<rg_y2>\d{{4}})(?!\d)(?:{year})?)",
            rf"(?P<cd>{START}(?P<cd_d1>\d0)(?:{decade_end})?(?:{DASH}(?P<cd_d2>\d0))?(?!\d)(?:{decade_end})?"
            rf"\s{{1,3}}(?:{_alternation(words.by_meaning['year'])})(?!{L})\s{{1,3}}(?P<cd_c>{ROMAN}){GAP}(?:{century}))",
            rf"(?P<yr>{START}{p('yr')}(?P<yr_y>\d{{4}})(?:{DASH}(?P<yr_y2>\d{{4}}|\d{{2}}))?(?!\d)"
            rf"(?:(?P<yr_dec>{decade_end})(?!{L})(?:{year})?|(?P<yr_w>{year})))",
            rf"(?P<c>{START}{p('c')}(?P<c_c1>{ROMAN})(?:{DASH}(?P<c_c2>{ROMAN}))?{GAP}(?:{century}))",
        ]
        return re.compile("|".join(patterns), re.I)
    # English: month names are capitalised (May, March are also verbs); the rest ignores case.
    # (and in capitals: 28 JUNE, 1999)
    # the capitals are tried only where two capitals open a word, which few words do
    capitalised = _alternation(name.capitalize() for name in month_forms("en"))
    capitals = _alternation(name.upper() for name in month_forms("en"))
    month = rf"(?:{capitalised}|(?=[A-Z]{{2}})(?:{capitals}))\.?(?!{L})"
    ordinal = r"(?:st|nd|rd|th)"
    bounds = [w for m in ("until", "since", "after", "before") for w in words.by_meaning.get(m, ())]
    prep = rf"(?:(?P<{{p}}_prep>(?i:{_alternation(bounds)}))[ \t]+)?"
    p = lambda name: prep.replace("{p}", name)  # noqa: E731
    year_preps = _alternation(bounds + list(words.by_meaning.get("in", ())))
    centuries = _alternation(words.by_meaning["century"])
    # two days of one month (April 27 and 29, 27 and 29 April): two dates, not the range between them
    also = rf"|[ \t]+and[ \t]+(?P<{{p}}_d3>\d{{1,2}}){ordinal}?"
    patterns = hijri_patterns("en", "") + _numeric_patterns(r"(?!)") + [
        rf"(?P<dmy>{START}{p('dmy')}(?:(?i:the)[ \t]+)?(?P<dmy_d1>\d{{1,2}}){ordinal}?(?:{DASH}(?P<dmy_d2>\d{{1,2}}){ordinal}?"
        rf"{also.replace('{p}', 'dmy')})?(?!\d)[ \t]+(?:of[ \t]+)?(?P<dmy_m>{month})(?:,?[ \t]+(?P<dmy_y>\d{{4}})(?!\d))?)",
        rf"(?P<mdy>{START}{p('mdy')}(?P<mdy_m>{month})(?:[ \t]+|(?<=\.))(?P<mdy_d1>\d{{1,2}}){ordinal}?"
        rf"(?:{DASH}(?P<mdy_d2>\d{{1,2}}){ordinal}?{also.replace('{p}', 'mdy')})?(?!\d)(?:,?[ \t]+(?P<mdy_y>\d{{4}})(?!\d))?)",
        rf"(?P<my>{START}{p('my')}(?P<my_m>{month}),?[ \t]+(?:of[ \t]+)?(?P<my_y>\d{{4}})(?!\d))",
        rf"(?P<rg>{START}(?P<rg_prep>(?i:from|between))[ \t]+(?P<rg_y1>\d{{4}})(?!\d)[ \t]*"
        rf"(?:(?i:to|until|till|through|and)[ \t]+|[-–—][ \t]*)(?P<rg_y2>\d{{4}})(?!\d))",
        rf"(?P<dc>{START}(?:(?i:the)[ \t]+)?(?P<dc_y1>\d{{3}}0)['’]?s(?:[ \t]*(?:[-–—]|(?i:to|and))[ \t]*"
        rf"(?:(?i:the)[ \t]+)?(?P<dc_y2>\d{{3}}0)['’]?s)?(?!{L}))",
        rf"(?P<c>{START}(?:(?i:the)[ \t]+)?(?P<c_c1>\d{{1,2}}{ordinal}|{ROMAN})(?:[ \t]*(?:[-–—]|(?i:to|and))[ \t]*"
        rf"(?P<c_c2>\d{{1,2}}{ordinal}|{ROMAN}))?[ \t]+(?i:{centuries})(?!{L}))",
        rf"(?P<yr>{START}(?P<yr_prep>(?i:{year_preps}))[ \t]+(?P<yr_y>\d{{4}})(?!\d)"
        rf"(?:{DASH}(?P<yr_y2>\d{{4}})(?!\d))?(?![\w'’])(?:[ \t]+(?i:year))?)",
    ]
    return re.compile("|".join(patterns))


@lru_cache(maxsize=None)
def _openers(lang: str, hijri: bool = False) -> re.Pattern:
    """Where a pattern of `_grammar(lang)` may start: a word starting with a digit or a Roman
    numeral, or (in Russian and English) a word a pattern opens with — a preposition, a month,
    `the`. Matching the grammar only there spares trying it from every word before a number."""
    _check_lang(lang)
    if lang == "kk":  # every Kazakh pattern opens with its number
        return re.compile(rf"(?<!\w)(?=\d|(?-i:[{ROMAN_LETTERS}]))")
    words = _date_words(lang)
    openers = [w for m in ("until", "since", "after", "before", "in") for w in words.by_meaning.get(m, ())]
    openers += list(month_forms(lang)) + (["от"] if lang == "ru" else ["the", "from", "between"])
    # a Hijri month name (Rajab 1389, Rabi al-Awwal 1429H) opens by its first letters; месяц (ru)
    # (only for a text that may hold one: `_may_hold_hijri`)
    heads = {_NAME_SEPARATORS.split(word)[0][:4] for word in _hijri_months(lang)} | ({"месяц"} if lang == "ru" else set())
    heads = rf"|(?:{_alternation(heads)})" if hijri else ""
    return re.compile(rf"(?<!\w)(?=\d|(?-i:[{ROMAN_LETTERS}])|(?:{_alternation(openers)})(?!{L}){heads})", re.I)


# ---------------------------------------------------------------------------------------------
# Reading a match


_RULES = {"iso": "iso", "num": "numeric", "ymd": "year_day_month", "ym": "year_month", "yr": "year",
          "c": "century", "dm": "day_month", "dmy": "day_month_year", "mdy": "month_day_year",
          "my": "month_year", "rg": "year_range", "cd": "century_decade", "dc": "decade", "h_kk": "hijri", "h_d": "hijri", "h_m": "hijri", "h_y": "hijri"}
"""The rule each pattern of the grammars stands for (the mention's `rule` is lang.date.RULE.v1)."""


@dataclass(slots=True)
class _Read:
    mention: DateMention
    case: str | None = None  # the Kazakh case of the last date word (ABL in 1995 жылдан)
    also: tuple[DateMention, ...] = ()  # further dates of one match (the 29 of April 27 and 29)


class _Skip(Exception):
    """The match is not a date after all (a word that only starts like a month name)."""


def _int(m: re.Match, name: str) -> int | None:
    if name not in m.re.groupindex:
        return None
    value = m.group(name)
    return int(value) if value else None


def _kk_word(word: str, stems: frozenset[str]):
    analysis = kk_match(word.strip(" \t-").lower(), stems)
    if analysis is None:
        raise _Skip
    return analysis


def _kk_year_word(word: str):
    """The analysis of a Kazakh year word (жылы, жылдың, жылдары) or None for the abbreviation."""
    word = word.strip(" \t-.")
    words = _date_words("kk")
    if words.meaning.get(word.lower()) == "year.abbr":
        return None
    return _kk_word(word, _kk_year_words())


@lru_cache(maxsize=None)
def _kk_year_words() -> frozenset[str]:
    return frozenset(_date_words("kk").by_meaning["year"])


@lru_cache(maxsize=None)
def _kk_months() -> frozenset[str]:
    return frozenset(kk_month_names())


def _month_number(word: str, lang: str) -> tuple[int, tuple[str, ...]]:
    """A month word's number and (Kazakh) its suffix tags."""
    if lang == "kk":
        names = kk_month_names()
        analysis = _kk_word(word, _kk_months())
        return names.index(analysis.stem.lower()) + 1, analysis.tags
    number = month_forms(lang).get(word.lower().rstrip("."))
    if number is None:
        raise _Skip
    return number, ()


def _century(text: str) -> int:
    text = text.strip()
    value = parse_roman(text)
    if value is None:
        digits = re.match(r"\d+", text)
        if not digits:
            raise _Skip
        value = int(digits.group(0))
    if not 1 <= value <= 30:
        raise _Skip
    return value


def _full_year(first: int, second: str) -> int:
    return first // 100 * 100 + int(second) if len(second) == 2 else int(second)


def _date(year: int, month: int | None = None, day: int | None = None) -> Date:
    try:
        return Date(year, month, day)
    except ValueError:
        raise _Skip from None


def _bound(prep: str | None, lang: str) -> str | None:
    if not prep:
        return None
    meaning = _date_words(lang).meaning.get(prep.lower().split()[0])
    return meaning if meaning in BOUND_KINDS else None


def _read(m: re.Match, text: str, lang: str, context_year: int | None) -> _Read:
    name = m.lastgroup
    start, end = m.start(), m.end()
    rule = f"{lang}.date.{_RULES[name]}.v1"
    case = None
    kind = "date"
    value = end_value = None
    partial = end_partial = None
    century = end_century = None
    from_context = False
    hijri = None
    missing: tuple[str, ...] = ()

    def day_month(year, month, d1, d2):
        nonlocal kind, value, end_value, partial, end_partial, from_context
        if d2 is not None:
            if d2 <= d1:
                raise _Skip
            kind = "range"
        if year is None and context_year is not None:
            year, from_context = context_year, True
        if year is None:
            partial = PartialDate(month, d1)
            end_partial = PartialDate(month, d2) if d2 is not None else None
            for check in (d1, d2):  # the day must exist in some year (29 ақпан does)
                if check is not None:
                    _date(2000, month, check)
            return
        value = _date(year, month, d1)
        end_value = _date(year, month, d2) if d2 is not None else None

    if name == "iso":
        value = _date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    elif name == "num":
        year, month, day, day2 = int(m["num_y"]), int(m["num_m"]), int(m["num_d"]), _int(m, "num_d2")
        first_month = _int(m, "num_m0")
        if m["num_s"] == "/" and day2 is None:
            # 14/04/2016 is day first in Kazakh and Russian; in English only where one order
            # alone makes a date (14/04, 04/14) or both agree (05/05); else the year alone
            if month > 12 >= day or (lang == "en" and day <= 12 and month <= 12 and day != month):
                if month <= 12:
                    value, missing, rule = _date(year), ("month", "day"), f"{lang}.date.numeric_ambiguous.v1"
                else:
                    day, month = month, day
        elif m["num_s"] == "/" or m["num_s"] == "-" and (day2 is not None or len(m["num_m"]) != 2):
            raise _Skip  # 23-08-2024 has no day range and a month of two digits
        if value is None:
            value = _date(year, first_month or month, day)
        if day2 is not None:
            end_value = _date(year, month, day2)
            if value.before(end_value) is not Truth.YES:
                raise _Skip
            kind = "range"
    elif name.startswith("h_"):
        kind, value, end_value, hijri = _read_hijri(m, name, lang)
        if hijri.year is None:
            missing = ("year",)
    elif name in ("ymd", "dm", "dmy", "mdy"):
        month_word = m[f"{name}_m"] or (m["dm_mb"] if name == "dm" else None)
        month, tags = _month_number(month_word, lang)
        case = tags[-1] if tags else None
        year = _int(m, f"{name}_y")
        if name == "ymd":
            _kk_year_word(m["ymd_w"])
        if name == "dm" and m["dm_w"]:
            _kk_year_word(m["dm_w"])
        d3 = _int(m, f"{name}_d3")
        if d3 is not None:  # April 27 and 29: two dates, each on the characters of its day
            d1 = int(m[f"{name}_d1"])
            if d3 <= d1:
                raise _Skip
            first = year and _date(year, month, d1)
            second = year and _date(year, month, d3)
            first_end = _ORDINAL_END.match(text, m.end(f"{name}_d1")).end()
            rule = f"{lang}.date.day_list.v1"
            # the month and year written once belong to the second day's span (27 | and 29 April 2012)
            spans = ((start, first_end), (m.start(f"{name}_d3"), end))
            partials = (None, None) if year else (PartialDate(month, d1), PartialDate(month, d3))
            if not year:
                _date(2000, month, d1), _date(2000, month, d3)
            lack = () if year else ("year",)
            second_mention = DateMention(spans[1][0], spans[1][1], text[spans[1][0]:spans[1][1]], "date",
                                         second or None, None, rule, lack, partials[1])
            return _Read(DateMention(spans[0][0], spans[0][1], text[spans[0][0]:spans[0][1]], "date",
                                     first or None, None, rule, lack, partials[0]), tags[-1] if tags else None,
                         (second_mention,))
        day_month(year, month, int(m[f"{name}_d1"]), _int(m, f"{name}_d2"))
        if year is None:
            rule = f"{lang}.date.day_month.v1"
    elif name in ("ym", "my"):
        month, tags = _month_number(m[f"{name}_m"], lang)
        case = tags[-1] if tags else None
        if name == "ym":
            _kk_year_word(m["ym_w"])
        day = _int(m, "my_d")  # Октябрь 17, 2016 (Russian stamps in the English order)
        value = _date(int(m[f"{name}_y"]), month, day)
        if day is not None:
            rule = f"{lang}.date.month_day_year.v1"
    elif name == "yr":
        first = int(m["yr_y"])
        second = _full_year(first, m["yr_y2"]) if m["yr_y2"] else None
        plural = False  # 1990 жылдары, 1990-е годы: the decade, not the year
        if lang == "kk":
            analysis = _kk_year_word(m["yr_w"])
            plural = analysis is not None and "PL" in analysis.tags
            case = analysis.tags[-1] if analysis is not None and analysis.tags else None
        elif lang == "ru":
            plural = bool(m["yr_dec"])
        # 1970-80 жылдары and 1970–1980-е годы are decades; 1970-1980 жылдары is years.
        decades = second is None or (second % 10 == 0 and (len(m["yr_y2"]) == 2 or lang == "ru"))
        if plural and first % 10 == 0 and decades:
            kind, rule = "decade", f"{lang}.date.decade.v1"
            value, end_value = _date(first), _date((second or first) + 9)
        elif lang == "ru" and m["yr_dec"]:
            raise _Skip
        elif second is not None:
            if second <= first:
                raise _Skip
            kind, rule = "range", f"{lang}.date.year_range.v1"
            value, end_value = _date(first), _date(second)
        else:
            value = _date(first)
    elif name == "rg":
        first, second = int(m["rg_y1"]), int(m["rg_y2"])
        if second <= first:
            raise _Skip
        kind, value, end_value = "range", _date(first), _date(second)
    elif name == "c":
        century = _century(m["c_c1"])
        end_century = _century(m["c_c2"]) if m["c_c2"] else None
        if end_century is not None and end_century <= century:
            raise _Skip
        if lang == "kk":
            words = _date_words("kk")
            if words.meaning.get(m["c_w"].strip(" .").lower()) is None:
                _kk_word(m["c_w"], frozenset(words.by_meaning["century"]))
            if m["c_d1"]:
                _kk_year_word(m["c_dw"])
                if end_century is not None:
                    raise _Skip
                base = (century - 1) * 100
                d1, d2 = int(m["c_d1"]), _int(m, "c_d2")
                if d2 is not None and d2 <= d1:
                    raise _Skip
                kind, rule = "decade", "kk.date.century_decade.v1"
                value, end_value = _date(base + d1), _date(base + (d2 if d2 is not None else d1) + 9)
        if kind != "decade":
            kind = "century"
    elif name == "cd":
        century = _century(m["cd_c"])
        base = (century - 1) * 100
        d1, d2 = int(m["cd_d1"]), _int(m, "cd_d2")
        if d2 is not None and d2 <= d1:
            raise _Skip
        kind, rule = "decade", "ru.date.century_decade.v1"
        value, end_value = _date(base + d1), _date(base + (d2 if d2 is not None else d1) + 9)
    elif name == "dc":
        first = int(m["dc_y1"])
        second = int(m["dc_y2"]) if m["dc_y2"] else first
        if second < first:
            raise _Skip
        kind, value, end_value = "decade", _date(first), _date(second + 9)

    # An open bound: a Kazakh postposition after the date, a preposition before it (ru, en).
    bound = None
    if lang == "kk":
        post_group = f"{name}_post"
        if post_group in m.re.groupindex and m[post_group]:
            needed = _date_words("kk").case[m[post_group].lower()]
            if kind in ("date", "range") and case == needed:
                bound = _date_words("kk").meaning[m[post_group].lower()]
            else:
                end = m.start(post_group)
                while end > start and text[end - 1].isspace():
                    end -= 1
    else:
        prep_group = f"{name}_prep"
        if prep_group in m.re.groupindex and m[prep_group] and name != "rg":
            bound = _bound(m[prep_group], lang)
            if bound is None or kind not in ("date", "range"):
                start = m.start(prep_group) + len(m[prep_group])
                while start < end and text[start].isspace():
                    start += 1
                bound = None
    if bound is not None:
        kind = bound
    if value is None and century is None and partial is not None:
        missing = ("year",)
    mention = DateMention(start, end, text[start:end], kind, value, end_value, rule, missing,
                          partial, end_partial, century, end_century, from_context, hijri)
    return _Read(mention, case)


_ORDINAL_END = re.compile(r"(?:st|nd|rd|th)?")


def _covering(first: dt.date, last: dt.date) -> Date | None:
    """The most precise Date that holds every day from `first` to `last`: the day, the month, the
    year, or None when they lie in two years."""
    if first == last:
        return Date(first.year, first.month, first.day)
    if (first.year, first.month) == (last.year, last.month):
        return Date(first.year, first.month)
    return Date(first.year) if first.year == last.year else None


def _hijri_days(year: int, month: int | None, day: int | None, end_day: int | None):
    """The first and last Gregorian day of a Hijri day, days, month or year by the Umm al-Qura
    tables; None outside them or for a day they do not have (the 30th of a month of 29 days)."""
    from hijridate import Hijri

    try:
        if month is None:
            first, last = Hijri(year, 1, 1), Hijri(year, 12, 1)
            last = Hijri(year, 12, last.month_length())
        elif day is None:
            first = Hijri(year, month, 1)
            last = Hijri(year, month, first.month_length())
        else:
            first, last = Hijri(year, month, day), Hijri(year, month, end_day or day)
    except (OverflowError, ValueError):
        return None
    to_date = lambda h: dt.date.fromordinal(h.to_gregorian().toordinal())  # noqa: E731
    return to_date(first), to_date(last)


def _read_hijri(m: re.Match, name: str, lang: str):
    """kind, value, end value and HijriDate of a Hijri date match (rule {lang}.date.hijri.v1).

    A day converts to its Gregorian day where the tables are the calendar the text dated by
    (`hijri_tolerance` 0); elsewhere, and for a month or a year, the value is the most precise
    Gregorian date holding every day it may stand for (a month, a year), or None when those days
    lie in two Gregorian years: `year_bounds()` then gives both years."""
    group = lambda key: m.group(f"{name}_{key}") if f"{name}_{key}" in m.re.groupindex else None  # noqa: E731
    month = _hijri_month(group("hm"), lang) if group("hm") else None
    year = int(group("y")) if group("y") else None
    d1, d2 = group("d1") or group("e1"), group("d2") or group("e2")
    d1, d2 = (int(d1) if d1 else None), (int(d2) if d2 else None)
    if year is not None and not 1 <= year <= HIJRI_TABLE_YEARS[1]:
        raise _Skip  # Ramadan 2011: a Gregorian year after a Hijri month name
    if group("d1") and (group("e1") or group("e2")) or d1 is not None and not 1 <= d1 <= 30 \
            or d2 is not None and not (d1 or 0) < d2 <= 30:
        raise _Skip
    if lang == "kk" and group("y") and group("hm") is None:
        raise _Skip
    if year is None:
        return "date" if d2 is None else "range", None, None, HijriDate(None, month, d1, d2)
    days = _hijri_days(year, month, d1, d2)
    tolerance = hijri_tolerance(year)
    hijri = HijriDate(year, month, d1, d2, days, tolerance if days else 0)
    if days is None:
        return ("date" if d2 is None else "range"), None, None, hijri
    pad = dt.timedelta(days=tolerance)
    if d2 is not None:
        first, last = days[0], days[1]
        value, end_value = _covering(first - pad, first + pad), _covering(last - pad, last + pad)
        if value is not None and end_value is not None and value != end_value:
            return "range", value, end_value, hijri
    return "date", _covering(days[0] - pad, days[1] + pad), None, hijri


def _merge(reads: list[_Read], text: str, lang: str) -> list[DateMention]:
    """Join a date that starts a span and an `until` that ends it into one range:
    1995 жылдан 2000 жылға дейін, с 1995 года по 2000 год, from June 2011 to May 2012."""
    out: list[DateMention] = []
    i = 0
    while i < len(reads):
        first = reads[i].mention
        if i + 1 < len(reads):
            second = reads[i + 1].mention
            opens = (lang == "kk" and first.kind == "date" and reads[i].case == "ABL") or \
                (lang != "kk" and first.kind == "since")
            if opens and second.kind == "until" and first.value and second.value and \
                    not text[first.end:second.start].strip() and first.value.before(second.value) is not Truth.NO:
                out.append(DateMention(first.start, second.end, text[first.start:second.end], "range",
                                       first.value, second.value, f"{lang}.date.from_until.v1"))
                i += 2
                continue
        out.append(first)
        i += 1
    return out


_TRIGGER = re.compile(rf"[\d{ROMAN_LETTERS}](?:(?<=\d)\d*|(?<!{L}[{ROMAN_LETTERS}])[{ROMAN_LETTERS}]*(?!{L}))")
"""A run of digits, or of Roman-numeral letters standing as a word: `\\d+|(?<!L)[IVX...]+(?!L)`, written
to open with one class of characters, which the search skips to at C speed."""
LOOKBACK = 30  # characters before a number where a date may start (until September 25, после 28 июня)


def find_dates(text: str, lang: str, *, context_year: int | None = None) -> list[DateMention]:
    """Every date, range, open bound, decade and century in `text` (see the module's docstring).

    `context_year` completes a day and month written without a year; without it such a mention
    keeps `value` None and `missing == ("year",)`.
    """
    _check_lang(lang)
    if _TRIGGER.search(text) is None:
        return []
    hijri = _may_hold_hijri(text, lang)
    grammar, openers = _grammar(lang, hijri), _openers(lang, hijri)
    reads: list[_Read] = []
    pos = 0
    # Every date has a number or a Roman numeral in it: find those with one fast pass, then try the
    # grammar from each word just before one that may open a date (a preposition, a month).
    for trigger in _TRIGGER.finditer(text):
        if trigger.start() < pos:
            continue
        starts = [w.start() for w in openers.finditer(text, max(pos, trigger.start() - LOOKBACK), trigger.start())]
        starts.append(trigger.start())
        for start in starts:
            m = grammar.match(text, start)
            if m is None or m.end() <= trigger.start():
                continue
            try:
                read = _read(m, text, lang, context_year)
            except _Skip:
                read = _shorter(grammar, text, m, lang, context_year)
                if read is None or read.mention.end <= trigger.start():
                    continue
            reads.append(read)
            reads.extend(_Read(extra) for extra in read.also)
            pos = (read.also[-1] if read.also else read.mention).end
            break
    return _merge(reads, text, lang)




def _shorter(grammar: re.Pattern, text: str, m: re.Match, lang: str, context_year) -> _Read | None:
    """When a long pattern fails (a word that only looks like a month), a shorter one may fit:
    `1995 жылы Қазанның` is still the year 1995."""
    for end in range(m.end() - 1, m.start(), -1):
        if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            continue  # a match may not end inside a word
        shorter = grammar.match(text, m.start(), end)
        if shorter is None or shorter.end() != end:
            continue
        try:
            return _read(shorter, text, lang, context_year)
        except _Skip:
            continue
    return None


# ---------------------------------------------------------------------------------------------
# Ordinals


@lru_cache(maxsize=None)
def _ordinal_grammar(lang: str) -> re.Pattern:
    _check_lang(lang)
    if lang == "kk":
        digits = rf"(?P<d>{START}(?P<d_n>\d{{1,4}})[ \t]?-[ \t]?(?P<d_w>{L}+))"
    elif lang == "ru":
        endings = "ого|его|ому|ему|ый|ий|ой|ая|ое|ые|ых|ым|ом|ую|ей|го|му|ми|й|я|е|х|м|ю"
        digits = rf"(?P<d>{START}(?P<d_n>\d{{1,4}})[ \t]?-[ \t]?(?P<d_w>{endings})(?!{L}))"
    else:
        digits = rf"(?P<d>{START}(?P<d_n>\d{{1,4}})(?P<d_w>st|nd|rd|th)(?!{L}))"
    roman = rf"(?P<r>(?P<r_n>{ROMAN})(?:-(?P<r_w>{L}+))?)"
    # Roman numerals are capitals: the look-ahead ignores no case, so that the many words starting
    # with i, c, d, m, х or і are not tried at all.
    return re.compile(rf"(?<!\w)(?=(?-i:[\d{ROMAN_LETTERS}]))(?:{digits}|{roman})", re.I)


_NEXT_WORD = re.compile(rf"[ \t]*(?:-[ \t]*)?({L}+)")
_ORDINAL_FIRST = re.compile(rf"[\d{ROMAN_LETTERS}](?<!\w.)")
"""Where an ordinal of `_ordinal_grammar` may open: a character of its look-ahead (case and all) with no
word character before it (its look-behind). Found with a search that skips to such characters at C
speed; the grammar is then tried only there (`_ordinal_matches`), not at every character."""


def _ordinal_matches(grammar: re.Pattern, text: str) -> Iterator[re.Match]:
    """`grammar.finditer(text)` for `_ordinal_grammar`: the same matches, found faster."""
    search, match = _ORDINAL_FIRST.search, grammar.match
    pos = 0
    while (opening := search(text, pos)) is not None:
        start = opening.start()
        m = match(text, start)
        if m is None:
            pos = start + 1
        else:
            yield m
            pos = m.end()


@lru_cache(maxsize=None)
def _date_units(lang: str) -> frozenset[str]:
    words = _date_words(lang)
    return frozenset(w for m in ("year", "century", "year.abbr", "century.abbr") for w in words.by_meaning.get(m, ()))


def _is_date_unit(word: str | None, lang: str) -> bool:
    if not word:
        return False
    units = _date_units(lang)
    if word.lower() in units:
        return True
    if lang == "kk":
        return kk_match(word, units) is not None
    if lang == "en":
        return word.lower().rstrip("s") in {u.rstrip("s") for u in units} or word.lower() in ("centuries",)
    return False


def _english_suffix_fits(number: int, suffix: str) -> bool:
    if number % 100 in (11, 12, 13):
        return suffix == "th"
    return suffix == {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _inside(offset: int, starts: list[int], dates: list[DateMention]) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < dates[i].end


def may_hold_ordinals(text: str, lang: str) -> bool:
    """Could `find_ordinals` find any ordinal in `text`? False means surely not; cheaper than asking it."""
    _check_lang(lang)
    return _ordinal_grammar(lang).search(text) is not None or may_hold_ordinal_words(text, lang)


def find_ordinals(text: str, lang: str, *, dates: list[DateMention] | None = None) -> list[OrdinalMention]:
    """Every ordinal in `text`: digits with an ordinal ending (8-ші, 38-я, 38th) or a hyphen before
    a Kazakh noun (39-сессияда: the span is `39-`), Roman numerals before a word (VII Бүкіләлемдік)
    or with a Kazakh ordinal ending, and ordinals in words. Ordinals that number a year or century
    (2011-жылы, ХХ ғасыр, 20th century) are dates and are left to find_dates; `dates`, when given,
    are find_dates' results for the same text and spare finding them again."""
    _check_lang(lang)
    found: list[OrdinalMention] = []
    for m in _ordinal_matches(_ordinal_grammar(lang), text):
        following = _NEXT_WORD.match(text, m.end())
        next_word = following.group(1) if following else None
        if m.lastgroup == "d":
            number, word = int(m["d_n"]), m["d_w"]
            if lang == "kk":
                readings = [a for a in kk_analyses(f"{m['d_n']}-{word}") if a.stem == m["d_n"]]
                if readings:
                    if readings[0].tags[0] != "ORD" or _is_date_unit(next_word, lang):
                        continue
                    found.append(OrdinalMention(m.start(), m.end(), m.group(0), number,
                                                "kk.ordinal.digits_suffix.v1"))
                elif not _is_date_unit(word, lang):
                    end = m.start("d_w")
                    found.append(OrdinalMention(m.start(), end, text[m.start():end].rstrip(), number,
                                                "kk.ordinal.digits_hyphen.v1"))
                continue
            if _is_date_unit(next_word, lang):
                continue
            if lang == "en" and not _english_suffix_fits(number, word.lower()):
                continue
            found.append(OrdinalMention(m.start(), m.end(), m.group(0), number, f"{lang}.ordinal.digits.v1"))
            continue
        token = m["r_n"]
        value = parse_roman(token)
        if value is None:
            continue
        single = token.translate(str.maketrans("ХІ", "XI"))
        if len(token) == 1 and (single not in "IVX" or (lang == "en" and single == "I")):
            continue
        if m["r_w"]:  # XIII-ші
            readings = [a for a in kk_analyses(f"{token}-{m['r_w']}") if a.stem == token] if lang == "kk" else []
            if not readings or readings[0].tags[0] != "ORD":
                continue
            following = _NEXT_WORD.match(text, m.end())
            if following and _is_date_unit(following.group(1), lang):
                continue
            found.append(OrdinalMention(m.start(), m.end(), m.group(0), value, f"{lang}.ordinal.roman_suffix.v1", "roman"))
            continue
        after = text[m.end():m.end() + 3]
        if not after[:1] in (" ", "\t") or not following or _is_date_unit(next_word, lang) or re.match(r"\s*[-–—]", after):
            continue
        found.append(OrdinalMention(m.start(), m.end(), token, value, f"{lang}.ordinal.roman.v1", "roman"))
    for number in find_numbers(text, lang) if may_hold_ordinal_words(text, lang) else ():
        if number.kind == "words" and number.ordinal:
            following = _NEXT_WORD.match(text, number.end)
            if following and _is_date_unit(following.group(1), lang):
                continue
            found.append(OrdinalMention(number.start, number.end, number.text, int(number.value),
                                        f"{lang}.ordinal.words.v1", "words"))
    if not found:
        return found
    if dates is None:  # a caller that found the dates of `text` already passes them
        dates = find_dates(text, lang)  # in text order, not overlapping
    starts = [d.start for d in dates]
    found = [o for o in found if not _inside(o.start, starts, dates)]
    found.sort(key=lambda o: o.start)
    return found
