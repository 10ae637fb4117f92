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
from yntymaq.kb.meetings import BODIES, KINDS, meeting_names
from yntymaq.vocab import (
    NAME_LANGS,
    PREDICATES,
    Date,
    Entity,
    EntityType,
    Fact,
    Origin,
    Reference,
    meeting_id,
)

FILES = {
    "sources.csv": ["id", "title", "url", "publisher", "published"],
    "places.csv": ["id", "country", "kk", "ru", "en", "ar"],
    "entities.csv": ["id", "type", "parent", "kk", "ru", "en", "ar", "note"],
    "aliases.csv": ["entity", "lang", "alias", "note"],
    "members.csv": ["state", "status", "start", "end", "source", "note"],
    "meetings.csv": ["body", "kind", "ordinal", "city", "country", "start", "end", "source", "note"],
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
        seen: dict[tuple[str, str, int], str] = {}
        for row in self.rows("meetings.csv"):
            body, kind, ordinal_text = row.get("body"), row.get("kind"), row.get("ordinal")
            ok = True
            if body not in BODIES:
                self.problem(row, f"body: {body!r} is not one of {', '.join(BODIES)}")
                ok = False
            if kind not in KINDS:
                self.problem(row, f"kind: {kind!r} is not one of {', '.join(KINDS)}")
                ok = False
            if not ordinal_text.isdigit() or int(ordinal_text) < 1:
                self.problem(row, f"ordinal: {ordinal_text!r} is not a positive whole number")
                ok = False
            if not ok:
                continue
            ordinal = int(ordinal_text)
            key = (body, kind, ordinal)
            if key in seen:
                self.problem(row, f"{kind} {body} number {ordinal} is already defined at {seen[key]}")
                continue
            seen[key] = row.where
            ident = meeting_id(body, kind, ordinal)
            self.ref(row, BODIES[body], "body")
            city, country = row.get("city"), row.get("country")
            # The chair of a body is derived from the sessions' dates, so every session needs one.
            start, end = self.interval(row, required_start=True)
            sources = self.source_refs(row)
            self.add_entity(row, Entity(ident, EntityType.MEETING, meeting_names(body, kind, ordinal), parent=BODIES[body]))
            self.add_fact(row, subject=ident, predicate="meeting_of", object=BODIES[body], start=start, end=end,
                          qualifiers=(("kind", kind), ("ordinal", str(ordinal))), sources=sources)
            if city:
                self.ref(row, city, "city")
                self.add_fact(row, subject=ident, predicate="held_in", object=city, start=start, end=end, sources=sources)
            else:
                self.problem(row, "city: required (an id from places.csv)")
            if country:
                self.ref(row, country, "country")
                self.add_fact(row, subject=ident, predicate="hosted_by", object=country, start=start, end=end, sources=sources)
            else:
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
            if key in ("place", "document", "meeting"):
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
                self.problem(file, line, f"state: {fact.subject!r} is a {subject.type.value}, not a state")
            if fact.predicate in ("holds_office", "elected_to"):
                if subject and subject.type is not EntityType.PERSON:
                    self.problem(file, line, f"person: {fact.subject!r} is a {subject.type.value}, not a person")
                if obj and obj.type is not EntityType.OFFICE:
                    self.problem(file, line, f"office: {fact.object!r} is a {obj.type.value}, not an office")
            if fact.predicate in ("held_in", "headquartered_in") and obj and obj.type is not EntityType.PLACE:
                self.problem(file, line, f"object: {fact.object!r} is a {obj.type.value}, not a place")

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
    loader.check_types()
    loader.check_overlaps()
    if loader.problems:
        raise DataErrors(loader.problems)
    return Dataset(loader.entities, loader.facts, loader.sources, loader.notes, loader.digest.hexdigest())
