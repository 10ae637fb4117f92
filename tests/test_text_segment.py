"""Sentence segmentation, table-driven: one list of cases per phenomenon, in Kazakh, Russian and English.

Each case is (name, text, expected sentences); the sentences are compared as slices of the ORIGINAL
text, so the offsets are checked too. A sentence that spans a line break is written with `\\n`.
"""

from pathlib import Path

import pytest

from yntymaq.text.pipeline import analyse
from yntymaq.text.segment import abbreviations, sentence_spans


def sentences_of(text: str) -> list[str]:
    doc = analyse(text, disable=("stems", "dates"))
    return [text[sent.start:sent.end] for sent in doc.sentences]


ABBREVIATIONS = [
    ("kk т.б. inside a sentence", "Иран, Ирак т.б. елдер келісті. Кездесу аяқталды.",
     ["Иран, Ирак т.б. елдер келісті.", "Кездесу аяқталды."]),
    ("kk т.б. ending a sentence", "Кітап, дәптер, қалам т.б. Бәрі жаңа.",
     ["Кітап, дәптер, қалам т.б.", "Бәрі жаңа."]),
    ("kk т.с.с. and т.т.", "Театр, мұражай т.с.с. орындар ашық. Саябақ, алаң т.т. Бәрі тегін.",
     ["Театр, мұражай т.с.с. орындар ашық.", "Саябақ, алаң т.т.", "Бәрі тегін."]),
    ("kk ж. before a month", "1997 ж. желтоқсанда кездесу өтті. Ол сәтті болды.",
     ["1997 ж. желтоқсанда кездесу өтті.", "Ол сәтті болды."]),
    ("kk ж. before a capitalised place", "1997 ж. Тегеранда кездесу өтті.", ["1997 ж. Тегеранда кездесу өтті."]),
    ("kk жж. and ғ.", "1995-1997 жж. аралығында салынды. XIX ғ. Соңында қайта жөнделді.",
     ["1995-1997 жж. аралығында салынды.", "XIX ғ. Соңында қайта жөнделді."]),
    ("kk б.з.д. before a Roman numeral", "Қала б.з.д. V ғасырда салынған. Қазір мұражай.",
     ["Қала б.з.д. V ғасырда салынған.", "Қазір мұражай."]),
    ("kk ҚР and ХҚО without full stops", "ҚР Үкіметі мен ХҚО өкілдері кездесті. Келісім жасалды.",
     ["ҚР Үкіметі мен ХҚО өкілдері кездесті.", "Келісім жасалды."]),
    ("ru т.е. and т.д.", "Работа идёт весь год, т.е. без перерыва. Пишут отчёты, планы и т.д. Всё готово.",
     ["Работа идёт весь год, т.е. без перерыва.", "Пишут отчёты, планы и т.д.", "Всё готово."]),
    ("ru и т.п. inside a sentence", "Книги, журналы и т.п. материалы хранятся здесь. Вход свободный.",
     ["Книги, журналы и т.п. материалы хранятся здесь.", "Вход свободный."]),
    ("ru г. after a year ends a sentence", "Договор подписан в 1995 г. Затем его ратифицировали.",
     ["Договор подписан в 1995 г.", "Затем его ратифицировали."]),
    ("ru г. before a city does not", "Встреча прошла в г. Алматы весной. Всё прошло хорошо.",
     ["Встреча прошла в г. Алматы весной.", "Всё прошло хорошо."]),
    ("ru гг. before a century", "В 20-30-е гг. XX в. многое изменилось.", ["В 20-30-е гг. XX в. многое изменилось."]),
    ("ru гг. ending a sentence", "Война шла в 1941–1945 гг. Потом настал мир.",
     ["Война шла в 1941–1945 гг.", "Потом настал мир."]),
    ("ru см.", "Подробнее см. Приложение 2 к отчёту. Там есть таблицы.",
     ["Подробнее см. Приложение 2 к отчёту.", "Там есть таблицы."]),
    ("en Mr. and Dr.", "Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
    ("en U.N. and No.", "The U.N. Security Council adopted resolution No. 5 today. It passed.",
     ["The U.N. Security Council adopted resolution No. 5 today.", "It passed."]),
    ("en etc. ending a sentence", "They sold tea, rice, etc. The shop closed at noon.",
     ["They sold tea, rice, etc.", "The shop closed at noon."]),
    ("en e.g. and i.e.", "Some rivers, e.g. the Ili, are long, i.e. over 1,000 km. Others are short.",
     ["Some rivers, e.g. the Ili, are long, i.e. over 1,000 km.", "Others are short."]),
]

INITIALS = [
    ("kk initials", "Бұл туралы Н.Ә. Назарбаевтың жолдауында айтылды. Жолдау 2006 жылы жарияланды.",
     ["Бұл туралы Н.Ә. Назарбаевтың жолдауында айтылды.", "Жолдау 2006 жылы жарияланды."]),
    ("kk initial before a line break", "Сыртқы істер министрі Е.\nЫдырысов баяндама жасады. Ол қысқа болды.",
     ["Сыртқы істер министрі Е.\nЫдырысов баяндама жасады.", "Ол қысқа болды."]),
    ("kk initials glued to the name", "Ғалым Қ.И.Сәтбаев академияны басқарды.", ["Ғалым Қ.И.Сәтбаев академияны басқарды."]),
    ("ru initials", "Роман написал Л.Н. Толстой. Он жил долго.", ["Роман написал Л.Н. Толстой.", "Он жил долго."]),
    ("ru initial before a line break", "Выступил профессор Н.\nОразбаев. Доклад был кратким.",
     ["Выступил профессор Н.\nОразбаев.", "Доклад был кратким."]),
    ("en initials", "The book by J. R. R. Tolkien sold well. It still does.",
     ["The book by J. R. R. Tolkien sold well.", "It still does."]),
]

JOINS = [
    ("kk `..` join", "Ұйым құрылды..Бүгін ол үлкен.", ["Ұйым құрылды..", "Бүгін ол үлкен."]),
    ("kk `:.` and `;.` joins", "Мақсаттар белгіленген:.Бірінші мақсат бейбітшілік;.Екіншісі даму.",
     ["Мақсаттар белгіленген:.", "Бірінші мақсат бейбітшілік;.", "Екіншісі даму."]),
    ("kk `..` before a quote", "Мәселе шешілді..«Жаңа кезең» басталды.", ["Мәселе шешілді..", "«Жаңа кезең» басталды."]),
    ("ru `..` join", "Работа закончена..Начат новый этап.", ["Работа закончена..", "Начат новый этап."]),
    ("en `:.` join", "Two goals were set:.Peace came first.", ["Two goals were set:.", "Peace came first."]),
    ("ellipsis at the end", "Жұмыс жалғасады....", ["Жұмыс жалғасады...."]),
    ("ellipsis inside a sentence", "Ол... ойланып қалды. Кейін жауап берді.", ["Ол... ойланып қалды.", "Кейін жауап берді."]),
]

MISSING_SPACES = [
    ("kk full stop glued to the next sentence", "Мүмкіндігі болмауда.Ислам елдері келісті.",
     ["Мүмкіндігі болмауда.", "Ислам елдері келісті."]),
    ("kk ж. glued to a month", "Саммит 2003 ж.қазанда өтті.", ["Саммит 2003 ж.қазанда өтті."]),
    ("kk year glued to ж", "Саммит 2000ж қарашада өтті.", ["Саммит 2000ж қарашада өтті."]),
    ("ru full stop glued", "Договор подписан.Затем начались работы.", ["Договор подписан.", "Затем начались работы."]),
    ("en full stop glued", "The talks ended.Then the delegates left.", ["The talks ended.", "Then the delegates left."]),
    ("comma glued to a quote", "Мәселені шешу,«Араб көктемі» сияқты. Бәрі белгілі.",
     ["Мәселені шешу,«Араб көктемі» сияқты.", "Бәрі белгілі."]),
]

LINE_BREAKS = [
    ("kk т.б. before a line break", "Иран және т.б.\nмемлекеттер қолдады. Бұл маңызды.",
     ["Иран және т.б.\nмемлекеттер қолдады.", "Бұл маңызды."]),
    ("kk line break inside a sentence", "Ұйымның жұмысы\nжоғары деңгейде өтеді.", ["Ұйымның жұмысы\nжоғары деңгейде өтеді."]),
    ("kk line break after a full stop", "Бірінші сөйлем.\nЕкінші сөйлем.", ["Бірінші сөйлем.", "Екінші сөйлем."]),
    ("kk line break before a year", "Бұл белгілі.\n1995 жылдан бері мүше.", ["Бұл белгілі.", "1995 жылдан бері мүше."]),
    ("paragraph break ends a heading", "Кіріспе\n\nҚазақстан 1995 жылы мүше болды.",
     ["Кіріспе", "Қазақстан 1995 жылы мүше болды."]),
    ("ru line break inside a sentence", "Совет министров\nиностранных дел собрался в мае.", ["Совет министров\nиностранных дел собрался в мае."]),
    ("en hyphenated line break", "The dis-\ncussion began early. It ended late.",
     ["The dis-\ncussion began early.", "It ended late."]),
    ("kk PDF hyphenation with spaces", "Сириядағы оппозия-\u00a0 ны қолдайды. Бұл анық.",
     ["Сириядағы оппозия-\u00a0 ны қолдайды.", "Бұл анық."]),
    ("CRLF line ends", "Бірінші сөйлем.\r\nЕкінші сөйлем.\r\n", ["Бірінші сөйлем.", "Екінші сөйлем."]),
]

NUMBERS_AND_CITATIONS = [
    ("kk decimal comma", "Халық саны 1,2 миллиардқа жетті. Бұл көп.", ["Халық саны 1,2 миллиардқа жетті.", "Бұл көп."]),
    ("en decimal point", "The rate was 3.5 per cent. It fell later.", ["The rate was 3.5 per cent.", "It fell later."]),
    ("kk day range", "Сессия 15-16 қарашада өтті. Ол сәтті болды.", ["Сессия 15-16 қарашада өтті.", "Ол сәтті болды."]),
    ("kk number ending a sentence", "Мүше елдер саны 57. Бақылаушылар 5.", ["Мүше елдер саны 57.", "Бақылаушылар 5."]),
    ("list numbers at line starts", "1. Кіріспе\n2. Негізгі бөлім", ["1. Кіріспе\n2. Негізгі бөлім"]),
    ("kk citation after the words", "Ол маңызды оқиға деп бағалады [1].\nТөрағалық аяқталды.",
     ["Ол маңызды оқиға деп бағалады [1].", "Төрағалық аяқталды."]),
    ("ru citation", "Данные взяты из открытых источников [4]. Они неполны.",
     ["Данные взяты из открытых источников [4].", "Они неполны."]),
]

MARKS_AND_QUOTES = [
    ("kk question and exclamation", "Жоба қашан аяқталады? Белгісіз! Күтеміз.", ["Жоба қашан аяқталады?", "Белгісіз!", "Күтеміз."]),
    ("kk quote inside a sentence", "«Неге?» деп сұрады ол. Жауап болмады.", ["«Неге?» деп сұрады ол.", "Жауап болмады."]),
    ("ru stop inside closing quote", "Он сказал: «Мы готовы.» Все согласились.", ["Он сказал: «Мы готовы.»", "Все согласились."]),
    ("en stop after closing quote", 'It was called "Heritage". The title stuck.', ['It was called "Heritage".', "The title stuck."]),
    ("en dash dialogue", "He paused. — What now? he asked.", ["He paused.", "— What now? he asked."]),
    ("lower case after a full stop is not a new sentence", "Бұл т.б. жағдайлар. сондықтан ол келді.",
     ["Бұл т.б. жағдайлар. сондықтан ол келді."]),
]

MIXED_SCRIPTS = [
    ("kk Latin letters in Kazakh words", "Бiздiң елiмiз мəлiм. Əсіресе бұл маңызды.", ["Бiздiң елiмiз мəлiм.", "Əсіресе бұл маңызды."]),
    ("no-break spaces", "Қазақстан\u00a0 әр\u00a0 уақытта қатысады.  Бұл\u00a0белгілі.",
     ["Қазақстан\u00a0 әр\u00a0 уақытта қатысады.", "Бұл\u00a0белгілі."]),
]


@pytest.mark.parametrize("name,text,expected", ABBREVIATIONS, ids=[c[0] for c in ABBREVIATIONS])
def test_abbreviations(name, text, expected):
    assert sentences_of(text) == expected


@pytest.mark.parametrize("name,text,expected", INITIALS, ids=[c[0] for c in INITIALS])
def test_initials(name, text, expected):
    assert sentences_of(text) == expected


@pytest.mark.parametrize("name,text,expected", JOINS, ids=[c[0] for c in JOINS])
def test_paragraph_joins(name, text, expected):
    assert sentences_of(text) == expected


@pytest.mark.parametrize("name,text,expected", MISSING_SPACES, ids=[c[0] for c in MISSING_SPACES])
def test_missing_spaces(name, text, expected):
    assert sentences_of(text) == expected


@pytest.mark.parametrize("name,text,expected", LINE_BREAKS, ids=[c[0] for c in LINE_BREAKS])
def test_line_breaks(name, text, expected):
    assert sentences_of(text) == expected


@pytest.mark.parametrize("name,text,expected", NUMBERS_AND_CITATIONS, ids=[c[0] for c in NUMBERS_AND_CITATIONS])
def test_numbers_and_citations(name, text, expected):
    assert sentences_of(text) == expected


@pytest.mark.parametrize("name,text,expected", MARKS_AND_QUOTES, ids=[c[0] for c in MARKS_AND_QUOTES])
def test_marks_and_quotes(name, text, expected):
    assert sentences_of(text) == expected


@pytest.mark.parametrize("name,text,expected", MIXED_SCRIPTS, ids=[c[0] for c in MIXED_SCRIPTS])
def test_mixed_scripts(name, text, expected):
    assert sentences_of(text) == expected


def test_every_abbreviation_that_never_ends_a_sentence_keeps_it_going():
    """For each `inner` abbreviation of the tables: a capitalised word after it does not start a new
    sentence (the table, not a list in the test, drives this)."""
    table = abbreviations()
    inner = [word for word, kind in table.exact.items() if kind == "inner"]
    assert len(inner) > 40
    for word in inner:
        text = f"Сөз {word} Келесі сөз. Жаңа сөйлем."
        assert len(sentence_spans(text)) == 2, word


def test_every_abbreviation_that_may_end_a_sentence_does_before_a_capital():
    table = abbreviations()
    final = [word for word, kind in table.exact.items() if kind == "final"]
    assert len(final) > 15
    for word in final:
        text = f"Сөз {word} Келесі сөйлем."
        assert [text[a:b] for a, b in sentence_spans(text)] == [f"Сөз {word}", "Келесі сөйлем."], word
        text = f"Сөз {word} келесі сөз."
        assert len(sentence_spans(text)) == 1, word


def test_segmentation_is_the_same_on_normalised_text_and_through_the_pipeline():
    text = "Бiздiң  ұйым құрылды..Бүгін ол үлкен.\nЕкінші сөйлем."
    assert len(sentence_spans(text)) == len(sentences_of(text)) == 3


LABELLED = Path(__file__).resolve().parent.parent / "bench" / "labelled"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_labelled_benchmark_texts(lang):
    """The benchmark's labelled texts (sentence ends marked with ‖) come out right, end for end."""
    raw = (LABELLED / f"{lang}.txt").read_text(encoding="utf-8")
    parts = raw.split("‖")
    text = "".join(parts)
    ends, length = [], 0
    for part in parts[:-1]:
        length += len(part)
        ends.append(length)
    assert len(ends) > 40
    doc = analyse(text, disable=("stems", "dates"))
    assert doc.language == lang
    assert [sent.end for sent in doc.sentences] == ends


def test_no_sentence_ends_inside_brackets_that_close_soon():
    from yntymaq.text.segment import sentence_spans

    text = "Россия примкнула к ОИС (до 2011 г. – Организации Исламская Конференция) в 2005 году. Второе."
    assert [text[a:b] for a, b in sentence_spans(text)] == [text[:text.index(" Второе")], "Второе."]
    # a bracket that never closes nearby ends nothing it holds
    open_only = "Текст (без закрытия. Новое предложение здесь."
    assert len(sentence_spans(open_only)) == 2
