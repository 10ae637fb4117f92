"""Claims: facts a text states, read sentence by sentence from its mentions, dates and trigger words.

Each rule is a function of one sentence (`Sentence` below: its linked mentions, dates, numbers and
trigger matches, all at offsets in the original text) that yields claims; it has a versioned name
(`member_of.v1`, prefixed with the language) stored with every claim it makes. The trigger words
of each language are data (`lang/<lang>/triggers.tsv`); the grammar of where a sentence puts its
subject, object and date lives in the rules, with the few differences between languages as data
passed to them (`_ORDER`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from yntymaq.kb.query import KB
from yntymaq.text.tables import parse_table
from yntymaq.vocab import Claim, Date, EntityType, Fact, Mention, Origin, Span

# Where a language puts the details of a thing relative to its name: Kazakh modifiers come before
# the noun (1997 ж. Тегеранда өткен 8-ші Саммит), Russian and English ones after (the 38th session,
# held in Astana in June 2011).
_ORDER = {"kk": "before", "ru": "after", "en": "after"}
_LIST_GLUE = re.compile(r"^[\s,]*(?:(?:және|мен|пен|бен|и|а также|and|as well as|&)\b)?[\s,]*$", re.I)
# Sentences are already cut; inside one, a semicolon, a colon or a spaced dash ends a clause (a full
# stop inside a sentence belongs to an abbreviation: 1997 ж. желтоқсанда).
_CLAUSE_BREAK = re.compile(r"[;:]|\s[–—-]\s")


@dataclass(frozen=True, slots=True)
class Found:
    """Something at a place in the sentence: a linked mention, a date, a number or a trigger."""

    start: int
    end: int
    kind: str  # entity type value, "date", "number" or "trigger"
    value: object
    text: str = ""


@dataclass
class Sentence:
    """One sentence as the rules see it: everything found in it, at original offsets."""

    doc: str
    index: int
    start: int
    end: int
    text: str  # the original text of the sentence
    low: str  # `text` lower-cased and with look-alike letters folded, same length
    lang: str
    mentions: list[Found]
    dates: list[Found]
    numbers: list[Found]
    topic: str | None  # the organisation the document is about, for "the organisation", "it"
    doc_time: Date | None
    kb: KB
    triggers: dict[str, list[Found]] = field(default_factory=dict)

    def entities(self, *types: EntityType, lo: int | None = None, hi: int | None = None) -> list[Found]:
        wanted = {t.value for t in types}
        return [m for m in self.mentions if (not wanted or m.kind in wanted)
                and (lo is None or m.start >= lo) and (hi is None or m.end <= hi)]

    def nearest(self, items: list[Found], at: int, *, side: str = "either", limit: int | None = None) -> Found | None:
        best, best_distance = None, None
        for item in items:
            if side == "before" and item.end > at or side == "after" and item.start < at:
                continue
            distance = at - item.end if item.end <= at else item.start - at
            distance = max(distance, 0)
            if limit is not None and distance > limit:
                continue
            if best_distance is None or distance < best_distance:
                best, best_distance = item, distance
        return best

    def claim(self, rule: str, **fact) -> Claim:
        qualifiers = tuple((k, v) for k, v in fact.pop("qualifiers", {}).items() if v is not None)
        span = Span(self.doc, self.index, self.start, self.end, self.text)
        made = Fact(origin=Origin.EXTRACTED, rule=f"{self.lang}.{rule}", qualifiers=qualifiers, sources=(span,), **fact)
        return Claim(made, span, f"{self.lang}.{rule}", self.lang, self.doc_time)

    def clause_of(self, at: int) -> tuple[int, int]:
        """The clause around an offset: between the nearest breaks (; : dash, a full stop inside)."""
        lo, hi = self.start, self.end
        for m in _CLAUSE_BREAK.finditer(self.text):
            pos = self.start + m.start()
            if pos < at:
                lo = self.start + m.end()
            elif pos >= at:
                hi = pos
                break
        return lo, hi


# -- the trigger tables -------------------------------------------------------------------------


@lru_cache(maxsize=None)
def triggers(lang: str) -> dict[str, re.Pattern]:
    """The trigger patterns of a language, by name, compiled from `lang/<lang>/triggers.tsv`."""
    path = resources.files("yntymaq.extract") / "lang" / lang / "triggers.tsv"
    rows = parse_table(path.read_text(encoding="utf-8"), file=f"extract/lang/{lang}/triggers.tsv",
                       columns=("trigger", "pattern"), letters={"trigger": None, "pattern": None}, key="pattern")
    grouped: dict[str, list[str]] = {}
    for row in rows:
        grouped.setdefault(row["trigger"], []).append(row["pattern"])
    compiled = {}
    for name, patterns in grouped.items():
        try:
            compiled[name] = re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
        except re.error as err:
            raise ValueError(f"extract/lang/{lang}/triggers.tsv: trigger {name!r}: {err}") from None
    return compiled


def find_triggers(sent: Sentence) -> None:
    for name, pattern in triggers(sent.lang).items():
        found = [Found(sent.start + m.start(), sent.start + m.end(), "trigger", m, m.group(0))
                 for m in pattern.finditer(sent.low)]
        if found:
            sent.triggers[name] = found


# -- helpers ------------------------------------------------------------------------------------


def _date(found: Found | None) -> tuple[Date | None, Date | None]:
    if found is None:
        return None, None
    d = found.value
    return d.get("start"), d.get("end")


def _usable_dates(sent: Sentence, lo: int | None = None, hi: int | None = None) -> list[Found]:
    return [d for d in sent.dates if d.value.get("start") is not None
            and (lo is None or d.start >= lo) and (hi is None or d.end <= hi)]


def _chains(items: list[Found], text: str, base: int) -> list[list[Found]]:
    """Runs of mentions joined only by commas and `and` (Ресей, Босния және Герцеговина, Тайланд)."""
    chains: list[list[Found]] = []
    for item in items:
        if chains and _LIST_GLUE.match(text[chains[-1][-1].end - base:item.start - base]):
            chains[-1].append(item)
        else:
            chains.append([item])
    return chains


def _words_between(sent: Sentence, a: int, b: int) -> int:
    if b <= a:
        return 0
    return len(re.findall(r"\w+", sent.text[a - sent.start:b - sent.start]))


def _topic(sent: Sentence, lo: int | None = None, hi: int | None = None) -> str | None:
    """The organisation a clause speaks of: one it names, else the document's topic."""
    named = sent.entities(EntityType.ORGANISATION, lo=lo, hi=hi)
    return named[0].value if named else sent.topic


