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
        return Verdict(UNVERIFIABLE, reason="the claim's subject is not linked to the knowledge base",
                       rule="check.unlinked.v1")
    if fact.object is not None and fact.object not in kb.entities:
        return Verdict(UNVERIFIABLE, reason="the claim's object is not linked to the knowledge base",
                       rule="check.unlinked.v1")
    checker = _CHECKERS.get(fact.predicate)
    if checker is None:
        return Verdict(UNVERIFIABLE, reason=f"no check is defined for {fact.predicate}", rule="check.none.v1")
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
        return Verdict(SUPPORTED, tuple(agreeing), f"the knowledge base states the same {what}", rule)
    if matching:
        return Verdict(CONTRADICTED, tuple(matching), f"the knowledge base gives other dates for this {what}", rule)
    if candidates and closed:
        return Verdict(CONTRADICTED, tuple(candidates), f"the knowledge base states another {what}", rule)
    return Verdict(NEW, (), f"the knowledge base holds nothing on this {what}", rule)


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
        span = f"{f.start or '…'}–{f.end or 'open'}"
        return f"{span} ({', '.join(s.id for s in f.sources)})"

    reason = f"{verdict.reason}; the sources disagree: " + " / ".join(version(f) for f in versions)
    return Verdict(verdict.kind, tuple(evidence), reason, verdict.rule)


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
            return Verdict(CONTRADICTED, (), f"{fact.subject} has never had the status {status}", rule)
        return Verdict(NEW, (), "the knowledge base holds no membership for this subject", rule)
    same_status = [f for f in history if f.qualifier("status") == status]
    if fact.start is None:
        at = claim.at
        if at is None:
            # The text gives no time: judged today, or at any time the status held.
            now = Date.today()
            if any(f.holds_at(now) is not Truth.NO for f in same_status):
                return Verdict(SUPPORTED, tuple(same_status),
                               f"the knowledge base records the status {status} today (the text gives no time)", rule)
            if same_status:
                # a text speaks of its own time, which may be when the status held
                return Verdict(SUPPORTED, tuple(same_status),
                               f"the knowledge base records the status {status} {_spans(same_status)} "
                               "(the text gives no time)", rule)
            return Verdict(CONTRADICTED, tuple(history), f"the knowledge base never records the status {status}", rule)
        if any(f.holds_at(at) is not Truth.NO for f in same_status):
            return Verdict(SUPPORTED, tuple(same_status), f"the knowledge base records the status {status} at {at}", rule)
        return Verdict(CONTRADICTED, tuple(history), f"the knowledge base does not record the status {status} at {at}", rule)
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
        return Verdict(UNVERIFIABLE, (), f"{fact.value!r} is not a number", rule)
    when = f"at {at}" if dated else "today (the text gives no time)"
    more_than = fact.qualifier("qualifier") == "more_than"
    if more_than and known > claimed:
        return Verdict(SUPPORTED, evidence, f"{known} {when}, more than {claimed}, derived by {count.rule}", rule)
    if count.uncertain and claimed in range(known, known + len(count.uncertain) + 1):
        return Verdict(SUPPORTED, evidence, f"{known} to {known + len(count.uncertain)} {when}, derived by {count.rule}", rule)
    if claimed == known and not more_than:
        return Verdict(SUPPORTED, evidence, f"{known} {when}, derived by {count.rule}", rule)
    if not dated:
        return Verdict(UNVERIFIABLE, evidence, f"the text gives no time; the knowledge base counts {known} today", rule)
    return Verdict(CONTRADICTED, evidence, f"the knowledge base counts {known} {when} ({count.rule})", rule)


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
                return Verdict(SUPPORTED, tuple(same), "the knowledge base derives the same chair from the sessions", rule)
            return Verdict(CONTRADICTED, tuple(at_meeting), "the knowledge base derives another chair for that session", rule)
    if not known:
        return Verdict(NEW, (), "the knowledge base holds nothing on this chair", rule)
    mine = [f for f in known if f.object == fact.object]
    at = fact.start or claim.at
    if fact.start is None and fact.end is None:
        if at is not None:
            if any(f.holds_at(at) is not Truth.NO for f in mine):
                return Verdict(SUPPORTED, tuple(mine), f"the knowledge base derives the same chair at {at}", rule)
            holders = [f for f in known if f.holds_at(at) is Truth.YES]
            if holders and mine:
                # the text's own time, not a date of the claim: a text speaks of the chair to come or
                # just gone as often as of the present one
                return Verdict(UNVERIFIABLE, tuple(mine + holders),
                               f"the knowledge base derives this chair {_spans(mine)}, and another at {at}, "
                               "the text's time", rule)
            if holders:
                return Verdict(CONTRADICTED, tuple(holders), f"the knowledge base derives another chair at {at}", rule)
            return Verdict(UNVERIFIABLE, tuple(mine), f"the knowledge base cannot tell the chair at {at}", rule)
        if mine:
            return Verdict(SUPPORTED, tuple(mine), f"the knowledge base derives this chair {_spans(mine)} "
                           "(the text gives no time)", rule)
        # An undated chair that never held is as likely another body's (the OIC's chair is the
        # summit's; a session's chair is its host) as a false one.
        return Verdict(UNVERIFIABLE, (), "the text gives no time, and the knowledge base never derives this chair", rule)
    return _judge(claim, known, rule=rule, what="chair", same=lambda f: f.object == fact.object)


