"""Dates as real texts write them: numeric forms, stamps, day lists, Hijri dates, document time,
ordinals in words. Every sentence here is written for the test."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yntymaq.text import analyse, document_date
from yntymaq.text.dates import _hijri_months, find_dates, find_ordinals, hijri_tolerance
from yntymaq.vocab import Date, Precision


def _found(text, lang):
    found = find_dates(text, lang)
    for mention in found:
        assert text[mention.start:mention.end] == mention.text
    return [(m.text, m.kind, str(m.value) if m.value else None, str(m.end_value) if m.end_value else None)
            for m in found]


# text -> [(span, kind, value, end value)]
NUMERIC = {
    "kk": {
        "Кездесу 22-25.9.1969 күндері өтті": [("22-25.9.1969", "range", "1969-09-22", "1969-09-25")],
        "Құжат 2011.06.28 қабылданды": [("2011.06.28", "date", "2011-06-28", None)],
        "Хат 14/04/2016 жіберілді": [("14/04/2016", "date", "2016-04-14", None)],
        "Жаңалық 23-08-2024, 17:52": [("23-08-2024", "date", "2024-08-23", None)],
        "Жиын 28.06-01.07.2011 аралығында": [("28.06-01.07.2011", "range", "2011-06-28", "2011-07-01")],
        "15 Наурыз, 2011": [("15 Наурыз, 2011", "date", "2011-03-15", None)],
        "11 қазан 2023 17:00": [("11 қазан 2023", "date", "2023-10-11", None)],
    },
    "ru": {
        "Приказ от 15.03.2011 г. вступил в силу": [("15.03.2011 г.", "date", "2011-03-15", None)],
        "Встреча прошла 22-25.9.1969": [("22-25.9.1969", "range", "1969-09-22", "1969-09-25")],
        "Письмо от 05/04/2016": [("05/04/2016", "date", "2016-04-05", None)],  # day first
        "Октябрь 17, 2016 14:41": [("Октябрь 17, 2016", "date", "2016-10-17", None)],
        "Сессия 22-25 сентября 1969 года": [("22-25 сентября 1969 года", "range", "1969-09-22", "1969-09-25")],
        "Письмо от 04/14/2016": [("04/14/2016", "date", "2016-04-14", None)],  # only one order makes a date
    },
    "en": {
        "Signed on 14/04/2016 in Jeddah": [("14/04/2016", "date", "2016-04-14", None)],
        "Signed on 04/14/2016 in Jeddah": [("04/14/2016", "date", "2016-04-14", None)],
        "Signed on 05/05/2016": [("05/05/2016", "date", "2016-05-05", None)],
        "Signed on 04/05/2016": [("04/05/2016", "date", "2016", None)],  # which is the month? the year alone
        "Aug 13, 2012 was a Monday": [("Aug 13, 2012", "date", "2012-08-13", None)],
        "28 JUNE, 1999": [("28 JUNE, 1999", "date", "1999-06-28", None)],
        "opened on Feb.6 in the capital": [("Feb.6", "date", None, None)],
        "talks on November 15 – 16, 2012": [("November 15 – 16, 2012", "range", "2012-11-15", "2012-11-16")],
        "met on April 27 and 29, 2012": [("April 27", "date", "2012-04-27", None), ("29, 2012", "date", "2012-04-29", None)],
        "met on 27 and 29 April 2012": [("27", "date", "2012-04-27", None), ("29 April 2012", "date", "2012-04-29", None)],
        "met on April 27 and 29": [("April 27", "date", None, None), ("29", "date", None, None)],
        "report 2011.06.28": [("2011.06.28", "date", "2011-06-28", None)],
    },
}

NOT_NUMERIC = {
    "kk": ["1,5/2/2011 коэффициенті", "тел. 12-34-5678"],
    "ru": ["дробь 3/4 и 25/40/2011"],
    "en": ["a ratio of 14/04", "April 29 and 27"],
}


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, cases in NUMERIC.items() for t in cases])
def test_dates_as_real_texts_write_them(lang, text):
    assert _found(text, lang) == NUMERIC[lang][text]


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in NOT_NUMERIC.items() for t in texts])
def test_numbers_that_are_no_dates(lang, text):
    assert [m for m in find_dates(text, lang) if m.rule.split(".")[2] in ("numeric", "iso", "day_list")] == []


def test_an_ambiguous_english_numeric_date_keeps_the_year_and_says_what_it_lacks():
    (mention,) = find_dates("Signed on 04/05/2016", "en")
    assert mention.rule == "en.date.numeric_ambiguous.v1"
    assert mention.value.precision == Precision.YEAR and mention.missing == ("month", "day")


def test_two_days_of_one_month_are_two_dates():
    first, second = find_dates("met on April 27 and 29", "en")
    assert (str(first.partial), str(second.partial)) == ("--04-27", "--04-29")
    assert first.rule == second.rule == "en.date.day_list.v1"
    assert first.missing == second.missing == ("year",)


# --- Hijri dates: text -> (span, kind, value, end value, Hijri value, tolerance)

HIJRI = {
    "ru": {
        "Совещание прошло 14 мухаррама 1392 года в Джидде":
            ("14 мухаррама 1392 года", "date", "1972", None, "1392-01-14", 1),
        "Встреча прошла с 14 по 18 число месяца Мухаррам, 1392 года по Хиджре":
            ("с 14 по 18 число месяца Мухаррам, 1392 года по Хиджре", "range", "1972", "1972-03", "1392-01-14/18", 1),
        "Указ датирован 26 рамадана 1433 г.х.": ("26 рамадана 1433 г.х.", "date", "2012-08-14", None, "1433-09-26", 0),
        "Паломники прибыли 14 зуль-хиджи 1440 года": ("14 зуль-хиджи 1440 года", "date", "2019-08-15", None, "1440-12-14", 0),
        "Пост в рамадане 1432 года": ("рамадане 1432 года", "date", "2011-08", None, "1432-09", 0),
        "Сессия прошла 3-5 Jumada II, 1412H": ("3-5 Jumada II, 1412H", "date", "1991-12", None, "1412-06-03/05", 1),
        "Это было в 1392 году по хиджре": ("1392 году по хиджре", "date", None, None, "1392", 1),
    },
    "en": {
        "The charter was adopted on 12th Rajab 1389 Hijra in Rabat":
            ("12th Rajab 1389 Hijra", "date", "1969-09", None, "1389-07-12", 2),
        "a document of Rabbiul Awwal 1429H": ("Rabbiul Awwal 1429H", "date", "2008", None, "1429-03", 0),
        "issued in Rabi al-Awwal 1429 AH": ("Rabi al-Awwal 1429 AH", "date", "2008", None, "1429-03", 0),
        "signed on 6 Rabi' al-Awwal 1429 AH": ("6 Rabi' al-Awwal 1429 AH", "date", "2008-03-14", None, "1429-03-06", 0),
        "held during Ramadan 1432": ("Ramadan 1432", "date", "2011-08", None, "1432-09", 0),
        "sessions of 26-27 Ramadhan 1433 AH": ("26-27 Ramadhan 1433 AH", "range", "2012-08-14", "2012-08-15", "1433-09-26/27", 0),
        "a letter of 1412H": ("1412H", "date", None, None, "1412", 1),
    },
    "kk": {
        "Хижра бойынша 1392 жылғы Мұхаррам айының 14–18 аралығында кеңес өтті":
            ("1392 жылғы Мұхаррам айының 14–18", "range", "1972", "1972-03", "1392-01-14/18", 1),
        "Жарғы 1389 ж. 12 ражаб күні қабылданды": ("1389 ж. 12 ражаб", "date", "1969-09", None, "1389-07-12", 2),
        "1433 жылғы рамазанның 26-сы": ("1433 жылғы рамазанның 26-сы", "date", "2012-08-14", None, "1433-09-26", 0),
        "1440 жылғы зұлхижжаның 14 күні": ("1440 жылғы зұлхижжаның 14", "date", "2019-08-15", None, "1440-12-14", 0),
    },
}

NOT_HIJRI = {
    # a day and month without a year has no Gregorian value: left unread (see dates._HIJRI_YEAR)
    "en": ["Mr. Safar met the delegates", "in Ramadan 2011 the talks went on", "Rajab said 1600 people came",
           "the feast of 10 Muharram"],
    "ru": ["Сафар приехал в 2011 году"],
    "kk": ["Рамазан 2011 жылы келді"],
}


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, cases in HIJRI.items() for t in cases])
def test_hijri_dates(lang, text):
    span, kind, value, end_value, hijri, tolerance = HIJRI[lang][text]
    found = [m for m in find_dates(text, lang) if m.hijri is not None]
    assert len(found) == 1, find_dates(text, lang)
    mention = found[0]
    assert (mention.text, text[mention.start:mention.end]) == (span, span)
    assert (mention.kind, str(mention.value) if mention.value else None,
            str(mention.end_value) if mention.end_value else None) == (kind, value, end_value)
    assert mention.rule == f"{lang}.date.hijri.v1"
    data = mention.to_json()["hijri"]
    assert data["value"] == hijri
    assert data.get("tolerance_days") == tolerance


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in NOT_HIJRI.items() for t in texts])
def test_not_hijri(lang, text):
    assert [m for m in find_dates(text, lang) if m.hijri is not None] == []


def test_a_hijri_year_gives_the_two_gregorian_years_it_overlaps():
    (mention,) = find_dates("a letter of 1412H", "en")
    assert mention.value is None and mention.year_bounds() == (1991, 1992)
    assert mention.to_json()["year_bounds"] == [1991, 1992]
    assert mention.to_json()["hijri"]["days"] == ["1991-07-12", "1992-06-30"]


def test_a_hijri_year_before_the_tables_keeps_only_its_reckoning():
    (mention,) = find_dates("a letter of Safar 1300 AH", "en")
    assert mention.value is None and mention.year_bounds() is None
    assert mention.to_json()["hijri"] == {"value": "1300-02", "calendar": "hijri (Umm al-Qura)"}


def test_the_hijri_month_tables_name_every_month():
    for lang in ("kk", "ru", "en"):
        assert set(_hijri_months(lang).values()) == set(range(1, 13))


@st.composite
def hijri_days(draw):
    from hijridate import Hijri

    year = draw(st.integers(1343, 1499))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, Hijri(year, month, 1).month_length()))
    return year, month, day


EN_NAMES = ["Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah", "Rajab",
            "Shaban", "Ramadan", "Shawwal", "Dhu al-Qidah", "Dhu al-Hijjah"]
RU_NAMES = ["мухаррама", "сафара", "раби аль-авваля", "раби ас-сани", "джумада аль-уля", "джумада ас-сани",
            "раджаба", "шаабана", "рамадана", "шавваля", "зуль-каады", "зуль-хиджи"]


@settings(max_examples=80, deadline=None)
@given(hijri_days(), st.text(alphabet="ab ,.", max_size=6), st.text(alphabet=" ,.xy", max_size=6))
def test_a_hijri_day_never_claims_more_than_its_era_allows(day, before, after):
    """The Gregorian value holds every day the Hijri day may stand for, and is a day only where the
    tables need no tolerance; the span points into the text wherever it stands."""
    from hijridate import Hijri

    year, month, d = day
    for lang, written in (("en", f"{d} {EN_NAMES[month - 1]} {year} AH"), ("ru", f"{d} {RU_NAMES[month - 1]} {year} года")):
        text = f"{before} {written}{after}"
        found = [m for m in find_dates(text, lang) if m.hijri is not None]
        assert len(found) == 1, (text, find_dates(text, lang))
        mention = found[0]
        assert text[mention.start:mention.end] == mention.text and mention.text.startswith(str(d))
        assert (mention.hijri.year, mention.hijri.month, mention.hijri.day) == (year, month, d)
        gregorian = dt.date.fromordinal(Hijri(year, month, d).to_gregorian().toordinal())
        pad = dt.timedelta(days=hijri_tolerance(year))
        if mention.value is not None:
            assert mention.value.earliest <= gregorian - pad and gregorian + pad <= mention.value.latest
            assert (mention.value.precision == Precision.DAY) == (hijri_tolerance(year) == 0)
        else:
            assert (gregorian - pad).year != (gregorian + pad).year


# --- document time: text -> (span, precision, value, partial, source)

DOCUMENT_DATES = {
    "ru": {
        "ДУШАНБЕ, 14 апр — Новости. Министры собрались в столице.\n": ("14 апр", "month-day", None, "--04-14", "dateline"),
        "Новый устав\n\n12.03.2013 10:05 — Лента\n\nСенат принял устав.\n": ("12.03.2013", "day", "2013-03-12", None, "stamp"),
        "Пятница, 7 февраля 2014 11:20\nДелегация прибыла в Эр-Рияд.\n": ("7 февраля 2014", "day", "2014-02-07", None, "stamp"),
        "Июль 9, 2015 08:30\n\nСостоялась встреча.\n": ("Июль 9, 2015", "day", "2015-07-09", None, "stamp"),
    },
    "en": {
        "ALMATY, June 28 (Agency) – Ministers met today in the city.\n": ("June 28", "month-day", None, "--06-28", "dateline"),
        "Talks resume\n\nWednesday, March 5, 2014\n\nThe delegations met.\n": ("March 5, 2014", "day", "2014-03-05", None, "stamp"),
        " date 2019-03-01 KABUL. AGENCY The ministers of several states met on Friday to talk about trade.\n":
            ("2019-03-01", "day", "2019-03-01", None, "stamp"),
        "ROME, Italy, Oct. 3 - The talks opened.\n": ("Oct. 3", "month-day", None, "--10-03", "dateline"),
    },
    "kk": {
        "3 Қаңтар, 2013\n\nКеңес жұмысын бастады.\n": ("3 Қаңтар, 2013", "day", "2013-01-03", None, "stamp"),
        "Хабар\n\n05.11.2014, 09:15\n\nЕлшілер кездесті.\n": ("05.11.2014", "day", "2014-11-05", None, "stamp"),
        "Заң 2010 жылғы 7 шілдедегі № 12 Заңы\n\nМәтін.\n": ("2010 жылғы 7 шілдедегі", "day", "2010-07-07", None, "stamp"),
    },
}

NO_DOCUMENT_DATE = {
    "en": ["September 25, 1969: the body was set up after a fire in a mosque.\nLater it grew.\n",
           "The body was founded in 1969 and meets every year in one of its member states, on 12 May or later.\n",
           "History of the body, 1969\n\nText.\n"],
    "ru": ["22 сентября министр иностранных дел провёл встречу с коллегами из соседних стран региона.\n"],
    "kk": ["Ұйым 1969 жылы 25 қыркүйекте құрылды және содан бері жыл сайын жиналады.\n"],
}


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, cases in DOCUMENT_DATES.items() for t in cases])
def test_document_date(lang, text):
    span, precision, value, partial, source = DOCUMENT_DATES[lang][text]
    for found in (document_date(text, lang), analyse(text, language=lang).document_date, document_date(text)):
        assert found is not None
        assert (found.text, text[found.start:found.end]) == (span, span)
        assert (found.precision, str(found.value) if found.value else None,
                str(found.partial) if found.partial else None, found.source) == (precision, value, partial, source)
        assert found.rule == f"doc.{source}.v1"
        if partial:
            assert found.missing == ("year",) and found.to_json()["missing"] == ["year"]


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, texts in NO_DOCUMENT_DATE.items() for t in texts])
def test_no_document_date(lang, text):
    assert document_date(text, lang) is None


def test_a_dated_stamp_wins_over_a_dateline_without_a_year():
    text = "LONDON, May 4 (Agency)\n\nFriday, May 4, 2018\n\nText.\n"
    found = document_date(text, "en")
    assert (found.text, str(found.value)) == ("May 4, 2018", "2018-05-04")


def test_a_year_less_dateline_completes_with_a_year_the_caller_knows():
    found = document_date("ASTANA, June 28 (Agency) – Text.", "en")
    assert found.value is None and found.partial.complete(2011) == Date(2011, 6, 28)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 3), st.sampled_from(["\n", "\r\n", "\n \n"]), st.integers(1, 28), st.integers(1, 12),
       st.integers(1950, 2030))
def test_document_date_offsets_point_into_the_original(blank_lines, newline, day, month, year):
    text = newline * blank_lines + f"Title\n{day:02d}.{month:02d}.{year} 10:00\nText of the news."
    found = document_date(text, "en")
    assert found is not None and text[found.start:found.end] == found.text == f"{day:02d}.{month:02d}.{year}"
    assert found.value == Date(year, month, day)


# --- ordinals written in words

ORDINAL_WORDS = {
    "kk": {"Отыз тоғызыншы сессия": 39, "отыз сегізінші отырыс": 38, "ОТЫЗ СЕГІЗІНШІ СЕССИЯ": 38,
           "қырық сегізінші кеңес": 48},
    "ru": {"тридцать восьмая сессия": 38, "ТРИДЦАТЬ ВОСЬМАЯ СЕССИЯ": 38, "Сорок восьмое заседание": 48},
    "en": {"the thirty-eighth session": 38, "the forty-eighth session": 48, "THE FORTY-EIGHTH SESSION": 48,
           "the Thirty-Ninth Session": 39},
}


@pytest.mark.parametrize("lang, text", [(lang, t) for lang, cases in ORDINAL_WORDS.items() for t in cases])
def test_ordinals_in_words_in_any_case(lang, text):
    (found,) = find_ordinals(text, lang)
    assert found.value == ORDINAL_WORDS[lang][text] and found.form == "words"
    assert text[found.start:found.end] == found.text


@given(st.lists(st.sampled_from(["a", "b", " ", "\n", "\r\n", "\r", "\n\n", "x" * 3000, "\u2028"]), max_size=40)
       .map("".join))
@settings(max_examples=200, deadline=None)
def test_the_head_lines_are_those_of_the_whole_text(text):
    """Read from a growing head of the text, the first lines are those of splitting it whole."""
    from yntymaq.text import doctime

    whole, offset = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip() and len(whole) < doctime.HEAD_LINES:
            whole.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    assert doctime._head_lines(text) == whole


@pytest.mark.parametrize("text, value", [
    ("ASTANA, June 28, 2011 (Kazinform) – The foreign ministers of the member states opened their session "
     "in the capital this morning with a long speech on many subjects.", "2011-06-28"),
    ("Дата: 2017-02-19. Министры иностранных дел собрались сегодня в столице, чтобы обсудить длинный список "
     "вопросов повестки дня.", "2017-02-19"),
    ("The ministers met in the capital on 28 June 2011 and spoke at length about a long list of questions on "
     "the agenda of the session.", None),  # prose: a date inside a long sentence dates nothing
])
def test_a_long_first_line_is_dated_only_from_its_start(text, value):
    found = document_date(text)
    assert (str(found.value) if found and found.value else None) == value
