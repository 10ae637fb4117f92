"""Mentions of knowledge-base entities in a text, each linked to its entity or left unlinked.

`EntityLinker.from_kb(kb).find(text)` returns every mention of a state, organisation, organ,
office, meeting, person, place or document that the KB names, with offsets into the original text
and the versioned rule that found it. How, in order:

1. The text is normalised (Latin look-alike letters inside Cyrillic words, PDF hyphenation) with a
   map back to the original offsets (`text.normalize`), and cut into words at every non-letter.
2. Every distinct word is looked up once (cached) in a lexicon of the words of the KB's names and
   aliases: exactly; then, if it starts like a name word, through its analyses — Kazakh suffix
   chains (`text.inflect`: Қазақстанның, Сириядағы, ынтымақтастық for ынтымақтастығы), Russian case
   endings and normal forms (Саудовской Аравии, Египта), English plurals. A word becomes one key:
   the lexeme of the name word it is a form of. Abbreviations (ИЫҰ, СІМК, IsDB) match only in
   their own capitals; a suffix after a hyphen (ИКҰ-ға, 24-ші) belongs to the word before it.
3. The keys form a stream, one character per word; an Aho-Corasick automaton built from the names
   (each a string of keys) finds every name in it in one pass. A name never runs over a sentence
   end or a bracket, quote or stop, and one that is capitalised in the KB must be in the text.
4. Words the first pass left unlinked are compared with the name words by a fuzzy similarity
   (Джубиттиге for Джибутти, ынтамақтастығы); the automaton then runs once more over the stream
   with those words filled in, and keeps the names that needed them (`mention.fuzzy.v1`).
5. Meetings are found by description: an ordinal (as `text.dates` reads ordinals) before a word
   for a session or a body (ИҚҰ-ның 8-ші Саммиті, 24-ші СІММ-нен, 38th session of the Council of
   Foreign Ministers), the body taken from the words next to it, else from its sentence or the
   nearest sentence before it that names one (`mention.meeting.v1`, with a lower score). Only a
   meeting the KB knows is linked.
6. Where mentions overlap, the longest wins. A name that fits several entities is resolved by a
   context word (Джибути қаласы is the city) or, for a state and a city of the same name, by the
   rule that the state comes first (`mention.state_over_place.v1`); otherwise it stays unlinked,
   with its candidates.

Language data (context words, meeting words, ordinal endings, Russian endings, ordinary words that
are also names) lives in `extract/lang/<lang>/*.tsv`.
"""

from __future__ import annotations

import re
import threading
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress, count
from operator import add, getitem

from yntymaq.errors import BadInput
from yntymaq.kb.meetings import meeting_ident
from yntymaq.vocab import Entity, EntityType, Mention

RULE_EXACT = "mention.exact.v1"
"""The words of the text are the words of the name."""
RULE_INFLECTED = "mention.inflected.v1"
"""The name inflected (Қазақстанның, Саудовской Аравии) or with a suffix after a hyphen (ИКҰ-ға)."""
RULE_FUZZY = "mention.fuzzy.v1"
"""A word of the name misspelt, matched by similarity above FUZZY_CUTOFF."""
RULE_MEETING = "mention.meeting.v1"
"""A summit or CFM session described by its ordinal and its body."""
RULE_CONTEXT = "mention.context.v1"
"""Added to the rule when a context word chose between entities of the same name."""
RULE_STATE_FIRST = "mention.state_over_place.v1"
"""Added to the rule when a name fits a state and a place and nothing says which: the state."""

MODES = ("full", "exact")
LANGS = ("kk", "ru", "en")

FUZZY_CUTOFF = 85.0
"""Lowest similarity (0-100) for a misspelt word: the mean of the plain similarity and that of the
words' consonant skeletons, so that vowel slips (Джубитти, Джибутти) weigh less than others."""
FUZZY_MIN_LETTERS = 6
"""Name words shorter than this are never matched fuzzily: one letter off in a short word is too
often another word."""
_NOT_FUZZY, _FUZZY_CAPITAL, _FUZZY_AFTER_NAME = 0, 1, 2  # what an unknown word may be (`_scan`)
FUZZY_MAX_LENGTH_GAP = 2
FUZZY_PREFILTER = 72.0
"""A form must come this close to some part of a word (rapidfuzz partial_ratio) before the word's
stems are worked out and compared with it properly: most words stop here."""
MIN_STEM = 3
"""The shortest stem a word is analysed down to; shorter names match only as whole words."""
ABBREVIATION_MAX = 5
"""An all-capital word this short is an abbreviation: it matches only whole (a suffix follows it
after a hyphen: ИКҰ-ға)."""
CACHE_LIMIT = 1 << 20
"""Words looked up are remembered per language and mode, up to this many."""
SCORE_INFLECTED = 0.95
SCORE_MEETING = 0.95
SCORE_MEETING_FROM_SENTENCE = 0.8
SCORE_MEETING_FROM_CONTEXT = 0.7
CONTEXT_SENTENCES = 3
"""How many sentences back a session's body may be named (the 38th session ... after a sentence on the
CFM)."""

_SPLIT = re.compile(r"(\W+)")
_BREAK_CHARS = frozenset(".!?;()[]{}«»\"“”„‹›<>|/…—–")
"""A name never spans these (a comma, colon, apostrophe, ampersand or hyphen may be inside one)."""
_HYPHENS = frozenset({"-", "‐", "‑"})
_APOSTROPHES = frozenset({"'", "’", "ʼ"})
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_ROMAN_LETTERS = frozenset("IVXLCDMХІ")
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_VOWELS = frozenset("аәеёиоөуұүыіэюяaeiouy")
_VOICED = {"к": "г", "қ": "ғ", "п": "б"}
_TIGHT, _HYPHEN, _APOSTROPHE, _SOFT, _DOT, _BREAK = range(6)
"""What the characters between two words are: spaces; a hyphen; an apostrophe; something a name
may hold (a comma, a colon, an ampersand); a full stop inside a sentence (after an abbreviation:
г. Джибути); something no name runs over (a bracket, a quote, a blank line, a sentence end)."""
_ATTACHING_GAPS = frozenset({_HYPHEN, _APOSTROPHE})  # a suffix after them may belong to the word before
_UNKNOWN = "\x01"
_SEPARATORS = (" ", " ", " ", " ", "|", "|")
"""The character before each word's key in the stream, by the kind of gap before the word: the
patterns hold spaces only, so no name is found across a "|"."""
_BODIES = {"OIC/summit": "summit", "OIC/cfm": "cfm"}
_NAME_INNER_TAGS = frozenset({"PL", "POSS3", "GEN"})
_ORGANISATION = "OIC"


