"""Answering a read question from the knowledge base (`kb.query`), in the question's language.

`answer(ctx, reading)` picks the topic the question is about (the Secretary General, a chair, a
meeting, membership, a founding, a seat, a name, languages, a term, an election, an adoption, an
attendance), asks the KB, and writes each answer from the language's templates
(`ask/lang/<lang>/answers.tsv`) with the facts and sources behind it. It never guesses: a question it
cannot place, or whose answer the KB does not hold, raises `Abstain` with the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from yntymaq.ask.reader import Reading
from yntymaq.vocab import Date, Entity, EntityType, Fact, Reference, Truth

ORG = "OIC"
SG = "OIC/secretary-general"
BODY_IDS = {"summit": "OIC/summit", "cfm": "OIC/cfm"}
FOUNDED = Date(1969, 9, 25)
RULE = "ask.v1"


class Abstain(Exception):
    """The question is not answered, for a reason written from the template `reason.<key>`."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass
class Answer:
    text: str
    value: str | None = None
    entity: Entity | None = None
    start: Date | None = None
    end: Date | None = None
    sources: tuple[Reference, ...] = ()
    facts: list[Fact] = field(default_factory=list)


@dataclass
class Result:
    topic: str
    answers: list[Answer]
    disagree: bool = False


@lru_cache(maxsize=None)
def templates(lang: str) -> dict[str, str]:
    from yntymaq.text.tables import parse_table

    text = (resources.files("yntymaq") / "ask" / "lang" / lang / "answers.tsv").read_text(encoding="utf-8")
    rows = parse_table(text, file=f"ask/lang/{lang}/answers.tsv", columns=("key", "template"),
                       letters={"key": None, "template": None})
    return {row["key"]: row["template"] for row in rows}


class Writer:
    """Fills the templates of one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.table = templates(lang)

    def t(self, key: str, **values) -> str:
        return self.table[key].format(**values)

    def date(self, d: Date | None) -> str:
        if d is None:
            return self.t("open")
        if d.month is None:
            return self.t("date.year", year=d.year)
        if d.day is None:
            return self.t("date.month", year=d.year, month=self.t(f"month.{d.month}"))
        return self.t("date.day", year=d.year, month=self.t(f"month.{d.month}.day"), day=d.day)

    def label(self, e: Entity | None) -> str:
        return e.label(self.lang) if e else "—"

    def org(self, at: Date | None) -> str:
        from yntymaq.kb.meetings import organisation_names_at

        return organisation_names_at(at)[self.lang]

    def at(self, d: Date | None) -> str:
        return self.t("today") if d is None else self.date(d)


# -- helpers -------------------------------------------------------------------------------------

def _today() -> Date:
    return Date.today()


def _future(at: Date | None) -> bool:
    return at is not None and at.earliest > dt.date.today()


def _span_truth(start: Date | None, end: Date | None, at: Date, inclusive=False) -> Truth:
    from yntymaq.vocab import holds_at

    return holds_at(start, end, at, end_inclusive=inclusive)


def _sources(*facts: Fact) -> tuple[Reference, ...]:
    out: dict[str, Reference] = {}
    for f in facts:
        for s in f.sources:
            out.setdefault(s.id + "#" + s.locator, s)
    return tuple(out.values())


def _join(items: list[str]) -> str:
    return ", ".join(items)


def _body(r: Reading) -> str | None:
    organs = [e.id for e in r.of_type(EntityType.ORGAN)]
    if "OIC/summit" in organs or r.has("summit"):
        return "summit"
    if "OIC/cfm" in organs or r.has("cfm", "session"):
        return "cfm"
    return None


def _other_series(r: Reading) -> str | None:
    """The meeting series other than the Summit's and the CFM's whose body the question names (the
    Executive Committee, COMCEC, the PUIC): its meetings are answered from, not the CFM's."""
    from yntymaq.kb.meetings import SERIES

    named = {entity.id for entity, *_ in r.entities}
    for series in SERIES.values():
        if series.key not in BODY_IDS and series.body != ORG and series.body in named:
            return series.key
    return None


def _main_states(r: Reading) -> list[Entity]:
    return [e for e in r.of_type(EntityType.STATE)]


def _others(r: Reading) -> list[Entity]:
    """Organisations, organs and documents the question names, the OIC itself last."""
    found = r.of_type(EntityType.ORGANISATION, EntityType.ORGAN, EntityType.DOCUMENT)
    return sorted(found, key=lambda e: e.id == ORG)


# -- the topics ----------------------------------------------------------------------------------

