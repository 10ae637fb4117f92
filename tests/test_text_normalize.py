"""Normalisation: mixed scripts, hyphenation and whitespace, and the exact map back to the original."""

import importlib
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yntymaq.text.normalize import OffsetMap, fix_mixed_word, lookalikes, normalize

MIXED_SCRIPTS = [
    ("Latin i in a Kazakh word is і", "Бiздiң", "Біздің"),
    ("Latin schwa is ә", "мəдениетінің", "мәдениетінің"),
    ("capital Latin schwa is Ә", "Əсіресе", "Әсіресе"),
    ("Latin h is һ", "Aһмет", "Аһмет"),
    ("Latin K in a Cyrillic word", "Kеңес", "Кеңес"),
    ("several look-alikes", "Kaзaқcтaн", "Қазақстан".replace("Қ", "К")),
    ("a Latin word stays Latin", "iPhone", "iPhone"),
    ("a mostly Latin word with a Cyrillic о", "Cоmpany", "Company"),
    ("a Latin word with a Cyrillic М", "Мoscow", "Moscow"),
    ("a Roman numeral with a Cyrillic І", "XІX", "XIX"),
    ("Cyrillic Roman numerals stay", "ХІХ ғасыр", "ХІХ ғасыр"),
    ("a hyphen keeps two words apart", "IT-компания", "IT-компания"),
    ("a Latin and a Kazakh word side by side", "Samruk Қазына", "Samruk Қазына"),
    ("Russian word with Latin letters", "Мocквa", "Москва"),
]

HYPHENATION = [
    ("hyphen and two spaces", "оппозия-  ны", "оппозияны"),
    ("hyphen, no-break space and space", "оты-\u00a0 рып", "отырып"),
    ("hyphen and line break", "оппо-\nзиция", "оппозиция"),
    ("hyphen, spaces and line break", "оппо- \n  зиция", "оппозиция"),
    ("Russian hyphen and line break", "нача-\nлось", "началось"),
    ("English hyphen and line break", "dis-\ncussion", "discussion"),
    ("a real hyphenated word", "іс-шараларына", "іс-шараларына"),
    ("a compound adjective", "сауда-экономикалық", "сауда-экономикалық"),
    ("a name with a hyphen", "Әл-Акса", "Әл-Акса"),
    ("a name broken at its hyphen keeps it", "Әл-\nАкса", "Әл-Акса"),
    ("a real hyphen at a line end, written so elsewhere", "іс-шаралар мен іс-\nшаралар", "іс-шаралар мен іс-шаралар"),
    ("a suspended hyphen with one space", "сауда- және экономикалық", "сауда- және экономикалық"),
    ("a dash between spaces", "ИЫҰ – үлкен", "ИЫҰ – үлкен"),
    ("numbers are not joined", "1995-\n1996", "1995-\n1996"),
    ("soft hyphen", "оппо\u00adзиция", "оппозиция"),
    ("soft hyphen and line break", "оппо\u00ad\nзиция", "оппозиция"),
    ("hyphen before a paragraph break", "сөз-\n\nсөз", "сөз-\n\nсөз"),
]

WHITESPACE = [
    ("two spaces", "a  b", "a b"),
    ("no-break spaces", "a\u00a0\u00a0 b", "a b"),
    ("narrow and thin spaces", "a\u202f\u2009b", "a b"),
    ("tab", "a\tb", "a b"),
    ("spaces around a line break", "a \n  b", "a\nb"),
    ("blank lines are one paragraph break", "a\n\n\n  \n b", "a\n\nb"),
    ("CRLF", "a\r\nb\r\n\r\nc", "a\nb\n\nc"),
    ("a lone CR", "a\rb", "a\nb"),
    ("zero-width space", "a\u200bb", "ab"),
    ("BOM inside the text", "a\ufeffb", "ab"),
    ("invisible characters among spaces", "a \u200b \u00ad b", "a b"),
    ("combining breve is composed", "и\u0306", "й"),
    ("Unicode hyphen", "іс\u2010шара", "іс-шара"),
]


