"""A broken dataset fails with `file:line: what is wrong` for every problem, and writes nothing."""

from pathlib import Path

import pytest

from yntymaq.errors import DataErrors
from yntymaq.kb import build, load_dataset
from yntymaq.kb.fixture import FIXTURE_FILES, write_fixture_dataset
from yntymaq.kb.store import Store


def _with_row(name: str, row: str) -> dict[str, list[str]]:
    return {name: [*FIXTURE_FILES[name], row]}


def _line_of_new_row(name: str) -> int:
    return len(FIXTURE_FILES[name]) + 2  # header is line 1


BROKEN = {
    "unknown country code": (
        _with_row("members.csv", "QQ,member,1995,,fixture-list,"),
        "members.csv:{line}: state: 'QQ' is not an ISO 3166-1 alpha-2 country code"),
    "end before start": (
        _with_row("members.csv", "TR,member,2011,2010,fixture-list,"),
        "members.csv:{line}: end 2010 is before start 2011"),
    "month 13": (
        _with_row("members.csv", "TR,member,2011-13,,fixture-list,"),
        "members.csv:{line}: start: month 13 is not between 1 and 12"),
    "malformed date": (
        _with_row("offices.csv", "OIC/secretary-general,test-person,June 2011,,fixture-list,"),
        "offices.csv:{line}: start: 'June 2011' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    "day not in month": (
        _with_row("meetings.csv", "cfm,ordinary,9,jeddah,SA,2011-02-30,,,fixture-sessions,"),
        "meetings.csv:{line}: start: day 30 is not in 2011-02 (1..28)"),
    "meeting number used twice": (
        _with_row("meetings.csv", "cfm,ordinary,2,jeddah,SA,2013-01-01,,,fixture-sessions,"),
        "meetings.csv:{line}: ordinary cfm number 2 is already defined at meetings.csv:3"),
    "fact without a source": (
        _with_row("facts.csv", "OIC,official_language,,ar,,,,,"),
        "facts.csv:{line}: source: every fact needs a source (an id from sources.csv)"),
    "unknown source": (
        _with_row("members.csv", "TR,member,1969,,no-such-source,"),
        "members.csv:{line}: source: 'no-such-source' is not in sources.csv"),
    "reference to a missing entity": (
        _with_row("facts.csv", "OIC,headquartered_in,atlantis,,,,,fixture-list,"),
        "facts.csv:{line}: object: no entity has the id 'atlantis'"),
    "unknown predicate": (
        _with_row("facts.csv", "OIC,likes,KZ,,,,,fixture-list,"),
        "facts.csv:{line}: predicate: 'likes' is not one of "),
    "derived predicate typed in": (
        _with_row("facts.csv", "OIC/cfm,chaired_by,KZ,,2011,,,fixture-list,"),
        "facts.csv:{line}: predicate: chaired_by is derived by a rule; do not type it in"),
    "unknown status": (
        _with_row("members.csv", "TR,associate,1969,,fixture-list,"),
        "members.csv:{line}: status: 'associate' is not one of member, observer, suspended"),
    "too many cells": (
        _with_row("members.csv", "TR,member,1969,,fixture-list,,extra"),
        "members.csv:{line}: has 7 cells; the header has 6"),
    "unknown city": (
        _with_row("meetings.csv", "cfm,ordinary,4,gotham,SA,2013-01-01,,,fixture-sessions,"),
        "meetings.csv:{line}: city: no entity has the id 'gotham'"),
    "bad qualifier": (
        _with_row("facts.csv", "OIC,part_of,OIC,,,,category=friendly,fixture-list,"),
        "facts.csv:{line}: qualifiers: category 'friendly' is not one of principal, subsidiary, specialised, affiliated"),
    "organisation as a member": (
        _with_row("facts.csv", "OIC/cfm,member_of,OIC,,1990,,status=member,fixture-list,"),
        "facts.csv:{line}: subject: 'OIC/cfm' is an organ; only states and organisations (as observers) can be member_of"),
    "organisation with a status other than observer": (
        _with_row("facts.csv", "OIC,member_of,OIC,,1990,,status=member,fixture-list,"),
        "facts.csv:{line}: qualifiers: 'OIC' is an organisation, so it can only be an observer: write status=observer, not member"),
    "membership without a status": (
        _with_row("facts.csv", "KZ,member_of,OIC,,1995,,,fixture-list,"),
        "facts.csv:{line}: qualifiers: member_of needs a status (status=member|observer|suspended)"),
    "organisation in members.csv": (
        _with_row("members.csv", "OIC,observer,1990,,fixture-list,"),
        "members.csv:{line}: state: 'OIC' is an organisation, not a state; write an organisation's observer status in facts.csv"),
    "named value that is no name of the entity": (
        _with_row("facts.csv", "OIC/cfm,named,,Ислам кеңесі,,,lang=kk,fixture-list,"),
        "facts.csv:{line}: value: 'Ислам кеңесі' is not a kk name of OIC/cfm; give it as the kk name in entities.csv or add it to aliases.csv"),
    "open row before another row": (
        _with_row("members.csv", "KZ,suspended,2000,,fixture-list,"),
        "members.csv:{line}: state KZ already has an open-ended row at members.csv:2; give that row an end"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_case_names_file_and_line(case, tmp_path):
    files, expected = BROKEN[case]
    name = next(iter(files))
    folder = write_fixture_dataset(tmp_path / "data", replace=files)
    with pytest.raises(DataErrors) as info:
        load_dataset(folder)
    messages = [str(p) for p in info.value.problems]
    wanted = expected.format(line=_line_of_new_row(name))
    assert any(m.startswith(wanted) for m in messages), messages


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    folder = write_fixture_dataset(tmp_path / "data", replace={
        "members.csv": [*FIXTURE_FILES["members.csv"], "QQ,member,1995,,fixture-list,", "TR,member,2011-13,,,"],
    })
    with pytest.raises(DataErrors) as info:
        load_dataset(folder)
    lines = {(p.file, p.line) for p in info.value.problems}
    assert ("members.csv", 9) in lines and ("members.csv", 10) in lines
    assert len([p for p in info.value.problems if p.line == 10]) == 2  # bad month and no source


def test_fixture_dataset_is_valid(tmp_path):
    dataset = load_dataset(write_fixture_dataset(tmp_path / "data"))
    assert "KZ" in dataset.entities and dataset.entities["KZ"].names["kk"] == "Қазақстан"
    assert any(f.predicate == "meeting_of" and f.subject == "OIC/cfm/2" for f in dataset.facts)


def test_broken_build_leaves_previous_database_untouched(tmp_path):
    db = str(tmp_path / "kb.sqlite")
    good = write_fixture_dataset(tmp_path / "good")
    build(db, data=good)
    before = Store(db).count_facts()
    digest = Store(db).meta("dataset_digest")
    bad = write_fixture_dataset(tmp_path / "bad", replace=_with_row("members.csv", "QQ,member,1995,,fixture-list,"))
    with pytest.raises(DataErrors):
        build(db, data=bad)
    assert Store(db).count_facts() == before
    assert Store(db).meta("dataset_digest") == digest


def test_shipped_dataset_is_valid():
    dataset = load_dataset()
    assert len(dataset.facts) > 200
    assert all(f.sources for f in dataset.facts), "every curated fact carries a source"


def test_an_organisation_may_observe_and_a_states_named_fact_replaces_cldr(tmp_path):
    folder = write_fixture_dataset(tmp_path / "data", replace={
        "facts.csv": [*FIXTURE_FILES["facts.csv"], "OIC,member_of,OIC,,1990,,status=observer,fixture-list,",
                      "PS,named,,Palestine,,,lang=en,fixture-list,"],
    })
    dataset = load_dataset(folder)
    ps = dataset.entities["PS"]
    assert ps.names["en"] == "Palestine"
    assert ("en", "Palestinian Territories") in ps.aliases  # CLDR's name stays findable
