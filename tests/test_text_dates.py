"""Dates, ranges, open bounds, decades and centuries; ordinals; numbers in words and Roman numerals."""

import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from yntymaq.errors import BadInput
from yntymaq.text.dates import DateMention, find_dates, find_ordinals, month_forms
from yntymaq.text.morph_ru import normal_form, normal_forms
from yntymaq.text.numbers import (
    find_numbers, is_ordinal_words, parse_number_words, parse_roman, to_roman,
)
from yntymaq.vocab import Date, Precision


def _one(text: str, lang: str, **kw) -> DateMention:
    found = find_dates(text, lang, **kw)
    assert len(found) == 1, found
    return found[0]


def _check(text, lang, expected, **kw):
    """expected: (span, kind, value, end_value) with dates as strings of their precision."""
    span, kind, value, end_value = expected
    mention = _one(text, lang, **kw)
    assert text[mention.start:mention.end] == mention.text == span
    assert mention.kind == kind
    assert (str(mention.value) if mention.value else None) == value
    assert (str(mention.end_value) if mention.end_value else None) == end_value
    assert mention.rule.startswith(f"{lang}.date.") and mention.rule.endswith(".v1")
    return mention


# text -> (the span found, kind, value, end value)
DATES_IN_WORDS = {
    "kk": {
        "1969 жылы 25 қыркүйекте құрылған": ("1969 жылы 25 қыркүйекте", "date", "1969-09-25", None),
        "2006 жылғы 1 мамырдағы жолдау": ("2006 жылғы 1 мамырдағы", "date", "2006-05-01", None),
        "2005 ж. маусымда": ("2005 ж. маусымда", "date", "2005-06", None),
        "1996 ж. желтоқсанда өткен": ("1996 ж. желтоқсанда", "date", "1996-12", None),
        "2000ж қарашада": ("2000ж қарашада", "date", "2000-11", None),
        "(2003 ж.қазанда)": ("2003 ж.қазанда", "date", "2003-10", None),
        "1995 жылы қабылданды": ("1995 жылы", "date", "1995", None),
        "2011-жылы": ("2011-жылы", "date", "2011", None),
        "2011 жылдың маусымында": ("2011 жылдың маусымында", "date", "2011-06", None),
        "25 қыркүйек 1969 жыл": ("25 қыркүйек 1969 жыл", "date", "1969-09-25", None),
        "2012 жылғы 3 қыркүйегінде": ("2012 жылғы 3 қыркүйегінде", "date", "2012-09-03", None),
        "Наурыз 2014 ж.": ("2014 ж.", "date", "2014", None),  # Kazakh puts the year first: only the year
        "28.06.2011 ж.": ("28.06.2011 ж.", "date", "2011-06-28", None),
        "2011-06-28": ("2011-06-28", "date", "2011-06-28", None),
    },
    "ru": {
        "основана 25 сентября 1969 года": ("25 сентября 1969 года", "date", "1969-09-25", None),
        "в июне 2011 г.": ("июне 2011 г.", "date", "2011-06", None),
        "июнь 2011": ("июнь 2011", "date", "2011-06", None),
        "в 1995 году": ("1995 году", "date", "1995", None),
        "1 мая 2006 г.": ("1 мая 2006 г.", "date", "2006-05-01", None),
        "28.06.2011": ("28.06.2011", "date", "2011-06-28", None),
    },
    "en": {
        "founded on 25 September 1969": ("25 September 1969", "date", "1969-09-25", None),
        "in June 2011": ("June 2011", "date", "2011-06", None),
        "June 21, 2025": ("June 21, 2025", "date", "2025-06-21", None),
        "the 28th of June 2011": ("the 28th of June 2011", "date", "2011-06-28", None),
        "in 1995": ("1995", "date", "1995", None),
        "2011-06-28": ("2011-06-28", "date", "2011-06-28", None),
    },
}

RANGES = {
    "kk": {
        "1995-2000 жылдары": ("1995-2000 жылдары", "range", "1995", "2000"),
        "1995 жылдан 2000 жылға дейін": ("1995 жылдан 2000 жылға дейін", "range", "1995", "2000"),
        "2012 жылдың 15-16 қарашасында": ("2012 жылдың 15-16 қарашасында", "range", "2012-11-15", "2012-11-16"),
    },
    "ru": {
        "15-16 ноября 2012 г.": ("15-16 ноября 2012 г.", "range", "2012-11-15", "2012-11-16"),
        "с 1995 по 2000 год": ("с 1995 по 2000 год", "range", "1995", "2000"),
        "1995–2000 гг.": ("1995–2000 гг.", "range", "1995", "2000"),
    },
    "en": {
        "21-22 June 2025": ("21-22 June 2025", "range", "2025-06-21", "2025-06-22"),
        "June 21-22, 2025": ("June 21-22, 2025", "range", "2025-06-21", "2025-06-22"),
        "from 1995 to 2000": ("from 1995 to 2000", "range", "1995", "2000"),
        "from June 2011 to May 2012": ("from June 2011 to May 2012", "range", "2011-06", "2012-05"),
    },
}

