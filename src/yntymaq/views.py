"""The data dict of each page, built once: the web page renders it, the API and the CLI print it.

Nothing here queries the database directly; it arranges what `yntymaq.kb.KB` returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from yntymaq.check.reasons import localize as localize_reason
from yntymaq.errors import Ambiguous, BadInput, NotFound
from yntymaq.i18n import t
from yntymaq.kb.meetings import BODIES, series_key
from yntymaq.kb.query import KB, ORGANISATION, SECRETARY_GENERAL, Record, ref_json, source_json
from yntymaq.text.alphabet import KAZAKH_LOWER
from yntymaq.vocab import (ENTITY_TYPE_LABELS, PREDICATES, Claim, Date, Entity, EntityType, Fact, Span, Verdict,
                           VerdictKind)

if TYPE_CHECKING:  # the store (SQLAlchemy) is not needed to check a text
    from yntymaq.kb.store import StoredClaim, StoredDocument


def fact_view(kb: KB, fact: Fact, lang: str) -> dict:
    obj = kb.entity_or_none(fact.object)
    qualifiers = dict(fact.qualifiers)
    return {
        "id": fact.id, "predicate": fact.predicate, "predicate_label": PREDICATES[fact.predicate].label(lang),
        "subject": ref_json(kb.entity_or_none(fact.subject), lang) or {"id": fact.subject, "label": fact.subject},
        "object": ref_json(obj, lang), "object_label": obj.label(lang) if obj else fact.value,
        "value": fact.value, "start": str(fact.start) if fact.start else None,
        "end": str(fact.end) if fact.end else None, "qualifiers": qualifiers,
        "qualifier_labels": {k: _qualifier_label(kb, k, v, lang) for k, v in qualifiers.items()},
        "origin": fact.origin.value, "origin_label": t(f"origin.{fact.origin.value}", lang), "rule": fact.rule,
        "where": fact.where,
        "sources": [source_json(s) for s in fact.sources],
        "sources_text": "; ".join(s.id + (f"#{s.locator}" if s.locator else "") for s in fact.sources),
    }


def _section(key: str, lang: str, columns: list[tuple[str, str]], rows: list[dict]) -> dict:
    return {"key": key, "title": t(f"section.{key}", lang),
            "columns": [(k, t(h, lang)) for k, h in columns], "rows": rows}


def _flat(rows: list[dict], lang: str) -> list[dict]:
    """Labels beside ids, so that tables can show a row without knowing its shape."""
    out = []
    for row in rows:
        flat = dict(row)
        for key, value in row.items():
            if isinstance(value, dict) and "label" in value:
                flat[key + "_label"] = value["label"]
        if "status" in row:
            flat["status_label"] = t(f"status.{row['status']}", lang)
        if "kind" in row:
            flat["kind_label"] = t(f"kind.{row['kind']}", lang)
        if isinstance(row.get("citizen_of"), list):
            flat["citizen_of_label"] = ", ".join(c["label"] for c in row["citizen_of"])
        if row.get("conflict"):
            flat["conflict_label"] = t("conflict.badge", lang)
        out.append(flat)
    return out


EVIDENCE_SHOWN = 5
"""How many facts of a verdict's evidence a page lists before it says how many more there are."""

GROUP_SHOWN = 12
"""How many facts of one predicate an entity page shows before the rest fold away."""


def citation(kb: KB, fact: dict, lang: str, *, accessed: Date | None = None) -> str:
    """A citation of one fact, to paste into a paper: what it says, its dates, its sources (title,
    publisher, address) and the day the knowledge base was read, in the page's language."""
    what = " ".join(x for x in (fact["subject"]["label"], fact["predicate_label"].lower(), fact["object_label"] or "",
                                *(v for k, v in fact.get("qualifier_labels", {}).items() if k in ("status", "kind")))
                    if x)
    if fact["start"] or fact["end"]:
        what += f" ({fact['start'] or '…'}–{fact['end'] or ''})"
    sources = "; ".join(", ".join(x for x in (s["title"], s["publisher"], s["locator"], s["url"]) if x)
                        for s in fact["sources"])
    return t("cite.text", lang, what=what, sources=sources or "—", accessed=str(accessed or Date.today()))


def fact_groups(facts: list[dict], lang: str) -> list[dict]:
    """An entity's facts grouped by predicate (in the order of the closed list), each group by date."""
    order = {name: i for i, name in enumerate(PREDICATES)}
    groups: dict[str, list[dict]] = {}
    for f in facts:
        groups.setdefault(f["predicate"], []).append(f)

    def by_date(f: dict) -> tuple:
        start = Date.parse(f["start"]).sort_key() if f["start"] else (dt.date.min, 0)
        return start, f["object_label"] or ""

    return [{"predicate": p, "label": PREDICATES[p].label(lang), "count": len(rows), "shown": GROUP_SHOWN,
             "facts": sorted(rows, key=by_date)}
            for p, rows in sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))]