def answer(ctx, r: Reading, kind: str | None = None) -> Result:
    """The answers to a read question; `kind` overrides the kind read (for multiple choice)."""
    kind = kind or r.kind()
    w = Writer(r.lang)
    if not r.words:
        raise Abstain("empty")
    if _future(r.at):
        raise Abstain("future", at=w.date(r.at))
    unknown = _unknown_names(ctx, r)
    if unknown:
        raise Abstain("no_record", subject=unknown)
    persons = r.of_type(EntityType.PERSON)
    offices = r.of_type(EntityType.OFFICE)
    meetings = r.of_type(EntityType.MEETING)
    others = _others(r)
    foreign = [e for e in others if e.type is EntityType.ORGANISATION and e.id != ORG]
    if r.has("elected"):
        return _elected(ctx, r, w, kind)
    if r.has("term"):
        return _term(ctx, r, w)
    if r.has("sg") or offices or (persons and not meetings):
        return _office(ctx, r, w, kind)
    if r.has("chair"):
        return _chair(ctx, r, w, kind)
    if r.has("founded"):
        return _founded(ctx, r, w, kind)
    if r.has("seat"):
        return _seat(ctx, r, w, kind)
    if r.has("language"):
        return _languages(ctx, r, w, kind)
    if r.has("term"):
        return _term(ctx, r, w)
    if r.has("name") and not r.has("list"):
        return _named(ctx, r, w, kind)
    if r.has("attended"):
        return _attended(ctx, r, w, kind)
    if r.has("adopted") or r.of_type(EntityType.DOCUMENT):
        return _adopted(ctx, r, w, kind)
    if foreign and not r.has("observer") and not (_other_series(r) and r.has("held", "meeting", "host")):
        raise Abstain("outside")
    if meetings or _body(r) or r.has("held", "host", "meeting"):
        return _meeting(ctx, r, w, kind)
    if r.has("member", "join", "observer", "suspended", "restored") or (_main_states(r) and kind in ("when", "year", "date")):
        return _membership(ctx, r, w, kind)
    if not r.entities:
        raise Abstain("no_subject")
    raise Abstain("unread")


def _unknown_names(ctx, r: Reading) -> str | None:
    """A capitalised word that is neither a cue, a date, an option nor part of a name the KB knows:
    the question is about something else (the president of France, NATO), so it is not answered."""
    covered = [(s, e) for _, s, e, _ in r.entities] + [(d.start, d.end) for d in r.dates]
    covered += [(o.start, o.end) for o in r.options]
    covered += [span for spans in r.cues.values() for span in spans]
    q = r.question
    for k, (s, e, word) in enumerate(r.words):
        raw = q[s:e]
        if (k == 0 and not (raw.isupper() and len(raw) > 1)) or not raw[:1].isupper() or raw.isdigit():
            continue
        if s > 1 and q[s - 2] in ".?!":
            continue
        if any(cs <= s < ce for cs, ce in covered) or word in ctx.function_words:
            continue
        if len(raw) <= 1:
            continue
        return raw
    return None


# Secretary General ------------------------------------------------------------------------------

def _office_answer(ctx, w: Writer, row) -> Answer:
    text = w.t("office.row", office=w.label(row.office), person=w.label(row.person), start=w.date(row.start),
               end=w.date(row.end))
    facts = [row.fact, *row.alternatives]
    if row.alternatives:
        versions = "; ".join(f"{w.date(f.start)} – {w.date(f.end)} ({', '.join(s.id for s in f.sources)})"
                             for f in row.alternatives)
        text += f" — {w.t('disagree')}: {versions}"
    return Answer(text, w.label(row.person), row.person, row.start, row.end, _sources(*facts), facts)


def _office(ctx, r: Reading, w: Writer, kind) -> Result:
    kb = ctx.kb
    rows = kb.office_holders(office=SG)
    persons = r.of_type(EntityType.PERSON)
    states = _main_states(r)
    if r.has("nationality") or (persons and kind == "country"):
        return _nationality(ctx, r, w, rows, persons)
    if persons:
        mine = [row for row in rows if row.person.id in {p.id for p in persons}]
        if not mine:
            raise Abstain("no_record", subject=w.label(persons[0]))
        if kind == "yesno":
            if r.at is None:
                return _yes(w, True, [_office_answer(ctx, w, row) for row in mine])
            truth = _best_truth([_span_truth(row.start, row.end, r.at) for row in mine])
            return _yes(w, truth, [_office_answer(ctx, w, row) for row in mine])
        answers = [_office_answer(ctx, w, row) for row in mine]
        if kind in ("when", "year", "date"):
            for a in answers:
                a.value = str(a.start) if a.start else None
        return Result("office", answers, any(row.alternatives for row in mine))
    if states and kind in ("who", "which", "count", "list", None):
        mine = [row for row in rows if any(c.id in {s.id for s in states} for c in row.citizen_of)]
        if kind == "count":
            people = list(dict.fromkeys(row.person.id for row in mine))
            return Result("office", [Answer(w.t("office.count", office=w.label(kb.entity(SG)), n=len(people))
                                            + (": " + _join([w.label(kb.entity(p)) for p in people]) if people else ""),
                                            str(len(people)), None, sources=_sources(*[row.fact for row in mine]),
                                            facts=[row.fact for row in mine])])
        if not mine:
            raise Abstain("no_record", subject=w.label(states[0]))
        return Result("office", [_office_answer(ctx, w, row) for row in mine])
    if kind == "count":
        people = list(dict.fromkeys(row.person.id for row in rows))
        return Result("office", [Answer(w.t("office.count", office=w.label(kb.entity(SG)), n=len(people)),
                                        str(len(people)), None, sources=_sources(*[row.fact for row in rows]),
                                        facts=[row.fact for row in rows])])
    if r.has("first") and r.at is None:
        chosen = [rows[0]]
    elif r.has("last") and r.at is None or (r.at is None):
        chosen = kb.office_holders(office=SG, at=_today()) or [rows[-1]]
    else:
        chosen = kb.office_holders(office=SG, at=r.at)
        if r.at.earliest < dt.date(1971, 1, 1):
            raise Abstain("no_record", subject=w.label(kb.entity(SG)))
    if not chosen:
        raise Abstain("no_record", subject=w.label(kb.entity(SG)))
    if kind == "country":
        return _nationality(ctx, r, w, rows, [row.person for row in chosen])
    answers = [_office_answer(ctx, w, row) for row in chosen]
    return Result("office", answers, any(row.alternatives for row in chosen))


