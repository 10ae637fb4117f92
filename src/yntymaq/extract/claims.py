"""Claims: facts a text states, read sentence by sentence from its mentions, dates and trigger words.

Each rule is a function of one sentence (`Sentence` below: its linked mentions, dates, numbers and
trigger matches, all at offsets in the original text) that yields claims; it has a versioned name
(`member_of.v2`, prefixed with the language) stored with every claim it makes. The words of each
language are data (`lang/<lang>/triggers.tsv`, `hedges.tsv`, `demonyms.tsv`, `document_words.tsv`,
`offices.tsv`); the grammar of where a sentence puts its subject, object and date lives in the rules,
with the few differences between languages as data passed to them (`_ORDER`).

A few habits of the grammar are shared by the rules:

- **A date or a place belongs to one statement.** In a sentence with several predicates (`founded in
  1971, counts 57 members today`) each date and place goes to the nearest trigger — the one before it
  in Russian and English, where complements follow the verb, the one after it in Kazakh, where they
  precede it (`_owner`).
- **Lists share a predicate.** `X, Y and Z joined in 1992`, `Bosnia and Herzegovina (since 1994),
  Thailand (1998)`: a chain of names joined by commas and `and` (appositions in brackets allowed)
  shares the trigger; a name with its own bracketed year keeps it (`_chains`, `_apposition_dates`).
  `Côte d'Ivoire joined in 2001, Guyana in 1998`: a verb left out repeats the one before (`_gapped`).
- **Words that point back.** `the session`, `на сессии`, `Сессияны` name the meeting the text named
  last; `this post`, `этот пост`, `бұл қызметке` the office; `the 37th in Dushanbe` after a session of
  the CFM is the 37th session of the CFM (`Discourse`, `elided_meetings`).
- **Only what is asserted.** A trigger under a modal, a future or a negation (`may be readmitted`,
  `может быть восстановлено`, `қатысуы мүмкін`, `did not attend`) makes no claim (`set_aside_hedged`).
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from yntymaq.kb.names import fold
from yntymaq.kb.query import KB, ORGANISATION, SECRETARY_GENERAL
from yntymaq.text.tables import parse_table
from yntymaq.vocab import Claim, Date, EntityType, Fact, Origin, Span, Truth

# Where a language puts the details of a thing relative to its name: Kazakh modifiers come before
# the noun (1997 ж. Тегеранда өткен 8-ші Саммит), Russian and English ones after (the 38th session,
# held in Astana in June 2011).
_ORDER = {"kk": "before", "ru": "after", "en": "after"}
# Between two names of one list: commas, `and`, a bracketed apposition of the name before
# (Bosnia and Herzegovina (since 1994), the Central African Republic).
_LIST_GLUE = re.compile(r"^[\s,]*(?:\([^()]*\)[\s,]*)?(?:(?:және|мен|пен|бен|и|а также|вместе с|наряду с|and|as well as|"
                        r"along with|together with|&)(?!\w))?"
                        r"[\s,]*(?:the\s+)?$", re.I)
# Sentences are already cut; inside one, a semicolon, a colon or a spaced dash ends a clause (a full
# stop inside a sentence belongs to an abbreviation: 1997 ж. желтоқсанда).
# `|key = value |key2 = value2`: the fields of an infobox turned into text are statements of their own
_CLAUSE_BREAK = re.compile(r"[;:]|\s[–—-]\s|\|(?=\s*\w+\s*=)")
_STRONG_BREAK = re.compile(r"[;:]|\|(?=\s*\w+\s*=)")
# ... except after a field that labels the next one (|admin_center_type = Headquarters |admin_center = Jeddah)
# `1979 - Egypt suspended from OIC`: a line of a timeline opens with its date, which the dash joins to it
_TIMELINE_DATE = re.compile(r"\s*(?:\d{1,2}\s+)?(?:[^\W\d_]+\s+)?\d{4}\s*")
_LABELS_NEXT_FIELD = re.compile(r"\|\s*\w+_type\s*=[^|=]*\Z")


def _labels_next_field(text: str, bar: int) -> bool:
    before = text.rfind("|", 0, bar)
    return before >= 0 and _LABELS_NEXT_FIELD.match(text, before, bar) is not None
# What may follow an ordinal that stands for a meeting whose noun is left out: the 37th in Dushanbe,
# а 48-я — 22–23 марта, the 40th (Conakry, 2013).
_ELIDED_NEXT = re.compile(r"\s*(?:[—–-]\s|\(|,|(?:in|at|on|в|во)\b)")
# ... and what stands before it: the joint of a list (not `opened on the 28th, in Jeddah`)
_ELIDED_BEFORE = re.compile(r"(?:[,;:]|(?<!\w)(?:and|и|а|және|мен|as well as))\s*(?:the\s+)?$")
_YEAR_RANGE = re.compile(r"^\s*(?:(?:since|from|с|бастап)\s+)?(\d{4})\s*(?:([–—-])\s*(\d{4}))?\s*$", re.I)
_KK_ABLATIVE = re.compile(r"(?:нан|нен|тан|тен|дан|ден)$")
_KK_LOCATIVE = re.compile(r"(?:да|де|та|те)$")
_KK_DATIVE = re.compile(r"(?:ға|ге|қа|ке|на|не)$")
_BEFORE_LOCATIVE = re.compile(r"(?:\b(?:в|во|in|at)\s+)$")
_BODIES = ("OIC/cfm", "OIC/summit")

# The triggers of statements: a date or a place goes to the nearest of these, and the details of a
# meeting run up to the next one.
PREDICATE_TRIGGERS = ("member", "member_weak", "observer", "suspended", "restored", "founded", "named",
                      "headquarters", "host", "handover", "chair", "participated", "adopted", "took_office",
                      "elected", "term", "count_members", "count_observers")
_PREDICATE_RANK = {name: rank for rank, name in enumerate(PREDICATE_TRIGGERS)}


class Found(NamedTuple):
    """Something at a place in the sentence: a linked mention, a date, a number or a trigger (a named
    tuple: thousands are made for each document, and a tuple is made fastest)."""

    start: int
    end: int
    kind: str  # entity type value, "date", "number", "ordinal" or "trigger"
    value: object  # an entity id, a date's {kind, start, end}, a number, or a trigger's name
    text: str = ""


@dataclass
class Discourse:
    """What the text has named so far, for the words that point back to it: the session, this post."""

    topic: str | None = None  # the organisation the document is about, for "the organisation", "it"
    meeting: str | None = None  # the meeting named last
    summit: str | None = None  # the summit named last
    first_summit: str | None = None  # the summit named first: what the text is about
    body: str | None = None  # the body (OIC/cfm, OIC/summit) named last
    office: str | None = None  # the office named last
    office_sentence: int = -1  # the sentence that named it
    themed: dict = field(default_factory=dict)  # OIC/summit/1 -> OIC/st-summit/1 once the text named the latter

    def read(self, sent: "Sentence") -> None:
        """Take in what a sentence names (after its rules ran, so that it points back past itself)."""
        for item in sorted(sent.mentions, key=lambda m: m.start):
            if item.kind == EntityType.MEETING._value_ and str(item.value).startswith("OIC/"):
                self.meeting = item.value
                body = _body_of(sent.kb, item.value)
                self.body = body or self.body
                if body == "OIC/summit" or "summit/" in str(item.value):  # a summit of any series
                    self.summit = item.value
                    self.first_summit = self.first_summit or item.value
            elif item.kind == EntityType.ORGAN._value_ and item.value in _BODIES:
                self.body = item.value
            elif item.kind == EntityType.OFFICE._value_:
                self.office, self.office_sentence = item.value, sent.index
        self.read_plain(sent.index, sent.lang, sent.low, sent.kb)

    def read_plain(self, index: int, lang: str, low: str, kb: KB) -> None:
        """Take in a sentence that names nothing: only a phrase for an office (руководил генеральным
        секретариатом) may be pointed back to later."""
        office = _office_phrase_in(lang, low, kb)
        if office:
            self.office, self.office_sentence = office, index


@dataclass
class Sentence:
    """One sentence as the rules see it: everything found in it, at original offsets."""

    doc: str
    index: int
    start: int
    end: int
    text: str  # the original text of the sentence
    low: str  # `text` lower-cased and with look-alike letters folded, same length
    lang: str
    mentions: list[Found]
    dates: list[Found]
    numbers: list[Found]
    topic: str | None  # the organisation the document is about, for "the organisation", "it"
    doc_time: Date | None
    kb: KB
    triggers: dict[str, list[Found]] = field(default_factory=dict)
    discourse: Discourse = field(default_factory=Discourse)
    refs: list[Found] = field(default_factory=list)  # meetings named by a common noun (the session)
    hedged: list[Found] = field(default_factory=list)  # triggers a modal or a negation takes back
    at: Date | None = None  # the time the sentence's claims speak of, when they give none themselves
    _owners: dict = field(default_factory=dict, repr=False)
    _by_kind: tuple | None = field(default=None, repr=False)
    _breaks: dict = field(default_factory=dict, repr=False)  # dashes? → (starts, ends) of the clause breaks

    def entities(self, *types: EntityType, lo: int | None = None, hi: int | None = None) -> list[Found]:
        if len(types) == 1:  # the common case, by far: one kind, looked up rather than filtered
            if self._by_kind is None or self._by_kind[0] is not self.mentions:
                grouped: dict[str, list[Found]] = {}
                for m in self.mentions:
                    grouped.setdefault(m.kind, []).append(m)
                self._by_kind = (self.mentions, grouped)
            found = self._by_kind[1].get(types[0]._value_, [])  # _value_: .value is a slow property
            if lo is None and hi is None:
                return list(found)
            return [m for m in found if (lo is None or m.start >= lo) and (hi is None or m.end <= hi)]
        wanted = {t.value for t in types}
        return [m for m in self.mentions if (not wanted or m.kind in wanted)
                and (lo is None or m.start >= lo) and (hi is None or m.end <= hi)]

    def nearest(self, items: list[Found], at: int, *, side: str = "either", limit: int | None = None) -> Found | None:
        best, best_distance = None, None
        for item in items:
            if side == "before" and item.end > at or side == "after" and item.start < at:
                continue
            distance = at - item.end if item.end <= at else item.start - at
            distance = max(distance, 0)
            if limit is not None and distance > limit:
                continue
            if best_distance is None or distance < best_distance:
                best, best_distance = item, distance
        return best

    def claim(self, rule: str, *, at: Date | None = None, **fact) -> Claim:
        """A claim of this sentence; `at` is the time it speaks of when that is not the sentence's (`in 2010
        the Secretary General was ...`: a time, not the start of a term)."""
        qualifiers = tuple((k, v) for k, v in fact.pop("qualifiers", {}).items() if v is not None)
        span = Span(self.doc, self.index, self.start, self.end, self.text)
        made = Fact(origin=Origin.EXTRACTED, rule=f"{self.lang}.{rule}", qualifiers=qualifiers, sources=(span,), **fact)
        return Claim(made, span, f"{self.lang}.{rule}", self.lang, at or self.at)

    def clause_of(self, at: int, *, dashes: bool = True) -> tuple[int, int]:
        """The clause around an offset: between the nearest breaks (; : and, unless `dashes` is
        False, a spaced dash — which in a definition is a copula: Жидда қаласы – штаб-пәтер)."""
        breaks = self._breaks.get(dashes)
        if breaks is None:  # the rules ask again and again: the breaks are found once
            found = [m.span() for m in (_CLAUSE_BREAK if dashes else _STRONG_BREAK).finditer(self.text)
                     if not (self.text[m.start()] == "|" and _labels_next_field(self.text, m.start()))
                     and not _TIMELINE_DATE.fullmatch(self.text, 0, m.start())]
            breaks = self._breaks[dashes] = ([self.start + a for a, _ in found], [self.start + b for _, b in found])
        starts, ends = breaks
        k = bisect_left(starts, at)  # the breaks before `at` and the first at or after it
        return (ends[k - 1] if k else self.start), (starts[k] if k < len(starts) else self.end)

    def clause_with_list(self, at: int, end: int) -> tuple[int, int]:
        """The clause around a trigger ending at `end`, run on over a colon that introduces a list
        right after it (observer states: Bosnia and Herzegovina, ...)."""
        lo, hi = self.clause_of(at)
        if hi < self.end and self.text[hi - self.start] == ":" and self.words_between(end, hi) <= 2:
            hi = self.clause_of(hi + 1)[1]
        return lo, hi

    def words_between(self, a: int, b: int) -> int:
        if b <= a:
            return 0
        return len(re.findall(r"\w+", self.text[a - self.start:b - self.start]))

    def has(self, trigger: str, lo: int | None = None, hi: int | None = None) -> bool:
        return any((lo is None or t.start >= lo) and (hi is None or t.end <= hi) for t in self.triggers.get(trigger, ()))


# -- the language tables ------------------------------------------------------------------------


def _patterns(lang: str, name: str, label: str) -> list[tuple[str, re.Pattern]]:
    """(label, compiled pattern) of each row of `lang/<lang>/<name>.tsv` (columns `label`, `pattern`);
    a table a language lacks is empty; a bad pattern is an error naming its file and line."""
    file = f"extract/lang/{lang}/{name}.tsv"
    path = resources.files("yntymaq.extract") / "lang" / lang / f"{name}.tsv"
    if not path.is_file():
        return []
    rows = parse_table(path.read_text(encoding="utf-8"), file=file, columns=(label, "pattern"),
                       letters={label: None, "pattern": None}, key="pattern")
    out = []
    for row in rows:
        # patterns meet lower-cased text (and match faster without re.I): a capital would never match
        if any(c.isupper() for c in re.sub(r"\\.", "", row["pattern"])):
            raise ValueError(f"{file}:{row.line}: pattern: write it in lower case, the text it meets is lower-cased")
        try:
            out.append((row[label], re.compile(row["pattern"])))
        except re.error as err:
            raise ValueError(f"{file}:{row.line}: pattern: {err}") from None
    return out


_LEADING_WORD = re.compile(r"\\b([^\W\d_]+)")


def _literal_first(pattern: str) -> str:
    """`\\bword...` as `word(?<!\\wword)...`: the same matches, but a pattern that starts with plain
    letters lets the regular expression engine skip to where they occur instead of trying every
    position of the text."""
    m = _LEADING_WORD.match(pattern)
    if not m:
        return pattern
    word, rest = m.group(1), pattern[m.end():]
    if rest[:1] in ("?", "*", "+", "{"):  # the quantifier belongs to the last letter
        word, rest = word[:-1], word[-1] + rest
    if len(word) < 2:
        return pattern
    return f"{word}(?<!\\w{word}){rest}"


@lru_cache(maxsize=None)
def triggers(lang: str) -> dict[str, re.Pattern]:
    """The trigger patterns of a language, by name, compiled from `lang/<lang>/triggers.tsv`."""
    grouped: dict[str, list[str]] = {}
    for name, pattern in _patterns(lang, "triggers", "trigger"):
        grouped.setdefault(name, []).append(_literal_first(pattern.pattern))
    return {name: re.compile("|".join(f"(?:{p})" for p in patterns)) for name, patterns in grouped.items()}


_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})
_MAX_WORDS = 64


def _required_words(pattern: str) -> frozenset[str] | None:
    """Words of two letters or more one of which every match of `pattern` holds (`мүше` in
    `\\d+\\s+мүше\\s+(?:мемлекет|ел)`; `өткен`, `болған` in `\\b(?:өткен|болған)\\b`), read from the
    parsed pattern; None if it has none, or the parser's shape is not the one known here."""
    try:
        from re import _parser

        return _words_of(_parser.parse(pattern).data)
    except Exception:  # the parser is internal to `re`: without it, no shortcut, same matches
        return None


def _words_of(items) -> frozenset[str] | None:
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and min(map(len, found)) >= 2 and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    current = frozenset({""})  # the letters every match has right before this point, one of these
    for op, arg in items:
        kind = str(op)
        if kind == "LITERAL":
            current = frozenset(word + chr(arg) for word in current)
            continue
        if kind in _ZERO_WIDTH:
            continue
        if kind == "BRANCH":
            branches = arg[1]
            plain = [_plain_literal(branch) for branch in branches]
            if all(word is not None for word in plain) and len(current) * len(plain) <= _MAX_WORDS:
                current = frozenset(word + tail for word in current for tail in plain)
                continue
            inner = [_words_of(branch) for branch in branches]
            if all(inner):
                consider(frozenset().union(*inner))
        elif kind == "SUBPATTERN":
            consider(_words_of(arg[-1]))
        consider(current)
        current = frozenset({""})
    consider(current)
    return best


def _plain_literal(items) -> str | None:
    """The text of a branch made of plain letters only, else None."""
    letters = []
    for op, arg in items:
        if str(op) != "LITERAL":
            return None
        letters.append(chr(arg))
    return "".join(letters)


@lru_cache(maxsize=None)
def _trigger_words(lang: str) -> dict[str, frozenset[str]]:
    """For each trigger every pattern of which holds one of some words (`_required_words`): all
    those words. A trigger can only match in a sentence where one of its words is."""
    words: dict[str, list[frozenset[str] | None]] = {}
    for name, pattern in _patterns(lang, "triggers", "trigger"):
        words.setdefault(name, []).append(_required_words(pattern.pattern))
    return {name: frozenset().union(*found) for name, found in words.items() if all(found)}


@lru_cache(maxsize=None)
def _word_finder(lang: str):
    """An automaton finding every trigger word of `_trigger_words` in one pass, and for each of its
    words the triggers that hold it."""
    import ahocorasick_rs

    by_word: dict[str, set[str]] = {}
    for name, words in _trigger_words(lang).items():
        for word in words:
            by_word.setdefault(word, set()).add(name)
    if not by_word:
        return None
    words = list(by_word)
    automaton = ahocorasick_rs.AhoCorasick(words, implementation=ahocorasick_rs.Implementation.DFA)
    return automaton, [tuple(sorted(by_word[word])) for word in words]


@lru_cache(maxsize=None)
def _sentence_anchored(lang: str) -> dict[str, re.Pattern]:
    """Triggers that hold only at the start of a sentence (every row starts with ^), each as a
    pattern to `match` at a sentence's start: ^ itself would match only at the text's start."""
    rows: dict[str, list[str]] = {}
    for name, pattern in _patterns(lang, "triggers", "trigger"):
        rows.setdefault(name, []).append(pattern.pattern)
    anchored = {name: [p[1:] for p in patterns] for name, patterns in rows.items()
                if all(p.startswith("^") for p in patterns)}
    mixed = sorted(name for name, patterns in rows.items()
                   if name not in anchored and any(p.startswith("^") for p in patterns))
    if mixed:
        raise ValueError(f"extract/lang/{lang}/triggers.tsv: trigger {mixed[0]!r}: start every row of it "
                         f"with ^ or none")
    return {name: re.compile("|".join(f"(?:{p})" for p in patterns)) for name, patterns in anchored.items()}


@lru_cache(maxsize=None)
def _anchored(lang: str, name: str) -> re.Pattern | None:
    """A trigger that must start where the text is looked at (after optional spaces)."""
    pattern = triggers(lang).get(name)
    return re.compile(rf"\s*(?:{pattern.pattern})") if pattern else None


@lru_cache(maxsize=None)
def _phrase(lang: str, means: str, shape: str = "PHRASE") -> re.Pattern:
    """The phrases of `lang/<lang>/phrases.tsv` that mean `means`, as one pattern put in `shape` where it
    says PHRASE (`_THEME_AFTER`: a theme a few words after a summit's noun); a language without such
    phrases gets a pattern that never matches there."""
    found = [pattern.pattern for label, pattern in _patterns(lang, "phrases", "means") if label == means]
    return re.compile(shape.replace("PHRASE", "|".join(f"(?:{p})" for p in found) or "(?!)"))


@lru_cache(maxsize=None)
def _demonyms(lang: str) -> list[tuple[str, re.Pattern]]:
    return _patterns(lang, "demonyms", "state")


@lru_cache(maxsize=None)
def _document_words(lang: str) -> list[tuple[str, re.Pattern]]:
    return _patterns(lang, "document_words", "name_part")


@lru_cache(maxsize=None)
def _office_phrases(lang: str) -> list[tuple[str, re.Pattern]]:
    return _patterns(lang, "offices", "office")


@lru_cache(maxsize=None)
def _hedges(lang: str) -> dict[str, list[re.Pattern]]:
    found: dict[str, list[re.Pattern]] = {}
    for side, pattern in _patterns(lang, "hedges", "side"):
        if side not in ("before", "after"):
            raise ValueError(f"extract/lang/{lang}/hedges.tsv: side: {side!r} is neither before nor after")
        found.setdefault(side, []).append(pattern)
    return found


def set_aside_hedged(sent: Sentence) -> None:
    """Take out of the sentence's triggers those a modal, a future or a negation takes back (may be
    readmitted, будет принят, қатысуы мүмкін, did not attend): they state nothing. They stay in
    `hedged`, still ending the statements beside them."""
    if not sent.triggers:
        return
    hedges = _hedges(sent.lang)
    if not hedges:
        return
    present = [name for name in sent.triggers if name in _PREDICATE_RANK]
    if len(present) > 1:
        present.sort(key=_PREDICATE_RANK.__getitem__)
    for name in present:
        found = sent.triggers[name]
        if not found:
            continue
        kept = []
        for trig in found:
            head = sent.low[max(0, trig.start - sent.start - 40):trig.start - sent.start]
            tail = sent.low[trig.end - sent.start:trig.end - sent.start + 40]
            # a count is a noun phrase: a future after it is its sentence's verb (57 states will discuss)
            after = () if name in ("count_members", "count_observers") else hedges.get("after", ())
            if any(p.search(head) for p in hedges.get("before", ())) or any(p.match(tail) for p in after):
                sent.hedged.append(trig)
            else:
                kept.append(trig)
        if kept:
            sent.triggers[name] = kept
        else:
            del sent.triggers[name]


def find_triggers_in(low: str, spans: list[tuple[int, int, str]]) -> list[dict[str, list[Found]]]:
    """The trigger matches of every sentence of a text (`low`: the whole text folded as `Sentence.low`;
    `spans`: each sentence's start, end and language). One pass of an automaton finds the sentences
    holding a trigger's words (`_trigger_words`), and the trigger is looked for in those only; a
    trigger without such words is looked for over the whole text at once — a sentence at a time
    costs a call per pattern per sentence — and a match of it that runs over a sentence's end is
    looked for again inside each sentence it touches."""
    out: list[dict[str, list[Found]]] = [{} for _ in spans]
    starts = [start for start, _, _ in spans]
    for lang in sorted({lang for _, _, lang in spans}):
        anchored = _sentence_anchored(lang)
        has_words = _trigger_words(lang)
        where: dict[str, set[int]] = {}
        finder = _word_finder(lang)
        if finder is not None:
            automaton, names_of = finder
            for index, start, end in automaton.find_matches_as_indexes(low, True):
                i = bisect_right(starts, start) - 1
                if i >= 0 and end <= spans[i][1] and spans[i][2] == lang:
                    for name in names_of[index]:
                        where.setdefault(name, set()).add(i)
        for name, pattern in triggers(lang).items():
            if name in has_words and name not in where:  # no sentence holds one of its words
                continue
            at_start = anchored.get(name)
            if at_start is not None:  # tried once at each sentence's start, not over the text
                for i in where.get(name, ()) if name in has_words else range(len(spans)):
                    start, end, sent_lang = spans[i]
                    m = at_start.match(low, start, end) if sent_lang == lang else None
                    if m is not None:
                        out[i][name] = [Found(m.start(), m.end(), "trigger", name, m.group(0))]
                continue
            if name in has_words:
                for i in sorted(where.get(name, ())):
                    start, end, _ = spans[i]
                    found = [Found(m.start(), m.end(), "trigger", name, m.group(0))
                             for m in pattern.finditer(low, start, end)]
                    if found:
                        out[i][name] = found
                continue
            redo: set[int] = set()
            for m in pattern.finditer(low):
                i = bisect_right(starts, m.start()) - 1
                if i < 0 or spans[i][2] != lang:
                    continue
                if m.end() > spans[i][1]:
                    redo.update(j for j in range(i, len(spans)) if spans[j][0] < m.end())
                    continue
                out[i].setdefault(name, []).append(Found(m.start(), m.end(), "trigger", name, m.group(0)))
            for i in sorted(redo):
                start, end, sent_lang = spans[i]
                if sent_lang != lang:
                    continue
                found = [Found(start + m.start(), start + m.end(), "trigger", name, m.group(0))
                         for m in pattern.finditer(low[start:end])]
                known = {(f.start, f.end) for f in out[i].get(name, ())}
                for f in found:
                    if (f.start, f.end) not in known:
                        out[i].setdefault(name, []).append(f)
                if name in out[i]:
                    out[i][name].sort(key=lambda f: f.start)
    return out


# -- what the knowledge base says once, not per sentence ------------------------------------------

_KB_INDEX: "weakref.WeakKeyDictionary[KB, _KBIndex]" = weakref.WeakKeyDictionary()


@dataclass
class _KBIndex:
    city_of_state: dict[str, str]  # a state whose capital bears its name: DJ → djibouti-city


def _kb_index(kb: KB) -> _KBIndex:
    index = _KB_INDEX.get(kb)
    if index is None:
        names: dict[str, set[str]] = {}
        for entity in kb.entities.values():
            if entity.type is EntityType.STATE:
                names[entity.id] = {fold(n) for _, n in entity.all_names()}
        cities = {}
        for entity in kb.entities.values():
            if entity.type is EntityType.PLACE and entity.country in names:
                if {fold(n) for _, n in entity.all_names()} & names[entity.country]:
                    cities[entity.country] = entity.id
        index = _KB_INDEX[kb] = _KBIndex(cities)
    return index


def _body_of(kb: KB, meeting: str) -> str | None:
    entity = kb.entities.get(meeting)
    if entity is not None and entity.parent in _BODIES:
        return entity.parent
    return "OIC/summit" if "/summit" in meeting else "OIC/cfm" if "/cfm" in meeting else None


# -- helpers ------------------------------------------------------------------------------------


def _date(found: Found | None) -> tuple[Date | None, Date | None]:
    if found is None:
        return None, None
    d = found.value
    return d.get("start"), d.get("end")


def _usable_dates(sent: Sentence, lo: int | None = None, hi: int | None = None) -> list[Found]:
    return [d for d in sent.dates if d.value.get("start") is not None
            and (lo is None or d.start >= lo) and (hi is None or d.end <= hi)]


_ADJECTIVE_COUNT = re.compile(r"\d+-")  # the 57-member OIC: a count inside a noun phrase states no clause


def _predicate_triggers(sent: Sentence, lo: int | None = None, hi: int | None = None) -> list[Found]:
    found = [t for name in PREDICATE_TRIGGERS for t in sent.triggers.get(name, ())
             if not (name == "count_members" and _ADJECTIVE_COUNT.match(t.text))] + sent.hedged
    return sorted((t for t in found if (lo is None or t.start >= lo) and (hi is None or t.end <= hi)),
                  key=lambda t: t.start)


def _owner(sent: Sentence, item: Found) -> Found | None:
    """The trigger a date or place belongs to: the nearest one before it in Russian and English
    (founded in 1969; counts 57 today), after it in Kazakh (1995 жылы ... мүше болды)."""
    key = (item.start, item.end)
    if key in sent._owners:
        return sent._owners[key]
    lo, hi = sent.clause_of(item.start)
    found = [t for t in _predicate_triggers(sent, lo, hi) if t.end <= item.start or t.start >= item.end]
    before = [t for t in found if t.end <= item.start]
    after = [t for t in found if t.start >= item.end]
    first, second = (after, before) if sent.lang == "kk" else (before, after)
    owner = None
    if first:
        owner = first[0] if first is after else first[-1]
    elif second:
        owner = second[0] if second is after else second[-1]
    sent._owners[key] = owner
    return owner


def _belongs_to(sent: Sentence, item: Found, trig: Found) -> bool:
    owner = _owner(sent, item)
    return owner is None or (owner.start < trig.end and trig.start < owner.end)


def _owned(sent: Sentence, items: list[Found], trig: Found) -> list[Found]:
    return [i for i in items if _belongs_to(sent, i, trig)]


def _chains(items: list[Found], sent: Sentence) -> list[list[Found]]:
    """Runs of mentions joined only by commas and `and` (Ресей, Босния және Герцеговина, Тайланд),
    a bracketed apposition of the one before allowed (Bosnia and Herzegovina (since 1994), Thailand)."""
    chains: list[list[Found]] = []
    for item in items:
        if chains and chains[-1][-1].end <= item.start and \
                _LIST_GLUE.match(sent.low[chains[-1][-1].end - sent.start:item.start - sent.start]):
            chains[-1].append(item)
        else:
            chains.append([item])
    return chains


def _apposition_dates(sent: Sentence, mention: Found) -> tuple[Date | None, Date | None] | None:
    """The year or years in brackets right after a name: `(since 1994)`, `(1996)`, `(2016-2021)`."""
    rest = sent.text[mention.end - sent.start:]
    m = re.match(r"\s*\(([^()]*)\)", rest)
    if not m:
        return None
    lo, hi = mention.end + m.start(1), mention.end + m.end(1)
    inside = _usable_dates(sent, lo, hi)
    if len(inside) == 1:
        d = inside[0].value
        if d["kind"] in ("since", "date", "in"):
            return d["start"], None
        if d["kind"] == "range":
            return d["start"], d.get("end")
    # a bare year in brackets after a name is the year of the statement about it
    years = _YEAR_RANGE.match(m.group(1))
    if years:
        first, _, last = years.groups()
        try:
            return Date(int(first)), Date(int(last)) if last else None
        except ValueError:
            return None
    return None


def _gapped(sent: Sentence, after: int, hi: int, subjects: list[Found],
            objects: Callable[[int, int], list[Found]]) -> Iterator[tuple[Found, Found]]:
    """Pairs of a subject and what follows it after a verb left out: `, Guyana in 1998 and Togo in
    1997`, `, Казахстан — в 1995-м`, `, SESRIC in Ankara`; they repeat the predicate before them."""
    pos = after
    for subject in sorted(subjects, key=lambda s: s.start):
        if subject.start < pos or subject.end > hi:
            continue
        if not _LIST_GLUE.match(sent.low[pos - sent.start:subject.start - sent.start]):
            return
        rest = sent.low[subject.end - sent.start:hi - sent.start]
        gap = re.match(r"\s*(?:[—–-]\s*)?(?:(?:in|at|on|в|во)\s+)?", rest)
        at = subject.end + gap.end()
        obj = next((o for o in objects(at, hi) if o.start == at), None)
        if obj is None:
            return
        yield subject, obj
        pos = obj.end


def _topic(sent: Sentence, lo: int | None = None, hi: int | None = None) -> str | None:
    """The organisation a clause speaks of: one it names, else the document's topic."""
    named = sent.entities(EntityType.ORGANISATION, lo=lo, hi=hi)
    return named[0].value if named else sent.topic


def _joined_topic(sent: Sentence, lo: int, hi: int) -> str | None:
    """The organisation a state joined or left, as `_topic` gives it — but none where the clause names no
    organisation the knowledge base knows and names another (`вступил в ВТО`, `ДСҰ-ға мүше болды`,
    `a member of the Shanghai Cooperation Organisation`): that statement is of another body."""
    if sent.entities(EntityType.ORGANISATION, lo=lo, hi=hi):
        return _topic(sent, lo, hi)
    return None if _names_unknown_body(sent, lo, hi) else sent.topic


def _names_unknown_body(sent: Sentence, lo: int, hi: int) -> bool:
    """Does the clause name a body the knowledge base does not know: an acronym no mention covers (ВТО,
    ДСҰ, CICA), an organisation's noun after a capitalised word no mention covers (Шанхайская
    организация, the Shanghai Cooperation Organisation), an institution's noun?"""
    spans = [(m.start, m.end) for m in sent.mentions if m.end > lo and m.start < hi]

    def covered(at: int) -> bool:
        return any(a <= at < b for a, b in spans)

    base = sent.start
    for m in _UNLINKED_ACRONYM.finditer(sent.text, lo - base, hi - base):
        if not covered(base + m.start()):
            return True
    for m in _phrase(sent.lang, "organisation_noun", "PHRASE").finditer(sent.low, lo - base, hi - base):
        if covered(base + m.start()):
            continue
        before = _WORD_BEFORE.search(sent.text, max(0, m.start() - 40), m.start())
        if before and before.group(1)[:1].isupper() and before.group(1).lower() != "the" \
                and not covered(base + before.start(1)):
            return True
    return any(lo <= t.start < hi for t in sent.triggers.get("institution_noun", []))


_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\s+\Z")


def _meeting_body(sent: Sentence, meeting_id: str) -> str:
    entity = sent.kb.entities.get(meeting_id)
    if entity is not None and entity.parent and entity.parent not in _BODIES:
        return entity.parent  # a meeting of another series (the science summit is the OIC's own)
    return _body_of(sent.kb, meeting_id) or "OIC/cfm"


def _oic_meetings(sent: Sentence) -> list[Found]:
    return [m for m in sent.entities(EntityType.MEETING) if str(m.value).startswith("OIC/")]


def _meeting_named(sent: Sentence, at: int) -> Found | None:
    """The meeting a statement at `at` speaks of: the nearest one the sentence names, else the one a
    common noun points back to (Сессияны Қазақстан қабылдап отыр; на сессии)."""
    return sent.nearest(_oic_meetings(sent), at) or sent.nearest(sent.refs, at)


def _states_as_places(sent: Sentence, lo: int, hi: int) -> list[Found]:
    """States named where a city is meant: `в Джибути`, `Джибутиде өткен` — the capital that bears
    the state's name (a state is not a place a session is held in)."""
    cities = _kb_index(sent.kb).city_of_state
    out = []
    for state in sent.entities(EntityType.STATE, lo=lo, hi=hi):
        city = cities.get(state.value)
        if city is None:
            continue
        before = sent.low[max(0, state.start - sent.start - 6):state.start - sent.start]
        if (sent.lang == "kk" and _KK_LOCATIVE.search(state.text.lower())) or \
                (sent.lang != "kk" and _BEFORE_LOCATIVE.search(before)):
            out.append(Found(state.start, state.end, EntityType.PLACE.value, city, state.text))
    return out


def _office_phrase(sent: Sentence) -> str | None:
    return _office_phrase_in(sent.lang, sent.low, sent.kb)


def _office_phrase_in(lang: str, low: str, kb: KB) -> str | None:
    for office, pattern in _office_phrases(lang):
        if pattern.search(low) and office in kb.entities:
            return office
    return None


# -- words that point back -----------------------------------------------------------------------


def elided_meetings(sent: Sentence, ordinals: list[Found]) -> list[Found]:
    """Meetings named by an ordinal whose noun or body is left out: `the 38th session` in a text about
    the CFM, `38-сессиядан`, and lists `the 37th in Dushanbe (...), the 38th in Astana (...)`,
    `43-я сессия СМИД ..., а 48-я — ...` after a meeting or the body's sessions were named."""
    if not ordinals:
        return []
    kb = sent.kb
    mentions = sorted(sent.mentions, key=lambda m: m.start)
    session_after, summit_after = _anchored(sent.lang, "session_word"), _anchored(sent.lang, "summit_word")
    session_any = triggers(sent.lang).get("session_word")
    out: list[Found] = []
    for ordinal in ordinals:
        if any(m.start <= ordinal.start < m.end for m in mentions):
            continue
        rest = sent.low[ordinal.end - sent.start:]
        earlier = [m for m in mentions + out if m.kind == EntityType.MEETING._value_ and m.end <= ordinal.start
                   and str(m.value).startswith("OIC/")]
        organs = [m for m in mentions if m.kind == EntityType.ORGAN._value_ and m.value in _BODIES
                  and m.end <= ordinal.start]
        noun = summit_after.match(rest) if summit_after else None
        is_summit = noun is not None
        noun = noun or (session_after.match(rest) if session_after else None)
        if noun is not None:
            end = ordinal.end + noun.end()
            if _names_other_body(sent, end):
                continue
            if is_summit:
                prefix = "OIC/summit"
            elif earlier:
                prefix = _meeting_body(sent, earlier[-1].value)
            elif organs:
                prefix = organs[-1].value
            else:
                prefix = sent.discourse.body
        elif _ELIDED_NEXT.match(rest) and _ELIDED_BEFORE.search(sent.low[:ordinal.start - sent.start]):
            end = ordinal.end
            if earlier:
                prefix = earlier[-1].value.rsplit("/", 1)[0]
            elif organs and session_any and session_any.search(sent.low[:ordinal.start - sent.start]):
                prefix = organs[-1].value
            else:
                continue
        else:
            continue
        ident = f"{prefix}/{ordinal.value}" if prefix else None
        if ident in kb.entities:
            words = sent.text[ordinal.start - sent.start:end - sent.start]
            out.append(Found(ordinal.start, end, EntityType.MEETING.value, ident, words))
    return out


_MEETINGS_BY_BODY: "weakref.WeakKeyDictionary[KB, dict]" = weakref.WeakKeyDictionary()


def _meetings_by_body(kb: KB) -> dict[str | None, dict[str | None, list]]:
    """The knowledge base's meetings by the organ they are meetings of, then by city (None: all)."""
    index = _MEETINGS_BY_BODY.get(kb)
    if index is None:
        index = {}
        for row in kb.meetings():
            by_city = index.setdefault(row.organ.id if row.organ else None, {})
            by_city.setdefault(None, []).append(row)
            if row.city is not None:
                by_city.setdefault(row.city.id, []).append(row)
        _MEETINGS_BY_BODY[kb] = index
    return index


def _overlaps_dates(row, found: Found) -> bool:
    first, last = found.value.get("start"), found.value.get("end") or found.value.get("start")
    if first is None or row.start is None:
        return False
    return first.earliest <= (row.end or row.start).latest and row.start.earliest <= last.latest


# A summit "on science and technology" is a meeting of its own series, not the Islamic Summit of that
# number: the words after the summit (en, ru) or before it (kk) name the theme.
_SCIENCE_AFTER = r"^\W*(?:[\w()]+\s+){0,6}?(?:PHRASE)"
_SCIENCE_BEFORE = r"(?:PHRASE)\s+(?:\w+\s+){0,2}$"
_THEME_AFTER = r"^\W*(?:\w+\s+){0,3}?(?:PHRASE)"
_THEME_BEFORE = r"(?:PHRASE)\s*$"


def themed_summits(sent: Sentence) -> None:
    """Read `the 1st OIC Summit on Science and Technology` (`ғылым және технологиялар жөніндегі бірінші
    саммиті`) as `OIC/st-summit/1`, not as the 1st Islamic Summit; a themed summit the knowledge base
    lacks is no meeting at all."""
    changed = False
    mentions = []
    for m in sent.mentions:
        if m.kind == EntityType.MEETING._value_ and str(m.value).startswith("OIC/summit/"):
            after = sent.low[m.end - sent.start:m.end - sent.start + 120]
            before = sent.low[max(0, m.start - sent.start - 80):m.start - sent.start]
            themed = sent.discourse.themed.get(m.value)
            if themed is None and (_phrase(sent.lang, "science_after", _SCIENCE_AFTER).match(after)
                                   or _phrase(sent.lang, "science_before", _SCIENCE_BEFORE).search(before)):
                themed = "OIC/st-summit/" + str(m.value).rsplit("/", 1)[1]
                # the text speaks of that summit: `the first OIC Summit` after it is the same one
                sent.discourse.themed[m.value] = themed
            if themed is not None:
                changed = True
                if themed in sent.kb.entities:
                    mentions.append(m._replace(value=themed))
                continue
        mentions.append(m)
    if changed:
        sent.mentions = mentions


def placed_meetings(sent: Sentence) -> list[Found]:
    """Meetings named by their body, place and time but no number: `the OIC summit in Istanbul in April
    2016`, `the last CFM held in Niamey in 2020`, `внеочередной сессии СМИД в Мекке`. The knowledge
    base's meetings of that body held in that city (or hosted by that state) at that time; one, or none."""
    nouns = [(t, "OIC/summit") for t in sent.triggers.get("summit_word", ())] + \
            [(t, "OIC/cfm") for t in sent.triggers.get("session_word", ())]
    nouns += [(m, m.value) for m in sent.entities(EntityType.ORGAN) if m.value in _BODIES
              and not any(n.start - 40 <= m.start <= n.end + 60 for n, _ in nouns)]
    if not nouns:
        return []
    linked = [m for m in sent.mentions if m.kind == EntityType.MEETING._value_]
    out: list[Found] = []
    nouns.sort(key=lambda n: n[0].start)
    heads = [n for n, _ in nouns]

    def mine(item: Found, noun: Found) -> bool:  # a place or a date goes with the noun nearest to it
        return sent.nearest(heads, item.start) is noun

    for noun, body in nouns:
        lo, hi = sent.clause_of(noun.start)
        if any(m.start - 60 <= noun.start <= m.end + 40 for m in linked + out):
            continue
        if body == "OIC/cfm":
            organs = [m for m in sent.entities(EntityType.ORGAN, lo=lo, hi=hi) if m.value == "OIC/cfm"]
            if not organs and not _phrase(sent.lang, "ministers").search(sent.low[lo - sent.start:hi - sent.start]):
                continue
        elif not (sent.entities(EntityType.ORGANISATION, lo=lo, hi=hi) or sent.topic == "OIC"):
            continue
        after, before = sent.low[noun.end - sent.start:hi - sent.start], sent.low[lo - sent.start:noun.start - sent.start]
        if _names_other_body(sent, noun.end) or _phrase(sent.lang, "theme_after", _THEME_AFTER).search(after[:60]) \
                or _phrase(sent.lang, "theme_before", _THEME_BEFORE).search(before[-40:]):
            continue
        cities = {p.value for p in sent.entities(EntityType.PLACE, lo=lo, hi=hi) + _states_as_places(sent, lo, hi)
                  if mine(p, noun)}
        dates = [d for d in sent.dates if lo <= d.start < hi and d.value.get("start") is not None and mine(d, noun)]
        if not cities and not dates:
            continue
        by_city = _meetings_by_body(sent.kb).get(body, {})
        rows = [r for city in cities for r in by_city.get(city, ())] if cities else by_city.get(None, [])
        if dates:
            rows = [r for r in rows if any(_overlaps_dates(r, d) for d in dates)]
        if _phrase(sent.lang, "extraordinary").search(sent.low[max(lo, noun.start - 40) - sent.start:noun.end - sent.start]):
            rows = [r for r in rows if r.kind == "extraordinary"]
        if len(rows) > 1 and sent.doc_time is not None:
            near = [r for r in rows if r.start is not None and abs(r.start.earliest.toordinal() - sent.doc_time.earliest.toordinal()) <= 62]
            rows = near or rows
        if len(rows) == 1:
            out.append(Found(noun.start, noun.end, EntityType.MEETING._value_, rows[0].meeting.id, noun.text))
    return out


def _names_other_body(sent: Sentence, at: int) -> bool:
    """`the 2nd session of the UN General Assembly`: a session of a body that is not the OIC's."""
    window = sent.low[at - sent.start:at - sent.start + 40]
    for m in sent.mentions:
        if at <= m.start < at + len(window) and m.kind in (EntityType.ORGANISATION._value_, EntityType.ORGAN._value_):
            return not (m.value == "OIC" or m.value in _BODIES)
    return False


def meeting_refs(sent: Sentence) -> list[Found]:
    """Meetings a common noun points back to: `the session`, `на сессии`, `Сессияны`, `саммитте`."""
    out = []
    for name, target in (("session_ref", sent.discourse.meeting), ("summit_ref", sent.discourse.summit)):
        if target is None:
            continue
        for trig in sent.triggers.get(name, ()):
            if not any(m.start < trig.end and trig.start < m.end for m in sent.mentions):
                meant = target
                if name == "summit_ref" and _capitalised_inside(sent, trig):
                    meant = sent.discourse.first_summit or target
                out.append(Found(trig.start, trig.end, EntityType.MEETING.value, meant, trig.text))
    return out


def _capitalised_inside(sent: Sentence, trig: Found) -> bool:
    """`the Summit` with a capital inside a sentence: the text's own summit, the one it named first."""
    words = list(re.finditer(r"\w+", sent.text[trig.start - sent.start:trig.end - sent.start]))
    at = trig.start - sent.start + (words[-1].start() if words else 0)  # the noun: the trigger's last word
    # not the sentence's first word, whose capital says nothing
    return sent.text[at].isupper() and re.search(r"\w", sent.text[:at]) is not None


# -- rules --------------------------------------------------------------------------------------

Rule = Callable[[Sentence], Iterator[Claim]]
RULES: list[tuple[str, Rule]] = []
RULE_NEEDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
"""For a rule that states nothing without one of some triggers or of some kinds of mention, those
triggers and kinds: a sentence with none of them is not given to it, and its dates are not read for
it (most sentences with a trigger have one or two)."""


def rule(name: str, *, triggers: tuple[str, ...] = (), mentions: tuple[EntityType, ...] = ()):
    def register(fn: Rule) -> Rule:
        RULES.append((name, fn))
        if triggers or mentions:
            RULE_NEEDS[name] = (frozenset(triggers), frozenset(kind.value for kind in mentions))
        return fn
    return register


def may_run(needs: tuple[frozenset[str], frozenset[str]] | None, triggers, kinds) -> bool:
    """Can a rule with these needs (None: none declared) state anything of a sentence with these
    trigger names and kinds of mention?"""
    return needs is None or not needs[0].isdisjoint(triggers) or not needs[1].isdisjoint(kinds)


def _joins_organisation(sent: Sentence, trig: Found, lo: int, hi: int) -> bool:
    """A weak membership verb (joined, қосылды, присоединился к) counts where what is joined is an
    organisation — in the dative in Kazakhstan (ұйымға, ИКҰ-ға), right after the verb in Russian and
    English (к ОИС, joined the OIC) — or where nothing is joined at all (Togo joined in 1997); not
    `пікірге қосылды` (agreed with an opinion), `joined the talks`."""
    organisations = sent.entities(EntityType.ORGANISATION, lo=lo, hi=hi) + \
        [t for t in sent.triggers.get("org_word", []) if lo <= t.start < hi]
    if sent.lang == "kk":
        return any(_KK_DATIVE.search(o.text.lower()) for o in organisations)
    rest = sent.low[trig.end - sent.start:hi - sent.start]
    at = trig.end + re.match(r"\s*(?:the\s+)?", rest).end()
    if any(o.start == at for o in organisations):
        return True
    if sent.lang != "en":
        return False
    if re.match(r"\s*(?:[,.;]|$)", rest):
        return True
    at = trig.end + re.match(r"\s*(?:(?:in|on)\s+)?", rest).end()
    return any(d.start == at for d in sent.dates)


@rule("member_of.v2", triggers=("member", "member_weak"))
def membership(sent: Sentence) -> Iterator[Claim]:
    """A state joined (or was admitted to, or is a member of) the organisation, maybe with a date; a
    list of states shares the trigger, and `, Guyana in 1998` after it repeats it."""
    states = sent.entities(EntityType.STATE)
    found = [(t, False) for t in sent.triggers.get("member", [])] + [(t, True) for t in sent.triggers.get("member_weak", [])]
    for trig, weak in found:
        lo, hi = sent.clause_of(trig.start)
        if weak and not _joins_organisation(sent, trig, lo, hi):
            continue
        near = [s for s in states if lo <= s.start < hi]
        subject = sent.nearest(near, trig.start, side="before") or sent.nearest(near, trig.end, side="after", limit=40)
        if subject is None:
            continue
        chain = next((c for c in _chains(near, sent) if subject in c), [subject])
        dates = _owned(sent, _usable_dates(sent, lo, hi), trig)
        date = sent.nearest(dates, trig.start)
        start, _ = _date(date)
        organisation = _joined_topic(sent, lo, hi)
        if organisation is None:
            continue
        for state in chain:
            yield sent.claim("member_of.v2", subject=state.value, predicate="member_of", object=organisation,
                             start=start, qualifiers={"status": "member"})
        after = max(x.end for x in [trig, chain[-1]] + ([date] if date else []))
        # a dash standing for the verb left out does not end the clause here (Казахстан — в 1995 году)
        _, far = sent.clause_of(trig.start, dashes=False)
        for state, year in _gapped(sent, after, far, states, lambda a, b: _usable_dates(sent, a, b)):
            yield sent.claim("member_of.v2", subject=state.value, predicate="member_of", object=organisation,
                             start=year.value["start"], qualifiers={"status": "member"})


@rule("members_among.v1", triggers=("members_among", "member_noun"))
def members_among(sent: Sentence) -> Iterator[Claim]:
    """States a text counts among the members without a verb: `Turkey, Qatar and other member states`
    (every state of the clause before the words), `Қазақстанның ИЫҰ-ға мүшелігі` (the state in the
    genitive before the membership's noun, where nothing suspends or restores it)."""
    states = [s for s in sent.entities(EntityType.STATE) if not _alongside(sent, s)]
    for trig in sent.triggers.get("members_among", []):
        lo, hi = sent.clause_of(trig.start)
        organisation = _topic(sent, lo, hi)
        if organisation is None:
            continue
        for state in [s for s in states if lo <= s.start and s.end <= trig.start]:
            yield sent.claim("members_among.v1", subject=state.value, predicate="member_of", object=organisation,
                             qualifiers={"status": "member"})
    for trig in sent.triggers.get("member_noun", []):
        lo, hi = sent.clause_of(trig.start)
        if any(sent.triggers.get(t) for t in ("suspended", "restored")) or sent.hedged:
            continue
        organisations = sent.entities(EntityType.ORGANISATION, lo=lo, hi=trig.end)
        state = sent.nearest([s for s in states if lo <= s.start and s.end <= trig.start
                              and s.text.lower().endswith(("ның", "нің", "дың", "дің", "тың", "тің"))], trig.start)
        if state is None or not organisations:
            continue
        yield sent.claim("members_among.v1", subject=state.value, predicate="member_of",
                         object=organisations[-1].value, qualifiers={"status": "member"})


@rule("observer.v2", triggers=("observer",))
def observers(sent: Sentence) -> Iterator[Claim]:
    """States listed as observers (Ресей, Босния және Герцеговина, Тайланд бақылаушы ретінде; observer
    states: Bosnia and Herzegovina (since 1994), Thailand (1998)), each with the year it is given."""
    states = sent.entities(EntityType.STATE)
    for trig in sent.triggers.get("observer", []):
        lo, hi = sent.clause_with_list(trig.start, trig.end)
        chains = _chains([s for s in states if lo <= s.start < hi], sent)
        chosen = None
        # `имеет ... статус наблюдателя`, `в качестве страны-наблюдателя`, `has observer status`: the status
        # named as such, whose holder is the clause's state however far before it
        status = _phrase(sent.lang, "observer_status_before", "(?:PHRASE)$").search(
            sent.low[max(0, trig.start - sent.start - 40):trig.start - sent.start]) or \
            _phrase(sent.lang, "observer_status_after", "^(?:PHRASE)").match(sent.low[trig.end - sent.start:][:30])
        for chain in chains:
            gap = sent.low[chain[-1].end - sent.start:trig.start - sent.start] if chain[-1].end <= trig.start else None
            if gap is not None and re.fullmatch(r"\s*,\s*(?:an?\s+|the\s+)?", gap):
                chosen = [chain[-1]]  # an apposition of one name: the Turkish Cypriot State, an observer since 1979
            elif gap is not None and (sent.words_between(chain[-1].end, trig.start) <= 4 or status):
                chosen = chain
            elif sent.lang != "kk" and chain[0].start >= trig.end and sent.words_between(trig.end, chain[0].start) <= 6:
                chosen = chosen or chain
        if not chosen:
            continue
        dates = [d for d in _owned(sent, _usable_dates(sent, lo, hi), trig)
                 if not any(d.start >= s.end and _apposition_dates(sent, s) for s in chosen)]
        shared = sent.nearest(dates, trig.start)
        organisation = _joined_topic(sent, lo, hi)
        if organisation is None:
            continue
        for state in chosen:
            own = _apposition_dates(sent, state)
            start = own[0] if own else _date(shared)[0]
            yield sent.claim("observer.v2", subject=state.value, predicate="member_of", object=organisation,
                             start=start, qualifiers={"status": "observer"})
        # Russia has been an observer since 2005, and Thailand since 1998
        if shared is not None and shared.start > trig.end:
            _, far = sent.clause_of(trig.start, dashes=False)
            for state, year in _gapped(sent, shared.end, far, states, lambda a, b: _usable_dates(sent, a, b)):
                yield sent.claim("observer.v2", subject=state.value, predicate="member_of", object=organisation,
                                 start=year.value["start"], qualifiers={"status": "observer"})


@rule("member_status.v1", triggers=("suspended", "restored"))
def suspension(sent: Sentence) -> Iterator[Claim]:
    """A membership suspended (тоқтатылды, приостановлено, suspended) or restored (қалпына келтірді,
    восстановлено, restored): the state's status from that date."""
    states = sent.entities(EntityType.STATE)
    for name, status in (("suspended", "suspended"), ("restored", "member")):
        for trig in sent.triggers.get(name, []):
            lo, hi = sent.clause_of(trig.start)
            words = [t for t in sent.triggers.get("membership", []) if lo <= t.start < hi]
            if words:
                word = min(words, key=lambda t: abs(t.start - trig.start))
                state = sent.nearest([s for s in states if lo <= s.start < hi], word.start, limit=30)
            else:
                # `Egypt suspended from OIC`, `Egypt readmitted`: the state right before the verb, suspended
                # from the organisation the verb names, or readmitted (a word that says membership)
                state = sent.nearest([s for s in states if lo <= s.start < trig.start
                                      and sent.words_between(s.end, trig.start) <= 2], trig.start, side="before")
                if state is None or not (name == "restored" and _phrase(sent.lang, "readmitted").match(trig.text)
                                         or _phrase(sent.lang, "suspended_from", "^(?:PHRASE)").match(
                                             sent.low[trig.end - sent.start:][:40])):
                    continue
            organisation = _joined_topic(sent, lo, hi)
            if state is None or organisation is None:
                continue
            date = sent.nearest(_owned(sent, _usable_dates(sent, lo, hi), trig), trig.start)
            yield sent.claim("member_status.v1", subject=state.value, predicate="member_of", object=organisation,
                             start=_date(date)[0], qualifiers={"status": status})


@rule("member_count.v2", triggers=("count_members", "count_observers"))
def member_count(sent: Sentence) -> Iterator[Claim]:
    """`57 мүше мемлекет`, `насчитывает 57 членов`, `counted 54 member states`: a count, dated only by
    a date of its own (not `founded in 1969, now counts 57`) and never when it says `now`."""
    present = bool(sent.triggers.get("present"))
    for name, status in (("count_members", "member"), ("count_observers", "observer")):
        for trig in sent.triggers.get(name, []):
            number = sent.nearest([n for n in sent.numbers if trig.start <= n.start < trig.end], trig.start)
            if number is None:
                continue
            lo, hi = sent.clause_of(trig.start)
            start = None
            if not present:
                # A count's date stands right beside it (2001 жылы ... 56 мемлекет; in December 1996, ... 54);
                # a date further off in a long sentence belongs to another statement.
                dated = [d for d in _owned(sent, _usable_dates(sent, lo, hi), trig) if d.value["kind"] in ("date", "in")
                         and sent.words_between(*sorted((d.end, trig.start))) <= 4]
                start, _ = _date(sent.nearest(dated, trig.start))
            organisation = _topic(sent, None, None)
            if organisation is None or _counts_other_body(sent, trig, lo, hi):
                continue
            yield sent.claim("member_count.v2", subject=organisation, predicate="member_count",
                             value=str(number.value), start=start,
                             qualifiers={"status": status, "qualifier": "more_than" if _lower_bound(sent, number) else None})


_PARTICIPLE_COUNT = {"en": re.compile(r"^(?:uniting|bringing|consisting|comprising|composed|made|including)\b"),
                     "ru": re.compile(r"^(?:объединяющ|включающ|насчитывающ)\w*"),
                     "kk": re.compile(r"(?:етін|атын|йтін|итін|тін|тын|ген|ған|қан|кен)$")}


def _counts_other_body(sent: Sentence, trig: Found, lo: int, hi: int) -> bool:
    """A count of another body's states: `CICA, a platform uniting 24 countries`, `құрамына 32 ел кіретін
    азық-түлік қоры`. A participle counts the noun it stands beside (before it in Russian and English,
    after it in Kazakh), which must then be the organisation; otherwise a clause that names another body
    or an institution's noun, and not the organisation, counts that body's."""
    words = trig.text.lower().split()
    if sent.lang == "kk":  # the verb ends the trigger or follows it: құрамына 32 ел кіретін
        near = words[-1:] + sent.low[trig.end - sent.start:].split()[:1]
    else:  # it opens the trigger: uniting 24 countries
        near = words[:1]
    participle = any(_PARTICIPLE_COUNT[sent.lang].search(w) for w in near)
    if participle:  # the noun it stands beside may be in the clause before (OIC (…), founded in 1969, consisting of)
        lo, hi = sent.start, sent.end
    ours = [m for m in sent.mentions if lo <= m.start < hi and (m.value == "OIC" or m.value in _BODIES)]
    others = [m.start for m in sent.mentions if lo <= m.start < hi and m not in ours and m.kind in (
        EntityType.ORGANISATION._value_, EntityType.ORGAN._value_)] + \
        [t.start for t in sent.triggers.get("institution_noun", []) if lo <= t.start < hi]
    if participle:
        # the noun the participle stands beside: the organisation, with no other body's name between
        if sent.lang == "kk":
            mine = next((m for m in ours if m.start >= trig.end), None)
            return mine is None or any(trig.end <= o < mine.start for o in others)
        mine = next((m for m in reversed(ours) if m.end <= trig.start), None)
        if mine is None or any(mine.end <= o < trig.start for o in others):
            return True
        # a name the KB does not know between them is the noun's (praised CICA, a platform uniting)
        gap = sent.text[mine.end - sent.start:trig.start - sent.start]
        return any(w[:1].isupper() for w in re.findall(r"\w+", gap) if not w.isdigit())
    # a clause that names no organisation the knowledge base knows but another (ШОС объединяет 8
    # государств) counts that body's states
    return not ours and (bool(others) or not sent.entities(EntityType.ORGANISATION, lo=lo, hi=hi)
                         and _names_unknown_body(sent, lo, hi))


def _lower_bound(sent: Sentence, number: Found) -> bool:
    """A count given as a lower bound: `over 55`, `более 60`, `50-ден астам`."""
    before = sent.low[max(0, number.start - sent.start - 16):number.start - sent.start]
    after = sent.low[number.end - sent.start:number.end - sent.start + 16]
    return bool(_phrase(sent.lang, "more_than_before", "(?:PHRASE)$").search(before)
                or _phrase(sent.lang, "more_than_after", "^(?:PHRASE)").match(after))


@rule("founded.v3", triggers=("founded", "founded_weak"))
def founded(sent: Sentence) -> Iterator[Claim]:
    """When and where a body was founded; the date and the place are the trigger's own (not those of
    `is headquartered in Casablanca` after it). A verb of many meanings (formed, to establish) founds
    only the body it has as its object (formed the OIC) or as its subject (the OIC was formed)."""
    found = [(t, False) for t in sent.triggers.get("founded", [])] + [(t, True) for t in sent.triggers.get("founded_weak", [])]
    for trig, weak in found:
        lo, hi = sent.clause_of(trig.start, dashes=False)  # ИСЕСКО — организация, учрежденная ...
        bodies = [b for b in sent.entities(EntityType.ORGANISATION, EntityType.ORGAN, lo=lo, hi=hi)
                  if not _founder(sent, trig, b) and not _precursor_of(sent, b)]
        if weak:
            bodies = [b for b in bodies if b.start >= trig.end and re.fullmatch(r"\s*(?:the\s+)?", sent.low[
                trig.end - sent.start:b.start - sent.start]) or b.end <= trig.start and re.fullmatch(
                r"\s*(?:was|were|is|has\s+been)\s+", sent.low[b.end - sent.start:trig.start - sent.start])]
            if not bodies:
                continue
        subject = sent.nearest(bodies, trig.start, side="before") or sent.nearest(bodies, trig.end, side="after", limit=60)
        # an infobox's field (|established_date1 = ...) is of the entity the infobox is about
        field = trig.text.endswith(tuple("0123456789")) or "_date" in trig.text
        subject_id = subject.value if subject else (sent.topic if _pronoun_start(sent) or field else None)
        if subject_id is None:
            continue
        date = sent.nearest(_owned(sent, _usable_dates(sent, lo, hi), trig), trig.start)
        place = sent.nearest(_owned(sent, sent.entities(EntityType.PLACE, lo=lo, hi=hi), trig), trig.start)
        if date is None and place is None:
            continue
        start, _ = _date(date)
        yield sent.claim("founded.v3", subject=subject_id, predicate="founded", start=start,
                         qualifiers={"place": place.value if place else None})


_AGENT_BEFORE = r"\b(?:PHRASE)\s+$"


def _precursor_of(sent: Sentence, body: Found) -> bool:
    """`the nucleus of what was to become the ICECS, set up in 1974`: what was founded is a forerunner."""
    before = sent.low[max(0, body.start - sent.start - 60):body.start - sent.start]
    return bool(_phrase(sent.lang, "precursor_before", "(?:PHRASE)$").search(before))


def _founder(sent: Sentence, trig: Found, body: Found) -> bool:
    """`founded by the OIC`, `учрежденная Организацией «Исламская конференция»`: the body that founded,
    not the one founded."""
    if body.start < trig.end or sent.words_between(trig.end, body.start) > 3:
        return False
    gap = sent.low[trig.end - sent.start:body.start - sent.start]
    if _phrase(sent.lang, "agent_before", _AGENT_BEFORE).search(gap):
        return True
    return sent.lang == "ru" and _instrumental(body.text)


def _instrumental(phrase: str) -> bool:
    """A Russian phrase whose first word may be in the instrumental case (Организацией)."""
    from yntymaq.text.morph_ru import analyzer

    first = re.match(r"\w+", phrase)
    return bool(first) and any(p.tag.case == "ablt" for p in analyzer().parse(first.group()))


def _pronoun_start(sent: Sentence) -> bool:
    return bool(triggers(sent.lang).get("pronoun") and triggers(sent.lang)["pronoun"].match(sent.low))


@rule("named.v1", triggers=("named",))
def renamed(sent: Sentence) -> Iterator[Claim]:
    """A name and when it held: `2011 жылғы 28 маусымға дейін ... Ислам конференциясы ұйымы деп аталды`."""
    for trig in sent.triggers.get("named", []):
        lo, hi = sent.clause_of(trig.start)
        names = [m for m in sent.entities(EntityType.ORGANISATION, lo=lo, hi=hi)]
        quoted = _quoted_name(sent, lo, hi)
        name = sent.nearest(names, trig.start, side="before") if sent.lang == "kk" else \
            (sent.nearest(names, trig.end, side="after") or sent.nearest(names, trig.start, side="before"))
        if name is None:
            continue
        value = quoted or _canonical_name(sent, name)
        if value is None and name.start >= trig.end:
            # `renamed the OIC / Organization of Islamic Cooperation`: an abbreviation, then the name
            spelled = [m for m in names if m.start > name.start and sent.words_between(name.end, m.start) <= 2]
            if spelled:
                name, value = spelled[0], _canonical_name(sent, spelled[0])
        if value is None:
            continue
        until = [d for d in _usable_dates(sent, lo, hi) if d.value["kind"] == "until"]
        start = end = None
        if until:
            end = until[0].value["start"]
        else:
            dated = sent.nearest(_usable_dates(sent, lo, hi), trig.start)
            start, _ = _date(dated)
        yield sent.claim("named.v1", subject=name.value, predicate="named", value=value, start=start, end=end,
                         qualifiers={"lang": sent.lang})


def _quoted_name(sent: Sentence, lo: int, hi: int) -> str | None:
    m = re.search(r"[«\"“]([^»\"”]{6,})[»\"”]", sent.text[lo - sent.start:hi - sent.start])
    return m.group(1).strip() if m else None


def _canonical_name(sent: Sentence, mention: Found) -> str | None:
    """The KB name in the sentence's language that the mention's words spell (inflection aside)."""
    from rapidfuzz import fuzz

    entity = sent.kb.entities.get(mention.value)
    if entity is None:
        return None
    # the names it bore (its `named` facts) before the other names: `Organization of Islamic
    # Cooperation` is the name of 2011 in another spelling, not a name of its own
    official = [f.value for f in sent.kb.facts(subject=mention.value, predicate="named")
                if f.value and f.qualifier("lang") == sent.lang]
    for candidates in (official, [n for lang, n in entity.all_names() if lang == sent.lang]):
        candidates = [n for n in candidates if len(n.split()) > 1]
        if not candidates:
            continue
        best = max(candidates, key=lambda n: fuzz.ratio(n.lower(), mention.text.lower()))
        if fuzz.ratio(best.lower(), mention.text.lower()) >= (90 if candidates is official else 80):
            return best
    return None


