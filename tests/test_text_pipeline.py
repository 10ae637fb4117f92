"""The pipeline: named stages switched off by name, offsets into the original, streaming in pieces."""

import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import yntymaq.text.pipeline as pipeline
from yntymaq.errors import BadInput
from yntymaq.text.pipeline import STAGE_NAMES, analyse, analyse_file, iter_sentences, scan

TEXT = "Бiздiң  ұйым 1995 жылы құрылды..Бүгін ол үлкен.\n\nКіріспе\n\nОппозия-\nны қолдады."


def test_all_stages_by_default():
    doc = analyse(TEXT)
    assert doc.stages == STAGE_NAMES == ("script", "normalize", "segment", "tokenize", "langid", "stems", "dates")
    assert [s.text for s in doc.sentences] == ["Бiздiң  ұйым 1995 жылы құрылды..", "Бүгін ол үлкен.", "Кіріспе",
                                               "Оппозия-\nны қолдады."]
    assert doc.sentences[0].norm == "Біздің ұйым 1995 жылы құрылды.."
    assert doc.sentences[3].norm == "Оппозияны қолдады."
    first = doc.sentences[0].tokens[0]
    assert (first.text, first.norm, first.stem, first.start, first.end) == ("Бiздiң", "Біздің", "Біз", 0, 6)
    assert [d["value"] for d in doc.sentences[0].dates] == ["1995"]


def test_normalize_switched_off_leaves_the_text_as_it_is():
    doc = analyse(TEXT, disable=("normalize", "stems", "dates"))
    assert doc.sentences[0].norm == "Бiздiң  ұйым 1995 жылы құрылды.."
    assert doc.sentences[0].tokens[0].norm == "Бiздiң"


def test_segment_switched_off_gives_paragraphs():
    doc = analyse(TEXT, disable=("segment", "stems", "dates"))
    assert [s.text for s in doc.sentences] == ["Бiздiң  ұйым 1995 жылы құрылды..Бүгін ол үлкен.", "Кіріспе",
                                               "Оппозия-\nны қолдады."]


def test_tokenize_switched_off():
    doc = analyse(TEXT, disable=("tokenize", "stems"))
    assert all(not s.tokens for s in doc.sentences) and doc.sentences[0].dates


def test_a_stage_whose_needs_are_off_is_an_error():
    with pytest.raises(BadInput) as caught:
        analyse(TEXT, disable=("tokenize",))
    assert str(caught.value) == ("stage 'stems' needs the tokens, which stage 'tokenize' gives: keep 'tokenize' on, "
                                 "or switch 'stems' off too")
    with pytest.raises(BadInput, match="^stage 'stems' needs the language, which stage 'langid' gives"):
        analyse(TEXT, disable=("langid",))
    doc = analyse(TEXT, disable=("langid",), language="kk")  # a given language stands in for langid
    assert {s.language for s in doc.sentences} == {"kk"}


def test_unknown_stage_and_language():
    with pytest.raises(BadInput, match="^unknown stage 'morph': the stages are script, normalize, segment, tokenize"):
        analyse(TEXT, disable=("morph",))
    with pytest.raises(BadInput, match="^language 'de' is not supported: use one of kk, ru, en$"):
        analyse(TEXT, language="de")


def test_russian_normal_forms_and_dates():
    text = "Организация исламского сотрудничества основана 25 сентября 1969 года. Её штаб-квартира в Джидде."
    doc = analyse(text)
    assert doc.language == "ru"
    lemmas = {t.text: t.lemma for s in doc.sentences for t in s.tokens if t.lemma}
    assert lemmas["Организация"] == "организация" and lemmas["исламского"] == "исламский"
    (date,) = doc.sentences[0].dates
    assert (date["text"], date["value"]) == ("25 сентября 1969 года", "1969-09-25")
    assert text[date["start"]:date["end"]] == date["text"]


def test_english_dates_and_no_stems():
    doc = analyse("The 38th session opened in Astana on 28 June 2011.")
    assert doc.language == "en"
    assert all(t.stem is None and t.lemma is None for t in doc.sentences[0].tokens)
    assert [(d["text"], d["value"]) for d in doc.sentences[0].dates] == [("28 June 2011", "2011-06-28")]
    assert [o["value"] for o in doc.sentences[0].ordinals] == [38]


