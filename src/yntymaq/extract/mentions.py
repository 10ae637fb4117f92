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
5. Meetings are found by description: an ordinal before a word for a session or a body
   (ИҚҰ-ның 8-ші Саммиті, 24-ші СІММ-нен, 38th session of the Council of Foreign Ministers), the body
   taken from the words next to it or else from the sentence that names it (`mention.meeting.v1`).
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
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from operator import add

from yntymaq.errors import BadInput
from yntymaq.vocab import Entity, EntityType, Mention, meeting_id

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
FUZZY_MAX_LENGTH_GAP = 2
MIN_STEM = 3
"""The shortest stem a word is analysed down to; shorter names match only as whole words."""
SCORE_INFLECTED = 0.95
SCORE_MEETING = 0.95
SCORE_MEETING_FROM_SENTENCE = 0.8

_SPLIT = re.compile(r"(\W+)")
_BREAK_CHARS = frozenset(".!?;()[]{}«»\"“”„‹›<>|/…—–")
"""A name never spans these (a comma, colon, apostrophe, ampersand or hyphen may be inside one)."""
_HYPHENS = frozenset({"-", "‐", "‑"})
_APOSTROPHES = frozenset({"'", "’", "ʼ"})
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_EN_ORDINAL = re.compile(r"(\d{1,3})(st|nd|rd|th)", re.I)
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_YO = str.maketrans("ёЁ", "еЕ")
_VOWELS = frozenset("аәеёиоөуұүыіэюяaeiouy")
_VOICED = {"к": "г", "қ": "ғ", "п": "б"}
_GAP_TIGHT, _GAP_SOFT, _GAP_BREAK = range(3)
_BASE = 0x10000
_UNKNOWN = "\x01"
_GAP, _BREAK = " ", "|"
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
    from yntymaq.text.tables import load_table

    rows = load_table("kk", "suffixes", ("id", "tag", "slot", "back", "front", "after", "gain"),
                      (("back", "kk"), ("front", "kk")))
    return frozenset(row["tag"] for row in rows if row["slot"] in ("DER", "ORD"))


def _skeleton(word: str) -> str:
    """The word with every vowel one symbol and doubled letters single: джубитти → дж*б*т*."""
    out = []
    for ch in word:
        ch = "*" if ch in _VOWELS else ch
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _fold_name(text: str) -> str:
    """Case, ё and punctuation folded away: for telling an exact mention from an inflected one."""
    return " ".join(w for w in _SPLIT.split(text.translate(_YO).lower())[::2] if w)


@dataclass(frozen=True, slots=True)
class _Name:
    entity: str
    words: tuple[str, ...]  # lower case, as in the KB
    capital: bool  # the name starts with a capital letter, so must the text
    common: bool  # a one-word name that is also an ordinary word


