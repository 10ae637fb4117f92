"""Ingest: every file's fate in one line, special files and loops skipped, the analysis a pure picklable
function beside one writer, batches and processes, and crash safety (kill -9, two ingests at once)."""

import json
import os
import pickle
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_text_read import make_pdf
from yntymaq.cli import main
from yntymaq.ingest import analyse_document, ingest_paths, walk_paths
from yntymaq.kb import KB, build
from yntymaq.kb.fixture import write_fixture_dataset

ROOT = Path(__file__).resolve().parent.parent
JOINED = "Kazakhstan became a member of the Organisation of Islamic Cooperation in {year}.\n"
MEETING = "The {n}th session of the Council of Foreign Ministers was held in Astana in {year}.\n"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture()
def db(tmp_path) -> str:
    path = tmp_path / "kb.sqlite"
    result = run("build", "--db", path, "--data", write_fixture_dataset(tmp_path / "data"), "--lang", "en")
    assert result.exit_code == 0, result.output
    return str(path)


def write_corpus(folder: Path, count: int) -> list[Path]:
    """`count` small distinct documents, each with claims."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{i:04d}.txt"
        path.write_text(f"Note {i}.\n\n" + JOINED.format(year=1970 + i % 50) + MEETING.format(n=1 + i % 40, year=1980 + i % 40),
                        encoding="utf-8")
        paths.append(path)
    return paths


def rows(db: str, sql: str) -> list[tuple]:
    """The rows of a query on an SQLite path or a database URL (PostgreSQL)."""
    if "://" not in db:
        with sqlite3.connect(db) as conn:
            return conn.execute(sql).fetchall()
    import sqlalchemy as sa

    engine = sa.create_engine(db)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(sql))]
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path) -> str:
    """A built knowledge base on each backend (an SQLite path, a PostgreSQL URL)."""
    target = str(tmp_path / "kb.sqlite") if request.param == "sqlite" else request.getfixturevalue("postgres_server").url()
    result = run("build", "--db", target, "--data", write_fixture_dataset(tmp_path / "data"), "--lang", "en")
    assert result.exit_code == 0, result.output
    return target


# -- every file's fate ------------------------------------------------------------------------------


def test_a_pdf_between_two_texts_is_stored_and_a_broken_one_is_one_line(db, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text(JOINED.format(year=1995), encoding="utf-8")
    (folder / "b.pdf").write_bytes(make_pdf(["The OIC is headquartered in Jeddah."]))
    (folder / "c.txt").write_text(MEETING.format(n=38, year=2011), encoding="utf-8")
    result = run("ingest", folder, "--db", db, "--lang", "en", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "Added: 3, already there: 0, failed: 0" in result.output
    names = {d["name"]: d for d in json.loads(run("documents", "--db", db, "--json").output)["documents"]}
    assert set(names) == {"a.txt", "b.pdf", "c.txt"} and names["b.pdf"]["encoding"] == ""

    (folder / "d.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Length 5 /Filter /NoSuchFilter >>\nstream\nxxxxx")
    (folder / "e.txt").write_text(JOINED.format(year=1996), encoding="utf-8")
    result = run("ingest", folder, "--db", db, "--lang", "en", "--jobs", "1")
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 1 and failed[0].startswith(f"failed: {folder / 'd.pdf'}: "), result.output
    assert "Traceback" not in result.output
    assert "Added: 1, already there: 3, failed: 1" in result.output


def test_a_reader_that_raises_anything_gives_one_line_and_the_others_are_stored(db, tmp_path, monkeypatch):
    import yntymaq.text.read as read

    original = read.read_bytes

    def fragile(data, *, name="<bytes>", suffix=""):
        if name.endswith("bad.txt"):
            raise NotImplementedError("Unsupported filter")
        return original(data, name=name, suffix=suffix)

    monkeypatch.setattr(read, "read_bytes", fragile)
    for name, year in (("a.txt", 1995), ("bad.txt", 1996), ("c.txt", 1997)):
        (tmp_path / name).write_text(JOINED.format(year=year), encoding="utf-8")
    report = ingest_paths([str(tmp_path / "*.txt")], KB.open(db), jobs=1)
    assert sorted(Path(p).name for p in report.added) == ["a.txt", "c.txt"]
    assert report.failed == [(str(tmp_path / "bad.txt"), "cannot read it (NotImplementedError: Unsupported filter)")]


def test_special_files_and_symlink_loops_are_skipped_with_a_line(db, tmp_path):
    folder = tmp_path / "odd"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(JOINED.format(year=1995), encoding="utf-8")
    (folder / "sub" / "deep.txt").write_text(MEETING.format(n=38, year=2011), encoding="utf-8")
    os.mkfifo(folder / "pipe")
    (folder / "sub" / "loop").symlink_to(folder)  # a loop back up the tree
    (folder / "broken").symlink_to(tmp_path / "nowhere")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sock"))
    try:
        began = time.monotonic()
        result = run("ingest", folder, str(folder / "**" / "*.txt"), "--db", db, "--lang", "en")
        assert time.monotonic() - began < 30
    finally:
        server.close()
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert f"failed: {folder / 'pipe'}: a FIFO (named pipe), not a file to read: skipped" in lines
    assert f"failed: {folder / 'sock'}: a socket, not a file to read: skipped" in lines
    assert f"failed: {folder / 'broken'}: a broken or looping symbolic link: skipped" in lines
    assert f"failed: {folder / 'sub' / 'loop'}: a symbolic link back to a folder already read (a loop): skipped" in lines
    assert "Added: 2, already there: 2" in result.output  # the glob finds the two files the folder gave
    assert "Traceback" not in result.output


def test_a_device_named_on_the_command_line_is_skipped(db):
    result = run("ingest", "/dev/zero", "--db", db, "--lang", "en")
    assert result.exit_code == 1
    assert "failed: /dev/zero: a character device, not a file to read: skipped" in result.output.splitlines()


def test_globs_walk_folders_as_glob_would(tmp_path):
    for name in ("a.txt", "b.pdf", "x/c.txt", "x/y/d.txt", ".hidden/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = lambda pattern: sorted(os.path.relpath(p, tmp_path) for p, _ in walk_paths([str(tmp_path / pattern)]))
    assert found("*.txt") == ["a.txt"]
    assert found("**/*.txt") == ["a.txt", "x/c.txt", "x/y/d.txt"]
    assert found("x/*/*.txt") == ["x/y/d.txt"]
    assert found("[ab].*") == ["a.txt", "b.pdf"]
    assert list(walk_paths([str(tmp_path / "*.doc")])) == [(str(tmp_path / "*.doc"), "no file matches this pattern")]


# -- the analysis and the writer ------------------------------------------------------------------


def test_the_analysis_is_pure_and_its_record_round_trips_through_pickle_and_the_store(shipped_kb, tmp_path):
    from yntymaq.ingest import process_text

    raw = (ROOT / "src" / "yntymaq" / "examples" / "ru-ois-spravka.txt").read_bytes()
    before = shipped_kb.store.count_documents()
    record = analyse_document(raw, shipped_kb, name="ru.txt", path="in/ru.txt")
    assert shipped_kb.store.count_documents() == before  # nothing written
    assert pickle.loads(pickle.dumps(record)) == record and len(pickle.dumps(record)) < 4 * len(raw) + 4000
    assert record.claims and record.mentions and record.language == "ru"

    kb = KB(build(str(tmp_path / "kb.sqlite"))[1])
    assert kb.store.write_records([record, record]) == [record.id]  # once, however often it is given
    assert kb.store.write_records([record]) == []
    processed = process_text(raw.decode("utf-8"), kb)
    stored = kb.store.claims(doc=record.id)
    assert [(c.fact.subject, c.fact.predicate, c.fact.object, c.fact.value, c.fact.start, c.fact.end,
             c.fact.qualifiers, c.fact.rule, c.start, c.end, c.text, c.rule, c.at, c.verdict, c.evidence)
            for c in stored] == sorted(
        [(k.fact.subject, k.fact.predicate, k.fact.object, k.fact.value, k.fact.start, k.fact.end, k.fact.qualifiers,
          k.fact.rule, k.span.start, k.span.end, k.span.text, k.rule, k.at, v.kind.value,
          tuple(f.id for f in v.evidence)) for k, v in processed.claims], key=lambda c: (c[8], 0))
    mentions = kb.store.mentions(record.id)
    assert [(m["start"], m["end"], m["text"], m["entity"], tuple(m["candidates"]), m["score"], m["rule"], m["sentence"])
            for m in mentions] == [(m.start, m.end, m.text, m.entity, tuple(m.candidates), m.score, m.rule, m.sentence)
                                   for m in sorted(processed.mentions, key=lambda m: m.start)]
    assert kb.store.sentences(record.id) == [tuple(s) for s in processed.sentences]


def test_processes_store_what_one_process_stores(tmp_path):
    paths = [str(p) for p in write_corpus(tmp_path / "docs", 24)]
    stored = {}
    for jobs in (1, 2):
        kb = KB(build(str(tmp_path / f"kb{jobs}.sqlite"))[1])
        report = ingest_paths(paths, kb, jobs=jobs)
        assert sorted(report.added) == sorted(paths) and not report.failed
        stored[jobs] = sorted((c.doc, c.start, c.fact.predicate, c.verdict, c.evidence) for c in kb.store.claims())
    assert stored[1] == stored[2] and stored[1]


def test_a_reingest_of_unchanged_files_analyses_nothing(db, tmp_path, monkeypatch):
    import yntymaq.ingest as ingest

    paths = [str(p) for p in write_corpus(tmp_path / "docs", 5)]
    kb = KB.open(db)
    assert len(ingest_paths(paths, kb, jobs=1).added) == 5
    monkeypatch.setattr(ingest, "analyse_document", lambda *a, **k: pytest.fail("analysed again"))
    report = ingest_paths(paths, kb, jobs=1)
    assert report.added == [] and sorted(report.skipped) == sorted(paths)


# -- crash safety -------------------------------------------------------------------------------------


def _ingest_process(db: str, folder: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "YNTYMAQ_DB": db, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([str(Path(sys.executable).parent / "yntymaq"), "ingest", str(folder), "--verbose", "--lang", "en", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)


def _check_store(db: str, files: int | None = None) -> int:
    if "://" not in db:
        assert rows(db, "PRAGMA integrity_check") == [("ok",)]
        assert rows(db, "PRAGMA foreign_key_check") == []
    # every claim's document and verdict are there
    assert rows(db, "SELECT count(*) FROM claims c LEFT JOIN documents d ON d.key = c.doc "
                    "LEFT JOIN verdicts v ON v.id = c.verdict WHERE d.key IS NULL OR v.id IS NULL") == [(0,)]
    [(count, distinct)] = rows(db, "SELECT count(*), count(DISTINCT id) FROM documents")
    assert count == distinct
    [(claims, keyed)] = rows(db, "SELECT count(*), count(DISTINCT doc || ':' || start || ':' || predicate || ':' || "
                                 "coalesce(object, '') || coalesce(fact_start, '')) FROM claims")
    assert claims == keyed  # no claim twice
    if files is not None:
        assert count == files
    return count


@pytest.mark.parametrize("kill_after", [0, 3, 25])
def test_kill_9_loses_nothing_reported_and_a_rerun_resumes_exactly(any_db, tmp_path, kill_after):
    db = any_db
    folder = tmp_path / "docs"
    write_corpus(folder, 60)
    reference = tmp_path / "reference.sqlite"  # the serial reference, on SQLite
    build(str(reference), data=tmp_path / "data")
    assert run("ingest", folder, "--db", reference, "--jobs", "1").exit_code == 0
    [(claims_expected,)] = rows(str(reference), "SELECT count(*) FROM claims")

    process = _ingest_process(db, folder, "--jobs", "2")
    reported = []
    if kill_after:
        for line in process.stderr:
            if line.startswith("added: "):
                reported.append(line.removeprefix("added: ").strip())
                if len(reported) >= kill_after:
                    break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    count = _check_store(db)
    names = {name for (name,) in rows(db, "SELECT path FROM documents")}
    assert set(reported) <= names and count >= len(reported)

    again = _ingest_process(db, folder, "--jobs", "2")
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"Added: {60 - count}, already there: {count}, failed: 0" in out
    _check_store(db, files=60)
    assert rows(db, "SELECT count(*) FROM claims") == [(claims_expected,)]


def test_two_ingests_of_one_folder_at_once_store_each_document_once(any_db, tmp_path):
    db = any_db
    folder = tmp_path / "docs"
    write_corpus(folder, 40)
    first, second = _ingest_process(db, folder, "--jobs", "1"), _ingest_process(db, folder, "--jobs", "1")
    outs = [p.communicate(timeout=300) for p in (first, second)]
    for process, (out, err) in zip((first, second), outs):
        assert process.returncode == 0, err
        assert "Traceback" not in err
    added = [int(out.split("Added: ")[1].split(",")[0]) for out, _ in outs]
    assert sum(added) == 40
    _check_store(db, files=40)

