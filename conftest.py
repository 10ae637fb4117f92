"""Fixtures shared by every test."""

import os
import tempfile
from pathlib import Path

import pytest

# The web tests analyse in the server's own threads (one worker process per test app would cost
# seconds each); test_web_guard.py runs the worker processes themselves.
os.environ.setdefault("YNTYMAQ_CHECK_WORKERS", "0")

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT.parent / "shared" / "seeds"

# The tests' caches (`extract.cache`: the linker built from a KB) go to a directory of their own, not
# to the user's.
os.environ["YNTYMAQ_CACHE"] = tempfile.mkdtemp(prefix="yntymaq-test-cache-")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed documents are missing: expected them in {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts(seeds_dir) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def shipped_kb(shipped_kb_sqlite):
    """The knowledge base built from the shipped dataset, once per test session (SQLite)."""
    return shipped_kb_sqlite


@pytest.fixture(scope="session")
def fixture_kb(fixture_kb_sqlite):
    """The tiny invented knowledge base of `yntymaq.kb.fixture`, built once per test session (SQLite)."""
    return fixture_kb_sqlite


@pytest.fixture(scope="session")
def shipped_kb_sqlite(tmp_path_factory):
    from yntymaq.kb import KB, build

    _, store = build(str(tmp_path_factory.mktemp("shipped") / "kb.sqlite"))
    return KB(store)


@pytest.fixture(scope="session")
def fixture_kb_sqlite(tmp_path_factory):
    from yntymaq.kb.fixture import build_fixture_kb

    return build_fixture_kb(tmp_path_factory.mktemp("fixture") / "kb.sqlite")


# -- the two storage backends -------------------------------------------------------------------
# The storage, query and web tests run on SQLite and on PostgreSQL: a throwaway server started once per
# session from the machine's PostgreSQL binaries (see yntymaq.kb.pgserver), skipped with the reason where
# there are none. A test takes `empty_db` (a new empty database of each backend), or `shipped_kb_each` /
# `fixture_kb_each` (the built knowledge bases on each backend).

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server of the test session's own, on a unix socket in a temporary folder."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests skipped: psycopg is not installed (pip install -e .[postgres])")
    from yntymaq.kb.pgserver import PostgresUnavailable, TemporaryPostgres

    try:
        server = TemporaryPostgres().start()
    except PostgresUnavailable as err:
        pytest.skip(f"PostgreSQL tests skipped: {err}")
    yield server
    server.stop()


def new_database(request, backend: str, folder: Path) -> str:
    if backend == "sqlite":
        return str(folder / "kb.sqlite")
    return request.getfixturevalue("postgres_server").url()


@pytest.fixture(params=BACKENDS)
def empty_db(request, tmp_path) -> str:
    """A new, empty database of each backend: an SQLite path or a PostgreSQL URL."""
    return new_database(request, request.param, tmp_path)


@pytest.fixture(scope="session")
def shipped_kb_postgresql(postgres_server):
    from yntymaq.kb import KB, build

    _, store = build(postgres_server.url())
    return KB(store)


@pytest.fixture(scope="session")
def fixture_kb_postgresql(postgres_server):
    from yntymaq.kb.fixture import build_fixture_kb

    return build_fixture_kb(postgres_server.url())


@pytest.fixture(scope="session", params=BACKENDS)
def shipped_kb_each(request):
    return request.getfixturevalue("shipped_kb_sqlite" if request.param == "sqlite" else "shipped_kb_postgresql")


@pytest.fixture(scope="session", params=BACKENDS)
def fixture_kb_each(request):
    return request.getfixturevalue("fixture_kb_sqlite" if request.param == "sqlite" else "fixture_kb_postgresql")
