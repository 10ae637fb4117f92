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
          "language", "term", "elected", "attended", "adopted", "nationality", "restored")
SCOPES = ("summit", "cfm", "session", "meeting", "extraordinary", "ordinary", "science")
TIMES = ("current", "first", "last", "before", "after")
POLARITY = ("not",)
MEANINGS = frozenset(KINDS + TOPICS + SCOPES + TIMES + POLARITY)
"""What a cue may mean: the kind of answer wanted, a topic, the meetings spoken of, a time, or a
negation (`which of these is not a member`: the options are judged by a no)."""

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
    script: str | None = None  # "latin": a Kazakh question written in Latin letters, read in Cyrillic

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
                "ordinal": self.ordinal, "options": [o.text for o in self.options],
                **({"script": self.script, "read_as": self.question} if self.script else {})}


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
            spans = _listed(reading.question, [(x[1], x[2]) for x in reading.entities], (left[-1][1], left[-1][2]))
            b = right[0]
            reading.options = [Option(reading.question[a:z], a, z) for a, z in spans] + [
                Option(reading.question[b[1]:b[2]], b[1], b[2])]
            return
        years = [(m.start(), m.end()) for m in _YEAR.finditer(reading.question)]
        before = [y for y in years if y[1] <= s and s - y[1] <= 8]
        after = [y for y in years if y[0] >= e and y[0] - e <= 8]
        if before and after:
            spans = _listed(reading.question, years, before[-1])
            b = after[0]
            reading.options = [Option(reading.question[a:z], a, z) for a, z in spans] + [
                Option(reading.question[b[0]:b[1]], *b)]
            return


def _listed(question: str, spans: list[tuple[int, int]], last: tuple[int, int]) -> list[tuple[int, int]]:
    """The items of a list that ends at `last` (`1991, 1995 or 2001`, `Astana, Baku or Tashkent`):
    the spans before it, each parted from the next by a comma alone."""
    out = [last]
    for a, z in sorted((x for x in spans if x[1] <= last[0]), reverse=True):
        if question[z:out[0][0]].strip() != ",":
            break
        out.insert(0, (a, z))
    return out


@lru_cache(maxsize=1)
def _latin_letters() -> dict[str, frozenset[str]]:
    """Each Latin letter with the Cyrillic letters the Kazakh Latin alphabets read it as."""
    from yntymaq.text.script import SCHEMES, scheme

    out: dict[str, set[str]] = {}
    for name in SCHEMES:
        if not name.startswith("latin"):
            continue
        for latin, letter in scheme(name).letters.items():
            if len(latin) == 1:
                out.setdefault(latin, set()).update(x for x in (letter.back, letter.front) if x and x != "-")
    return {k: frozenset(v) for k, v in out.items()}


def _latin_abbreviation(word: str, abbreviations: frozenset[str]) -> str | None:
    """A Kazakh abbreviation written in Latin capitals (IYU, IKU, SIMK) in Cyrillic, when exactly one of
    the KB's abbreviations reads so letter by letter."""
    from itertools import product

    letters = _latin_letters()
    choices = [sorted(ch.upper() for ch in letters.get(c.lower(), ())) for c in word]
    if not all(choices) or len(word) > 6:
        return None
    found = {"".join(p) for p in product(*choices)} & abbreviations
    return next(iter(found)) if len(found) == 1 else None


def kazakh_from_latin(question: str, abbreviations: frozenset[str]) -> str | None:
    """A question in Kazakh written in Latin letters (Qazaqstan IYU-ga qashan mushe boldy), in
    Cyrillic; None when it is not one. The words are read by `text.script`; a question it leaves
    alone is read when, put into Cyrillic word by word, it has two Kazakh cue words and no English
    one."""
    from yntymaq.text.script import read_latin_word, to_cyrillic

    if any(ch.isalpha() and not ("a" <= ch.lower() <= "z") and ch not in "áéíóúýäöüğñşūǵńı'" for ch in question):
        return None
    cyrillic = to_cyrillic(question).text
    if cyrillic == question:
        words = [m.group().lower() for m in _WORD.finditer(question)]
        if any(len(c.words) == 1 and _fits(c.words[0], w) for w in words for c in _cue_index("en").get(w[:2], ())):
            return None  # English
        read = [read_latin_word(w) for w in words]
        kk = sum(1 for w in read for c in _cue_index("kk").get(w[:2], ()) if len(c.words) == 1 and _fits(c.words[0], w))
        if kk < 2:
            return None
        cyrillic = _WORD.sub(lambda m: m.group() if len(m.group()) > 1 and (
            m.group().isupper() or _latin_abbreviation(m.group().upper(), abbreviations))
            else _recase_like(read_latin_word(m.group().lower()), m.group()), question)
    # an abbreviation in capitals, or in a lower-case question in small letters (iyu-ga)
    lower = question.islower()
    out = _WORD.sub(lambda m: (_latin_abbreviation(m.group().upper(), abbreviations) or m.group())
                    if m.group().isascii() and (m.group().isupper() or lower and len(m.group()) <= 4)
                    and len(m.group()) > 1 else m.group(), cyrillic)
    return out if out != question else None


def _recase_like(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def read(question: str, kb, *, lang: str | None = None) -> Reading:
    """Read a question against a knowledge base (its linker and persons)."""
    from yntymaq.ask import _context

    from yntymaq.ask import _context

    question = " ".join(question.split())
    latin = None
    if lang in (None, "kk") and language_of(question) == "en":
        latin = kazakh_from_latin(question, _context(kb).abbreviations)
        if latin:  # read as the Kazakh it is; `understood` says it was written in Latin letters
            question, lang = latin, "kk"
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
    reading.script = "latin" if latin else None
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
