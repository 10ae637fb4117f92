"""The cache of what is built from a KB (`extract.cache`): the same linker as a fresh build, keyed by
the dataset digest, ignored when stale or unreadable, written atomically, harmless when unwritable."""

import pickle

import pytest

from yntymaq.extract import cache
from yntymaq.extract.mentions import EntityLinker

TEXTS = [
    ("kk", "Қазақстан 1995 жылы Ислам конференциясы ұйымына мүше болды, ал 2011 жылы Астанада СІМК-тің 38-сессиясы өтті."),
    ("ru", "Генеральный секретарь ОИС Ихсаноглу прибыл в Астану на 38-ю сессию СМИД."),
    ("en", "The Islamic Development Bank, based in Jeddah, and ICESCO met the Secretary General of the OIC."),
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "cache_dir", lambda: tmp_path)
    return tmp_path


def _mentions(linker):
    return [[(m.start, m.end, m.entity, m.rule, m.score, tuple(m.candidates)) for m in linker.find(text, lang=lang)]
            for lang, text in TEXTS]


def test_cached_linker_links_as_a_fresh_one(shipped_kb, cache_dir):
    fresh = EntityLinker(shipped_kb.entities.values())
    built = cache.linker(shipped_kb, lambda: EntityLinker(shipped_kb.entities.values()))
    files = list(cache_dir.glob("linker-*.pickle"))
    assert len(files) == 1 and not list(cache_dir.glob("*.tmp"))
    loaded = cache.linker(shipped_kb, lambda: pytest.fail("built again although the cache holds it"))
    assert loaded is not built and loaded.entities["KZ"] is shipped_kb.entities["KZ"]
    assert _mentions(loaded) == _mentions(fresh) == _mentions(built)
    assert any(m for m in _mentions(fresh))


def test_key_follows_the_dataset_digest(shipped_kb, monkeypatch):
    k = cache._key(shipped_kb)
    assert k and len(k) == 32
    real = shipped_kb.store.meta
    monkeypatch.setattr(shipped_kb.store, "meta", lambda name: "other" if name == "dataset_digest" else real(name))
    assert cache._key(shipped_kb) not in (None, k)
    monkeypatch.setattr(shipped_kb.store, "meta", lambda name: None)
    assert cache._key(shipped_kb) is None


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(("another key", object()))])
def test_unreadable_or_stale_file_is_rebuilt(shipped_kb, cache_dir, content):
    path = cache_dir / f"thing-{cache.key(shipped_kb)}.pickle"
    path.write_bytes(content)
    assert cache.cached(shipped_kb, "thing", lambda: {"built": 1}) == {"built": 1}
    assert pickle.loads(path.read_bytes()) == (cache.key(shipped_kb), {"built": 1})


def test_linker_of_other_entities_is_refused(shipped_kb, cache_dir):
    path = cache_dir / f"linker-{cache.key(shipped_kb)}.pickle"
    small = EntityLinker([shipped_kb.entities["KZ"]])
    path.write_bytes(pickle.dumps((cache.key(shipped_kb), small)))
    linker = cache.linker(shipped_kb, lambda: EntityLinker(shipped_kb.entities.values()))
    assert len(linker.entities) == len(shipped_kb.entities)


def test_unwritable_cache_costs_only_the_build(shipped_kb, tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory should be")
    monkeypatch.setattr(cache, "cache_dir", lambda: blocked / "yntymaq")
    assert cache.cached(shipped_kb, "thing", lambda: [1, 2]) == [1, 2]


def test_cache_setting(shipped_kb, tmp_path, monkeypatch):
    monkeypatch.setenv("YNTYMAQ_CACHE", str(tmp_path / "here"))
    assert cache.cache_dir() == tmp_path / "here"
    assert cache.cached(shipped_kb, "thing", lambda: 3) == 3 and list((tmp_path / "here").glob("thing-*.pickle"))
    monkeypatch.setenv("YNTYMAQ_CACHE", "OFF")
    assert cache.cache_dir() is None
    assert cache.cached(shipped_kb, "other", lambda: 4) == 4
    assert not list((tmp_path / "here").glob("other-*"))
