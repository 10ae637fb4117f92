"""Storage: named migrations, idempotent rebuilds, a clear error for an unusable database — on SQLite and
PostgreSQL (`empty_db`, see conftest.py)."""

import pytest

from yntymaq.errors import YntymaqError
from yntymaq.kb import build
from yntymaq.kb.fixture import write_fixture_dataset
from yntymaq.kb.store import Store
from yntymaq.vocab import Origin


def test_migrations_are_named_and_recorded(empty_db):
    store = Store(empty_db)
    assert store.applied_migrations()[0] == "0001_knowledge_base"
    assert store.migrate() == []  # nothing left to apply the second time


def test_rebuild_gives_the_same_facts(tmp_path, empty_db):
    db = empty_db
    data = write_fixture_dataset(tmp_path / "data")
    report, store = build(db, data=data)
    assert report.changed
    first = [(f.subject, f.predicate, f.object, str(f.start)) for f in store.facts()]
    again, _ = build(db, data=data)
    assert not again.changed
    changed = write_fixture_dataset(tmp_path / "data2", replace={"facts.csv": []})
    third, store = build(db, data=changed)
    assert third.changed
    fewer = [(f.subject, f.predicate, f.object, str(f.start)) for f in store.facts()]
    assert len(fewer) == len(first) - 3
    back, store = build(db, data=data)
    assert [(f.subject, f.predicate, f.object, str(f.start)) for f in store.facts()] == first


def test_derived_facts_carry_their_rule_and_sources(tmp_path, empty_db):
    _, store = build(empty_db, data=write_fixture_dataset(tmp_path / "data"))
    chairs = store.facts(predicate="chaired_by")
    assert chairs and all(f.origin is Origin.DERIVED and f.rule == "chair.from_sessions.v1" for f in chairs)
    assert all(f.sources for f in chairs)


def test_unusable_database_url_is_a_clear_error():
    with pytest.raises(YntymaqError, match="cannot open the database 'nosuchdriver://x'"):
        Store("nosuchdriver://x")


def test_text_postgresql_cannot_hold_is_stored_with_its_offsets_kept(tmp_path, empty_db):
    from yntymaq.ingest import ingest_text
    from yntymaq.kb import KB

    _, store = build(empty_db, data=write_fixture_dataset(tmp_path / "data"))
    text = "Kazakhstan became a member of the OIC in 1995.\x00 Nothing\x00 else."
    doc_id = ingest_text(text, KB(store), name="nul.txt")
    stored = store.document(doc_id)
    assert stored.text == text.replace("\x00", "\ufffd")
    assert len(stored.text) == len(text)


def test_text_sorts_by_code_point_on_every_backend(empty_db):
    from yntymaq.kb.store import StoredDocument

    store = Store(empty_db)
    names = ["b", "B", "a", "_x", "Ä", "ә"]
    for i, name in enumerate(names):
        store.write_document(StoredDocument(f"d{i}", name, "", "utf-8", "en", 1, "x", 1.0), [], [], [])
    assert [d.name for d in store.documents()] == sorted(names)
