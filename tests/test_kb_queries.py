"""Temporal answers from the shipped dataset, on dates the seeds and the sources state."""

import pytest

from yntymaq.errors import Ambiguous, BadInput, NotFound
from yntymaq.kb.query import parse_date
from yntymaq.vocab import Date


@pytest.fixture(scope="module")
def shipped_kb(shipped_kb_each):
    """Every test of this module runs on SQLite and on PostgreSQL (see conftest.py)."""
    return shipped_kb_each


def test_57_members_today(shipped_kb):
    count = shipped_kb.member_count()
    assert count.members == 57
    assert count.uncertain == []
    today = shipped_kb.members(status="member") + shipped_kb.members(status="suspended")
    assert len({r.state.id for r in today}) == 57


def test_kazakhstan_member_since_1995(shipped_kb):
    history = shipped_kb.membership_history("KZ")
    assert history[0].status == "member" and history[0].start.year == 1995
    assert history[0].end is None
    in_1995 = {r.state.id for r in shipped_kb.members(at=Date(1995))}
    assert "KZ" in in_1995
    assert "KZ" not in {r.state.id for r in shipped_kb.members(at=Date(1994))}


def test_egypt_suspended_in_1982(shipped_kb):
    rows = [r for r in shipped_kb.members(at=Date(1982)) if r.state.id == "EG"]
    assert rows and {r.status for r in rows} == {"suspended"}
    assert all(r.certain for r in rows)
    assert "EG" in {r.state.id for r in shipped_kb.members(at=Date(1990), status="member")}


def test_syria_suspended_then_reinstated(shipped_kb):
    assert {r.status for r in shipped_kb.members(at=Date(2015)) if r.state.id == "SY"} == {"suspended"}
    assert {r.status for r in shipped_kb.members(at=Date(2026)) if r.state.id == "SY"} == {"member"}


def test_observers_include_the_seeds_three(shipped_kb):
    observers = {r.state.id for r in shipped_kb.members(status="observer")}
    assert {"RU", "BA", "TH"} <= observers


@pytest.mark.parametrize("body,ordinals", [("cfm", range(1, 52)), ("summit", range(1, 16))])
def test_every_ordinary_session_exactly_once(shipped_kb, body, ordinals):
    meetings = shipped_kb.meetings(body=body, kind="ordinary")
    numbers = [m.ordinal for m in meetings]
    assert sorted(numbers) == list(range(1, max(numbers) + 1))
    assert set(ordinals) <= set(numbers)
    assert len(numbers) == len(set(numbers))


def test_astana_38th_session(shipped_kb):
    (m,) = shipped_kb.meetings(body="cfm", number=38)
    assert (m.city.id, m.country.id, str(m.start), str(m.end)) == ("astana", "KZ", "2011-06-28", "2011-06-30")
    assert m.meeting.id == "OIC/cfm/38"


def test_chair_of_cfm_on_1_march_2012_is_kazakhstan(shipped_kb):
    (row,) = shipped_kb.chairs(body="cfm", at=Date(2012, 3, 1))
    assert row.state.id == "KZ" and row.certain
    assert row.meeting.id == "OIC/cfm/38"
    assert row.fact.rule == "chair.from_sessions.v1"
    assert str(row.start) == "2011-06-28" and row.end.year == 2012 and row.end.month == 11


def test_chair_passed_to_djibouti_at_39th(shipped_kb):
    (row,) = shipped_kb.chairs(body="cfm", at=Date(2013, 1, 1))
    assert row.state.id == "DJ" and row.meeting.id == "OIC/cfm/39"


def test_chairs_do_not_overlap(shipped_kb):
    for body in ("cfm", "summit"):
        rows = shipped_kb.chairs(body=body)
        for before, after in zip(rows, rows[1:]):
            assert before.end == after.start


@pytest.mark.parametrize("name", ["Қазақстан", "Казахстан", "Kazakhstan", "KZ", "kz", "Қазақстанның"])
def test_name_lookup_in_every_language(shipped_kb, name):
    assert shipped_kb.resolve(name).id == "KZ"


@pytest.mark.parametrize("name,expected", [
    ("ИЫҰ", "OIC"), ("ИКҰ", "OIC"), ("ОИС", "OIC"), ("OIC", "OIC"),
    ("Тайланд", "TH"), ("Джибутти", "DJ"), ("Сауд Арабиясы", "SA"),
])
def test_aliases(shipped_kb, name, expected):
    assert shipped_kb.resolve(name).id == expected


def test_unknown_name_is_a_clear_error(shipped_kb):
    with pytest.raises(NotFound, match="no entity is named 'Атлантида'"):
        shipped_kb.resolve("Атлантида")


def test_bad_date_names_the_field():
    with pytest.raises(BadInput, match=r"--at: month 13 is not between 1 and 12"):
        parse_date("2011-13", field_name="--at")


def test_kazakhstan_record_and_timeline(shipped_kb):
    record = shipped_kb.record("KZ")
    assert any(c.meeting.id == "OIC/cfm/38" for c in record.chairmanships)
    assert any(m.meeting.id == "OIC/cfm/38" for m in record.hosted)
    events = shipped_kb.timeline("KZ")
    dates = [e.date.sort_key() for e in events]
    assert dates == sorted(dates)
    assert any(e.fact.predicate == "member_of" and e.what == "start" and e.date.year == 1995 for e in events)


def test_meeting_record_has_previous_and_next(shipped_kb):
    record = shipped_kb.record("OIC/cfm/38")
    assert record.previous.id == "OIC/cfm/37" and record.next.id == "OIC/cfm/39"
    assert [c.state.id for c in record.chair] == ["KZ"]


def test_secretary_general_in_2011(shipped_kb):
    holders = shipped_kb.office_holders(at=Date(2011, 6))
    assert [h.person.id for h in holders] == ["ekmeleddin-ihsanoglu"]  # two sources, one row, one person
    assert holders[0].alternatives and holders[0].certain  # both sources' terms hold in June 2011
    assert [c.id for c in holders[0].citizen_of] == ["TR"]


def test_conflicting_sources_are_kept_side_by_side(shipped_kb):
    conflicts = {(c.subject.id, c.predicate): c for c in shipped_kb.conflicts()}
    egypt = conflicts[("EG", "member_of")]
    assert {str(f.end) for f in egypt.facts if f.qualifier("status") == "suspended"} == {"1984-03", "1984-01-19"}
    assert all(f.sources for f in egypt.facts)
    assert len({s.id for f in egypt.facts for s in f.sources}) >= 2
    # The chain of chairs still uses the session's own row, so a disputed date does not break it.
    assert ("OIC/cfm/10", "meeting_of") in conflicts
    assert shipped_kb.meeting("OIC/cfm/10").start.month == 5


def test_person_record_lists_each_office_row_once(shipped_kb):
    record = shipped_kb.record("ekmeleddin-ihsanoglu")
    facts = [f for f in record.facts if f.predicate == "holds_office" and f.subject == "ekmeleddin-ihsanoglu"]
    # Two sources disagree on his term: one row, the other source's version kept beside it.
    assert len(record.offices) == 1
    shown = [f.id for row in record.offices for f in (row.fact, *row.alternatives)]
    assert sorted(shown) == sorted(f.id for f in facts) and len(facts) == 2


def test_facts_without_an_object_are_indexed_once(shipped_kb):
    terms = shipped_kb.facts(subject="OIC/secretary-general", predicate="term_of_office")
    assert len(terms) == len({f.id for f in terms}) >= 2