def _meeting_body(sent: Sentence, meeting_id: str) -> str:
    return "OIC/summit" if "/summit" in meeting_id else "OIC/cfm"


# -- rules --------------------------------------------------------------------------------------

Rule = Callable[[Sentence], Iterator[Claim]]
RULES: list[tuple[str, Rule]] = []


def rule(name: str):
    def register(fn: Rule) -> Rule:
        RULES.append((name, fn))
        return fn
    return register


@rule("member_of.v1")
def membership(sent: Sentence) -> Iterator[Claim]:
    """A state joined (or was admitted to, or is a member of) the organisation, maybe with a date."""
    states = sent.entities(EntityType.STATE)
    for trig in sent.triggers.get("member", []):
        lo, hi = sent.clause_of(trig.start)
        near = [s for s in states if lo <= s.start < hi]
        subject = sent.nearest(near, trig.start, side="before") or sent.nearest(near, trig.end, side="after", limit=40)
        if subject is None:
            continue
        chain = next((c for c in _chains(near, sent.text, sent.start) if subject in c), [subject])
        date = sent.nearest(_usable_dates(sent, lo, hi), trig.start)
        start, _ = _date(date)
        organisation = _topic(sent, lo, hi)
        if organisation is None:
            continue
        for state in chain:
            yield sent.claim("member_of.v1", subject=state.value, predicate="member_of", object=organisation,
                             start=start, qualifiers={"status": "member"})