@lru_cache(maxsize=None)
def _table(lang: str, name: str, columns: tuple[str, ...], choices: tuple[tuple[str, frozenset[str]], ...] = ()):
    """A validated table of `extract/lang/<lang>/`: its rows (errors name the file and line)."""
    from yntymaq.text.tables import parse_table

    text = (resources.files("yntymaq") / "extract" / "lang" / lang / f"{name}.tsv").read_text(encoding="utf-8")
    return tuple(parse_table(text, file=f"extract/lang/{lang}/{name}.tsv", columns=columns,
                             letters={columns[0]: lang}, choices=dict(choices)))


def _column(lang: str, name: str, column: str) -> list[str]:
    return [row[column] for row in _table(lang, name, (column,))]


@lru_cache(maxsize=1)
def _kk_excluded_tags() -> frozenset[str]:
    """Tags of Kazakh suffixes that make another word (хатшы-лық, Қазақстан-дық) or an ordinal:
    a name with one of them is no longer a mention of the name."""
    from yntymaq.text.inflect import SUFFIX_COLUMNS
    from yntymaq.text.tables import load_table

    rows = load_table("kk", "suffixes", SUFFIX_COLUMNS, (("back", "kk"), ("front", "kk")))
    return frozenset(row["tag"] for row in rows if row["slot"] in ("DER", "ORD"))


def _skeleton(word: str) -> str:
    """The word with every vowel one symbol and doubled letters single: джубитти → дж*б*т*."""
    out = []
    for ch in word:
        ch = "*" if ch in _VOWELS else ch
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _fold_yo(text: str) -> str:
    """ё as е (str.replace: far quicker than a translation table over a long text)."""
    return text.replace("ё", "е").replace("Ё", "Е")


@lru_cache(maxsize=4096)  # the same names come back in text after text
def _fold_name(text: str) -> str:
    """Case, ё and punctuation folded away: for telling an exact mention from an inflected one."""
    return " ".join(w for w in _SPLIT.split(_fold_yo(text).lower())[::2] if w)


@dataclass(frozen=True, slots=True)
class _Name:
    entity: str
    folded: str  # the name as _fold_name writes it, to tell an exact mention from an inflected one
    capital: bool  # the name starts with a capital letter, so must the text
    common: bool  # a one-word name that is also an ordinary word


@dataclass(slots=True)
class _Tokens:
    """The words of a normalised text, in parallel lists."""

    starts: list[int]
    ends: list[int]  # after a suffix attached with a hyphen or an apostrophe
    words: list[str]  # as written (ё folded), without the attached suffix
    attached: list[str]  # the suffix attached to the word (ға of ИКҰ-ға, ші of 8-ші), or ""
    lexemes: list[int]  # -1 when the word is not a form of any name word
    gaps: list[int]  # what the characters before the word part (_TIGHT ... _BREAK)
    sentence_firsts: list[int]  # the first word of each sentence
    caseless: bool = False  # read from a script without capitals (Arabic): a name need not be capitalised

    def sentence(self, i: int) -> int:
        """The index of word i's sentence; -1 before the first sentence given."""
        return bisect_right(self.sentence_firsts, i) - 1

    def starts_sentence(self, i: int) -> bool:
        sentence = self.sentence(i)
        return i == 0 if sentence < 0 else self.sentence_firsts[sentence] == i

    def tight(self, i: int) -> bool:
        """Only spaces or a hyphen before word i (a comma may stand inside a name, but it parts a
        meeting's ordinal from its body and a context word from its name)."""
        return self.gaps[i] <= _HYPHEN

    def hyphen_after(self, i: int) -> bool:
        return i + 1 < len(self.gaps) and self.gaps[i + 1] == _HYPHEN


@dataclass(slots=True)
class _Candidate:
    first: int  # token indices, inclusive
    last: int
    start: int  # normalised offsets
    end: int
    entities: tuple[str, ...]
    rule: str
    score: float
    priority: int  # on equal length: 0 a name, 1 a meeting, 2 a fuzzy name