@rule("named_until.v1", mentions=(EntityType.ORGANISATION,))
def name_until(sent: Sentence) -> Iterator[Claim]:
    """`(2011 жылдың 28 маусымына дейін - Ислам конференциясы ұйымы (ИКҰ))`: a former name and its end."""
    for date in sent.dates:
        if date.value["kind"] != "until" or date.value["start"] is None:
            continue
        after = sent.text[date.end - sent.start:]
        dash = re.match(r"\s*[-–—]\s*", after)
        if not dash:
            continue
        names = [m for m in sent.entities(EntityType.ORGANISATION) if m.start == date.end + dash.end()]
        if not names:
            continue
        value = _canonical_name(sent, names[0])
        if value:
            yield sent.claim("named_until.v1", subject=names[0].value, predicate="named", value=value,
                             end=date.value["start"], qualifiers={"lang": sent.lang})


@rule("headquartered_in.v3", triggers=("headquarters",))
def headquarters(sent: Sentence) -> Iterator[Claim]:
    """The city of a body's seat; a spaced dash is a copula here (Жидда қаласы – ИЫҰ штаб-пәтері
    орналасқан орын), and `ICESCO is based in Rabat, SESRIC in Ankara` repeats the verb."""
    for trig in sent.triggers.get("headquarters", []):
        lo, hi = sent.clause_of(trig.start, dashes=False)
        places = sent.entities(EntityType.PLACE, lo=lo, hi=hi)
        place = sent.nearest(places, trig.start)
        if place is None:
            continue
        bodies = [b for b in sent.entities(EntityType.ORGANISATION, EntityType.ORGAN, lo=lo, hi=hi)]
        subject = sent.nearest(bodies, trig.start)
        subject_id = subject.value if subject else sent.topic
        if subject_id is None or subject is None and _names_unknown_body(sent, lo, hi):
            continue  # `the headquarters of CICA is in Astana`: a body the knowledge base does not know
        if subject is None and any(not any(m.start <= n.start < m.end for m in sent.mentions)
                                   for n in sent.triggers.get("institution_noun", [])):
            continue  # `the seat will be in Astana, he said at the meeting on the institute's statute`
        if subject_id == sent.topic or subject_id == "OIC":
            # `the headquarters of the OIC's institute for food security`: the seat of another body,
            # which the organisation's name only qualifies
            nouns = [n for n in sent.triggers.get("institution_noun", []) if lo <= n.start < hi
                     and (sent.words_between(trig.end, n.start) if n.start >= trig.end
                          else sent.words_between(n.end, trig.start)) <= 4
                     and not any(m.start <= n.start < m.end for m in sent.mentions)]
            if nouns:
                continue
        yield sent.claim("headquartered_in.v3", subject=subject_id, predicate="headquartered_in", object=place.value)
        if sent.lang != "kk" and place.start > trig.end:
            for body, city in _gapped(sent, place.end, hi, bodies, lambda a, b: sent.entities(EntityType.PLACE, lo=a, hi=b)):
                yield sent.claim("headquartered_in.v3", subject=body.value, predicate="headquartered_in", object=city.value)


