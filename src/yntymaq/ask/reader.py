"""Reading a question: its language, what it asks, about what and when.

A question is read in four passes, each by a part of the project that already reads texts:

1. the language (`text.langid`, and the cue words of each language's table);
2. the cue words (`ask/lang/<lang>/cues.tsv`): each cue is a run of word beginnings, so that the
   Kazakh and Russian endings need no rules of their own (мүше → мүшесі, мүшелігі; член → членом);
   the longest cue at each word wins and takes its words;
3. the names (`extract.mentions`: inflection, abbreviations, old names, typos), on the question as
   written and, when it is written in lower case, on a copy with the words capitalised (same length,
   so offsets hold); surnames alone (Ихсаноглу, Madani) by a small index of the persons' name words;
4. the dates and ordinals (`text.dates`), and bare years.

The result is a `Reading`: what kind of answer is wanted (`kind`: when, who, where, count, which,
yesno, ...), the topics the cues name (member, chair, sg, held, founded, ...), the entities by type,
the time, the ordinal, and the options of a multiple-choice question. `ask/answer.py` decides from it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from yntymaq.vocab import Date, Entity, EntityType

LANGS = ("kk", "ru", "en")

KINDS = ("when", "year", "date", "who", "where", "city", "country", "count", "which", "list", "yesno",
         "status")
TOPICS = ("member", "join", "observer", "suspended", "chair", "sg", "held", "host", "founded", "seat", "name",
          "language", "term", "elected", "attended", "adopted", "nationality")
SCOPES = ("summit", "cfm", "session", "meeting", "extraordinary", "ordinary", "science")
TIMES = ("current", "first", "last", "before", "after")
MEANINGS = frozenset(KINDS + TOPICS + SCOPES + TIMES)
"""What a cue may mean: the kind of answer wanted, a topic, the meetings spoken of, or a time."""

_WORD = re.compile(r"\w+", re.UNICODE)
_YEAR = re.compile(r"(?<![\d.])(1[89]\d\d|20\d\d)(?![\d.])")
_OPTION_MARK = re.compile(r"(?:^|\s|\()([A-DА-Гa-dа-г1-4])\)\s*")
_OR_WORDS = {"kk": ("әлде", "немесе"), "ru": ("или",), "en": ("or",)}


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]  # word beginnings; a word ending in "=" must be whole
    means: str
    initial: bool  # must start the question


@lru_cache(maxsize=None)
def cues(lang: str) -> tuple[Cue, ...]:
    """The cue table of a language, validated (unknown meanings and duplicates name the line)."""
    from yntymaq.text.tables import parse_table

    file = f"ask/lang/{lang}/cues.tsv"
    text = (resources.files("yntymaq") / "ask" / "lang" / lang / "cues.tsv").read_text(encoding="utf-8")
    rows = parse_table(text, file=file, columns=("cue", "means"), letters={"cue": None},
                       choices={"means": MEANINGS})
    out = []
    for row in rows:
        cue = row["cue"]
        initial = cue.startswith("^")
        out.append(Cue(tuple(cue.lstrip("^").split()), row["means"], initial))
    return tuple(sorted(out, key=lambda c: -len(c.words)))


@lru_cache(maxsize=None)
def _cue_index(lang: str) -> dict[str, tuple[Cue, ...]]:
    """Cues by the first two letters of their first word: a question's word tries only a few."""
    index: dict[str, list[Cue]] = {}
    for cue in cues(lang):
        index.setdefault(cue.words[0][:2], []).append(cue)
    return {k: tuple(v) for k, v in index.items()}


def _fits(pattern: str, word: str) -> bool:
    if pattern.endswith("="):
        return word == pattern[:-1]
    return word.startswith(pattern)


@dataclass
class Option:
    text: str
    start: int
    end: int


