"""Verdicts: claims built by hand, checked against the shipped knowledge base — supported,
contradicted, new and unverifiable for each predicate, dates compared at the precision both give."""

from __future__ import annotations

import pytest

from yntymaq.check import check_claim, check_claims
from yntymaq.vocab import Claim, Date, Fact, Origin, Span, VerdictKind

S, C, N, U = VerdictKind.SUPPORTED, VerdictKind.CONTRADICTED, VerdictKind.NEW, VerdictKind.UNVERIFIABLE


def claim(subject, predicate, *, object=None, value=None, start=None, end=None, at=None, **qualifiers) -> Claim:
    span = Span("test-doc", 0, 0, 20, "a sentence of a test")
    fact = Fact(subject, predicate, object, value, Date.parse(start) if start else None,
                Date.parse(end) if end else None, tuple(qualifiers.items()), (span,), Origin.EXTRACTED, "en.test.v1")
    return Claim(fact, span, "en.test.v1", "en", Date.parse(at) if at else None)


def _entity_without(kb, predicate: str, *types: str) -> str:
    """An entity of one of `types` the KB states nothing `predicate` of (so a claim of it is new)."""
    for entity in sorted(kb.entities.values(), key=lambda e: e.id):
        if entity.type.value in types and not kb.facts(subject=entity.id, predicate=predicate):
            return entity.id
    pytest.fail(f"every {types} entity has a {predicate} fact")


def _kz_meeting_without_participation(kb) -> str:
    known = {f.object for f in kb.facts(subject="KZ", predicate="participated_in")}
    return next(m for m in sorted(kb.entities) if m.startswith("OIC/cfm/") and m not in known)