@rule("term_of_office.v1", triggers=("term",))
def term(sent: Sentence) -> Iterator[Claim]:
    for trig in sent.triggers.get("term", []):
        number = next((n for n in sent.numbers if trig.start <= n.start < trig.end), None)
        if number is None:
            continue
        offices = sent.entities(EntityType.OFFICE)
        office = sent.nearest(offices, trig.start)
        if office is None:
            continue
        until = [d for d in _usable_dates(sent) if d.value["kind"] == "until"]
        renewable = "once" if sent.triggers.get("renewable_once") else None
        yield sent.claim("term_of_office.v1", subject=office.value, predicate="term_of_office",
                         value=str(number.value), end=until[0].value["start"] if until else None,
                         qualifiers={"renewable": renewable})


def _meeting_span(d: dict) -> bool:
    """A meeting lasts days: a range of months or years is some other statement's."""
    if d["kind"] != "range":
        return True
    start, end = d.get("start"), d.get("end")
    return start is not None and end is not None and (end.latest - start.earliest).days <= 31


@rule("meeting.v2", mentions=(EntityType.MEETING,))
def meetings(sent: Sentence) -> Iterator[Claim]:
    """A meeting's dates, city and host: details stand before its name in Kazakh, after it in
    Russian and English, up to the next meeting named or the next statement's trigger."""
    found = sent.entities(EntityType.MEETING)
    if not found:
        return
    order = _ORDER.get(sent.lang, "after")
    cuts = _predicate_triggers(sent)
    for i, meeting in enumerate(found):
        if not str(meeting.value).startswith("OIC/"):
            continue
        prev_end = found[i - 1].end if i else sent.start
        next_start = found[i + 1].start if i + 1 < len(found) else sent.end
        # the details after a meeting stop at the next statement (elected at the 47th CFM in Niamey and
        # took office on 17 November 2021); in Russian and English so do those before it
        next_start = min([next_start] + [t.start for t in cuts if t.start >= meeting.end])
        if sent.lang != "kk":
            prev_end = max([prev_end] + [t.end for t in cuts if t.end <= meeting.start])
        before, after = (prev_end, meeting.start), (meeting.end, next_start)
        # "24-ші СІММ-нен ... 33-ші СІММ-ге дейін": a meeting in the ablative opens a range and its
        # details follow it.
        if sent.lang == "kk" and _ablative(meeting.text) and i + 1 < len(found):
            windows = [after]
        elif sent.lang == "kk" and i and _ablative(found[i - 1].text):
            windows = [after, before]
        else:
            windows = [before, after] if order == "before" else [after, before]
        place = date = None
        for lo, hi in windows:
            if hi < lo:
                continue
            lo, hi = _clip_to_clause(sent, meeting, lo, hi)
            place = place or sent.nearest([p for p in sent.entities(EntityType.PLACE, lo=lo, hi=hi)
                                           if not _names_a_thing(sent, p)] or _states_as_places(sent, lo, hi),
                                          meeting.start)
            date = date or sent.nearest([d for d in _usable_dates(sent, lo, hi)
                                         if d.value["kind"] in ("date", "range", "in", "until") and _meeting_span(d.value)],
                                        meeting.start)
        body = _meeting_body(sent, meeting.value)
        if date is not None:
            start, end = _date(date)
            if date.value["kind"] == "until":
                start, end = date.value["start"], None
            yield sent.claim("meeting.v2", subject=meeting.value, predicate="meeting_of", object=body,
                             start=start, end=end)
        if place is not None:
            yield sent.claim("meeting.v2", subject=meeting.value, predicate="held_in", object=place.value)
            country = _country_beside(sent, place)
            if country:
                yield sent.claim("meeting.v2", subject=meeting.value, predicate="hosted_by", object=country)


