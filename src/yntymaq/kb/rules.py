"""Derivation rules: facts computed from other facts, never typed in twice.

Each rule has a versioned name, stored with every fact it derives, so provenance stays exact when a
rule changes.
"""

from __future__ import annotations

from yntymaq.kb.meetings import BODIES
from yntymaq.vocab import Fact, Origin

CHAIR_RULE = "chair.from_sessions.v1"
MEMBER_COUNT_RULE = "member_count.v1"


def counts_in_chain(fact: Fact) -> bool:
    """Is this `meeting_of` fact an ordinary, numbered session of a body that passes a chair on?

    A fact without a series qualifier (a row of facts.csv) counts by its body and kind alone.
    """
    series = fact.qualifier("series")
    return (fact.object in BODIES.values() and fact.qualifier("kind") == "ordinary"
            and (fact.qualifier("ordinal") or "").isdigit() and (series is None or BODIES.get(series) == fact.object))


def derive_chairs(facts: list[Fact]) -> list[Fact]:
    """The host of a body's ordinary session N chairs the body from N's opening until N+1's.

    Only the chain of a body's own ordinary, numbered sessions counts (see meetings.py): extraordinary
    sessions, unnumbered meetings and meetings of other series never pass the chair on. The last
    chair's term is open.
    """
    sessions: dict[str, list[tuple[int, Fact]]] = {}
    hosts: dict[str, Fact] = {}
    seen: set[str] = set()
    for fact in facts:
        # Where sources disagree on a session, the first row (meetings.csv) carries the chain.
        if fact.predicate == "meeting_of" and fact.subject not in seen and counts_in_chain(fact):
            seen.add(fact.subject)
            sessions.setdefault(fact.object, []).append((int(fact.qualifier("ordinal")), fact))
        elif fact.predicate == "hosted_by":
            hosts.setdefault(fact.subject, fact)
    derived = []
    for body in BODIES.values():
        chain = sorted(sessions.get(body, []), key=lambda pair: pair[0])
        for i, (ordinal, session) in enumerate(chain):
            host = hosts.get(session.subject)
            if host is None or session.start is None:
                continue
            following = chain[i + 1] if i + 1 < len(chain) else None
            if following and following[0] != ordinal + 1:
                continue  # a session is missing from the data: when this chair ended is unknown
            following = following[1] if following else None
            end = following.start if following else None
            sources = session.sources + (following.sources if following else ())
            derived.append(Fact(
                subject=body, predicate="chaired_by", object=host.object, start=session.start, end=end,
                qualifiers=(("meeting", session.subject),), sources=tuple(dict.fromkeys(sources)),
                origin=Origin.DERIVED, rule=CHAIR_RULE, where=session.where,
            ))
    return derived


def derive_all(facts: list[Fact]) -> list[Fact]:
    return derive_chairs(facts)