CASES = [
    # member_of: the curated list of members and observers is complete
    ("member since its year", lambda kb: claim("KZ", "member_of", object="OIC", start="1995", status="member"), S),
    ("member from another year", lambda kb: claim("KZ", "member_of", object="OIC", start="1992", status="member"), C),
    ("observer it never was", lambda kb: claim("KZ", "member_of", object="OIC", at="2020", status="observer"), C),
    ("a member state today", lambda kb: claim("KZ", "member_of", object="OIC", at="2020", status="member"), S),
    ("an organisation's membership", lambda kb: claim("IsDB", "member_of", object="OIC", status="member"), N),
    ("an unlinked state", lambda kb: claim("atlantis", "member_of", object="OIC", status="member"), U),
    # member_count: derived from the memberships at the date
    ("57 members in 2020", lambda kb: claim("OIC", "member_count", value="57", start="2020", status="member"), S),
    ("56 members in 2020", lambda kb: claim("OIC", "member_count", value="56", start="2020", status="member"), C),
    ("a count that is no number", lambda kb: claim("OIC", "member_count", value="many", status="member"), U),
    ("a count of an unlinked body", lambda kb: claim("atlantis", "member_count", value="3"), U),
    # headquartered_in
    ("seat in Jeddah", lambda kb: claim("IsDB", "headquartered_in", object="jeddah"), S),
    ("seat in Riyadh", lambda kb: claim("IsDB", "headquartered_in", object="riyadh"), C),
    ("seat the KB does not know", lambda kb: claim(_entity_without(kb, "headquartered_in", "organ", "organisation"),
                                                   "headquartered_in", object="jeddah"), N),
    ("seat in an unlinked city", lambda kb: claim("IsDB", "headquartered_in", object="atlantis-city"), U),
    # held_in and hosted_by
    ("8th Summit in Tehran", lambda kb: claim("OIC/summit/8", "held_in", object="tehran"), S),
    ("8th Summit in Doha", lambda kb: claim("OIC/summit/8", "held_in", object="doha"), C),
    ("a place of no meeting", lambda kb: claim(_entity_without(kb, "held_in", "organ"), "held_in", object="doha"), N),
    ("a place of an unlinked meeting", lambda kb: claim("OIC/summit/99", "held_in", object="doha"), U),
    ("8th Summit hosted by Iran", lambda kb: claim("OIC/summit/8", "hosted_by", object="IR"), S),
    ("8th Summit hosted by Qatar", lambda kb: claim("OIC/summit/8", "hosted_by", object="QA"), C),
    ("a host of no meeting", lambda kb: claim(_entity_without(kb, "hosted_by", "organ"), "hosted_by", object="QA"), N),
    ("a host of an unlinked meeting", lambda kb: claim("OIC/summit/99", "hosted_by", object="QA"), U),
    # meeting_of: dates at the precision both give
    ("8th Summit in December 1997", lambda kb: claim("OIC/summit/8", "meeting_of", object="OIC/summit", start="1997-12"), S),
    ("8th Summit in 1998", lambda kb: claim("OIC/summit/8", "meeting_of", object="OIC/summit", start="1998"), C),
    ("8th Summit on its days", lambda kb: claim("OIC/summit/8", "meeting_of", object="OIC/summit",
                                                start="1997-12-09", end="1997-12-11"), S),
    ("8th Summit a session of the CFM", lambda kb: claim("OIC/summit/8", "meeting_of", object="OIC/cfm"), C),
    ("a state as a meeting", lambda kb: claim("KZ", "meeting_of", object="OIC/cfm", start="1995"), N),
    ("an unlinked meeting", lambda kb: claim("OIC/cfm/999", "meeting_of", object="OIC/cfm"), U),
    # adopted_at
    ("Charter adopted in Dakar", lambda kb: claim("OIC/charter-2008", "adopted_at", object="OIC/summit/11"), S),
    ("Charter adopted in Astana", lambda kb: claim("OIC/charter-2008", "adopted_at", object="OIC/cfm/38"), C),
    ("adoption of no document", lambda kb: claim(_entity_without(kb, "adopted_at", "organ"), "adopted_at",
                                                 object="OIC/cfm/38"), N),
    ("adoption at an unlinked meeting", lambda kb: claim("OIC/charter-2008", "adopted_at", object="OIC/cfm/999"), U),
    # founded
    ("founded in Rabat on its day", lambda kb: claim("OIC", "founded", start="1969-09-25", place="rabat"), S),
    ("founded in September 1969", lambda kb: claim("OIC", "founded", start="1969-09"), S),
    ("founded in 1971", lambda kb: claim("OIC", "founded", start="1971"), C),
    ("founded in Jeddah", lambda kb: claim("OIC", "founded", start="1969", place="jeddah"), C),
    ("founding the KB does not know", lambda kb: claim(_entity_without(kb, "founded", "state"), "founded", start="1991"), N),
    ("founding of an unlinked body", lambda kb: claim("atlantis", "founded", start="1991"), U),
    # named: names over time
    ("the old name until 2011", lambda kb: claim("OIC", "named", value="Ислам конференциясы ұйымы", end="2011-06-28",
                                                 lang="kk"), S),
    ("the old name until 2012", lambda kb: claim("OIC", "named", value="Ислам конференциясы ұйымы", end="2012",
                                                 lang="kk"), C),
    ("a name the KB does not know", lambda kb: claim("OIC", "named", value="Ислам әлемі ұйымы", lang="kk"), N),
    ("a name of an unlinked body", lambda kb: claim("atlantis", "named", value="Atlantis", lang="en"), U),
    # chaired_by: derived from the sessions
    ("chair from the 38th session", lambda kb: claim("OIC/cfm", "chaired_by", object="KZ", meeting="OIC/cfm/38"), S),
    ("chair from the 39th session", lambda kb: claim("OIC/cfm", "chaired_by", object="GN", meeting="OIC/cfm/39"), C),
    ("chair over its months", lambda kb: claim("OIC/cfm", "chaired_by", object="KZ", start="2011-06", end="2012-11"), S),
    ("chair over other years", lambda kb: claim("OIC/cfm", "chaired_by", object="KZ", start="2014", end="2015"), C),
    ("a chair of an organ without one", lambda kb: claim(_entity_without(kb, "chaired_by", "organ"), "chaired_by",
                                                         object="KZ"), N),
    ("a chair that is no state of the KB", lambda kb: claim("OIC/cfm", "chaired_by", object="atlantis"), U),
    # participated_in: the KB's list of participations is not complete, so absence is news
    ("a recorded participation", lambda kb: claim("KZ", "participated_in", object="OIC/cfm/39"), S),
    ("an unrecorded participation", lambda kb: claim("KZ", "participated_in", object=_kz_meeting_without_participation(kb)), N),
    ("a participation in an unlinked meeting", lambda kb: claim("KZ", "participated_in", object="OIC/cfm/999"), U),
    # holds_office
    ("a Secretary General's years", lambda kb: claim("yousef-al-othaimeen", "holds_office", object="OIC/secretary-general",
                                                     start="2016", end="2021"), S),
    ("a Secretary General's wrong years", lambda kb: claim("ekmeleddin-ihsanoglu", "holds_office",
                                                           object="OIC/secretary-general", start="2001", end="2013"), C),
    ("another held the office then", lambda kb: claim("hissein-brahim-taha", "holds_office",
                                                       object="OIC/secretary-general", start="2015"), C),
    ("no year and no holder on record", lambda kb: claim("KZ", "holds_office", object="OIC/secretary-general"), N),
    ("an unlinked person", lambda kb: claim("nobody-at-all", "holds_office", object="OIC/secretary-general"), U),
    # term_of_office: judged against the rule in force
    ("five years in 2020", lambda kb: claim("OIC/secretary-general", "term_of_office", value="5", at="2020",
                                            renewable="once"), S),
    ("four years in 2000", lambda kb: claim("OIC/secretary-general", "term_of_office", value="4", at="2000"), S),
    ("four years in 2020", lambda kb: claim("OIC/secretary-general", "term_of_office", value="4", at="2020"), C),
    ("four years until 2008, said in 2021", lambda kb: claim("OIC/secretary-general", "term_of_office", value="4",
                                                             end="2008", at="2021-11-17"), S),
    ("a term of an office with no rule", lambda kb: claim(_entity_without(kb, "term_of_office", "organ"),
                                                          "term_of_office", value="5"), N),
    ("a term of an unlinked office", lambda kb: claim("atlantis-office", "term_of_office", value="5"), U),
]