def _alongside(sent: Sentence, state: Found) -> bool:
    """A state named beside the subject, not as it: `Pakistan along with Saudi Arabia hosted`,
    `вместе с Турцией`, `Түркиямен бірге` (the Kazakh postposition follows the state)."""
    before = sent.low[max(0, state.start - sent.start - 20):state.start - sent.start]
    after = sent.low[state.end - sent.start:state.end - sent.start + 20]
    pattern = _phrase(sent.lang, "alongside", "PHRASE")
    return bool(pattern.match(after) if sent.lang == "kk" else pattern.search(before))


def _names_a_thing(sent: Sentence, place: Found) -> bool:
    """A city that names a document or a process, not where something is (the Lahore Resolution,
    Астана декларациясы, Декларация Астаны)."""
    after = sent.low[place.end - sent.start:place.end - sent.start + 30]
    before = sent.low[max(0, place.start - sent.start - 30):place.start - sent.start]
    return bool(_phrase(sent.lang, "place_names_after", "PHRASE").match(after)
                or _phrase(sent.lang, "place_names_before", "(?:PHRASE)").search(before))


def _ablative(word: str) -> bool:
    return bool(_KK_ABLATIVE.search(word.lower()))


def _clip_to_clause(sent: Sentence, meeting: Found, lo: int, hi: int) -> tuple[int, int]:
    clause_lo, clause_hi = sent.clause_of(meeting.start)
    # a dash right after the meeting stands for its verb (а 48-я — 22–23 марта в Исламабаде): the
    # clause runs on past it
    dash = re.match(r"\s*[–—-]\s", sent.text[meeting.end - sent.start:])
    if dash:
        clause_hi = sent.clause_of(meeting.end + dash.end())[1]
    return max(lo, clause_lo) if lo < meeting.start else lo, min(hi, clause_hi) if hi > meeting.end else hi


