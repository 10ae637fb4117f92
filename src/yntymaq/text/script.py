"""Kazakh in the Latin and Arabic scripts, read through Cyrillic with a map back to the original.

Kazakh is written in three scripts: Cyrillic (in Kazakhstan), Latin (the alphabet of October 2017
with apostrophes, that of February 2018 with acute accents, the one presented in January 2021 with
ä ö ü ğ ñ ş ū, and informal spelling as people type it: sh, zh, gh, q, w) and the Arabic script
(töte jazu: Kazakh papers in China, Egemen Qazaqstan's Arabic-script edition). `to_cyrillic(text)`
returns the text with every Kazakh Latin or Arabic-script word put into Cyrillic and an `OffsetMap`
(the one `normalize` keeps) from the new text back to the original, so that the rest of the text
engine works on Cyrillic while every offset it reports points into what was written.

Why tables of our own rather than a library: the libraries there are (cyrtranslit, the Kazakh
converters) go from Cyrillic to Latin, read no Arabic script, and none keeps offsets; reading back
is not a table lookup either (ı is и or й, töte's ا is а or ә by the word's harmony). So the letters
are data, one table per alphabet in `text/lang/kk/` (`latin_2017.tsv`, `latin_2018.tsv`,
`latin_2021.tsv`, `latin_informal.tsv`, `arabic.tsv`), and this module holds the few rules that
read them in context.

What is read, and what is left alone:

- Only lines that look Kazakh. A line of Arabic-script text is Kazakh when it has letters Arabic
  has not (ە ۇ ۋ ڭ ۆ ٴ ...) and fewer letters only Arabic has (ة ث ذ ص ض ط ظ ...); in a Kazakh line
  a word with an Arabic-only letter (a quotation) stays as written. A line of Latin text is Kazakh
  when Kazakh stop words (read through the table) and letters of the Kazakh alphabets (q, ǵ, ń,
  ğ, ñ, ū ...) outweigh English stop words two to one; a line with little evidence either way is
  read when its piece of text as a whole is Kazakh and the line has no English stop word. English
  is never read.
- Which Latin alphabet a piece is in is told by its letters: acute accents (2018), ä ğ ñ ş ū (2021),
  a letter and an apostrophe (2017), none of them (informal).
- Cyrillic text costs a few finds of one character (`needs_reading`): no alef or ى (every Kazakh
  Arabic-script text writes them), no q (every Kazakh Latin text writes қ as q) or only q before u
  (English), and the text is returned as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yntymaq.errors import DataErrors, Problem
from yntymaq.text.normalize import OffsetMap, fix_mixed_scripts
from yntymaq.text.tables import Row, load_table, table_path

SCRIPTS = ("cyrl", "latn", "arab")
SCHEMES = ("latin_2017", "latin_2018", "latin_2021", "latin_informal", "arabic")
_COLUMNS = ("letter", "back", "front", "initial", "after_vowel", "after_vowel_front", "kind", "harmony")
_CHOICES = (("kind", frozenset({"vowel", "consonant"})), ("harmony", frozenset({"back", "front", "-"})))

_ARABIC_LETTERS = "\u0621-\u064a\u0674-\u06d5"
_ARABIC_WORD = re.compile(f"[{_ARABIC_LETTERS}]+")
_KAZAKH_ARABIC_ONLY = re.compile(f"[ەۇۋڭۆٴٵٶٷٸ]|ى(?=[{_ARABIC_LETTERS}])|(?<![{_ARABIC_LETTERS}])ء(?=[{_ARABIC_LETTERS}])")
"""Letters of the Kazakh Arabic-script alphabet that Arabic does not have, ى inside a word (Arabic
writes it only at the end) and the hamza that starts a word."""
_ARABIC_ONLY = re.compile("[ةثذصضطظخغأإآؤئهـېۈ\u064b-\u0652]")
"""Letters (and the vowel signs) of Arabic that the Kazakh Arabic-script alphabet does not use."""
_HAMZA = "ءٴ"
_ARABIC_PUNCT = str.maketrans("،؛؟٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", ",;?01234567890123456789")

_LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u014a\u014b"
_LATIN_WORD = re.compile(f"[{_LATIN_LETTERS}](?:[{_LATIN_LETTERS}]|['’ʼ](?=[{_LATIN_LETTERS}\\s.,;:!?)»\"-]|$))*")
_APOSTROPHES = str.maketrans("’ʼ", "''")
_MARKS_2018 = re.compile("[áóúýǵńÁÓÚÝǴŃ]")
_MARKS_2021 = re.compile("[äöüğñşūçŋÄÖÜĞÑŞŪÇŊ]")
_MARKS_2017 = re.compile("[agnoscuiyAGNOSCUIY]['’ʼ](?=[a-zA-Z])|[agnouiyAGNOUIY]['’ʼ](?![a-zA-Z])")
_KAZAKH_LATIN_LETTER = re.compile("[ǵǴńŃýÝıIğĞñÑşŞūŪŋŊäÄ]|[qQ](?![uU])".replace("I", ""))
_DISTINCT = re.compile("[ǵńýñūŋä]")
"""Letters of the Kazakh Latin alphabets (in lower case) that neither English nor Turkish writes."""
_TURKISH_TOO = re.compile("[ığşöüç]")
"""Letters of the Kazakh Latin alphabets that Turkish writes too: weak evidence only."""
_SKELETON = str.maketrans("әөұүіыйғқңһ", "аоууииигкнх")


@lru_cache(maxsize=1)
def _kazakh_stop_skeletons() -> frozenset[str]:
    """The Kazakh stop words with the letters informal spelling does not tell apart folded
    (және and жане, үшін and ушин are one)."""
    from yntymaq.text.langid import stopwords

    return frozenset(word.translate(_SKELETON) for word in stopwords("kk"))
_Q = re.compile("q(?![uU])")
"""A q not followed by u: English writes qu; Kazakh Latin writes q for қ. Starting with a literal
letter, it is searched for at the speed of a character find."""
_LATIN_WORDS_IN = re.compile(f"[{_LATIN_LETTERS}]+")


@dataclass(frozen=True, slots=True)
class Letter:
    """One row of a transliteration table."""

    back: str
    front: str
    initial: str | None
    after_vowel: str | None
    after_vowel_front: str | None
    vowel: bool
    harmony: str | None


@dataclass(frozen=True, slots=True)
class Scheme:
    """A transliteration table: its letters and sequences, longest first when read."""

    name: str
    letters: dict[str, Letter]
    longest: int


@dataclass(frozen=True, slots=True)
class Transcribed:
    """A text with its Kazakh Latin and Arabic-script words in Cyrillic, and the map back.

    `script` is the script most of the letters read came from (`cyrl` when nothing was read);
    `scheme` the table the Latin words were read with, or `arabic`, or None."""

    text: str
    map: OffsetMap
    script: str = "cyrl"
    scheme: str | None = None


def parse_scheme(rows: tuple[Row, ...] | list[Row], *, name: str, file: str) -> Scheme:
    """A scheme from its table's rows; a Cyrillic cell must be Kazakh letters (or `-`)."""
    from yntymaq.text.alphabet import ALPHABETS

    problems: list[Problem] = []
    letters: dict[str, Letter] = {}
    kazakh = set(ALPHABETS["kk"])
    for row in rows:
        cells = {}
        for column in ("back", "front", "initial", "after_vowel", "after_vowel_front"):
            value = row[column]
            if value == "-":
                if column in ("back", "front"):
                    problems.append(Problem(file, row.line, f"{column} must be Cyrillic letters, not '-'"))
                cells[column] = None
                continue
            bad = next((ch for ch in value if ch not in kazakh), None)
            if bad is not None:
                problems.append(Problem(file, row.line, f"{column} {value!r} has {bad!r} (U+{ord(bad):04X}), "
                                                        f"which is not a Kazakh Cyrillic letter"))
            cells[column] = value
        letters[row["letter"]] = Letter(cells["back"], cells["front"], cells["initial"], cells["after_vowel"],
                                        cells["after_vowel_front"], row["kind"] == "vowel", None if row["harmony"] == "-" else row["harmony"])
    if problems:
        raise DataErrors(problems)
    return Scheme(name, letters, max(map(len, letters), default=1))