@pytest.mark.parametrize("build, expected", [pytest.param(b, e, id=name) for name, b, e in CASES])
def test_verdicts(shipped_kb, build, expected):
    made = build(shipped_kb)
    verdict = check_claim(made, shipped_kb)
    assert verdict.kind is expected, verdict.reason
    assert verdict.rule.startswith("check."), verdict.rule
    assert verdict.reason
    assert len(verdict.evidence) == len({f.id for f in verdict.evidence}), "a fact given twice as evidence"
    if expected is C:
        assert verdict.evidence or "never" in verdict.reason


# What each check can say: member counts are derived, so never new; participation lists are not
# complete, so an absent one is news, never a contradiction.
CAN_GIVE = {p: {S, C, N, U} for p in ("member_of", "headquartered_in", "held_in", "hosted_by", "meeting_of",
                                      "adopted_at", "founded", "named", "chaired_by", "holds_office", "term_of_office")}
CAN_GIVE["member_count"] = {S, C, U}
CAN_GIVE["participated_in"] = {S, N, U}


def test_every_predicate_has_each_verdict_it_can_give(shipped_kb):
    given: dict[str, set] = {}
    for _, build, expected in CASES:
        given.setdefault(build(shipped_kb).fact.predicate, set()).add(expected)
    assert given == CAN_GIVE


def test_precision_of_the_claims_date_is_respected(shipped_kb):
    (known,) = shipped_kb.facts(subject="OIC/summit/8", predicate="meeting_of")
    assert known.start == Date(1997, 12, 9)  # the fact the next two claims meet
    month = check_claim(claim("OIC/summit/8", "meeting_of", object="OIC/summit", start="1997-12"), shipped_kb)
    year = check_claim(claim("OIC/summit/8", "meeting_of", object="OIC/summit", start="1998"), shipped_kb)
    assert month.kind is S and known in month.evidence
    assert year.kind is C and known in year.evidence


def test_a_four_year_term_names_the_charter_in_force_and_the_earlier_rule(shipped_kb):
    verdict = check_claim(claim("OIC/secretary-general", "term_of_office", value="4", at="2011-06-28"), shipped_kb)
    assert verdict.kind is C
    assert "at 2011-06-28" in verdict.reason and "OIC/charter-2008" in verdict.reason
    assert "4 years was the rule until 2008" in verdict.reason
    assert {f.value for f in verdict.evidence} == {"4", "5"}


def test_a_term_until_a_date_is_judged_before_it(shipped_kb):
    verdict = check_claim(claim("OIC/secretary-general", "term_of_office", value="4", end="2008", at="2021-11-17"),
                          shipped_kb)
    assert verdict.kind is S
    assert "before 2008" in verdict.reason
    assert all(f.value == "4" for f in verdict.evidence)


def test_contradicting_evidence_carries_its_source(shipped_kb):
    verdict = check_claim(claim("OIC/summit/8", "held_in", object="doha"), shipped_kb)
    assert verdict.kind is C
    assert all(f.sources for f in verdict.evidence)
    assert {f.object for f in verdict.evidence} == {"tehran"}


def test_check_claims_keeps_order(shipped_kb):
    claims = [claim("IsDB", "headquartered_in", object="jeddah"), claim("IsDB", "headquartered_in", object="riyadh")]
    assert [v.kind for v in check_claims(claims, shipped_kb)] == [S, C]
