"""The document commands: ingest, check, extract, documents, disagreements, and the re-check after a rebuild."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from yntymaq.cli import main
from yntymaq.kb.fixture import FIXTURE_FILES, write_fixture_dataset

VERDICTS = {"supported", "contradicted", "new", "unverifiable"}
CLAIM_KEYS = {"predicate", "subject", "object", "value", "start", "end", "qualifiers", "verdict", "evidence", "source"}
SOURCE_KEYS = {"doc", "sentence", "start", "end", "text"}

JOINED = "Kazakhstan became a member of the Organisation of Islamic Cooperation in 1995.\n"
HEADQUARTERS = "The OIC is headquartered in Jeddah.\n"
MEETINGS = ("The 38th session of the Council of Foreign Ministers was held in Astana on 28–30 June 2011.\n\n"
            "The 39th session of the Council of Foreign Ministers was held in Baku on 15–17 November 2012.\n")


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture()
def data(tmp_path) -> Path:
    return write_fixture_dataset(tmp_path / "data")


@pytest.fixture()
def db(empty_db, data) -> str:
    """A fresh knowledge base built from the fixture dataset, with no document yet, on SQLite and on
    PostgreSQL (see conftest.py)."""
    result = run("build", "--db", empty_db, "--data", data, "--lang", "en")
    assert result.exit_code == 0, result.output
    return empty_db


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def documents(db: str) -> list[dict]:
    result = run("documents", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["documents"]


# -- extract and check -----------------------------------------------------------------------------


def test_extract_jsonl_prints_one_claim_per_line_with_the_documented_keys(shipped_kb, tmp_path):
    text = JOINED + "\n" + MEETINGS
    file = write(tmp_path, "article.txt", text)
    result = run("extract", file, "--jsonl", "--db", shipped_kb.store.url, "--lang", "en")
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.output.splitlines()]
    assert claims, "no claim was read"
    for claim in claims:
        assert CLAIM_KEYS <= set(claim), claim.keys()
        assert set(claim["subject"]) == {"id", "label"}
        assert claim["object"] is None or set(claim["object"]) == {"id", "label"}
        assert claim["object"] is not None or claim["value"] is not None or claim["start"] is not None
        assert claim["verdict"] in VERDICTS
        assert set(claim["source"]) == SOURCE_KEYS
        source = claim["source"]
        assert text[source["start"]:source["end"]] == source["text"]  # offsets into the original text
        for fact in claim["evidence"]:
            assert fact["sources"] and all(s["id"] and "url" in s for s in fact["sources"])
    meetings = [c for c in claims if c["subject"]["id"] == "OIC/cfm/39"]
    assert meetings, [c["subject"] for c in claims]
    baku = next(c for c in meetings if c["predicate"] == "held_in")
    assert baku["object"]["id"] == "baku" and baku["verdict"] == "contradicted"
    assert {f["object"]["id"] for f in baku["evidence"]} == {"djibouti-city"}
    dates = next(c for c in meetings if c["predicate"] == "meeting_of")
    assert (dates["start"], dates["end"]) == ("2012-11-15", "2012-11-17")  # dates as strings of their precision
    joined = next(c for c in claims if c["predicate"] == "member_of")
    assert joined["subject"]["id"] == "KZ" and joined["start"] == "1995" and joined["verdict"] == "supported"
    assert joined["qualifiers"]["status"] == "member"


def test_extract_reads_standard_input_and_json_prints_one_array(shipped_kb):
    lines = run("extract", "-", "--db", shipped_kb.store.url, input=JOINED)
    assert lines.exit_code == 0, lines.output
    array = run("extract", "-", "--json", "--db", shipped_kb.store.url, input=JOINED)
    assert json.loads(array.output) == [json.loads(line) for line in lines.output.splitlines()]


def test_extract_rejects_two_output_formats(shipped_kb, tmp_path):
    result = run("extract", write(tmp_path, "a.txt", JOINED), "--jsonl", "--json", "--db", shipped_kb.store.url)
    assert result.exit_code == 1
    assert result.output.strip() == "error: --jsonl and --json cannot be used together: choose one"


@pytest.mark.parametrize("command", ["check", "extract"])
def test_a_missing_file_is_one_line_naming_it(command, db, tmp_path):
    missing = tmp_path / "nowhere.txt"
    result = run(command, missing, "--db", db)
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {missing}: no such file"


def test_check_prints_verdicts_and_stores_nothing(db, tmp_path):
    file = write(tmp_path, "note.txt", JOINED + HEADQUARTERS)
    table = run("check", file, "--db", db, "--lang", "en")
    assert table.exit_code == 0, table.output
    assert "supported" in table.output and "Jeddah" in table.output
    data = json.loads(run("check", file, "--db", db, "--json", "--lang", "en").output)
    assert {"document", "mentions", "claims", "counts"} <= set(data)
    assert data["counts"]["supported"] == len([c for c in data["claims"] if c["verdict"] == "supported"]) >= 2
    assert {m["entity"]["id"] for m in data["mentions"] if m["entity"]} >= {"KZ", "jeddah"}
    assert documents(db) == []


def test_check_table_colours_nothing_into_the_csv(db, tmp_path):
    rows = run("check", write(tmp_path, "note.txt", HEADQUARTERS), "--db", db, "--csv", "--lang", "en").output.splitlines()
    assert rows[0].split(",")[:2] == ["sentence", "predicate"]
    assert any("supported" in row and "Jeddah" in row for row in rows[1:])


# -- ingest ----------------------------------------------------------------------------------------


def test_ingest_is_idempotent_by_content(db, tmp_path):
    folder = tmp_path / "news"
    write(folder, "a.txt", JOINED)
    write(folder, "sub/b.txt", HEADQUARTERS)
    first = run("ingest", folder, "--db", db, "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert sorted(Path(p).name for p in report["added"]) == ["a.txt", "b.txt"] and report["claims"] >= 2
    second = run("ingest", folder, "--db", db, "--lang", "en")
    assert second.exit_code == 0
    assert "Added: 0, already there: 2, failed: 0" in second.output
    write(folder, "copy.txt", JOINED)  # the same bytes under another name are the same document
    third = json.loads(run("ingest", str(folder / "*.txt"), "--db", db, "--json").output)
    assert third["added"] == [] and len(third["skipped"]) == 2
    assert len(documents(db)) == 2


def test_a_failed_file_does_not_stop_the_others(db, tmp_path):
    folder = tmp_path / "mixed"
    write(folder, "1-empty.txt", "")
    write(folder, "2-archive.txt", b"PK\x03\x04" + bytes(range(40)))
    write(folder, "3-good.txt", JOINED)
    missing = tmp_path / "missing.txt"
    result = run("ingest", folder, missing, "--db", db, "--lang", "en")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"failed: {folder / '1-empty.txt'}: the file is empty" in lines
    assert any(line.startswith(f"failed: {folder / '2-archive.txt'}: ") for line in lines), lines
    assert f"failed: {missing}: no such file or folder" in lines
    assert "Added: 1, already there: 0, failed: 3" in result.output
    assert [d["name"] for d in documents(db)] == ["3-good.txt"]


def test_ingest_reads_standard_input(db):
    result = run("ingest", "-", "--db", db, "--json", input=HEADQUARTERS)
    assert json.loads(result.output)["added"] == ["<stdin>"]
    again = run("ingest", "-", "--db", db, "--json", input=HEADQUARTERS)
    assert json.loads(again.output)["skipped"] == ["<stdin>"]
    [doc] = documents(db)
    assert doc["name"] == "<stdin>" and doc["claims"] >= 1


def test_documents_counts_the_verdicts(db, tmp_path):
    run("ingest", write(tmp_path, "joined.txt", JOINED), "--db", db)
    [doc] = documents(db)
    assert {"id", "name", "language", "size", "ingested_at", "claims", "counts"} <= set(doc)
    assert doc["language"] == "en" and doc["size"] == len(JOINED.encode())
    assert sum(doc["counts"].values()) == doc["claims"] >= 1 and set(doc["counts"]) == VERDICTS
    table = run("documents", "--db", db, "--lang", "en")
    assert doc["id"][:12] in table.output


def test_the_shipped_examples_are_ingested_once(db):
    from yntymaq.cli.web import ingest_examples

    ingest_examples(db, "en")
    names = [d["name"] for d in documents(db)]
    assert len(names) >= 3 and all(n.endswith(".txt") for n in names)
    assert {n[:2] for n in names} == {"kk", "ru", "en"}
    ingest_examples(db, "en")
    assert len(documents(db)) == len(names)


# -- disagreements ---------------------------------------------------------------------------------


def test_documents_that_disagree_are_shown_side_by_side(db, tmp_path):
    for name, text in (("a.txt", JOINED), ("b.txt", JOINED.replace("1995", "1997")),
                       ("c.txt", JOINED.replace("in 1995", "in December 1995"))):  # agrees with a.txt
        assert run("ingest", write(tmp_path, name, text), "--db", db).exit_code == 0
    result = run("disagreements", "--db", db, "--json", "--lang", "en")
    assert result.exit_code == 0, result.output
    [group] = json.loads(result.output)
    assert group["subject"]["id"] == "KZ" and group["predicate"] == "member_of"
    assert group["object"]["id"] == "OIC" and group["qualifiers"] == {"status": "member"}
    assert group["differs"] == ["start"]
    by_doc = {c["document"]["name"]: c for c in group["claims"]}
    assert set(by_doc) == {"a.txt", "b.txt", "c.txt"}
    assert (by_doc["a.txt"]["start"], by_doc["b.txt"]["start"]) == ("1995", "1997")
    assert (by_doc["a.txt"]["verdict"], by_doc["b.txt"]["verdict"]) == ("supported", "contradicted")
    table = run("disagreements", "--db", db, "--lang", "en").output
    assert "b.txt" in table and "1997" in table


def test_documents_that_agree_do_not_disagree(db, tmp_path):
    run("ingest", write(tmp_path, "a.txt", JOINED), write(tmp_path, "b.txt", JOINED + HEADQUARTERS), "--db", db)
    assert json.loads(run("disagreements", "--db", db, "--json").output) == []
    assert run("disagreements", "--db", db, "--lang", "en").output.strip() == "The documents do not contradict one another."


# -- re-check after a rebuild ----------------------------------------------------------------------


def test_a_rebuild_that_changes_the_data_rechecks_the_stored_claims(db, data, tmp_path):
    run("ingest", write(tmp_path, "hq.txt", HEADQUARTERS), "--db", db)
    [before] = documents(db)
    assert before["counts"]["supported"] >= 1 and before["counts"]["contradicted"] == 0

    unchanged = run("build", "--db", db, "--data", data, "--lang", "en")
    assert "already up to date" in unchanged.output and "re-checked" not in unchanged.output

    moved = [row.replace("OIC,headquartered_in,jeddah", "OIC,headquartered_in,cairo") for row in FIXTURE_FILES["facts.csv"]]
    changed = run("build", "--db", db, "--data", write_fixture_dataset(tmp_path / "moved", replace={"facts.csv": moved}),
                  "--lang", "en")
    assert changed.exit_code == 0, changed.output
    assert "Stored claims re-checked: 1 verdicts changed" in changed.output
    [after] = documents(db)
    assert after["counts"]["contradicted"] == 1 and after["counts"]["supported"] == before["counts"]["supported"] - 1
    claim = next(c for c in json.loads(run("check", tmp_path / "hq.txt", "--db", db, "--json").output)["claims"]
                 if c["predicate"] == "headquartered_in")
    assert [f["object"]["id"] for f in claim["evidence"]] == ["cairo"]


def test_processing_a_file_that_is_not_there_is_a_clear_error(tmp_path):
    from yntymaq.errors import TextReadError
    from yntymaq.ingest import process_file

    with pytest.raises(TextReadError, match="missing.txt: no such file"):
        process_file(tmp_path / "missing.txt", None)
    with pytest.raises(TextReadError, match="is a folder, not a file"):
        process_file(tmp_path, None)