UNTIL_SINCE = {
    "kk": {
        "2011 жылдың 28 маусымына дейін": ("2011 жылдың 28 маусымына дейін", "until", "2011-06-28", None),
        "2006 ж. маусымға дейін": ("2006 ж. маусымға дейін", "until", "2006-06", None),
        "1995 жылдан бері": ("1995 жылдан бері", "since", "1995", None),
        "1995 жылдан бастап": ("1995 жылдан бастап", "since", "1995", None),
        "2000 жылдан кейін": ("2000 жылдан кейін", "after", "2000", None),
        "1995 жылы бері": ("1995 жылы", "date", "1995", None),  # бері needs the ablative
    },
    "ru": {
        "до 28 июня 2011 года": ("до 28 июня 2011 года", "until", "2011-06-28", None),
        "с 1995 года": ("с 1995 года", "since", "1995", None),
        "после 2000 года": ("после 2000 года", "after", "2000", None),
    },
    "en": {
        "until 28 June 2011": ("until 28 June 2011", "until", "2011-06-28", None),
        "since 1995": ("since 1995", "since", "1995", None),
        "before June 2011": ("before June 2011", "before", "2011-06", None),
    },
}

DECADES = {
    "kk": {
        "ХХ ғасырдың 70-80 жылдары": ("ХХ ғасырдың 70-80 жылдары", "decade", "1970", "1989"),
        "1990-жылдары": ("1990-жылдары", "decade", "1990", "1999"),
        "1970-80 жылдары": ("1970-80 жылдары", "decade", "1970", "1989"),
    },
    "ru": {
        "в 70-80-х годах XX века": ("70-80-х годах XX века", "decade", "1970", "1989"),
        "в 1990-е годы": ("1990-е годы", "decade", "1990", "1999"),
    },
    "en": {
        "the 1970s": ("the 1970s", "decade", "1970", "1979"),
        "the 1970s and 1980s": ("the 1970s and 1980s", "decade", "1970", "1989"),
    },
}

# text -> (span, first century, last century)
CENTURIES = {
    "kk": {
        "VII-XIV ғасырларда": ("VII-XIV ғасырларда", 7, 14),
        "ХІХ ғасырдың соңында": ("ХІХ ғасырдың", 19, None),  # Cyrillic Х and І
        "20-ғасырда": ("20-ғасырда", 20, None),
        "XXI ғ.": ("XXI ғ.", 21, None),
    },
    "ru": {
        "XX века": ("XX века", 20, None),
        "VII–XIV веках": ("VII–XIV веках", 7, 14),
        "ХХ в.": ("ХХ в.", 20, None),
    },
    "en": {
        "the 20th century": ("the 20th century", 20, None),
        "the 7th-14th centuries": ("the 7th-14th centuries", 7, 14),
    },
}

NOT_DATES = {
    "kk": ["4 жылға сайлайды", "1,2 миллиардқа жетіп", "57 ел мүше", "жылдамдығы 1995", "39-сессияда",
           "ИКҰ-ның 8-ші Саммиті"],
    "ru": ["5 лет", "38-я сессия", "1995 человек"],
    "en": ["1995 delegates", "the 38th session", "May we meet"],
}


def _cases(table):
    return [(lang, text) for lang, cases in table.items() for text in cases]


@pytest.mark.parametrize("lang, text", _cases(DATES_IN_WORDS))
def test_dates_in_words(lang, text):
    _check(text, lang, DATES_IN_WORDS[lang][text])


@pytest.mark.parametrize("lang, text", _cases(RANGES))
def test_ranges(lang, text):
    _check(text, lang, RANGES[lang][text])


@pytest.mark.parametrize("lang, text", _cases(UNTIL_SINCE))
def test_until_and_since(lang, text):
    _check(text, lang, UNTIL_SINCE[lang][text])