@pytest.mark.parametrize("name,text,expected", MIXED_SCRIPTS, ids=[c[0] for c in MIXED_SCRIPTS])
def test_mixed_scripts(name, text, expected):
    assert normalize(text).text == expected


@pytest.mark.parametrize("name,text,expected", HYPHENATION, ids=[c[0] for c in HYPHENATION])
def test_hyphenation(name, text, expected):
    assert normalize(text).text == expected


@pytest.mark.parametrize("name,text,expected", WHITESPACE, ids=[c[0] for c in WHITESPACE])
def test_whitespace(name, text, expected):
    assert normalize(text).text == expected


def test_seeds_have_no_mixed_words_or_breaks_left(seed_texts):
    for name, text in seed_texts.items():
        norm = normalize(text).text
        assert "ə" not in norm and "Ə" not in norm, name
        assert "\u00a0" not in norm and "  " not in norm, name
        assert "-  " not in norm and "- \n" not in norm, name
    joined = normalize(seed_texts["000_4b84b33dc1f2824a.txt"]).text
    for word in ("оппозияны", "отырып", "Біздің", "мәдениетінің", "Әсіресе", "іс-шараларына", "VII-XIV"):
        assert word in joined


def test_lookalike_table_pairs_latin_with_cyrillic():
    table = lookalikes()
    assert {chr(k): v for k, v in table.to_cyrillic.items()}["i"] == "і"
    assert {chr(k): v for k, v in table.to_cyrillic.items()}["ə"] == "ә"
    for code, cyrillic in table.to_cyrillic.items():
        assert chr(code).isascii() or chr(code) in "əƏöÖ"
        assert "\u0400" <= cyrillic <= "\u04ff"
    assert fix_mixed_word("Бiзде") == "Бізде"


@given(st.lists(st.sampled_from(["Бiздiң", "мəселе", "Kaзaқстан", "OIC", "ИЫҰ", "Islamic", "ынтымақ", "Tеhran",
                                  "2011", " ", " ", ", ", "-", "\n"]), max_size=40))
@settings(max_examples=200, deadline=None)
def test_mixed_words_are_the_same_whichever_script_the_search_starts_from(pieces):
    """The script the text has less of only makes the search faster: starting from either one fixes
    the same words."""
    module = importlib.import_module("yntymaq.text.normalize")  # the package's `normalize` is the function
    text = "".join(pieces)
    results = set()
    original = module._transition_pattern
    try:
        for pattern in (module._CYRILLIC_NEXT_TO_LATIN, module._LATIN_NEXT_TO_CYRILLIC):
            module._transition_pattern = lambda _text, pattern=pattern: pattern
            results.add(module._fix_mixed_scripts(text))  # not the remembering front, which would not look again
    finally:
        module._transition_pattern = original
    assert len(results) == 1
    assert module.fix_mixed_scripts(text) in results


def test_offsets_of_the_seed_map_back_to_the_characters_they_came_from(seed_texts):
    text = seed_texts["000_4b84b33dc1f2824a.txt"]
    norm = normalize(text)
    at = norm.text.index("оппозияны")
    start, end = norm.map.span(at, at + len("оппозияны"))
    assert text[start:end] == "оппозия-\u00a0 ны"
    at = norm.text.index("Біздің")
    assert text[slice(*norm.map.span(at, at + 6))] == "Бiздiң"


def test_identity_map_when_nothing_changes_length():
    norm = normalize("Бiздiң елiмiз мəлiм.")
    assert norm.map.is_identity
    assert norm.map.span(0, 6) == (0, 6)


# ------------------------------------------------------------------------ properties of the map

ALPHABET = "аәбқңіо кеkaeoixəƏ.\u00a0\n\r\t-\u00ad\u200bи\u0306Й"
texts = st.text(alphabet=ALPHABET, max_size=60)
ONE_FOR_ONE = {" ": set(" \u00a0\t"), "-": {"-", "\u2010"}}