def _nationality(ctx, r, w, rows, persons) -> Result:
    answers = []
    for p in persons:
        for f in ctx.kb.facts(subject=p.id, predicate="citizen_of"):
            country = ctx.kb.entity(f.object)
            answers.append(Answer(w.t("nationality", person=w.label(p), country=w.label(country)),
                                  w.label(country), country, sources=_sources(f), facts=[f]))
    if not answers:
        raise Abstain("no_record", subject=_join([w.label(p) for p in persons]))
    return Result("nationality", answers)


def _elected(ctx, r, w, kind) -> Result:
    kb = ctx.kb
    persons = r.of_type(EntityType.PERSON)
    facts = [f for f in kb.facts(predicate="elected_to", object=SG) if not persons or f.subject in {p.id for p in persons}]
    if not facts:
        raise Abstain("no_record", subject=_join([w.label(p) for p in persons]) or w.label(kb.entity(SG)))
    answers = []
    for f in facts:
        meeting = kb.entity_or_none(f.qualifier("meeting"))
        answers.append(Answer(w.t("elected", person=w.label(kb.entity(f.subject)), office=w.label(kb.entity(SG)),
                                  date=w.date(f.start), meeting=w.label(meeting)),
                              str(f.start), kb.entity(f.subject), f.start, f.end, _sources(f), [f]))
    return Result("elected", answers)


# Chairs ------------------------------------------------------------------------------------------

def _chair_answer(w: Writer, row) -> Answer:
    text = w.t("chair.row", body=w.label(row.body), state=w.label(row.state), start=w.date(row.start),
               end=w.date(row.end), meeting=w.label(row.meeting))
    return Answer(text, w.label(row.state), row.state, row.start, row.end, _sources(row.fact), [row.fact])


def _chair(ctx, r: Reading, w: Writer, kind) -> Result:
    kb = ctx.kb
    body = _body(r) or "cfm"
    rows = kb.chairs(body=body)
    meetings = r.of_type(EntityType.MEETING)
    if meetings:
        mine = [row for row in rows if row.meeting and row.meeting.id in {m.id for m in meetings}]
        if not mine:
            raise Abstain("no_record", subject=w.label(meetings[0]))
        return Result("chair", [_chair_answer(w, row) for row in mine])
    states = _main_states(r)
    if states:
        mine = [row for row in rows if row.state.id in {s.id for s in states}]
        if kind == "count":
            return Result("chair", [Answer(w.t("chair.count", state=w.label(states[0]), body=w.label(kb.entity(BODY_IDS[body])),
                                                n=len(mine)), str(len(mine)), None,
                                           sources=_sources(*[x.fact for x in mine]), facts=[x.fact for x in mine])])
        if kind == "yesno":
            if r.at is None:
                return _yes(w, Truth.YES if mine else Truth.NO, [_chair_answer(w, row) for row in mine] or
                            [_chair_answer(w, row) for row in kb.chairs(body=body, at=_today())])
            truth = _best_truth([_span_truth(row.start, row.end, r.at) for row in mine])
            at_rows = kb.chairs(body=body, at=r.at)
            return _yes(w, truth, [_chair_answer(w, row) for row in (at_rows or mine)])
        if kind in ("who", "which", "country") and r.at is not None:
            pass  # the state is the answer's option, not its subject: fall through
        else:
            if not mine:
                raise Abstain("no_record", subject=w.label(states[0]))
            answers = [_chair_answer(w, row) for row in mine]
            if kind in ("when", "year", "date"):
                for a in answers:
                    a.value = str(a.start) if a.start else None
            return Result("chair", answers)
    if kind == "count":
        raise Abstain("unread")
    if r.has("first") and r.at is None:
        chosen = rows[:1]
    else:
        at = r.at or _today()
        if at.latest < FOUNDED.earliest:
            raise Abstain("before", at=w.date(at), date=w.date(FOUNDED))
        chosen = kb.chairs(body=body, at=at)
    if not chosen:
        raise Abstain("no_record", subject=w.label(kb.entity(BODY_IDS[body])))
    return Result("chair", [_chair_answer(w, row) for row in chosen])