@pytest.mark.parametrize("lang, text", _cases(DECADES))
def test_decades(lang, text):
    mention = _check(text, lang, DECADES[lang][text])
    assert mention.value.precision == Precision.YEAR


@pytest.mark.parametrize("lang, text", _cases(CENTURIES))
def test_centuries(lang, text):
    span, first, last = CENTURIES[lang][text]
    mention = _one(text, lang)
    assert (mention.text, mention.kind, mention.value, mention.century, mention.end_century) == \
        (span, "century", None, first, last)
    assert mention.year_bounds() == ((first - 1) * 100 + 1, (last or first) * 100)
    assert mention.to_json()["year_bounds"] == list(mention.year_bounds())


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in NOT_DATES.items() for t in texts])
def test_not_dates(lang, text):
    assert find_dates(text, lang) == []


def test_decades_of_a_century_keep_their_century_and_their_years():
    mention = _one("ХХ ғасырдың 70-80 жылдары", "kk")
    assert (mention.century, mention.year_bounds()) == (20, (1970, 1989))
    assert mention.to_json()["year_bounds"] == [1970, 1989]


def test_a_month_is_never_made_a_day():
    mention = _one("2005 ж. маусымда", "kk")
    assert mention.value == Date(2005, 6) and mention.value.day is None
    assert mention.value.precision == Precision.MONTH
    assert mention.to_json()["value"] == "2005-06"
    assert _one("1995 жылы", "kk").to_json()["value"] == "1995"
    assert _one("25 сентября 1969 года", "ru").to_json()["value"] == "1969-09-25"


def test_an_impossible_day_leaves_only_the_year():
    assert [(m.text, str(m.value)) for m in find_dates("2011 жылғы 31 ақпанда", "kk")] == [("2011 жылғы", "2011")]


def test_day_and_month_without_a_year_keep_the_year_missing():
    mention = _check("15-16 қарашадағы", "kk", ("15-16 қарашадағы", "range", None, None))
    assert mention.missing == ("year",)
    assert (str(mention.partial), str(mention.end_partial)) == ("--11-15", "--11-16")
    assert mention.to_json()["missing"] == ["year"]
    english = _one("on 28 June", "en")
    assert english.value is None and english.missing == ("year",) and str(english.partial) == "--06-28"


def test_the_year_may_come_from_context():
    mention = _check("15-16 қарашадағы", "kk", ("15-16 қарашадағы", "range", "2012-11-15", "2012-11-16"),
                     context_year=2012)
    assert mention.year_from_context and not mention.missing
    assert _one("15 ноября", "ru", context_year=2012).value == Date(2012, 11, 15)


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(BadInput, match="language 'de' is not supported: use one of kk, ru, en"):
        find_dates("1995", "de")


# --- month names come from CLDR; the Kazakh inflected forms from the suffix grammar


def test_month_names_come_from_cldr():
    for lang in ("kk", "ru", "en"):
        wide = Locale.parse(lang).months["format"]["wide"]
        forms = month_forms(lang)
        assert all(forms[wide[number].lower()] == number for number in range(1, 13))
    assert month_forms("ru")["июне"] == 6  # the prepositional case, from the dictionary


KK_MONTH_FORMS = {"қыркүйекте": 9, "маусымына": 6, "желтоқсанда": 12, "қарашадағы": 11, "мамырдағы": 5,
                  "қазанда": 10, "қаңтардан": 1, "ақпанның": 2, "наурызда": 3, "сәуірге": 4,
                  "шілдеде": 7, "тамызға": 8}


@pytest.mark.parametrize("form", sorted(KK_MONTH_FORMS))
def test_inflected_kazakh_month_names(form):
    assert _one(f"2010 жылғы 5 {form}", "kk").value == Date(2010, KK_MONTH_FORMS[form], 5)


# --- round trips


KK_MONTHS = [Locale.parse("kk").months["format"]["wide"][n] for n in range(1, 13)]
RU_MONTHS = [Locale.parse("ru").months["format"]["wide"][n] for n in range(1, 13)]
EN_MONTHS = [Locale.parse("en").months["format"]["wide"][n] for n in range(1, 13)]


@st.composite
def dates(draw, precision=Precision.DAY):
    year = draw(st.integers(1000, 2100))
    if precision == Precision.YEAR:
        return Date(year)
    month = draw(st.integers(1, 12))
    if precision == Precision.MONTH:
        return Date(year, month)
    return Date(year, month, draw(st.integers(1, Date(year, month).latest.day)))


