"""Kazakh inflection: stems and suffix chains, vowel harmony, consonant assimilation, and the tables."""

import pytest

from yntymaq.errors import DataErrors
from yntymaq.text.inflect import (
    kk_alphabet, kk_analyses, kk_match, kk_stem, kk_stems, parse_slots, parse_suffixes,
)
from yntymaq.text.tables import read_table_text

# word -> its likeliest stem
INFLECTED_NAMES = {
    "Қазақстанның": "Қазақстан",
    "Қазақстанға": "Қазақстан",
    "Қазақстанда": "Қазақстан",
    "Қазақстаннан": "Қазақстан",
    "Джибутиге": "Джибути",
    "Сириядағы": "Сирия",
    "Сирияда": "Сирия",
    "Арабиясының": "Арабиясы",  # the izafet possessive stays with the name (Сауд Арабиясы)
    "Астанада": "Астана",
    "Тегеранда": "Тегеран",
    "Бакуда": "Баку",
    "Джакартада": "Джакарта",
    "Путраджайяда": "Путраджайя",
    "Доха": "Доха",
    "Джидда": "Джидда",  # not Джид + да: after д the locative is -та
    "Саммиті": "Саммит",
    "Түркияның": "Түркия",
    "Израильдің": "Израиль",
    "Мысырмен": "Мысыр",
    "Иранға": "Иран",
}

# word -> stem, suffixes and tags of its likeliest reading
SUFFIX_CHAINS = {
    "мүшелігіне": ("мүше", ("лік", "і", "не"), ("ABST", "POSS3", "DAT")),
    "төрағалығын": ("төраға", ("лық", "ы", "н"), ("ABST", "POSS3", "ACC")),
    "елдердің": ("ел", ("дер", "дің"), ("PL", "GEN")),
    "мемлекеттермен": ("мемлекет", ("тер", "мен"), ("PL", "INS")),
    "кеңесінің": ("кеңес", ("і", "нің"), ("POSS3", "GEN")),
    "сессияда": ("сессия", ("да",), ("LOC",)),
    "қаласында": ("қала", ("сы", "нда"), ("POSS3", "LOC")),
    "маусымына": ("маусым", ("ы", "на"), ("POSS3", "DAT")),
    "іс-шараларына": ("іс-шара", ("лар", "ы", "на"), ("PL", "POSS3", "DAT")),
    "Халқымыздың": ("Халық", ("ымыз", "дың"), ("POSS1PL", "GEN")),
    "шығанағындағы": ("шығанақ", ("ы", "ндағы"), ("POSS3", "LOC_ATTR")),
    "жылдары": ("жыл", ("дар", "ы"), ("PL", "POSS3")),
    "ғасырларда": ("ғасыр", ("лар", "да"), ("PL", "LOC")),
    "қарашадағы": ("қараша", ("дағы",), ("LOC_ATTR",)),
    "бүгінгі": ("бүгін", ("гі",), ("ATTR",)),
    "жылғы": ("жыл", ("ғы",), ("ATTR",)),
    "қыркүйегінде": ("қыркүйек", ("і", "нде"), ("POSS3", "LOC")),
    "қырқыншы": ("қырық", ("ыншы",), ("ORD",)),
    "бесінші": ("бес", ("інші",), ("ORD",)),
    "алтыншы": ("алты", ("ншы",), ("ORD",)),
    "Қазақстандық": ("Қазақстан", ("дық",), ("ABST",)),
    "ұйымдағылар": ("ұйым", ("дағы", "лар"), ("LOC_ATTR", "PL")),
    "еліме": ("ел", ("ім", "е"), ("POSS1SG", "DAT")),
}

# a word after a hyphen: the abbreviation or number keeps its letters, the suffixes follow
HYPHENATED = {
    "ИЫҰ-ға": ("ИЫҰ", ("DAT",)),
    "ИКҰ-ның": ("ИКҰ", ("GEN",)),
    "СІМ-нен": ("СІМ", ("ABL",)),
    "СІММ-ге": ("СІММ", ("DAT",)),
    "АҚШ-тың": ("АҚШ", ("GEN",)),
    "БҰҰ-ның": ("БҰҰ", ("GEN",)),
    "ИҚҰ-ның": ("ИҚҰ", ("GEN",)),
    "24-ші": ("24", ("ORD",)),
    "8-ші": ("8", ("ORD",)),
    "1995-ке": ("1995", ("DAT",)),
    "XIII-ші": ("XIII", ("ORD",)),
    "39-сессияда": ("39-сессия", ("LOC",)),
}

