"""`extract(text, kb)`: a document's sentences, mentions and claims, every offset in the original text.

A pure function of the text and the knowledge base, so that a corpus can be run anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from yntymaq.errors import BadInput
from yntymaq.extract.claims import (RULE_NEEDS, RULES, Discourse, Found, Sentence, elided_meetings,
                                    find_triggers_in, may_run, meeting_refs, placed_meetings, themed_summits,
                                    set_aside_hedged)
from yntymaq.kb.query import KB
from yntymaq.text.normalize import fix_mixed_scripts
from yntymaq.text.numbers import find_numbers
from yntymaq.text.dates import may_hold_ordinals
from yntymaq.text.pipeline import add_dates, analyse
from yntymaq.text.script import needs_reading, to_cyrillic
from yntymaq.vocab import LANGS, Claim, Date, EntityType, Mention, Truth

LINKERS = ("full", "exact")
MAY_HOLD_DATES = re.compile(r"[\dIVXLХІ](?:(?<=\d)|(?<!\w[IVXLХІ])[IVXLХІ]{0,5}(?!\w))")
"""A digit, or a Roman numeral of up to six letters standing as a word; written to open with one class
of characters, which the search skips to at C speed (a word boundary first would be tried everywhere)."""
_TIMELINE_YEAR = re.compile(r"\s*((?:19|20)\d\d)\s+[-–—]\s")
_COUNTED = ("count_members", "count_observers", "term")  # the triggers whose rules read numbers


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
            disable: tuple[str, ...] = (), doc_time: Date | None = None, caseless: bool = False) -> Extraction:
    """Read the claims a text states. `linker="exact"` links only exact names (a baseline);
    `disable` switches claim rules off by name (`member_of.v2`, ...); `doc_time` is the time the text
    was written (its dateline, or the date a user gives), which its undated present-tense claims speak of;
    `caseless`: the text has no capitals (a reading of Arabic script)."""
    from yntymaq.extract.mentions import EntityLinker

    if linker not in LINKERS:
        raise BadInput(f"linker: {linker!r} is not one of {', '.join(LINKERS)}")
    if lang is not None and lang not in LANGS:
        raise BadInput(f"lang: {lang!r} is not one of {', '.join(LANGS)}")
    unknown = set(disable) - {name for name, _ in RULES}
    if unknown:
        raise BadInput(f"disable: no claim rule is named {', '.join(sorted(unknown))}")
    if needs_reading(text):
        read = to_cyrillic(text)
        if read.script != "cyrl":
            # Kazakh in Latin or Arabic script: the rules read the Cyrillic reading, whose triggers and
            # phrases are theirs, and every offset goes back to the original letters.
            inner = extract(read.text, kb, lang=lang, doc=doc, linker=linker, disable=disable, doc_time=doc_time,
                            caseless=read.script == "arab")
            return _in_original(inner, text, read.map)
    # Every date or ordinal a claim can use is written with a digit or a Roman numeral; which
    # sentences' dates are read is chosen once the triggers and mentions are known (`_read_dates`).
    document = analyse(text, language=lang, disable=("tokenize", "stems"), dates_if=MAY_HOLD_DATES.search,
                       dates_later=True)
    language = lang or document.language or "kk"
    if doc_time is None:  # the text's own dateline or date stamp, when it gives a whole date
        dateline = document.document_date
        doc_time = dateline.value if dateline is not None else None
    spans = [(s.start, s.end) for s in document.sentences]
    found = EntityLinker.from_kb(kb).find(text, lang=language, sentences=spans, mode=linker, caseless=caseless)
    mentions = []
    by_sentence: dict[int, list[Found]] = {}
    index = 0
    for m in sorted(found, key=lambda m: m.start):
        while index + 1 < len(spans) and m.start >= spans[index][1]:
            index += 1
        mentions.append(m if m.sentence == index else
                        Mention(m.start, m.end, m.text, m.entity, m.candidates, m.score, m.rule, index))
        entity = kb.entities.get(m.entity) if m.entity else None
        if entity is not None:
            by_sentence.setdefault(index, []).append(Found(m.start, m.end, entity.type._value_, entity.id, m.text))

    topic = _topic(kb, by_sentence)
    doc_low = _same_length_fold(text)
    langs = [s.language if s.language in LANGS else language for s in document.sentences]
    found_triggers = find_triggers_in(doc_low, [(s.start, s.end, lg) for s, lg in zip(document.sentences, langs)])
    rule_index = _rule_index(tuple((name, fn, RULE_NEEDS.get(name)) for name, fn in RULES if name not in disable))
    _read_dates(document.sentences, found_triggers, by_sentence, rule_index.any_rule)

    claims: list[Claim] = []
    seen = set()
    discourse = Discourse(topic=topic)
    for i, s in enumerate(document.sentences):
        sent_lang = langs[i]
        low = doc_low[s.start:s.end]
        if not found_triggers[i] and i not in by_sentence and not s.ordinals:
            # most sentences: nothing named, no trigger, no ordinal — no claim, and nothing for
            # the sentences after to point back to but a phrase for an office
            discourse.read_plain(i, sent_lang, low, kb)
            continue
        dates = [f for f in map(_date_found, s.dates) if f is not None]
        lead = _TIMELINE_YEAR.match(s.text)
        if lead and not any(d.start <= s.start + lead.start(1) < d.end for d in dates):
            # `1979 - Egypt suspended from OIC`: a chronology's line opens with its year
            at = s.start + lead.start(1)
            dates.insert(0, Found(at, at + 4, "date", {"kind": "date", "start": Date.parse(lead.group(1)), "end": None},
                                  lead.group(1)))
        sentence = Sentence(doc, i, s.start, s.end, s.text, low, sent_lang, by_sentence.get(i, []), dates, [],
                            topic, doc_time, kb, triggers=found_triggers[i], discourse=discourse)
        set_aside_hedged(sentence)
        if any(name in sentence.triggers for name in _COUNTED):
            sentence.numbers = [Found(s.start + n.start, s.start + n.end, "number", n.value, n.text)
                                for n in find_numbers(low, sent_lang) if not n.ordinal]
        ordinals = [Found(o["start"], o["end"], "ordinal", o["value"], o["text"]) for o in s.ordinals
                    if isinstance(o.get("value"), int)]
        elided = elided_meetings(sentence, ordinals)
        if elided:
            sentence.mentions = sorted(sentence.mentions + elided, key=lambda m: m.start)
        if "summit_word" in sentence.triggers or discourse.themed:
            themed_summits(sentence)
        if _may_place_meeting(sentence.triggers, {f.kind for f in sentence.mentions}):
            placed = placed_meetings(sentence)
            if placed:
                sentence.mentions = sorted(sentence.mentions + placed, key=lambda m: m.start)
        sentence.refs = meeting_refs(sentence)
        sentence.at = _time_of(sentence, doc_time)
        kinds = {f.kind for f in sentence.mentions}
        if sentence.triggers or "meeting" in kinds:
            made = []
            for fn in rule_index.rules_for(sentence.triggers, kinds):
                for claim in fn(sentence):
                    key = (claim.fact.subject, claim.fact.predicate, claim.fact.object, claim.fact.value,
                           claim.fact.start, claim.fact.end, claim.fact.qualifiers, i)
                    if key not in seen:
                        seen.add(key)
                        made.append(claim)
            claims.extend(_most_specific(made))
        discourse.read(sentence)
    return Extraction(language, [(s.start, s.end, s.language or language) for s in document.sentences], mentions, claims)


def _in_original(inner: Extraction, text: str, omap) -> Extraction:
    """An extraction of a reading of `text` (its Cyrillic transliteration) with every offset, and every
    quoted piece of text, in the original."""
    def span(start: int, end: int) -> tuple[int, int]:
        return omap.to_original(start), omap.to_original_end(end)

    mentions = [replace(m, start=a, end=b, text=text[a:b])
                for m in inner.mentions for a, b in [span(m.start, m.end)]]
    claims = []
    for c in inner.claims:
        a, b = span(c.span.start, c.span.end)
        where = replace(c.span, start=a, end=b, text=text[a:b])
        fact = replace(c.fact, sources=tuple(where if s == c.span else s for s in c.fact.sources))
        claims.append(replace(c, fact=fact, span=where))
    sentences = [(*span(start, end), lang) for start, end, lang in inner.sentences]
    return Extraction(inner.language, sentences, mentions, claims)


class _RuleIndex:
    """Which rules may state something of a sentence (`may_run`), looked up from its trigger names
    and kinds of mention rather than asked of every rule: a sentence has one or two of them."""

    def __init__(self, rules: tuple[tuple[str, object, tuple[frozenset[str], frozenset[str]] | None], ...]):
        self.functions = [fn for _, fn, _ in rules]
        # some rule may run on a sentence exactly when the union of the rules' needs meets it
        needs = [needs for _, _, needs in rules]
        self.any_rule = None if None in needs else (frozenset().union(*(t for t, _ in needs)),
                                                    frozenset().union(*(k for _, k in needs)))
        self.always: set[int] = set()
        self.by_trigger: dict[str, set[int]] = {}
        self.by_kind: dict[str, set[int]] = {}
        for i, need in enumerate(needs):
            if need is None:
                self.always.add(i)
                continue
            for trigger in need[0]:
                self.by_trigger.setdefault(trigger, set()).add(i)
            for kind in need[1]:
                self.by_kind.setdefault(kind, set()).add(i)

    def rules_for(self, triggers, kinds) -> list:
        """The rules, in their order, that `may_run` on a sentence with these triggers and kinds."""
        chosen = set(self.always)
        for name in triggers:
            chosen.update(self.by_trigger.get(name, ()))
        for kind in kinds:
            chosen.update(self.by_kind.get(kind, ()))
        return [self.functions[i] for i in sorted(chosen)]


@lru_cache(maxsize=8)
def _rule_index(rules: tuple) -> _RuleIndex:
    return _RuleIndex(rules)


def _read_dates(sentences: list, triggers: list[dict], by_sentence: dict[int, list[Found]],
                any_rule: tuple[frozenset[str], frozenset[str]] | None) -> None:
    """Read the dates and ordinals of every sentence a claim may come from: one with a trigger or a
    meeting that some rule may state something of, or with what may be an ordinal naming a meeting.
    The other sentences' dates are never read: a claim's time is its own sentence's, or the document's
    (its dateline), never that of an unrelated date elsewhere. `any_rule`: the union of the rules' needs."""
    for i, sent in enumerate(sentences):
        if sent.scanned is None:  # it cannot hold a date
            continue
        kinds = {f.kind for f in by_sentence.get(i, ())}
        if (triggers[i] or "meeting" in kinds) and may_run(any_rule, triggers[i], kinds) \
                or may_hold_ordinals(sent.norm, sent.language) or _may_place_meeting(triggers[i], kinds):
            add_dates(sent)


