"""Kazakh inflection: the possible stems of a word, with the suffix chain that each one leaves.

A Kazakh noun takes its suffixes in a fixed order — derivation, plural, possessive, case; -дағы and
-ғы make an adjective that may take them again — and each suffix in the form that the word before
it chooses: vowel harmony picks the back or the front vowel (елдер, ұйымдар), the last sound picks
the first consonant (Астана-да, Тегеран-да, Қазақстан-нан, мемлекет-те), and after a possessive the
case takes an н (қаласы-нда, мүшелігі-не). Stems that end in к, қ, п voice them before a vowel
(төрағалық → төрағалығын) and a few drop a vowel (халық → халқы).

All of that is data, in `text/lang/kk/`: the letters and their sounds (alphabet.tsv), the suffixes
(suffixes.tsv), their order (slots.tsv), the voicing (alternations.tsv), the dropped vowels
(elision.tsv) and frequent nouns that settle ties (stems.tsv). The code strips suffixes from the end
of the word, checks each against the grammar, and ranks the readings: the word itself is always one
of them, below every reading whose suffixes fit the grammar exactly and above any that bends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from yntymaq.errors import DataErrors, Problem
from yntymaq.text.alphabet import KAZAKH_LOWER, KAZAKH_UPPER
from yntymaq.text.tables import load_table, parse_table, read_table_text, table_path

SOUNDS = frozenset({"V", "R", "L", "Z", "N", "K", "B"})
"""What a suffix sees of the letter before it (alphabet.tsv, column `sound`)."""

CONSONANT_SOUNDS = SOUNDS - {"V"}
CONTEXTS = SOUNDS | {"P3", "P12", "NUM"}
"""The codes of suffixes.tsv's `after` column: sounds, and the places after a possessive or digits."""

P12_TAGS = frozenset({"POSS1SG", "POSS2SG"})
MAX_SUFFIXES = 6

# Ranking. A suffix adds its gain; these bend the score of readings that fit the grammar less well.
SOFT_ASSIMILATION = 1.5   # a suffix after a sound it does not normally follow (Джид-да for Джидда)
HARMONY_CLASH = 2.0       # a back suffix after a front stem or the other way round
VOICED_STEM = 0.5         # a stem left ending in г, ғ, б before a vowel, where к, қ, п is the rule
VOICING_UNDONE = 0.2      # the small doubt of undoing the voicing (төрағалығ → төрағалық)
ELISION_UNDONE = 0.3      # the vowel put back into a stem of elision.tsv is the likelier reading
KNOWN_STEM = 0.7          # the stem is a frequent noun (stems.tsv), a month name, a numeral or a word
                          # of a country's name (CLDR)
KNOWN_WORD = 1.5          # the word itself is such a stem: Қазақстан stays whole (not Қазақс + тан)
ODD_ENDING = 1.2          # a stem ending in consonants no Kazakh stem ends in (Қазақс + тан), or in two
                          # letters only (ос + ы), unless it is a known stem
