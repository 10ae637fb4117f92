"""Tokens with offsets: words with inner hyphens and apostrophes, numbers, abbreviations, punctuation."""

import pytest

from yntymaq.text.tokenize import tokenize, tokens

CASES = [
    ("kk suffix after a hyphen", "ИЫҰ-ға мүше", ["ИЫҰ-ға", "мүше"]),
    ("kk real hyphenated word", "іс-шараларына белсене", ["іс-шараларына", "белсене"]),
    ("kk ordinal with a hyphen", "39-сессияда 8-ші саммит", ["39-сессияда", "8-ші", "саммит"]),
    ("decimal comma", "1,2 миллиард", ["1,2", "миллиард"]),
    ("decimal point", "3.5 per cent", ["3.5", "per", "cent"]),
    ("day range", "15-16 қарашада", ["15-16", "қарашада"]),
    ("decade range", "70-80 жылдары", ["70-80", "жылдары"]),
    ("year glued to ж", "2000ж қарашада", ["2000", "ж", "қарашада"]),
    ("ж. glued to a month", "2003 ж.қазанда", ["2003", "ж.", "қазанда"]),
    ("ж. before a month", "1997 ж. желтоқсанда", ["1997", "ж.", "желтоқсанда"]),
    ("initials", "Н.Ә. Назарбаевтың", ["Н.Ә.", "Назарбаевтың"]),
    ("initial before a line break", "министрі Е.\nЫдырысов", ["министрі", "Е.", "Ыдырысов"]),
    ("т.б. and т.с.с.", "т.б. және т.с.с.", ["т.б.", "және", "т.с.с."]),
    ("ru г. and гг.", "в 1995 г. и 1996–1997 гг.", ["в", "1995", "г.", "и", "1996–1997", "гг."]),
    ("en abbreviations", "Mr. Smith, e.g. U.N. staff", ["Mr.", "Smith", ",", "e.g.", "U.N.", "staff"]),
    ("en apostrophe", "O'Brien's report", ["O'Brien's", "report"]),
    ("sentence full stop is not an abbreviation", "болды. Ол", ["болды", ".", "Ол"]),
    ("missing space after a full stop", "болмауда.Ислам", ["болмауда", ".", "Ислам"]),
    ("paragraph join", "араласуда..Бүгінгі", ["араласуда", "..", "Бүгінгі"]),
    ("citation", "бағалады [1].", ["бағалады", "[", "1", "]", "."]),
    ("quotes and marks", "«Араб көктемі»?!", ["«", "Араб", "көктемі", "»", "?!"]),
    ("ellipsis", "тапсырылды....", ["тапсырылды", "...."]),
    ("Roman numerals", "VII-XIV ғасырларда", ["VII-XIV", "ғасырларда"]),
    ("other scripts", "Ал-Қуds 東京 ok", ["Ал-Қуds", "東京", "ok"]),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_tokens(name, text, expected):
    found = tokens(text)
    assert [token for _, _, token, _ in found] == expected
    for start, end, token, _ in found:
        assert text[start:end] == token


KINDS = [
    ("1,2", "number"), ("15-16", "number"), ("39-сессияда", "word"), ("ИЫҰ-ға", "word"),
    ("т.б.", "abbr"), ("Е.", "abbr"), (".", "punct"), ("«", "punct"), ("…", "punct"),
]


@pytest.mark.parametrize("text,kind", KINDS)
def test_token_kinds(text, kind):
    (only,) = tokens(text)
    assert only[3] == kind


def test_offsets_are_shifted_and_whitespace_of_any_kind_is_skipped():
    tokenized = tokenize("  Бір\tекі\u00a0үш\n\nтөрт ", offset=100)
    assert [tokenized.text(i) for i in range(len(tokenized))] == ["Бір", "екі", "үш", "төрт"]
    assert [tokenized.span(i) for i in range(len(tokenized))] == [(102, 105), (106, 109), (110, 112), (114, 118)]
    assert list(tokenized.between(106, 113)) == [1, 2]


def test_every_kazakh_letter_is_a_word_letter_in_both_cases():
    from yntymaq.text.alphabet import KAZAKH_LOWER, KAZAKH_UPPER

    assert len(KAZAKH_UPPER) == len(KAZAKH_LOWER) == 42
    for upper, lower in zip(KAZAKH_UPPER, KAZAKH_LOWER):
        assert upper.lower() == lower and lower.upper() == upper
        word = f"а{lower}б{upper}в"
        assert [t[2] for t in tokens(word)] == [word], upper
