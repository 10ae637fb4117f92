"""Kazakh in the Latin and Arabic scripts, read through Cyrillic with the map back (`text.script`).

Every case sentence is written for these tests; the corpus texts are only read from
`ROOT.parent / "shared" / "corpus"`, to check which script each is found in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yntymaq.errors import DataErrors
from yntymaq.text.normalize import normalize
from yntymaq.text.pipeline import analyse
from yntymaq.text.script import SCHEMES, _read_arabic_word, _read_latin_word, latin_scheme, parse_scheme, scheme, to_cyrillic
from yntymaq.text.tables import parse_table

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "kk"

LATIN_2018 = [
    ("acute letters", "Qazaqstan men Túrkııa arasyndaǵy saýda ósti.", "Қазақстан мен Түркия арасындағы сауда өсті."),
    ("ı is и, and й after a vowel", "Bıyl uıym jańa baǵdarlama qabyldady.", "Биыл ұйым жаңа бағдарлама қабылдады."),
    ("ıa is я, ts before ı is ц", "Osy aıasynda qazaq konferentsııasy ótti.", "Осы аясында қазақ конференциясы өтті."),
    ("i typed for ı in a back word", "Islam yntymaqtastyǵy uiymy jıyny.", "Ислам ынтымақтастығы ұйымы жиыны."),
    ("sh and ch", "Sheshim shyqty, Chılı elshisi jáne Qytaı elshisi keldi.", "Шешім шықты, Чили елшісі және Қытай елшісі келді."),
    ("capitals", "QR Úkimeti men ǵalymdar Astanada jınaldy.", "ҚР Үкіметі мен ғалымдар Астанада жиналды."),
    ("a Cyrillic і inside a Latin word", "Úkіmet kelіsіmge qol qoıdy.", "Үкімет келісімге қол қойды."),
    ("an English acronym stays", "Qazaqstan ICESCO jıynyna da qatysty.", "Қазақстан ICESCO жиынына да қатысты."),
]

LATIN_2021 = [
    ("ä ö ü ğ ñ ş ū", "Qazaqstan men Ūlıbritaniä arasındağı sauda ösip jatır.", "Қазақстан мен Ұлыбританиә арасындағы сауда өсіп жатыр."),
    ("ı is ы and y is й", "Ūyım jaña bağdarlama qabıldadı.", "Ұйым жаңа бағдарлама қабылдады."),
    ("u without ū is ұ", "Islam ıntımaqtastığı uyımı jiın ötkizdi.", "Ислам ынтымақтастығы ұйымы жиын өткізді."),
    ("ş and ç", "Şeşim şıqtı jäne elşi keldi.", "Шешім шықты және елші келді."),
]

LATIN_2017 = [
    ("apostrophes", "Qazaqstan jan'a bag'darlamany qabyldady.", "Қазақстан жаңа бағдарламаны қабылдады."),
    ("s' and u'", "Bu'gin s'es'im qabyldandy.", "Бүгін шешім қабылданды."),
]

LATIN_INFORMAL = [
    ("sh, zh, gh, q", "Qazaqstan zhane Islam yntymaqtastygy uiymy kelisimge qol qoidy.",
     "Қазақстан жане Ислам ынтымақтастыгы ұйымы келісімге қол қойды."),
    ("i by harmony, u by harmony", "Biz ushin bul qadam mangyzdy boldy.", "Біз үшін бұл қадам мангызды болды."),
]

ARABIC = [
    ("back word", "قازاقستان ۇيىمعا مۇشە بولدى.", "Қазақстан ұйымға мүше болды."),
    ("the hamza makes a word front", "ءبىز ءوز ءسوزىمىزدى ايتتىق.", "Біз өз сөзімізді айттық."),
    ("е, к, г make a word front", "مەملەكەت كەڭەسى بۇگىن جينالدى.", "Мемлекет кеңесі бүгін жиналды."),
    ("қ and ғ make a word back", "ىنتىماقتاستىعى ارقىلى", "Ынтымақтастығы арқылы"),
    ("ي after a vowel is й; يا after a consonant is ия", "ساياسي ازيا ەلدەرى", "Саяси азия елдері"),
    ("a loan word with Russian letters keeps back vowels", "ۆەكتور جانە نازارباەۆ", "Вектор және назарбаев"),
    ("a loan stem from the stem table", "كونفەرەنتسياسى", "Конференциясы"),
    ("initial е of a back word is э", "ەكونوميكالىق", "Экономикалық"),
    ("Arabic comma and digits", "٢٠٢٥ جىلى، قازاقستان", "2025 жылы, қазақстан"),
    ("the high hamza U+0674", "ٴبىرى", "Бірі"),
]


def _case_id(case) -> str:
    return case[0]


@pytest.mark.parametrize("name, text, expected", LATIN_2018, ids=[_case_id(c) for c in LATIN_2018])
def test_latin_2018(name, text, expected):
    read = to_cyrillic(text)
    assert (read.text, read.script, read.scheme) == (expected, "latn", "latin_2018")


@pytest.mark.parametrize("name, text, expected", LATIN_2021, ids=[_case_id(c) for c in LATIN_2021])
def test_latin_2021(name, text, expected):
    read = to_cyrillic(text)
    assert (read.text, read.script, read.scheme) == (expected, "latn", "latin_2021")


@pytest.mark.parametrize("name, text, expected", LATIN_2017, ids=[_case_id(c) for c in LATIN_2017])
def test_latin_2017(name, text, expected):
    read = to_cyrillic(text)
    assert (read.text, read.script, read.scheme) == (expected, "latn", "latin_2017")


@pytest.mark.parametrize("name, text, expected", LATIN_INFORMAL, ids=[_case_id(c) for c in LATIN_INFORMAL])
def test_latin_informal(name, text, expected):
    read = to_cyrillic(text)
    assert (read.text, read.script, read.scheme) == (expected, "latn", "latin_informal")


def test_arabic_script_gives_sentences_capitals():
    """Arabic script has no capitals: the reading opens the line and each sentence with one, and only them."""
    read = to_cyrillic("قازاقستان ۇيىمعا مۇشە بولدى. ول ۇيىمعا 1995 جىلى كىردى، ال ەلدەر كوپ")
    assert read.text == "Қазақстан ұйымға мүше болды. Ол ұйымға 1995 жылы кірді, ал елдер көп"


@pytest.mark.parametrize("name, text, expected", ARABIC, ids=[_case_id(c) for c in ARABIC])
def test_arabic_script(name, text, expected):
    read = to_cyrillic(text)
    assert (read.text, read.script, read.scheme) == (expected, "arab", "arabic")


LEFT_ALONE = [
    ("Cyrillic Kazakh", "Қазақстан 1995 жылы ұйымға мүше болды."),
    ("English", "The OIC met in Iraq and Qatar in 1995 to discuss the situation."),
    ("English with q words only", "Iraq, Qatar and Aqaba."),
    ("English headline with a Kazakh name", "Tokayev meets the Secretary General of the OIC in Astana"),
    ("Turkish", "Türkiye ile Kazakistan arasındaki işbirliği güçlendi."),
    ("Arabic", "منظمة التعاون الإسلامي هي ثاني أكبر منظمة حكومية دولية."),
    ("Russian", "Казахстан вступил в ОИК в 1995 году."),
]


@pytest.mark.parametrize("name, text", LEFT_ALONE, ids=[_case_id(c) for c in LEFT_ALONE])
def test_other_languages_are_left_as_written(name, text):
    read = to_cyrillic(text)
    assert (read.text, read.script) == (text, "cyrl")
    assert read.map.is_identity


def test_an_arabic_quotation_in_a_kazakh_line_stays():
    text = "ول «الله أكبر» دەدى جانە ۇيىمعا باردى."
    read = to_cyrillic(text)
    assert "«الله أكبر»" in read.text and read.text.startswith("Ол ") and "ұйымға" in read.text


def test_an_english_line_in_a_kazakh_latin_text_stays():
    english = "The agreement was signed by the ministers of the two states."
    text = f"Qazaqstan men Túrkııa kelisimge qol qoıdy.\n{english}\nBul kelisim mańyzdy."
    read = to_cyrillic(text)
    assert read.text.split("\n") == ["Қазақстан мен Түркия келісімге қол қойды.", english, "Бұл келісім маңызды."]


def test_scheme_is_told_by_the_letters():
    assert latin_scheme("Qazaqstan jańa baǵdarlama").name == "latin_2018"
    assert latin_scheme("Qazaqstan jaña bağdarlama").name == "latin_2021"
    assert latin_scheme("Qazaqstan jan'a bag'darlama").name == "latin_2017"
    assert latin_scheme("Qazaqstan zhana bagdarlama").name == "latin_informal"


@pytest.mark.parametrize("name", SCHEMES)
def test_shipped_tables_load(name):
    table = scheme(name)
    assert table.letters and all(letter.back and letter.front for letter in table.letters.values())


def test_a_broken_table_is_reported_by_file_and_line():
    columns = ("letter", "back", "front", "initial", "after_vowel", "after_vowel_front", "kind", "harmony")
    text = "\t".join(columns) + "\nq\tқ\tq\t-\t-\t-\tconsonant\t-\n"
    rows = parse_table(text, file="kk/bad.tsv", columns=columns, letters={"letter": "kk-latn"})
    with pytest.raises(DataErrors, match=re.escape("kk/bad.tsv:2: front 'q' has 'q' (U+0071), which is not a "
                                                   "Kazakh Cyrillic letter")):
        parse_scheme(rows, name="bad", file="kk/bad.tsv")
    with pytest.raises(DataErrors, match=re.escape("kk/bad.tsv:2: kind 'vowl' is not one of consonant, vowel")):
        parse_table(text.replace("consonant", "vowl"), file="kk/bad.tsv", columns=columns,
                    letters={"letter": "kk-latn"}, choices={"kind": frozenset({"vowel", "consonant"})})


# -- offsets ------------------------------------------------------------------------------------------

OFFSET_TEXTS = [
    "Qazaqstan 1995 jyly Islam yntymaqtastyǵy uıymyna múshe boldy. Bul — mańyzdy qadam.",
    "Qazaqstan  1995 jılı Islam ıntımaqtastığı uyımına\n\nmüşe boldı.",
    "قازاقستان 1995 جىلى يسلام ىنتىماقتاستىعى ۇيىمىنا مۇشە بولدى. ءبىز ءوز ءسوزىمىزدى ايتتىق.",
]


@pytest.mark.parametrize("text", OFFSET_TEXTS)
def test_every_token_points_at_the_word_it_was_read_from(text):
    doc = analyse(text, disable=("stems", "dates"))
    read = to_cyrillic(text)
    words = [t for s in doc.sentences for t in s.tokens if t.kind == "word"]
    assert words
    for token in words:
        written = text[token.start:token.end]
        assert written == token.text
        # a whole word of the original, nothing cut off on either side
        assert token.start == 0 or not text[token.start - 1].isalpha()
        assert token.end == len(text) or not text[token.end].isalpha()
        # read alone, the original word gives the token's text
        if read.scheme == "arabic":
            alone = "".join(p[2] for p in _read_arabic_word(written))
        else:
            alone = "".join(p[2] for p in _read_latin_word(written, latin_scheme(text)))
        # (a sentence's first word read from Arabic script gets a capital)
        assert alone == token.norm or read.scheme == "arabic" and alone.capitalize() == token.norm, (written, token.norm)


def test_sentences_and_script_in_the_document():
    doc = analyse("Qazaqstan 1995 jyly uıymǵa múshe boldy. Bul mańyzdy.")
    assert doc.script == "latn" and doc.transliteration == "latin_2018"
    assert [s.norm for s in doc.sentences] == ["Қазақстан 1995 жылы ұйымға мүше болды.", "Бұл маңызды."]
    assert [s.text for s in doc.sentences] == ["Qazaqstan 1995 jyly uıymǵa múshe boldy.", "Bul mańyzdy."]
    assert doc.sentences[0].language == "kk"
    assert doc.to_json()["script"] == "latn"


def test_the_script_stage_can_be_switched_off():
    text = "Qazaqstan 1995 jyly uıymǵa múshe boldy."
    doc = analyse(text, disable=("script",))
    assert doc.sentences[0].norm == text and doc.script == "latn" and doc.transliteration is None
    assert "script" not in doc.stages


def test_a_cyrillic_document_reports_cyrillic():
    doc = analyse("Қазақстан 1995 жылы мүше болды.")
    assert (doc.script, doc.transliteration) == ("cyrl", None)


LATIN_LETTERS = "aábdeéfgǵhiıjklmnńoópqrstuúvyýzäöüğñşūç'"
ARABIC_LETTERS = "ءابپتجچحدرزسشعفقكگلمنڭەوۆۇۋىيھٴ"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*LATIN_LETTERS, *LATIN_LETTERS.upper(), *ARABIC_LETTERS, " ", " ", "\n", ".", ",",
                                 "  ", "-\n", "1", "q", "sh", "ıa"]), max_size=80).map("".join))
def test_offset_map_property(text):
    read = to_cyrillic(text)
    omap = read.map
    assert omap.norm_length == len(read.text) and omap.orig_length == len(text)
    starts = [omap.to_original(i) for i in range(len(read.text) + 1)]
    assert starts == sorted(starts) and all(0 <= s <= len(text) for s in starts)
    for i in range(len(read.text)):
        start, end, replaced = omap.source(i)
        assert 0 <= start < end <= len(text)
        if not replaced and read.text[i] in " \n.,1":
            assert text[start] == read.text[i]  # what is not a letter is copied as it was
    # normalising after reading keeps one map back to the original
    norm = normalize(text)
    ends = [norm.map.to_original_end(i) for i in range(1, len(norm.text) + 1)]
    assert ends == sorted(ends) and all(0 < e <= len(text) for e in ends)


# -- the real corpus -------------------------------------------------------------------------------

CORPUS_SCRIPTS = {"02_egemen_tote_cfm38.txt": "arab", "09_abai_tote_darkenov_2011.txt": "arab",
                  "10_inform_tote_mussinov_2023.txt": "arab", "22_egemen_tote_icesco_2025.txt": "arab",
                  "11_qzinform_latin_st_summit_2017.txt": "latn", "20_smartnews_latin_isdb.txt": "latn",
                  "01_egemen_iku_kanday_uiym.txt": "cyrl"}


@pytest.mark.parametrize("name, script", sorted(CORPUS_SCRIPTS.items()))
def test_corpus_texts_are_read_from_their_script(name, script):
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"the corpus is not at {CORPUS}")
    doc = analyse(path.read_text(encoding="utf-8"), disable=("stems", "dates"))
    assert doc.script == script and doc.language == "kk"
    if script != "cyrl":
        norms = " ".join(s.norm for s in doc.sentences)
        # read through Cyrillic, the text has Kazakh words the tables were not written from
        assert sum(norms.lower().count(w) for w in (" және ", " мен ", " ислам ")) >= 2
