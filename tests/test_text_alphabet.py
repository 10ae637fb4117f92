"""The 42-letter Kazakh Cyrillic alphabet and the phonology the suffix grammar reads from it."""

import pytest

from yntymaq.errors import DataErrors
from yntymaq.text.alphabet import KAZAKH_LOWER, KAZAKH_UPPER
from yntymaq.text.inflect import is_kk_letter, kk_alphabet, kk_harmony, parse_alphabet
from yntymaq.text.tables import read_table_text

LETTERS = {letter.lower: letter for letter in kk_alphabet()}

# Spelled out here, apart from the table, so that a wrong table fails the test.
ALPHABET_IN_ORDER = "а ә б в г ғ д е ё ж з и й к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы і ь э ю я".split()
BACK_VOWELS = "а о ұ ы я ё".split()
FRONT_VOWELS = "ә ө ү і е э".split()
EITHER_VOWELS = "и у ю".split()
SIGNS = "ъ ь".split()
KAZAKH_ONLY = "ә ғ қ ң ө ұ ү һ і".split()
SOUND_CLASSES = {
    "R": "р й и у".split(),
    "L": ["л"],
    "Z": "з ж".split(),
    "N": "м н ң".split(),
    "K": "п к қ с т ф х һ ц ч ш щ".split(),
    "B": "б в г ғ д".split(),
}
NOT_KAZAKH = {
    "latin a": "a", "latin i": "i", "latin schwa": "ə", "ukrainian yi": "ї", "dotless i": "ı",
    "digit": "7", "hyphen": "-", "two letters": "аа", "empty": "",
}


def test_the_alphabet_has_42_letters_in_order():
    assert [letter.lower for letter in kk_alphabet()] == ALPHABET_IN_ORDER
    assert len(ALPHABET_IN_ORDER) == 42
    assert "".join(ALPHABET_IN_ORDER) == KAZAKH_LOWER


@pytest.mark.parametrize("lower", ALPHABET_IN_ORDER)
def test_every_letter_in_both_cases(lower):
    upper = KAZAKH_UPPER[KAZAKH_LOWER.index(lower)]
    letter = LETTERS[lower]
    assert letter.upper == upper
    assert upper.lower() == lower and lower.upper() == upper
    assert is_kk_letter(lower) and is_kk_letter(upper)
    assert letter.kind in ("vowel", "consonant", "sign")


@pytest.mark.parametrize("name", sorted(NOT_KAZAKH))
def test_other_characters_are_not_kazakh_letters(name):
    assert not is_kk_letter(NOT_KAZAKH[name])


@pytest.mark.parametrize("harmony, vowels", [("back", BACK_VOWELS), ("front", FRONT_VOWELS),
                                             ("either", EITHER_VOWELS)])
def test_vowel_harmony_classes(harmony, vowels):
    for vowel in vowels:
        assert LETTERS[vowel].kind == "vowel"
        assert LETTERS[vowel].harmony == harmony
        assert kk_harmony("т" + vowel + "т") == harmony
        assert kk_harmony(("т" + vowel).upper()) == harmony


def test_every_vowel_has_a_class_and_no_consonant_has_one():
    vowels = {ch for ch, letter in LETTERS.items() if letter.kind == "vowel"}
    assert vowels == set(BACK_VOWELS + FRONT_VOWELS + EITHER_VOWELS)
    assert all(letter.harmony is None for letter in LETTERS.values() if letter.kind != "vowel")
    assert {ch for ch, letter in LETTERS.items() if letter.kind == "sign"} == set(SIGNS)


@pytest.mark.parametrize("sound", sorted(SOUND_CLASSES))
def test_consonant_sound_classes(sound):
    for ch in SOUND_CLASSES[sound]:
        assert sound in LETTERS[ch].sounds, ch


def test_the_nine_kazakh_letters_are_there():
    for ch in KAZAKH_ONLY:
        assert is_kk_letter(ch) and is_kk_letter(ch.upper())


def test_harmony_of_words():
    assert kk_harmony("Қазақстан") == "back"
    assert kk_harmony("мемлекет") == "front"
    assert kk_harmony("Джибути") == "either"
    assert kk_harmony("ИЫҰ") == "back"
    assert kk_harmony("СІМ") == "front"
    assert kk_harmony("бсқ") is None


def _shipped() -> list[str]:
    return read_table_text("kk", "alphabet").splitlines()


def _line_of(lines: list[str], letter: str) -> int:
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(letter + "\t"))


def test_the_shipped_table_parses():
    assert len(parse_alphabet("\n".join(_shipped()), file="alphabet.tsv")) == 42


def test_a_duplicate_letter_is_an_error_with_its_line():
    lines = _shipped()
    line = _line_of(lines, "б")
    lines.insert(line, lines[line - 1])
    with pytest.raises(DataErrors) as err:
        parse_alphabet("\n".join(lines), file="alphabet.tsv")
    assert f"alphabet.tsv:{line + 1}: letter 'б' is a duplicate of line {line}" in str(err.value)


def test_a_letter_outside_the_alphabet_is_an_error_with_its_line():
    lines = _shipped()
    line = _line_of(lines, "ә")
    lines[line - 1] = lines[line - 1].replace("ә\tӘ", "ə\tƏ")
    with pytest.raises(DataErrors) as err:
        parse_alphabet("\n".join(lines), file="alphabet.tsv")
    assert (f"alphabet.tsv:{line}: letter 'ə' has the letter 'ə' (U+0259), which is not in the "
            "Kazakh alphabet") in str(err.value)


def test_a_missing_letter_is_an_error():
    lines = _shipped()
    del lines[_line_of(lines, "ң") - 1]
    with pytest.raises(DataErrors) as err:
        parse_alphabet("\n".join(lines), file="alphabet.tsv")
    assert "the letters must be the 42 of the Kazakh alphabet in its order (missing ң, extra none)" in str(err.value)


def test_a_wrong_capital_and_an_unknown_sound_are_errors():
    lines = _shipped()
    line = _line_of(lines, "қ")
    lines[line - 1] = "қ\tК\tconsonant\tQ\t-"
    with pytest.raises(DataErrors) as err:
        parse_alphabet("\n".join(lines), file="alphabet.tsv")
    message = str(err.value)
    assert f"alphabet.tsv:{line}: upper 'К' is not the capital of 'қ'" in message
    assert f"alphabet.tsv:{line}: sound 'Q' has codes outside B, K, L, N, R, V, Z" in message


def test_a_consonant_with_a_harmony_is_an_error():
    lines = _shipped()
    line = _line_of(lines, "т")
    lines[line - 1] = "т\tТ\tconsonant\tK\tback"
    with pytest.raises(DataErrors) as err:
        parse_alphabet("\n".join(lines), file="alphabet.tsv")
    assert (f"alphabet.tsv:{line}: harmony 'back' does not fit a consonant: vowels have back, front "
            "or either; the rest -") in str(err.value)