def _glance(kb: KB, lang: str) -> dict:
    """The organisation at a glance today, for the top of its own page: the home page's figures."""
    home = home_view(kb, lang)
    founded = kb.facts(subject=ORGANISATION, predicate="founded")
    seat = kb.facts(subject=ORGANISATION, predicate="headquartered_in")
    return {"at": home["at"], "count": home["count"], "chairs": home["chairs"],
            "secretary_general": home["secretary_general"],
            "founded": [fact_view(kb, f, lang) for f in founded], "seat": [fact_view(kb, f, lang) for f in seat]}


def entity_view(kb: KB, record: Record, lang: str) -> dict:
    e = record.entity
    sections = []
    if record.membership:
        sections.append(_section("membership", lang, [("status_label", "col.status"), ("start", "col.start"), ("end", "col.end")],
                                 _flat([r.to_dict(lang) for r in record.membership], lang)))
    if record.chairmanships:
        sections.append(_section("chairmanships", lang, [("body", "col.body"), ("meeting_label", "col.meeting"),
                                                         ("start", "col.start"), ("end", "col.end")],
                                 _flat([r.to_dict(lang) for r in record.chairmanships], lang)))
    if record.hosted:
        sections.append(_section("hosted", lang, [("label", "col.meeting"), ("city_label", "col.city"),
                                                  ("start", "col.start"), ("end", "col.end")],
                                 _flat([r.to_dict(lang) for r in record.hosted], lang)))
    if record.offices:
        key = "holders" if e.type.value == "office" else "offices"
        rows = _flat([r.to_dict(lang) | {"office_label": r.office.label(lang)} for r in record.offices], lang)
        sections.append(_section(key, lang, [("person_label", "col.person"), ("office_label", "col.office"),
                                             ("citizen_of_label", "col.nationality"), ("start", "col.start"), ("end", "col.end")],
                                 rows))
    meeting = record.meeting.to_dict(lang) if record.meeting else None
    if meeting:
        meeting["kind_label"] = t(f"kind.{meeting['kind']}", lang)
        meeting["chair"] = [c.to_dict(lang) for c in record.chair]
        meeting["previous"] = ref_json(record.previous, lang)
        meeting["next"] = ref_json(record.next, lang)
    facts = _with_documents(kb, e.id, [fact_view(kb, f, lang) for f in record.facts], lang)
    accessed = Date.today()
    for f in facts:
        f["cite"] = citation(kb, f, lang, accessed=accessed)
    return {
        "glance": _glance(kb, lang) if e.id == ORGANISATION else None,
        "entity": {
            "id": e.id, "type": e.type.value, "type_label": ENTITY_TYPE_LABELS[e.type][lang], "label": e.label(lang),
            "names": e.names, "aliases": [list(a) for a in e.aliases],
            "country": ref_json(kb.entity_or_none(e.country), lang), "parent": ref_json(kb.entity_or_none(e.parent), lang),
        },
        "meeting": meeting,
        "sections": sections,
        "conflicts": [_conflict(kb, c, lang) for c in record.conflicts],
        "facts": facts,
        "fact_groups": fact_groups(facts, lang),
        "chart": chart_view(kb, lang, record=record),  # the entity's own rows of the timeline picture
    }


def _with_documents(kb: KB, ident: str, facts: list[dict], lang: str) -> list[dict]:
    """Each fact with the stored documents whose claims it decided (see `fact_documents`)."""
    documents = fact_documents(kb, ident, lang)
    for f in facts:
        f["documents"] = documents.get(f["id"], [])
    return facts


# -- pages of the web UI and the API (each builds the one dict its page renders and its endpoint returns) --

KAZAKHSTAN = "KZ"
"""The state the home page highlights."""


def _known_bodies(kb: KB) -> list[str]:
    """The meeting bodies the knowledge base declares (a dataset may lack an organ's entity)."""
    return [body for body, organ in BODIES.items() if kb.entity_or_none(organ)]


def _rows(rows, lang: str) -> list[dict]:
    return [r.to_dict(lang) for r in rows]


