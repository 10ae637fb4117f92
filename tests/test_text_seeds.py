"""The two seed documents end to end: every sentence boundary, and the stems, normal forms and dates
the pipeline attaches, all with offsets into the seed's own text.

The expected boundaries are in `tests/data/seed_sentence_ends.tsv` (offsets and a few characters of
context, never the seeds' sentences); the seeds themselves are read from ../shared/seeds.
"""

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from yntymaq.cli import main
from yntymaq.text.pipeline import analyse_file

GOLD = Path(__file__).parent / "data" / "seed_sentence_ends.tsv"
SEED_1 = "000_4b84b33dc1f2824a.txt"
SEED_2 = "004_bf03b111113ace63.txt"


def gold_rows() -> list[dict]:
    with GOLD.open(encoding="utf-8") as handle:
        return list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))


def unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


@pytest.fixture(scope="module")
def docs(seeds_dir):
    return {name: analyse_file(seeds_dir / name) for name in (SEED_1, SEED_2)}


def test_the_gold_file_matches_the_seeds(seed_texts):
    rows = gold_rows()
    assert {row["seed"] for row in rows} == {SEED_1, SEED_2}
    for row in rows:
        text = seed_texts[row["seed"]]
        end = int(row["end"])
        assert text[:end].endswith(unescape(row["before"])), row
        assert text[end:].startswith(unescape(row["after"])), row


@pytest.mark.parametrize("seed,count", [(SEED_1, 55), (SEED_2, 25)])
def test_every_sentence_boundary_of_the_seeds(docs, seed, count):
    expected = [(int(row["start"]), int(row["end"])) for row in gold_rows() if row["seed"] == seed]
    found = [(sent.start, sent.end) for sent in docs[seed].sentences]
    assert len(expected) == count
    assert found == expected


NOT_BOUNDARIES = [
    (SEED_1, " Е.\n"), (SEED_1, "т.б.\n"), (SEED_1, "белгіленген:"),
    (SEED_2, "Н.Ә. "), (SEED_2, "1997 ж. "), (SEED_2, "2003 ж."), (SEED_2, "2000ж "), (SEED_2, "1996 ж. "),
]


@pytest.mark.parametrize("seed,fragment", NOT_BOUNDARIES)
def test_no_sentence_ends_inside_these(docs, seed_texts, seed, fragment):
    text = seed_texts[seed]
    at = text.index(fragment)
    ends = {sent.end for sent in docs[seed].sentences}
    assert not ends & set(range(at + 1, at + len(fragment) + 1))


def test_sentences_are_slices_of_the_original(docs, seed_texts):
    for name, doc in docs.items():
        assert doc.text == seed_texts[name]
        assert doc.language == "kk" and doc.encoding == "utf-8"
        for sent in doc.sentences:
            assert sent.text == doc.text[sent.start:sent.end]
            assert sent.language == "kk"
            for token in sent.tokens:
                assert token.text == doc.text[token.start:token.end]
                assert sent.start <= token.start < token.end <= sent.end


STEMS = [
    ("Бiздiң", "Біздің", "Біз"),
    ("мəдениетінің", "мәдениетінің", "мәдениет"),
    ("Қазақстанның", "Қазақстанның", "Қазақстан"),
    ("оппозия-\u00a0 ны", "оппозияны", "оппозия"),
    ("ИЫҰ-ға", "ИЫҰ-ға", "ИЫҰ"),
]


@pytest.mark.parametrize("written,norm,stem", STEMS)
def test_tokens_carry_their_normal_form_and_stem(docs, written, norm, stem):
    tokens = [token for sent in docs[SEED_1].sentences for token in sent.tokens if token.text == written]
    assert tokens, written
    assert all(token.norm == norm and token.stem == stem for token in tokens)


DATES = [
    (SEED_2, "1969 жылы 25 қыркүйекте", "date", "1969-09-25"),
    (SEED_2, "1997 ж. желтоқсанда", "date", "1997-12"),
    (SEED_2, "2000ж қарашада", "date", "2000-11"),
    (SEED_2, "2003 ж.қазанда", "date", "2003-10"),
    (SEED_2, "2011 жылдың 28 маусымына дейін", "until", "2011-06-28"),
    (SEED_1, "1995 жылдан бері", "since", "1995"),
]


@pytest.mark.parametrize("seed,written,kind,value", DATES)
def test_dates_point_into_the_original(docs, seed, written, kind, value):
    doc = docs[seed]
    found = [date for sent in doc.sentences for date in sent.dates if date["text"] == written]
    assert len(found) == 1, [d["text"] for s in doc.sentences for d in s.dates]
    date = found[0]
    assert (date["kind"], date["value"]) == (kind, value)
    assert doc.text[date["start"]:date["end"]] == written


def test_dates_in_a_sentence_with_repaired_text_map_back(docs):
    doc = docs[SEED_1]
    found = [date for sent in doc.sentences for date in sent.dates if "қарашадағы" in date["text"]]
    assert found and doc.text[found[0]["start"]:found[0]["end"]] == found[0]["text"] == "15-16 қарашадағы"


def test_cli_json_of_a_seed(seeds_dir, seed_texts):
    result = CliRunner().invoke(main, ["text", str(seeds_dir / SEED_2), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"language", "encoding", "sentences"} <= set(data)
    assert data["language"] == "kk" and data["encoding"] == "utf-8"
    assert len(data["sentences"]) == 25
    text = seed_texts[SEED_2]
    for sent in data["sentences"]:
        assert {"start", "end", "text", "language", "tokens", "dates"} <= set(sent)
        assert text[sent["start"]:sent["end"]] == sent["text"]
        for token in sent["tokens"]:
            assert text[token["start"]:token["end"]] == token["text"]
