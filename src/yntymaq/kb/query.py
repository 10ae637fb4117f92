"""Temporal questions to the knowledge base: who was a member, who chaired, who held office, when.

`KB` is the library's entry point; the CLI and the web call its methods and format what they return.
Every answer row says whether it is certain at the precision of the dates involved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from yntymaq import settings
from yntymaq.errors import Ambiguous, BadInput, NotFound
from yntymaq.kb.meetings import BODIES, KINDS, SERIES, series_key
from yntymaq.kb.names import fold
from yntymaq.kb.rules import MEMBER_COUNT_RULE
from yntymaq.vocab import PREDICATES, Date, Entity, EntityType, Fact, Origin, Reference, Truth

ORGANISATION = "OIC"
SECRETARY_GENERAL = "OIC/secretary-general"
# When one name fits several entities, the more likely meaning of a bare name comes first.
_TYPE_PRIORITY = [EntityType.STATE, EntityType.ORGANISATION, EntityType.ORGAN, EntityType.OFFICE,
                  EntityType.PERSON, EntityType.PLACE, EntityType.MEETING, EntityType.DOCUMENT]


def parse_date(text: str | None, *, field_name: str = "date") -> Date | None:
    """A user's date (`1995`, `2011-06`, `2012-03-01`, or `today`), with an error naming the field."""
    if text is None or text == "":
        return None
    if text.strip().lower() in ("today", "бүгін", "сегодня"):
        return Date.today()
    try:
        return Date.parse(text)
    except ValueError as err:
        raise BadInput(f"{field_name}: {err}") from None


def ref_json(entity: Entity | None, lang: str) -> dict | None:
    return {"id": entity.id, "label": entity.label(lang)} if entity else None


def source_json(source: Reference) -> dict:
    return {"id": source.id, "title": source.title, "url": source.url, "publisher": source.publisher,
            "locator": source.locator}


def _str(d: Date | None) -> str | None:
    return str(d) if d else None


def version_json(fact: Fact) -> dict:
    """One source's version of a fact where sources disagree: its dates, status and sources."""
    return {"fact": fact.id, "status": fact.qualifier("status"), "start": _str(fact.start), "end": _str(fact.end),
            "where": fact.where, "sources": [source_json(s) for s in fact.sources]}


def _disagreement(alternatives: tuple[Fact, ...]) -> dict:
    """The keys every listed row carries: `disagree` and `conflict`, the other sources' versions of the
    row (empty when the sources agree). A list shows one row per disagreement, never one per source."""
    return {"disagree": bool(alternatives), "conflict": [version_json(f) for f in alternatives]}


@dataclass(frozen=True)
class MemberRow:
    state: Entity
    status: str
    start: Date | None
    end: Date | None
    certain: bool
    fact: Fact
    alternatives: tuple[Fact, ...] = ()  # other sources' versions of this row (see KB.conflicts)

    def to_dict(self, lang: str = "kk") -> dict:
        return {"state": self.state.id, "state_label": self.state.label(lang), "status": self.status,
                "start": _str(self.start), "end": _str(self.end), "certain": self.certain,
                "sources": [source_json(s) for s in self.fact.sources]} | _disagreement(self.alternatives)


@dataclass(frozen=True)
class MemberCount:
    at: Date
    members: int
    suspended: int
    observers: int
    uncertain: list[str]
    rule: str = MEMBER_COUNT_RULE

    def to_dict(self, lang: str = "kk") -> dict:
        return {"at": str(self.at), "members": self.members, "suspended": self.suspended,
                "observers": self.observers, "uncertain": self.uncertain, "rule": self.rule}


@dataclass(frozen=True)
class ChairRow:
    body: Entity
    state: Entity
    meeting: Entity | None
    start: Date | None
    end: Date | None
    certain: bool
    fact: Fact

    def to_dict(self, lang: str = "kk") -> dict:
        return {"body": self.body.id, "state": self.state.id, "state_label": self.state.label(lang),
                "meeting": ref_json(self.meeting, lang), "start": _str(self.start), "end": _str(self.end),
                "certain": self.certain, "rule": self.fact.rule,
                "sources": [source_json(s) for s in self.fact.sources]}