def home_view(kb: KB, lang: str, *, at: Date | None = None) -> dict:
    """The organisation at a glance on a date (today by default): members, chairs, office, meetings."""
    at = at or Date.today()
    organisation = kb.entity_or_none(ORGANISATION)
    bodies = _known_bodies(kb)
    secretary_general = (_rows(kb.office_holders(office=SECRETARY_GENERAL, at=at), lang)
                         if kb.entity_or_none(SECRETARY_GENERAL) else [])
    # The latest meetings that had begun by the date asked about, newest first.
    held = [m for m in kb.meetings() if m.start and m.start.earliest <= at.latest]
    kazakhstan = kb.entity_or_none(KAZAKHSTAN)
    highlight = None
    if kazakhstan:
        highlight = {
            "entity": ref_json(kazakhstan, lang),
            "membership": _rows(kb.membership_history(KAZAKHSTAN), lang),
            "chairmanships": [c.to_dict(lang) for body in bodies for c in kb.chairs(body=body)
                              if c.state.id == KAZAKHSTAN],
            "hosted": _rows(kb.meetings(place=KAZAKHSTAN), lang),
        }
    return {
        "at": str(at),
        "organisation": ref_json(organisation, lang) or {"id": ORGANISATION, "label": t("org.name", lang)},
        "count": kb.member_count(at=at).to_dict(lang),
        "observers": _rows(kb.members(at=at, status="observer"), lang),
        "suspended": _rows(kb.members(at=at, status="suspended"), lang),
        "chairs": {body: _rows(kb.chairs(body=body, at=at), lang) for body in bodies},
        "secretary_general": secretary_general,
        "latest_meetings": _rows(reversed(held[-6:]), lang),
        "kazakhstan": highlight,
    }


def alphabetical(name: str) -> tuple:
    """A sort key that orders names as a Kazakh reader expects (ә after а, қ after к...); Russian
    follows the same order, and Latin letters come first."""
    return tuple(1000 + _KAZAKH_ORDER[ch] if ch in _KAZAKH_ORDER else ord(ch) for ch in name.casefold())


_KAZAKH_ORDER = {ch: i for i, ch in enumerate(KAZAKH_LOWER)}


def members_view(kb: KB, lang: str, *, at: Date | None = None, status: str | None = None) -> dict:
    """The states of the OIC at a date (today by default), optionally of one status, with the count;
    states in the alphabetical order of the page's language. Where sources disagree on a row it is
    one row with `disagree` true and the other sources' versions in `conflict`."""
    at = at or Date.today()
    rows = sorted(kb.members(at=at, status=status), key=lambda r: alphabetical(r.state.label(lang)))
    return {
        "at": str(at),
        "status": status,
        "count": kb.member_count(at=at).to_dict(lang),
        "members": _rows(rows, lang),
    }


def year_end(year: int) -> Date:
    """The day a year's figure is taken at: its last day, or today in the current year."""
    today = Date.today()
    return today if year == today.year else Date(year, 12, 31)


def map_view(kb: KB, lang: str, *, at: Date | None = None) -> dict:
    """The members map at a date (today by default): every state of the OIC then with its status (the
    members page's rows), the count, and the count at the end of every year from the first membership
    to this year (today in this year), for the chart and the map's year slider."""
    at = at or Date.today()
    data = members_view(kb, lang, at=at)
    starts = [f.start.year for f in kb.facts(predicate="member_of", object=ORGANISATION) if f.start]
    today = Date.today()
    first, last = (min(starts) if starts else at.year), max(today.year, at.year)
    series = [{"year": year, **kb.member_count(at=year_end(year)).to_dict(lang)} for year in range(first, last + 1)]
    return data | {"years": {"first": first, "last": last}, "series": series,
                   "statuses": [{"status": s, "label": t(f"status.{s}", lang)} for s in ("member", "suspended", "observer")]}


def _conflict(kb: KB, conflict, lang: str) -> dict:
    """A disagreement with labels beside its ids: each version's object and qualifiers."""
    out = conflict.to_dict(lang)
    for v in out["versions"]:
        v["object_ref"] = _ref(kb, v["object"], lang)
        v["qualifier_labels"] = {k: _qualifier_label(kb, k, q, lang) for k, q in v["qualifiers"].items()}
    return out


def conflicts_view(kb: KB, lang: str, ident: str | None = None) -> dict:
    """Every disagreement the curated sources keep (or those about one entity): each version with its
    dates and its sources, side by side, grouped by predicate."""
    entity = kb.entity(ident) if ident else None
    conflicts = [_conflict(kb, c, lang) for c in kb.conflicts(ident)]
    counts: dict[str, dict] = {}
    for c in conflicts:
        counts.setdefault(c["predicate"], {"predicate": c["predicate"], "label": c["predicate_label"], "count": 0})["count"] += 1
    return {"entity": ref_json(entity, lang), "conflicts": conflicts, "by_predicate": list(counts.values())}


def secretaries_general_view(kb: KB, lang: str) -> dict:
    """Every Secretary General, oldest first, with nationality, term and sources; a term on which
    sources disagree is one row with its other versions."""
    data = office_view(kb, lang, office=SECRETARY_GENERAL)
    data["holders"] = _flat(data["holders"], lang)
    return data


