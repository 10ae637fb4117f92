"""Start-up: the command imports a subcommand's modules only when it runs, and a one-off query reads
the knowledge base without SQLAlchemy — each checked in a fresh interpreter by what `sys.modules` holds."""

import json
import subprocess
import sys

import pytest

from yntymaq.kb.fixture import write_fixture_dataset

HEAVY = ["sqlalchemy", "rich", "fastapi", "uvicorn", "jinja2", "rdflib", "pymorphy3", "rapidfuzz", "ahocorasick_rs",
         "babel", "pypdf", "docx", "selectolax", "charset_normalizer", "hijridate", "yntymaq.text", "yntymaq.extract",
         "yntymaq.check", "yntymaq.kb.store", "yntymaq.kb.query", "yntymaq.views", "yntymaq.web"]

PROBE = """
import json, sys
{before}
print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def _loaded(before: str, *args) -> list[str]:
    code = PROBE.format(before=before, heavy=HEAVY)
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_the_cli_imports_no_heavy_module():
    assert _loaded("import yntymaq.cli") == []


def test_version_imports_no_heavy_module():
    before = ("from yntymaq.cli import main\n"
              "try:\n    main(['--version'])\nexcept SystemExit:\n    pass")
    assert _loaded(before) == []


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from click.testing import CliRunner

    from yntymaq.cli import main

    folder = tmp_path_factory.mktemp("startup")
    path = str(folder / "kb.sqlite")
    result = CliRunner().invoke(main, ["build", "--db", path, "--data", str(write_fixture_dataset(folder / "data"))])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("query", [["chair", "--at", "2012-03-01", "--json"], ["members", "--at", "1995", "--json"],
                                   ["office", "--at", "2011-06", "--json"]])
def test_a_one_off_query_reads_without_sqlalchemy(db, query):
    before = ("from yntymaq.cli import main\n"
              f"try:\n    main({[*query, '--db', db]!r})\nexcept SystemExit as e:\n    assert not e.code, e.code")
    loaded = _loaded(before)
    assert "sqlalchemy" not in loaded and "yntymaq.kb.store" not in loaded and "rich" not in loaded
    assert "yntymaq.text" not in loaded and "yntymaq.extract" not in loaded


def test_the_sqlite_reader_reads_what_the_store_reads(db):
    from yntymaq.kb.reader import SqliteReader, open_store
    from yntymaq.kb.store import Store
    from yntymaq.vocab import EntityType, Origin

    reader, store = open_store(db), Store(db, create=False)
    assert isinstance(reader, SqliteReader)
    assert reader.is_built() and reader.meta("dataset_digest") == store.meta("dataset_digest")
    assert reader.entities() == store.entities()
    assert reader.entities(type=EntityType.PERSON) == store.entities(type=EntityType.PERSON)
    assert reader.sources() == store.sources()
    for filters in [{}, {"predicate": "member_of"}, {"predicate": ["member_of", "chaired_by"]}, {"subject": "KZ"},
                    {"object": "OIC"}, {"origin": Origin.DERIVED}, {"include_extracted": True}, {"predicate": []}]:
        assert reader.facts(**filters) == store.facts(**filters), filters
    assert reader.facts()  # something was compared
    assert reader.applied_migrations() == store.applied_migrations()  # anything else: the full store
