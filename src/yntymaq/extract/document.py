"""`extract(text, kb)`: a document's sentences, mentions and claims, every offset in the original text.

A pure function of the text and the knowledge base, so that a corpus can be run anywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from yntymaq.errors import BadInput
from yntymaq.extract.claims import RULES, Found, Sentence, find_triggers
from yntymaq.kb.query import KB
from yntymaq.text.normalize import fix_mixed_scripts
from yntymaq.text.numbers import find_numbers
from yntymaq.text.pipeline import analyse
from yntymaq.vocab import LANGS, Claim, Date, EntityType, Mention

LINKERS = ("full", "exact")


@dataclass
class Extraction:
    language: str
    sentences: list[tuple[int, int, str]]  # start, end, language
    mentions: list[Mention]
    claims: list[Claim]


def _same_length_fold(text: str) -> str:
    """Lower case with look-alike letters put into one script, keeping every offset."""
    low = fix_mixed_scripts(text).lower()
    if len(low) != len(text):  # a letter whose lower case is longer (İ): fold letter by letter
        low = "".join(c if len(c) == 1 else ch for ch, c in ((ch, ch.lower()) for ch in fix_mixed_scripts(text)))
    return low


def _date_found(d: dict) -> Found | None:
    try:
        start = Date.parse(d["value"]) if d.get("value") else None
        end = Date.parse(d["end_value"]) if d.get("end_value") else None
    except ValueError:
        return None
    return Found(d["start"], d["end"], "date", {"kind": d["kind"], "start": start, "end": end}, d["text"])


def extract(text: str, kb: KB, *, lang: str | None = None, doc: str = "-", linker: str = "full",
            disable: tuple[str, ...] = ()) -> Extraction:
    """Read the claims a text states. `linker="exact"` links only exact names (a baseline);
    `disable` switches claim rules off by name (`member_of.v1`, ...)."""
    from yntymaq.extract.mentions import EntityLinker

    if linker not in LINKERS:
        raise BadInput(f"linker: {linker!r} is not one of {', '.join(LINKERS)}")
    if lang is not None and lang not in LANGS:
        raise BadInput(f"lang: {lang!r} is not one of {', '.join(LANGS)}")
    unknown = set(disable) - {name for name, _ in RULES}
    if unknown:
        raise BadInput(f"disable: no claim rule is named {', '.join(sorted(unknown))}")
    document = analyse(text, language=lang, disable=("stems",))
    language = lang or document.language or "kk"
    spans = [(s.start, s.end) for s in document.sentences]
    found = EntityLinker.from_kb(kb).find(text, lang=language, sentences=spans, mode=linker)
    mentions = []
    by_sentence: dict[int, list[Found]] = {}
    index = 0
    for m in sorted(found, key=lambda m: m.start):
        while index + 1 < len(spans) and m.start >= spans[index][1]:
            index += 1
        mentions.append(Mention(m.start, m.end, m.text, m.entity, m.candidates, m.score, m.rule, index))
        entity = kb.entities.get(m.entity) if m.entity else None
        if entity is not None:
            by_sentence.setdefault(index, []).append(Found(m.start, m.end, entity.type.value, entity.id, m.text))

    organisations = Counter(f.value for fs in by_sentence.values() for f in fs if f.kind == EntityType.ORGANISATION.value)
    topic = organisations.most_common(1)[0][0] if organisations else None
    dated = [Date.parse(d["value"]) for s in document.sentences for d in s.dates if d.get("value")]
    doc_time = max(dated, key=lambda d: d.sort_key()) if dated else None

    rules = [(name, fn) for name, fn in RULES if name not in disable]
    claims: list[Claim] = []
    seen = set()
    for i, s in enumerate(document.sentences):
        sent_lang = s.language if s.language in LANGS else language
        low = _same_length_fold(s.text)
        numbers = [Found(s.start + n.start, s.start + n.end, "number", n.value, n.text)
                   for n in find_numbers(low, sent_lang) if not n.ordinal]
        sentence = Sentence(doc, i, s.start, s.end, s.text, low, sent_lang, by_sentence.get(i, []),
                            [f for f in map(_date_found, s.dates) if f is not None], numbers, topic, doc_time, kb)
        find_triggers(sentence)
        if not sentence.triggers and not any(f.kind == "meeting" for f in sentence.mentions):
            continue
        for _, fn in rules:
            for claim in fn(sentence):
                key = (claim.fact.subject, claim.fact.predicate, claim.fact.object, claim.fact.value,
                       claim.fact.start, claim.fact.end, claim.fact.qualifiers, i)
                if key not in seen:
                    seen.add(key)
                    claims.append(claim)
    return Extraction(language, [(s.start, s.end, s.language or language) for s in document.sentences], mentions, claims)