def organs_view(kb: KB, lang: str) -> dict:
    """The OIC's organs and institutions: what each is, its category where a source gives one, and
    the sources; principal organs first, then by category and name."""
    order = {c: i for i, c in enumerate(("principal", "subsidiary", "specialised", "affiliated", ""))}
    rows = []
    for f in kb.facts(predicate="part_of", object=ORGANISATION):
        entity = kb.entity_or_none(f.subject)
        if entity is None:
            continue
        category = f.qualifier("category") or ""
        rows.append({"id": entity.id, "label": entity.label(lang), "type": entity.type.value,
                     "type_label": ENTITY_TYPE_LABELS[entity.type][lang], "category": category or None,
                     "category_label": t(f"category.{category}", lang) if category else "",
                     "start": str(f.start) if f.start else None, "end": str(f.end) if f.end else None,
                     "sources": [source_json(x) for x in f.sources]})
    rows.sort(key=lambda r: (order.get(r["category"] or "", len(order)), alphabetical(r["label"])))
    return {"organs": rows}


# -- CSV of every list: the same rows as the page, one column a field ------------------------------

def _sources_cell(sources: list[dict]) -> str:
    return "; ".join(" — ".join(x for x in (s["title"], s["publisher"], s["url"]) if x) for s in sources)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dict):
        return value.get("label") or value.get("id") or ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return str(value)


CSV_TABLES = {
    "members": ("members", ["state", "state_label", "status", "start", "end", "certain", "disagree", "sources"]),
    "meetings": ("meetings", ["id", "label", "body", "kind", "ordinal", "city", "country", "start", "end", "sources"]),
    "organs": ("organs", ["id", "label", "type", "category", "start", "end", "sources"]),
    "secretaries_general": ("holders", ["person", "person_label", "citizen_of", "start", "end", "certain",
                                        "disagree", "sources"]),
    "documents": ("documents", ["id", "name", "language", "size", "ingested_at", "claims"]),
    "timeline": ("events", ["date", "what", "predicate", "subject", "object", "value", "sources"]),
    "entity": ("facts", ["id", "subject", "predicate", "object", "value", "start", "end", "origin", "rule",
                         "sources", "cite"]),
}


def csv_rows(name: str, data: dict) -> tuple[list[str], list[list[str]]]:
    """The rows of a list page's data as CSV columns (header, rows); `name` is a key of CSV_TABLES or
    `conflicts` (one row per version)."""
    if name == "conflicts":
        header = ["subject", "predicate", "fact", "object", "value", "status", "start", "end", "sources"]
        rows = [[c["subject"]["id"], c["predicate"], str(v["fact"]), v["object"] or "", v["value"] or "",
                 v["qualifiers"].get("status", ""), v["start"] or "", v["end"] or "", _sources_cell(v["sources"])]
                for c in data["conflicts"] for v in c["versions"]]
        return header, rows
    key, header = CSV_TABLES[name]
    rows = [[_sources_cell(r["sources"]) if col == "sources" else
             (r[col]["id"] if isinstance(r.get(col), dict) and col in ("subject", "object") else _cell(r.get(col)))
             for col in header] for r in data[key]]
    return header, rows


def meetings_view(kb: KB, lang: str, *, body: str | None = None, kind: str | None = None, year: int | None = None,
                  number: int | None = None, place: str | None = None) -> dict:
    """Meetings of every series, filtered; `body` is a series in any case, `place` any name of a city or a state."""
    body = series_key(body) if body else None
    rows = kb.meetings(body=body, kind=kind, year=year, number=number, place=place)
    return {
        "filters": {"body": body, "kind": kind, "year": year, "number": number, "place": place},
        "meetings": _rows(rows, lang),
    }


def chair_view(kb: KB, lang: str, *, body: str = "cfm", at: Date | None = None) -> dict:
    """Who chaired a body: every chair, or those at a date."""
    return {"body": body, "at": str(at) if at else None, "chairs": _rows(kb.chairs(body=body, at=at), lang)}


def office_view(kb: KB, lang: str, *, office: str = SECRETARY_GENERAL, at: Date | None = None) -> dict:
    """Who held an office (named in any language or by id): every holder, or those at a date."""
    entity = kb.resolve(office)
    return {"office": ref_json(entity, lang), "at": str(at) if at else None,
            "holders": _rows(kb.office_holders(office=entity.id, at=at), lang)}


