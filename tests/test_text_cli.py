"""`yntymaq text FILE`: readable output, --json, --csv, standard input, and one-line errors."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from yntymaq.cli import main

TEXT = "Қазақстан ұйымға 1995 жылы мүше болды. Бiздiң елiмiз 2011 ж. маусымда төраға болды.\n"


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run(*args, input=None):
    return CliRunner().invoke(main, ["text", *map(str, args)], input=input)


def test_help_is_in_three_languages_with_an_example():
    result = run("--help")
    assert result.exit_code == 0
    first = result.output.split("\n\n")[1]
    assert "Мәтінді талдау" in first and "анализ текста" in first and "analyse a text" in first
    assert "Example: yntymaq text" in result.output
    assert "--json" in result.output and "--disable" in result.output


def test_readable_output(sample):
    result = run(sample, "--lang", "en")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "language: kk" in out and "encoding: utf-8" in out and "sentences: 2" in out
    assert "[0–38] kk  Қазақстан ұйымға 1995 жылы мүше болды." in out
    assert "Бiздiң(Біздің)→Біз+дің" in out
    assert "Dates and ordinals" in out and "2011-06" in out and "1995" in out


def test_readable_labels_in_kazakh_by_default(sample, monkeypatch):
    monkeypatch.delenv("YNTYMAQ_LANG", raising=False)
    out = run(sample).output
    assert "тілі: kk" in out and "Күндер мен реттік сандар" in out


def test_json_from_standard_input():
    result = run("-", "--json", input=TEXT.encode("utf-8"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["language"] == "kk" and data["encoding"] == "utf-8" and data["file"] == "<stdin>"
    second = data["sentences"][1]
    assert TEXT[second["start"]:second["end"]] == second["text"]
    assert second["tokens"][0] == {"start": 39, "end": 45, "text": "Бiздiң", "kind": "word", "norm": "Біздің",
                                   "stem": "Біз", "suffixes": ["дің"]}
    (date,) = second["dates"]
    assert (TEXT[date["start"]:date["end"]], date["value"]) == ("2011 ж. маусымда", "2011-06")


def test_json_offsets_are_into_the_file_s_text_in_cp1251(tmp_path):
    text = "Организация основана в 1969 г. Штаб-квартира\u00a0 в Джидде.\r\n"
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    data = json.loads(run(path, "--json").output)
    assert data["encoding"] == "cp1251" and data["language"] == "ru"
    assert [s["text"] for s in data["sentences"]] == ["Организация основана в 1969 г.",
                                                      "Штаб-квартира\u00a0 в Джидде."]
    assert data["sentences"][1]["norm"] == "Штаб-квартира в Джидде."


def test_csv_lists_tokens(sample):
    result = run(sample, "--csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[0]["text"] == "Қазақстан" and rows[0]["sentence"] == "1" and rows[0]["start"] == "0"
    assert {row["stem"] for row in rows if row["text"] == "елiмiз"} == {"ел"}


def test_disable_and_text_language(sample):
    data = json.loads(run(sample, "--json", "--disable", "dates", "--disable", "stems").output)
    assert data["stages"] == ["script", "normalize", "segment", "tokenize", "langid"]
    assert all(not s["dates"] for s in data["sentences"])
    data = json.loads(run(sample, "--json", "--text-lang", "ru", "--disable", "dates").output)
    assert {s["language"] for s in data["sentences"]} == {"ru"}


ERRORS = [
    ("missing file", lambda tmp: tmp / "nope.txt", "error: {path}: no such file\n"),
    ("empty file", lambda tmp: _write(tmp / "empty.txt", b""), "error: {path}: the file is empty\n"),
    ("binary file", lambda tmp: _write(tmp / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20),
     "error: {path}: this is a binary file, not text (it has zero bytes); give a text, HTML, PDF or DOCX file\n"),
]


def _write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name,make,message", ERRORS, ids=[c[0] for c in ERRORS])
def test_errors_are_one_line_naming_the_file(tmp_path, name, make, message):
    path = make(tmp_path)
    result = run(path)
    assert result.exit_code == 1
    assert result.output == message.format(path=path)


def test_conflicting_flags_and_unknown_stage(sample):
    result = run(sample, "--json", "--csv")
    assert result.exit_code == 1 and result.output == "error: --json and --csv cannot be used together: choose one\n"
    result = run(sample, "--disable", "nothing")
    assert result.exit_code == 1 and result.output.startswith("error: unknown stage 'nothing'")


def test_json_says_which_script_the_text_was_read_from(tmp_path):
    path = tmp_path / "latin.txt"
    text = "Qazaqstan 1995 jyly uıymǵa múshe boldy."
    path.write_text(text, encoding="utf-8")
    data = json.loads(run(path, "--json").output)
    assert (data["script"], data["transliteration"]) == ("latn", "latin_2018")
    token = data["sentences"][0]["tokens"][0]
    assert (token["text"], token["norm"], text[token["start"]:token["end"]]) == ("Qazaqstan", "Қазақстан", "Qazaqstan")
