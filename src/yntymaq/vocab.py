"""The vocabulary of yntymaq: entities, dates with precision, facts, sources and predicates.

Every other module speaks in these terms; nothing here knows about storage, text or the web.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum, IntEnum

LANGS = ("kk", "ru", "en")
"""The languages of the interface, Kazakh first."""

NAME_LANGS = ("kk", "ru", "en", "ar")
"""The languages an entity may be named in."""


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


class Truth(Enum):
    """How sure a temporal comparison is, given the precision of the dates in it."""

    YES = "yes"
    MAYBE = "maybe"
    NO = "no"

    def __and__(self, other: "Truth") -> "Truth":
        if Truth.NO in (self, other):
            return Truth.NO
        if Truth.MAYBE in (self, other):
            return Truth.MAYBE
        return Truth.YES


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date known to the year, the month or the day.

    A date known to the year is the whole year, never its 1 January: `earliest` and `latest`
    give the first and last day it may stand for, and comparisons say MAYBE where they overlap.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} is not in {self.year}-{self.month:02d} (1..{last})")

    @classmethod
    def parse(cls, text: str) -> "Date":
        """Read `1995`, `2011-06` or `2011-06-28`; raise ValueError saying what is wrong."""
        m = _DATE_RE.match(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in m.groups())
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: dt.date) -> "Date":
        return cls(value.year, value.month, value.day)

    @classmethod
    def today(cls) -> "Date":
        return cls.from_date(dt.date.today())

    @property
    def precision(self) -> Precision:
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __repr__(self) -> str:
        return f"Date({str(self)!r})"

    def before(self, other: "Date") -> Truth:
        """Is every day this date may stand for before every day `other` may stand for?"""
        if self.latest < other.earliest:
            return Truth.YES
        if self.earliest >= other.latest:
            return Truth.NO
        return Truth.MAYBE

    def agrees_with(self, other: "Date") -> bool:
        """Can the two name the same day? Calendar spans nest or are disjoint, so overlap is enough:
        `1997` agrees with `1997-12`, which merely says more."""
        return not (self.latest < other.earliest or other.latest < self.earliest)

    def truncate(self, precision: Precision) -> "Date":
        if precision >= self.precision:
            return self
        if precision == Precision.YEAR:
            return Date(self.year)
        return Date(self.year, self.month)

    def sort_key(self) -> tuple[dt.date, int]:
        return (self.earliest, int(self.precision))


def holds_at(start: Date | None, end: Date | None, at: Date, *, end_inclusive: bool = False) -> Truth:
    """Does an interval that starts at `start` and ends at `end` (open when None) hold at `at`?

    The end is exclusive (the date it stopped holding) unless `end_inclusive` (a meeting's
    last day). Uncertain precision gives MAYBE.
    """
    started = Truth.YES
    if start is not None:
        if start.latest <= at.earliest:
            started = Truth.YES
        elif start.earliest > at.latest:
            started = Truth.NO
        else:
            started = Truth.MAYBE
    not_ended = Truth.YES
    if end is not None:
        if end_inclusive:
            if end.earliest >= at.latest:
                not_ended = Truth.YES
            elif end.latest < at.earliest:
                not_ended = Truth.NO
            else:
                not_ended = Truth.MAYBE
        elif end.earliest > at.latest:
            not_ended = Truth.YES
        elif end.latest <= at.earliest:
            not_ended = Truth.NO
        else:
            not_ended = Truth.MAYBE
    return started & not_ended


class EntityType(str, Enum):
    STATE = "state"
    ORGANISATION = "organisation"
    ORGAN = "organ"
    OFFICE = "office"
    MEETING = "meeting"
    PERSON = "person"
    PLACE = "place"
    DOCUMENT = "document"


ENTITY_TYPE_LABELS: dict[EntityType, dict[str, str]] = {
    EntityType.STATE: {"kk": "мемлекет", "ru": "государство", "en": "state"},
    EntityType.ORGANISATION: {"kk": "ұйым", "ru": "организация", "en": "organisation"},
    EntityType.ORGAN: {"kk": "орган", "ru": "орган", "en": "organ"},
    EntityType.OFFICE: {"kk": "лауазым", "ru": "должность", "en": "office"},
    EntityType.MEETING: {"kk": "жиын", "ru": "встреча", "en": "meeting"},
    EntityType.PERSON: {"kk": "тұлға", "ru": "лицо", "en": "person"},
    EntityType.PLACE: {"kk": "мекен", "ru": "место", "en": "place"},
    EntityType.DOCUMENT: {"kk": "құжат", "ru": "документ", "en": "document"},
}


@dataclass(frozen=True, slots=True)
class Entity:
    """A thing the knowledge base knows: a state, an organ, a meeting, a person...

    `names` maps a language to the entity's preferred name in it; `aliases` holds every other
    spelling as (language, alias) pairs. `country` is set for places, `parent` for organs and
    offices that belong to an organisation.
    """

    id: str
    type: EntityType
    names: dict[str, str] = field(default_factory=dict)
    aliases: tuple[tuple[str, str], ...] = ()
    country: str | None = None
    parent: str | None = None

    def label(self, lang: str = "kk") -> str:
        for candidate in (lang, "kk", "en", "ru", "ar"):
            if self.names.get(candidate):
                return self.names[candidate]
        return self.id

    def all_names(self) -> list[tuple[str, str]]:
        return [(lang, name) for lang, name in self.names.items() if name] + list(self.aliases)


@dataclass(frozen=True, slots=True)
class Predicate:
    """One predicate of the closed list, with its labels and the shape of its object."""

    name: str
    labels: dict[str, str]
    takes: str  # "entity" or "value"
    qualifiers: tuple[str, ...] = ()
    derived: bool = False
    end_inclusive: bool = False
    doc: str = ""

    def label(self, lang: str = "kk") -> str:
        return self.labels.get(lang) or self.labels["en"]


def _p(name, kk, ru, en, takes, doc, qualifiers=(), derived=False, end_inclusive=False) -> Predicate:
    return Predicate(name, {"kk": kk, "ru": ru, "en": en}, takes, tuple(qualifiers), derived, end_inclusive, doc)


PREDICATES: dict[str, Predicate] = {
    p.name: p
    for p in (
        _p("member_of", "мүшесі", "член", "member of", "entity",
           "A state's membership of an organisation, with its status; an organisation may be an observer.", ("status",)),
        _p("part_of", "құрамында", "входит в", "part of", "entity",
           "An organ or institution belongs to an organisation, with its category.", ("category",)),
        _p("headquartered_in", "штаб-пәтері", "штаб-квартира", "headquartered in", "entity",
           "The city that hosts an organisation's or organ's seat."),
        _p("founded", "құрылған", "основан", "founded", "value",
           "When (the fact's start) and where (qualifier place) something was founded.", ("place",)),
        _p("named", "атауы", "название", "named", "value",
           "A name over time; the value is the name, the qualifier lang its language. A state's current one "
           "replaces CLDR's name.", ("lang",)),
        _p("meeting_of", "жиыны", "заседание", "meeting of", "entity",
           "A meeting belongs to a body; its start and end are the meeting's first and last day.",
           ("series", "kind", "ordinal", "joint", "online"), end_inclusive=True),
        _p("held_in", "өткен жері", "место проведения", "held in", "entity", "The city a meeting was held in."),
        _p("hosted_by", "қабылдаушы ел", "принимающая страна", "hosted by", "entity",
           "The state that hosted a meeting."),
        _p("chaired_by", "төрағасы", "председатель", "chaired by", "entity",
           "The state that chairs a body, from one session to the next (derived).", ("meeting",),
           derived=True),
        _p("holds_office", "лауазымын атқарады", "занимает должность", "holds office", "entity",
           "A person holds an office over an interval."),
        _p("elected_to", "сайланды", "избран", "elected to", "entity",
           "A person elected to an office; start (and end, the same day) is the election, which is not the "
           "start of the term: holds_office starts when the person takes office.", ("meeting",),
           end_inclusive=True),
        _p("citizen_of", "азаматы", "гражданин", "citizen of", "entity", "A person's nationality."),
        _p("adopted_at", "қабылданған жері", "принят на", "adopted at", "entity",
           "A document (charter, programme, resolution) adopted at a meeting."),
        _p("participated_in", "қатысты", "участвовал в", "participated in", "entity",
           "A state's delegation took part in a meeting."),
        _p("member_count", "мүше саны", "число членов", "number of members", "value",
           "How many members an organisation has at a date (derived from member_of).", ("status",),
           derived=True),
        _p("official_language", "ресми тілі", "официальный язык", "official language", "value",
           "A working or official language of an organisation (value: ISO 639-1 code)."),
        _p("term_of_office", "өкілеттік мерзімі", "срок полномочий", "term of office", "value",
           "The length in years of an office's term as a charter sets it.", ("renewable", "document")),
        _p("in_force", "күшінде", "в силе", "in force", "entity",
           "A document (a charter) governs an organisation over an interval."),
    )
}


@dataclass(frozen=True, slots=True)
class Reference:
    """A citation of a public document: a page, a charter article, a communiqué."""

    id: str
    title: str
    url: str = ""
    publisher: str = ""
    published: str = ""
    locator: str = ""  # the article, section or page within the document

    kind = "reference"


@dataclass(frozen=True, slots=True)
class Span:
    """A span of an ingested document: exact character offsets in its original text."""

    doc: str
    sentence: int
    start: int
    end: int
    text: str = ""

    kind = "span"


Source = Reference | Span


class Origin(str, Enum):
    CURATED = "curated"
    EXTRACTED = "extracted"
    DERIVED = "derived"


@dataclass(frozen=True, slots=True)
class Fact:
    """Subject, predicate, object or value, a validity interval, qualifiers and sources."""

    subject: str
    predicate: str
    object: str | None = None
    value: str | None = None
    start: Date | None = None
    end: Date | None = None
    qualifiers: tuple[tuple[str, str], ...] = ()
    sources: tuple[Source, ...] = ()
    origin: Origin = Origin.CURATED
    rule: str = ""  # the derivation or extraction rule, versioned: "chair.from_sessions.v1"
    where: str = ""  # "members.csv:12" for curated facts
    id: int | None = None

    def qualifier(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.qualifiers:
            if k == key:
                return v
        return default

    @property
    def info(self) -> Predicate:
        return PREDICATES[self.predicate]

    def holds_at(self, at: Date) -> Truth:
        return holds_at(self.start, self.end, at, end_inclusive=self.info.end_inclusive)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in a text linked to a KB entity (or left unlinked, with the candidates it could be)."""

    start: int  # offsets in the original text
    end: int
    text: str
    entity: str | None
    candidates: tuple[str, ...] = ()
    score: float = 1.0
    rule: str = ""  # "mention.exact.v1", "mention.inflected.v1", "mention.fuzzy.v1", "mention.meeting.v1"
    sentence: int = -1


class VerdictKind(str, Enum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    NEW = "new"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True, slots=True)
class Claim:
    """A fact read from a text: the fact (origin extracted, its source a Span) and the rule that read it."""

    fact: Fact
    span: Span
    rule: str
    lang: str = "kk"
    at: Date | None = None  # the time the claim speaks of, when the text gives it ("today" in a 2006 text)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the knowledge base says of a claim, with the facts that decide it and why."""

    kind: VerdictKind
    evidence: tuple[Fact, ...] = ()
    reason: str = ""
    rule: str = ""  # the check rule, e.g. "check.membership.v1", or the charter rule that decided a term