def search_view(kb: KB, lang: str, query: str, *, entity: str | None = None, verdict: str | None = None,
                limit: int = 20) -> dict:
    """What a query may mean: the entities it names (exactly, in any language, any case ending, or an
    id; else the nearest names, spelled with typos or in another script, with a "did you mean"), and
    the passages of the stored documents that hold its words in any of their forms.

    `entity` (any name or an id) keeps the passages that mention it, `verdict` those that hold a
    claim of that verdict; with either, the query may be empty."""
    from yntymaq.kb.search import EXACT_RULE, check_verdict, did_you_mean as nearest, search_passages

    query = query.strip()
    verdict = check_verdict(verdict or None)
    if not query and not entity and not verdict:
        # nothing asked, nothing found (the command line asks for a query before it calls this)
        return {"query": "", "best": None, "ambiguous": False, "did_you_mean": None, "results": [],
                "filters": {"entity": None, "verdict": None}, "passages": []}
    filtered = kb.resolve(entity) if entity else None
    found = [(e, 100.0, None, EXACT_RULE) for e in kb.lookup(query)] if query else []
    best, ambiguous, did_you_mean = None, False, None
    if found:
        try:
            best = kb.resolve(query)
        except Ambiguous:
            ambiguous = True
    elif query:
        matches = kb.name_index.search(query)
        found = [(m.entity, m.score, m.name, m.rule) for m in matches]
        did_you_mean = ref_json(nearest(matches), lang)
    hits = search_passages(kb, query, entity=filtered.id if filtered else None, verdict=verdict, limit=limit)
    return {
        "query": query,
        "best": ref_json(best, lang),
        "ambiguous": ambiguous,
        "did_you_mean": did_you_mean,
        "results": [{"id": e.id, "label": e.label(lang), "type": e.type.value,
                     "type_label": ENTITY_TYPE_LABELS[e.type][lang], "score": score, "matched": name, "rule": rule}
                    for e, score, name, rule in found],
        "filters": {"entity": ref_json(filtered, lang), "verdict": verdict},
        "passages": _passages(kb, hits, lang),
    }


def _passages(kb: KB, hits: list, lang: str) -> list[dict]:
    """Passages found in documents, each with its document, its highlighted words (offsets into the
    document's text), the text cut into pieces at them, and the claims its sentence holds."""
    names = {d.id: d.name for d in kb.store.documents()} if hits else {}
    claims: dict[str, list] = {}
    out = []
    for h in hits:
        if h.doc not in claims:
            claims[h.doc] = kb.store.claims(doc=h.doc)
        pieces, at = [], h.start
        for a, b in h.highlights:
            if a > at:
                pieces.append({"text": h.text[at - h.start:a - h.start], "hit": False})
            pieces.append({"text": h.text[a - h.start:b - h.start], "hit": True})
            at = b
        if at < h.end:
            pieces.append({"text": h.text[at - h.start:], "hit": False})
        out.append({
            "document": {"id": h.doc, "name": names.get(h.doc, h.doc)},
            "sentence": h.sentence, "start": h.start, "end": h.end, "text": h.text,
            "highlights": [{"start": a, "end": b, "text": h.text[a - h.start:b - h.start]} for a, b in h.highlights],
            "pieces": pieces,
            "claims": [{"id": c.id, "verdict": c.verdict, "verdict_label": t(f"verdict.{c.verdict}", lang)}
                       for c in claims[h.doc] if c.sentence == h.sentence],
            "rank": h.rank,
        })
    return out


def _bar(kind: str, label: str, start, end, sources, meeting: dict | None = None) -> dict:
    return {"kind": kind, "label": label, "start": str(start) if start else None, "end": str(end) if end else None,
            "meeting": meeting, "sources": [source_json(s) for s in sources]}


def _chart_rows(pairs: list[tuple[Entity, dict]], lang: str) -> list[dict]:
    """Bars grouped into one row per entity, rows in the order each entity first appears."""
    rows: dict[str, dict] = {}
    for entity, bar in pairs:
        rows.setdefault(entity.id, {"entity": ref_json(entity, lang), "bars": []})["bars"].append(bar)
    return list(rows.values())


def _membership_group(rows: list, lang: str) -> dict:
    def first_then_name(row) -> tuple:
        return (row.start.sort_key() if row.start else (Date(1).earliest, 0), alphabetical(row.state.label(lang)))

    ordered = sorted(rows, key=first_then_name)
    pairs = [(r.state, _bar(r.status, t(f"status.{r.status}", lang), r.start, r.end, r.fact.sources)) for r in ordered]
    return {"key": "membership", "title": t("section.membership", lang), "rows": _chart_rows(pairs, lang)}


def _chair_group(body: str, rows: list, lang: str) -> dict:
    pairs = [(r.state, _bar("chair", r.meeting.label(lang) if r.meeting else t("section.chair", lang), r.start, r.end,
                            r.fact.sources, ref_json(r.meeting, lang))) for r in rows]
    return {"key": f"chairs.{body}", "title": t(f"chart.chairs.{body}", lang), "rows": _chart_rows(pairs, lang)}