def test_document_json_shape():
    data = analyse(TEXT).to_json()
    assert {"language", "encoding", "sentences", "stages", "format"} <= set(data)
    sent = data["sentences"][0]
    assert {"start", "end", "text", "norm", "language", "tokens", "dates", "ordinals"} <= set(sent)
    assert sent["tokens"][0] == {"start": 0, "end": 6, "text": "Бiздiң", "kind": "word", "norm": "Біздің",
                                 "stem": "Біз", "suffixes": ["дің"]}


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 300)
    monkeypatch.setattr(pipeline, "MAX_PIECE_CHARS", 1200)


def test_streaming_in_small_pieces_gives_the_same_sentences(tmp_path, small_pieces, seed_texts):
    text = "\n\n".join(seed_texts.values()) * 3
    whole = [(s.start, s.end) for s in analyse(text, disable=("stems", "dates")).sentences]
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    streamed = [(s.start, s.end) for s in iter_sentences(path, disable=("stems", "dates"), block=500)]
    assert streamed == whole
    doc = analyse_file(path, disable=("stems", "dates"))
    assert [(s.start, s.end) for s in doc.sentences] == whole and doc.text == text
    for sent in doc.sentences:
        for token in sent.tokens:
            assert doc.text[token.start:token.end] == token.text


def test_a_paragraph_longer_than_a_piece_is_cut_at_a_sentence_end(small_pieces, seed_texts):
    text = seed_texts["004_bf03b111113ace63.txt"].strip() * 2  # one long paragraph, no blank line
    pieces = list(scan(text))
    assert len(pieces) > 3
    ends = [end for piece in pieces for end in piece.ends]
    assert ends == sorted(ends) and len(ends) == 50
    assert ends[-1] == len(text)


def test_memory_stays_flat_as_the_input_grows(small_pieces):
    unit = "Бірінші сөйлем мұнда. Екінші сөйлем де бар.\n\n" * 20

    def peak(copies: int) -> int:
        tracemalloc.start()
        for piece in scan(unit for _ in range(copies)):
            for _ in piece.sentences():
                pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(50), peak(800)
    assert large < 1.5 * small + 50_000, (small, large)


PIECES = ["Бiз", "мəлім", "ұйым", "Ол", "т.б.", "ж.", "Н.Ә.", "1995", "1,2", "15-16", "Mr.", "the", "оппозия-",
          "ны", ".", "..", ":.", "?", "!", "«", "»", "[1]", ",", "-", " ", "  ", "\u00a0", "\n", "\n\n", "\r\n",
          "\u00ad", "и\u0306", "Cоmpany", "Е.", "г.", "XX", "в.", "e.g.", "—", "…", "\t", "5."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_offsets_always_point_into_the_original(text):
    doc = analyse(text, disable=("stems", "dates"))
    previous_end = 0
    for sent in doc.sentences:
        assert previous_end <= sent.start < sent.end <= len(text)
        assert sent.text == text[sent.start:sent.end] and sent.text.strip() == sent.text
        previous_end = sent.end
        last = sent.start
        for token in sent.tokens:
            assert last <= token.start < token.end <= sent.end
            assert token.text == text[token.start:token.end]
            last = token.end
    # nothing but whitespace is left out of the sentences
    covered = set()
    for sent in doc.sentences:
        covered.update(range(sent.start, sent.end))
    assert all(text[i].isspace() or text[i] == "\u00ad" for i in range(len(text)) if i not in covered)


def test_empty_text():
    doc = analyse("")
    assert doc.sentences == [] and doc.language is None
    assert analyse("   \n\n ").sentences == []


def test_dates_read_later_are_those_read_at_once(seed_texts):
    text = "\n\n".join(seed_texts.values()) + "\n\n" + TEXT
    at_once = analyse(text, disable=("tokenize", "stems"))
    later = analyse(text, disable=("tokenize", "stems"), dates_later=True)
    assert not any(s.dates or s.ordinals for s in later.sentences)
    for sent in later.sentences:
        pipeline.add_dates(sent)
        pipeline.add_dates(sent)  # a second time changes nothing
    assert [(s.dates, s.ordinals) for s in later.sentences] == [(s.dates, s.ordinals) for s in at_once.sentences]
    assert sum(len(s.dates) for s in later.sentences) > 10


def test_dates_later_keeps_nothing_where_dates_are_off():
    doc = analyse(TEXT, disable=("stems", "dates"), dates_later=True)
    for sent in doc.sentences:
        pipeline.add_dates(sent)
        assert sent.dates == [] and sent.scanned is None