@rule("observer.v1")
def observers(sent: Sentence) -> Iterator[Claim]:
    """States listed as observers (Ресей, Босния және Герцеговина, Тайланд бақылаушы ретінде)."""
    states = sent.entities(EntityType.STATE)
    for trig in sent.triggers.get("observer", []):
        lo, hi = sent.clause_of(trig.start)
        chains = _chains([s for s in states if lo <= s.start < hi], sent.text, sent.start)
        chosen = None
        for chain in chains:
            if chain[-1].end <= trig.start and _words_between(sent, chain[-1].end, trig.start) <= 4:
                chosen = chain
            elif sent.lang != "kk" and chain[0].start >= trig.end and _words_between(sent, trig.end, chain[0].start) <= 6:
                chosen = chosen or chain
        if not chosen:
            continue
        date = sent.nearest(_usable_dates(sent, lo, hi), trig.start)
        start, _ = _date(date)
        organisation = _topic(sent, lo, hi)
        for state in chosen:
            yield sent.claim("observer.v1", subject=state.value, predicate="member_of", object=organisation,
                             start=start, qualifiers={"status": "observer"})


@rule("member_count.v1")
def member_count(sent: Sentence) -> Iterator[Claim]:
    for name, status in (("count_members", "member"), ("count_observers", "observer")):
        for trig in sent.triggers.get(name, []):
            number = sent.nearest([n for n in sent.numbers if trig.start <= n.start < trig.end], trig.start)
            if number is None:
                continue
            lo, hi = sent.clause_of(trig.start)
            # A count's date stands right beside it (2001 жылы ... 56 мемлекет; in December 1996, ... 54);
            # a date further off in a long sentence belongs to another statement.
            dated = [d for d in _usable_dates(sent, lo, hi) if d.value["kind"] in ("date", "in")
                     and _words_between(sent, *sorted((d.end, trig.start))) <= 4]
            date = sent.nearest(dated, trig.start)
            start, _ = _date(date)
            organisation = _topic(sent, None, None)
            if organisation is None:
                continue
            yield sent.claim("member_count.v1", subject=organisation, predicate="member_count",
                             value=str(number.value), start=start, qualifiers={"status": status})


@rule("founded.v1")
def founded(sent: Sentence) -> Iterator[Claim]:
    for trig in sent.triggers.get("founded", []):
        lo, hi = sent.clause_of(trig.start)
        bodies = sent.entities(EntityType.ORGANISATION, EntityType.ORGAN, lo=lo, hi=hi)
        subject = sent.nearest(bodies, trig.start, side="before") or sent.nearest(bodies, trig.end, side="after", limit=60)
        subject_id = subject.value if subject else (sent.topic if _pronoun_start(sent) else None)
        if subject_id is None:
            continue
        date = sent.nearest(_usable_dates(sent, lo, hi), trig.start)
        place = sent.nearest(sent.entities(EntityType.PLACE, lo=lo, hi=hi), trig.start)
        if date is None and place is None:
            continue
        start, _ = _date(date)
        yield sent.claim("founded.v1", subject=subject_id, predicate="founded", start=start,
                         qualifiers={"place": place.value if place else None})


def _pronoun_start(sent: Sentence) -> bool:
    return bool(triggers(sent.lang).get("pronoun") and triggers(sent.lang)["pronoun"].match(sent.low))


@rule("named.v1")
def renamed(sent: Sentence) -> Iterator[Claim]:
    """A name and when it held: `2011 жылғы 28 маусымға дейін ... Ислам конференциясы ұйымы деп аталды`."""
    for trig in sent.triggers.get("named", []):
        lo, hi = sent.clause_of(trig.start)
        names = [m for m in sent.entities(EntityType.ORGANISATION, lo=lo, hi=hi)]
        quoted = _quoted_name(sent, lo, hi)
        name = sent.nearest(names, trig.start, side="before") if sent.lang == "kk" else \
            (sent.nearest(names, trig.end, side="after") or sent.nearest(names, trig.start, side="before"))
        if name is None:
            continue
        value = quoted or _canonical_name(sent, name)
        if value is None:
            continue
        until = [d for d in _usable_dates(sent, lo, hi) if d.value["kind"] == "until"]
        start = end = None
        if until:
            end = until[0].value["start"]
        else:
            dated = sent.nearest(_usable_dates(sent, lo, hi), trig.start)
            start, _ = _date(dated)
        yield sent.claim("named.v1", subject=name.value, predicate="named", value=value, start=start, end=end,
                         qualifiers={"lang": sent.lang})


def _quoted_name(sent: Sentence, lo: int, hi: int) -> str | None:
    m = re.search(r"[«\"“]([^»\"”]{6,})[»\"”]", sent.text[lo - sent.start:hi - sent.start])
    return m.group(1).strip() if m else None