def _country_beside(sent: Sentence, place: Found) -> str | None:
    """The state written right after a city, as the city's country: `Тегеранда (Иран)`, `Jeddah,
    Saudi Arabia` (not `в Джибути, Казахстан передал`: a new clause's subject)."""
    city = sent.kb.entities.get(place.value)
    for state in sent.entities(EntityType.STATE):
        gap = sent.text[place.end - sent.start:state.start - sent.start]
        if state.start >= place.end and re.fullmatch(r"\s*[(,]\s*", gap):
            return state.value if city is not None and city.country == state.value else None
    return None


@rule("hosted_by.v2", triggers=("host",))
def hosts(sent: Sentence) -> Iterator[Claim]:
    """A state that hosted a meeting: `Сессияны Қазақстан қабылдап отыр`, `hosted the 38th session`,
    `As the host country, Kazakhstan ...`, `Принимающей стороной выступил Казахстан`."""
    states = sent.entities(EntityType.STATE)
    for trig in sent.triggers.get("host", []):
        meeting = _meeting_named(sent, trig.start)
        if meeting is None:
            continue
        lo, hi = sent.clause_of(trig.start)
        near = [s for s in states if lo <= s.start < hi and not _alongside(sent, s)]
        host = sent.nearest(near, trig.start, side="before") or \
            next((s for s in near if s.start >= trig.end and sent.words_between(trig.end, s.start) <= 6), None)
        if host is None:
            continue
        yield sent.claim("hosted_by.v2", subject=meeting.value, predicate="hosted_by", object=host.value)


