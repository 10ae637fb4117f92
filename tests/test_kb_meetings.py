"""Meetings of every series: ids by number or by date and place, labels, validation, and the chair chain."""

import pytest

from yntymaq.errors import DataErrors
from yntymaq.kb import load_dataset
from yntymaq.kb.fixture import FIXTURE_FILES, write_fixture_dataset
from yntymaq.kb.meetings import meeting_ident, meeting_key, meeting_names
from yntymaq.kb.rules import derive_chairs


@pytest.fixture(scope="module")
def shipped():
    return load_dataset()


def _fact(dataset, subject, predicate):
    return next(f for f in dataset.facts if f.subject == subject and f.predicate == predicate)


# -- the id scheme ---------------------------------------------------------------------------

IDS = [
    (("summit", "ordinary", 8, None), "OIC/summit/8"),
    (("cfm", "extraordinary", 5, None), "OIC/cfm-extraordinary/5"),
    (("summit", "extraordinary", None, meeting_key("2024-11-11", "riyadh", "month")),
     "OIC/summit-extraordinary/2024-11-riyadh"),
    (("executive-committee", "ordinary", None, meeting_key("2011-11-30", "jeddah", "day")),
     "OIC/executive-committee/2011-11-30-jeddah"),
    (("st-summit", "ordinary", 1, None), "OIC/st-summit/1"),
    (("comcec", "ordinary", 33, None), "COMCEC/33"),
    (("puic", "ordinary", 13, None), "PUIC/conference/13"),
]


@pytest.mark.parametrize("args,expected", IDS, ids=[e for _, e in IDS])
def test_meeting_ids(args, expected):
    assert meeting_ident(*args) == expected


# -- the shipped meetings load with their ids and labels ---------------------------------------

UNNUMBERED = {
    "OIC/summit-extraordinary/2024-11-riyadh": {
        "kk": "ИЫҰ мен Араб мемлекеттері лигасының бірлескен төтенше саммиті (Эр-Рияд, 2024 жылғы 11 қараша)",
        "ru": "Совместный чрезвычайный саммит ОИС и Лиги арабских государств (Эр-Рияд, 11 ноября 2024 г.)",
        "en": "Joint Extraordinary Summit of the OIC and the League of Arab States (Riyadh, 11 November 2024)"},
    "OIC/cfm-extraordinary/2016-11-mecca": {
        "kk": "ИЫҰ СІМК төтенше сессиясы (Мекке, 2016 жылғы қараша)",
        "ru": "Чрезвычайная сессия СМИД ОИС (Мекка, ноябрь 2016 г.)",
        "en": "Extraordinary session of the OIC Council of Foreign Ministers (Mecca, November 2016)"},
    "OIC/executive-committee/2011-11-30-jeddah": {
        "kk": "ИЫҰ Атқарушы комитетінің отырысы (Джидда, 2011 жылғы 30 қараша)",
        "ru": "Заседание Исполнительного комитета ОИС (Джидда, 30 ноября 2011 г.)",
        "en": "Meeting of the OIC Executive Committee (Jeddah, 30 November 2011)"},
}


@pytest.mark.parametrize("ident", sorted(UNNUMBERED))
def test_unnumbered_meetings_load_with_their_labels(shipped, ident):
    entity = shipped.entities[ident]
    assert entity.type.value == "meeting"
    assert dict(entity.names) == UNNUMBERED[ident]
    assert _fact(shipped, ident, "meeting_of").qualifier("ordinal") is None


def test_a_joint_summit_names_both_bodies_and_records_the_partner(shipped):
    ident = "OIC/summit-extraordinary/2025-09-doha"
    fact = _fact(shipped, ident, "meeting_of")
    assert fact.object == "OIC/summit" and fact.qualifier("joint") == "LAS"
    for lang, (ours, theirs) in {"kk": ("ИЫҰ", "Араб мемлекеттері"), "ru": ("ОИС", "Лиги арабских государств"),
                                 "en": ("OIC", "League of Arab States")}.items():
        label = shipped.entities[ident].names[lang]
        assert ours in label and theirs in label, label


def test_the_eighth_extraordinary_summit_keeps_both_versions(shipped):
    """The OIC names Riyadh, November 2023 the 8th; a Wikipedia page names Islamabad, December 2021."""
    places = {f.object for f in shipped.facts
              if f.subject == "OIC/summit-extraordinary/8" and f.predicate == "held_in"}
    assert places == {"riyadh", "islamabad"}
    assert shipped.entities["OIC/summit-extraordinary/8"].names["en"] == (
        "8th Extraordinary Islamic Summit (joint with the League of Arab States)")


def test_extraordinary_summits_one_to_eight_are_there(shipped):
    assert all(f"OIC/summit-extraordinary/{n}" in shipped.entities for n in range(1, 9))


