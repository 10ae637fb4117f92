"""The CLI over the knowledge base: tables by default, --json shapes, one-line errors."""

import json

import pytest
from click.testing import CliRunner

from yntymaq.cli import main
from yntymaq.kb.fixture import write_fixture_dataset


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    path = str(folder / "kb.sqlite")
    data = write_fixture_dataset(folder / "data")
    result = CliRunner().invoke(main, ["build", "--db", path, "--data", str(data), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Knowledge base built" in result.output
    return path


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result


def test_rebuild_is_idempotent(db, tmp_path):
    data = write_fixture_dataset(tmp_path / "data")
    first = run("build", "--db", db, "--data", str(data), "--lang", "en")
    assert first.exit_code == 0 and "already up to date" in first.output


def test_members_json_rows(db):
    result = run("members", "--db", db, "--at", "1982", "--json")
    rows = json.loads(result.output)
    by_state = {r["state"]: r for r in rows}
    assert by_state["EG"]["status"] == "suspended"
    assert by_state["EG"]["start"] == "1979-05" and by_state["EG"]["end"] == "1984-03"
    assert {"state", "status", "start", "end"} <= set(rows[0])


def test_members_count(db):
    result = run("members", "--db", db, "--at", "2020", "--count", "--json")
    assert json.loads(result.output)["members"] == 4


def test_meetings_json_rows(db):
    rows = json.loads(run("meetings", "--db", db, "--body", "cfm", "--year", "2011", "--json", "--lang", "en").output)
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == "OIC/cfm/2" and row["body"] == "cfm" and row["ordinal"] == 2 and row["kind"] == "ordinary"
    assert row["city"] == {"id": "astana", "label": "Astana"}
    assert row["country"] == {"id": "KZ", "label": "Kazakhstan"}
    assert (row["start"], row["end"]) == ("2011-06-28", "2011-06-30")


def test_chair_json(db):
    rows = json.loads(run("chair", "--db", db, "--at", "2012-03-01", "--json").output)
    assert [(r["state"], r["start"], r["end"]) for r in rows] == [("KZ", "2011-06-28", "2012-11-15")]


def test_show_by_name_in_each_language(db):
    for name in ("Қазақстан", "Казахстан", "Kazakhstan", "KZ"):
        data = json.loads(run("show", name, "--db", db, "--json").output)
        assert data["entity"]["id"] == "KZ"


def test_show_table_names_the_chairmanship(db):
    result = run("show", "Kazakhstan", "--db", db, "--lang", "en")
    assert result.exit_code == 0
    assert "Chairmanships" in result.output and "2011-06-28" in result.output


def test_timeline_is_chronological(db):
    rows = json.loads(run("timeline", "KZ", "--db", db, "--json").output)
    assert [r["date"] for r in rows][0] == "1995"


@pytest.mark.parametrize("fmt,marker", [("json", '"facts"'), ("csv", "subject,predicate"), ("ttl", "@prefix")])
def test_export_formats(db, fmt, marker):
    result = run("export", "--db", db, "--format", fmt)
    assert result.exit_code == 0 and marker in result.output


@pytest.mark.parametrize("args,message", [
    (["members", "--at", "2011-13"], "error: --at: month 13 is not between 1 and 12"),
    (["show", "Атлантида"], "error: no entity is named 'Атлантида'"),
    (["members", "--json", "--csv"], "error: --json and --csv cannot be used together: choose one"),
    (["members", "--lang", "fr"], "error: lang: 'fr' is not one of kk, ru, en"),
])
def test_errors_are_one_line(db, args, message):
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code == 1
    assert result.output.strip().startswith(message)
    assert "Traceback" not in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    result = run("members", "--db", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 1 and "run `yntymaq build` first" in result.output


def test_invalid_dataset_reports_file_and_line(tmp_path):
    data = write_fixture_dataset(tmp_path / "data", replace={"members.csv": ["KZ,member,1995-13,,fixture-list,"]})
    result = run("build", "--db", str(tmp_path / "kb.sqlite"), "--data", str(data))
    assert result.exit_code == 1
    assert "members.csv:2: start: month 13 is not between 1 and 12" in result.output
    assert "Traceback" not in result.output
