"""Verdicts: each claim read from a text checked against the knowledge base.

A claim is supported (a KB fact states the same, at the precision both give), contradicted (a KB fact
states otherwise: it and its source are the evidence), new (the KB knows nothing that decides it) or
unverifiable (the claim lacks what a check needs, e.g. an unlinked subject). Every verdict names the
versioned check rule that decided it; a check of a term of office also names the charter rule in force
at the time the claim speaks of.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections import OrderedDict
from collections.abc import Callable

from yntymaq.check.reasons import reason
from yntymaq.kb.names import fold
from yntymaq.kb.query import KB
from yntymaq.vocab import Claim, Date, Fact, Truth, Verdict, VerdictKind

Checker = Callable[[Claim, KB], Verdict]
_CHECKERS: dict[str, Checker] = {}

SUPPORTED, CONTRADICTED, NEW, UNVERIFIABLE = (VerdictKind.SUPPORTED, VerdictKind.CONTRADICTED,
                                              VerdictKind.NEW, VerdictKind.UNVERIFIABLE)


def checks(predicate: str):
    def register(fn: Checker) -> Checker:
        _CHECKERS[predicate] = fn
        return fn
    return register


def check_claim(claim: Claim, kb: KB) -> Verdict:
    """The verdict of the knowledge base on one claim."""
    fact = claim.fact
    if fact.subject is None or fact.subject not in kb.entities:
        return Verdict(UNVERIFIABLE, reason=reason("subject_unlinked"),
                       rule="check.unlinked.v1")
    if fact.object is not None and fact.object not in kb.entities:
        return Verdict(UNVERIFIABLE, reason=reason("object_unlinked"),
                       rule="check.unlinked.v1")
    checker = _CHECKERS.get(fact.predicate)
    if checker is None:
        return Verdict(UNVERIFIABLE, reason=reason("no_check", predicate=fact.predicate), rule="check.none.v1")
    return checker(claim, kb)


def check_claims(claims: list[Claim], kb: KB) -> list[Verdict]:
    return [check_claim(c, kb) for c in claims]


# -- helpers ------------------------------------------------------------------------------------

# Member counts derived once per KB and date: a corpus states "57 members" in document after document.
_COUNTS: "weakref.WeakKeyDictionary[KB, dict]" = weakref.WeakKeyDictionary()


_COUNTS_KEPT = 256  # dates remembered per KB: enough for a corpus's repeated dates, bounded for a long run


def _count_at(kb: KB, at: Date, organisation: str):
    counts = _COUNTS.setdefault(kb, OrderedDict())
    key = (str(at), organisation)
    if key in counts:
        counts.move_to_end(key)
    else:
        counts[key] = (kb.member_count(at=at, organisation=organisation), kb.members(at=at, organisation=organisation))
        if len(counts) > _COUNTS_KEPT:
            counts.popitem(last=False)
    return counts[key]



def _dates_agree(claimed: Date | None, known: Date | None) -> bool:
    """A date the claim does not give, or the KB does not know, cannot disagree."""
    return claimed is None or known is None or claimed.agrees_with(known)


def _curated(facts: list[Fact]) -> list[Fact]:
    """The curated and derived facts, each once (a fact found under two keys is one piece of evidence)."""
    seen: set = set()
    out = []
    for f in facts:
        key = f.id if f.id is not None else id(f)
        if f.origin.value in ("curated", "derived") and key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _judge(claim: Claim, candidates: list[Fact], *, rule: str, same: Callable[[Fact], bool],
           what: str, closed: bool = True) -> Verdict:
    """Supported when a candidate matches in value and dates; contradicted when candidates exist and
    none matches (the KB's list is complete for `what`); otherwise new."""
    fact = claim.fact
    matching = [f for f in candidates if same(f)]
    agreeing = [f for f in matching if _dates_agree(fact.start, f.start) and _dates_agree(fact.end, f.end)]
    if agreeing:
        return Verdict(SUPPORTED, tuple(agreeing), reason("same", what=what), rule)
    if matching:
        return Verdict(CONTRADICTED, tuple(matching), reason("other_dates", what=what), rule)
    if candidates and closed:
        return Verdict(CONTRADICTED, tuple(candidates), reason("another", what=what), rule)
    return Verdict(NEW, (), reason("nothing", what=what), rule)


def note_disagreement(verdict: Verdict, kb: KB) -> Verdict:
    """A supported verdict resting on one source's version of a fact on which sources disagree says
    so: every version joins the evidence, each with its own source, and the reason names them all.
    ("Uzbekistan joined in 1996" is supported; the source that gives 1995 is shown beside it.)"""
    if verdict.kind is not SUPPORTED:
        return verdict
    evidence = list(verdict.evidence)
    versions: list[Fact] = []
    for fact in verdict.evidence:
        conflict = kb.conflict_of(fact)
        if conflict is not None:
            versions += [f for f in conflict.facts if f not in versions]
    if not versions:
        return verdict
    evidence += [f for f in versions if f not in evidence]

    def version(f: Fact) -> str:
        span = f"{f.start or '…'}–{f.end or ''}"
        return f"{span} ({', '.join(s.id for s in f.sources)})"

    disagree = reason("disagree", versions=" / ".join(version(f) for f in versions))
    return Verdict(verdict.kind, tuple(evidence), f"{verdict.reason}; {disagree}", verdict.rule)


# -- checks per predicate -----------------------------------------------------------------------


@checks("member_of")
def _member_of(claim: Claim, kb: KB) -> Verdict:
    return note_disagreement(_membership(claim, kb), kb)


def _membership(claim: Claim, kb: KB) -> Verdict:
    fact = claim.fact
    status = fact.qualifier("status", "member")
    history = _curated(kb.facts(subject=fact.subject, predicate="member_of", object=fact.object))
    rule = "check.membership.v1"
    if not history:
        if kb.entities[fact.subject].type.value == "state" and fact.object == "OIC":
            # The curated list of members and observers is complete: a state absent from it never was one.
            return Verdict(CONTRADICTED, (), reason("never_status", subject=fact.subject, status=status), rule)
        return Verdict(NEW, (), reason("no_membership"), rule)
    same_status = [f for f in history if f.qualifier("status") == status]
    if fact.start is None:
        at = claim.at
        if at is None:
            # The text gives no time: judged today, or at any time the status held.
            now = Date.today()
            if any(f.holds_at(now) is not Truth.NO for f in same_status):
                return Verdict(SUPPORTED, tuple(same_status),
                               reason("status_today", status=status), rule)
            if same_status:
                # a text speaks of its own time, which may be when the status held
                return Verdict(SUPPORTED, tuple(same_status),
                               reason("status_spans", status=status, spans=_spans(same_status)), rule)
            return Verdict(CONTRADICTED, tuple(history), reason("status_never", status=status), rule)
        if any(f.holds_at(at) is not Truth.NO for f in same_status):
            return Verdict(SUPPORTED, tuple(same_status), reason("status_at", status=status, at=at), rule)
        return Verdict(CONTRADICTED, tuple(history), reason("status_not_at", status=status, at=at), rule)
    return _judge(claim, history, rule=rule, same=lambda f: f.qualifier("status") == status,
                  what="membership")


@checks("member_count")
def _member_count(claim: Claim, kb: KB) -> Verdict:
    """Judged at the time the claim speaks of; a count the text does not date is judged today, and is
    then only ever supported (a count of another time is no contradiction of an undated text)."""
    fact = claim.fact
    at = fact.start or claim.at
    dated = at is not None
    at = at or Date.today()
    count, members = _count_at(kb, at, fact.subject)
    status = fact.qualifier("status", "member")
    known = count.observers if status == "observer" else count.members
    rule = "check.member_count.v2"
    evidence = tuple(r.fact for r in members if (r.status == "observer") == (status == "observer"))
    try:
        claimed = int(fact.value or "")
    except ValueError:
        return Verdict(UNVERIFIABLE, (), reason("not_number", value=repr(fact.value)), rule)
    when = reason("when.at", at=at) if dated else reason("when.today_text")
    more_than = fact.qualifier("qualifier") == "more_than"
    if more_than and known > claimed:
        return Verdict(SUPPORTED, evidence, reason("count_more", known=known, when=when, claimed=claimed, rule=count.rule), rule)
    if count.uncertain and claimed in range(known, known + len(count.uncertain) + 1):
        return Verdict(SUPPORTED, evidence, reason("count_range", known=known, upper=known + len(count.uncertain), when=when, rule=count.rule), rule)
    if claimed == known and not more_than:
        return Verdict(SUPPORTED, evidence, reason("count", known=known, when=when, rule=count.rule), rule)
    if not dated:
        return Verdict(UNVERIFIABLE, evidence, f"{reason('no_time')}; {reason('counts_today', known=known)}", rule)
    return Verdict(CONTRADICTED, evidence, reason("counts_when", known=known, when=when, rule=count.rule), rule)


def _spans(facts: list[Fact]) -> str:
    """`1972–2012, 2025–` : the intervals of facts, for a reason."""
    return ", ".join(f"{f.start or '…'}–{f.end or ''}" for f in facts)


def _functional(predicate: str, what: str, *, compare_value: bool = False) -> Checker:
    def check(claim: Claim, kb: KB) -> Verdict:
        fact = claim.fact
        known = _curated(kb.facts(subject=fact.subject, predicate=predicate))
        if compare_value:
            same = lambda f: fold(f.value or "") == fold(fact.value or "") if fact.value else True  # noqa: E731
        elif fact.object is None:  # "adopted in 2005": only the date can be checked
            same = lambda f: True  # noqa: E731
        else:
            same = lambda f: f.object == fact.object  # noqa: E731
        return _judge(claim, known, rule=f"check.{predicate}.v1", same=same, what=what)
    return check


_CHECKERS["headquartered_in"] = _functional("headquartered_in", "headquarters")
_CHECKERS["held_in"] = _functional("held_in", "place of the meeting")
_CHECKERS["hosted_by"] = _functional("hosted_by", "host of the meeting")
_CHECKERS["meeting_of"] = _functional("meeting_of", "meeting")
_CHECKERS["adopted_at"] = _functional("adopted_at", "adoption")


@checks("founded")
def _founded(claim: Claim, kb: KB) -> Verdict:
    fact = claim.fact
    known = _curated(kb.facts(subject=fact.subject, predicate="founded"))
    place = fact.qualifier("place")
    return _judge(claim, known, rule="check.founded.v1", what="founding",
                  same=lambda f: place is None or f.qualifier("place") in (None, place))


@checks("named")
def _named(claim: Claim, kb: KB) -> Verdict:
    fact = claim.fact
    known = _curated(kb.facts(subject=fact.subject, predicate="named"))
    name = fold(fact.value or "")
    return _judge(claim, known, rule="check.named.v1", what="name", closed=False,
                  same=lambda f: not name or fold(f.value or "") == name)


@checks("chaired_by")
def _chaired_by(claim: Claim, kb: KB) -> Verdict:
    fact = claim.fact
    known = _curated(kb.facts(subject=fact.subject, predicate="chaired_by"))
    meeting = fact.qualifier("meeting")
    rule = "check.chair.v2"
    if meeting:
        at_meeting = [f for f in known if f.qualifier("meeting") == meeting]
        if at_meeting:
            same = [f for f in at_meeting if f.object == fact.object]
            if same:
                return Verdict(SUPPORTED, tuple(same), reason("chair_sessions_same"), rule)
            return Verdict(CONTRADICTED, tuple(at_meeting), reason("chair_sessions_other"), rule)
    if not known:
        return Verdict(NEW, (), reason("nothing", what="chair"), rule)
    mine = [f for f in known if f.object == fact.object]
    at = fact.start or claim.at
    if fact.start is None and fact.end is None:
        if at is not None:
            if any(f.holds_at(at) is not Truth.NO for f in mine):
                return Verdict(SUPPORTED, tuple(mine), reason("chair_same_at", at=at), rule)
            holders = [f for f in known if f.holds_at(at) is Truth.YES]
            if holders and mine:
                # the text's own time, not a date of the claim: a text speaks of the chair to come or
                # just gone as often as of the present one
                return Verdict(UNVERIFIABLE, tuple(mine + holders),
                               reason("chair_near", spans=_spans(mine), at=at), rule)
            if holders:
                return Verdict(CONTRADICTED, tuple(holders), reason("chair_other_at", at=at), rule)
            return Verdict(UNVERIFIABLE, tuple(mine), reason("chair_unknown_at", at=at), rule)
        if mine:
            return Verdict(SUPPORTED, tuple(mine), reason("chair_spans", spans=_spans(mine)), rule)
        # An undated chair that never held is as likely another body's (the OIC's chair is the
        # summit's; a session's chair is its host) as a false one.
        return Verdict(UNVERIFIABLE, (), reason("chair_never"), rule)
    return _judge(claim, known, rule=rule, what="chair", same=lambda f: f.object == fact.object)


@checks("participated_in")
def _participated_in(claim: Claim, kb: KB) -> Verdict:
    fact = claim.fact
    known = _curated(kb.facts(subject=fact.subject, predicate="participated_in", object=fact.object))
    if known:
        return Verdict(SUPPORTED, tuple(known), reason("participation_yes"), "check.participation.v1")
    # Participation lists are not complete: absence is no contradiction.
    return Verdict(NEW, (), reason("participation_no"), "check.participation.v1")


@checks("holds_office")
def _holds_office(claim: Claim, kb: KB) -> Verdict:
    """A holder named with a time is judged then; one named without is supported when the person held
    the office at some time (a text speaks of its own time), and says so."""
    return note_disagreement(_office(claim, kb), kb)


def _office(claim: Claim, kb: KB) -> Verdict:
    fact = claim.fact
    known = _curated(kb.facts(predicate="holds_office", object=fact.object))
    mine = [f for f in known if f.subject == fact.subject]
    rule = "check.office.v2"
    at = fact.start or claim.at
    if not mine:
        others = [f for f in known if at and f.holds_at(at) is Truth.YES]
        if others:
            return Verdict(CONTRADICTED, tuple(others), reason("office_other", at=at), rule)
        return Verdict(NEW, (), reason("office_unknown"), rule)
    if fact.start is None and fact.end is None:
        if at is not None and not any(f.holds_at(at) is not Truth.NO for f in mine):
            others = [f for f in known if f.holds_at(at) is Truth.YES]
            return Verdict(CONTRADICTED, tuple(mine) + tuple(others),
                           reason("office_not_at", spans=_spans(mine), at=at), rule)
        when = reason("when.at", at=at) if at is not None else reason("when.spans", spans=_spans(mine))
        return Verdict(SUPPORTED, tuple(mine), reason("office_holder", when=when), rule)
    return _judge(claim, mine, rule=rule, what="term in office", same=lambda f: True)


def _rule_text(f: Fact) -> str:
    """`5 years, renewable once (OIC/charter-2008)`: a term rule as a reason names it."""
    renewable, document = f.qualifier("renewable"), f.qualifier("document")
    if renewable and document:
        return reason("rule_text.renewable_document", n=f.value, renewable=renewable, document=document)
    if renewable:
        return reason("rule_text.renewable", n=f.value, renewable=renewable)
    if document:
        return reason("rule_text.document", n=f.value, document=document)
    return reason("rule_text.years", n=f.value)


def _was_rule(f: Fact) -> str:
    if f.start and f.end:
        return reason("term_was_from_until", n=f.value, start=f.start, end=f.end)
    if f.start:
        return reason("term_was_from", n=f.value, start=f.start)
    if f.end:
        return reason("term_was_until", n=f.value, end=f.end)
    return reason("term_was", n=f.value)


@checks("term_of_office")
def _term_of_office(claim: Claim, kb: KB) -> Verdict:
    """Judged against the rule in force at the time the claim speaks of, which the verdict names."""
    fact = claim.fact
    rules = _curated(kb.facts(subject=fact.subject, predicate="term_of_office"))
    if not rules:
        return Verdict(NEW, (), reason("term_none"), "check.term.v2")
    at = fact.start or claim.at
    if fact.start is None and fact.end is not None:
        # "until 2008 the term was four years": the claim speaks of the time before its end, whatever
        # the time of the document that says it
        at = Date.from_date(fact.end.earliest - dt.timedelta(days=1))
        in_force = [f for f in rules if f.holds_at(at) is not Truth.NO]
        when = reason("when.before", end=fact.end)
    elif at is None:
        in_force = [f for f in rules if f.end is None]
        when = reason("when.today_claim")
    else:
        in_force = [f for f in rules if f.holds_at(at) is not Truth.NO]
        when = reason("when.at", at=at)
    if not in_force:
        return Verdict(UNVERIFIABLE, tuple(rules), reason("term_no_rule", when=when), "check.term.v2")
    agreeing = [f for f in in_force if (f.value or "").strip() == (fact.value or "").strip()]
    renewable = fact.qualifier("renewable")
    if renewable:
        agreeing = [f for f in agreeing if f.qualifier("renewable") in (None, renewable)]
    decided = agreeing or in_force
    rule_text = "; ".join(_rule_text(f) for f in decided)
    if agreeing:
        return Verdict(SUPPORTED, tuple(agreeing), reason("term_rule", when=when, rule_text=rule_text), "check.term.v2")
    other = [f for f in rules if f not in in_force and (f.value or "").strip() == (fact.value or "").strip()]
    earlier = "".join(f"; {_was_rule(f)}" for f in other)
    return Verdict(CONTRADICTED, tuple(in_force) + tuple(other), reason("term_rule", when=when, rule_text=rule_text) + earlier,
                   "check.term.v2")