def test_online_session_has_no_city_and_says_so(shipped):
    ident = "OIC/cfm-extraordinary/18"
    assert _fact(shipped, ident, "meeting_of").qualifier("online") == "yes"
    assert not [f for f in shipped.facts if f.subject == ident and f.predicate in ("held_in", "hosted_by")]


def test_science_summit_in_astana_hosted_by_kazakhstan(shipped):
    ident = "OIC/st-summit/1"
    assert shipped.entities[ident].names["en"] == "1st OIC Summit on Science and Technology"
    assert _fact(shipped, ident, "held_in").object == "astana"
    assert _fact(shipped, ident, "hosted_by").object == "KZ"
    of = _fact(shipped, ident, "meeting_of")
    assert (str(of.start), str(of.end), of.qualifier("series")) == ("2017-09-10", "2017-09-11", "st-summit")
    assert any(f.subject == "KZ" and f.predicate == "participated_in" and f.object == ident for f in shipped.facts)


def test_kazakhstan_record_after_2006(shipped):
    attended = {f.object for f in shipped.facts if f.subject == "KZ" and f.predicate == "participated_in"}
    assert {"OIC/cfm/42", "OIC/cfm/43", "OIC/cfm/46", "OIC/cfm/48"} <= attended


# -- unnumbered and extraordinary meetings never shift the chair --------------------------------

def _chairs(dataset, body):
    return [(c.object, str(c.start), str(c.end)) for c in derive_chairs(dataset.facts) if c.subject == body]


def test_shipped_chain_ignores_other_meetings(shipped):
    summit = _chairs(shipped, "OIC/summit")
    assert ("SA", "2019-05-31", "2024-05-04") in summit  # Riyadh 2023 and 2024 are not links of the chain
    assert all(meeting.qualifier("kind") == "ordinary" for c in derive_chairs(shipped.facts)
               for meeting in [_fact(shipped, c.qualifier("meeting"), "meeting_of")])


EXTRA_MEETINGS = [
    "cfm,extraordinary,,cairo,EG,2011-09,2011-09,,fixture-sessions,",
    "cfm,extraordinary,,online,,2012-01-10,2012-01-10,,fixture-sessions,",
    "summit,extraordinary,,cairo,EG,2010-05-01,2010-05-01,,fixture-sessions,",
    "summit,extraordinary,3,cairo,EG,2011-01-01,2011-01-01,,fixture-sessions,",
    "st-summit,ordinary,1,cairo,EG,2012-02-01,2012-02-02,,fixture-sessions,",
    "executive-committee,ordinary,,cairo,EG,2011-12-01,2011-12-01,,fixture-sessions,",
]


def test_adding_unnumbered_and_extraordinary_meetings_leaves_the_chairs_alone(tmp_path):
    plain = load_dataset(write_fixture_dataset(tmp_path / "plain"))
    more = load_dataset(write_fixture_dataset(tmp_path / "more", replace={
        "meetings.csv": [*FIXTURE_FILES["meetings.csv"], *EXTRA_MEETINGS],
        "entities.csv": [*FIXTURE_FILES["entities.csv"],
                         "OIC/executive-committee,organ,OIC,Атқарушы комитет,Исполнительный комитет,Executive Committee,,"]}))
    assert "OIC/cfm-extraordinary/2011-09-cairo" in more.entities
    assert "OIC/cfm-extraordinary/2012-01-10-online" not in more.entities  # key precision is the month
    assert "OIC/cfm-extraordinary/2012-01-online" in more.entities
    for body in ("OIC/cfm", "OIC/summit"):
        assert _chairs(more, body) == _chairs(plain, body) != []


# -- validation of the new format --------------------------------------------------------------

def _line():
    return len(FIXTURE_FILES["meetings.csv"]) + 2