def chart_view(kb: KB, lang: str, *, record: Record | None = None) -> dict | None:
    """The data of the timeline picture: rows of bars for membership and for the chairs of each body.

    With a record, only what concerns its entity (a state's own rows, an organ's chairs); None when
    nothing does. Bars keep their dates' precision; the picture draws uncertain ends hatched."""
    bodies = _known_bodies(kb)
    groups = []
    if record is None:
        states = [e for e in kb.entities.values() if e.type is EntityType.STATE]
        groups.append(_membership_group([r for e in states for r in kb.membership_history(e.id)], lang))
        groups += [_chair_group(body, kb.chairs(body=body), lang) for body in bodies]
    elif record.entity.type is EntityType.STATE:
        if record.membership:
            groups.append(_membership_group(record.membership, lang))
        groups += [_chair_group(body, rows, lang) for body in bodies
                   if (rows := [c for c in record.chairmanships if c.body.id == BODIES[body]])]
    else:
        groups += [_chair_group(body, kb.chairs(body=body), lang) for body in bodies
                   if BODIES[body] == record.entity.id]
    groups = [g for g in groups if g["rows"]]
    if record is not None and not groups:
        return None
    return {"today": str(Date.today()), "groups": groups}


def timeline_view(kb: KB, lang: str, ident: str | None = None) -> dict:
    """The timeline page: the picture of membership and chairs, and with an entity its dated events."""
    if ident is None:
        return {"entity": None, "chart": chart_view(kb, lang), "events": []}
    record = kb.record(ident)
    events = []
    for event in kb.timeline(ident):
        row = event.to_dict(kb, lang)
        row["what_label"] = t(f"what.{row['what']}", lang)
        events.append(row)
    return {"entity": ref_json(record.entity, lang), "chart": chart_view(kb, lang, record=record), "events": events}


# -- documents, claims and verdicts -------------------------------------------------------------------

VERDICTS = ("supported", "contradicted", "new", "unverifiable")
"""The verdicts in the order the pages list them."""

_TELLING = ("contradicted", "new", "unverifiable", "supported")
"""Which verdict colours a stretch of text that several claims share: the one a reader must see first."""


def most_telling(verdicts) -> str | None:
    present = set(verdicts)
    return next((v for v in _TELLING if v in present), None)


def _date(d: Date | None) -> str | None:
    return str(d) if d else None


def _ref(kb: KB, ident: str | None, lang: str) -> dict | None:
    """An entity as {"id", "label"}; an id the knowledge base lacks keeps itself as its label."""
    if not ident:
        return None
    return ref_json(kb.entity_or_none(ident), lang) or {"id": ident, "label": ident}


def _qualifier_label(kb: KB, key: str, value: str, lang: str) -> str:
    if key in ("status", "kind"):
        return t(f"{key}.{value}", lang)
    return kb.entities[value].label(lang) if value in kb.entities else value


def claim_view(kb: KB, claim: Claim, verdict: Verdict, lang: str, *, claim_id: int | None = None) -> dict:
    """One claim with its verdict: the one JSON shape of a claim, for `extract --jsonl`, `check --json`,
    the API and the document page. Dates are strings of their precision (`1995`, `2011-06-28`); a
    meeting is named by its entity id (`OIC/cfm/39`); `evidence` holds the KB facts that decided the
    verdict with their sources; `source` is where the text states the claim (offsets in its original text)."""
    fact, span = claim.fact, claim.span
    qualifiers = dict(fact.qualifiers)
    return {
        "id": claim_id,
        "predicate": fact.predicate,
        "predicate_label": PREDICATES[fact.predicate].label(lang),
        "subject": _ref(kb, fact.subject, lang),
        "object": _ref(kb, fact.object, lang),
        "value": fact.value,
        "start": _date(fact.start),
        "end": _date(fact.end),
        "qualifiers": qualifiers,
        "qualifier_labels": {k: _qualifier_label(kb, k, v, lang) for k, v in qualifiers.items()},
        "at": _date(claim.at),
        "lang": claim.lang,
        "rule": claim.rule,
        "verdict": verdict.kind.value,
        "verdict_label": t(f"verdict.{verdict.kind.value}", lang),
        "reason": localize_reason(verdict.reason, lang),
        "check_rule": verdict.rule,
        "evidence": [fact_view(kb, f, lang) for f in verdict.evidence],
        "source": {"doc": span.doc, "sentence": span.sentence, "start": span.start, "end": span.end, "text": span.text},
    }


