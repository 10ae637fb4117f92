"""Language identification per sentence and per document, from letters and stop words."""

import pytest

from yntymaq.text.langid import document_language, evidence, identify, stopwords
from yntymaq.text.pipeline import analyse

SENTENCES = [
    ("kk with Kazakh letters", "Қазақстан ұйымға 1995 жылы мүше болды.", "kk"),
    ("kk without Kazakh letters but with stop words", "Ол мен сен бар жерде.", "kk"),
    ("kk with Latin look-alikes", "Бiздiң елiмiз мəлiм.", "kk"),
    ("ru", "Казахстан вступил в организацию в 1995 году.", "ru"),
    ("ru with a Kazakh name", "Встреча прошла в Қызылорде и в Астане.", "ru"),
    ("en", "Kazakhstan joined the organisation in 1995.", "en"),
    ("en with a Cyrillic name", "The paper cites Назарбаев at length.", "en"),
    ("a number only", "1995.", None),
    ("an acronym only", "ООН", None),
    ("an acronym with a Kazakh letter", "ИЫҰ", "kk"),
    ("nothing", "", None),
]


@pytest.mark.parametrize("name,text,lang", SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentence_language(name, text, lang):
    assert identify(text) == lang


def test_document_language_follows_most_letters():
    assert document_language(["Бұл қазақша сөйлем.", "This is English.", "Тағы бір қазақша сөйлем болды."]) == "kk"
    assert document_language(["1995.", "2011."]) is None


def test_sentences_without_evidence_take_the_document_language():
    doc = analyse("Қазақстан ұйымға мүше болды. 1995. Бұл маңызды қадам еді.", disable=("stems", "dates"))
    assert [s.language for s in doc.sentences] == ["kk", "kk", "kk"]
    assert doc.language == "kk"


def test_mixed_document_has_a_language_per_sentence():
    doc = analyse("Қазақстан ұйымға мүше болды. Это было в 1995 году. It mattered.", disable=("stems", "dates"))
    assert [s.language for s in doc.sentences] == ["kk", "ru", "en"]


def test_stop_word_tables_do_not_overlap():
    kk, ru, en = stopwords("kk"), stopwords("ru"), stopwords("en")
    assert kk and ru and en
    assert not kk & ru and not kk & en and not ru & en


def test_evidence_counts():
    found = evidence("Қазақстан мен Ресей")
    assert found.kk == 2 and found.ru == 0 and found.letters == 17


def test_evidence_is_the_same_when_the_word_cache_starts_afresh(monkeypatch):
    from yntymaq.text import langid

    texts = ["Қазақстан мен Ресей", "Россия и Казахстан в ОИС", "The OIC and its members", "қазақ-орыс және",
             "Ислам ынтымақтастығы ұйымы 1969 жылы құрылды"]
    expected = [evidence(text) for text in texts]
    monkeypatch.setattr(langid, "_WORD_CODES", {})
    monkeypatch.setattr(langid, "_WORD_CODES_LIMIT", 4)  # fewer than the words of any one text
    assert [evidence(text) for text in texts] == expected
    assert len(langid._WORD_CODES) <= max(len(set(text.lower().split())) for text in texts)
    assert evidence("Қазақстан мен Ресей") == (2, 0, 0, 17)