@rule("chaired_by.v2", triggers=("chair", "chair_noun", "handover"))
def chairs(sent: Sentence) -> Iterator[Claim]:
    """Who chaired a body, and handovers (`төрағалығын Джибутиге берді`, `Тәжікстаннан Қазақстанға
    өтті`, `passed the chair to`): the receiver's chair starts and the giver's ends at the handover's
    date, where the sentence gives one for it."""
    states = sent.entities(EntityType.STATE)
    meetings = _oic_meetings(sent)
    holders = set()
    for trig in sent.triggers.get("chair", []):
        lo, hi = sent.clause_of(trig.start)
        holder = sent.nearest([s for s in states if lo <= s.start < hi], trig.start, side="before") or \
            sent.nearest([s for s in states if lo <= s.start < hi], trig.end, side="after", limit=40)
        if holder is None and sent.lang == "kk":
            # the subject before an apposition's dash (Қазақстан ... ұйымдардың бірі – ИКҰ-ға төрағалық етеді)
            lo, hi = sent.clause_of(trig.start, dashes=False)
            holder = sent.nearest([s for s in states if lo <= s.start < hi], trig.start, side="before")
        if holder is None:
            continue
        # a term of chairmanship, not the days of the session where it was taken over
        ranges = [d for d in _owned(sent, _usable_dates(sent, lo, hi), trig)
                  if d.value["kind"] == "since" or d.value["kind"] == "range" and not _meeting_span(d.value)]
        start = end = None
        if ranges:
            start, end = ranges[0].value["start"], ranges[0].value.get("end")
        body = _body(sent, sent.nearest(meetings, trig.start)) or \
            _named_chair_body(sent, trig, holder.value, lo, hi, start or sent.at)
        if body is None:
            continue
        holders.add(holder.value)
        # `chaired the 47th session`: the chair that session's host took up there
        session = next((m for m in meetings if m.start >= trig.end and sent.words_between(trig.end, m.start) <= 2
                        and _body_of(sent.kb, m.value) == "OIC/cfm" and body == "OIC/cfm"), None)
        yield sent.claim("chaired_by.v2", subject=body, predicate="chaired_by", object=holder.value,
                         start=start, end=end, qualifiers={"meeting": session.value if session else None})
        # took over the chairmanship from Saudi Arabia: the one it came from chaired before
        giver = next((s for s in states if trig.end <= s.start < hi and s.value != holder.value and _after_from(sent, s)), None)
        if giver is not None:
            yield sent.claim("chaired_by.v2", subject=body, predicate="chaired_by", object=giver.value)
    handovers = sent.triggers.get("handover", [])
    for trig in sent.triggers.get("chair_noun", []):
        if any(h.start < trig.end and trig.start < h.end for h in handovers):
            continue  # the handover's own noun (передаст Джибути председательство)
        lo, hi = sent.clause_of(trig.start)
        holder = _chair_holder(sent, trig, [s for s in states if lo <= s.start < hi and s.value not in holders])
        if holder is None:
            continue
        ranges = [d for d in _owned(sent, _usable_dates(sent, lo, hi), trig)
                  if d.value["kind"] == "since" or d.value["kind"] == "range" and not _meeting_span(d.value)]
        start = end = None
        if ranges:
            start, end = ranges[0].value["start"], ranges[0].value.get("end")
        body = _named_chair_body(sent, trig, holder.value, lo, hi, start or sent.at)
        if body is None:
            continue
        holders.add(holder.value)
        yield sent.claim("chaired_by.v2", subject=body, predicate="chaired_by", object=holder.value,
                         start=start, end=end)
    for trig in handovers:
        lo, hi = sent.clause_of(trig.start)
        receiver, giver = _receiver_and_giver(sent, trig, [s for s in states if lo <= s.start < hi])
        if receiver is None:
            continue
        meeting = _meeting_named(sent, trig.start)
        body = _body(sent, meeting)
        if body is None:
            continue
        when = _handover_date(sent, trig)
        yield sent.claim("chaired_by.v2", subject=body, predicate="chaired_by", object=receiver.value, start=when,
                         qualifiers={"meeting": meeting.value if meeting else None})
        if giver is not None and giver.value not in holders:
            yield sent.claim("chaired_by.v2", subject=body, predicate="chaired_by", object=giver.value, end=when)