# Meetings ----------------------------------------------------------------------------------------

def _meeting_dates(w: Writer, row) -> str:
    if row.end and row.end != row.start:
        return f"{w.date(row.start)} – {w.date(row.end)}"
    return w.date(row.start)


def _meeting_versions(ctx, ident: str) -> list:
    return [c for c in ctx.kb.conflicts(ident)]


def _meeting_facts(ctx, ident: str) -> list[Fact]:
    return [f for p in ("meeting_of", "held_in", "hosted_by") for f in ctx.kb.facts(subject=ident, predicate=p)]


def _disagreement_text(ctx, w: Writer, ident: str) -> str:
    conflicts = _meeting_versions(ctx, ident)
    if not conflicts:
        return ""
    parts = []
    for c in conflicts:
        for f in c.facts:
            what = w.label(ctx.kb.entity_or_none(f.object)) if f.object and f.predicate != "meeting_of" else \
                f"{w.date(f.start)} – {w.date(f.end)}"
            parts.append(f"{what} ({', '.join(s.id for s in f.sources)})")
    return f" — {w.t('disagree')}: " + "; ".join(dict.fromkeys(parts))


def _one_meeting(ctx, r: Reading, w: Writer, kind, row) -> Result:
    label = w.label(row.meeting)
    facts = _meeting_facts(ctx, row.meeting.id)
    sources = _sources(*facts)
    note = _disagreement_text(ctx, w, row.meeting.id)
    held = ctx.kb.facts(subject=row.meeting.id, predicate="held_in")
    if len({f.object for f in held}) > 1 and (kind in ("where", "city") or (kind == "yesno" and _places(r, row))):
        answers = []
        for f in held:
            city = ctx.kb.entity(f.object)
            country = ctx.kb.entity_or_none(city.country)
            text = w.t("meeting.where", meeting=label, city=w.label(city), country=w.label(country))
            text += f" — {w.t('disagree')} ({', '.join(s.id for s in f.sources)})"
            answers.append(Answer(text, w.label(city), city, f.start or row.start, f.end or row.end, _sources(f), [f]))
        if kind == "yesno":
            asked = {p.id for p in _places(r, row)}
            hits = [a for a in answers if a.entity.id in asked or a.entity.country in asked]
            return _yes(w, Truth.MAYBE if hits else Truth.NO, answers)
        return Result("meeting", answers, True)
    if kind in ("where", "city") or (kind == "yesno" and _places(r, row)):
        if row.city is None:
            text, value, ent = w.t("meeting.online", meeting=label), "online", None
        else:
            text = w.t("meeting.where", meeting=label, city=w.label(row.city), country=w.label(row.country))
            value, ent = w.label(row.city), row.city
        if kind == "yesno":
            asked = _places(r, row)
            hit = any(p.id in (row.city and row.city.id, row.country and row.country.id) for p in asked)
            return _yes(w, Truth.YES if hit else Truth.NO, [Answer(text + note, value, ent, row.start, row.end, sources, facts)])
        return Result("meeting", [Answer(text + note, value, ent, row.start, row.end, sources, facts)], bool(note))
    if kind in ("country", "who") or r.has("host"):
        text = w.t("meeting.host", meeting=label, country=w.label(row.country))
        return Result("meeting", [Answer(text + note, w.label(row.country), row.country, row.start, row.end, sources, facts)], bool(note))
    if kind in ("when", "year", "date") or (kind == "yesno" and r.at is not None):
        text = w.t("meeting.when", meeting=label, dates=_meeting_dates(w, row))
        answer = Answer(text + note, str(row.start), row.meeting, row.start, row.end, sources, facts)
        if kind == "yesno":
            return _yes(w, _span_truth(row.start, row.end, r.at, inclusive=True)
                        if r.at.precision > 1 else (Truth.YES if row.start.year <= r.at.year <= row.end.year else Truth.NO),
                        [answer])
        return Result("meeting", [answer], bool(note))
    text = w.t("meeting.summary", meeting=label, dates=_meeting_dates(w, row), city=w.label(row.city))
    return Result("meeting", [Answer(text + note, label, row.meeting, row.start, row.end, sources, facts)], bool(note))


def _places(r: Reading, row) -> list[Entity]:
    """The cities and states the question names besides the meeting's own mention."""
    return [e for e in r.of_type(EntityType.PLACE, EntityType.STATE)]