@settings(max_examples=60, deadline=None)
@given(dates())
def test_day_dates_read_back_in_three_languages(date):
    texts = {
        "kk": f"{date.year} жылғы {date.day} {KK_MONTHS[date.month - 1]}",
        "ru": f"{date.day} {RU_MONTHS[date.month - 1]} {date.year} года",
        "en": f"{date.day} {EN_MONTHS[date.month - 1]} {date.year}",
    }
    for lang, text in texts.items():
        mention = _one(text, lang)
        assert (mention.value, mention.start, mention.end) == (date, 0, len(text))
        assert Date.parse(mention.to_json()["value"]) == date


@settings(max_examples=40, deadline=None)
@given(dates(Precision.MONTH))
def test_month_dates_keep_their_precision(date):
    for lang, text in {"kk": f"{date.year} ж. {KK_MONTHS[date.month - 1]}",
                       "en": f"{EN_MONTHS[date.month - 1]} {date.year}"}.items():
        mention = _one(text, lang)
        assert mention.value == date and mention.value.precision == Precision.MONTH
        assert mention.to_json()["value"] == str(date)


@settings(max_examples=40, deadline=None)
@given(dates(Precision.YEAR))
def test_years_keep_their_precision(date):
    mention = _one(f"{date.year} жылы", "kk")
    assert mention.value == date and Date.parse(mention.to_json()["value"]).precision == Precision.YEAR


# --- the seeds: every date expression, by value and by the characters it points at


SEED_DATES = {
    "000_4b84b33dc1f2824a.txt": [
        ("since", "1995", None, None),
        ("range", None, None, None),  # 15-16 November, the year not stated
        ("century", None, None, (7, 14)),
        ("century", None, None, (19, None)),
        ("decade", "1970", "1989", (20, None)),
        ("date", "2005", None, None),
    ],
    "004_bf03b111113ace63.txt": [
        ("until", "2011-06-28", None, None),
        ("date", "1969-09-25", None, None),
        ("date", "1995", None, None),
        ("date", "1997-12", None, None),
        ("date", "2000-11", None, None),
        ("date", "2003-10", None, None),
        ("date", "1996-12", None, None),
        ("until", "2006-06", None, None),
        ("date", "2006-05-01", None, None),
        ("date", "2005-06", None, None),
    ],
}


@pytest.mark.parametrize("name", sorted(SEED_DATES))
def test_every_date_of_the_seeds(seed_texts, name):
    text = seed_texts[name]
    found = find_dates(text, "kk")
    assert [(m.kind, str(m.value) if m.value else None, str(m.end_value) if m.end_value else None,
             (m.century, m.end_century) if m.century else None) for m in found] == SEED_DATES[name]
    for mention in found:
        span = text[mention.start:mention.end]
        assert span == mention.text
        if mention.century:  # the span opens with the century's Roman numeral
            assert parse_roman(span.split()[0].split("-")[0]) == mention.century
            continue
        if mention.value is not None and mention.kind != "decade":
            assert span.startswith(str(mention.value.year))  # Kazakh dates open with the year
            if mention.value.month:
                month = KK_MONTHS[mention.value.month - 1]
                assert month[:-1] in span.lower()  # the month name, in whatever case form
            if mention.value.day:
                assert f" {mention.value.day} " in span
        if mention.kind == "until":
            assert span.endswith("дейін")
        if mention.kind == "since":
            assert span.endswith("бері")


def test_the_seed_range_without_a_year(seed_texts):
    text = seed_texts["000_4b84b33dc1f2824a.txt"]
    mention = next(m for m in find_dates(text, "kk") if m.kind == "range")
    assert (str(mention.partial), str(mention.end_partial), mention.missing) == ("--11-15", "--11-16", ("year",))
    assert text[mention.start:mention.start + 5] == "15-16"
    assert KK_MONTHS[10] in text[mention.start:mention.end]


SEED_ORDINALS = {
    "000_4b84b33dc1f2824a.txt": [(39, "digits"), (7, "roman"), (2, "words")],
    "004_bf03b111113ace63.txt": [(8, "digits"), (9, "digits"), (10, "digits"), (24, "digits"),
                                 (33, "digits"), (32, "digits")],
}


@pytest.mark.parametrize("name", sorted(SEED_ORDINALS))
def test_ordinals_of_the_seeds(seed_texts, name):
    text = seed_texts[name]
    found = find_ordinals(text, "kk")
    assert [(o.value, o.form) for o in found] == SEED_ORDINALS[name]
    for ordinal in found:
        assert text[ordinal.start:ordinal.end] == ordinal.text
        if ordinal.form == "digits":
            assert ordinal.text.startswith(str(ordinal.value))
        if ordinal.form == "roman":
            assert parse_roman(ordinal.text) == ordinal.value