def _may_place_meeting(found: dict, kinds: set[str]) -> bool:
    """A body's noun (the summit, the CFM) whose place and time may name a meeting (`placed_meetings`)."""
    return "summit_word" in found or "session_word" in found or "organ" in kinds


def _topic(kb: KB, by_sentence: dict[int, list[Found]]) -> str | None:
    """The organisation a document is about: the one it names most, else the one whose organs,
    meetings and offices it names (a text about sessions of the CFM speaks of the OIC)."""
    organisations = Counter(f.value for fs in by_sentence.values() for f in fs if f.kind == EntityType.ORGANISATION._value_)
    if organisations:
        return organisations.most_common(1)[0][0]
    parents: Counter = Counter()
    for found in (f for fs in by_sentence.values() for f in fs):
        entity, hops = kb.entities.get(found.value), 0
        while entity is not None and entity.parent and hops < 4:
            entity, hops = kb.entities.get(entity.parent), hops + 1
            if entity is not None and entity.type is EntityType.ORGANISATION:
                parents[entity.id] += 1
                break
    return parents.most_common(1)[0][0] if parents else None


def _time_of(sentence: Sentence, doc_time: Date | None) -> Date | None:
    """The time a sentence's undated claims speak of: the document's time (its dateline or the date
    given), when the document has one that is not earlier than every date the sentence gives
    (`founded in 1969, now counts 57` under a dateline of 1969 speaks of an unknown today: None)."""
    if doc_time is None or not sentence.triggers.get("present"):
        return doc_time
    for d in sentence.dates:
        last = d.value.get("end") or d.value.get("start")
        if last is not None and last.before(doc_time) is not Truth.YES:
            return None
    return doc_time


def _most_specific(claims: list[Claim]) -> list[Claim]:
    """Of the same fact claimed twice from one sentence, with and without dates, the dated claim: it
    says all the undated one says (a list item with its own year, read again by a later trigger)."""
    dated = {(c.fact.subject, c.fact.predicate, c.fact.object, c.fact.value, c.fact.qualifiers)
             for c in claims if c.fact.start is not None or c.fact.end is not None}
    return [c for c in claims if c.fact.start is not None or c.fact.end is not None
            or (c.fact.subject, c.fact.predicate, c.fact.object, c.fact.value, c.fact.qualifiers) not in dated]
