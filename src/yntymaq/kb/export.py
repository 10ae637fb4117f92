"""The knowledge base as JSON, CSV or RDF Turtle, for reuse elsewhere."""

from __future__ import annotations

import csv
import io
import json

from yntymaq.kb.query import KB, source_json
from yntymaq.vocab import PREDICATES, Fact

FORMATS = ("json", "csv", "ttl")
BASE = "urn:yntymaq:"


def fact_dict(fact: Fact) -> dict:
    return {
        "id": fact.id, "subject": fact.subject, "predicate": fact.predicate, "object": fact.object,
        "value": fact.value, "start": str(fact.start) if fact.start else None,
        "end": str(fact.end) if fact.end else None, "qualifiers": dict(fact.qualifiers),
        "origin": fact.origin.value, "rule": fact.rule, "where": fact.where,
        "sources": [source_json(s) for s in fact.sources],
    }


def export(kb: KB, fmt: str) -> tuple[str, int]:
    """The whole knowledge base in `fmt`; returns the text and the number of facts in it."""
    facts = kb.store.facts()
    if fmt == "json":
        doc = {
            "entities": [
                {"id": e.id, "type": e.type.value, "names": e.names, "aliases": [list(a) for a in e.aliases],
                 "country": e.country, "parent": e.parent}
                for e in kb.entities.values()
            ],
            "facts": [fact_dict(f) for f in facts],
            "sources": [source_json(s) for s in kb.store.sources()],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1), len(facts)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["id", "subject", "predicate", "object", "value", "start", "end", "qualifiers",
                         "origin", "rule", "sources"])
        for f in facts:
            writer.writerow([f.id, f.subject, f.predicate, f.object or "", f.value or "",
                             f.start or "", f.end or "", ";".join(f"{k}={v}" for k, v in f.qualifiers),
                             f.origin.value, f.rule, ";".join(s.id + (f"#{s.locator}" if s.locator else "") for s in f.sources)])
        return out.getvalue(), len(facts)
    if fmt == "ttl":
        return _turtle(kb, facts), len(facts)
    raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")


def _turtle(kb: KB, facts: list[Fact]) -> str:
    # Each fact is a reified node so that its interval, qualifiers and sources stay attached to it.
    from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

    Y = Namespace(BASE)
    g = Graph()
    g.bind("y", Y)

    def node(ident: str) -> URIRef:
        return URIRef(BASE + "entity/" + ident.replace(" ", "_"))

    for e in kb.entities.values():
        subject = node(e.id)
        g.add((subject, RDF.type, Y[e.type.value]))
        for lang, name in e.names.items():
            g.add((subject, RDFS.label, Literal(name, lang=lang)))
        for lang, name in e.aliases:
            g.add((subject, Y.alias, Literal(name, lang=lang)))
    for f in facts:
        fnode = URIRef(f"{BASE}fact/{f.id}")
        g.add((fnode, RDF.type, Y.Fact))
        g.add((fnode, Y.subject, node(f.subject)))
        g.add((fnode, Y.predicate, Y[f.predicate]))
        if f.object:
            g.add((fnode, Y.object, node(f.object)))
            if not PREDICATES[f.predicate].derived:
                g.add((node(f.subject), Y[f.predicate], node(f.object)))
        if f.value:
            g.add((fnode, Y.value, Literal(f.value)))
        for key, date in (("start", f.start), ("end", f.end)):
            if date:
                dtype = {1: XSD.gYear, 2: XSD.gYearMonth, 3: XSD.date}[int(date.precision)]
                g.add((fnode, Y[key], Literal(str(date), datatype=dtype)))
        for k, v in f.qualifiers:
            g.add((fnode, Y["q_" + k], Literal(v)))
        g.add((fnode, Y.origin, Literal(f.origin.value)))
        for s in f.sources:
            snode = URIRef(f"{BASE}source/{s.id}")
            g.add((fnode, Y.source, snode))
            g.add((snode, RDFS.label, Literal(s.title)))
            if s.url:
                g.add((snode, Y.url, Literal(s.url, datatype=XSD.anyURI)))
    return g.serialize(format="turtle")