def _chair_holder(sent: Sentence, trig: Found, states: list[Found]) -> Found | None:
    """Whose chairmanship a noun names: the state right after it (председательство Казахстана, under the
    chairmanship of Uzbekistan), else the one before it (Kazakhstan's chairmanship, Турция становится
    председателем)."""
    after = [s for s in states if s.start >= trig.end and sent.words_between(trig.end, s.start) <= 2]
    if after:
        return after[0]
    return sent.nearest([s for s in states if s.end <= trig.start], trig.start, side="before")


_UNLINKED_ACRONYM = re.compile(r"\b[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{3,}\b")


def _named_chair_body(sent: Sentence, trig: Found, holder: str, lo: int, hi: int, at: Date | None) -> str | None:
    """The OIC body whose chair a noun names: the session or body the clause names; where it names only
    the organisation, the body the knowledge base has the holder chair (at that time, if it chaired both:
    the OIC's chair is its summit's, or in common speech the CFM's). None where the clause names another body (the OSCE, CICA)
    or nothing of the OIC: a chairmanship of something else is no claim about the OIC."""
    named = [m for m in sent.mentions if lo <= m.start < hi]
    if any(m.kind in (EntityType.ORGANISATION._value_, EntityType.ORGAN._value_) and m.value != "OIC"
           and m.value not in _BODIES for m in named):
        return None
    spans = [(m.start, m.end) for m in named]
    for acronym in _UNLINKED_ACRONYM.finditer(sent.text, lo - sent.start, hi - sent.start):
        a = acronym.start() + sent.start
        if not any(s <= a < e for s, e in spans):
            return None
    meetings = [m for m in named if m.kind == EntityType.MEETING._value_ and str(m.value).startswith("OIC/")]
    if meetings:
        return _meeting_body(sent, sent.nearest(meetings, trig.start).value)
    organs = [m for m in named if m.value in _BODIES]
    if organs:
        return sent.nearest(organs, trig.start).value
    if not any(m.value == "OIC" for m in named) and not (
            sent.topic == "OIC" and _phrase(sent.lang, "organisation_word").search(sent.low[trig.end - sent.start:][:30])):
        return None
    chaired = {b: [f for f in sent.kb.facts(subject=b, predicate="chaired_by") if f.object == holder] for b in _BODIES}
    ever = [b for b, facts in chaired.items() if facts]
    if len(ever) > 1 and at is not None:  # it chaired both: the one it chaired then
        ever = [b for b in ever if any(f.holds_at(at) is not Truth.NO for f in chaired[b])]
    return ever[0] if len(ever) == 1 else None


def _receiver_and_giver(sent: Sentence, trig: Found, states: list[Found]) -> tuple[Found | None, Found | None]:
    """The state the chair went to — inside the trigger (Kazakh dative) or right after it — and the one
    it came from: in the ablative (Тәжікстаннан), after `from`/`от`, or before the trigger."""
    inside = [s for s in states if trig.start <= s.start and s.end <= trig.end]
    came_from = [s for s in inside if (sent.lang == "kk" and _ablative(s.text)) or _after_from(sent, s)]
    went_to = [s for s in inside if s not in came_from]
    receiver = went_to[-1] if went_to else sent.nearest([s for s in states if not _after_from(sent, s)], trig.end,
                                                          side="after", limit=40)
    if came_from:
        return receiver, came_from[0]
    after = [s for s in states if s.start >= trig.end and s is not receiver and _after_from(sent, s)]
    if after:
        return receiver, after[0]
    places = {(p.start, p.end) for p in _states_as_places(sent, sent.start, sent.end)}
    giver = sent.nearest([s for s in states if s.end <= trig.start and (s.start, s.end) not in places
                          and (receiver is None or s.value != receiver.value)], trig.start)
    return receiver, giver


def _after_from(sent: Sentence, state: Found) -> bool:
    return re.search(r"(?<!\w)(?:from|от)\s+$", sent.low[max(0, state.start - sent.start - 6):state.start - sent.start]) is not None


def _handover_date(sent: Sentence, trig: Found) -> Date | None:
    """The date of a handover: the end of the term just named (`until November 2012, when it passed
    the chair`), or a date that frames the whole sentence (`In November 2012 the 39th session ... where
    Kazakhstan handed the chairmanship`). A date inside the meeting's description is the meeting's."""
    for when in sent.triggers.get("when", []):
        if when.end > trig.start:
            continue
        for d in _usable_dates(sent, None, when.start + 1):
            if not sent.low[d.end - sent.start:when.start - sent.start].strip(" ,"):
                value = d.value
                return value.get("end") or value["start"] if value["kind"] in ("range", "until") else value["start"]
    dates = _usable_dates(sent, None, trig.start)
    if not dates:
        return None
    first = min(dates, key=lambda d: d.start)
    if first.value["kind"] not in ("date", "in"):
        return None
    if not re.fullmatch(r"\W*(?:(?:in|on|by|в|во|к)\s+)?", sent.low[:first.start - sent.start]):
        return None
    if sent.has("participle", first.end, trig.start):
        return None
    return first.value["start"]


def _body(sent: Sentence, meeting: Found | None) -> str | None:
    organs = [o.value for o in sent.entities(EntityType.ORGAN) if o.value in _BODIES]
    if organs:
        return organs[0]
    if meeting is not None:
        return _meeting_body(sent, meeting.value)
    return sent.discourse.body


def _demonym_states(sent: Sentence) -> list[Found]:
    """States named by their adjective (казахстанская делегация, a Kazakh delegation), found also
    across a word broken at a line end (казахстан-\nскую)."""
    text, where = sent.low, list(range(len(sent.low) + 1))
    if "-\n" in text:
        pieces, where, pos = [], [], 0
        for m in re.finditer(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)", sent.low):
            pieces.append(sent.low[pos:m.start()])
            where.extend(range(pos, m.start()))
            pos = m.end()
        pieces.append(sent.low[pos:])
        where.extend(range(pos, len(sent.low) + 1))
        text = "".join(pieces)
    found = []
    for state, pattern in _demonyms(sent.lang):
        for m in pattern.finditer(text):
            start, end = sent.start + where[m.start()], sent.start + where[m.end() - 1] + 1
            # inside a name (the Turkish Cypriot State, Российская Федерация) the name is what counts, and
            # after a state's name (Түркияның мемлекет басшысы) the words are that state's
            if not any(x.start < end and start < x.end for x in sent.mentions) and not any(
                    x.kind == EntityType.STATE._value_ and 0 <= start - x.end <= 2 for x in sent.mentions):
                found.append(Found(start, end, EntityType.STATE.value, state, sent.text[start - sent.start:end - sent.start]))
    return found