# The seven cases, the plural and the possessive of four stems, each form written out by hand.
PARADIGMS = {
    "ұйым": "ұйымның ұйымға ұйымды ұйымда ұйымнан ұйыммен ұйымдар ұйымдары ұйымдарының ұйымы ұйымының "
            "ұйымына ұйымында",
    "мемлекет": "мемлекеттің мемлекетке мемлекетті мемлекетте мемлекеттен мемлекетпен мемлекеттер "
                "мемлекеттері мемлекеттерінің мемлекетінде",
    "Астана": "Астананың Астанаға Астананы Астанада Астанадан Астанамен Астанадағы",
    "ел": "елдің елге елді елде елден елмен елдер елдері еліміздің елімізге",
    "қала": "қаласы қаласының қаласына қаласында қаласынан қаласымен қалалар қалаларда",
    "Ирак": "Ирактың Иракқа Иракты Иракта Ирактан Иракпен",
    "қыз": "қыздың қызға қызды қызда қыздан қызбен қыздар",
}

# word -> (the likeliest stem, a stem ruled less likely): vowel harmony decides
VOWEL_HARMONY = {
    "кеңесте": ("кеңес", None),
    "ұйымдар": ("ұйым", None),
    "елдер": ("ел", None),
    "Тегеранде": ("Тегеранде", "Тегеран"),  # a front suffix after a back stem bends the grammar
    "мемлекеттар": ("мемлекеттар", "мемлекет"),
    "Джибутиде": ("Джибути", None),  # и lets either harmony through
    "Бакуда": ("Баку", None),
}

# word -> (the likeliest stem, a stem ruled less likely): the sound before the suffix decides
CONSONANT_ASSIMILATION = {
    "мемлекетке": ("мемлекет", None),      # voiceless т: -ке
    "Қазақстаннан": ("Қазақстан", None),   # nasal н: -нан
    "Астанадан": ("Астана", None),          # vowel: -дан
    "Тегерандан": ("Тегерандан", "Тегеран"),      # -дан after н bends the grammar
    "Мадридде": ("Мадридде", "Мадрид"),            # -де after д (said т) bends it
    "Джидда": ("Джидда", "Джид"),
}


@pytest.mark.parametrize("word", sorted(INFLECTED_NAMES))
def test_inflected_names(word):
    assert kk_stem(word) == INFLECTED_NAMES[word]


def test_izafet_name_also_offers_the_bare_name():
    stems = kk_stems("Арабиясының")
    assert stems[0] == "Арабиясы"
    assert "Арабия" in stems


@pytest.mark.parametrize("word", sorted(SUFFIX_CHAINS))
def test_suffix_chains(word):
    stem, suffixes, tags = SUFFIX_CHAINS[word]
    best = kk_analyses(word)[0]
    assert (best.stem, best.suffixes, best.tags) == (stem, suffixes, tags)


def test_intermediate_stems_are_candidates():
    assert kk_stems("мүшелігіне")[:2] == ["мүше", "мүшелік"]
    assert "төрағалық" in kk_stems("төрағалығын")


@pytest.mark.parametrize("word", sorted(HYPHENATED))
def test_hyphen_before_suffixes(word):
    stem, tags = HYPHENATED[word]
    best = kk_analyses(word)[0]
    assert (best.stem, best.tags) == (stem, tags)
    assert best.stem_end == (len(stem) if "-" in stem else word.index("-"))


@pytest.mark.parametrize("stem", sorted(PARADIGMS))
def test_paradigms(stem):
    for form in PARADIGMS[stem].split():
        assert kk_stem(form) == stem, form


@pytest.mark.parametrize("word", sorted(VOWEL_HARMONY))
def test_vowel_harmony(word):
    first, weaker = VOWEL_HARMONY[word]
    stems = kk_stems(word)
    assert stems[0] == first
    if weaker:
        assert weaker in stems


@pytest.mark.parametrize("word", sorted(CONSONANT_ASSIMILATION))
def test_consonant_assimilation(word):
    first, weaker = CONSONANT_ASSIMILATION[word]
    stems = kk_stems(word)
    assert stems[0] == first
    if weaker:
        assert weaker in stems