def _canonical_name(sent: Sentence, mention: Found) -> str | None:
    """The KB name in the sentence's language that the mention's words spell (inflection aside)."""
    from rapidfuzz import fuzz

    entity = sent.kb.entities.get(mention.value)
    if entity is None:
        return None
    candidates = [n for lang, n in entity.all_names() if lang == sent.lang and len(n.split()) > 1]
    if not candidates:
        return None
    best = max(candidates, key=lambda n: fuzz.ratio(n.lower(), mention.text.lower()))
    return best if fuzz.ratio(best.lower(), mention.text.lower()) >= 80 else None


@rule("named_until.v1")
def name_until(sent: Sentence) -> Iterator[Claim]:
    """`(2011 жылдың 28 маусымына дейін - Ислам конференциясы ұйымы (ИКҰ))`: a former name and its end."""
    for date in sent.dates:
        if date.value["kind"] != "until" or date.value["start"] is None:
            continue
        after = sent.text[date.end - sent.start:]
        dash = re.match(r"\s*[-–—]\s*", after)
        if not dash:
            continue
        names = [m for m in sent.entities(EntityType.ORGANISATION) if m.start == date.end + dash.end()]
        if not names:
            continue
        value = _canonical_name(sent, names[0])
        if value:
            yield sent.claim("named_until.v1", subject=names[0].value, predicate="named", value=value,
                             end=date.value["start"], qualifiers={"lang": sent.lang})


@rule("headquartered_in.v1")
def headquarters(sent: Sentence) -> Iterator[Claim]:
    for trig in sent.triggers.get("headquarters", []):
        lo, hi = sent.clause_of(trig.start)
        places = sent.entities(EntityType.PLACE, lo=lo, hi=hi)
        place = sent.nearest(places, trig.start)
        if place is None:
            continue
        bodies = [b for b in sent.entities(EntityType.ORGANISATION, EntityType.ORGAN, lo=lo, hi=hi)]
        subject = sent.nearest(bodies, trig.start)
        subject_id = subject.value if subject else sent.topic
        if subject_id is None:
            continue
        yield sent.claim("headquartered_in.v1", subject=subject_id, predicate="headquartered_in", object=place.value)


@rule("term_of_office.v1")
def term(sent: Sentence) -> Iterator[Claim]:
    for trig in sent.triggers.get("term", []):
        number = next((n for n in sent.numbers if trig.start <= n.start < trig.end), None)
        if number is None:
            continue
        offices = sent.entities(EntityType.OFFICE)
        office = sent.nearest(offices, trig.start)
        if office is None:
            continue
        until = [d for d in _usable_dates(sent) if d.value["kind"] == "until"]
        renewable = "once" if sent.triggers.get("renewable_once") else None
        yield sent.claim("term_of_office.v1", subject=office.value, predicate="term_of_office",
                         value=str(number.value), end=until[0].value["start"] if until else None,
                         qualifiers={"renewable": renewable})


@rule("meeting.v1")
def meetings(sent: Sentence) -> Iterator[Claim]:
    """A meeting's dates, city and host: details stand before its name in Kazakh, after it in
    Russian and English, up to the next meeting named."""
    found = sent.entities(EntityType.MEETING)
    if not found:
        return
    order = _ORDER.get(sent.lang, "after")
    for i, meeting in enumerate(found):
        if not meeting.value.startswith("OIC/"):
            continue
        prev_end = found[i - 1].end if i else sent.start
        next_start = found[i + 1].start if i + 1 < len(found) else sent.end
        before, after = (prev_end, meeting.start), (meeting.end, next_start)
        # "24-ші СІММ-нен ... 33-ші СІММ-ге дейін": a meeting in the ablative opens a range and its
        # details follow it.
        if sent.lang == "kk" and _ablative(meeting.text) and i + 1 < len(found):
            windows = [after]
        elif sent.lang == "kk" and i and _ablative(found[i - 1].text):
            windows = [after, before]
        else:
            windows = [before, after] if order == "before" else [after, before]
        place = date = None
        for lo, hi in windows:
            lo, hi = _clip_to_clause(sent, meeting, lo, hi)
            place = place or sent.nearest(sent.entities(EntityType.PLACE, lo=lo, hi=hi), meeting.start)
            date = date or sent.nearest([d for d in _usable_dates(sent, lo, hi) if d.value["kind"] in ("date", "range", "in", "until")],
                                        meeting.start)
        body = _meeting_body(sent, meeting.value)
        if date is not None:
            start, end = _date(date)
            if date.value["kind"] == "until":
                start, end = date.value["start"], None
            yield sent.claim("meeting.v1", subject=meeting.value, predicate="meeting_of", object=body,
                             start=start, end=end)
        if place is not None:
            yield sent.claim("meeting.v1", subject=meeting.value, predicate="held_in", object=place.value)
            country = _country_beside(sent, place)
            if country:
                yield sent.claim("meeting.v1", subject=meeting.value, predicate="hosted_by", object=country)