# --- ordinals


ORDINALS = {
    "kk": {
        "39-сессияда": ("39-", 39), "8-ші Саммиті": ("8-ші", 8), "32-кеңесінің": ("32-", 32),
        "24-ші СІММ-нен": ("24-ші", 24), "VII Бүкіләлемдік форум": ("VII", 7), "XIII саммит": ("XIII", 13),
        "XIII-ші саммит": ("XIII-ші", 13), "отыз сегізінші сессия": ("отыз сегізінші", 38),
        "бірінші рет": ("бірінші", 1),
    },
    "ru": {
        "38-я сессия": ("38-я", 38), "38-й": ("38-й", 38), "XIII саммит": ("XIII", 13),
        "тридцать восьмая сессия": ("тридцать восьмая", 38), "на 11-м заседании": ("11-м", 11),
    },
    "en": {
        "38th session": ("38th", 38), "the 1st summit": ("1st", 1), "XIII Summit": ("XIII", 13),
        "thirty-eighth session": ("thirty-eighth", 38), "the 22nd meeting": ("22nd", 22),
    },
}

NOT_ORDINALS = {
    "kk": ["2011-жылы", "ХХ ғасырдың", "70-80 жылдары", "1995-ке дейін", "I", "57 ел"],
    "ru": ["1990-е годы", "XX века", "38 делегатов"],
    "en": ["21th session", "I went", "the 20th century", "38 delegates"],
}


@pytest.mark.parametrize("lang, text", _cases(ORDINALS))
def test_ordinals(lang, text):
    span, value = ORDINALS[lang][text]
    found = find_ordinals(text, lang)
    assert [(o.text, o.value) for o in found] == [(span, value)]
    assert text[found[0].start:found[0].end] == span


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in NOT_ORDINALS.items() for t in texts])
def test_not_ordinals(lang, text):
    assert find_ordinals(text, lang) == []


# --- Roman numerals and numbers in words


ROMAN_NUMERALS = {"VII": 7, "XIII": 13, "XIV": 14, "ХХ": 20, "ХІХ": 19, "XXI": 21, "MCMLXIX": 1969, "IV": 4}
NOT_ROMAN = ["IIII", "VX", "ІІМ", "", "ABC", "vii", "IC"]


@pytest.mark.parametrize("text", sorted(ROMAN_NUMERALS))
def test_roman_numerals(text):
    assert parse_roman(text) == ROMAN_NUMERALS[text]


@pytest.mark.parametrize("text", NOT_ROMAN)
def test_not_roman_numerals(text):
    assert parse_roman(text) is None


@given(st.integers(1, 3999))
def test_roman_round_trip(value):
    written = to_roman(value)
    assert parse_roman(written) == value
    assert parse_roman(written.replace("X", "Х").replace("I", "І")) == value  # Cyrillic look-alikes


NUMBER_WORDS = {
    "kk": {"елу жеті": (57, False), "отыз сегіз": (38, False), "мың тоғыз жүз алпыс тоғыз": (1969, False),
           "екі мың он бір": (2011, False), "екі жүз бес": (205, False), "жүз": (100, False),
           "отыз сегізінші": (38, True), "жиырмасыншы": (20, True), "қырқыншы": (40, True),
           "бірінші": (1, True), "елу жетіге": (57, False)},
    "ru": {"пятьдесят семь": (57, False), "тридцать восьмая": (38, True), "сто пять": (105, False),
           "две тысячи одиннадцатого": (2011, True), "тысяча девятьсот шестьдесят девятый": (1969, True),
           "сорока": (40, False)},
    "en": {"fifty-seven": (57, False), "thirty-eighth": (38, True), "one hundred and five": (105, False),
           "two thousand eleven": (2011, False), "twelfth": (12, True)},
}
NOT_NUMBER_WORDS = {
    "kk": ["онда", "оның", "үшін", "бірге", "жеті бес", "онда бес", "Қазақстан"],
    "ru": ["семь пять", "организация"],
    "en": ["seven five", "nineteen sixty", "session"],
}


