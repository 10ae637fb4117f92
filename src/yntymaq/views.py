"""The data dict of each page, built once: the web page renders it, the API and the CLI print it.

Nothing here queries the database directly; it arranges what `yntymaq.kb.KB` returns.
"""

from __future__ import annotations

from yntymaq.i18n import t
from yntymaq.kb.query import KB, Record, ref_json, source_json
from yntymaq.vocab import ENTITY_TYPE_LABELS, PREDICATES, Fact


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
        sections.append(_section(key, lang, [("person_label", "col.person"), ("office", "col.office"),
                                             ("citizen_of_label", "col.nationality"), ("start", "col.start"), ("end", "col.end")],
                                 _flat([r.to_dict(lang) for r in record.offices], lang)))
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
        "facts": [fact_view(kb, f, lang) for f in record.facts],
    }