@dataclass(frozen=True)
class OfficeRow:
    office: Entity
    person: Entity
    citizen_of: list[Entity]
    start: Date | None
    end: Date | None
    certain: bool
    fact: Fact
    alternatives: tuple[Fact, ...] = ()  # other sources' versions of this term (see KB.conflicts)

    def to_dict(self, lang: str = "kk") -> dict:
        return {"office": self.office.id, "person": self.person.id, "person_label": self.person.label(lang),
                "citizen_of": [ref_json(e, lang) for e in self.citizen_of],
                "start": _str(self.start), "end": _str(self.end), "certain": self.certain,
                "sources": [source_json(s) for s in self.fact.sources]} | _disagreement(self.alternatives)


@dataclass(frozen=True)
class MeetingRow:
    meeting: Entity
    body: str  # the series key: summit, cfm, st-summit, comcec, ... (see kb/meetings.py)
    kind: str
    ordinal: int | None  # None for a meeting known only by date and place
    city: Entity | None  # None for a meeting held online
    country: Entity | None
    start: Date | None
    end: Date | None
    sources: tuple[Reference, ...]
    organ: Entity | None = None  # what it is a meeting of: OIC/cfm, COMCEC, OIC, ...
    joint: Entity | None = None  # the other organisation of a joint meeting

    def to_dict(self, lang: str = "kk") -> dict:
        return {"id": self.meeting.id, "label": self.meeting.label(lang), "body": self.body,
                "body_id": self.organ.id if self.organ else None, "joint": ref_json(self.joint, lang),
                "ordinal": self.ordinal, "kind": self.kind, "city": ref_json(self.city, lang),
                "country": ref_json(self.country, lang), "start": _str(self.start), "end": _str(self.end),
                "sources": [source_json(s) for s in self.sources]}


@dataclass(frozen=True)
class TimelineEvent:
    date: Date
    what: str  # "start" or "end" (or "on" for a meeting)
    fact: Fact
    other: Entity | None

    def to_dict(self, kb: "KB", lang: str = "kk") -> dict:
        return {"date": str(self.date), "what": self.what, "predicate": self.fact.predicate,
                "predicate_label": PREDICATES[self.fact.predicate].label(lang),
                "subject": ref_json(kb.entity_or_none(self.fact.subject), lang),
                "object": ref_json(self.other, lang), "value": self.fact.value,
                "qualifiers": dict(self.fact.qualifiers), "fact": self.fact.id,
                "sources": [source_json(s) for s in self.fact.sources]}


@dataclass(frozen=True)
class Conflict:
    """Curated facts from different sources that cannot all be right; the KB keeps each with its source."""

    subject: Entity
    predicate: str
    facts: tuple[Fact, ...]

    def to_dict(self, lang: str = "kk") -> dict:
        return {"subject": ref_json(self.subject, lang), "predicate": self.predicate,
                "predicate_label": PREDICATES[self.predicate].label(lang),
                "subject_type": self.subject.type.value,
                "versions": [{"fact": f.id, "object": f.object, "value": f.value, "start": _str(f.start),
                              "end": _str(f.end), "qualifiers": dict(f.qualifiers), "where": f.where,
                              "sources": [source_json(s) for s in f.sources]} for f in self.facts]}


# Predicates with one true answer per subject (a meeting has one place and one span of days).
_FUNCTIONAL = ("meeting_of", "held_in", "hosted_by", "founded")
# Predicates whose rows conflict when they overlap in time but disagree on when they began or ended.
_INTERVALS = ("member_of", "holds_office")