_LIST_GAP = r"^\s*(?:[,;]|,?\s*(?:PHRASE)\b)\s*(?:[\w’'-]+\s*){0,4}$"
"""What may stand between two states of one list: a comma or a conjunction (`list_joiner` phrases), then
at most four words that name the kind of the next state (народно-демократической республики, the Kingdom of)."""


def _list_around(sent: Sentence, states: list[Found], chosen: Found) -> list[Found]:
    """The states listed together with `chosen` (Turkey, Pakistan, Iran and Uzbekistan; республик
    Афганистан, ... Алжир, государства Бахрейн): neighbours joined by commas, conjunctions and the
    words that name a kind of state."""
    ordered = sorted({s.start: s for s in states}.values(), key=lambda s: s.start)
    if chosen not in ordered:
        return [chosen]
    k = ordered.index(chosen)
    lo = hi = k
    gap = _phrase(sent.lang, "list_joiner", _LIST_GAP)
    while lo > 0 and gap.match(sent.low[ordered[lo - 1].end - sent.start:ordered[lo].start - sent.start]):
        lo -= 1
    while hi + 1 < len(ordered) and gap.match(sent.low[ordered[hi].end - sent.start:ordered[hi + 1].start - sent.start]):
        hi += 1
    return ordered[lo:hi + 1]


@rule("participated_in.v3", triggers=("participated",))
def participation(sent: Sentence) -> Iterator[Claim]:
    """A state's delegation took part in meetings (`делегациясы ... қатысты`, `принимала участие в`,
    `attended`, `Делегацию Казахстана возглавлял`, `a Kazakh delegation`), or a list of states did
    (`attended by ... Iran, Indonesia and Turkey`); `from the 24th to the 33rd` is every one between;
    after `where`/`где` only the meeting just named. A sentence that names no meeting speaks of the one
    the text named last (`the two-day summit was attended by ...`)."""
    found = sent.triggers.get("participated", [])
    if not found:
        return
    places = sent.entities(EntityType.PLACE)
    # a state after its city (Rabat, Morocco) says where, not who
    subjects = sorted([s for s in sent.entities(EntityType.STATE) if not _after_city(sent, s, places)]
                      + _demonym_states(sent), key=lambda s: s.start)
    meetings = _oic_meetings(sent)
    for trig in found:
        lo, hi = sent.clause_of(trig.start)
        near = [s for s in subjects if lo <= s.start < hi]
        inside = [s for s in near if trig.start <= s.start and s.end <= trig.end]
        subject = (inside[0] if inside else None) or sent.nearest(near, trig.start, side="before") or \
            next((s for s in near if s.start >= trig.end and sent.words_between(trig.end, s.start) <= 12), None)
        if subject is None:
            continue
        chosen = meetings
        relative = [r for r in sent.triggers.get("relative", []) if r.end <= trig.start]
        if relative and meetings:
            previous = sent.nearest([m for m in meetings if m.end <= relative[-1].start], relative[-1].start, side="before")
            chosen = [previous] if previous else []
        if not chosen:
            ref = sent.nearest(sent.refs, trig.start)
            chosen = [ref] if ref else []
        # `the two-day summit was attended by ...`: a meeting's noun, the meeting of that kind named last
        # (the summit named last, not a CFM session named after it); without one (`delegations take part
        # in the work of the organisation`) no meeting is meant
        earlier = _summit_meant(sent) if "summit_word" in sent.triggers else \
            sent.discourse.meeting if "session_word" in sent.triggers else None
        if not chosen and earlier:
            chosen = [Found(trig.start, trig.end, EntityType.MEETING._value_, earlier, "")]
        ids = [m.value for m in chosen]
        for first, second in zip(chosen, chosen[1:]):
            if _ablative(first.text) or _range_between(sent, first, second):
                ids.extend(_between(sent.kb, first.value, second.value))
        for state in _list_around(sent, near, subject):
            for meeting_id in dict.fromkeys(ids):
                yield sent.claim("participated_in.v3", subject=state.value, predicate="participated_in",
                                 object=meeting_id)
        # a meeting the sentence names and someone took part in was held: that much the text states
        # (its dates and place, where it gives them, come from the meeting rule)
        for meeting in chosen:
            if meeting in meetings:
                yield sent.claim("participated_in.v3", subject=meeting.value, predicate="meeting_of",
                                 object=_meeting_body(sent, meeting.value))


def _summit_meant(sent: Sentence) -> str | None:
    """The summit a summit's noun points back to: the one named last, but `the Summit` written with a
    capital inside a sentence is the text's own, the summit it named first."""
    capital = any(_capitalised_inside(sent, t) for t in sent.triggers.get("summit_word", ()))
    return (sent.discourse.first_summit if capital else None) or sent.discourse.summit


def _after_city(sent: Sentence, state: Found, places: list[Found]) -> bool:
    return any(0 <= state.start - p.end <= 3 and sent.text[p.end - sent.start:state.start - sent.start].strip() in (",", "")
               for p in places)


def _range_between(sent: Sentence, first: Found, second: Found) -> bool:
    pattern = triggers(sent.lang).get("range_to")
    gap = sent.low[first.end - sent.start:second.start - sent.start]
    return bool(pattern and pattern.search(gap) and len(gap) < 80)


def _between(kb: KB, first: str, second: str) -> list[str]:
    a, b = first.rsplit("/", 1), second.rsplit("/", 1)
    if a[0] != b[0] or not (a[1].isdigit() and b[1].isdigit()):
        return []
    return [f"{a[0]}/{n}" for n in range(int(a[1]) + 1, int(b[1])) if f"{a[0]}/{n}" in kb.entities]


@rule("adopted_at.v2", triggers=("adopted",))
def adoption(sent: Sentence) -> Iterator[Claim]:
    """A document adopted at a meeting. A document named by its common noun only (the Charter, новый
    Устав, the resolution) is the one of that noun the knowledge base says the meeting adopted; the
    meeting may be named in the clause before (`11-й саммит состоялся ...; на нём был принят новый
    Устав`) or by a common noun (`Ыстамбұлдағы саммитте`)."""
    for trig in sent.triggers.get("adopted", []):
        documents = sent.entities(EntityType.DOCUMENT)
        document = sent.nearest(documents, trig.start)
        meeting = _meeting_named(sent, trig.start)
        if document is None and meeting is not None:
            lo, hi = sent.clause_of(trig.start)
            document_id = _document_by_noun(sent, meeting.value, lo, hi)
        else:
            document_id = document.value if document else None
        if document_id is None:
            continue
        date = sent.nearest(_usable_dates(sent), trig.start)
        when = _adopted_on(sent.kb, None, meeting.value) if meeting else _date(date)[0]
        document_id = _document_of_its_time(sent.kb, document_id, when)
        start, _ = _date(date) if meeting is None else (None, None)
        yield sent.claim("adopted_at.v2", subject=document_id, predicate="adopted_at",
                         object=meeting.value if meeting else None, start=start)


def _adopted_on(kb: KB, document: str | None, meeting: str | None = None) -> Date | None:
    """When a document was adopted (the date of the meeting that adopted it), or when a meeting began."""
    if meeting is None:
        facts = kb.facts(subject=document, predicate="adopted_at")
        if not facts:
            return None
        if facts[0].start is not None:
            return facts[0].start
        meeting = facts[0].object
    held = kb.facts(subject=meeting, predicate="meeting_of") if meeting else []
    return next((f.start for f in held if f.start is not None), None)


def _document_of_its_time(kb: KB, document: str, when: Date | None) -> str:
    """The document of its kind that was in force at `when`: `the OIC Charter adopted in 1972` is the
    Charter of 1972, though the name now means the Charter of 2008. Documents of a kind: those of one
    body whose English names hold the same document noun (charter, programme)."""
    entity = kb.entities.get(document)
    if when is None or entity is None:
        return document
    nouns = [p for _, p in _document_words("en") if p.search(entity.label("en").lower())]
    if not nouns:
        return document
    kin = [e.id for e in kb.entities.values() if e.type is EntityType.DOCUMENT and e.parent == entity.parent
           and any(p.search(e.label("en").lower()) for p in nouns)]
    in_force = [(on.earliest, d) for d in kin for on in [_adopted_on(kb, d)] if on is not None and on.earliest <= when.latest]
    return max(in_force)[1] if in_force else document


def _document_by_noun(sent: Sentence, meeting: str, lo: int, hi: int) -> str | None:
    adopted = [f.subject for f in sent.kb.facts(predicate="adopted_at", object=meeting)]
    clause = sent.low[lo - sent.start:hi - sent.start]
    for name_part, pattern in _document_words(sent.lang):
        if not pattern.search(clause):
            continue
        fitting = [d for d in adopted if d in sent.kb.entities
                   and any(lang == sent.lang and name_part in n.lower() for lang, n in sent.kb.entities[d].all_names())]
        if len(fitting) == 1:
            return fitting[0]
    return None


@rule("holds_office.v2", mentions=(EntityType.PERSON,))
def office_holders(sent: Sentence) -> Iterator[Claim]:
    """A person in an office: named (`Бас хатшысы Юсуф әл-Усаймин`), pointed back to (`этот пост`,
    `бұл қызметке`, `His predecessors`), or said by a phrase (`руководил генеральным секретариатом`).
    Each person's years are those beside the name (`(2016-2021)`, `с 2001 по 2013 год`, `2016–2021
    жылдары`); an election gives no first day, taking office does."""
    people = sent.entities(EntityType.PERSON)
    if not people:
        return
    offices = sent.entities(EntityType.OFFICE)
    if offices:
        office = offices[0].value
    else:
        office = _office_phrase(sent)
        recent = sent.index - sent.discourse.office_sentence <= 2
        # a post pointed back to (этот пост, His predecessors) is the one the text named; an election
        # alone is to it only while the text is still speaking of it (the sentence or two after)
        if office is None and (any(sent.triggers.get(t) for t in ("office", "office_ref", "succession"))
                               or recent and any(sent.triggers.get(t) for t in ("elected", "took_office"))):
            office = sent.discourse.office
        if office is None and _phrase(sent.lang, "secretary_general").search(sent.low) and (
                sent.topic == ORGANISATION or any(m.value == ORGANISATION for m in sent.mentions)) and not any(
                m.kind == EntityType.ORGANISATION._value_ and m.value != ORGANISATION for m in sent.mentions):
            # `was elected as the next secretary general of the OIC`: the noun in lower case, of no other body
            office = SECRETARY_GENERAL
    if office is None:
        return
    order = _ORDER.get(sent.lang, "after")
    took = sent.triggers.get("took_office", [])
    for i, person in enumerate(people):
        prev_end = people[i - 1].end if i else sent.start
        next_start = people[i + 1].start if i + 1 < len(people) else sent.end
        windows = [(prev_end, person.start), (person.end, next_start)]
        if order == "after":
            windows.reverse()
        start = end = None
        own = _apposition_dates(sent, person)
        if own:
            start, end = own
        else:
            for lo, hi in windows:
                lo, hi = max(lo, sent.clause_of(person.start)[0]) if lo < person.start else lo, hi
                ranges = [d for d in _usable_dates(sent, lo, hi) if d.value["kind"] in ("range", "since", "until")]
                if ranges:
                    d = sent.nearest(ranges, person.start).value
                    start, end = (None, d["start"]) if d["kind"] == "until" else (d["start"], d.get("end"))
                    break
            else:
                mine = [t for t in took if prev_end <= t.start and t.end <= next_start]
                if mine:
                    dated = [d for d in _usable_dates(sent, prev_end, next_start) if d.value["kind"] in ("date", "in")]
                    when = sent.nearest(dated, mine[0].start)
                    start = when.value["start"] if when else None
        at = None
        if start is None and end is None and not took and not sent.triggers.get("elected"):
            # `In 2010 the Secretary General was ...`: the time the holder is named at
            lo, hi = sent.clause_of(person.start)
            when = sent.nearest([d for d in _usable_dates(sent, lo, hi) if d.value["kind"] in ("date", "in")],
                                person.start)
            at = when.value["start"] if when else None
        yield sent.claim("holds_office.v2", subject=person.value, predicate="holds_office", object=office,
                         start=start, end=end, at=at)