def stored_claim_views(kb: KB, stored: list[StoredClaim], lang: str) -> list[dict]:
    """Stored claims in the shape of `claim_view`, their evidence read in one go."""
    evidence = {f.id: f for f in kb.store.facts_by_id(sorted({i for c in stored for i in c.evidence}))}
    out = []
    for c in stored:
        claim = Claim(c.fact, Span(c.doc, c.sentence, c.start, c.end, c.text), c.rule, c.lang, c.at)
        # A fact a rebuild removed is no longer evidence; `yntymaq build` re-checks such claims.
        verdict = Verdict(VerdictKind(c.verdict), tuple(evidence[i] for i in c.evidence if i in evidence),
                          c.reason, c.verdict_rule)
        out.append(claim_view(kb, claim, verdict, lang, claim_id=c.id))
    return out


def mention_view(kb: KB, mention, lang: str) -> dict:
    """A mention (a `Mention` or a stored row) with the entity it is linked to."""
    get = mention.get if isinstance(mention, dict) else lambda key: getattr(mention, key)
    return {"start": get("start"), "end": get("end"), "text": get("text"), "sentence": get("sentence"),
            "entity": _ref(kb, get("entity"), lang), "candidates": list(get("candidates") or ()),
            "score": get("score"), "rule": get("rule")}


def _counts(claims: list[dict]) -> dict:
    counts = {v: 0 for v in VERDICTS}
    for c in claims:
        counts[c["verdict"]] += 1
    return counts


@dataclass
class Checked:
    """A text read and checked window by window (`extract.windows`; a text of usual length is one
    window), its views made one at a time as they are taken: `check --json` and `extract --jsonl`
    write each as it is made. Iterating gives the windows; `mentions(window)` and `claims(window)`
    their views; `document` and `counts` are complete once every window was taken."""

    kb: KB
    windows: Iterator
    lang: str
    name: str | None
    doc_id: str
    counts: dict = field(default_factory=lambda: {v: 0 for v in VERDICTS})
    sentences: int = 0
    read: list[tuple[str, int]] = field(default_factory=list)  # (language, characters) of each window

    def __iter__(self):
        for window in self.windows:
            self.sentences += len(window.sentences)
            self.read.append((window.language, sum(end - start for start, end, _ in window.sentences)))
            yield window

    @property
    def document(self) -> dict:
        from yntymaq.extract.windows import document_language

        language = self.read[0][0] if len(self.read) == 1 else document_language(self.read)
        return {"id": self.doc_id, "name": self.name, "language": language, "sentences": self.sentences}

    def mentions(self, window) -> Iterator[dict]:
        for m in window.mentions:
            yield mention_view(self.kb, m, self.lang)

    def claims(self, window) -> Iterator[dict]:
        for claim, verdict in window.claims:
            view = claim_view(self.kb, claim, verdict, self.lang)
            self.counts[view["verdict"]] += 1
            yield view


def checked(kb: KB, windows, lang: str, *, text_lang: str | None = None, doc_id: str, name: str | None = None,
            doc_time: Date | None = None) -> Checked:
    """A text's claims read and checked; nothing is stored. `windows`: (offset, text) pairs that make
    up the text (`extract.windows.text_windows`); `doc_time`: when the text was written (otherwise its
    dateline's date, if it has one)."""
    from yntymaq.extract.windows import read_windows

    return Checked(kb, read_windows(windows, kb, doc_id=doc_id, lang=text_lang, doc_time=doc_time), lang, name, doc_id)


def check_view(kb: KB, text: str, lang: str, *, text_lang: str | None = None, doc_id: str | None = None,
               name: str | None = None, doc_time: Date | None = None) -> dict:
    """A text's mentions and claims with their verdicts; nothing is stored. `doc_time`: when the text
    was written (otherwise its dateline's date, if it has one)."""
    from yntymaq.ingest import document_id, process_text
    from yntymaq.extract.windows import shifted

    if not text.strip():
        raise BadInput("text: the text is empty; give the text to check")
    doc_id = doc_id or document_id(text.encode("utf-8"))
    processed = process_text(text, kb, doc_id=doc_id, lang=text_lang, doc_time=doc_time)
    parts = Checked(kb, iter([shifted(processed, 0, 0)]), lang, name, doc_id)
    mentions, claims = [], []
    for window in parts:
        mentions += parts.mentions(window)
        claims += parts.claims(window)
    return {"document": parts.document, "mentions": mentions, "claims": claims, "counts": parts.counts}


def _document_json(doc: StoredDocument) -> dict:
    return {"id": doc.id, "name": doc.name, "path": doc.path, "language": doc.language, "encoding": doc.encoding,
            "size": doc.size, "ingested_at": _time(doc.ingested_at)}


