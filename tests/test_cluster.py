"""Ingest on a local two-worker Dask cluster, on SQLite and PostgreSQL: every document stored exactly once,
a re-run skips them all, and a worker killed mid-run loses nothing and duplicates nothing."""

import json
import os
import signal

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from yntymaq.cli import main
from yntymaq.cluster import ingest_on_cluster, start_client, stop_client
from yntymaq.ingest import ingest_paths
from yntymaq.kb import KB, build
from yntymaq.kb.fixture import write_fixture_dataset
from yntymaq.kb.store import Store

pytest.importorskip("distributed")

SENTENCES = [
    "Kazakhstan became a member of the Organisation of Islamic Cooperation in {year}.",
    "The OIC is headquartered in {city}.",
    "The {n}th session of the Council of Foreign Ministers was held in Astana on 28–30 June 2011.",
]


def write_corpus(folder, count: int) -> list:
    """`count` small documents, each different (so each has its own hash), a few with claims that fail."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        text = "\n\n".join(s.format(year=1990 + i % 10, city=("Jeddah", "Rabat")[i % 2], n=30 + i % 9)
                           for s in SENTENCES) + f"\n\nDocument {i}.\n"
        path = folder / f"doc-{i:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a PDF at all")
    return paths


def stored(db: str) -> list[tuple[str, int]]:
    """(document name, claims) for every stored document row, duplicates included."""
    engine = Store(db).engine
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT d.name, (SELECT count(*) FROM claims c WHERE c.doc = d.key) FROM documents d")).all()
    engine.dispose()
    return sorted((name, n) for name, n in rows)


@pytest.fixture(scope="module")
def client():
    """One local cluster of two worker processes for the module (a killed worker is restarted)."""
    client = start_client(workers=2)
    yield client
    stop_client(client)


@pytest.fixture()
def kb_db(empty_db, tmp_path) -> str:
    build(empty_db, data=write_fixture_dataset(tmp_path / "data"))
    return empty_db


@pytest.fixture()
def expected(tmp_path):
    """What a serial ingest of the corpus stores, into SQLite: the reference."""
    corpus = write_corpus(tmp_path / "corpus", 12)
    reference = str(tmp_path / "serial.sqlite")
    build(reference, data=write_fixture_dataset(tmp_path / "data-serial"))
    report = ingest_paths([str(tmp_path / "corpus")], KB.open(reference))
    assert len(report.added) == len(corpus) and len(report.failed) == 1
    return stored(reference)


def test_two_workers_store_every_document_once_and_a_rerun_skips_them(client, kb_db, tmp_path, expected):
    report = ingest_on_cluster([str(tmp_path / "corpus")], kb_db, client=client)
    assert len(report.added) == 12 and report.skipped == []
    assert [p for p, _ in report.failed] == [str(tmp_path / "corpus" / "broken.pdf")]
    assert stored(kb_db) == expected
    assert report.claims == sum(n for _, n in expected)
    again = ingest_on_cluster([str(tmp_path / "corpus")], kb_db, client=client)
    assert again.added == [] and len(again.skipped) == 12
    assert stored(kb_db) == expected


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client, kb_db, tmp_path, expected):
    killed = []

    def kill_a_busy_worker(_path, _outcome) -> None:
        if killed:
            return
        pids = client.run(os.getpid)
        busy = [addr for addr, keys in client.processing().items() if keys and addr in pids]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(busy[0])

    report = ingest_on_cluster([str(tmp_path / "corpus")], kb_db, client=client, progress=kill_a_busy_worker)
    assert killed, "no worker was busy to be killed"
    assert stored(kb_db) == expected  # every document once, with all its claims, none twice
    assert len(report.added) + len(report.skipped) == 12
    client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed one


def test_ingest_cli_on_a_cluster_by_its_address(client, kb_db, tmp_path, expected):
    address = client.scheduler.address
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "corpus"), "--db", kb_db, "--cluster", address, "--json"])
    assert result.exit_code == 1, result.output  # the broken PDF
    summary = json.loads(result.output)
    assert len(summary["added"]) == 12 and [f["path"] for f in summary["failed"]] == [str(tmp_path / "corpus" / "broken.pdf")]
    assert stored(kb_db) == expected


@pytest.mark.parametrize("args, message", [
    (["--cluster", "tcp://127.0.0.1:1", "--workers", "2"], "give --cluster ADDRESS or --workers N, not both"),
    (["--workers", "0"], "--workers: 0 is not a number of workers (1 or more)"),
])
def test_cluster_options_are_checked_in_one_sentence(tmp_path, args, message):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "kb.sqlite"), *args])
    assert result.exit_code != 0 and message in result.output