@pytest.mark.parametrize("word", sorted(set(INFLECTED_NAMES) | set(SUFFIX_CHAINS) | set(HYPHENATED)))
def test_the_word_itself_is_always_a_candidate_and_offsets_hold(word):
    analyses = kk_analyses(word)
    assert any(a.stem == word and not a.suffixes for a in analyses)
    scores = [a.score for a in analyses]
    assert scores == sorted(scores, reverse=True)
    for analysis in analyses:
        assert len(analysis.suffixes) == len(analysis.tags)
        if not analysis.suffixes:
            assert analysis.stem_end == len(word)


def test_a_known_stem_outweighs_a_bent_suffix():
    # Қазақстан is a country name (CLDR): a misspelt ending still finds it
    assert kk_stem("Қазақстандан") == "Қазақстан"
    assert kk_stem("Ауғанстан") == "Ауғанстан"  # not Ауғанс + тан


def test_plain_words_stay_whole():
    for word in ("ИКҰ", "Ислам", "Ресей", "1995", "OIC", ""):
        assert kk_stem(word) == word


def test_results_are_fresh_lists():
    first = kk_analyses("Қазақстанның")
    first.clear()
    assert kk_analyses("Қазақстанның")


def test_match_finds_a_reading_with_a_known_stem():
    assert kk_match("маусымына", {"маусым"}).tags == ("POSS3", "DAT")
    assert kk_match("Қазанның", {"маусым"}) is None


# --- the suffix tables are validated when they load


def _suffix_lines() -> list[str]:
    return read_table_text("kk", "suffixes").splitlines()


def _parse(lines: list[str]):
    letters = {letter.lower: letter for letter in kk_alphabet()}
    slots = parse_slots(read_table_text("kk", "slots"), file="slots.tsv")
    return parse_suffixes("\n".join(lines), file="suffixes.tsv", letters=letters, slots=slots)


def _line_of(lines: list[str], row_id: str) -> int:
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(row_id + "\t"))


def test_the_shipped_suffix_table_parses():
    tags = {suffix.tag for suffix in _parse(_suffix_lines())}
    assert {"PL", "POSS3", "GEN", "ACC", "DAT", "LOC", "ABL", "INS", "LOC_ATTR", "ATTR", "ABST",
            "AGENT", "ORD"} <= tags


def test_a_duplicate_suffix_is_an_error_with_its_line():
    lines = _suffix_lines()
    line = _line_of(lines, "gen.vowel")
    lines.insert(line, lines[line - 1].replace("gen.vowel", "gen.again"))
    with pytest.raises(DataErrors) as err:
        _parse(lines)
    assert f"suffixes.tsv:{line + 1}: GEN 'ның' is a duplicate of line {line}" in str(err.value)


def test_a_letter_outside_the_alphabet_is_an_error_with_its_line():
    lines = _suffix_lines()
    line = _line_of(lines, "loc.voiced")
    lines[line - 1] = lines[line - 1].replace("\tда\t", "\tda\t")
    with pytest.raises(DataErrors) as err:
        _parse(lines)
    assert (f"suffixes.tsv:{line}: back 'da' has the letter 'd' (U+0064), which is not in the "
            "Kazakh alphabet") in str(err.value)


def test_a_form_against_its_harmony_is_an_error():
    lines = _suffix_lines()
    line = _line_of(lines, "abl.voiced")
    lines[line - 1] = lines[line - 1].replace("\tден\t", "\tдан\t", 1).replace("\tдан\tдан", "\tдан\tдын")
    with pytest.raises(DataErrors) as err:
        _parse(lines)
    assert f"suffixes.tsv:{line}: front 'дын' has the vowel 'ы', which is not front" in str(err.value)


def test_unknown_contexts_and_slots_are_errors():
    lines = _suffix_lines()
    line = _line_of(lines, "dat.voiced")
    cells = lines[line - 1].split("\t")
    cells[2], cells[5] = "CAS", "V,Q"
    lines[line - 1] = "\t".join(cells)
    with pytest.raises(DataErrors) as err:
        _parse(lines)
    message = str(err.value)
    assert f"suffixes.tsv:{line}: slot 'CAS' is not in slots.tsv" in message
    assert f"suffixes.tsv:{line}: after 'V,Q' has codes outside" in message


def test_an_unknown_slot_in_the_slot_table_is_an_error():
    with pytest.raises(DataErrors) as err:
        parse_slots("slot\tmay_follow\nPL\tDER\nDER\tDER,XX\n", file="slots.tsv")
    assert "slots.tsv:3: may_follow names unknown slots: XX" in str(err.value)