def _meeting(ctx, r: Reading, w: Writer, kind) -> Result:
    from yntymaq.errors import NotFound

    kb = ctx.kb
    meetings = r.of_type(EntityType.MEETING)
    body = _body(r) or _other_series(r)
    extraordinary = r.has("extraordinary")
    if not meetings and r.ordinal is not None and body:
        series = body + ("-extraordinary" if extraordinary else "")
        ident = f"OIC/{series}/{r.ordinal}"
        if ident not in kb.entities:
            raise Abstain("no_meeting")
        meetings = [kb.entity(ident)]
    if r.has("science"):
        meetings = [m for m in meetings if m.id.startswith("OIC/st-summit/")] or [
            m.meeting for m in kb.meetings(body="st-summit") if r.ordinal in (None, m.ordinal)][:1]
    if meetings:
        try:
            row = kb.meeting(meetings[0].id)
        except NotFound:
            raise Abstain("no_meeting") from None
        if r.has("chair"):
            return _chair(ctx, r, w, kind)
        return _one_meeting(ctx, r, w, kind, row)
    if r.ordinal is not None:
        raise Abstain("no_meeting")
    if kind == "who" and not r.has("host"):
        raise Abstain("unread")
    if body is None and not r.has("meeting", "held", "host"):
        raise Abstain("unread")
    places = r.of_type(EntityType.PLACE) or _main_states(r)
    if r.has("science"):
        body = "st-summit"
    rows = kb.meetings(body=body) if body else [m for b in ("summit", "cfm") for m in kb.meetings(body=b)]
    if extraordinary:
        rows = [m for m in rows if m.kind == "extraordinary"]
    elif r.has("ordinary") or r.has("first", "last"):
        rows = [m for m in rows if m.kind == "ordinary"]
    if places:
        ids = {p.id for p in places}
        rows = [m for m in rows if (m.city and m.city.id in ids) or (m.country and m.country.id in ids)]
    if r.at is not None:
        lo, hi = r.at.earliest, (r.until or r.at).latest
        rows = [m for m in rows if m.start and m.start.earliest <= hi and (m.end or m.start).latest >= lo]
    if r.has("first") and rows:
        rows = rows[:1]
    elif r.has("last") and rows:
        rows = [m for m in rows if m.start.earliest <= dt.date.today()][-1:]
    what = _meeting_scope(ctx, r, w, body, extraordinary, places)
    facts = [f for m in rows for f in _meeting_facts(ctx, m.meeting.id)]
    if kind == "count":
        notes = _place_disagreements(ctx, w, body, places, rows)
        items = _join([w.t("meeting.summary", meeting=w.label(m.meeting), dates=_meeting_dates(w, m), city=w.label(m.city))
                       for m in rows])
        text = w.t("meeting.count", what=what, n=len(rows)) + (f" ({items})" if items else "") + notes
        return Result("meeting", [Answer(text, str(len(rows)), None, sources=_sources(*facts), facts=facts)], bool(notes))
    if not rows:
        raise Abstain("no_meeting")
    if len(rows) == 1:
        return _one_meeting(ctx, r, w, kind if kind != "which" else None, rows[0])
    answers = [_one_meeting(ctx, r, w, kind if kind not in ("which", "list") else None, m).answers[0] for m in rows]
    return Result("meeting", answers)


def _place_disagreements(ctx, w: Writer, body, places, rows) -> str:
    """Where sources disagree on the place of a meeting, the count says which meetings another source
    puts in (or out of) the place asked of."""
    if not places:
        return ""
    ids = {p.id for p in places}
    counted = {m.meeting.id for m in rows}
    parts = []
    for c in ctx.kb.conflicts():
        if c.predicate not in ("held_in", "hosted_by") or c.subject.type is not EntityType.MEETING:
            continue
        if body in BODY_IDS and not c.subject.id.startswith(BODY_IDS[body] + "-") and not c.subject.id.startswith(BODY_IDS[body] + "/"):
            continue
        inside = [f for f in c.facts if f.object in ids]
        if inside and (c.subject.id not in counted or len(inside) < len(c.facts)):
            sources = ", ".join(s.id for f in inside for s in f.sources)
            parts.append(f"{w.label(c.subject)} ({sources})")
    parts = list(dict.fromkeys(parts))
    return f" — {w.t('disagree')}: " + "; ".join(parts) if parts else ""


def _meeting_scope(ctx, r, w, body, extraordinary, places) -> str:
    parts = [w.label(ctx.kb.entity(BODY_IDS[body]))] if body in BODY_IDS else []
    if places:
        parts.append(_join([w.label(p) for p in places]))
    if r.at is not None:
        parts.append(w.date(r.at))
    return " · ".join(parts) or "—"


# Membership --------------------------------------------------------------------------------------

def _status_label(w: Writer, status: str) -> str:
    return w.t(f"status.{status}")


def _member_answer(w: Writer, row, org_at=None) -> Answer:
    end = w.t("member.end", end=w.date(row.end)) if row.end else ""
    text = w.t("member.row", subject=w.label(row.state), org=w.org(org_at or row.start), status=_status_label(w, row.status),
               start=w.date(row.start), end=end)
    facts = [row.fact, *row.alternatives]
    if row.alternatives:
        text += f" — {w.t('disagree')}: " + "; ".join(
            f"{w.date(f.start)} ({', '.join(s.id for s in f.sources)})" for f in row.alternatives)
    return Answer(text, str(row.start) if row.start else None, row.state, row.start, row.end, _sources(*facts), facts)


def _wanted_status(r: Reading) -> str:
    if r.has("observer"):
        return "observer"
    if r.has("suspended"):
        return "suspended"
    return "member"


