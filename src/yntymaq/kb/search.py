"""Search that forgives: entities by names typed with typos or in another script, and passages of the
stored documents by the words they hold in any of their forms.

Entities: every name and alias of every entity is reduced to a *skeleton*, a Latin key in which the
letters that Kazakh, Russian and English spellings of one name tell apart are one letter (қ, к, q → k;
х, һ, kh, h → h; ұ, ү, у, w → u; ...), and the query's skeleton (and those of its Kazakh stems and
Russian normal forms) is compared with them by rapidfuzz: `Kazahstan`, `Казакстан`, `Qazaqstan` and
`Қазақстан` share `kaza(k|h)stan`; a name a query only begins or ends (`Ihsanoglu`) counts too, a
little less. Passages: see `yntymaq.text.terms` for the terms and `Store.search_passages` for the index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from yntymaq.errors import BadInput
from yntymaq.kb.names import fold
from yntymaq.vocab import Entity, EntityType

FUZZY_RULE = "search.fuzzy.v1"
EXACT_RULE = "search.exact.v1"
MIN_SCORE = 80.0
"""The lowest rapidfuzz WRatio (0–100) of skeletons that counts as a match."""
MIN_FUZZY_LENGTH = 4
"""Shorter queries (ИЫҰ, CFM, KZ) are abbreviations or ids: found exactly or not at all."""

_CYRILLIC_TO_LATIN = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ж": "j", "з": "z",
    "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o",
    "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "h",
    "һ": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ı": "i",
})
_DIGRAPHS = (("kh", "h"), ("zh", "j"), ("sh", "s"), ("ch", "c"), ("ts", "c"), ("q", "k"), ("w", "u"),
             ("y", "i"), ("x", "h"), ("dj", "j"))
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 14)
def skeleton(name: str) -> str:
    """The Latin key of a name in any script: `Қазақстан` → `kazakstan`, `Kazakhstan` → `kazahstan`."""
    text = unicodedata.normalize("NFKD", fold(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text).translate(_CYRILLIC_TO_LATIN)
    for written, key in _DIGRAPHS:
        text = text.replace(written, key)
    return _DOUBLE.sub(r"\1", text)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """An entity a query may mean: the name it matched, how well (0–100) and by which rule."""

    entity: Entity
    name: str
    score: float
    rule: str
    closeness: float = 0.0  # rapidfuzz's plain ratio of the whole names, which breaks ties of `score`


_TYPE_ORDER = [EntityType.STATE, EntityType.ORGANISATION, EntityType.ORGAN, EntityType.OFFICE,
               EntityType.PERSON, EntityType.PLACE, EntityType.MEETING, EntityType.DOCUMENT]


class NameIndex:
    """The skeletons of every name of the knowledge base's entities, for fuzzy lookups."""

    def __init__(self, entities: dict[str, Entity]):
        self.entities = entities
        keys: dict[str, list[tuple[str, str]]] = {}
        for e in entities.values():
            for _, name in e.all_names():
                key = skeleton(name)
                if key:
                    keys.setdefault(key, []).append((e.id, name))
        self.keys = keys
        self.choices = list(keys)

    def variants(self, query: str) -> list[str]:
        """The skeletons a query is looked for under: its own, its Kazakh stems', its Russian normal form's."""
        from yntymaq.text.inflect import kk_stems
        from yntymaq.text.morph_ru import normal_form

        forms = [query]
        words = query.split()
        if words and re.search(r"[\u0400-\u04ff]", words[-1]):
            head = " ".join(words[:-1])
            forms += [f"{head} {stem}".strip() for stem in kk_stems(words[-1])[1:3]]
            forms.append(" ".join(normal_form(w) for w in words))
        return list(dict.fromkeys(k for k in map(skeleton, forms) if k))

    def search(self, query: str, *, limit: int = 10) -> list[NameMatch]:
        """The entities whose names are nearest the query's, best first (none above `MIN_SCORE`: empty)."""
        from rapidfuzz import fuzz, process

        query = query.strip()
        if len(query) < MIN_FUZZY_LENGTH:
            return []
        best: dict[str, tuple[float, float, str]] = {}
        for variant in self.variants(query):
            for key, score, _ in process.extract(variant, self.choices, scorer=fuzz.WRatio, limit=60,
                                                 score_cutoff=MIN_SCORE):
                closeness = fuzz.ratio(variant, key)  # whole-name likeness breaks WRatio's ties
                if len(key) < MIN_FUZZY_LENGTH or (len(key) < len(variant) and closeness < MIN_SCORE):
                    continue  # a short name inside a longer query (IBU in Djibouti) is no match
                for ident, name in self.keys[key]:
                    if (score, closeness) > best.get(ident, (0.0, 0.0, ""))[:2]:
                        best[ident] = (score, closeness, name)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1],
                                                        _TYPE_ORDER.index(self.entities[item[0]].type), item[0]))
        return [NameMatch(self.entities[ident], name, round(score, 1), FUZZY_RULE, round(closeness, 1))
                for ident, (score, closeness, name) in ranked[:limit]]