IZAFET = 0.5              # a capitalised name keeps its possessive: Сауд Арабиясының → Арабиясы
LOWEST_SCORE = -1.0       # readings below this are dropped
ABBREVIATION_MAX = 5      # an all-capital word this short is an abbreviation: it inflects only after a hyphen


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter of the Kazakh alphabet and what the suffix grammar needs to know of it."""

    lower: str
    upper: str
    kind: str  # vowel | consonant | sign
    sounds: frozenset[str]
    harmony: str | None  # back | front | either; None for consonants and signs


@dataclass(frozen=True, slots=True)
class Suffix:
    """One form of a suffix (the back or the front one) and where it may stand."""

    tag: str
    slot: str
    form: str
    harmony: str | None  # back | front; None when the form is the same for both
    after: frozenset[str]
    gain: float
    where: str  # file:line of its row


@dataclass(frozen=True, slots=True)
class Analysis:
    """One reading of a word: its stem and the suffixes after it, in order.

    `stem` is the citation form (its case as in the word; voicing and elision undone), `suffixes`
    the suffixes' forms as the table spells them (лық for the лығ of төрағалығын), `tags` their
    grammatical names, `stem_end` where the stem ends in the word (before the hyphen of ИЫҰ-ға),
    and `score` the ranking (higher is likelier; the bare word has 0 unless it is a known stem).
    """

    stem: str
    suffixes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    stem_end: int = 0
    score: float = 0.0


_SIGN = Letter("", "", "sign", frozenset(), None)


@dataclass(frozen=True, slots=True)
class _Grammar:
    letters: dict[str, Letter]
    index: dict[str, tuple[tuple[Suffix, bool], ...]]  # surface form -> (suffix, voiced surface)
    lengths: tuple[int, ...]
    may_follow: dict[str, frozenset[str]]
    p3_tags: frozenset[str]
    p12_tags: frozenset[str]
    unvoice: dict[str, str]  # voiced -> plain (г -> к)
    elision: dict[str, str]  # elided -> full (халқ -> халық)
    known: frozenset[str]
    final_clusters: frozenset[str]


ALPHABET_COLUMNS = ("letter", "upper", "kind", "sound", "harmony")
SUFFIX_COLUMNS = ("id", "tag", "slot", "back", "front", "after", "gain")
SLOT_COLUMNS = ("slot", "may_follow")


@lru_cache(maxsize=None)
def kk_alphabet() -> tuple[Letter, ...]:
    """The 42 letters of the Kazakh Cyrillic alphabet in order, from alphabet.tsv (validated)."""
    return parse_alphabet(read_table_text("kk", "alphabet"), file=table_path("kk", "alphabet"))


def parse_alphabet(text: str, *, file: str) -> tuple[Letter, ...]:
    """Read and check an alphabet table: each letter once, with its capital, kind, sound and
    harmony; together exactly the 42 letters of the Kazakh alphabet in order."""
    rows = parse_table(text, file=file, columns=ALPHABET_COLUMNS, letters={"letter": "kk", "upper": "kk"},
                       choices={"kind": frozenset({"vowel", "consonant", "sign"}),
                                "harmony": frozenset({"back", "front", "either", "-"})})
    problems: list[Problem] = []
    letters: list[Letter] = []
    for row in rows:
        letter, upper = row["letter"], row["upper"]
        if len(letter) != 1 or letter != letter.lower():
            problems.append(Problem(file, row.line, f"letter {letter!r} must be one lower-case letter"))
            continue
        if upper != letter.upper():
            problems.append(Problem(file, row.line, f"upper {upper!r} is not the capital of {letter!r}"))
        sounds = frozenset() if row["sound"] == "-" else frozenset(row["sound"].split(","))
        if not sounds <= SOUNDS:
            problems.append(Problem(file, row.line, f"sound {row['sound']!r} has codes outside "
                                                    f"{', '.join(sorted(SOUNDS))}"))
        kind, harmony = row["kind"], row["harmony"]
        if (kind == "vowel") != (harmony != "-"):
            problems.append(Problem(file, row.line, f"harmony {harmony!r} does not fit a {kind}: "
                                                    "vowels have back, front or either; the rest -"))
        if (kind == "sign") != (not sounds):
            problems.append(Problem(file, row.line, f"sound {row['sound']!r} does not fit a {kind}: "
                                                    "signs have -, the other letters a sound"))
        letters.append(Letter(letter, upper, kind, sounds, None if harmony == "-" else harmony))
    found = "".join(letter.lower for letter in letters)
    if not problems and found != KAZAKH_LOWER:
        missing = "".join(ch for ch in KAZAKH_LOWER if ch not in found)
        extra = "".join(ch for ch in found if ch not in KAZAKH_LOWER)
        problems.append(Problem(file, rows[-1].line if rows else 1,
                                f"the letters must be the 42 of the Kazakh alphabet in its order "
                                f"(missing {missing or 'none'}, extra {extra or 'none'})"))
    if problems:
        raise DataErrors(problems)
    return tuple(letters)


def is_kk_letter(ch: str) -> bool:
    """Is `ch` one of the 42 Kazakh Cyrillic letters, in either case?"""
    return len(ch) == 1 and (ch in KAZAKH_LOWER or ch in KAZAKH_UPPER)


def kk_harmony(text: str) -> str | None:
    """The harmony a suffix after `text` follows: that of its last vowel (back, front or either)."""
    return _harmony_of(text.lower(), _grammar())


def _check_harmony(form: str, harmony: str, letters: dict[str, Letter]) -> str | None:
    for ch in form:
        letter = letters.get(ch)
        if letter is not None and letter.kind == "vowel" and letter.harmony not in (harmony, "either"):
            return ch
    return None


def parse_slots(text: str, *, file: str) -> dict[str, frozenset[str]]:
    """Read and check the slot table: which slot may directly follow which."""
    rows = parse_table(text, file=file, columns=SLOT_COLUMNS, letters={})
    may_follow = {row["slot"]: frozenset(row["may_follow"].split(",")) for row in rows}
    problems = [Problem(file, row.line, f"may_follow names unknown slots: "
                                        f"{', '.join(sorted(may_follow[row['slot']] - may_follow.keys()))}")
                for row in rows if may_follow[row["slot"]] - may_follow.keys()]
    if problems:
        raise DataErrors(problems)
    return may_follow


def parse_suffixes(text: str, *, file: str, letters: dict[str, Letter],
                   slots: dict[str, frozenset[str]]) -> list[Suffix]:
    """Read and check a suffix table: letters of the Kazakh alphabet, each (tag, form) once, the
    back form with back vowels and the front form with front ones, known slots and contexts."""
    rows = parse_table(text, file=file, columns=SUFFIX_COLUMNS, letters={"back": "kk", "front": "kk"})
    may_follow = slots
    problems: list[Problem] = []
    suffixes: list[Suffix] = []
    seen: dict[tuple[str, str], int] = {}
    slot_of_tag: dict[str, tuple[str, int]] = {}
    for row in rows:
        where = f"{file}:{row.line}"
        tag, slot = row["tag"], row["slot"]
        bad = False
        if slot not in may_follow:
            problems.append(Problem(file, row.line, f"slot {slot!r} is not in slots.tsv"))
            bad = True
        elif tag in slot_of_tag and slot_of_tag[tag][0] != slot:
            first_slot, first_line = slot_of_tag[tag]
            problems.append(Problem(file, row.line, f"tag {tag} has slot {slot} here but {first_slot} on line {first_line}"))
            bad = True
        slot_of_tag.setdefault(tag, (slot, row.line))
        after = frozenset(row["after"].split(","))
        if not after <= CONTEXTS:
            problems.append(Problem(file, row.line, f"after {row['after']!r} has codes outside "
                                                    f"{', '.join(sorted(CONTEXTS))}"))
            bad = True
        try:
            gain = float(row["gain"])
        except ValueError:
            problems.append(Problem(file, row.line, f"gain {row['gain']!r} is not a number"))
            bad = True
            gain = 0.0
        back, front = row["back"].lower(), row["front"].lower()
        forms = [(back, None)] if back == front else [(back, "back"), (front, "front")]
        for form, harmony in forms:
            if harmony is not None:
                clash = _check_harmony(form, harmony, letters)
                if clash:
                    problems.append(Problem(file, row.line, f"{harmony} {form!r} has the vowel {clash!r}, "
                                                            f"which is not {harmony}"))
                    bad = True
            key = (tag, form)
            if key in seen:
                problems.append(Problem(file, row.line, f"{tag} {form!r} is a duplicate of line {seen[key]}"))
                bad = True
            seen.setdefault(key, row.line)
            if not bad:
                suffixes.append(Suffix(tag, slot, form, harmony, after, gain, where))
    if problems:
        raise DataErrors(problems)
    return suffixes


@lru_cache(maxsize=None)
def _grammar() -> _Grammar:
    letters = {letter.lower: letter for letter in kk_alphabet()}
    may_follow = parse_slots(read_table_text("kk", "slots"), file=table_path("kk", "slots"))
    suffixes = parse_suffixes(read_table_text("kk", "suffixes"), file=table_path("kk", "suffixes"),
                              letters=letters, slots=may_follow)
    unvoice = {row["voiced"]: row["plain"]
               for row in load_table("kk", "alternations", ("plain", "voiced"), (("plain", "kk"), ("voiced", "kk")))}
    elision = {row["elided"]: row["full"]
               for row in load_table("kk", "elision", ("full", "elided"), (("full", "kk"), ("elided", "kk")))}
    index: dict[str, list[tuple[Suffix, bool]]] = {}
    voiced = {plain: v for v, plain in unvoice.items()}
    for suffix in suffixes:
        index.setdefault(suffix.form, []).append((suffix, False))
        if suffix.form[-1] in voiced:  # лық is лығ before a vowel
            index.setdefault(suffix.form[:-1] + voiced[suffix.form[-1]], []).append((suffix, True))
    known = {row["stem"] for row in load_table("kk", "stems", ("stem", "gloss"), (("stem", "kk"),))}
    known |= {row["word"] for row in load_table("kk", "numerals", ("word", "value", "kind", "ordinal"),
                                                (("word", "kk"),))}
    known |= set(kk_month_names()) | set(_kk_territory_words())
    clusters = frozenset(row["cluster"] for row in load_table("kk", "final_clusters", ("cluster", "example"),
                                                              (("cluster", "kk"),)))
    return _Grammar(
        letters=letters,
        index={form: tuple(entries) for form, entries in index.items()},
        lengths=tuple(sorted({len(form) for form in index})),
        may_follow=may_follow,
        p3_tags=frozenset(s.tag for s in suffixes if "P3" in s.after),
        p12_tags=frozenset(s.tag for s in suffixes if "P12" in s.after),
        unvoice=unvoice,
        elision=elision,
        known=frozenset(known),
        final_clusters=clusters,
    )


def _kk_territory_words() -> set[str]:
    """The words of the Kazakh names of countries and territories, from CLDR (Қазақстан, Арабиясы)."""
    from babel import Locale

    return {word.lower() for name in Locale.parse("kk").territories.values()
            for word in name.replace("-", " ").split() if len(word) > 2 and word.isalpha()}


@lru_cache(maxsize=None)
def kk_month_names() -> tuple[str, ...]:
    """The twelve Kazakh month names, January first, from CLDR."""
    from babel import Locale

    months = Locale.parse("kk").months["format"]["wide"]
    return tuple(months[number].lower() for number in range(1, 13))


def _sounds_before(text: str, letters: dict[str, Letter]) -> frozenset[str]:
    for ch in reversed(text):
        letter = letters.get(ch)
        if letter is None:
            return frozenset()
        if letter.kind != "sign":
            return letter.sounds
    return frozenset()


def _fit(suffix: Suffix, before: str, left: Suffix | None, g: _Grammar) -> str | None:
    """How well `suffix` fits after the text `before` (whose last suffix is `left`):
    "strict", "soft" (the wrong voicing) or None (impossible)."""
    if left is not None and left.tag == "POSS3" and suffix.tag in g.p3_tags:
        return "strict" if "P3" in suffix.after else "soft"
    if left is not None and left.tag in P12_TAGS and suffix.tag in g.p12_tags:
        return "strict" if "P12" in suffix.after else "soft"
    needed = suffix.after & SOUNDS
    if not needed:
        return None
    sounds = _sounds_before(before, g.letters)
    if sounds & needed:
        return "strict"
    if ("V" in sounds and "V" in needed) or (sounds & CONSONANT_SOUNDS and needed & CONSONANT_SOUNDS):
        return "soft"
    return None


def _chains(s: str, min_stem: int, g: _Grammar):
    """Every way to read the end of `s` as a chain of suffixes that the slot order allows, leaving
    at least `min_stem` letters: (stem end, [(suffix, start, voiced surface)] right to left)."""
    def strip(end: int, chain: list):
        yield end, chain
        if len(chain) >= MAX_SUFFIXES:
            return
        right = chain[-1] if chain else None
        for length in g.lengths:
            start = end - length
            if start < min_stem:
                break
            for suffix, voiced in g.index.get(s[start:end], ()):
                if right is not None and suffix.slot not in g.may_follow[right[0].slot]:
                    continue
                if voiced and (right is None or not _starts_with_vowel(s, right[1], g)):
                    continue
                yield from strip(start, chain + [(suffix, start, voiced)])
    yield from strip(len(s), [])


def _starts_with_vowel(s: str, at: int, g: _Grammar) -> bool:
    letter = g.letters.get(s[at])
    return letter is not None and letter.kind == "vowel"


def _score_chain(s: str, chain: list, g: _Grammar, first: str | None) -> float | None:
    """The score of a suffix chain (left to right) on `s`, or None when the grammar rules it out.
    `first` is NUM or ABBR when the chain follows digits or an abbreviation and a hyphen."""
    score = 0.0
    left: Suffix | None = None
    for i, (suffix, start, _voiced) in enumerate(chain):
        if i == 0 and first is not None:
            if not suffix.after & SOUNDS and not (first == "NUM" and "NUM" in suffix.after):
                return None
            if first == "NUM" and suffix.slot == "DER":
                return None
        else:
            fit = _fit(suffix, s[:start], left, g)
            if fit is None:
                return None
            if fit == "soft":
                score -= SOFT_ASSIMILATION
            if suffix.harmony is not None:
                harmony = _harmony_of(s[:start], g)
                if harmony in ("back", "front") and harmony != suffix.harmony:
                    score -= HARMONY_CLASH
        score += suffix.gain
        left = suffix
    return score


def _harmony_of(text: str, g: _Grammar) -> str | None:
    for ch in reversed(text):
        letter = g.letters.get(ch)
        if letter is not None and letter.kind == "vowel":
            return letter.harmony
    return None


def _odd_ending(stem: str, g: _Grammar) -> bool:
    """Does the stem end the way no Kazakh stem does: in two letters only, in three consonants, or
    in a pair of consonants not in final_clusters.tsv?"""
    if len(stem) < 3:
        return True
    letters = [ch for ch in stem[-4:] if (g.letters.get(ch) or _SIGN).kind != "sign"]
    tail = letters[-3:]
    consonants = [not _is_vowel(ch, g) for ch in tail]
    if len(tail) == 3 and all(consonants):
        return True
    return len(tail) >= 2 and consonants[-1] and consonants[-2] and "".join(tail[-2:]) not in g.final_clusters


def _is_vowel(ch: str, g: _Grammar) -> bool:
    letter = g.letters.get(ch)
    return letter is not None and letter.kind == "vowel"


def _has_vowel(text: str, g: _Grammar) -> bool:
    return any((letter := g.letters.get(ch)) is not None and letter.kind == "vowel" for ch in text)


def _recase(new: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _suffix_chain(word: str, first: str, offset: int, g: _Grammar) -> list[Analysis]:
    """`word` read as nothing but suffixes after digits or an abbreviation (the part after a hyphen)."""
    s = word.lower()
    found = []
    for end, chain in _chains(s, 0, g):
        if end != 0 or not chain:
            continue
        chain = chain[::-1]
        score = _score_chain(s, chain, g, first)
        if score is not None:
            found.append((score, chain))
    return [Analysis("", tuple(c[0].form for c in chain), tuple(c[0].tag for c in chain), offset, score)
            for score, chain in found]


def _analyse_word(word: str, g: _Grammar) -> list[Analysis]:
    s = word.lower()
    out: list[Analysis] = []
    for end, chain in _chains(s, 2, g):
        if not chain:
            continue
        chain = chain[::-1]
        stem = s[:end]
        if not _has_vowel(stem, g):
            continue
        score = _score_chain(s, chain, g, None)
        if score is None:
            continue
        suffixes = tuple(c[0].form for c in chain)
        tags = tuple(c[0].tag for c in chain)
        stems: list[tuple[str, float]] = []
        if _starts_with_vowel(s, chain[0][1], g):
            if stem[-1] in g.unvoice and len(stem) > 1 and _is_vowel(stem[-2], g):
                stems.append((stem[:-1] + g.unvoice[stem[-1]], -VOICING_UNDONE))
                stems.append((stem, -VOICED_STEM))
            elif stem in g.elision:
                stems.append((g.elision[stem], ELISION_UNDONE))
                stems.append((stem, 0.0))
        if not stems:
            stems.append((stem, 0.0))
        surface = word[:end]
        for candidate, adjust in stems:
            if candidate in g.known:
                adjust += KNOWN_STEM
            elif _odd_ending(candidate, g):
                adjust -= ODD_ENDING
            total = score + adjust
            out.append(Analysis(_recase(candidate, surface), suffixes, tags, end, total))
        if word[:1].isupper() and "POSS3" in tags[:-1]:
            # A capitalised name keeps the possessive of its izafet (Сауд Арабиясы, Ислам ... Ұйымы).
            kept = tags.index("POSS3") + 1
            stem_end = chain[kept][1]
            out.append(Analysis(word[:stem_end], suffixes[kept:], tags[kept:], stem_end, score + IZAFET))
    return out


def _hyphen_context(left: str) -> str | None:
    from yntymaq.text.numbers import parse_roman

    if left.isdigit() or parse_roman(left) is not None:  # 24-ші, XIII-ші
        return "NUM"
    if left.isalpha() and left.isupper():
        return "ABBR"
    return None


@lru_cache(maxsize=1 << 16)
def _analyses(word: str) -> tuple[Analysis, ...]:
    g = _grammar()
    bare = Analysis(word, (), (), len(word), KNOWN_WORD if word.lower() in g.known else 0.0)
    found: list[Analysis] = [bare]
    if "-" in word.strip("-"):
        left, right = word.rsplit("-", 1)
        context = _hyphen_context(left)
        chains = _suffix_chain(right, context, len(left), g) if context is not None else []
        for chain in chains:
            found.append(Analysis(left, chain.suffixes, chain.tags, len(left), chain.score))
        if not chains:  # a compound (іс-шараларына) or a number before a noun (39-сессияда)
            prefix = left + "-"
            for inner in _analyses(right):
                if inner.suffixes:
                    found.append(Analysis(prefix + inner.stem, inner.suffixes, inner.tags,
                                          len(prefix) + inner.stem_end, inner.score))
    elif any(ch in g.letters for ch in word.lower()) and not (
            word.isupper() and len(word) <= ABBREVIATION_MAX):
        found.extend(_analyse_word(word, g))
    best: dict[tuple[str, tuple[str, ...]], Analysis] = {}
    for analysis in found:
        if analysis is not bare and analysis.score < LOWEST_SCORE:
            continue
        key = (analysis.stem, analysis.suffixes)
        if key not in best or analysis.score > best[key].score:
            best[key] = analysis
    return tuple(sorted(best.values(), key=lambda a: (-a.score, len(a.stem), a.stem, a.tags)))


def kk_analyses(word: str) -> list[Analysis]:
    """The readings of a Kazakh word, likeliest first; the word itself is always one of them.

    >>> [a.stem for a in kk_analyses("Қазақстанның")][:1]
    ['Қазақстан']
    """
    return list(_analyses(word))


def kk_stem(word: str) -> str:
    """The likeliest stem of a Kazakh word (the word itself when nothing fits)."""
    return _analyses(word)[0].stem


def kk_stems(word: str) -> list[str]:
    """The distinct stems of a word's readings, likeliest first."""
    seen: dict[str, None] = {}
    for analysis in _analyses(word):
        seen.setdefault(analysis.stem, None)
    return list(seen)


def kk_match(word: str, stems) -> Analysis | None:
    """The likeliest reading of `word` whose stem, in lower case, is one of `stems`."""
    for analysis in _analyses(word):
        if analysis.stem.lower() in stems:
            return analysis
    return None
