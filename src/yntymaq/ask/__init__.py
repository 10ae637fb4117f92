"""Questions in Kazakh, Russian or English answered from the knowledge base, with their sources.

    from yntymaq.ask import ask
    ask(kb, "Қазақстан ИЫҰ-ға қашан мүше болды?")   # → {"question", "language", "abstained", ...}

`ask/reader.py` reads the question (language, cue words, names, dates, options), `ask/answer.py`
answers it from `kb.query` in the question's language; both read their words from tables per
language (`ask/lang/<lang>/cues.tsv`, `answers.tsv`). An answer it cannot give from the KB's facts is
"abstained", with the reason; a multiple-choice question gets one of its options or an abstention.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass

from yntymaq.vocab import EntityType

RULE = "ask.v1"
_lock = threading.Lock()
_contexts: "weakref.WeakKeyDictionary[object, Context]" = weakref.WeakKeyDictionary()
_WORD = re.compile(r"\w+")


@dataclass
class Context:
    """What answering needs of one KB, built once: its linker, its persons' surnames, the words of
    its names (a capitalised word not among them names something the KB does not hold)."""

    kb: object
    linker: object
    persons: object
    abbreviations: frozenset[str]
    name_words: frozenset[str]
    function_words: frozenset[str]


def _context(kb) -> Context:
    with _lock:
        ctx = _contexts.get(kb)
        if ctx is None:
            ctx = _build_context(kb)
            _contexts[kb] = ctx
        return ctx


def _build_context(kb) -> Context:
    from yntymaq.extract import cache
    from yntymaq.extract.mentions import EntityLinker

    linker = EntityLinker.from_kb(kb)
    persons, abbreviations, words, cue_words = cache.cached(kb, "ask", lambda: _indexes(kb))
    return Context(kb, linker, persons, abbreviations, words, _KnownWords(words, cue_words))


def _indexes(kb) -> tuple:
    """What the context builds from the KB's names and the cue tables (kept in the user's cache)."""
    from yntymaq.ask.reader import PersonIndex, cues

    abbreviations, words = set(), set()
    for e in kb.entities.values():
        for _, name in e.all_names():
            for w in _WORD.findall(name):
                if w.isupper() and len(w) <= 6:
                    abbreviations.add(w)
                words.add(w.lower().replace("ё", "е"))
    cue_words = {p.rstrip("=") for lang in ("kk", "ru", "en") for c in cues(lang) for p in c.words}
    return PersonIndex(kb.entities.values()), frozenset(abbreviations), frozenset(words), frozenset(cue_words)


class _KnownWords(frozenset):
    """A word is known when it, or a beginning of it of four letters or more, is a word of a KB name
    or a cue: Пәкістанда is known by Пәкістан."""

    def __new__(cls, names: frozenset[str], cue_words: frozenset[str]):
        self = super().__new__(cls, names | cue_words)
        self._cues = cue_words
        return self

    def __contains__(self, word) -> bool:
        if frozenset.__contains__(self, word):
            return True
        if any(word.startswith(c) for c in self._cues if len(c) >= 3):
            return True
        return any(frozenset.__contains__(self, word[:k]) for k in range(len(word) - 1, 3, -1))


def looks_like_question(text: str) -> bool:
    """Whether a search box's text reads as a question (a question mark, or a question word with
    another word beside it) rather than a name to look up."""
    from yntymaq.ask.reader import KINDS, Reading, _read_cues, language_of

    text = " ".join(text.split())
    if not text:
        return False
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    if text.endswith("?") and len(words) >= 2:
        return True
    reading = Reading(text, language_of(text), words)
    _read_cues(reading)
    return len(words) >= 2 and any(k in reading.cues for k in KINDS)


def ask(kb, question: str, *, lang: str | None = None) -> dict:
    """Answer a question; the JSON-ready result (see README, "Asking")."""
    from yntymaq.ask.answer import Abstain, Writer, answer
    from yntymaq.ask.reader import read

    question = question or ""
    from yntymaq.ask.reader import language_of

    qlang = lang or language_of(question or "?")
    w = Writer(qlang)
    if not question.strip():
        return _abstained(question, qlang, w.t("reason.empty"), {})
    reading = read(question, kb, lang=lang)
    understood = reading.understood()
    w = Writer(reading.lang)
    asked = " ".join(question.split()) if reading.script else reading.question  # as written, not as read
    try:
        if reading.options:
            result, choice = _choose(kb, reading)
            understood["choice"] = choice
        else:
            result = answer(_context(kb), reading)
    except Abstain as why:
        return _abstained(asked, reading.lang, w.t(f"reason.{why.key}", **why.values), understood)
    understood["topic"] = result.topic
    return {
        "question": asked,
        "language": reading.lang,
        "abstained": False,
        "reason": w.t("disagree") if result.disagree else None,
        "understood": understood,
        "answers": [_answer_json(a, reading.lang) for a in result.answers],
    }


def _abstained(question: str, lang: str, reason: str, understood: dict) -> dict:
    return {"question": question, "language": lang, "abstained": True, "reason": reason,
            "understood": understood, "answers": []}


def _answer_json(a, lang: str) -> dict:
    from yntymaq.kb.query import ref_json, source_json

    return {"text": a.text, "value": a.value, "entity": ref_json(a.entity, lang),
            "start": str(a.start) if a.start else None, "end": str(a.end) if a.end else None,
            "sources": [source_json(s) for s in a.sources],
            "facts": [{"id": f.id, "subject": f.subject, "predicate": f.predicate, "object": f.object,
                       "value": f.value, "start": str(f.start) if f.start else None,
                       "end": str(f.end) if f.end else None, "qualifiers": dict(f.qualifiers),
                       "origin": f.origin.value, "rule": f.rule or None, "where": f.where or None}
                      for f in a.facts]}


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER = re.compile(r"^\D*(\d+)\D*$")


def _choose(kb, reading):
    """A multiple-choice question: answer its stem, then pick the one option that fits the answer."""
    from dataclasses import replace

    from yntymaq.ask.answer import Abstain, Answer, Result, Writer, answer

    ctx = _context(kb)
    inside = lambda s, o: o.start <= s < o.end  # noqa: E731
    per_option = [[e for e, s, _, _ in reading.entities if inside(s, o)] for o in reading.options]
    stem = replace(reading, entities=[x for x in reading.entities if not any(inside(x[1], o) for o in reading.options)])
    types = {e.type for es in per_option for e in es}
    kind = reading.kind()
    if kind in (None, "yesno", "which", "who"):
        if types == {EntityType.PLACE}:
            kind = "where"
        elif types == {EntityType.STATE} and kind != "who":
            kind = "country" if not stem.has("member", "join") else kind
        elif types == {EntityType.PERSON}:
            kind = "who"
        elif not types and all(_YEAR.search(o.text) for o in reading.options):
            kind = "year"
        elif not types and all(_NUMBER.match(o.text) for o in reading.options):
            kind = "count"
    if types == {EntityType.STATE} and kind in ("country", "which", "yesno", None) and \
            stem.has("member", "join", "observer", "suspended") and not stem.has("first", "last"):
        # "Which of these states is a member?": each option is asked in turn
        return _choose_each(ctx, reading, stem, per_option)
    result = answer(ctx, stem, kind=kind)
    hits = []
    for k, (option, entities) in enumerate(zip(reading.options, per_option)):
        if any(_fits(a, option, entities) for a in result.answers):
            hits.append(k)
    if len(hits) != 1:
        raise Abstain("no_option")
    k = hits[0]
    w = Writer(reading.lang)
    first = result.answers[0]
    chosen = Answer(f"{w.t('choice', option=reading.options[k].text)}. {first.text}", reading.options[k].text,
                    per_option[k][0] if per_option[k] else first.entity, first.start, first.end, first.sources,
                    first.facts)
    return Result(result.topic, [chosen] + result.answers[1:], result.disagree), k


def _choose_each(ctx, reading, stem, per_option):
    from dataclasses import replace

    from yntymaq.ask.answer import Abstain, Answer, Result, Writer, answer

    hits = []
    results = {}
    for k, entities in enumerate(per_option):
        if not entities:
            continue
        one = replace(stem, entities=stem.entities + [(entities[0], reading.options[k].start, reading.options[k].end, "option")])
        try:
            result = answer(ctx, one, kind="yesno")
        except Abstain:
            continue
        results[k] = result
        # "which of these is not a member": the one option answered no
        if result.answers and result.answers[0].value == ("no" if reading.has("not") else "yes"):
            hits.append(k)
    if len(hits) != 1:
        raise Abstain("no_option")
    k = hits[0]
    w = Writer(reading.lang)
    first = results[k].answers[0]
    return Result("membership", [Answer(f"{w.t('choice', option=reading.options[k].text)}. {first.text}",
                                        reading.options[k].text, per_option[k][0], first.start, first.end,
                                        first.sources, first.facts)]), k


def _fits(a, option, entities) -> bool:
    ids = {e.id for e in entities}
    if ids:
        if a.entity is not None and a.entity.id in ids:
            return True
        return any(f.object in ids for f in a.facts if f.predicate in ("hosted_by", "held_in", "citizen_of"))
    year = _YEAR.search(option.text)
    if year:
        return bool(a.start and a.start.year == int(year.group())) or bool(a.value and a.value.startswith(year.group()))
    number = _NUMBER.match(option.text)
    if number:
        return a.value == number.group(1)
    return False
