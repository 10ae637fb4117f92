"""Storage: named migrations, idempotent rebuilds, a clear error for an unusable database."""

import pytest

from yntymaq.errors import YntymaqError
from yntymaq.kb import build
from yntymaq.kb.fixture import write_fixture_dataset
from yntymaq.kb.store import Store
from yntymaq.vocab import Origin


def test_migrations_are_named_and_recorded(tmp_path):
    store = Store(str(tmp_path / "kb.sqlite"))
    assert store.applied_migrations()[0] == "0001_knowledge_base"
    assert store.migrate() == []  # nothing left to apply the second time


def test_rebuild_gives_the_same_facts(tmp_path):
    db = str(tmp_path / "kb.sqlite")
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


def test_derived_facts_carry_their_rule_and_sources(tmp_path):
    _, store = build(str(tmp_path / "kb.sqlite"), data=write_fixture_dataset(tmp_path / "data"))
    chairs = store.facts(predicate="chaired_by")
    assert chairs and all(f.origin is Origin.DERIVED and f.rule == "chair.from_sessions.v1" for f in chairs)
    assert all(f.sources for f in chairs)


def test_unusable_database_url_is_a_clear_error():
    with pytest.raises(YntymaqError, match="cannot open the database 'nosuchdriver://x'"):
        Store("nosuchdriver://x")