def _ablative(word: str) -> bool:
    return bool(re.search(r"(?:нан|нен|тан|тен|дан|ден)$", word.lower()))


def _clip_to_clause(sent: Sentence, meeting: Found, lo: int, hi: int) -> tuple[int, int]:
    clause_lo, clause_hi = sent.clause_of(meeting.start)
    return max(lo, clause_lo) if lo < meeting.start else lo, min(hi, clause_hi) if hi > meeting.end else hi


def _country_beside(sent: Sentence, place: Found) -> str | None:
    """The state written right after a city: `Тегеранда (Иран)`, `Jeddah, Saudi Arabia`."""
    for state in sent.entities(EntityType.STATE):
        gap = sent.text[place.end - sent.start:state.start - sent.start]
        if state.start >= place.end and re.fullmatch(r"\s*[(,]\s*", gap):
            return state.value
    return None


@rule("hosted_by.v1")
def hosts(sent: Sentence) -> Iterator[Claim]:
    """A state that hosted a meeting: `Сессияны Қазақстан қабылдап отыр`, `hosted the 38th session`."""
    for trig in sent.triggers.get("host", []):
        meetings = sent.entities(EntityType.MEETING)
        meeting = sent.nearest(meetings, trig.start)
        if meeting is None:
            continue
        states = sent.entities(EntityType.STATE)
        host = sent.nearest(states, trig.start, side="before") or sent.nearest(states, trig.end, side="after", limit=30)
        if host is None:
            continue
        yield sent.claim("hosted_by.v1", subject=meeting.value, predicate="hosted_by", object=host.value)


@rule("chaired_by.v1")
def chairs(sent: Sentence) -> Iterator[Claim]:
    """Who chaired a body, and handovers (`төрағалығын Джибутиге берді`, `passed the chair to`)."""
    states = sent.entities(EntityType.STATE)
    meetings = [m for m in sent.entities(EntityType.MEETING) if m.value.startswith("OIC/")]
    for trig in sent.triggers.get("handover", []):
        lo, hi = sent.clause_of(trig.start)
        receiver = _receiver(sent, trig, states)
        if receiver is None:
            continue
        giver = sent.nearest([s for s in states if s.end <= trig.start and s is not receiver and lo <= s.start], trig.start)
        meeting = sent.nearest(meetings, trig.start)
        body = _body(sent, meeting)
        if body is None:
            continue
        qualifiers = {"meeting": meeting.value if meeting else None}
        yield sent.claim("chaired_by.v1", subject=body, predicate="chaired_by", object=receiver.value, qualifiers=qualifiers)
        if giver is not None:
            yield sent.claim("chaired_by.v1", subject=body, predicate="chaired_by", object=giver.value)
    for trig in sent.triggers.get("chair", []):
        lo, hi = sent.clause_of(trig.start)
        holder = sent.nearest([s for s in states if lo <= s.start < hi], trig.start, side="before") or \
            sent.nearest([s for s in states if lo <= s.start < hi], trig.end, side="after", limit=40)
        if holder is None:
            continue
        meeting = sent.nearest(meetings, trig.start)
        body = _body(sent, meeting)
        if body is None:
            continue
        dates = _usable_dates(sent, lo, hi)
        ranges = [d for d in dates if d.value["kind"] in ("range", "since")]
        start = end = None
        if ranges:
            start, end = ranges[0].value["start"], ranges[0].value.get("end")
        yield sent.claim("chaired_by.v1", subject=body, predicate="chaired_by", object=holder.value,
                         start=start, end=end)