def did_you_mean(matches: list[NameMatch]) -> Entity | None:
    """The one entity a query nearly names: the best match when no other matches as well (`сессия`,
    nearly the name of every session, suggests none)."""
    if not matches:
        return None
    if len(matches) > 1 and (matches[1].score, matches[1].closeness) >= (matches[0].score, matches[0].closeness):
        return None
    return matches[0].entity


def check_verdict(verdict: str | None) -> str | None:
    from yntymaq.vocab import VerdictKind

    if verdict is None:
        return None
    verdict = verdict.strip().lower()
    kinds = [v.value for v in VerdictKind]
    if verdict not in kinds:
        raise BadInput(f"verdict: {verdict!r} is not one of {', '.join(kinds)}")
    return verdict


@dataclass(frozen=True, slots=True)
class Hit:
    """A passage found: a sentence of a stored document, cut to `start`:`end` around its hits, and
    the offsets of the words that matched (every offset is into the document's original text)."""

    doc: str
    sentence: int
    start: int
    end: int
    text: str
    highlights: tuple[tuple[int, int], ...]
    rank: float


SNIPPET_WIDTH = 240
"""A passage longer than this many characters is cut to a window around its first hit."""


def search_passages(kb, query: str, *, entity: str | None = None, verdict: str | None = None,
                    limit: int = 20) -> list[Hit]:
    """The sentences of the stored documents that hold every word of `query` in some form (a Kazakh
    stem, a Russian normal form, the Cyrillic reading of a Kazakh word in Latin letters), best first;
    with `entity` (an id) only those that mention it, with `verdict` only those with a claim of it."""
    from yntymaq.text.terms import query_terms, text_terms

    verdict = check_verdict(verdict)
    groups = query_terms(query)
    if not groups and entity is None and verdict is None:
        return []
    kb.store.index_missing_documents()
    passages = kb.store.search_passages(groups, entity=entity, verdict=verdict, limit=limit)
    texts: dict[str, str] = {}
    wanted = [set(g) for g in groups]
    hits = []
    for p in passages:
        if p.doc not in texts:
            texts[p.doc] = kb.store.document(p.doc).text
        text = texts[p.doc]
        marks = tuple((w.start, w.end) for w in text_terms(text, p.start, p.end, lang=p.lang)
                      if any(g & set(w.terms) for g in wanted))
        start, end = p.start, p.end
        if end - start > SNIPPET_WIDTH:
            first = marks[0][0] if marks else start
            start = max(start, first - SNIPPET_WIDTH // 3)
            end = min(end, start + SNIPPET_WIDTH)
            marks = tuple(m for m in marks if m[0] >= start and m[1] <= end)
        hits.append(Hit(p.doc, p.sentence, start, end, text[start:end], marks, p.rank))
    return hits