def _time(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def documents_view(kb: KB, lang: str) -> dict:
    """The stored documents, oldest first, each with how many of its claims got which verdict."""
    counted = kb.store.verdict_counts()  # counted by the database: a document's claims are never loaded here
    rows = []
    total = {v: 0 for v in VERDICTS}
    for doc in kb.store.document_list():
        counts = {v: counted.get(doc.id, {}).get(v, 0) for v in VERDICTS}
        for v, n in counts.items():
            total[v] += n
        rows.append(_document_json(doc) | {"claims": sum(counts.values()), "counts": counts})
    return {"documents": rows, "total": total}


def document_view(kb: KB, doc_id: str, lang: str) -> dict:
    """One stored document: its text, sentences, mentions, claims with verdicts and evidence, and where
    other documents disagree with it. Offsets are character offsets into `text`."""
    doc = kb.store.document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r} is stored: `yntymaq documents` lists them")
    claims = stored_claim_views(kb, kb.store.claims(doc=doc_id), lang)
    return {
        "document": _document_json(doc),
        "text": doc.text,
        "sentences": [{"start": a, "end": b, "language": language} for a, b, language in kb.store.sentences(doc_id)],
        "mentions": [mention_view(kb, m, lang) for m in kb.store.mentions(doc_id)],
        "claims": claims,
        "counts": _counts(claims),
        "disagreements": disagreements_view(kb, lang, doc=doc_id)["disagreements"],
    }


_DISAGREEMENTS: dict[int, tuple[tuple[int, int], list]] = {}


def _all_disagreements(kb: KB) -> list:
    """Every disagreement between stored documents, computed once per state of the stored claims:
    finding them reads every claim, which no page request should do while nothing has changed."""
    from yntymaq.ingest import disagreements

    version = kb.store.claims_version()
    cached = _DISAGREEMENTS.get(id(kb.store))
    if cached is None or cached[0] != version:
        cached = (version, disagreements(kb))
        _DISAGREEMENTS.clear()  # one knowledge base per server: keep only the latest
        _DISAGREEMENTS[id(kb.store)] = cached
    return cached[1]


GROUP_CLAIMS_SHOWN = 40
"""Claims shown side by side for one disagreement, at most (`claims_total` says how many there are)."""


def _spread(claims: list, most: int) -> list:
    """At most `most` claims, each document's first ones taken in turn, so every document is shown."""
    if len(claims) <= most:
        return claims
    by_doc: dict[str, list] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc, []).append(claim)
    chosen: list = []
    for i in range(most):
        for doc_claims in by_doc.values():
            if i < len(doc_claims) and len(chosen) < most:
                chosen.append(doc_claims[i])
        if len(chosen) >= most:
            break
    return sorted(chosen, key=lambda c: (c.doc, c.start, c.id))


def disagreements_view(kb: KB, lang: str, *, doc: str | None = None) -> dict:
    """Where two documents disagree: each group's claims side by side, with their documents."""
    found = _all_disagreements(kb)
    if doc is not None:
        found = [d for d in found if doc in {c.doc for c in d.claims}]
    names = kb.store.document_names() if found else {}
    views = []
    for d in found:
        claims = stored_claim_views(kb, _spread(d.claims, GROUP_CLAIMS_SHOWN), lang)
        for c in claims:
            c["document"] = {"id": c["source"]["doc"], "name": names.get(c["source"]["doc"], c["source"]["doc"])}
        views.append({
            "subject": _ref(kb, d.subject, lang), "predicate": d.predicate,
            "predicate_label": PREDICATES[d.predicate].label(lang), "object": _ref(kb, d.object, lang),
            "qualifiers": dict(d.qualifiers), "differs": list(d.differs),
            "differs_label": ", ".join(t(f"differs.{x}", lang) for x in d.differs),
            "documents": sorted({c.doc for c in d.claims}),
            "claims": claims,
            "claims_total": len(d.claims),
        })
    return {"disagreements": views}


FACT_CLAIMS_SHOWN = 50
"""Claims listed under one fact on an entity's page, at most: a document that repeats a claim by the
thousand must not make the page of every entity it names slow (the document's own page has them all)."""


def fact_documents(kb: KB, ident: str, lang: str) -> dict[int, list[dict]]:
    """For each fact about an entity, the documents whose claims it decided (supported or contradicted),
    with the claims: read in one query, not one per fact."""
    out: dict[int, dict[str, dict]] = {}
    shown: dict[int, int] = {}
    for c in kb.store.citing_claims(about=ident):
        if shown.get(c.fact_id, 0) >= FACT_CLAIMS_SHOWN:
            continue
        shown[c.fact_id] = shown.get(c.fact_id, 0) + 1
        docs = out.setdefault(c.fact_id, {})
        entry = docs.setdefault(c.doc, {"id": c.doc, "name": c.doc_name, "claims": []})
        entry["claims"].append({"id": c.claim_id, "verdict": c.verdict,
                                "verdict_label": t(f"verdict.{c.verdict}", lang)})
    return {fact_id: list(docs.values()) for fact_id, docs in out.items()}
