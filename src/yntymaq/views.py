"""The data dict of each page, built once: the web page renders it, the API and the CLI print it.

Nothing here queries the database directly; it arranges what `yntymaq.kb.KB` returns.
"""

from __future__ import annotations

import datetime as dt

from yntymaq.errors import Ambiguous, BadInput, NotFound
from yntymaq.i18n import t
from yntymaq.kb.meetings import BODIES
from yntymaq.kb.query import KB, ORGANISATION, SECRETARY_GENERAL, Record, ref_json, source_json
from yntymaq.kb.store import StoredClaim, StoredDocument
from yntymaq.text.alphabet import KAZAKH_LOWER
from yntymaq.vocab import (ENTITY_TYPE_LABELS, PREDICATES, Claim, Date, Entity, EntityType, Fact, Span, Verdict,
                           VerdictKind)


def fact_view(kb: KB, fact: Fact, lang: str) -> dict:
    obj = kb.entity_or_none(fact.object)
    return {
        "id": fact.id, "predicate": fact.predicate, "predicate_label": PREDICATES[fact.predicate].label(lang),
        "subject": ref_json(kb.entity_or_none(fact.subject), lang) or {"id": fact.subject, "label": fact.subject},
        "object": ref_json(obj, lang), "object_label": obj.label(lang) if obj else fact.value,
        "value": fact.value, "start": str(fact.start) if fact.start else None,
        "end": str(fact.end) if fact.end else None, "qualifiers": dict(fact.qualifiers),
        "origin": fact.origin.value, "rule": fact.rule, "where": fact.where,
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
    return {
        "entity": {
            "id": e.id, "type": e.type.value, "type_label": ENTITY_TYPE_LABELS[e.type][lang], "label": e.label(lang),
            "names": e.names, "aliases": [list(a) for a in e.aliases],
            "country": ref_json(kb.entity_or_none(e.country), lang), "parent": ref_json(kb.entity_or_none(e.parent), lang),
        },
        "meeting": meeting,
        "sections": sections,
        "conflicts": [c.to_dict(lang) for c in record.conflicts],
        "facts": _with_documents(kb, [fact_view(kb, f, lang) for f in record.facts], lang),
        "chart": chart_view(kb, lang, record=record),  # the entity's own rows of the timeline picture
    }


def _with_documents(kb: KB, facts: list[dict], lang: str) -> list[dict]:
    """Each fact with the stored documents whose claims it decided (see `fact_documents`)."""
    documents = fact_documents(kb, [f["id"] for f in facts if f["id"] is not None], lang)
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


def conflicts_view(kb: KB, lang: str, ident: str | None = None) -> dict:
    """Every disagreement the curated sources keep (or those about one entity): each version with its
    dates and its sources, side by side."""
    entity = kb.entity(ident) if ident else None
    return {"entity": ref_json(entity, lang), "conflicts": [c.to_dict(lang) for c in kb.conflicts(ident)]}


def meetings_view(kb: KB, lang: str, *, body: str | None = None, kind: str | None = None, year: int | None = None,
                  number: int | None = None, place: str | None = None) -> dict:
    """Summits and CFM sessions, filtered; `place` is any name of a city or a state."""
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


def search_view(kb: KB, lang: str, query: str) -> dict:
    """The entities a name (in any language, any case ending, or an id) may mean, and the best one."""
    query = query.strip()
    if not query:
        raise BadInput("q: give a name or an id to search for, e.g. Қазақстан, OIC/cfm/38")
    found = kb.lookup(query)
    best, ambiguous = None, False
    if found:
        try:
            best = kb.resolve(query)
        except Ambiguous:
            ambiguous = True
    return {
        "query": query,
        "best": ref_json(best, lang),
        "ambiguous": ambiguous,
        "results": [{"id": e.id, "label": e.label(lang), "type": e.type.value,
                     "type_label": ENTITY_TYPE_LABELS[e.type][lang]} for e in found],
    }


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
        "reason": verdict.reason,
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


def check_view(kb: KB, text: str, lang: str, *, text_lang: str | None = None, doc_id: str | None = None,
               name: str | None = None, doc_time: Date | None = None) -> dict:
    """A text's mentions and claims with their verdicts; nothing is stored. `doc_time`: when the text
    was written (otherwise its dateline's date, if it has one)."""
    from yntymaq.ingest import process_text

    if not text.strip():
        raise BadInput("text: the text is empty; give the text to check")
    processed = process_text(text, kb, doc_id=doc_id, lang=text_lang, doc_time=doc_time)
    claims = [claim_view(kb, claim, verdict, lang) for claim, verdict in processed.claims]
    return {
        "document": {"id": processed.doc_id, "name": name, "language": processed.language,
                     "sentences": len(processed.sentences)},
        "mentions": [mention_view(kb, m, lang) for m in processed.mentions],
        "claims": claims,
        "counts": _counts(claims),
    }


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


def fact_documents(kb: KB, fact_ids: list[int], lang: str) -> dict[int, list[dict]]:
    """For each fact, the documents whose claims it decided (supported or contradicted), with the claims."""
    out: dict[int, list[dict]] = {}
    names: dict[str, str] | None = None
    for fact_id in fact_ids:
        claims = kb.store.claims(evidence_fact=fact_id, limit=FACT_CLAIMS_SHOWN)
        if not claims:
            continue
        if names is None:
            names = kb.store.document_names()
        docs: dict[str, dict] = {}
        for c in claims:
            entry = docs.setdefault(c.doc, {"id": c.doc, "name": names.get(c.doc, c.doc), "claims": []})
            entry["claims"].append({"id": c.id, "verdict": c.verdict, "verdict_label": t(f"verdict.{c.verdict}", lang)})
        out[fact_id] = list(docs.values())
    return out