def _membership(ctx, r: Reading, w: Writer, kind) -> Result:
    kb = ctx.kb
    status = _wanted_status(r)
    states = _main_states(r)
    observers = [e for e in r.of_type(EntityType.ORGANISATION) if e.id != ORG]
    if r.at is not None and r.at.latest < FOUNDED.earliest:
        raise Abstain("before", at=w.date(r.at), date=w.date(FOUNDED))
    subjects = states or observers
    if subjects and kind not in ("count", "list") and not (kind in ("which", "who", "country") and r.has("join", "first", "last") and not states):
        return _member_of(ctx, r, w, kind, subjects[0], status)
    at = r.at or _today()
    if r.has("join") and (r.at is not None or r.has("first", "last")) and kind in ("count", "which", "list", "who", "country", None):
        return _joined(ctx, r, w, kind)
    if kind == "count" or (kind is None and r.has("count")):
        count = kb.member_count(at=at)
        n = {"member": count.members, "observer": count.observers, "suspended": count.suspended}[status]
        text = w.t(f"{status}.count", at=w.at(r.at), org=w.org(at), n=n)
        if count.uncertain:
            text += "; " + w.t("count.uncertain", n=len(count.uncertain),
                               states=_join([w.label(kb.entity(s)) for s in count.uncertain]))
        rows = kb.members(at=at)
        facts = [row.fact for row in rows]
        return Result("membership", [Answer(text, str(n), None, at, None, _sources(*facts)[:3], facts)],
                      bool(count.uncertain))
    if kind in ("which", "list", "who", "country"):
        rows = kb.members(at=at, status=status)
        items = [w.label(row.state) for row in rows]
        text = w.t("members.list", at=w.at(r.at), org=w.org(at), status=w.t(status), n=len(rows), items=_join(items))
        facts = [row.fact for row in rows]
        return Result("membership", [Answer(text, str(len(rows)), None, at, None, _sources(*facts)[:3], facts)])
    raise Abstain("unread")


def _member_of(ctx, r: Reading, w: Writer, kind, subject: Entity, status: str) -> Result:
    kb = ctx.kb
    rows = kb.membership_history(subject.id)
    if r.has("restored") and kind in ("when", "year", "date", None):
        # readmitted, reinstated, restored: the membership that follows a suspension
        suspensions = [row.start for row in rows if row.status == "suspended" and row.start]
        back = [row for row in rows if row.status == "member" and row.start
                and any(row.start.sort_key() > s.sort_key() for s in suspensions)]
        if not back:
            raise Abstain("no_record", subject=w.label(subject))
        return Result("membership", [_member_answer(w, row) for row in back], any(x.alternatives for x in back))
    if kind in ("when", "year", "date") or (kind is None and r.has("join")):
        wanted = [row for row in rows if row.status == status] or rows
        if not wanted:
            raise Abstain("no_record", subject=w.label(subject))
        chosen = wanted if status == "suspended" else wanted[:1]
        return Result("membership", [_member_answer(w, row) for row in chosen], any(x.alternatives for x in chosen))
    # a yes/no or a status: at a time, today by default
    at = r.at or _today()
    if not rows:
        text = w.t("member.none", subject=w.label(subject), org=w.org(at))
        listing = kb.members(at=at)
        facts = [row.fact for row in listing]
        if kind == "status":
            raise Abstain("no_record", subject=w.label(subject))
        return _yes(w, Truth.NO, [Answer(text, None, subject, sources=_sources(*facts)[:3], facts=[])])
    now = [row for row in kb.members(at=at) if row.state.id == subject.id] if subject.type is EntityType.STATE else \
        [row for row in kb.observer_organisations(at=at) if row.state.id == subject.id]
    if not now:
        text = w.t("member.none", subject=w.label(subject), org=w.org(at))
        return _yes(w, Truth.NO, [Answer(text, None, subject, facts=[row.fact for row in rows],
                                         sources=_sources(*[row.fact for row in rows]))] +
                    [_member_answer(w, row) for row in rows])
    row = now[0]
    if kind == "status":
        answer = _member_answer(w, row)
        answer.value = row.status
        return Result("membership", [answer], bool(row.alternatives))
    if status == "member":
        hit = row.status in ("member", "suspended")
    else:
        hit = row.status == status
    truth = (Truth.YES if row.certain else Truth.MAYBE) if hit else Truth.NO
    return _yes(w, truth, [_member_answer(w, row)])