BROKEN = {
    "unknown series": ("gala,ordinary,1,jeddah,SA,2013-01-01,,,fixture-sessions,",
                       "body: 'gala' is not one of summit, cfm, st-summit, executive-committee, comcec, puic, "
                       "food-security"),
    "kind the series lacks": ("comcec,extraordinary,1,jeddah,SA,2013-01-01,,,fixture-sessions,",
                              "kind: 'extraordinary' is not one of ordinary for comcec"),
    "ordinary session without a number": ("cfm,ordinary,,jeddah,SA,2013-01-01,,,fixture-sessions,",
                                          "ordinal: ordinary meetings of cfm are numbered; an ordinal is required"),
    "number where the series has none": ("executive-committee,ordinary,4,jeddah,SA,2013-01-01,,,fixture-sessions,",
                                         "ordinal: ordinary meetings of executive-committee are not numbered; "
                                         "leave ordinal empty"),
    "unnumbered meeting known only to the year": (
        "cfm,extraordinary,,jeddah,SA,2013,,,fixture-sessions,",
        "start: an unnumbered meeting of cfm needs its start to the month, since its id is built from it"),
    "day-keyed series known only to the month": (
        "executive-committee,ordinary,,jeddah,SA,2013-01,,,fixture-sessions,",
        "start: an unnumbered meeting of executive-committee needs its start to the day, since its id is built from it"),
    "unnumbered meeting without a city": ("cfm,extraordinary,,,SA,2013-01-05,,,fixture-sessions,",
                                          "city: required (an id from places.csv, or online)"),
    "same date and place twice": ("cfm,extraordinary,,jeddah,SA,2012-08-20,,,fixture-sessions,",
                                  "meeting OIC/cfm-extraordinary/2012-08-jeddah is already defined at meetings.csv:{prev}"),
    "unknown joint partner": ("summit,extraordinary,,cairo,EG,2013-01-05,,NATO,fixture-sessions,",
                              "joint: 'NATO' is not one of LAS"),
    "joint where the series has none": ("cfm,extraordinary,,cairo,EG,2013-01-05,,LAS,fixture-sessions,",
                                        "joint: meetings of cfm are not held jointly; leave joint empty"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_bad_meeting_rows_name_file_and_line(case, tmp_path):
    row, message = BROKEN[case]
    rows = [*FIXTURE_FILES["meetings.csv"]]
    if case == "same date and place twice":
        rows.append("cfm,extraordinary,,jeddah,SA,2012-08-10,,,fixture-sessions,")
    folder = write_fixture_dataset(tmp_path / "data", replace={"meetings.csv": [*rows, row]})
    with pytest.raises(DataErrors) as info:
        load_dataset(folder)
    line = len(rows) + 2
    expected = f"meetings.csv:{line}: " + message.format(prev=line - 1)
    assert expected in [str(p) for p in info.value.problems]


def test_labels_without_a_place_say_online():
    names = meeting_names("cfm", "extraordinary", None, place=None, start="2023-07-31")
    assert names["en"].endswith("(online, 31 July 2023)") and names["kk"].endswith("(онлайн, 2023 жылғы 31 шілде)")


# -- yntymaq meetings --body: every series, in any case ----------------------------------------

def _series_in_data():
    import csv

    from yntymaq.kb.dataset import default_data_dir

    with open(default_data_dir() / "meetings.csv", encoding="utf-8") as f:
        return sorted({row["body"] for row in csv.DictReader(f)})


@pytest.mark.parametrize("series", _series_in_data())
@pytest.mark.parametrize("spelling", [str.lower, str.upper, str.title])
def test_meetings_body_accepts_every_series_in_the_data_in_any_case(shipped_kb, series, spelling):
    import json

    from click.testing import CliRunner

    from yntymaq.cli import main

    result = CliRunner().invoke(main, ["meetings", "--body", spelling(series), "--json", "--db", shipped_kb.store.url])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and {r["body"] for r in rows} == {series}
    wanted = {f.subject for f in shipped_kb.store.facts(predicate="meeting_of")
              if f.qualifier("series") == series and (f.where or "").startswith("meetings.csv:")}
    assert {r["id"] for r in rows} == wanted  # every meeting of the series, a disagreeing source's row or not


def test_meetings_body_error_lists_every_series():
    from click.testing import CliRunner

    from yntymaq.cli import main
    from yntymaq.kb.meetings import SERIES

    result = CliRunner().invoke(main, ["meetings", "--body", "parliament"])
    assert result.exit_code == 2
    assert "Invalid value for '--body': 'parliament' is not one of" in result.output
    assert all(f"'{key}'" in result.output for key in SERIES)


def test_the_library_and_the_api_take_a_series_in_any_case_and_say_what_is_valid(shipped_kb):
    from fastapi.testclient import TestClient

    from yntymaq.errors import BadInput
    from yntymaq.web import create_app

    assert [r.meeting.id for r in shipped_kb.meetings(body="COMCEC")] == [r.meeting.id for r in shipped_kb.meetings(body="comcec")]
    with pytest.raises(BadInput) as err:
        shipped_kb.meetings(body="parliament")
    assert str(err.value) == ("body: 'parliament' is not a meeting series; use one of summit, cfm, st-summit, "
                              "executive-committee, comcec, puic, food-security")
    with TestClient(create_app(shipped_kb.store.url)) as client:
        api = client.get("/api/meetings", params={"body": "PUIC", "lang": "en"}).json()
        assert api["filters"]["body"] == "puic" and "PUIC/conference/13" in {m["id"] for m in api["meetings"]}
        bad = client.get("/api/meetings", params={"body": "parliament"})
        assert bad.status_code == 400 and "food-security" in bad.text
        page = client.get("/meetings", params={"body": "Food-Security", "lang": "en"}).text
        assert '<option value="food-security" selected>' in page and "OIC/food-security/7" in page


def test_a_meeting_whose_days_sources_disagree_on_is_listed_once_with_its_meetings_csv_row(shipped_kb):
    rows = [r for r in shipped_kb.meetings(body="food-security") if r.meeting.id == "OIC/food-security/7"]
    assert len(rows) == 1 and (str(rows[0].start), str(rows[0].end)) == ("2016-04-28", "2016-04-28")
    assert rows[0].city.id == "astana"