@lru_cache(maxsize=None)
def scheme(name: str) -> Scheme:
    """The shipped scheme `name` (one of SCHEMES), validated when first loaded."""
    alphabet = "kk-arab" if name == "arabic" else "kk-latn"
    rows = load_table("kk", name, _COLUMNS, (("letter", alphabet),), _CHOICES)
    return parse_scheme(rows, name=name, file=table_path("kk", name))


@lru_cache(maxsize=1)
def _latin_2021_without_u_macron() -> Scheme:
    """The 2021 scheme for a text that never writes ū: its u is ұ/ү as well as у (after a vowel)."""
    base = scheme("latin_2021")
    letters = dict(base.letters)
    letters["u"] = Letter("ұ", "ү", None, "у", "у", True, None)
    return Scheme("latin_2021", letters, base.longest)


@lru_cache(maxsize=1)
def _known_stems() -> frozenset[str]:
    return frozenset(row["stem"] for row in load_table("kk", "stems", ("stem", "gloss"), (("stem", "kk"),)))


class _MapBuilder:
    """Builds the new text and its `OffsetMap` (copied segments for pieces of the same length,
    replacing ones for pieces of another length; dropped text has none)."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.norm = [0]
        self.orig = [0]
        self.span_end = [-1]
        self.length = 0

    def _segment(self, orig: int, span_end: int) -> None:
        if self.norm[-1] == self.length:
            self.orig[-1], self.span_end[-1] = orig, span_end
        else:
            self.norm.append(self.length)
            self.orig.append(orig)
            self.span_end.append(span_end)

    def put(self, out: str, start: int, end: int) -> None:
        """`out` stands for the original `start:end`."""
        if not out:
            return
        if len(out) == end - start:
            # one for one: continues the copied segment before it when that one reaches `start`
            if not (self.span_end[-1] < 0 and self.orig[-1] + self.length - self.norm[-1] == start):
                self._segment(start, -1)
        else:
            self._segment(start, end)
        self.pieces.append(out)
        self.length += len(out)

    def build(self, orig_length: int) -> tuple[str, OffsetMap]:
        text = "".join(self.pieces)
        return text, OffsetMap(tuple(self.norm), tuple(self.orig), tuple(self.span_end), len(text), orig_length)


def _recase(out: str, written: str, whole_upper: bool) -> str:
    if whole_upper:
        return out.upper()
    if written[:1].isupper():
        return out[:1].upper() + out[1:]
    return out


def _tokens(word: str, table: Scheme) -> list[tuple[int, int, Letter | None]]:
    """The word cut into the table's letters, longest match first: (start, end, letter or None)."""
    out = []
    i, n = 0, len(word)
    while i < n:
        for size in range(min(table.longest, n - i), 0, -1):
            letter = table.letters.get(word[i:i + size])
            if letter is not None:
                out.append((i, i + size, letter))
                i += size
                break
        else:
            out.append((i, i + 1, None))
            i += 1
    return out