def _joined(ctx, r: Reading, w: Writer, kind) -> Result:
    kb = ctx.kb
    firsts: dict[str, object] = {}
    for row in kb.members(at=_today()) + [x for s in ("member",) for x in []]:
        pass
    every = {}
    for f in kb.facts(predicate="member_of", object=ORG):
        state = kb.entity_or_none(f.subject)
        if state is None or state.type is not EntityType.STATE or f.qualifier("status") != "member" or f.start is None:
            continue
        every.setdefault(f.subject, []).append(f)
    for state, facts in every.items():
        firsts[state] = min(facts, key=lambda f: f.start.sort_key())
    if r.has("first", "last") and r.at is None:
        dates = sorted({f.start.sort_key(): f.start for f in firsts.values()}.items())
        pick = dates[0][1] if r.has("first") else dates[-1][1]
        chosen = {s: f for s, f in firsts.items() if f.start == pick}
        period = w.date(pick)
    else:
        lo, hi = r.at.earliest, (r.until or r.at).latest
        chosen = {s: f for s, f in firsts.items() if f.start.earliest >= lo and f.start.latest <= hi}
        unsure = {s: f for s, f in firsts.items() if s not in chosen and f.start.earliest <= hi and f.start.latest >= lo}
        chosen.update(unsure)
        period = w.date(r.at)
    facts = list(chosen.values())
    names = sorted(w.label(kb.entity(s)) for s in chosen)
    if kind == "count":
        text = w.t("joined.count", period=period, org=w.org(r.at), n=len(chosen)) + (f": {_join(names)}" if names else "")
        return Result("membership", [Answer(text, str(len(chosen)), None, sources=_sources(*facts)[:5], facts=facts)])
    if not chosen:
        raise Abstain("outside")
    if len(chosen) == 1:
        (state, fact), = chosen.items()
        text = w.t("joined.list", period=period, org=w.org(fact.start), items=names[0])
        return Result("membership", [Answer(text, w.label(kb.entity(state)), kb.entity(state), fact.start, fact.end,
                                            _sources(fact), [fact])])
    text = w.t("joined.list", period=period, org=w.org(r.at), items=_join(names))
    return Result("membership", [Answer(text, str(len(chosen)), None, sources=_sources(*facts)[:5], facts=facts)])


# Other facts -------------------------------------------------------------------------------------

def _subject(ctx, r: Reading) -> Entity:
    others = _others(r)
    return others[0] if others else ctx.kb.entity(ORG)


def _founded(ctx, r, w, kind) -> Result:
    subject = _subject(ctx, r)
    facts = ctx.kb.facts(subject=subject.id, predicate="founded")
    if not facts:
        raise Abstain("no_record", subject=w.label(subject))
    answers = []
    for f in facts:
        place = ctx.kb.entity_or_none(f.qualifier("place"))
        if kind in ("where", "city", "country"):
            if place is None:
                continue
            text = w.t("founded.where", subject=w.label(subject), place=w.label(place))
            answers.append(Answer(text, w.label(place), place, f.start, None, _sources(f), [f]))
        else:
            text = w.t("founded.when", subject=w.label(subject), date=w.date(f.start))
            if place:
                text += f" ({w.label(place)})"
            answers.append(Answer(text, str(f.start), subject, f.start, None, _sources(f), [f]))
    if not answers:
        raise Abstain("no_record", subject=w.label(subject))
    disagree = len({a.value for a in answers}) > 1
    if disagree:
        for a in answers:
            a.text += f" — {w.t('disagree')} ({', '.join(s.id for s in a.sources)})"
    return Result("founded", answers, disagree)


def _seat(ctx, r, w, kind) -> Result:
    subject = _subject(ctx, r)
    facts = ctx.kb.facts(subject=subject.id, predicate="headquartered_in")
    if not facts:
        raise Abstain("no_record", subject=w.label(subject))
    answers = []
    for f in facts:
        city = ctx.kb.entity(f.object)
        text = w.t("seat", subject=w.label(subject), city=w.label(city))
        country = ctx.kb.entities.get(city.country) if kind == "country" and getattr(city, "country", None) else None
        if country is not None:  # in which country: the seat's city, and the country it is in
            answers.append(Answer(f"{text} ({w.label(country)})", w.label(country), country, f.start, f.end,
                                  _sources(f), [f]))
        else:
            answers.append(Answer(text, w.label(city), city, f.start, f.end, _sources(f), [f]))
    return Result("seat", answers, len({f.object for f in facts}) > 1)


def _languages(ctx, r, w, kind=None) -> Result:
    subject = _subject(ctx, r)
    facts = ctx.kb.facts(subject=subject.id, predicate="official_language")
    if not facts:
        raise Abstain("no_record", subject=w.label(subject))
    from babel import Locale

    names = [Locale(w.lang).languages.get(f.value, f.value) for f in facts]
    text = w.t("language", subject=w.label(subject), items=_join(names))
    if kind == "count":  # how many official languages: the number of the list's items
        return Result("language", [Answer(f"{text} ({len(facts)})", str(len(facts)), subject,
                                          sources=_sources(*facts), facts=facts)])
    return Result("language", [Answer(text, ", ".join(f.value for f in facts), subject, sources=_sources(*facts),
                                      facts=facts)])


def _term(ctx, r, w) -> Result:
    kb = ctx.kb
    at = r.at or _today()
    facts = [f for f in kb.facts(subject=SG, predicate="term_of_office") if f.holds_at(at) is not Truth.NO]
    if not facts:
        raise Abstain("no_record", subject=w.label(kb.entity(SG)))
    answers = []
    for f in facts:
        renewable = w.t("term.renewable") if f.qualifier("renewable") == "once" else ""
        answers.append(Answer(w.t("term", office=w.label(kb.entity(SG)), n=f.value, renewable=renewable), f.value,
                              None, f.start, f.end, _sources(f), [f]))
    return Result("term", answers)