@dataclass
class Reading:
    question: str
    lang: str
    words: list[tuple[int, int, str]]  # start, end, lower-case word
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # meaning → spans
    entities: list[tuple[Entity, int, int, str]] = field(default_factory=list)  # entity, start, end, rule
    dates: list = field(default_factory=list)  # text.dates.DateMention
    at: Date | None = None
    until: Date | None = None  # the end of a range of time asked of
    ordinal: int | None = None
    options: list[Option] = field(default_factory=list)
    stem: str = ""  # the question without its options

    def has(self, *meanings: str) -> bool:
        return any(m in self.cues for m in meanings)

    def kind(self) -> str | None:
        """The kind of answer wanted, by the order of KINDS' importance: a yes/no particle decides
        over a `which` that is only part of the question (Қазақстан қай жылы мүше болды ма?)."""
        for kind in ("count", "year", "date", "when", "city", "country", "where", "who", "status", "list",
                     "yesno", "which"):
            if kind in self.cues:
                return kind
        return None

    def of_type(self, *types: EntityType) -> list[Entity]:
        seen: dict[str, Entity] = {}
        for entity, *_ in self.entities:
            if entity.type in types:
                seen.setdefault(entity.id, entity)
        return list(seen.values())

    def understood(self) -> dict:
        return {"kind": self.kind(), "cues": sorted(self.cues),
                "entities": [{"id": e.id, "label": e.label(self.lang), "type": e.type.value,
                              "text": self.question[s:t], "rule": r} for e, s, t, r in self.entities],
                "at": str(self.at) if self.at else None, "until": str(self.until) if self.until else None,
                "ordinal": self.ordinal, "options": [o.text for o in self.options]}


def language_of(question: str) -> str:
    """kk, ru or en: Latin letters are English; Kazakh letters or Kazakh cue words are Kazakh."""
    letters = [ch for ch in question if ch.isalpha()]
    latin = sum("a" <= ch.lower() <= "z" for ch in letters)
    if letters and latin > len(letters) / 2:
        return "en"
    low = question.lower()
    if any(ch in low for ch in "әғқңөұүһі"):
        return "kk"
    words = [w for w in _WORD.findall(low)]
    kk = sum(1 for w in words for c in _cue_index("kk").get(w[:2], ()) if len(c.words) == 1 and _fits(c.words[0], w))
    ru = sum(1 for w in words for c in _cue_index("ru").get(w[:2], ()) if len(c.words) == 1 and _fits(c.words[0], w))
    return "kk" if kk > ru else "ru"


def _read_cues(reading: Reading) -> None:
    words = reading.words
    index = _cue_index(reading.lang)
    i = 0
    while i < len(words):
        word = words[i][2]
        found = None
        for cue in index.get(word[:2], ()):
            n = len(cue.words)
            if i + n > len(words) or (cue.initial and i != 0):
                continue
            if all(_fits(p, words[i + k][2]) for k, p in enumerate(cue.words)):
                found = cue
                break  # longest first
        if found is None:
            i += 1
            continue
        n = len(found.words)
        reading.cues.setdefault(found.means, []).append((words[i][0], words[i + n - 1][1]))
        i += n


def _recased(question: str, abbreviations: frozenset[str]) -> str | None:
    """The question with its lower-case words capitalised and its abbreviations in capitals (оис →
    ОИС), when it is written in lower case; None when it needs no change. Same length throughout."""
    out = []
    changed = False
    for m in re.finditer(r"\w+|\W+", question):
        piece = m.group()
        if piece[0].isalnum() and piece.islower():
            if piece.upper() in abbreviations:
                piece = piece.upper()
            elif len(piece) > 2:
                piece = piece[0].upper() + piece[1:]
            changed = changed or piece != m.group()
        out.append(piece)
    text = "".join(out)
    return text if changed and len(text) == len(question) else None


def _fold(text: str) -> str:
    """Lower case without diacritics: İhsanoğlu → ihsanoglu."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ı", "i")


class PersonIndex:
    """The persons' name words (surnames alone: Ихсаноглу, Madani), inflected forms by their start."""

    def __init__(self, entities):
        self.words: dict[str, set[str]] = {}
        for e in entities:
            if e.type is not EntityType.PERSON:
                continue
            for _, name in e.all_names():
                for w in _WORD.findall(name):
                    if len(w) >= 5 and not w[0].isdigit():
                        self.words.setdefault(_fold(w), set()).add(e.id)
        self._by_head: dict[str, list[str]] = {}
        for w in self.words:
            self._by_head.setdefault(w[:3], []).append(w)

    def find(self, word: str) -> set[str]:
        from rapidfuzz import fuzz

        w = _fold(word)
        if len(w) < 5:
            return set()
        if w in self.words:
            return self.words[w]
        found: set[str] = set()
        for name in self._by_head.get(w[:3], ()):
            # an inflected surname (Ихсаноглудың) or a slip of one letter (Ихсаноглы)
            if (w.startswith(name) and len(w) - len(name) <= 4) or fuzz.ratio(w, name) >= 86:
                found |= self.words[name]
        return found