@pytest.mark.parametrize("lang, text", _cases(NUMBER_WORDS))
def test_number_words(lang, text):
    value, ordinal = NUMBER_WORDS[lang][text]
    assert parse_number_words(text, lang) == value
    assert is_ordinal_words(text, lang) == ordinal


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in NOT_NUMBER_WORDS.items() for t in texts])
def test_not_number_words(lang, text):
    assert parse_number_words(text, lang) is None


FIND_NUMBERS = {
    "kk": ("Бүгінде 57 ел мүше, халқы 1,2 миллиардқа жетті; елу жеті мемлекет, ХХ ғасыр",
           [("57", 57, "digits"), ("1,2 миллиардқа", 1200000000, "digits"), ("елу жеті", 57, "words"),
            ("ХХ", 20, "roman")]),
    "ru": ("пятьдесят семь государств, 1,2 млрд человек, VII форум",
           [("пятьдесят семь", 57, "words"), ("1,2 млрд", 1200000000, "digits"), ("VII", 7, "roman")]),
    "en": ("fifty-seven states and 3.5 million people; I saw XIII",
           [("fifty-seven", 57, "words"), ("3.5 million", 3500000, "digits"), ("XIII", 13, "roman")]),
}


@pytest.mark.parametrize("lang", sorted(FIND_NUMBERS))
def test_find_numbers_with_offsets(lang):
    text, expected = FIND_NUMBERS[lang]
    found = find_numbers(text, lang)
    assert [(n.text, n.value, n.kind) for n in found] == expected
    assert all(text[n.start:n.end] == n.text for n in found)


# --- Russian normal forms


def test_russian_normal_forms():
    assert normal_form("Организации") == "организация"
    assert normal_forms("Организации исламского сотрудничества") == "организация исламский сотрудничество"
    assert normal_forms("Совета министров иностранных дел") == "совет министр иностранный дело"
    assert normal_form("ОИС") == "оис"


def test_may_hold_ordinals_is_false_only_where_there_are_none(seed_texts):
    from yntymaq.text.dates import find_ordinals, may_hold_ordinals
    from yntymaq.text.pipeline import analyse

    texts = list(seed_texts.values()) + ["the thirty-eighth session", "тридцать восьмая сессия", "сегізінші саммит"]
    found = cleared = 0
    for text in texts:
        for sent in analyse(text, disable=("tokenize", "stems", "dates")).sentences:
            if sent.language is None:
                continue
            if find_ordinals(sent.norm, sent.language, dates=[]):
                assert may_hold_ordinals(sent.norm, sent.language), sent.norm
                found += 1
            cleared += not may_hold_ordinals(sent.norm, sent.language)
    assert found > 5 and cleared > 20
    assert not may_hold_ordinals("Ұйым 1969 жылы құрылды", "kk")


def test_the_grammar_is_tried_only_where_a_date_may_start(seed_texts, monkeypatch):
    """Trying the grammar only from the words that may open a date (`_openers`) finds what trying
    it from every word before a number finds."""
    import re
    from pathlib import Path

    from yntymaq.text import dates
    from yntymaq.text.pipeline import analyse

    bench = Path(__file__).resolve().parent.parent / "bench"
    texts = list(seed_texts.values()) + [p.read_text(encoding="utf-8").replace("‖", "")
                                         for p in sorted(bench.glob("labelled/*.txt")) + sorted(bench.glob("eval/*/*.txt"))]
    cases = [(sent.norm, sent.language) for text in texts
             for sent in analyse(text, disable=("tokenize", "stems", "dates")).sentences if sent.language]
    for table in (DATES_IN_WORDS, RANGES, UNTIL_SINCE, DECADES, CENTURIES, NOT_DATES):
        cases += [(text, lang) for lang, items in table.items() for text in items]
    found = [find_dates(text, lang) for text, lang in cases]
    monkeypatch.setattr(dates, "_openers", lambda lang, hijri=False: re.compile(r"(?<!\w)(?=\w)"))
    assert [find_dates(text, lang) for text, lang in cases] == found
    assert sum(map(len, found)) > 100


@given(st.text(alphabet="IVXLCDMХІ1234 aбәxi-.,", max_size=24))
@settings(max_examples=400, deadline=None)
def test_the_numbers_a_date_is_looked_for_around_are_the_plain_rule(text):
    """Runs of digits, and runs of Roman-numeral letters standing as words, however written."""
    import re

    from yntymaq.text import dates

    plain = re.compile(rf"\d+|(?<!{dates.L})[{dates.ROMAN_LETTERS}]+(?!{dates.L})")
    assert [m.span() for m in dates._TRIGGER.finditer(text)] == [m.span() for m in plain.finditer(text)]