@dataclass
class Record:
    """Everything the knowledge base says of one entity, grouped the way its page shows it."""

    entity: Entity
    facts: list[Fact]
    membership: list[MemberRow] = field(default_factory=list)
    hosted: list[MeetingRow] = field(default_factory=list)
    chairmanships: list[ChairRow] = field(default_factory=list)
    offices: list[OfficeRow] = field(default_factory=list)
    meeting: MeetingRow | None = None
    chair: list[ChairRow] = field(default_factory=list)
    previous: Entity | None = None
    next: Entity | None = None
    conflicts: list[Conflict] = field(default_factory=list)


class KB:
    """The knowledge base, opened from a store (SQLite file or database URL)."""

    def __init__(self, store):
        self.store = store

    @classmethod
    def open(cls, db: str | None = None) -> "KB":
        from yntymaq.kb.reader import open_store  # an SQLite file is read without SQLAlchemy

        store = open_store(settings.get("db", db))
        if not store.is_built():
            raise NotFound(f"the knowledge base at {store.url} is empty: run `yntymaq build` first")
        return cls(store)

    # -- entities and names ---------------------------------------------------------------

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return {e.id: e for e in self.store.entities()}

    @cached_property
    def _name_index(self) -> dict[str, list[tuple[str, bool]]]:
        index: dict[str, list[tuple[str, bool]]] = {}
        for e in self.entities.values():
            for lang, name in e.names.items():
                index.setdefault(fold(name), []).append((e.id, True))
            for lang, name in e.aliases:
                index.setdefault(fold(name), []).append((e.id, False))
        return index

    @cached_property
    def _all_facts(self) -> list[Fact]:
        """The curated and derived facts, read once: the knowledge base changes only with `yntymaq build`."""
        return self.store.facts()

    @cached_property
    def _about_index(self) -> dict[str, list[Fact]]:
        """Facts by every entity they are about (subject, object or a qualifier's value), in id order:
        the same facts as `Store.facts(about=...)`, so that a page needs no query per entity."""
        index: dict[str, list[Fact]] = {}
        for f in self._all_facts:
            for ident in {f.subject, f.object, *(x for pair in f.qualifiers for x in pair)} - {None}:
                index.setdefault(ident, []).append(f)
        return index

    def facts_about(self, ident: str) -> list[Fact]:
        """The curated and derived facts whose subject, object or a qualifier is `ident`, by id."""
        return list(self._about_index.get(ident, ()))

    @cached_property
    def _facts_index(self) -> dict[tuple, list[Fact]]:
        """Curated and derived facts by subject, predicate and object, in memory: checking a claim
        asks several questions of the KB, and a few hundred facts answer faster here than in SQL."""
        index: dict[tuple, list[Fact]] = {}
        for f in self._all_facts:
            # A set: for a fact without an object some of these keys coincide.
            for key in {(f.subject, None, None), (f.subject, f.predicate, None), (None, f.predicate, None),
                        (None, f.predicate, f.object), (f.subject, f.predicate, f.object), (None, None, f.object)}:
                index.setdefault(key, []).append(f)
        return index

    def facts(self, *, subject: str | None = None, predicate: str | None = None,
              object: str | None = None) -> list[Fact]:
        """The curated and derived facts matching every filter given (at least one)."""
        if subject is None and predicate is None and object is None:
            raise BadInput("facts: give a subject, a predicate or an object")
        if subject is None and object is not None and predicate is None:
            return list(self._facts_index.get((None, None, object), ()))
        return list(self._facts_index.get((subject, predicate, object), ()))

    def entity(self, ident: str) -> Entity:
        found = self.entity_or_none(ident)
        if found is None:
            raise NotFound(f"no entity has the id {ident!r}")
        return found

    def entity_or_none(self, ident: str | None) -> Entity | None:
        return self.entities.get(ident) if ident else None

    @cached_property
    def name_index(self):
        """Every name's skeleton, for the fuzzy lookups of `yntymaq.kb.search`."""
        from yntymaq.kb.search import NameIndex

        return NameIndex(self.entities)

    def lookup(self, text: str) -> list[Entity]:
        """Every entity one of whose names (or id) is `text`, best first. Kazakh case endings are
        tried too, so `Қазақстанның` finds Kazakhstan."""
        text = text.strip()
        if text in self.entities:
            return [self.entities[text]]
        by_id = [e for i, e in self.entities.items() if i.casefold() == text.casefold()]
        if by_id:
            return by_id
        hits = self._name_index.get(fold(text))
        if not hits:
            for stem in _kazakh_stems(text):
                hits = self._name_index.get(fold(stem))
                if hits:
                    break
        if not hits:
            return []
        ranked = sorted(set(hits), key=lambda h: (not h[1], _TYPE_PRIORITY.index(self.entities[h[0]].type), h[0]))
        return [self.entities[i] for i in dict.fromkeys(i for i, _ in ranked)]

    def resolve(self, text: str) -> Entity:
        """The one entity `text` names; an error lists the candidates when it names several equally."""
        found = self.lookup(text)
        if not found:
            raise NotFound(f"no entity is named {text!r}: try its id (KZ, OIC/cfm/38) or another spelling")
        if len(found) > 1:
            first, second = found[0], found[1]
            if first.type == second.type and self._preferred(first, text) == self._preferred(second, text):
                raise Ambiguous(
                    f"{text!r} names several entities: {', '.join(f'{e.id} ({e.label()})' for e in found)}; give the id",
                    [e.id for e in found])
        return found[0]

    def _preferred(self, entity: Entity, text: str) -> bool:
        return any(fold(n) == fold(text) for n in entity.names.values())

    # -- membership ------------------------------------------------------------------------

    def members(self, *, at: Date | None = None, status: str | None = None,
                organisation: str = ORGANISATION) -> list[MemberRow]:
        """The states of `organisation` at a date (today by default) with their status. Organisations
        that observe it are not among them (see `observer_organisations`)."""
        return self._membership(at=at, status=status, organisation=organisation, states=True)

    def observer_organisations(self, *, at: Date | None = None,
                               organisation: str = ORGANISATION) -> list[MemberRow]:
        """The international organisations that observe `organisation` at a date (today by default)."""
        return self._membership(at=at, status="observer", organisation=organisation, states=False)

    def _membership(self, *, at: Date | None, status: str | None, organisation: str,
                    states: bool) -> list[MemberRow]:
        from yntymaq.kb.dataset import STATUSES

        if status is not None and status not in STATUSES:
            raise BadInput(f"status: {status!r} is not one of {', '.join(STATUSES)}")
        at = at or Date.today()
        rows = []
        member_facts = [f for f in self.facts(predicate="member_of", object=organisation)
                        if (e := self.entity_or_none(f.subject)) is not None and (e.type is EntityType.STATE) == states]
        for versions in self.versions(member_facts):
            truth, fact, others = _at(versions, at)
            if truth is Truth.NO or (status and fact.qualifier("status") != status):
                continue
            rows.append(MemberRow(self.entity(fact.subject), fact.qualifier("status"), fact.start, fact.end,
                                  truth is Truth.YES, fact, others))
        rows.sort(key=lambda r: (r.state.label("en"), r.start.sort_key() if r.start else (dt.date.min, 0)))
        return rows

    def member_count(self, *, at: Date | None = None, organisation: str = ORGANISATION) -> MemberCount:
        """How many members (suspended ones included) and observers at a date, derived from member_of.

        Each state counts once. Where sources disagree on its dates (one row with alternatives, see
        `members`) and the date falls between their versions, or two sources give it two statuses
        then, the state is uncertain, not counted twice."""
        at = at or Date.today()
        certain: dict[str, set[str]] = {}
        seen: set[str] = set()
        disputed: set[str] = set()  # a disagreement of sources leaves the state's status open then
        for row in self.members(at=at, organisation=organisation):
            seen.add(row.state.id)
            if row.certain:
                certain.setdefault(row.state.id, set()).add(row.status)
            elif row.alternatives:
                disputed.add(row.state.id)
        sure = {state: next(iter(found)) for state, found in certain.items()
                if len(found) == 1 and state not in disputed}
        unsure = seen - set(sure)
        statuses = list(sure.values())
        return MemberCount(
            at=at,
            members=sum(s in ("member", "suspended") for s in statuses),
            suspended=statuses.count("suspended"),
            observers=statuses.count("observer"),
            uncertain=sorted(unsure),
        )

    def membership_history(self, state: str, organisation: str = ORGANISATION) -> list[MemberRow]:
        """A state's rows, oldest first; the versions of one disagreement are one row with alternatives."""
        facts = self.facts(subject=state, predicate="member_of", object=organisation)
        rows = [MemberRow(self.entity(state), v[0].qualifier("status"), v[0].start, v[0].end, True, v[0], tuple(v[1:]))
                for v in self.versions(facts)]
        return sorted(rows, key=lambda r: r.start.sort_key() if r.start else (dt.date.min, 0))

    # -- chairs and offices ----------------------------------------------------------------

    def chairs(self, *, body: str = "cfm", at: Date | None = None) -> list[ChairRow]:
        """Who chaired a body (cfm or summit, or an organ id), derived from its sessions."""
        body_id = BODIES.get(body, body)
        if body_id not in BODIES.values():
            raise BadInput(f"body: {body!r} is not one of {', '.join(BODIES)}")
        rows = []
        for fact in self.facts(subject=body_id, predicate="chaired_by"):
            truth = fact.holds_at(at) if at else Truth.YES
            if truth is Truth.NO:
                continue
            rows.append(ChairRow(self.entity(body_id), self.entity(fact.object),
                                 self.entity_or_none(fact.qualifier("meeting")), fact.start, fact.end,
                                 truth is Truth.YES, fact))
        return sorted(rows, key=lambda r: r.start.sort_key() if r.start else (dt.date.min, 0))

    def office_holders(self, *, office: str = SECRETARY_GENERAL, at: Date | None = None) -> list[OfficeRow]:
        """Who held an office (every holder, or those at a date); the versions of one disagreement on a
        term are one row with alternatives, uncertain at a date between them."""
        rows = []
        for versions in self.versions(self.facts(predicate="holds_office", object=office)):
            truth, fact, others = _at(versions, at) if at else (Truth.YES, versions[0], tuple(versions[1:]))
            if truth is Truth.NO:
                continue
            citizenship = [self.entity(f.object) for f in self.facts(subject=fact.subject, predicate="citizen_of")]
            rows.append(OfficeRow(self.entity(office), self.entity(fact.subject), citizenship, fact.start, fact.end,
                                  truth is Truth.YES, fact, others))
        return sorted(rows, key=lambda r: r.start.sort_key() if r.start else (dt.date.min, 0))

    # -- meetings --------------------------------------------------------------------------

    @cached_property
    def _meetings(self) -> list[MeetingRow]:
        facts = [f for f in self._all_facts if f.predicate in ("meeting_of", "held_in", "hosted_by")]
        # A meeting's row is the one meetings.csv defines; a facts.csv row on the same meeting is another
        # source's version (other days, another host) and must not replace it, whatever the store's order.
        facts = sorted(facts, key=lambda f: not (f.where or "").startswith("meetings.csv:"))
        by_meeting: dict[str, dict[str, Fact]] = {}
        for f in facts:
            if f.origin is Origin.CURATED:
                by_meeting.setdefault(f.subject, {}).setdefault(f.predicate, f)
        body_names = {v: k for k, v in BODIES.items()}
        rows = []
        for ident, group in by_meeting.items():
            of = group.get("meeting_of")
            series = of.qualifier("series") or body_names.get(of.object) if of else None
            if series not in SERIES:
                continue  # a meeting declared in entities.csv (WIEF/7), not one of the OIC's series
            held, host = group.get("held_in"), group.get("hosted_by")
            ordinal = of.qualifier("ordinal")
            rows.append(MeetingRow(
                self.entity(ident), series, of.qualifier("kind"), int(ordinal) if ordinal else None,
                self.entity_or_none(held.object if held else None), self.entity_or_none(host.object if host else None),
                of.start, of.end, of.sources, self.entity_or_none(of.object), self.entity_or_none(of.qualifier("joint")),
            ))
        return sorted(rows, key=lambda r: (r.start.sort_key() if r.start else (dt.date.min, 0), r.meeting.id))

    def meetings(self, *, body: str | None = None, kind: str | None = None, year: int | None = None,
                 number: int | None = None, place: str | None = None) -> list[MeetingRow]:
        """Meetings of every series, filtered by body (a series: summit, cfm, comcec, ...), kind, year,
        number and place (a city or a state)."""
        if body is not None:
            body = series_key(body)
        if kind is not None and kind not in KINDS:
            raise BadInput(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
        place_id = self.resolve(place).id if place else None
        out = []
        for row in self._meetings:
            if body and row.body != body or kind and row.kind != kind or number and row.ordinal != number:
                continue
            if year and not (row.start and (row.start.year == year or (row.end and row.start.year <= year <= row.end.year))):
                continue
            if place_id and place_id not in (row.city and row.city.id, row.country and row.country.id):
                continue
            out.append(row)
        return out

    def meeting(self, ident: str) -> MeetingRow:
        for row in self._meetings:
            if row.meeting.id == ident:
                return row
        raise NotFound(f"no meeting has the id {ident!r}")

    # -- records and timelines ---------------------------------------------------------------

    def record(self, ident: str) -> Record:
        entity = self.entity(ident)
        record = Record(entity, self.facts_about(ident))
        record.conflicts = self.conflicts(ident)
        if entity.type is EntityType.STATE:
            record.membership = self.membership_history(ident)
            record.hosted = [m for m in self._meetings if m.country and m.country.id == ident]
            record.chairmanships = [c for body in BODIES for c in self.chairs(body=body) if c.state.id == ident]
        if entity.type in (EntityType.PERSON, EntityType.OFFICE):
            offices = dict.fromkeys(f.object for f in record.facts if f.predicate == "holds_office" and f.subject == ident)
            rows = self.office_holders(office=ident) if entity.type is EntityType.OFFICE else [
                row for office in offices for row in self.office_holders(office=office) if row.person.id == ident]
            record.offices = rows
        if entity.type is EntityType.MEETING:
            try:
                record.meeting = self.meeting(ident)
            except NotFound:
                record.meeting = None
            if record.meeting:
                m = record.meeting
                if m.body in BODIES:
                    record.chair = [c for c in self.chairs(body=m.body) if c.meeting and c.meeting.id == ident]
                if m.ordinal is not None:
                    same = [r for r in self._meetings if r.body == m.body and r.kind == m.kind and r.ordinal is not None]
                    by_ordinal = {r.ordinal: r.meeting for r in same}
                    record.previous = by_ordinal.get(m.ordinal - 1)
                    record.next = by_ordinal.get(m.ordinal + 1)
        return record

    def conflicts(self, ident: str | None = None) -> list[Conflict]:
        """Where curated sources disagree: every version is kept, each with its source."""
        # from the facts already in memory: `conflict_of` asks this of every list and card
        if ident is None:
            facts = [f for p in (*_FUNCTIONAL, *_INTERVALS) for f in self._facts_index.get((None, p, None), ())]
        else:
            facts = self._facts_index.get((ident, None, None), [])
        facts = [f for f in facts if f.origin is Origin.CURATED]
        groups: dict[tuple, list[Fact]] = {}
        for f in facts:
            if f.predicate in _FUNCTIONAL:
                groups.setdefault((f.subject, f.predicate), []).append(f)
            elif f.predicate in _INTERVALS:
                groups.setdefault((f.subject, f.predicate, f.object, f.qualifier("status")), []).append(f)
        out = []
        for key, group in groups.items():
            if len(group) < 2:
                continue
            if key[1] in _FUNCTIONAL:
                versions = {(f.object, f.value, f.start, f.end) for f in group}
                clash = group if len(versions) > 1 else []
            else:
                clash = [f for f in group if any(
                    g is not f and (g.start, g.end) != (f.start, f.end) and _overlap(f, g) for g in group)]
            if clash:
                out.append(Conflict(self.entity(key[0]), key[1], tuple(clash)))
        return sorted(out, key=lambda c: (c.subject.id, c.predicate))

    @cached_property
    def _conflict_of_fact(self) -> dict[int, Conflict]:
        return {f.id: c for c in self.conflicts() for f in c.facts if f.id is not None}

    def conflict_of(self, fact: Fact) -> Conflict | None:
        """The disagreement a curated fact is one version of, if sources disagree on it."""
        return self._conflict_of_fact.get(fact.id) if fact.id is not None else None

    def versions(self, facts: list[Fact]) -> list[list[Fact]]:
        """The facts grouped so that the versions of one disagreement make one group (in the order
        of the dataset's files), every other fact a group of its own; groups in the order first met."""
        groups: dict[tuple, list[Fact]] = {}
        for f in facts:
            conflict = self.conflict_of(f)
            key = ("conflict", conflict.subject.id, conflict.predicate, conflict.facts[0].id) if conflict else ("fact", f.id, id(f))
            groups.setdefault(key, []).append(f)
        return [sorted(g, key=_file_order) for g in groups.values()]

    def timeline(self, ident: str) -> list[TimelineEvent]:
        """The dated facts of an entity as events, oldest first."""
        self.entity(ident)
        events = []
        for fact in self.facts_about(ident):
            other_id = fact.object if fact.subject == ident else fact.subject
            other = self.entity_or_none(other_id)
            if fact.start:
                events.append(TimelineEvent(fact.start, "on" if fact.info.end_inclusive else "start", fact, other))
            if fact.end and not fact.info.end_inclusive:
                events.append(TimelineEvent(fact.end, "end", fact, other))
        return sorted(events, key=lambda e: (e.date.sort_key(), e.what != "end"))



_TRUTH_ORDER = {Truth.YES: 0, Truth.MAYBE: 1, Truth.NO: 2}


def _at(versions: list[Fact], at: Date) -> tuple[Truth, Fact, tuple[Fact, ...]]:
    """Whether one row, given by its sources' versions, holds at a date: YES only when every version
    holds, NO only when none does, else MAYBE. The version that holds best is shown, the rest kept."""
    truths = [f.holds_at(at) for f in versions]
    if all(t is Truth.YES for t in truths):
        truth = Truth.YES
    elif all(t is Truth.NO for t in truths):
        truth = Truth.NO
    else:
        truth = Truth.MAYBE
    order = sorted(range(len(versions)), key=lambda i: _TRUTH_ORDER[truths[i]])
    return truth, versions[order[0]], tuple(versions[i] for i in order[1:])


def _file_order(fact: Fact) -> tuple:
    file, _, line = fact.where.rpartition(":")
    return (file, int(line)) if line.isdigit() else (fact.where, 0)


def _overlap(a: Fact, b: Fact) -> bool:
    a_lo = a.start.earliest if a.start else dt.date.min
    b_lo = b.start.earliest if b.start else dt.date.min
    a_hi = a.end.latest if a.end else dt.date.max
    b_hi = b.end.latest if b.end else dt.date.max
    return a_lo < b_hi and b_lo < a_hi


def _kazakh_stems(word: str) -> list[str]:
    """Candidate stems of a Kazakh word form (`Қазақстанның` → `Қазақстан`)."""
    from yntymaq.text.inflect import kk_analyses

    words = word.split()
    if not words:
        return []
    head, last = " ".join(words[:-1]), words[-1]
    return [f"{head} {a.stem}".strip() for a in kk_analyses(last) if a.stem != last]