def _named(ctx, r, w, kind) -> Result:
    subject = _subject(ctx, r)
    facts = [f for f in ctx.kb.facts(subject=subject.id, predicate="named") if f.qualifier("lang") == w.lang]
    if not facts:
        raise Abstain("no_record", subject=w.label(subject))
    if kind in ("when", "year", "date"):
        changed = [f for f in facts if f.start is not None]
        if not changed:
            raise Abstain("no_record", subject=w.label(subject))
        new = changed[0]
        old = next((f for f in facts if f.end == new.start), None)
        text = w.t("named.change", subject=w.label(subject), date=w.date(new.start), old=old.value if old else "—",
                   new=new.value)
        return Result("named", [Answer(text, str(new.start), subject, new.start, None, _sources(new, *([old] if old else [])),
                                       [new] + ([old] if old else []))])
    if r.has("before") and r.at is None:
        chosen = [f for f in facts if f.end is not None]
    else:
        at = r.at or _today()
        chosen = [f for f in facts if f.holds_at(at) is not Truth.NO]
    if not chosen:
        raise Abstain("no_record", subject=w.label(subject))
    answers = [Answer(w.t("named.at", at=w.at(r.at) if r.at or not r.has("before") else w.date(f.end),
                          subject=w.label(subject), name=f.value), f.value, subject, f.start, f.end, _sources(f), [f])
               for f in chosen]
    return Result("named", answers)


def _attended(ctx, r, w, kind) -> Result:
    kb = ctx.kb
    states = _main_states(r) or [kb.entity("KZ")]
    state = states[0]
    meetings = r.of_type(EntityType.MEETING)
    facts = kb.facts(subject=state.id, predicate="participated_in")
    if meetings:
        hit = [f for f in facts if f.object in {m.id for m in meetings}]
        if not hit:
            raise Abstain("no_record", subject=w.label(state))
        answers = [Answer(w.t("attended", subject=w.label(state), meeting=w.label(kb.entity(f.object))), None,
                          kb.entity(f.object), sources=_sources(f), facts=[f]) for f in hit]
        return _yes(w, Truth.YES, answers) if kind in ("yesno", None) else Result("attended", answers)
    raise Abstain("no_record", subject=w.label(state))


def _adopted(ctx, r, w, kind) -> Result:
    kb = ctx.kb
    docs = r.of_type(EntityType.DOCUMENT)
    if not docs:
        raise Abstain("unread")
    if r.has("first", "last") and len(docs) == 1:
        docs = _edition(kb, docs[0], first=r.has("first"))
    answers = []
    for doc in docs:
        for f in kb.facts(subject=doc.id, predicate="adopted_at"):
            meeting = kb.entity(f.object)
            try:
                row = kb.meeting(meeting.id)
            except Exception:
                row = None
            text = w.t("adopted", document=w.label(doc), meeting=w.label(meeting))
            if row:
                text += f" ({_meeting_dates(w, row)}, {w.label(row.city)})"
            value = w.label(row.city) if kind in ("where", "city") and row else str(row.start) if kind in (
                "when", "year", "date") and row else w.label(meeting)
            answers.append(Answer(text, value, row.city if kind in ("where", "city") and row else meeting,
                                  row.start if row else None, row.end if row else None,
                                  _sources(f, *(_meeting_facts(ctx, meeting.id))), [f]))
    if not answers:
        raise Abstain("no_record", subject=w.label(docs[0]))
    return Result("adopted", answers)


def _edition(kb, doc: Entity, *, first: bool) -> list[Entity]:
    """The first or the last of the editions of a document (the Charters of 1972 and 2008): the
    documents in force for the same subject one after another, by the start of their force."""
    mine = kb.facts(subject=doc.id, predicate="in_force")
    if not mine:
        return [doc]
    subjects = {f.object for f in mine}
    editions = [f for f in kb.facts(predicate="in_force") if f.object in subjects and f.start is not None
                and kb.entity(f.subject).type is EntityType.DOCUMENT]
    if len(editions) < 2:
        return [doc]
    editions.sort(key=lambda f: f.start.sort_key())
    return [kb.entity((editions[0] if first else editions[-1]).subject)]


# Yes and no ---------------------------------------------------------------------------------------

def _best_truth(truths: list[Truth]) -> Truth:
    if Truth.YES in truths:
        return Truth.YES
    if Truth.MAYBE in truths:
        return Truth.MAYBE
    return Truth.NO


def _yes(w: Writer, truth, answers: list[Answer]) -> Result:
    if isinstance(truth, bool):
        truth = Truth.YES if truth else Truth.NO
    word = {Truth.YES: "yes", Truth.NO: "no", Truth.MAYBE: "unsure"}[truth]
    out = []
    for k, a in enumerate(answers):
        if k == 0:
            a = Answer(f"{w.t(word)}. {a.text}", word, a.entity, a.start, a.end, a.sources, a.facts)
        out.append(a)
    return Result("yesno", out)