@checks("participated_in")
def _participated_in(claim: Claim, kb: KB) -> Verdict:
    fact = claim.fact
    known = _curated(kb.facts(subject=fact.subject, predicate="participated_in", object=fact.object))
    if known:
        return Verdict(SUPPORTED, tuple(known), "the knowledge base records this participation", "check.participation.v1")
    # Participation lists are not complete: absence is no contradiction.
    return Verdict(NEW, (), "the knowledge base does not record this participation", "check.participation.v1")


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
            return Verdict(CONTRADICTED, tuple(others), f"another person held the office at {at}", rule)
        return Verdict(NEW, (), "the knowledge base does not record this holder", rule)
    if fact.start is None and fact.end is None:
        if at is not None and not any(f.holds_at(at) is not Truth.NO for f in mine):
            others = [f for f in known if f.holds_at(at) is Truth.YES]
            return Verdict(CONTRADICTED, tuple(mine) + tuple(others),
                           f"the person held the office {_spans(mine)}, not at {at}", rule)
        when = f"at {at}" if at is not None else f"{_spans(mine)} (the text gives no time)"
        return Verdict(SUPPORTED, tuple(mine), f"the knowledge base records this holder {when}", rule)
    return _judge(claim, mine, rule=rule, what="term in office", same=lambda f: True)


@checks("term_of_office")
def _term_of_office(claim: Claim, kb: KB) -> Verdict:
    """Judged against the rule in force at the time the claim speaks of, which the verdict names."""
    fact = claim.fact
    rules = _curated(kb.facts(subject=fact.subject, predicate="term_of_office"))
    if not rules:
        return Verdict(NEW, (), "the knowledge base holds no term for this office", "check.term.v2")
    at = fact.start or claim.at
    if fact.start is None and fact.end is not None:
        # "until 2008 the term was four years": the claim speaks of the time before its end, whatever
        # the time of the document that says it
        at = Date.from_date(fact.end.earliest - dt.timedelta(days=1))
        in_force = [f for f in rules if f.holds_at(at) is not Truth.NO]
        when = f"before {fact.end}"
    elif at is None:
        in_force = [f for f in rules if f.end is None]
        when = "today (the claim gives no time)"
    else:
        in_force = [f for f in rules if f.holds_at(at) is not Truth.NO]
        when = f"at {at}"
    if not in_force:
        return Verdict(UNVERIFIABLE, tuple(rules), f"no rule on record was in force {when}", "check.term.v2")
    agreeing = [f for f in in_force if (f.value or "").strip() == (fact.value or "").strip()]
    renewable = fact.qualifier("renewable")
    if renewable:
        agreeing = [f for f in agreeing if f.qualifier("renewable") in (None, renewable)]
    decided = agreeing or in_force
    rule_text = "; ".join(f"{f.value} years" + (f", renewable {f.qualifier('renewable')}" if f.qualifier("renewable") else "")
                          + (f" ({f.qualifier('document')})" if f.qualifier("document") else "") for f in decided)
    if agreeing:
        return Verdict(SUPPORTED, tuple(agreeing), f"the rule in force {when}: {rule_text}", "check.term.v2")
    other = [f for f in rules if f not in in_force and (f.value or "").strip() == (fact.value or "").strip()]
    earlier = "".join(f"; {f.value} years was the rule" + (f" from {f.start}" if f.start else "")
                      + (f" until {f.end}" if f.end else "") for f in other)
    return Verdict(CONTRADICTED, tuple(in_force) + tuple(other), f"the rule in force {when}: {rule_text}{earlier}",
                   "check.term.v2")