def _read_word(word: str, lower: str, table: Scheme, harmony: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, Cyrillic) pieces of one word read with `table`; `harmony` forces back or front."""
    tokens = _tokens(lower, table)
    if harmony is None:
        back = sum(1 for _, _, t in tokens if t is not None and t.harmony == "back")
        front = sum(1 for _, _, t in tokens if t is not None and t.harmony == "front")
        harmony = "front" if front > back else "back"
    whole_upper = len(word) > 1 and word.isupper()
    pieces = []
    previous_vowel = False
    for start, end, letter in tokens:
        written = word[start:end]
        if letter is None:
            pieces.append((start, end, written))
            previous_vowel = False
            continue
        front = harmony == "front"
        out = letter.front if front else letter.back
        if start == 0 and letter.initial is not None:
            out = letter.initial
        elif previous_vowel:
            after = letter.after_vowel_front if front else letter.after_vowel
            if after is not None:
                out = after
        pieces.append((start, end, _recase(out, written, whole_upper)))
        previous_vowel = letter.vowel
    return pieces


# -- Arabic script ---------------------------------------------------------------------------------

_RUSSIAN_LOAN = re.compile("[ۆفچژ]|تس")
"""в, ф, ч, ж written ژ, ц (тс): letters of words taken from or through Russian."""


def _arabic_harmony(word: str) -> str:
    """back | front | consonants (front only by к or г: a loan word's а stays а; see arabic.tsv).
    A word with е that has a letter of Russian loan words (Назарбаев, вектор) is read with the
    loan word's back vowels: native front words do not have those letters."""
    if word[0] in _HAMZA or any(ch in "ٵٶٷٸ" for ch in word):
        return "front"
    if "ق" in word or "ع" in word:
        return "back"
    if "ە" in word:
        return "back" if _RUSSIAN_LOAN.search(word) else "front"
    if "ك" in word or "گ" in word:
        return "consonants"
    return "back"


def _longest_stem(reading: str, stems: frozenset[str]) -> int:
    low = reading.lower()
    for size in range(len(low), 3, -1):
        if low[:size] in stems:
            return size
    return 0


def _read_arabic_word(word: str) -> list[tuple[int, int, str]]:
    table = scheme("arabic")
    harmony = _arabic_harmony(word)
    # the hamza goes with the letter after it, so that a letter's span includes the mark that made it front
    body_start = 1 if word[0] in _HAMZA and len(word) > 1 else 0
    body = word[body_start:]
    if harmony == "consonants":
        pieces = _read_word(body, body, table, "front")
        # а is written like ә: in a word front only by its consonants it is the loan word's а (Африка)
        pieces = [(s, e, "а" if out == "ә" and body[s:e] == "ا" else out) for s, e, out in pieces]
    else:
        pieces = _read_word(body, body, table, harmony)
    if harmony != "back" and body_start == 0:
        # a loan word the stem table knows is read with that stem's vowels (конференциясы, not көнференциясі)
        back = _read_word(body, body, table, "back")
        stems = _known_stems()
        front_text, back_text = "".join(p[2] for p in pieces), "".join(p[2] for p in back)
        back_stem = _longest_stem(back_text, stems)
        if back_stem > _longest_stem(front_text, stems):
            pieces = back
            harmony = "back"
    if harmony == "back" and pieces and pieces[0][2] in ("е", "Е") and body[:1] == "ە":
        pieces[0] = (pieces[0][0], pieces[0][1], "э")  # initial е of a back word: a loan word's э
    if body_start:
        start, end, out = pieces[0]
        pieces[0] = (0, end + body_start, out)
        pieces[1:] = [(s + body_start, e + body_start, o) for s, e, o in pieces[1:]]
    return pieces


def _arabic_line_is_kazakh(line: str) -> tuple[int, int]:
    """(Kazakh-only letters, Arabic-only letters) of a line."""
    return len(_KAZAKH_ARABIC_ONLY.findall(line)), len(_ARABIC_ONLY.findall(line))


# -- Latin script ----------------------------------------------------------------------------------

def latin_scheme(text: str) -> Scheme:
    """The Latin table a piece of Kazakh text is written in, told by its letters."""
    counts = {
        "latin_2018": len(_MARKS_2018.findall(text)),
        "latin_2021": len(_MARKS_2021.findall(text)),
        "latin_2017": len(_MARKS_2017.findall(text)),
    }
    if not counts["latin_2021"]:
        counts["latin_2018"] += text.count("ı")  # ı is in both; with no other letter of 2021, it is 2018's
    name, count = max(counts.items(), key=lambda item: item[1])
    if count == 0 or list(counts.values()).count(count) > 1:
        return scheme("latin_informal")
    if name == "latin_2021" and "ū" not in text and "Ū" not in text:
        return _latin_2021_without_u_macron()
    return scheme(name)


_WORD_EVIDENCE: dict[tuple[str, str], tuple[int, int, int]] = {}
"""What each word seen so far counts for, per table (words repeat: each is worked out once)."""


def _latin_evidence(line: str, table: Scheme) -> tuple[int, int, int]:
    """(strong Kazakh, weak Kazakh, English) evidence of a line: Kazakh stop words read through
    `table` and words with a letter only the Kazakh alphabets have; words with a q; English stop words."""
    strong = weak = english = 0
    memo = _WORD_EVIDENCE
    for word in _LATIN_WORD.findall(line):
        found = memo.get((table.name, word))
        if found is None:
            found = _word_evidence(word, table)
            if len(memo) > 200_000:
                memo.clear()
            memo[table.name, word] = found
        strong += found[0]
        weak += found[1]
        english += found[2]
    return strong, weak, english


def _word_evidence(word: str, table: Scheme) -> tuple[int, int, int]:
    from yntymaq.text.langid import stopwords

    lower = _lower(word)
    if lower in stopwords("en"):
        return 0, 0, 1
    # a word with q and a Turkish letter is Kazakh: Turkish writes no q, English no ı ğ ş
    strong = 1 if (_DISTINCT.search(lower) or (table.name == "latin_2017" and _MARKS_2017.search(lower))
                   or (_Q.search(lower) and _TURKISH_TOO.search(lower))) else 0
    weak = 1 if not strong and (_Q.search(lower) or _TURKISH_TOO.search(lower)) else 0
    if len(lower) <= 10:
        read = "".join(p[2] for p in _read_word(word, lower, table)).lower()
        strong += read in stopwords("kk") or read.translate(_SKELETON) in _kazakh_stop_skeletons()
    return strong, weak, 0


def _lower(word: str) -> str:
    low = word.replace("İ", "i").lower().translate(_APOSTROPHES)
    return low if len(low) == len(word) else "".join(ch.lower()[:1] for ch in word.replace("İ", "i"))


def _read_latin_word(word: str, table: Scheme) -> list[tuple[int, int, str]]:
    lower = _lower(word)
    if table.name == "latin_2021" and word[:1] == "I" and "ı" not in lower[1:]:
        lower = "i" + lower[1:]  # a capital I is ı or i: ı only in a word that writes ı elsewhere
    elif table.name == "latin_2021" and word[:1] == "I":
        lower = "ı" + lower[1:]
    return _read_word(word, lower, table)


def read_latin_word(word: str) -> str:
    """One word of Kazakh in Latin letters read into Cyrillic, in the table its letters tell
    (`sammitte` → `саммитте`, `Qazaqstannyń` → `Қазақстанның`): for a word typed alone, such as a
    search query, where no line around it can tell whether it is Kazakh."""
    return "".join(piece for _, _, piece in _read_latin_word(word, latin_scheme(word)))


# -- the whole text ----------------------------------------------------------------------------------

def needs_reading(text: str) -> bool:
    """Might `text` have Kazakh in Latin or Arabic script? False for Cyrillic text, at the cost of
    a few character finds: every Kazakh Latin text of a sentence or more writes q (қ), ı or ǵ,
    every Arabic-script one alef or ى (ы, і) — a find of one character is many times faster than any
    regular expression — and only then the search for the letters themselves."""
    if "ا" in text or "ى" in text or "ı" in text or "ǵ" in text:
        return True
    return "q" in text and _Q.search(text) is not None


@lru_cache(maxsize=1)
def to_cyrillic(text: str) -> Transcribed:
    """`text` with its Kazakh Latin and Arabic-script words in Cyrillic, and the map back."""
    if not needs_reading(text):
        return Transcribed(text, OffsetMap.identity(len(text)))
    return _to_cyrillic(text)


def _to_cyrillic(text: str) -> Transcribed:
    lines = text.split("\n")
    arabic_lines = [_arabic_line_is_kazakh(line) if _ARABIC_WORD.search(line) else None for line in lines]
    kk_arabic = sum(a for a, _ in filter(None, arabic_lines))
    ar_arabic = sum(b for _, b in filter(None, arabic_lines))
    piece_arabic = kk_arabic >= 1 and kk_arabic > ar_arabic

    latin_lines: list[tuple[int, int, int] | None] = [None] * len(lines)
    table = None
    if _KAZAKH_LATIN_LETTER.search(text):
        table = latin_scheme(text)
        latin_lines = [_latin_evidence(line, table) if _KAZAKH_LATIN_LETTER.search(line) or _LATIN_WORDS_IN.search(line)
                       else None for line in lines]
    evidence = [e for e in latin_lines if e is not None]
    strong = sum(e[0] for e in evidence)
    weak = sum(e[1] for e in evidence)
    english = sum(e[2] for e in evidence)
    piece_latin = table is not None and strong >= 2 and strong + weak > 2 * english

    builder = _MapBuilder()
    read = {"latn": 0, "arab": 0}
    at = 0
    for number, line in enumerate(lines):
        if number:
            builder.put("\n", at - 1, at)
        ar = arabic_lines[number]
        la = latin_lines[number]
        # a Kazakh-only letter is evidence enough where no Arabic-only letter speaks against it
        if ar is not None and ((ar[0] >= 1 and ar[0] > ar[1]) or (piece_arabic and ar[1] <= ar[0])):
            read["arab"] += _read_arabic_line(line, at, builder)
        elif la is not None and table is not None and (
                (la[0] >= 1 and la[0] + la[1] >= 2 and la[0] + la[1] > 2 * la[2])
                or (piece_latin and la[2] == 0 and la[0] + la[1] >= 1)):
            read["latn"] += _read_latin_line(line, at, builder, table)
        else:
            builder.put(line, at, at + len(line))
        at += len(line) + 1
    if not read["latn"] and not read["arab"]:
        return Transcribed(text, OffsetMap.identity(len(text)))
    new, omap = builder.build(len(text))
    script = "arab" if read["arab"] >= read["latn"] else "latn"
    return Transcribed(new, omap, script, "arabic" if script == "arab" else table.name if table else None)


def _read_arabic_line(line: str, base: int, builder: _MapBuilder) -> int:
    """Put a Kazakh Arabic-script line into Cyrillic; the number of letters read. The script has no
    capitals: the first word of the line and of each sentence gets one, so that the reading divides
    into sentences as Cyrillic text does."""
    done = 0
    count = 0
    opens = True  # the next word starts a sentence
    for match in _ARABIC_WORD.finditer(line):
        start, end = match.span()
        word = match.group()
        if _ARABIC_ONLY.search(word):
            continue  # an Arabic word (a quotation): left as written
        between = line[done:start]
        _put_plain(between, base + done, builder)
        if between.strip():
            opens = _ENDS_SENTENCE.search(between.translate(_ARABIC_PUNCT)) is not None
        for i, (s, e, out) in enumerate(_read_arabic_word(word)):
            builder.put(out[:1].upper() + out[1:] if opens and not i else out, base + start + s, base + start + e)
        opens = False
        count += len(word)
        done = end
    _put_plain(line[done:], base + done, builder)
    return count


_ENDS_SENTENCE = re.compile(r"[.!?…][»\"”’')\]]*\s+$")


def _put_plain(chunk: str, at: int, builder: _MapBuilder) -> None:
    """Text between words: the Arabic comma, semicolon, question mark and digits become ours."""
    if chunk:
        builder.put(chunk.translate(_ARABIC_PUNCT), at, at + len(chunk))


def _read_latin_line(line: str, base: int, builder: _MapBuilder, table: Scheme) -> int:
    """Put a Kazakh Latin line into Cyrillic; the number of letters read."""
    from yntymaq.text.langid import stopwords

    # Cyrillic look-alikes inside Latin words (Úkіmetі) become Latin first: same length
    fixed = fix_mixed_scripts(line)
    en_stop = stopwords("en")
    done = 0
    count = 0
    for match in _LATIN_WORD.finditer(fixed):
        start, end = match.span()
        word = match.group()
        if _lower(word) in en_stop or (word.isupper() and len(word) > 1 and not _KAZAKH_LATIN_LETTER.search(word)):
            continue  # an English word, an acronym (OIC, ICESCO): left as written
        builder.put(line[done:start], base + done, base + start)
        for s, e, out in _read_latin_word(word, table):
            builder.put(out, base + start + s, base + start + e)
        count += len(word)
        done = end
    builder.put(line[done:], base + done, base + len(line))
    return count