def allowed_sources(ch: str) -> set[str]:
    """The original characters a copied normalised character may have come from."""
    table = lookalikes()
    sources = {ch} | ONE_FOR_ONE.get(ch, set())
    sources |= {chr(code) for code, cyrillic in table.to_cyrillic.items() if cyrillic == ch}
    sources |= {chr(code) for code, latin in table.to_latin.items() if latin == ch}
    return sources


@settings(max_examples=400, deadline=None)
@given(texts)
def test_every_normalised_character_maps_to_its_source(text):
    norm = normalize(text)
    omap = norm.map
    covered = [False] * len(text)
    previous = 0
    for i, ch in enumerate(norm.text):
        start, end, replaced = omap.source(i)
        assert start >= previous  # the map never goes backwards
        previous = start
        assert omap.to_original(i) == start
        if replaced:
            span = text[start:end]
            # a replaced span is whitespace, a kept hyphen, or a letter with combining marks
            visible = span.replace("\u00ad", "").replace("\u200b", "")
            table = lookalikes()
            readings = {unicodedata.normalize("NFC", form) for form in
                        (visible, visible.translate(table.to_cyrillic), visible.translate(table.to_latin))}
            assert any(ch in reading for reading in readings) or (
                ch in " \n" and not span.strip(" \n\r\t\u00a0\u00ad\u200b")) or (ch == "-" and span[0] == "-")
        else:
            assert text[start] in allowed_sources(ch), (i, ch, text[start])
            assert end == start + 1
        for j in range(start, end):
            covered[j] = True
        assert omap.to_original_end(i + 1) >= end if not replaced else omap.to_original_end(i + 1) == end
    # what no normalised character came from was dropped: whitespace, hyphens, invisible characters
    dropped = {text[j] for j, seen in enumerate(covered) if not seen}
    assert dropped <= set(" \u00a0\n\r\t-\u00ad\u200b"), dropped


@settings(max_examples=300, deadline=None)
@given(texts)
def test_many_offsets_map_like_one_at_a_time(text):
    norm = normalize(text)
    n = len(norm.text)
    starts = list(range(n))
    ends = list(range(1, n + 1))
    assert norm.map.starts_to_original(starts) == [norm.map.to_original(i) for i in starts]
    assert norm.map.ends_to_original(ends) == [norm.map.to_original_end(i) for i in ends]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalising_twice_changes_nothing_more(text):
    once = normalize(text).text
    assert normalize(once).text == once


@settings(max_examples=200, deadline=None)
@given(texts)
def test_spans_map_inside_the_original(text):
    norm = normalize(text)
    for a in range(len(norm.text) + 1):
        for b in range(a, min(len(norm.text), a + 5) + 1):
            start, end = norm.map.span(a, b)
            assert 0 <= start <= end <= len(text)


def test_offset_map_of_a_deletion():
    omap = OffsetMap((0, 3), (0, 6), (-1, -1), 8, 11)  # "abc" + 3 dropped + "defgh"
    assert [omap.to_original(i) for i in range(8)] == [0, 1, 2, 6, 7, 8, 9, 10]
    assert omap.to_original_end(3) == 3
    assert omap.delta(0, 3) == 0 and omap.delta(3, 8) == 3 and omap.delta(2, 4) is None


def test_a_word_broken_after_a_letter_with_a_mark_not_yet_composed_is_joined():
    once = normalize("a\u0306-\ra")  # ă written as a and a combining breve, then a hyphen at a line's end
    assert once.text == "ăa" == normalize(once.text).text
    assert once.map.span(0, 2) == (0, 5)


def test_fixing_scripts_remembers_only_the_text_it_was_given_last():
    from yntymaq.text.normalize import fix_mixed_scripts

    assert fix_mixed_scripts("Бiздiң") == "Біздің"
    assert fix_mixed_scripts("мəселе") == "мәселе"  # another text: worked out, not the one remembered
    assert fix_mixed_scripts("Бiздiң") == "Біздің"