def _options(question: str, lang: str) -> tuple[str, list[Option]]:
    """A multiple-choice question's options: `A) … B) …`, `1) … 2) …`, or `X or Y` at its end."""
    marks = list(_OPTION_MARK.finditer(question))
    if len(marks) >= 2:
        stem = question[:marks[0].start()].strip()
        opts = []
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(question)
            text = question[m.end():end].strip(" ,;?.")
            start = question.index(text, m.end()) if text else m.end()
            opts.append(Option(text, start, start + len(text)))
        return stem, [o for o in opts if o.text]
    return question, []


def _or_options(reading: Reading) -> None:
    """`… in Astana or Baku?`: the entities or years on both sides of an `or` are the options."""
    words = reading.words
    for k, (s, e, w) in enumerate(words):
        if w not in _OR_WORDS[reading.lang] or k == 0 or k + 1 >= len(words):
            continue
        left = [x for x in reading.entities if x[2] <= s and s - x[2] <= 3]
        right = [x for x in reading.entities if x[1] >= e and x[1] - e <= 3]
        if left and right:
            a, b = left[-1], right[0]
            reading.options = [Option(reading.question[a[1]:a[2]], a[1], a[2]),
                               Option(reading.question[b[1]:b[2]], b[1], b[2])]
            return
        years = [(m.start(), m.end()) for m in _YEAR.finditer(reading.question)]
        before = [y for y in years if y[1] <= s and s - y[1] <= 8]
        after = [y for y in years if y[0] >= e and y[0] - e <= 8]
        if before and after:
            a, b = before[-1], after[0]
            reading.options = [Option(reading.question[a[0]:a[1]], *a), Option(reading.question[b[0]:b[1]], *b)]
            return


def read(question: str, kb, *, lang: str | None = None) -> Reading:
    """Read a question against a knowledge base (its linker and persons)."""
    from yntymaq.ask import _context

    question = " ".join(question.split())
    lang = lang or language_of(question)
    stem, options = _options(question, lang)
    reading = Reading(question, lang, [(m.start(), m.end(), m.group().lower().replace("ё", "е"))
                                       for m in _WORD.finditer(question)], options=options, stem=stem)
    _read_cues(reading)
    ctx = _context(kb)
    _read_names(reading, ctx)
    _read_times(reading)
    if not reading.options:
        _or_options(reading)
    return reading


def _read_names(reading: Reading, ctx) -> None:
    question = reading.question
    found: list[tuple[Entity, int, int, str]] = []
    for text in filter(None, (question, _recased(question, ctx.abbreviations))):
        for mention in ctx.linker.find(text, lang=reading.lang):
            if mention.entity and not any(s <= mention.start < e for _, s, e, _ in found):
                found.append((ctx.kb.entities[mention.entity], mention.start, mention.end, mention.rule))
    for s, e, w in reading.words:
        if any(fs <= s < fe for _, fs, fe, _ in found) or not w[:1].isalpha():
            continue
        people = ctx.persons.find(question[s:e])
        if len(people) == 1:
            found.append((ctx.kb.entities[next(iter(people))], s, e, "ask.surname.v1"))
    reading.entities = sorted(found, key=lambda x: x[1])


def _read_times(reading: Reading) -> None:
    from yntymaq.text.dates import find_dates, find_ordinals

    q = reading.question
    dates = [d for d in find_dates(q, reading.lang) if d.value is not None]
    option_spans = [(o.start, o.end) for o in reading.options]
    dates = [d for d in dates if not any(s <= d.start < e for s, e in option_spans)]
    reading.dates = dates
    if dates:
        reading.at = dates[0].value
        reading.until = dates[0].end_value
    else:
        for m in _YEAR.finditer(q):
            if not any(s <= m.start() < e for s, e in option_spans):
                reading.at = Date(int(m.group()))
                break
    for o in find_ordinals(q, reading.lang, dates=dates):
        if not any(s <= o.start < e for s, e in option_spans) and o.value < 200:
            reading.ordinal = o.value
            break
