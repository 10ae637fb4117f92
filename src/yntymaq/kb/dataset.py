"""Load and validate the curated dataset: CSV files a historian can review in a diff.

`load_dataset(folder)` reads every file (see `data/README.md` for the format), turns each row into
entities and facts, and collects every problem as `file:line: what is wrong`. If any problem remains
it raises `DataErrors` with all of them, so nothing half-valid ever reaches the store.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from yntymaq.errors import DataErrors, Problem
from yntymaq.kb import names as cldr
from yntymaq.kb.meetings import JOINT_PARTNERS, ONLINE, SERIES, meeting_ident, meeting_key, meeting_names
from yntymaq.vocab import (
    NAME_LANGS,
    PREDICATES,
    Date,
    Entity,
    EntityType,
    Fact,
    Origin,
    Reference,
)

FILES = {
    "sources.csv": ["id", "title", "url", "publisher", "published"],
    "places.csv": ["id", "country", "kk", "ru", "en", "ar"],
    "entities.csv": ["id", "type", "parent", "kk", "ru", "en", "ar", "note"],
    "aliases.csv": ["entity", "lang", "alias", "note"],
    "members.csv": ["state", "status", "start", "end", "source", "note"],
    "meetings.csv": ["body", "kind", "ordinal", "city", "country", "start", "end", "joint", "source", "note"],
    "offices.csv": ["office", "person", "start", "end", "source", "note"],
    "facts.csv": ["subject", "predicate", "object", "value", "start", "end", "qualifiers", "source", "note"],
}

_EXTRA = "\0extra"  # DictReader's key for cells beyond the header
STATUSES = ("member", "observer", "suspended")
CATEGORIES = ("principal", "subsidiary", "specialised", "affiliated")
ORGANISATION = "OIC"

# Types a row of entities.csv may declare; states come from CLDR, places and OIC meetings from their
# own files, but a non-ISO state (an observer) or a meeting of another body is declared here.
_DECLARABLE = {t.value for t in EntityType} - {EntityType.PLACE.value}


def _a(word: str) -> str:
    """`word` with its indefinite article: an organisation, a person."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def default_data_dir() -> Path:
    return Path(str(resources.files("yntymaq.kb") / "data"))


@dataclass
class Dataset:
    """The validated curated dataset: every entity and fact, with where each came from."""

    entities: dict[str, Entity]
    facts: list[Fact]
    sources: dict[str, Reference]
    notes: dict[str, str] = field(default_factory=dict)  # "members.csv:12" -> reviewer's note
    digest: str = ""


@dataclass
class _Row:
    file: str
    line: int
    cells: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def get(self, key: str) -> str:
        return (self.cells.get(key) or "").strip()