class EntityLinker:
    """Finds and links mentions of a knowledge base's entities; build it once per KB."""

    _by_kb: "weakref.WeakKeyDictionary[object, EntityLinker]" = weakref.WeakKeyDictionary()
    _lock = threading.Lock()

    @classmethod
    def from_kb(cls, kb) -> "EntityLinker":
        """The linker of `kb`, built on first use and kept as long as the KB is; read from the user's
        cache when one built from the same dataset and the same code is there (see `extract.cache`)."""
        from yntymaq.extract import cache

        with cls._lock:
            linker = cls._by_kb.get(kb)
            if linker is None:
                linker = cache.linker(kb, lambda: cls(kb.entities.values()))
                cls._by_kb[kb] = linker
            return linker

    def __getstate__(self) -> dict:
        """What a built linker holds, without its automaton (rebuilt from its patterns) and its
        entities (their ids: the KB's own are put back by `attach`)."""
        state = dict(self.__dict__)
        del state["_automaton"]
        state["entities"] = sorted(self.entities)
        return state

    def __setstate__(self, state: dict) -> None:
        import ahocorasick_rs

        self.__dict__.update(state)
        self._automaton = ahocorasick_rs.AhoCorasick(self._patterns, implementation=ahocorasick_rs.Implementation.DFA)

    def attach(self, entities: dict[str, Entity]) -> "EntityLinker":
        """A linker loaded from the cache given the KB's entities, which must be the ids it was built
        from (a ValueError otherwise)."""
        ids = self.entities
        if not isinstance(ids, list) or sorted(entities) != ids:
            raise ValueError("the cached linker was built from other entities")
        self.entities = {i: entities[i] for i in ids}
        return self

    def __init__(self, entities: Iterable[Entity]):
        import ahocorasick_rs

        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self._word_ids: dict[str, int] = {}
        self._word_text: list[str] = []
        self._word_langs: list[set[str]] = []  # the languages of the names a word is in
        self._cased_words: dict[int, str] = {}
        self._parent: list[int] = []
        self._caches: dict[tuple[str, str], dict[str, int]] = {}
        # per (lang, mode), beside the lexeme cache: whether a word may be a misspelt name word
        # (_NOT_FUZZY, _FUZZY_CAPITAL, _FUZZY_AFTER_NAME), so that few words are looked at twice
        self._fuzzy_kinds: dict[tuple[str, str], dict[str, int]] = {}
        self._fuzzy_cache: dict[tuple[str, tuple[str, int, str]], tuple[int, float]] = {}
        self._fuzzy_best: dict[tuple[str, int, str], tuple[int, float]] = {}  # (word, lexeme before, lang) → best
        self._attach_cache: dict[tuple[str, str], bool] = {}
        self._gap_cache: dict[str, int] = {}

        self._ordinal_suffixes = {lang: frozenset(_column(lang, "ordinals", "suffix")) for lang in LANGS}
        self._ru_endings = tuple(sorted(_column("ru", "endings", "ending"), key=len, reverse=True))
        self._en_endings = tuple(sorted(_column("en", "endings", "ending"), key=len, reverse=True))
        self._common = frozenset(w.lower() for lang in LANGS for w in _column(lang, "common_words", "word"))

        names: list[tuple[str, str, list[str]]] = []  # entity, name, words as written
        for entity in self.entities.values():
            for lang, name in entity.all_names():
                variants = {name}
                if "(" in name:
                    variants.add(_PARENTHESIS.sub("", name).strip())
                for variant in variants:
                    words = self._name_words(variant)
                    if words:
                        names.append((entity.id, variant, words))
                        for word in words:
                            self._add_word(word, lang)
        roles: list[tuple[str, str]] = []
        for lang in LANGS:
            for row in _table(lang, "meeting_words", ("word", "means"),
                              (("means", frozenset({"summit", "cfm", "session", "extraordinary", "link"})),)):
                self._add_word(row["word"], lang)
                roles.append((row["word"], row["means"]))
        contexts: list[tuple[str, str, str]] = []
        for lang in LANGS:
            for row in _table(lang, "context", ("word", "side", "means"),
                              (("side", frozenset({"before", "after", "either"})),
                               ("means", frozenset({"place", "state", "skip"})))):
                self._add_word(row["word"], lang)
                contexts.append((row["word"], row["side"], row["means"]))

        self._build_forms()

        self._roles: dict[int, str] = {}
        for word, means in roles:
            self._roles.setdefault(self._lexeme_of_word(word), means)
        self._context: dict[int, list[tuple[str, str]]] = {}
        for word, side, means in contexts:
            self._context.setdefault(self._lexeme_of_word(word), []).append((side, means))

        by_lexemes: dict[tuple[int, ...], list[_Name]] = {}
        starters: set[int] = set()  # lexemes a name starts with
        successors: dict[int, set[int]] = {}  # lexemes a name goes on with after a lexeme
        for entity, name, words in names:
            lexemes = tuple(self._lexeme_of_word(w) for w in words)
            starters.add(lexemes[0])
            for before, after in zip(lexemes, lexemes[1:]):
                successors.setdefault(before, set()).add(after)
            entry = _Name(entity, _fold_name(name), name.lstrip()[:1].isupper() and not self._is_cased(words[0]),
                          len(words) == 1 and words[0].lower() in self._common)
            bucket = by_lexemes.setdefault(lexemes, [])
            if entry not in bucket:
                bucket.append(entry)
        # Each word's key is one character: below the surrogates when there are few enough words, so
        # that the stream is a narrow string, which the automaton reads faster.
        base = 0x100 if 0x100 + len(self._word_text) < 0xD800 else 0x10000
        keys = [chr(base + i) for i in range(len(self._word_text))] + [_UNKNOWN]  # [-1] is unknown
        patterns = {" ".join(keys[lexeme] for lexeme in lexemes): entries for lexemes, entries in by_lexemes.items()}
        # A DFA: the stream is mostly unknown words, and a DFA reads each at the same small cost
        # however many names start at the root.
        self._patterns = list(patterns)
        self._automaton = ahocorasick_rs.AhoCorasick(self._patterns, implementation=ahocorasick_rs.Implementation.DFA)
        self._automaton_values = [((len(key) + 1) // 2, tuple(entries)) for key, entries in patterns.items()]
        self._longest_name = max(((len(key) + 1) // 2 for key in patterns), default=1)  # in words
        # each key after each separator, by the kind of gap: a word's two characters of the stream are
        # then one look-up
        after = {sep: [sep + key for key in keys] for sep in set(_SEPARATORS)}
        self._stream_pairs = [after[sep] for sep in _SEPARATORS]
        self._anchors = {lexeme for lexeme, role in self._roles.items() if role in ("summit", "cfm", "session")}
        self._body_words = frozenset(lexeme for lexeme, role in self._roles.items() if role in ("summit", "cfm"))
        # What a misspelt word is compared with: to start a name, the forms of the words names start
        # with (by first letter); after a word of a name, the forms of the words that follow it there.
        self._successors = {before: frozenset(after) for before, after in successors.items()}
        self._pools: dict[tuple[str, int, str], tuple[list[str], list[int]]] = {}
        for method, by_lexeme in self._fuzzy_forms.items():
            for lexeme in starters:
                for form in by_lexeme.get(lexeme, ()):
                    forms, lexemes = self._pools.setdefault((method, -1, form[0]), ([], []))
                    forms.append(form)
                    lexemes.append(lexeme)
            for before, after in self._successors.items():
                pool = [(form, lexeme) for lexeme in after for form in by_lexeme.get(lexeme, ())]
                if pool:
                    self._pools[(method, before, "")] = ([f for f, _ in pool], [x for _, x in pool])

    # -- the lexicon -------------------------------------------------------------------------

    def _name_words(self, name: str) -> list[str]:
        """The words of a name as the text scanner cuts them (ё folded, suffixes after a hyphen kept
        with their word), so that names and texts are cut the same way."""
        parts = _SPLIT.split(_fold_yo(name))
        words: list[str] = []
        for k in range(0, len(parts), 2):
            word = parts[k]
            if not word:
                continue
            gap = parts[k - 1] if k else ""
            if words and self._attaches(words[-1], word, gap):
                continue
            words.append(word)
        return words

    @staticmethod
    def _is_cased(word: str) -> bool:
        """An abbreviation (ИЫҰ, СІМК, IsDB, OIC): matched only in its own capitals."""
        return sum(ch.isupper() for ch in word) >= 2

    def _add_word(self, word: str, lang: str) -> int:
        key = word if self._is_cased(word) else word.lower()
        ident = self._word_ids.get(key)
        if ident is None:
            ident = len(self._word_text)
            self._word_ids[key] = ident
            self._word_text.append(key)
            self._word_langs.append(set())
            self._parent.append(ident)
            if key != word.lower():
                self._cased_words[ident] = word
        self._word_langs[ident].add(lang)
        return ident

    def _find(self, ident: int) -> int:
        parent = self._parent
        while parent[ident] != ident:
            parent[ident] = parent[parent[ident]]
            ident = parent[ident]
        return ident

    def _lexeme_of_word(self, word: str) -> int:
        key = word if self._is_cased(word) else word.lower()
        return self._find(self._word_ids[key])

    def _word_forms(self, word: str, method: str) -> set[str]:
        """The stems of a name word that its other forms share (the word itself included).

        A name is written in its dictionary form, so a Kazakh name word is reduced only by the
        suffixes a name holds inside it — plural, possessive, genitive (Арабиясы → Арабия,
        министрлерінің → министр) — never by a case ending it merely seems to have (Судан is not
        Су-дан, Уганда not Уган-да).
        """
        forms = {word}
        if method == "kk":
            from yntymaq.text.inflect import kk_analyses

            forms.update(a.stem.lower() for a in kk_analyses(word)
                         if a.suffixes and _NAME_INNER_TAGS.issuperset(a.tags))
        elif method == "ru":
            forms.update(self._ru_stems(word))
        elif method == "en":
            forms.update(self._en_stems(word))
        return forms

    def _build_forms(self) -> None:
        """The forms of every name word per method; words that share a form become one lexeme."""
        by_form: dict[tuple[str, str], int] = {}
        word_forms: list[tuple[int, str, set[str]]] = []
        for ident, word in enumerate(self._word_text):
            if ident in self._cased_words:
                continue
            for method in _methods_of_word(word, self._word_langs[ident]):
                forms = self._word_forms(word, method)
                word_forms.append((ident, method, forms))
                for form in forms:
                    other = by_form.setdefault((method, form), ident)
                    if other != ident:
                        a, b = self._find(other), self._find(ident)
                        if a != b:
                            self._parent[max(a, b)] = min(a, b)
        self._exact: dict[str, int] = {}
        self._cased: dict[str, list[tuple[int, str]]] = {}
        for ident, word in enumerate(self._word_text):
            if ident in self._cased_words:
                self._cased.setdefault(word.lower(), []).append((self._find(ident), word))
            else:
                self._exact[word] = self._find(ident)
        self._forms: dict[str, dict[str, int]] = {"kk": {}, "ru": {}, "en": {}}
        self._gate: dict[str, set[str]] = {"kk": set(), "ru": set(), "en": set()}
        fuzzy: dict[str, dict[int, list[str]]] = {"kk": {}, "ru": {}, "en": {}}
        for ident, method, forms in word_forms:
            lexeme = self._find(ident)
            table, gate = self._forms[method], self._gate[method]
            for form in forms:
                table[form] = lexeme
                if len(form) >= MIN_STEM:
                    gate.add(form)
                    if method == "kk" and form[-1] in _VOICED:
                        gate.add(form[:-1] + _VOICED[form[-1]])
                if len(form) >= FUZZY_MIN_LETTERS and form.isalpha():
                    fuzzy[method].setdefault(lexeme, []).append(form)
        self._fuzzy_forms = {method: {lexeme: sorted(set(forms)) for lexeme, forms in by_lexeme.items()}
                             for method, by_lexeme in fuzzy.items()}
        self._gate_heads = {method: {form[:MIN_STEM] for form in gate} for method, gate in self._gate.items()}
        # Russian words are also looked up by normal form, behind a gate of their first four letters.
        self._ru_gate4 = {form[:4] for form in self._forms["ru"] if len(form) >= 4}

    # -- per-language stems -----------------------------------------------------------------

    def _kk_stems(self, word: str) -> list[tuple[str, float]]:
        """Lower-case stems of the Kazakh readings of `word` (best first), derivations left out."""
        from yntymaq.text.inflect import kk_analyses

        excluded = _kk_excluded_tags()
        return [(a.stem.lower(), a.score) for a in kk_analyses(word)
                if a.suffixes and not excluded.intersection(a.tags)]

    def _ru_stems(self, low: str) -> list[str]:
        return [low[:-len(e)] for e in self._ru_endings if low.endswith(e) and len(low) - len(e) >= MIN_STEM]

    def _en_stems(self, low: str) -> list[str]:
        return [low[:-len(e)] for e in self._en_endings if low.endswith(e) and len(low) - len(e) >= MIN_STEM]

    # -- looking up one word ----------------------------------------------------------------

    def _lookup(self, word: str, method: str, mode: str) -> int:
        """The lexeme `word` is a form of, or -1 (cached by the caller per word)."""
        low = word.lower()
        cased = self._cased.get(low)
        if cased:
            for lexeme, spelling in cased:
                if word == spelling:
                    return lexeme
        if word.isupper() and 1 < len(word) <= ABBREVIATION_MAX:
            # A short all-capital word not matched above is another abbreviation (АҚШ, БҰҰ): it
            # does not inflect, only a whole name word of a heading (ИРАН) is it.
            return self._exact.get(low, -1)
        lexeme = self._exact.get(low)
        if lexeme is not None or mode == "exact" or method not in self._forms:
            return -1 if lexeme is None else lexeme
        # The stem of a Kazakh name word written bare (Сауд Арабия) is a word too; a Russian or English
        # stem is not (Сан of Сана, citi of cities).
        lexeme = self._forms[method].get(low) if method == "kk" else None
        if lexeme is not None or len(low) <= MIN_STEM:
            return -1 if lexeme is None else lexeme
        gate = self._gate[method]
        if low[:MIN_STEM] not in self._gate_heads[method] or \
                not any(low[:i] in gate for i in range(len(low) - 1, MIN_STEM - 1, -1)):
            if method == "ru" and low[:4] in self._ru_gate4:
                return self._ru_normal_form(word)
            return -1
        forms = self._forms[method]
        best, best_length = -1, 0
        if method == "kk":
            for stem, _ in self._kk_stems(word):
                if len(stem) <= best_length:
                    continue
                lexeme = forms.get(stem)
                if lexeme is None:
                    for found, spelling in self._cased.get(stem, ()):
                        rest = word[len(spelling):]
                        if word.startswith(spelling) and rest.islower():
                            lexeme = found
                            break
                if lexeme is not None:
                    best, best_length = lexeme, len(stem)
        else:
            stems = self._ru_stems(low) if method == "ru" else self._en_stems(low)
            for stem in stems:
                lexeme = forms.get(stem)
                if lexeme is not None and len(stem) > best_length:
                    best, best_length = lexeme, len(stem)
        if best < 0 and method == "ru":
            return self._ru_normal_form(word)
        return best

    def _ru_normal_form(self, word: str) -> int:
        from yntymaq.text.morph_ru import normal_form

        lemma = normal_form(word).replace("ё", "е")
        lexeme = self._exact.get(lemma)
        return -1 if lexeme is None else lexeme

    def _attaches(self, before: str, word: str, gap: str) -> bool:
        """Is `word` a suffix of the word before it (ИКҰ-ға, 8-ші, 38-й, OIC's)?"""
        if gap in _APOSTROPHES:
            return word in ("s", "S") and before[-1:].isascii() and before[-1:].isalpha()
        if gap not in _HYPHENS or not word.islower():
            return False
        if before.isdigit():
            context = "NUM"
        elif before.isalpha() and before.isupper() and len(before) >= 2:
            context = "ABBR"
        else:
            return False
        key = (context, word)
        found = self._attach_cache.get(key)
        if found is None:
            found = any(word in suffixes for suffixes in self._ordinal_suffixes.values()) if context == "NUM" \
                else False
            if not found and not word.isascii():
                from yntymaq.text.inflect import kk_analyses

                sample = "1" if context == "NUM" else "ИЫҰ"
                found = any(a.stem == sample and a.suffixes for a in kk_analyses(f"{sample}-{word}"))
            self._attach_cache[key] = found
        return found

    # -- finding mentions -------------------------------------------------------------------

    def find(self, text: str, *, lang: str | None = None, sentences=None, mode: str = "full",
             caseless: bool = False) -> list[Mention]:
        """Every mention in `text`, in order, with offsets into `text` as given.

        `lang` (kk, ru or en) chooses how words inflect; None guesses it from the letters.
        `sentences` are (start, end) pairs or objects with `.start` and `.end`, in offsets of `text`;
        None segments the text here. `mode="exact"` finds only names written exactly as the KB
        writes them (a baseline): no inflection, misspelling or meeting description. `caseless`: the text
        has no capitals (a reading of Arabic script), so a name need not be capitalised.
        """
        if mode not in MODES:
            raise BadInput(f"mode: {mode!r} is not one of {', '.join(MODES)}")
        if lang is not None and lang not in LANGS:
            raise BadInput(f"lang: {lang!r} is not one of {', '.join(LANGS)}")
        if not isinstance(text, str):
            raise BadInput(f"text: expected a string, got {type(text).__name__}")
        if not text:
            return []
        from yntymaq.text.normalize import normalize

        normalized = normalize(text)
        norm, offsets = _fold_yo(normalized.text), normalized.map
        lang = lang or guess_lang(norm)
        toks = self._scan(norm, lang, mode, self._sentence_starts(norm, offsets, sentences))
        if not toks.words:
            return []
        toks.caseless = caseless or normalized.script == "arab"

        candidates, linked = self._match_names(toks, norm, self._stream(toks.lexemes, toks.gaps), mode, None)
        if mode == "full":
            fuzzy = self._fuzzy_tokens(toks, lang)
            if fuzzy:
                lexemes = list(toks.lexemes)
                for i, (lexeme, _) in fuzzy.items():
                    lexemes[i] = lexeme
                more, more_linked = self._match_names(toks, norm, self._stream(lexemes, toks.gaps), mode, fuzzy)
                candidates += more
                for first, found in more_linked.items():
                    linked.setdefault(first, found)
            candidates += self._meetings(toks, norm, lang, linked)

        mentions = []
        for cand in self._resolve_overlaps(candidates):
            entity, rule = (cand.entities[0] if len(cand.entities) == 1 else None), cand.rule
            if entity is None:
                entity, extra = self._disambiguate(cand, toks)
                if extra:
                    rule = f"{rule}+{extra}"
            start, end = offsets.span(cand.start, cand.end)
            mentions.append(Mention(start, end, text[start:end], entity, cand.entities, round(cand.score, 3),
                                    rule, toks.sentence(cand.first)))
        return mentions

    def _sentence_starts(self, norm: str, offsets, sentences) -> list[int]:
        """Where each sentence starts, in normalised offsets."""
        if sentences is None:
            from yntymaq.text.segment import sentence_spans

            return [start for start, _ in sentence_spans(norm)] or [0]
        starts: list[int] = []
        for number, sent in enumerate(sentences):
            try:
                # a pair first: asking a tuple for .start raises inside hasattr, which is slow
                start = sent[0] if type(sent) is tuple else sent.start if hasattr(sent, "start") else sent[0]
            except (TypeError, IndexError):
                raise BadInput(f"sentences[{number}]: expected a (start, end) pair or an object with "
                               f".start and .end, got {sent!r}") from None
            if not isinstance(start, int) or not 0 <= start <= offsets.orig_length:
                raise BadInput(f"sentences[{number}]: start {start!r} is not an offset of the text "
                               f"(0..{offsets.orig_length})")
            if starts and start < starts[-1]:
                raise BadInput(f"sentences[{number}]: starts at {start}, before the sentence before it")
            starts.append(start)
        if not starts:
            return [0]
        return starts if offsets.is_identity else [_to_normalized(offsets, start) for start in starts]

    def _scan(self, norm: str, lang: str, mode: str, sentence_starts: list[int]) -> _Tokens:
        """Cut the text into words and look each distinct one up once. The work per word is done
        by list operations, so that the loop over a long text runs at C speed."""
        parts = _SPLIT.split(norm)
        offsets = list(accumulate(map(len, parts), initial=0))
        words, starts, gaps = parts[0::2], offsets[0::2], [""] + parts[1::2]
        if words and not words[-1]:
            del words[-1], starts[-1], gaps[-1]
        if words and not words[0]:
            del words[0], starts[0], gaps[0]
        gap_kinds = self._gap_cache
        for gap in set(gaps).difference(gap_kinds):
            gap_kinds[gap] = _gap_kind(gap)
        kinds = list(map(gap_kinds.__getitem__, gaps))
        ends = list(map(add, starts, map(len, words)))
        attached = [""] * len(words)
        if mode == "full":
            dropped = set()
            for i in compress(range(len(kinds)), map(_ATTACHING_GAPS.__contains__, kinds)):
                host = i - 1
                if not i or host in dropped or not self._attaches(words[host], words[i], gaps[i]):
                    continue
                dropped.add(i)
                ends[host], attached[host] = ends[i], words[i]
            if dropped:
                keep = [True] * len(words)
                for i in dropped:
                    keep[i] = False
                words, starts, ends, kinds, attached = (list(compress(seq, keep))
                                                        for seq in (words, starts, ends, kinds, attached))
        cache = self._caches.setdefault((lang, mode), {})
        if len(cache) > CACHE_LIMIT:  # a long-running process reading a large corpus: start afresh
            # (new dictionaries, so that a search running in another thread keeps its own)
            cache = self._caches[(lang, mode)] = {}
            self._fuzzy_kinds[(lang, mode)] = {}
            self._fuzzy_cache, self._fuzzy_best = {}, {}
        try:  # most words of a text were seen before: look them up without building a set of them
            lexemes = list(map(cache.__getitem__, words))
        except KeyError:
            fuzzy_kinds = self._fuzzy_kinds.setdefault((lang, mode), {})
            for word in set(words).difference(cache):
                cache[word] = lexeme = self._lookup(word, _method(word, lang), mode)
                fuzzy_kinds[word] = _NOT_FUZZY if lexeme >= 0 or len(word) < FUZZY_MIN_LETTERS \
                    else _FUZZY_CAPITAL if word[0].isupper() else _FUZZY_AFTER_NAME
            lexemes = list(map(cache.__getitem__, words))
        firsts = [bisect_left(starts, start) for start in sentence_starts]
        for first in firsts:
            if first < len(kinds):
                kinds[first] = _BREAK
        return _Tokens(starts, ends, words, attached, lexemes, kinds, firsts)

    def _stream(self, lexemes: list[int], gaps: list[int]) -> str:
        """One character per word (its lexeme, or unknown), each after the character of its gap."""
        return "".join(map(getitem, map(self._stream_pairs.__getitem__, gaps), lexemes))

    def _match_names(self, toks: _Tokens, norm: str, stream: str, mode: str,
                     fuzzy: dict[int, tuple[int, float]] | None) -> tuple[list[_Candidate], dict]:
        """Names found in one pass of the automaton over the stream of keys. With `fuzzy`, only the
        names that need a fuzzily matched word are kept. Also returns the names that name one entity
        (first token → (last token, entity)), the longest from each token: meetings are described
        by the organs among them."""
        out: list[_Candidate] = []
        linked: dict[int, tuple[int, str]] = {}
        words = toks.words
        for end, (length, names) in self._hits(stream, fuzzy):
            last = (end - 2) // 2
            first = last - length + 1
            fuzzy_scores = []
            if fuzzy is not None:
                fuzzy_scores = [fuzzy[i][1] for i in range(first, last + 1) if i in fuzzy]
                if not fuzzy_scores:
                    continue
            capitalised = words[first][:1].isupper()
            start, end = toks.starts[first], toks.ends[last]
            surface = words[first].lower() if first == last and not toks.attached[first] \
                else _fold_name(norm[start:end])
            kept, exact = [], False
            for name in names:
                if name.capital and not (capitalised or toks.caseless):
                    continue
                if name.common and (not capitalised or toks.starts_sentence(first)):
                    continue
                is_exact = surface == name.folded
                if mode == "exact" and not is_exact:
                    continue
                exact = exact or is_exact
                kept.append(name.entity)
            if not kept:
                continue
            entities = tuple(dict.fromkeys(kept))
            if fuzzy_scores:
                rule, score, priority = RULE_FUZZY, min(fuzzy_scores) / 100, 2
            elif exact:
                rule, score, priority = RULE_EXACT, 1.0, 0
            else:
                rule, score, priority = RULE_INFLECTED, SCORE_INFLECTED, 0
            out.append(_Candidate(first, last, start, end, entities, rule, score, priority))
            if len(entities) == 1 and linked.get(first, (-1,))[0] < last:
                linked[first] = (last, entities[0])
        return out, linked

    def _hits(self, stream: str, fuzzy: dict[int, tuple[int, float]] | None) -> list[tuple[int, tuple]]:
        """The automaton's matches in the stream, each as (its end, (length in words, names)); with
        `fuzzy`, only in the stretches a name holding a fuzzily matched word can lie in (a few words
        around each), not over the whole text again."""
        values = self._automaton_values
        if fuzzy is None:
            return [(end, values[index]) for index, _, end in self._automaton.find_matches_as_indexes(stream, True)]
        reach = self._longest_name - 1
        stretches: list[list[int]] = []
        for i in sorted(fuzzy):
            lo, hi = max(i - reach, 0), i + reach
            if stretches and lo <= stretches[-1][1] + 1:
                stretches[-1][1] = hi
            else:
                stretches.append([lo, hi])
        hits = []
        for lo, hi in stretches:  # word i is at 2i (its gap) and 2i + 1 (its key) of the stream
            base = 2 * lo
            hits += [(base + end, values[index]) for index, _, end in
                     self._automaton.find_matches_as_indexes(stream[base:2 * hi + 2], True)]
        return hits

    # -- misspellings -----------------------------------------------------------------------

    def _fuzzy_tokens(self, toks: _Tokens, lang: str) -> dict[int, tuple[int, float]]:
        """Unlinked words close enough to a name word: index → (lexeme, similarity). A capitalised
        word is compared with the words names start with; a word after a word of a name, with the
        words that follow that one in some name."""
        found: dict[int, tuple[int, float]] = {}
        words, lexemes, gaps = toks.words, toks.lexemes, toks.gaps
        successors = self._successors
        before_lexemes = [-1] + lexemes[:-1]
        # The kinds were set with the lexemes (`_scan`). Candidates: the capitalised unknown words,
        # and the unknown words right after a word that goes on in some name (found from the few
        # words of names, not by asking each word what stands before it).
        kinds = list(map(self._fuzzy_kinds[(lang, "full")].__getitem__, words))
        candidates = list(compress(range(len(words)), map(_FUZZY_CAPITAL.__eq__, kinds)))
        after = [i + 1 for i in compress(range(len(words) - 1), map(successors.__contains__, lexemes))
                 if kinds[i + 1] == _FUZZY_AFTER_NAME]
        if after:
            candidates = sorted(candidates + after)
        best_of = self._fuzzy_best
        for i in candidates:
            word = words[i]
            before = before_lexemes[i] if gaps[i] < _DOT else -1
            key = (word, before, lang)
            best = best_of.get(key)
            if best is None:
                best = best_of[key] = self._fuzzy_best_for(word, before, lang)
            if best[0] >= 0:
                found[i] = best
        return found

    def _fuzzy_best_for(self, word: str, before: int, lang: str) -> tuple[int, float]:
        """The name word `word` is most like, after a word of lexeme `before` (-1: none), or (-1, 0)."""
        if not word.isalpha() or word.isupper() or word.lower() in _stopwords():
            return -1, 0.0
        cache, pools = self._fuzzy_cache, self._pools
        method = _method(word, lang)
        best = (-1, 0.0)
        for pool in ((method, -1, word[0].lower()) if word[0].isupper() else None, (method, before, "")):
            if pool not in pools:
                continue
            key = (word, pool)
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = self._fuzzy_lookup(word, method, pools[pool])
            if hit[1] > best[1]:
                best = hit
        return best

    def _fuzzy_lookup(self, word: str, method: str, pool: tuple[list[str], list[int]]) -> tuple[int, float]:
        """The lexeme of the pool whose form is most like `word` or one of its stems, and the
        similarity; (-1, 0) below FUZZY_CUTOFF."""
        from rapidfuzz.fuzz import partial_ratio, ratio
        from rapidfuzz.process import extract_iter

        low = word.lower()
        pool_forms, pool_lexemes = pool
        # A cheap first look, before the word is analysed: a form close to some part of the word.
        near = [index for _, _, index in extract_iter(low, pool_forms, scorer=partial_ratio,
                                                       score_cutoff=FUZZY_PREFILTER)]
        if not near:
            return -1, 0.0
        forms = [pool_forms[index] for index in near]
        stems = {low}
        if method == "kk":
            stems.update(stem for stem, _ in self._kk_stems(word))
        elif method == "ru":
            stems.update(self._ru_stems(low))
        else:
            stems.update(self._en_stems(low))
        best, best_score = -1, 0.0
        for stem in stems:
            if len(stem) < FUZZY_MIN_LETTERS:
                continue
            skeleton = _skeleton(stem)
            for form, plain, index in extract_iter(stem, forms, scorer=ratio, score_cutoff=2 * FUZZY_CUTOFF - 100):
                # a form that the word merely lengthens or shortens differs in its suffixes, which the
                # analysis has judged already (Мәселен is not a misspelt мәселе)
                if abs(len(form) - len(stem)) > FUZZY_MAX_LENGTH_GAP or form.startswith(stem) or stem.startswith(form):
                    continue
                score = (plain + ratio(skeleton, _skeleton(form))) / 2
                if score >= FUZZY_CUTOFF and score > best_score:
                    best, best_score = pool_lexemes[near[index]], score
        return best, best_score

    # -- meetings by description ------------------------------------------------------------

    def _ordinal(self, toks: _Tokens, j: int, norm: str, lang: str) -> tuple[int, int] | None:
        """(value, first token) of an ordinal that ends with token j (8-ші, 38-й, 38th, XIII,
        тоғызыншы, thirty-eighth) or with the hyphen after it (39-сессияда), as `text.dates` reads
        ordinals (a year or a century is no ordinal of a meeting); None if there is none."""
        word = toks.words[j]
        if not (word[0].isdigit() or word.isupper() and all(ch in _ROMAN_LETTERS for ch in word)
                or toks.lexemes[j] < 0 and word.isalpha() and _may_be_number_word(word.lower(), lang)):
            return None
        first = j
        while first > 0 and j - first < 3 and toks.tight(first):
            first -= 1
        window = toks.starts[first]
        for value, start, end in _ordinals_in(norm[window:toks.ends[j + 1]], lang):
            if toks.ends[j] <= window + end <= toks.starts[j + 1]:
                return value, bisect_right(toks.starts, window + start) - 1
        return None

    def _meetings(self, toks: _Tokens, norm: str, lang: str, linked: dict[int, tuple[int, str]]) -> list[_Candidate]:
        """Sessions described by an ordinal and a body: each word for a session or a body (or an
        organ's name) with an ordinal right before it is one; its body is the one it names, else
        the one named right after it or right before its ordinal (the mention then takes that name
        in), else the only one its sentence names."""
        organs = {first: (last, _BODIES[e]) for first, (last, e) in linked.items() if e in _BODIES}
        lexemes = toks.lexemes
        anchors = sorted(set(organs).union(compress(count(), map(self._anchors.__contains__, lexemes))))
        if not anchors:
            return []
        roles = self._roles
        role = lambda i: roles.get(lexemes[i]) if 0 <= i < len(lexemes) else None  # noqa: E731
        organ_ending = {last: (first, body) for first, (last, body) in organs.items()}
        organisation_ending = {last: first for first, (last, e) in linked.items() if e == _ORGANISATION}
        sentence_bodies: dict[int, set[str]] = {}
        for first, (_, body) in organs.items():
            sentence_bodies.setdefault(toks.sentence(first), set()).add(body)
        for i in compress(count(), map(self._body_words.__contains__, lexemes)):
            if self._is_cased(toks.words[i]):
                # an abbreviation (СІМ, СМИД) names its body; a common noun (саммит) may be another's
                sentence_bodies.setdefault(toks.sentence(i), set()).add(roles[lexemes[i]])
        n = len(toks.words)
        out: list[_Candidate] = []
        for i in anchors:
            if i in organs:
                last, body = organs[i]
            else:
                last, body = i, (None if role(i) == "session" else role(i))
            # kind words and the organisation's name may stand between: 1-төтенше сессиясы, 12th OIC Summit
            j, kind = i - 1, "ordinary"
            while j >= 0 and toks.tight(j + 1) and (role(j) == "extraordinary" or j in organisation_ending):
                if role(j) == "extraordinary":
                    kind, j = "extraordinary", j - 1
                else:
                    j = organisation_ending[j] - 1
            if j < 0 or not toks.tight(j + 1):
                continue
            ordinal = self._ordinal(toks, j, norm, lang)
            if ordinal is None:
                continue
            value, first = ordinal
            score = SCORE_MEETING
            # the body named right after: сессии СМИД, session of the OIC Council of Foreign Ministers
            # (not in Kazakh, where the body comes first: what follows belongs to the next phrase)
            k = last + 1
            while k < n and toks.tight(k) and (role(k) == "link" or linked.get(k, (0, ""))[1] == _ORGANISATION):
                k = k + 1 if role(k) == "link" else linked[k][0] + 1
            if lang != "kk" and k < n and toks.tight(k):
                if k in organs and body in (None, organs[k][1]):
                    body, last = organs[k][1], organs[k][0]
                elif k == last + 1 and body is None and role(k) in ("summit", "cfm"):
                    body, last = role(k), k
            # or right before the ordinal: СІМК 39-сессиясы, СІМ 32-кеңесінің
            before = first - 1
            if before >= 0 and toks.tight(first):
                if before in organ_ending and body in (None, organ_ending[before][1]):
                    body, first = organ_ending[before][1], organ_ending[before][0]
                elif role(before) in ("summit", "cfm") and body in (None, role(before)):
                    body, first = role(before), before
            if body is None:
                body, score = self._body_from_context(toks.sentence(i), sentence_bodies)
                if body is None:
                    continue
            ident = meeting_ident(body, kind, value)
            if ident in self.entities:
                out.append(_Candidate(first, last, toks.starts[first], toks.ends[last], (ident,),
                                      RULE_MEETING, score, 1))
        return out

    @staticmethod
    def _body_from_context(sentence: int, sentence_bodies: dict[int, set[str]]) -> tuple[str | None, float]:
        """The body a session belongs to when no word next to it names one: the one its sentence
        names, else the one the nearest sentence before it names (a few back at most) — and none
        where that sentence names both."""
        for back in range(CONTEXT_SENTENCES + 1):
            named = sentence_bodies.get(sentence - back)
            if named:
                if len(named) > 1:
                    return None, 0.0
                return next(iter(named)), SCORE_MEETING_FROM_SENTENCE if back == 0 else SCORE_MEETING_FROM_CONTEXT
        return None, 0.0

    # -- choosing -----------------------------------------------------------------------------

    @staticmethod
    def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
        """The longest mention wins where mentions overlap; on a tie, a name over a meeting over a
        fuzzy name, then the earlier one."""
        taken: set[int] = set()
        kept = []
        for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
            tokens = range(cand.first, cand.last + 1)
            if any(t in taken for t in tokens):
                continue
            taken.update(tokens)
            kept.append(cand)
        return sorted(kept, key=lambda c: c.start)

    def _disambiguate(self, cand: _Candidate, toks: _Tokens) -> tuple[str | None, str]:
        """The one entity a name of several means here, and the rule that chose it; or None."""
        types = {e: self.entities[e].type for e in cand.entities}
        wanted = self._context_type(cand, toks)
        if wanted is not None:
            fitting = [e for e in cand.entities if types[e].value == wanted]
            if len(fitting) == 1:
                return fitting[0], RULE_CONTEXT
        states = [e for e in cand.entities if types[e] is EntityType.STATE]
        if len(states) == 1 and all(types[e] in (EntityType.STATE, EntityType.PLACE) for e in cand.entities):
            return states[0], RULE_STATE_FIRST
        return None, ""

    def _context_type(self, cand: _Candidate, toks: _Tokens) -> str | None:
        n = len(toks.words)
        after = cand.last + 1
        if after < n and toks.tight(after):
            for side, means in self._context.get(toks.lexemes[after], ()):
                if side in ("after", "either") and means != "skip":
                    return means
        before = cand.first - 1
        # a one-letter context word is an abbreviation with its full stop: г. Джибути
        while before >= 0 and (toks.tight(before + 1)
                               or toks.gaps[before + 1] == _DOT and len(toks.words[before]) == 1):
            entries = self._context.get(toks.lexemes[before], ())
            if any(means == "skip" for _, means in entries):
                before -= 1
                continue
            for side, means in entries:
                if side in ("before", "either"):
                    return means
            break
        return None


@lru_cache(maxsize=4096)  # the same few words around an ordinal come back in text after text
def _ordinals_in(window: str, lang: str) -> tuple[tuple[int, int, int], ...]:
    """(value, start, end) of each ordinal `text.dates` reads in a few words of text."""
    from yntymaq.text.dates import find_ordinals

    return tuple((ordinal.value, ordinal.start, ordinal.end) for ordinal in find_ordinals(window, lang))


@lru_cache(maxsize=None)
def _number_words(lang: str):
    from yntymaq.text.numbers import numeral_table

    return tuple(numeral_table(lang)) if lang == "kk" else frozenset(numeral_table(lang))


def _may_be_number_word(low: str, lang: str) -> bool:
    """Could `low` be (the end of) a number in words? Kazakh numerals are stems (тоғыз-ыншы)."""
    words = _number_words(lang)
    return low.startswith(words) if lang == "kk" else low in words


def _gap_kind(gap: str) -> int:
    """What the characters between two words part (see _TIGHT ... _BREAK)."""
    if not gap or gap.isspace() and "\n\n" not in gap:
        return _TIGHT
    if gap in _HYPHENS:
        return _HYPHEN
    if gap in _APOSTROPHES:
        return _APOSTROPHE
    if gap.rstrip(" ") == ".":
        return _DOT
    if len(gap) > 32 or "\n\n" in gap or any(ch in _BREAK_CHARS for ch in gap):
        return _BREAK
    return _SOFT


def _method(word: str, lang: str) -> str:
    """How a word inflects: kk, ru, en, or num/other for words that only match whole."""
    first = word[0]
    if first.isdigit():
        return "num"
    if first.isascii():
        return "en"
    if "\u0400" <= first <= "\u04ff":
        if lang in ("kk", "ru"):
            return lang
        return "kk" if any(ch in _KAZAKH_LETTERS for ch in word) else "ru"
    return "other"


def _methods_of_word(word: str, langs: set[str]) -> tuple[str, ...]:
    """How the forms of a name word are found: by the languages of the names it is in (сауда is
    Kazakh in a Kazakh name, so no Russian ending is taken off it)."""
    first = word[0]
    if first.isascii() and first.isalpha():
        return ("en",) if "en" in langs else ()
    if "\u0400" <= first <= "\u04ff":
        return tuple(m for m in ("kk", "ru") if m in langs)
    return ()


def guess_lang(text: str, *, sample: int = 20_000) -> str:
    """kk, ru or en for (the start of) a text: `text.langid` says, from letters and stop words; where
    it cannot (no stop word, a tie), the letters alone: Kazakh has nine Russian has not."""
    from yntymaq.text.langid import identify

    head = text[:sample]
    found = identify(head)
    if found is not None:
        return found
    head = head.lower()
    kazakh = sum(head.count(ch) for ch in "әғқңөұүһі")
    cyrillic = len(re.findall(r"[а-яёәғқңөұүһі]", head))
    latin = len(re.findall(r"[a-z]", head))
    if latin > cyrillic:
        return "en"
    return "kk" if cyrillic and kazakh >= 0.01 * cyrillic else "ru"


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from yntymaq.text.tables import load_table

    words: set[str] = set()
    for lang in LANGS:
        words.update(row["word"].lower() for row in load_table(lang, "stopwords", ("word",), (("word", lang),)))
    return frozenset(words)


def _to_normalized(offsets, original: int) -> int:
    """The normalised offset of an original one (the start of the segment it fell in)."""
    if offsets.is_identity:
        return original
    i = bisect_right(offsets.orig, original) - 1
    if i < 0:
        return 0
    if offsets.span_end[i] >= 0:
        return offsets.norm[i]
    limit = offsets.norm[i + 1] if i + 1 < len(offsets.norm) else offsets.norm_length
    return min(offsets.norm[i] + original - offsets.orig[i], limit)


def find_mentions(text: str, kb, *, lang: str | None = None, sentences=None, mode: str = "full") -> list[Mention]:
    """The mentions of `kb`'s entities in `text` (see `EntityLinker.find`)."""
    return EntityLinker.from_kb(kb).find(text, lang=lang, sentences=sentences, mode=mode)