@dataclass(slots=True)
class _Tokens:
    """The words of a normalised text, in parallel lists."""

    starts: list[int]
    ends: list[int]  # after any suffix attached with a hyphen
    words: list[str]  # as written (ё folded), without the attached suffix
    attached: list[str]  # the suffix after a hyphen or apostrophe, or ""
    hyphen_after: list[bool]  # a hyphen joins the word to the next one (39-сессияда)
    lexemes: list[int]  # -1 when the word is not a form of any name word
    seps: list[str]  # _BREAK before the word when no name may run over the gap, else _GAP
    tight: list[bool]  # only spaces or a hyphen before the word (a comma may be inside a name, but
    # it parts a meeting's ordinal from its body, and a context word from its name)
    sentences: list[int]


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
        """The linker of `kb`, built on first use and kept as long as the KB is."""
        with cls._lock:
            linker = cls._by_kb.get(kb)
            if linker is None:
                linker = cls(kb.entities.values())
                cls._by_kb[kb] = linker
            return linker

    def __init__(self, entities: Iterable[Entity]):
        import ahocorasick

        self.entities: dict[str, Entity] = {e.id: e for e in entities}
        self._word_ids: dict[str, int] = {}
        self._word_text: list[str] = []
        self._word_langs: list[set[str]] = []  # the languages of the names a word is in
        self._cased_words: dict[int, str] = {}
        self._parent: list[int] = []
        self._caches: dict[tuple[str, str], dict[str, int]] = {}
        self._fuzzy_cache: dict[tuple[str, str], tuple[int, float]] = {}
        self._attach_cache: dict[tuple[str, str], bool] = {}
        self._gap_cache: dict[str, bool] = {}

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

        patterns: dict[str, list[_Name]] = {}
        for entity, name, words in names:
            key = self._pattern([self._lexeme_of_word(w) for w in words])
            lowered = tuple(w.lower() for w in words)
            first = name.lstrip()[:1]
            entry = _Name(entity, lowered, first.isupper() and not self._is_cased(words[0]),
                          len(words) == 1 and lowered[0] in self._common)
            bucket = patterns.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)
        self._automaton = ahocorasick.Automaton()
        for key, entries in patterns.items():
            self._automaton.add_word(key, (len(entries[0].words), tuple(entries)))
        self._automaton.make_automaton()

    # -- the lexicon -------------------------------------------------------------------------

    def _name_words(self, name: str) -> list[str]:
        """The words of a name as the text scanner cuts them (ё folded, suffixes after a hyphen kept
        with their word), so that names and texts are cut the same way."""
        parts = _SPLIT.split(name.translate(_YO))
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
        fuzzy: dict[str, dict[tuple[str, int], list[tuple[str, str, int]]]] = {"kk": {}, "ru": {}, "en": {}}
        seen_fuzzy: set[tuple[str, str]] = set()
        for ident, method, forms in word_forms:
            lexeme = self._find(ident)
            table, gate = self._forms[method], self._gate[method]
            for form in forms:
                table[form] = lexeme
                if len(form) >= MIN_STEM:
                    gate.add(form)
                    if method == "kk" and form[-1] in _VOICED:
                        gate.add(form[:-1] + _VOICED[form[-1]])
                if len(form) >= FUZZY_MIN_LETTERS and form.isalpha() and (method, form) not in seen_fuzzy:
                    seen_fuzzy.add((method, form))
                    fuzzy[method].setdefault((form[0], len(form)), []).append((form, _skeleton(form), lexeme))
        self._fuzzy_keys = fuzzy
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

    def _pattern(self, lexemes: list[int]) -> str:
        return " ".join(chr(_BASE + lexeme) for lexeme in lexemes)

    # -- looking up one word ----------------------------------------------------------------

    def _lookup(self, word: str, method: str, mode: str) -> int:
        """The lexeme `word` is a form of, or -1 (cached by the caller per word)."""
        low = word.lower()
        cased = self._cased.get(low)
        if cased:
            for lexeme, spelling in cased:
                if word == spelling:
                    return lexeme
        if word.isupper() and len(word) > 1 and method != "num":
            # An all-capital word is an abbreviation or a shouted word; only a full name word matches it.
            lexeme = self._exact.get(low)
            if lexeme is not None or mode == "exact" or method != "kk" or len(word) <= 5:
                return -1 if lexeme is None else lexeme
        lexeme = self._exact.get(low)
        if lexeme is not None or mode == "exact" or method not in self._forms or len(low) <= MIN_STEM:
            return -1 if lexeme is None else lexeme
        gate = self._gate[method]
        if not any(low[:i] in gate for i in range(len(low) - 1, MIN_STEM - 1, -1)):
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

    def find(self, text: str, *, lang: str | None = None, sentences=None, mode: str = "full") -> list[Mention]:
        """Every mention in `text`, in order, with offsets into `text` as given.

        `lang` (kk, ru or en) chooses how words inflect; None guesses it from the letters.
        `sentences` are (start, end) pairs or objects with `.start` and `.end`, in offsets of `text`;
        None segments the text here. `mode="exact"` finds only names written exactly as the KB
        writes them (a baseline): no inflection, misspelling or meeting description.
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
        norm, offsets = normalized.text.translate(_YO), normalized.map
        lang = lang or guess_lang(norm)
        sentence_starts = self._sentence_starts(norm, offsets, sentences)
        toks = self._scan(norm, lang, mode, sentence_starts)

        candidates, linked = self._match_names(toks, self._stream(toks.lexemes, toks.seps), mode, None)
        if mode == "full":
            fuzzy = self._fuzzy_tokens(toks, lang)
            if fuzzy:
                lexemes = list(toks.lexemes)
                for i, (lexeme, _) in fuzzy.items():
                    lexemes[i] = lexeme
                more, more_linked = self._match_names(toks, self._stream(lexemes, toks.seps), mode, fuzzy)
                candidates += more
                for first, found in more_linked.items():
                    linked.setdefault(first, found)
            candidates += self._meetings(toks, norm, lang, linked)

        mentions = []
        for cand in self._resolve_overlaps(candidates):
            entity, rule = cand.entities[0] if len(cand.entities) == 1 else None, cand.rule
            if entity is None:
                entity, extra = self._disambiguate(cand, toks)
                if extra:
                    rule = f"{rule}+{extra}"
            start, end = offsets.span(cand.start, cand.end)
            mentions.append(Mention(start, end, text[start:end], entity, cand.entities, round(cand.score, 3),
                                    rule, toks.sentences[cand.first]))
        return mentions

    def _sentence_starts(self, norm: str, offsets, sentences) -> list[int]:
        """Where each sentence starts, in normalised offsets."""
        if sentences is None:
            from yntymaq.text.segment import sentence_spans

            starts = [start for start, _ in sentence_spans(norm)]
        else:
            starts = []
            for sent in sentences:
                start = sent.start if hasattr(sent, "start") else sent[0]
                starts.append(_to_normalized(offsets, start))
        return starts or [0]

    def _scan(self, norm: str, lang: str, mode: str, sentence_starts: list[int]) -> _Tokens:
        parts = _SPLIT.split(norm)
        offsets = list(accumulate(map(len, parts), initial=0))
        toks = _Tokens([], [], [], [], [], [], [], [], [])
        starts, ends, words, attached, lexemes, seps, sents = (
            toks.starts, toks.ends, toks.words, toks.attached, toks.lexemes, toks.seps, toks.sentences)
        hyphen_after, tight = toks.hyphen_after, toks.tight
        cache = self._caches.setdefault((lang, mode), {})
        gap_cache = self._gap_cache
        sentence = 0
        next_sentence = sentence_starts[1] if len(sentence_starts) > 1 else len(norm) + 1
        for k in range(0, len(parts), 2):
            word = parts[k]
            if not word:
                continue
            start = offsets[k]
            gap = parts[k - 1] if k else ""
            kind = gap_cache.get(gap)
            if kind is None:
                kind = gap_cache[gap] = _gap_kind(gap)
            broken = kind == _GAP_BREAK
            if start >= next_sentence:
                while start >= next_sentence:
                    sentence += 1
                    next_sentence = sentence_starts[sentence + 1] if sentence + 1 < len(sentence_starts) \
                        else len(norm) + 1
                broken, kind = True, _GAP_BREAK
            if words and not broken and mode == "full" and (gap in _HYPHENS or gap in _APOSTROPHES) \
                    and not attached[-1] and self._attaches(words[-1], word, gap):
                ends[-1] = start + len(word)
                attached[-1] = word
                continue
            if words:
                hyphen_after[-1] = gap in _HYPHENS
            lexeme = cache.get(word)
            if lexeme is None:
                lexeme = cache[word] = self._lookup(word, _method(word, lang), mode)
            starts.append(start)
            ends.append(start + len(word))
            words.append(word)
            attached.append("")
            hyphen_after.append(False)
            lexemes.append(lexeme)
            seps.append(_BREAK if broken else _GAP)
            tight.append(kind == _GAP_TIGHT)
            sents.append(sentence)
        return toks

    @staticmethod
    def _stream(lexemes: list[int], seps: list[str]) -> str:
        keys = [chr(_BASE + x) if x >= 0 else _UNKNOWN for x in lexemes]
        return "".join(map(add, seps, keys))

    def _match_names(self, toks: _Tokens, stream: str, mode: str,
                     fuzzy: dict[int, tuple[int, float]] | None) -> tuple[list[_Candidate], dict]:
        """Names found in one pass of the automaton over the stream of keys. With `fuzzy`, only the
        names that need a fuzzily matched word are kept. Also returns the names that name one entity
        (first token → (last token, entity)), the longest from each token: meetings are described
        by the organs among them."""
        out: list[_Candidate] = []
        linked: dict[int, tuple[int, str]] = {}
        words, sents = toks.words, toks.sentences
        for end_index, (length, names) in self._automaton.iter(stream):
            last = (end_index - 1) // 2
            first = last - length + 1
            fuzzy_scores = []
            if fuzzy is not None:
                fuzzy_scores = [fuzzy[i][1] for i in range(first, last + 1) if i in fuzzy]
                if not fuzzy_scores:
                    continue
            head = words[first]
            capitalised = head[:1].isupper()
            sentence_start = first == 0 or sents[first - 1] != sents[first]
            surface = tuple(w.lower() for w in words[first:last + 1])
            plain = not any(toks.attached[first:last + 1])
            kept, exact = [], False
            for name in names:
                if name.capital and not capitalised:
                    continue
                if name.common and (not capitalised or sentence_start):
                    continue
                is_exact = plain and surface == name.words
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
            out.append(_Candidate(first, last, toks.starts[first], toks.ends[last], entities, rule, score, priority))
            if len(entities) == 1 and linked.get(first, (-1,))[0] < last:
                linked[first] = (last, entities[0])
        return out, linked

    # -- misspellings -----------------------------------------------------------------------

    def _fuzzy_tokens(self, toks: _Tokens, lang: str) -> dict[int, tuple[int, float]]:
        """Unlinked words that are close enough to a name word: index → (lexeme, similarity)."""
        found: dict[int, tuple[int, float]] = {}
        words, lexemes, seps = toks.words, toks.lexemes, toks.seps
        stop = _stopwords()
        for i, word in enumerate(words):
            if lexemes[i] >= 0 or len(word) < FUZZY_MIN_LETTERS or not word.isalpha() or word.isupper():
                continue
            if not word[0].isupper() and not (i and lexemes[i - 1] >= 0 and seps[i] == _GAP):
                continue
            method = _method(word, lang)
            if method not in self._fuzzy_keys:
                continue
            key = (method, word)
            hit = self._fuzzy_cache.get(key)
            if hit is None:
                hit = (-1, 0.0) if word.lower() in stop else self._fuzzy_lookup(word, method)
                self._fuzzy_cache[key] = hit
            if hit[0] >= 0:
                found[i] = hit
        return found

    def _fuzzy_lookup(self, word: str, method: str) -> tuple[int, float]:
        from rapidfuzz.fuzz import ratio

        low = word.lower()
        stems = {low}
        if method == "kk":
            stems.update(stem for stem, _ in self._kk_stems(word))
        elif method == "ru":
            stems.update(self._ru_stems(low))
        else:
            stems.update(self._en_stems(low))
        buckets = self._fuzzy_keys[method]
        best, best_score = -1, 0.0
        for stem in stems:
            if len(stem) < FUZZY_MIN_LETTERS:
                continue
            skeleton = _skeleton(stem)
            for length in range(len(stem) - FUZZY_MAX_LENGTH_GAP, len(stem) + FUZZY_MAX_LENGTH_GAP + 1):
                for form, form_skeleton, lexeme in buckets.get((stem[0], length), ()):
                    plain = ratio(stem, form, score_cutoff=2 * FUZZY_CUTOFF - 100)
                    if not plain:
                        continue
                    score = (plain + ratio(skeleton, form_skeleton)) / 2
                    if score >= FUZZY_CUTOFF and score > best_score:
                        best, best_score = lexeme, score
        return best, best_score

    # -- meetings by description ------------------------------------------------------------

    def _ordinal(self, toks: _Tokens, j: int, norm: str, lang: str) -> tuple[int, int] | None:
        """(value, first token) of an ordinal that ends at token j, or None."""
        word = toks.words[j]
        if word.isdigit():
            suffix = toks.attached[j]
            if suffix and any(suffix in s for s in self._ordinal_suffixes.values()) or \
                    not suffix and toks.hyphen_after[j]:
                return int(word), j
            return None
        m = _EN_ORDINAL.fullmatch(word)
        if m:
            return int(m.group(1)), j
        if word.isupper():
            from yntymaq.text.numbers import parse_roman

            value = parse_roman(word)
            if value is not None and (len(word) > 1 or word in "VXХ"):
                return value, j
            return None
        if toks.lexemes[j] >= 0 or not word.isalpha():
            return None
        from yntymaq.text.numbers import find_numbers

        first = j
        while first > 0 and j - first < 3 and toks.tight[first]:
            first -= 1
        window_start = toks.starts[first]
        for number in find_numbers(norm[window_start:toks.ends[j]], lang):
            if number.kind == "words" and number.ordinal and window_start + number.end == toks.ends[j]:
                at = bisect_right(toks.starts, window_start + number.start) - 1
                return int(number.value), at
        return None

    def _meetings(self, toks: _Tokens, norm: str, lang: str, linked: dict[int, tuple[int, str]]) -> list[_Candidate]:
        """Sessions described by an ordinal and a body: each word for a session or a body (or an
        organ's name) with an ordinal right before it is one; its body is the one it names, else
        the one named right after it or right before its ordinal (the mention then takes that name
        in), else the only one its sentence names."""
        roles = [self._roles.get(x) if x >= 0 else None for x in toks.lexemes]
        organs = {first: (last, _BODIES[e]) for first, (last, e) in linked.items() if e in _BODIES}
        organ_ending = {last: (first, body) for first, (last, body) in organs.items()}
        sentence_bodies: dict[int, set[str]] = {}
        for first, (_, body) in organs.items():
            sentence_bodies.setdefault(toks.sentences[first], set()).add(body)
        for i, role in enumerate(roles):
            if role in ("summit", "cfm") and self._is_cased(toks.words[i]):
                # an abbreviation (СІМ, СМИД) names its body; a common noun (саммит) may be another's
                sentence_bodies.setdefault(toks.sentences[i], set()).add(role)
        tight = toks.tight
        n = len(toks.words)
        out: list[_Candidate] = []
        for i in range(n):
            if i in organs:
                last, body = organs[i]
            elif roles[i] in ("summit", "cfm", "session"):
                last, body = i, (None if roles[i] == "session" else roles[i])
            else:
                continue
            j, kind = i - 1, "ordinary"
            while j >= 0 and tight[j + 1] and roles[j] == "extraordinary":
                kind, j = "extraordinary", j - 1
            if j < 0 or not tight[j + 1]:
                continue
            ordinal = self._ordinal(toks, j, norm, lang)
            if ordinal is None:
                continue
            value, first = ordinal
            score = SCORE_MEETING
            # the body named right after: сессии СМИД, session of the OIC Council of Foreign Ministers
            k = last + 1
            while k < n and tight[k] and (roles[k] == "link" or linked.get(k, (0, ""))[1] == _ORGANISATION):
                k = linked[k][0] + 1 if roles[k] != "link" else k + 1
            if k < n and tight[k]:
                if k in organs and body in (None, organs[k][1]):
                    body, last = organs[k][1], organs[k][0]
                elif k == last + 1 and body is None and roles[k] in ("summit", "cfm"):
                    body, last = roles[k], k
            # or right before the ordinal: СІМК 39-сессиясы, СІМ 32-кеңесінің
            before = first - 1
            if before >= 0 and tight[first]:
                if before in organ_ending and body in (None, organ_ending[before][1]):
                    body, first = organ_ending[before][1], organ_ending[before][0]
                elif roles[before] in ("summit", "cfm") and body in (None, roles[before]):
                    body, first = roles[before], before
            if body is None:
                named = sentence_bodies.get(toks.sentences[i], set())
                if len(named) != 1:
                    continue
                body, score = next(iter(named)), SCORE_MEETING_FROM_SENTENCE
            ident = meeting_id(body, kind, value)
            if ident in self.entities:
                out.append(_Candidate(first, last, toks.starts[first], toks.ends[last], (ident,),
                                      RULE_MEETING, score, 1))
        return out

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
        if after < n and toks.tight[after]:
            for side, means in self._context.get(toks.lexemes[after], ()):
                if side in ("after", "either") and means != "skip":
                    return means
        before = cand.first - 1
        while before >= 0 and toks.tight[before + 1]:
            entries = self._context.get(toks.lexemes[before], ())
            if any(means == "skip" for _, means in entries):
                before -= 1
                continue
            for side, means in entries:
                if side in ("before", "either"):
                    return means
            break
        return None


def _gap_kind(gap: str) -> int:
    """What the characters between two words part: nothing (spaces, a hyphen), or a meeting from
    its body but not a name (a comma, a colon), or everything (a stop, a bracket, a quote)."""
    if not gap or gap.isspace() and "\n\n" not in gap or gap in _HYPHENS:
        return _GAP_TIGHT
    if len(gap) > 32 or "\n\n" in gap or any(ch in _BREAK_CHARS for ch in gap):
        return _GAP_BREAK
    return _GAP_SOFT


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
    """kk, ru or en, from the letters of (the start of) a text: Kazakh has nine letters Russian
    has not, and they are frequent."""
    head = text[:sample].lower()
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