def _receiver(sent: Sentence, trig: Found, states: list[Found]) -> Found | None:
    """The state the chair went to: inside the trigger span (Kazakh dative), or right after it."""
    inside = [s for s in states if trig.start <= s.start and s.end <= trig.end]
    if inside:
        return inside[-1]
    return sent.nearest(states, trig.end, side="after", limit=40)


def _body(sent: Sentence, meeting: Found | None) -> str | None:
    organs = [o.value for o in sent.entities(EntityType.ORGAN) if o.value in ("OIC/cfm", "OIC/summit")]
    if organs:
        return organs[0]
    if meeting is not None:
        return _meeting_body(sent, meeting.value)
    return None


@rule("participated_in.v1")
def participation(sent: Sentence) -> Iterator[Claim]:
    """A state's delegation took part in meetings; `from the 24th to the 33rd` is every one between."""
    triggers_found = sent.triggers.get("participated", [])
    if not triggers_found:
        return
    trig = triggers_found[0]
    states = sent.entities(EntityType.STATE)
    subject = sent.nearest(states, trig.start, side="before") or sent.nearest(states, trig.end, side="after", limit=40)
    if subject is None:
        return
    meetings = [m for m in sent.entities(EntityType.MEETING) if m.value.startswith("OIC/")]
    ids = [m.value for m in meetings]
    for first, second in zip(meetings, meetings[1:]):
        if _ablative(first.text) or _range_between(sent, first, second):
            ids.extend(_between(sent.kb, first.value, second.value))
    for meeting_id in dict.fromkeys(ids):
        yield sent.claim("participated_in.v1", subject=subject.value, predicate="participated_in", object=meeting_id)


def _range_between(sent: Sentence, first: Found, second: Found) -> bool:
    pattern = triggers(sent.lang).get("range_to")
    gap = sent.low[first.end - sent.start:second.start - sent.start]
    return bool(pattern and pattern.search(gap) and len(gap) < 80)


def _between(kb: KB, first: str, second: str) -> list[str]:
    a, b = first.rsplit("/", 1), second.rsplit("/", 1)
    if a[0] != b[0] or not (a[1].isdigit() and b[1].isdigit()):
        return []
    return [f"{a[0]}/{n}" for n in range(int(a[1]) + 1, int(b[1])) if f"{a[0]}/{n}" in kb.entities]


@rule("adopted_at.v1")
def adoption(sent: Sentence) -> Iterator[Claim]:
    for trig in sent.triggers.get("adopted", []):
        documents = sent.entities(EntityType.DOCUMENT)
        document = sent.nearest(documents, trig.start)
        meetings = [m for m in sent.entities(EntityType.MEETING) if m.value.startswith("OIC/")]
        meeting = sent.nearest(meetings, trig.start)
        if document is None and meeting is not None and sent.triggers.get("resolution"):
            adopted_there = [f.subject for f in sent.kb.store.facts(predicate="adopted_at", object=meeting.value)]
            document_id = adopted_there[0] if len(adopted_there) == 1 else None
        else:
            document_id = document.value if document else None
        if document_id is None:
            continue
        date = sent.nearest(_usable_dates(sent), trig.start)
        start, _ = _date(date) if meeting is None else (None, None)
        yield sent.claim("adopted_at.v1", subject=document_id, predicate="adopted_at",
                         object=meeting.value if meeting else None, start=start)


@rule("holds_office.v1")
def office_holders(sent: Sentence) -> Iterator[Claim]:
    triggers_found = sent.triggers.get("office", [])
    if not triggers_found:
        return
    people = sent.entities(EntityType.PERSON)
    offices = sent.entities(EntityType.OFFICE)
    if not people or not offices:
        return
    office = offices[0]
    for person in people:
        lo, hi = sent.clause_of(person.start)
        dates = _usable_dates(sent, lo, hi)
        ranges = [d for d in dates if d.value["kind"] in ("range", "since", "until")]
        start = end = None
        if ranges:
            d = ranges[0].value
            if d["kind"] == "until":
                end = d["start"]
            else:
                start, end = d["start"], d.get("end")
        elif sent.triggers.get("took_office"):
            took = sent.nearest(dates, sent.triggers["took_office"][0].start)
            start = took.value["start"] if took else None
        yield sent.claim("holds_office.v1", subject=person.value, predicate="holds_office", object=office.value,
                         start=start, end=end)