class _Loader:
    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []
        self.entities: dict[str, Entity] = {}
        self.entity_where: dict[str, str] = {}
        self.sources: dict[str, Reference] = {}
        self.facts: list[Fact] = []
        self.notes: dict[str, str] = {}
        self.digest = hashlib.sha256()
        # Checks that need every file read first: (row, entity id, what it is for).
        self.pending_refs: list[tuple[_Row, str, str]] = []

    # -- reading ---------------------------------------------------------------------------

    def problem(self, row: _Row | str, line: int | str, message: str | None = None) -> None:
        if isinstance(row, _Row):
            self.problems.append(Problem(row.file, row.line, str(line)))
        else:
            self.problems.append(Problem(row, int(line), message or ""))

    def rows(self, name: str) -> list[_Row]:
        path = self.folder / name
        if not path.exists():
            self.problem(name, 0, "file is missing")
            return []
        raw = path.read_bytes()
        self.digest.update(name.encode() + b"\0" + raw)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            self.problem(name, line, "is not UTF-8 text; save the file as UTF-8")
            return []
        reader = csv.DictReader(text.splitlines(keepends=True), restkey=_EXTRA, restval=None)
        expected = FILES[name]
        if reader.fieldnames != expected:
            self.problem(name, 1, f"header is {','.join(reader.fieldnames or [])!r}; expected {','.join(expected)!r}")
            return []
        out = []
        start_line = 2
        for cells in reader:
            line = start_line
            start_line = reader.line_num + 1
            row = _Row(name, line, cells)
            if _EXTRA in cells:
                self.problem(row, f"has {len(expected) + len(cells[_EXTRA])} cells; the header has {len(expected)}")
                continue
            if any(v is None for v in cells.values()):
                self.problem(row, f"has fewer cells than the header's {len(expected)}")
                continue
            if not any(v.strip() for v in cells.values()):
                continue
            out.append(row)
        return out

    # -- cells -----------------------------------------------------------------------------

    def date(self, row: _Row, column: str) -> Date | None:
        text = row.get(column)
        if not text:
            return None
        try:
            return Date.parse(text)
        except ValueError as err:
            self.problem(row, f"{column}: {err}")
            return None

    def interval(self, row: _Row, *, required_start: bool = False) -> tuple[Date | None, Date | None]:
        start, end = self.date(row, "start"), self.date(row, "end")
        if required_start and start is None and not row.get("start"):
            self.problem(row, "start: a date is required")
        if start and end and end.latest < start.earliest:
            self.problem(row, f"end {end} is before start {start}")
        return start, end

    def source_refs(self, row: _Row) -> tuple[Reference, ...]:
        cell = row.get("source")
        if not cell:
            self.problem(row, "source: every fact needs a source (an id from sources.csv)")
            return ()
        refs = []
        for part in cell.split(";"):
            part = part.strip()
            ident, _, locator = part.partition("#")
            ref = self.sources.get(ident)
            if ref is None:
                self.problem(row, f"source: {ident!r} is not in sources.csv")
                continue
            refs.append(Reference(ref.id, ref.title, ref.url, ref.publisher, ref.published, locator))
        return tuple(refs)

    def ref(self, row: _Row, ident: str, what: str) -> None:
        """Check later, once every file is read, that `ident` names an entity."""
        if ident:
            self.pending_refs.append((row, ident, what))

    def state_entity(self, code: str) -> None:
        if code in self.entities or not cldr.is_state_code(code):
            return
        self.entities[code] = Entity(code, EntityType.STATE, cldr.state_names(code))

    def add_entity(self, row: _Row, entity: Entity) -> None:
        if entity.id in self.entities:
            self.problem(row, f"id {entity.id!r} is already defined at {self.entity_where[entity.id]}")
            return
        self.entities[entity.id] = entity
        self.entity_where[entity.id] = row.where

    def add_fact(self, row: _Row, **kwargs) -> None:
        note = row.get("note")
        if note:
            self.notes[row.where] = note
        self.facts.append(Fact(origin=Origin.CURATED, where=row.where, **kwargs))

    def names(self, row: _Row, *, required=("kk", "ru", "en")) -> dict[str, str]:
        found = {lang: row.get(lang) for lang in NAME_LANGS if row.get(lang)}
        missing = [lang for lang in required if lang not in found]
        if missing:
            self.problem(row, f"a name in {', '.join(missing)} is required")
        return found

    # -- files -----------------------------------------------------------------------------

    def load_sources(self) -> None:
        for row in self.rows("sources.csv"):
            ident = row.get("id")
            if not ident:
                self.problem(row, "id: required")
                continue
            if ident in self.sources:
                self.problem(row, f"id {ident!r} is already defined")
                continue
            if not row.get("title"):
                self.problem(row, "title: required")
            if not (row.get("url") or row.get("publisher")):
                self.problem(row, "a source needs a url or a publisher so that a reader can find it")
            published = row.get("published")
            if published:
                try:
                    Date.parse(published)
                except ValueError as err:
                    self.problem(row, f"published: {err}")
            self.sources[ident] = Reference(ident, row.get("title"), row.get("url"), row.get("publisher"), published)

    def load_places(self) -> None:
        for row in self.rows("places.csv"):
            ident, country = row.get("id"), row.get("country")
            if not ident:
                self.problem(row, "id: required")
                continue
            if not cldr.is_state_code(country):
                self.problem(row, f"country: {country!r} is not an ISO 3166-1 alpha-2 country code")
            self.state_entity(country)
            self.add_entity(row, Entity(ident, EntityType.PLACE, self.names(row), country=country))

    def load_entities(self) -> None:
        for row in self.rows("entities.csv"):
            ident, kind = row.get("id"), row.get("type")
            if not ident:
                self.problem(row, "id: required")
                continue
            if kind not in _DECLARABLE:
                self.problem(row, f"type: {kind!r} is not one of {', '.join(sorted(_DECLARABLE))}")
                continue
            if kind == "state" and cldr.is_state_code(ident):
                self.problem(row, f"{ident} is an ISO code: its names come from CLDR; add spellings to aliases.csv")
                continue
            parent = row.get("parent") or None
            if parent:
                self.ref(row, parent, "parent")
            note = row.get("note")
            if note:
                self.notes[row.where] = note
            self.add_entity(row, Entity(ident, EntityType(kind), self.names(row), parent=parent))

    def load_aliases(self) -> list[tuple[_Row, str, str, str]]:
        aliases = []
        for row in self.rows("aliases.csv"):
            entity, lang, alias = row.get("entity"), row.get("lang"), row.get("alias")
            if lang not in NAME_LANGS:
                self.problem(row, f"lang: {lang!r} is not one of {', '.join(NAME_LANGS)}")
                continue
            if not alias:
                self.problem(row, "alias: required")
                continue
            self.ref(row, entity, "entity")
            aliases.append((row, entity, lang, alias))
        return aliases

    def load_members(self) -> None:
        for row in self.rows("members.csv"):
            state, status = row.get("state"), row.get("status")
            if status not in STATUSES:
                self.problem(row, f"status: {status!r} is not one of {', '.join(STATUSES)}")
            self.ref(row, state, "state")
            self.ref(row, ORGANISATION, "organisation")
            start, end = self.interval(row, required_start=True)
            sources = self.source_refs(row)
            self.add_fact(row, subject=state, predicate="member_of", object=ORGANISATION, start=start, end=end,
                          qualifiers=(("status", status),), sources=sources)

    def load_meetings(self) -> None:
        """Meetings of every series (see meetings.py for the ids): numbered, or keyed by date and city."""
        seen: dict[str, str] = {}
        for row in self.rows("meetings.csv"):
            body, kind, ordinal_text = row.get("body"), row.get("kind"), row.get("ordinal")
            series = SERIES.get(body)
            if series is None:
                self.problem(row, f"body: {body!r} is not one of {', '.join(SERIES)}")
                continue
            if kind not in series.kinds:
                self.problem(row, f"kind: {kind!r} is not one of {', '.join(series.kinds)} for {body}")
                continue
            ordinal = None
            if ordinal_text:
                if not ordinal_text.isdigit() or int(ordinal_text) < 1:
                    self.problem(row, f"ordinal: {ordinal_text!r} is not a positive whole number")
                    continue
                if kind not in series.numbered:
                    self.problem(row, f"ordinal: {kind} meetings of {body} are not numbered; leave ordinal empty")
                    continue
                ordinal = int(ordinal_text)
            elif kind not in series.unnumbered:
                self.problem(row, f"ordinal: {kind} meetings of {body} are numbered; an ordinal is required")
                continue
            city, country, joint = row.get("city"), row.get("country"), row.get("joint") or None
            # Every meeting needs its start: the chair is derived from the sessions' dates, and an
            # unnumbered meeting's id is built from it.
            start, end = self.interval(row, required_start=True)
            key = None
            if ordinal is None:
                needed = "day" if series.key_precision == "day" else "month"
                if start is None or not city:
                    if not city:
                        self.problem(row, "city: required (an id from places.csv, or online)")
                    continue
                if len(row.get("start")) < (10 if needed == "day" else 7):
                    self.problem(row, f"start: an unnumbered meeting of {body} needs its start to the {needed}, "
                                      f"since its id is built from it")
                    continue
                key = meeting_key(row.get("start"), city, series.key_precision)
            if joint and not series.joint:
                self.problem(row, f"joint: meetings of {body} are not held jointly; leave joint empty")
                joint = None
            elif joint and joint not in JOINT_PARTNERS:
                self.problem(row, f"joint: {joint!r} is not one of {', '.join(JOINT_PARTNERS)}")
                joint = None
            ident = meeting_ident(body, kind, ordinal, key)
            if ident in seen:
                what = f"{kind} {body} number {ordinal}" if ordinal is not None else f"meeting {ident}"
                self.problem(row, f"{what} is already defined at {seen[ident]}")
                continue
            seen[ident] = row.where
            self.ref(row, series.body, "body")
            if joint:
                self.ref(row, joint, "joint")
            sources = self.source_refs(row)
            place = None
            if city and city != ONLINE:
                self.ref(row, city, "city")
                known = self.entities.get(city)
                place = dict(known.names) if known else {}
            names = meeting_names(body, kind, ordinal, place=place, start=row.get("start"), joint=joint)
            self.add_entity(row, Entity(ident, EntityType.MEETING, names, parent=series.body))
            qualifiers = [("series", body), ("kind", kind)]
            if ordinal is not None:
                qualifiers.append(("ordinal", str(ordinal)))
            if joint:
                qualifiers.append(("joint", joint))
            if city == ONLINE:
                qualifiers.append(("online", "yes"))
            self.add_fact(row, subject=ident, predicate="meeting_of", object=series.body, start=start, end=end,
                          qualifiers=tuple(qualifiers), sources=sources)
            if not city:
                self.problem(row, "city: required (an id from places.csv, or online)")
            elif city != ONLINE:
                self.add_fact(row, subject=ident, predicate="held_in", object=city, start=start, end=end, sources=sources)
            if country:
                self.ref(row, country, "country")
                self.add_fact(row, subject=ident, predicate="hosted_by", object=country, start=start, end=end, sources=sources)
            elif city != ONLINE:
                self.problem(row, "country: required (the host state's ISO code)")

    def load_offices(self) -> None:
        for row in self.rows("offices.csv"):
            office, person = row.get("office"), row.get("person")
            self.ref(row, office, "office")
            self.ref(row, person, "person")
            start, end = self.interval(row, required_start=True)
            sources = self.source_refs(row)
            self.add_fact(row, subject=person, predicate="holds_office", object=office, start=start, end=end, sources=sources)

    def load_facts(self) -> None:
        for row in self.rows("facts.csv"):
            subject, name = row.get("subject"), row.get("predicate")
            predicate = PREDICATES.get(name)
            if predicate is None:
                self.problem(row, f"predicate: {name!r} is not one of {', '.join(PREDICATES)}")
                continue
            if predicate.derived:
                self.problem(row, f"predicate: {name} is derived by a rule; do not type it in")
                continue
            self.ref(row, subject, "subject")
            obj, value = row.get("object") or None, row.get("value") or None
            if predicate.takes == "entity":
                if not obj:
                    self.problem(row, f"object: {name} needs an entity id in object")
                else:
                    self.ref(row, obj, "object")
                if value:
                    self.problem(row, f"value: {name} takes an entity in object, not a value")
            elif obj:
                self.problem(row, f"object: {name} takes a value, not an entity in object")
            qualifiers = self.qualifiers(row, predicate.name, predicate.qualifiers)
            if predicate.takes == "value" and not value and name != "founded":
                self.problem(row, f"value: {name} needs a value")
            start, end = self.interval(row)
            sources = self.source_refs(row)
            self.add_fact(row, subject=subject, predicate=name, object=obj, value=value, start=start, end=end,
                          qualifiers=qualifiers, sources=sources)

    def qualifiers(self, row: _Row, predicate: str, allowed: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        cell = row.get("qualifiers")
        out = []
        for part in filter(None, (p.strip() for p in cell.split(";"))):
            key, sep, value = part.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or not key or not value:
                self.problem(row, f"qualifiers: {part!r} is not key=value")
                continue
            if key not in allowed:
                self.problem(row, f"qualifiers: {predicate} takes {', '.join(allowed) or 'no qualifiers'}, not {key!r}")
                continue
            if key == "category" and value not in CATEGORIES:
                self.problem(row, f"qualifiers: category {value!r} is not one of {', '.join(CATEGORIES)}")
            if key == "status" and value not in STATUSES:
                self.problem(row, f"qualifiers: status {value!r} is not one of {', '.join(STATUSES)}")
            if key in ("place", "document", "meeting", "joint"):
                self.ref(row, value, f"qualifier {key}")
            out.append((key, value))
        return tuple(out)

    # -- cross-file checks -----------------------------------------------------------------

    def resolve_refs(self) -> None:
        for row, ident, what in self.pending_refs:
            if ident in self.entities:
                continue
            if len(ident) == 2 and ident.isalpha():
                if cldr.is_state_code(ident):
                    self.state_entity(ident)
                else:
                    self.problem(row, f"{what}: {ident!r} is not an ISO 3166-1 alpha-2 country code")
                continue
            self.problem(row, f"{what}: no entity has the id {ident!r}")

    def attach_aliases(self, aliases) -> None:
        extra: dict[str, list[tuple[str, str]]] = {}
        seen: set[tuple[str, str, str]] = set()
        for row, entity, lang, alias in aliases:
            if entity not in self.entities:
                continue  # already reported by resolve_refs
            key = (entity, lang, cldr.fold(alias))
            if key in seen:
                self.problem(row, f"alias {alias!r} ({lang}) of {entity} is listed twice")
                continue
            seen.add(key)
            extra.setdefault(entity, []).append((lang, alias))
        for entity, pairs in extra.items():
            e = self.entities[entity]
            self.entities[entity] = Entity(e.id, e.type, e.names, e.aliases + tuple(pairs), e.country, e.parent)

    def check_types(self) -> None:
        """Subjects and objects of the right kind: only states are members, only people hold offices."""
        for fact in self.facts:
            file, _, line = fact.where.rpartition(":")
            subject = self.entities.get(fact.subject)
            obj = self.entities.get(fact.object) if fact.object else None
            if fact.predicate == "member_of" and subject and subject.type is not EntityType.STATE:
                status = fact.qualifier("status")
                if file != "facts.csv":
                    self.problem(file, line, f"state: {fact.subject!r} is {_a(subject.type.value)}, not a state; "
                                             f"write an organisation's observer status in facts.csv")
                elif subject.type is not EntityType.ORGANISATION:
                    self.problem(file, line, f"subject: {fact.subject!r} is {_a(subject.type.value)}; only states "
                                             f"and organisations (as observers) can be member_of")
                elif status != "observer":
                    self.problem(file, line, f"qualifiers: {fact.subject!r} is an organisation, so it can only be "
                                             f"an observer: write status=observer, not {status or 'no status'}")
            if fact.predicate == "member_of" and file == "facts.csv" and not fact.qualifier("status"):
                self.problem(file, line, "qualifiers: member_of needs a status (status=member|observer|suspended)")
            if fact.predicate in ("holds_office", "elected_to"):
                if subject and subject.type is not EntityType.PERSON:
                    self.problem(file, line, f"person: {fact.subject!r} is a {subject.type.value}, not a person")
                if obj and obj.type is not EntityType.OFFICE:
                    self.problem(file, line, f"office: {fact.object!r} is a {obj.type.value}, not an office")
            if fact.predicate in ("held_in", "headquartered_in") and obj and obj.type is not EntityType.PLACE:
                self.problem(file, line, f"object: {fact.object!r} is a {obj.type.value}, not a place")

    def apply_names(self) -> None:
        """Check every `named` fact against the entity's names, and let a state's current one win.

        The value of a `named` fact must be one of the entity's names or aliases in that language, so
        that a sourced name is always findable. A state's names come from CLDR, which does not always
        name a member as the OIC does (PS is "Palestinian Territories" there): a current (open-ended)
        `named` fact of a state replaces CLDR's name in its language, and CLDR's name stays an alias.
        """
        for fact in self.facts:
            if fact.predicate != "named":
                continue
            file, _, line = fact.where.rpartition(":")
            entity, lang = self.entities.get(fact.subject), fact.qualifier("lang")
            if entity is None or not fact.value:
                continue
            if lang not in NAME_LANGS:
                self.problem(file, line, f"qualifiers: named needs lang= one of {', '.join(NAME_LANGS)}")
                continue
            if entity.type is EntityType.STATE and cldr.is_state_code(entity.id) and fact.end is None:
                names = dict(entity.names)
                old = names.get(lang)
                names[lang] = fact.value
                aliases = entity.aliases
                if old and cldr.fold(old) != cldr.fold(fact.value):
                    aliases = aliases + ((lang, old),)
                self.entities[entity.id] = Entity(entity.id, entity.type, names, aliases, entity.country,
                                                  entity.parent)
                continue
            known = {cldr.fold(n) for l, n in entity.all_names() if l == lang}
            if cldr.fold(fact.value) not in known:
                self.problem(file, line, f"value: {fact.value!r} is not a {lang} name of {entity.id}; give it as "
                                         f"the {lang} name in entities.csv or add it to aliases.csv")

    def check_overlaps(self) -> None:
        """A state holds one status at a time: its rows in members.csv must not overlap, unless the two
        rows share no source: then they are two sources' accounts that disagree, and both are kept."""
        by_state: dict[str, list[Fact]] = {}
        for fact in self.facts:
            if fact.predicate == "member_of" and fact.where.startswith("members.csv"):
                by_state.setdefault(fact.subject, []).append(fact)
        for state, facts in by_state.items():
            facts.sort(key=lambda f: f.start.sort_key() if f.start else (Date(1).earliest, 0))
            for before, after in zip(facts, facts[1:]):
                if before.end is None and _source_ids(before) & _source_ids(after):
                    file, _, line = after.where.rpartition(":")
                    self.problem(file, line, f"state {state} already has an open-ended row at {before.where}; "
                                             f"give that row an end")


def _source_ids(fact: Fact) -> set[str]:
    return {s.id for s in fact.sources}


def load_dataset(folder: Path | None = None) -> Dataset:
    """Read and validate the dataset in `folder` (the shipped one by default)."""
    loader = _Loader(Path(folder) if folder else default_data_dir())
    loader.load_sources()
    loader.load_places()
    loader.load_entities()
    aliases = loader.load_aliases()
    loader.load_members()
    loader.load_meetings()
    loader.load_offices()
    loader.load_facts()
    loader.resolve_refs()
    loader.attach_aliases(aliases)
    loader.apply_names()
    loader.check_types()
    loader.check_overlaps()
    if loader.problems:
        raise DataErrors(loader.problems)
    return Dataset(loader.entities, loader.facts, loader.sources, loader.notes, loader.digest.hexdigest())
