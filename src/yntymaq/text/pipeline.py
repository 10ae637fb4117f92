"""The text pipeline: `analyse(text)` and `analyse_file(path)` run named stages over a document.

Stages, in order (each can be switched off by name with `disable=`):

- `script`    — read Kazakh written in Latin or Arabic script through Cyrillic (`script`), keeping
                the map back; a Cyrillic text pays one search;
- `normalize` — repair mixed scripts, PDF hyphenation and whitespace, keeping the map back;
- `segment`   — find the sentences (switched off: each paragraph is one sentence);
- `tokenize`  — words, numbers, abbreviations and punctuation of each sentence;
- `langid`    — the language of each sentence and of the document (kk, ru or en);
- `stems`     — Kazakh stems and suffixes (`inflect`), Russian normal forms (`morph_ru`);
- `dates`     — dates and ordinals (`dates`).

Every offset in the result — of a sentence, a token, a date — points into the ORIGINAL text: the
string given to `analyse`, or the text `read_file` got from a file (see `read`). Work is done one
piece of text at a time, cut at paragraph breaks, and one sentence at a time within it, so that
`iter_sentences` over a stream keeps memory flat however long the input is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from yntymaq.errors import BadInput
from yntymaq.text.langid import Tally, evidence
from yntymaq.text.normalize import Normalized, OffsetMap, normalize
from yntymaq.limits import check_deadline
from yntymaq.text.read import STREAM_BLOCK, read_file, stream_file
from yntymaq.text.script import to_cyrillic
from yntymaq.text.segment import abbreviations, sentence_spans
from yntymaq.text.tokenize import Tokenized, token_kind, tokenize
from yntymaq.vocab import LANGS


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step: what it needs from the steps before it, and what it adds."""

    name: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]
    help: str


STAGES: tuple[Stage, ...] = (
    Stage("script", (), ("script",), "read Latin- and Arabic-script Kazakh through Cyrillic"),
    Stage("normalize", (), ("norm",), "repair mixed scripts, hyphenation and whitespace"),
    Stage("segment", (), ("sentences",), "split the text into sentences"),
    Stage("tokenize", (), ("tokens",), "split sentences into tokens"),
    Stage("langid", (), ("language",), "tell the language of each sentence"),
    Stage("stems", ("tokens", "language"), ("stems",), "Kazakh stems, Russian normal forms"),
    Stage("dates", ("language",), ("dates", "ordinals"), "find dates and ordinals"),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)

PIECE_CHARS = 1 << 16
"""Text is worked on in pieces of about this many characters, cut at the first paragraph break after
that many: big enough that the work per piece does not count, small enough to stay in the CPU's
caches (measured: 64K characters is faster than 16K or 1M) and to keep memory low."""
MAX_PIECE_CHARS = 1 << 18
"""A paragraph running past this many characters is cut at a sentence end instead."""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]")


@dataclass(slots=True)
class Token:
    """A token: `start`/`end` in the original text, `text` as written there, `norm` as normalised."""

    start: int
    end: int
    text: str
    norm: str
    kind: str  # word | number | abbr | punct
    stem: str | None = None
    suffixes: tuple[str, ...] = ()
    lemma: str | None = None

    def to_json(self) -> dict:
        out = {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}
        if self.norm != self.text:
            out["norm"] = self.norm
        if self.stem is not None:
            out["stem"] = self.stem
            out["suffixes"] = list(self.suffixes)
        if self.lemma is not None:
            out["lemma"] = self.lemma
        return out


@dataclass(slots=True)
class Sentence:
    """A sentence: `start`/`end` in the original text, `text` as written there, `norm` normalised."""

    start: int
    end: int
    text: str
    norm: str
    language: str | None = None
    tokens: list[Token] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    ordinals: list[dict] = field(default_factory=list)
    # how the sentence was scanned and the piece of text it lies in, for `add_dates` later
    scanned: "tuple[Scanned, str] | None" = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict:
        # `Token.to_json` of each token, written out here: a sentence has dozens of tokens, a text millions
        tokens = []
        add = tokens.append
        for token in self.tokens:
            text, norm, stem, lemma = token.text, token.norm, token.stem, token.lemma
            out = {"start": token.start, "end": token.end, "text": text, "kind": token.kind}
            if norm != text:
                out["norm"] = norm
            if stem is not None:
                out["stem"] = stem
                out["suffixes"] = list(token.suffixes)
            if lemma is not None:
                out["lemma"] = lemma
            add(out)
        return {"start": self.start, "end": self.end, "text": self.text, "norm": self.norm,
                "language": self.language, "tokens": tokens, "dates": self.dates, "ordinals": self.ordinals}


@dataclass(slots=True)
class Document:
    """An analysed document. `text` is the original text every offset points into."""

    text: str
    sentences: list[Sentence]
    language: str | None
    stages: tuple[str, ...]
    name: str | None = None
    format: str = "text"
    encoding: str | None = None
    script: str = "cyrl"
    transliteration: str | None = None

    @property
    def document_date(self):
        """The date of the document's dateline or date stamp (`text.doctime.document_date` over
        `text` in the document's language): a `DocumentDate`, or None. Computed when asked."""
        from yntymaq.text.doctime import document_date

        return document_date(self.text, self.language)

    def to_json(self) -> dict:
        return {"name": self.name, "format": self.format, "encoding": self.encoding, "language": self.language,
                "script": self.script, "transliteration": self.transliteration,
                "stages": list(self.stages), "sentences": [sent.to_json() for sent in self.sentences]}


@dataclass(slots=True)
class Scanned:
    """A sentence as the fast path leaves it: its span in the original text, its normalised text
    (which starts at `norm_start` of its piece's normalised text), and its tokens as `pieces` (a token
    and the whitespace after it) starting at `token_starts` in the normalised text. `omap` and
    `base` lead from the piece's normalised text to the original: `token_spans` uses them."""

    start: int
    end: int
    norm: str
    norm_start: int
    pieces: list[str]
    token_starts: list[int]
    omap: OffsetMap
    base: int

    def token_spans(self) -> list[tuple[int, int, str]]:
        """(start, end, normalised text) of each token, offsets in the original text."""
        out = []
        omap, base = self.omap, self.base
        delta = omap.delta(self.norm_start, self.norm_start + len(self.norm))
        for piece, start in zip(self.pieces, self.token_starts):
            token = piece.rstrip()
            if delta is not None:
                out.append((base + start + delta, base + start + delta + len(token), token))
            else:
                out.append((base + omap.to_original(start), base + omap.to_original_end(start + len(token)), token))
        return out


@dataclass(slots=True)
class ScannedPiece:
    """One piece of text (about PIECE_CHARS, cut at a paragraph break) through the fast path.

    `spans` are the sentences in the normalised text `norm`, `starts`/`ends` the same sentences in
    the original text; `tokens` the piece's tokens; `token_bounds[i]` is the index of the first token
    after sentence i. `consumed` is how much of the original piece the sentences cover."""

    base: int
    norm: str
    omap: OffsetMap
    spans: list[tuple[int, int]]
    starts: list[int]
    ends: list[int]
    tokens: Tokenized | None
    token_bounds: list[int]
    consumed: int
    script: str = "cyrl"
    scheme: str | None = None

    def __len__(self) -> int:
        return len(self.spans)

    def sentences(self) -> Iterator[Scanned]:
        norm, omap, base = self.norm, self.omap, self.base
        if self.tokens is None:
            for (a, b), start, end in zip(self.spans, self.starts, self.ends):
                yield Scanned(start, end, norm[a:b], a, [], [], omap, base)
            return
        pieces, token_starts = self.tokens.pieces, self.tokens.starts
        lo = bisect_left(token_starts, self.spans[0][0]) if self.spans else 0
        for (a, b), start, end, hi in zip(self.spans, self.starts, self.ends, self.token_bounds):
            yield Scanned(start, end, norm[a:b], a, pieces[lo:hi], token_starts[lo:hi], omap, base)
            lo = hi


def check_stages(disable: Iterable[str], *, language: str | None = None) -> tuple[str, ...]:
    """The stages to run when `disable` are switched off; a clear error for an unknown name or
    for a stage whose needs are switched off."""
    disabled = set(disable)
    unknown = sorted(disabled - set(STAGE_NAMES))
    if unknown:
        raise BadInput(f"unknown stage {unknown[0]!r}: the stages are {', '.join(STAGE_NAMES)}")
    if language is not None and language not in LANGS:
        raise BadInput(f"language {language!r} is not supported: use one of {', '.join(LANGS)}")
    enabled = [stage for stage in STAGES if stage.name not in disabled]
    available = {"language"} if language is not None else set()
    for stage in enabled:
        for need in stage.needs:
            if need not in available:
                setter = next(s.name for s in STAGES if need in s.sets)
                raise BadInput(f"stage {stage.name!r} needs the {need}, which stage {setter!r} gives: "
                               f"keep {setter!r} on, or switch {stage.name!r} off too"
                               + (" (or give the language)" if need == "language" else ""))
        available.update(stage.sets)
    return tuple(stage.name for stage in enabled)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as sentences, for when segmentation is switched off."""
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text + "\n\n"):
        piece = text[start:match.start()]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
        start = match.end()
    return spans


def _scan_piece(piece: str, base: int, *, do_normalize: bool, do_segment: bool, do_tokenize: bool,
                complete: bool, do_script: bool = True) -> ScannedPiece:
    """Read other scripts, normalise, segment and tokenise one piece of text whose first character
    is at `base` of the original. The sentences cover all of the piece when `complete`, else they
    stop before the last sentence, which the next piece continues."""
    norm: Normalized
    if do_normalize:
        # called alike from here and from the entity linker, so that its one-text cache serves both
        norm = normalize(piece) if do_script else normalize(piece, scripts=False)
    elif do_script:
        read = to_cyrillic(piece)
        norm = Normalized(read.text, read.map, read.script, read.scheme)
    else:
        norm = Normalized(piece, OffsetMap.identity(len(piece)))
    text, omap = norm.text, norm.map
    spans = sentence_spans(text) if do_segment else _paragraph_spans(text)
    consumed = len(piece)
    if not complete and len(spans) > 1:
        consumed = omap.to_original(spans[-1][0])
        spans.pop()
    starts = omap.starts_to_original([a for a, _ in spans])
    ends = omap.ends_to_original([b for _, b in spans])
    if base:
        starts = [base + start for start in starts]
        ends = [base + end for end in ends]
    tokens = None
    bounds: list[int] = []
    if do_tokenize:
        tokens = tokenize(text)
        bounds = _split_tokens_at_sentence_ends(tokens, spans)
    return ScannedPiece(base, text, omap, spans, starts, ends, tokens, bounds, consumed, norm.script, norm.scheme)


def _split_tokens_at_sentence_ends(tokens: Tokenized, spans: list[tuple[int, int]]) -> list[int]:
    """Index of the first token after each sentence. A token that runs past a sentence's end (т.б.Н.Ә.:
    the abbreviation ends a sentence, the initials start the next) is cut there, so that every token
    lies inside one sentence."""
    pieces, starts = tokens.pieces, tokens.starts
    bounds = [bisect_left(starts, b) for _, b in spans]
    cuts = [(hi - 1, b) for (_, b), hi in zip(spans, bounds)
            if hi and starts[hi - 1] + len(pieces[hi - 1]) > b and starts[hi - 1] + len(pieces[hi - 1].rstrip()) > b]
    if not cuts:
        return bounds
    for i, at in reversed(cuts):  # from the last, so that earlier indices stay right
        piece, start = pieces[i], starts[i]
        pieces[i:i + 1] = [piece[:at - start], piece[at - start:]]
        starts[i + 1:i + 1] = [at]
    return [bisect_left(starts, b) for _, b in spans]


def _pieces(blocks: Iterable[str]) -> Iterator[tuple[str, int, bool]]:
    """(piece, base offset, complete?) from blocks of text: a piece ends at the first paragraph break
    after PIECE_CHARS, or is marked incomplete when a paragraph runs past MAX_PIECE_CHARS — the
    caller then `send`s how much of it it used (up to the start of its last sentence)."""
    buffer = ""
    pos = 0  # where the unprocessed text starts in `buffer` (slicing it off each time would copy)
    base = 0  # offset of buffer[pos] in the whole text
    for block in blocks:
        buffer = buffer[pos:] + block if pos < len(buffer) else block
        pos = 0
        while len(buffer) - pos >= PIECE_CHARS:
            cut = _paragraph_break_after(buffer, pos + PIECE_CHARS)
            if cut > 0:
                used = yield buffer[pos:cut], base, True
            elif len(buffer) - pos >= MAX_PIECE_CHARS:
                used = yield buffer[pos:pos + MAX_PIECE_CHARS], base, False
            else:
                break
            if not used:
                break
            base += used
            pos += used
    if pos < len(buffer):
        yield buffer[pos:], base, True


def _paragraph_break_after(text: str, at: int) -> int:
    """The offset just after the first paragraph break that ends after `at`, or 0."""
    match = _PARAGRAPH_BREAK.search(text, at - 1)
    return match.end() if match is not None else 0


def _scanned_pieces(blocks: Iterable[str] | str, *, normalize_text: bool, segment: bool,
                    tokenize_text: bool, read_scripts: bool = True) -> Iterator[tuple[str, ScannedPiece]]:
    """Each piece of the text with its fast-path scan; the next piece starts where the scan's
    sentences ended."""
    if isinstance(blocks, str):
        blocks = (blocks,)
    pieces = _pieces(blocks)
    try:
        piece, base, complete = next(pieces)
    except StopIteration:
        return
    while True:
        scanned = _scan_piece(piece, base, do_normalize=normalize_text, do_segment=segment,
                              do_tokenize=tokenize_text, complete=complete, do_script=read_scripts)
        yield piece, scanned
        try:
            piece, base, complete = pieces.send(scanned.consumed)
        except StopIteration:
            return


def scan(blocks: Iterable[str] | str, *, normalize_text: bool = True, segment: bool = True,
         tokenize_text: bool = True, read_scripts: bool = True) -> Iterator[ScannedPiece]:
    """The fast path — read other scripts, normalise, segment, tokenise — over a text or a stream
    of blocks of it, yielding each piece of text as soon as it is done (`ScannedPiece.sentences()`
    gives its sentences)."""
    for _, scanned in _scanned_pieces(blocks, normalize_text=normalize_text, segment=segment,
                                      tokenize_text=tokenize_text, read_scripts=read_scripts):
        yield scanned


_FALLBACK_SAMPLE = 8192
"""How much of a piece tells its language when a sentence shows none: a few dozen sentences."""


class _PieceLanguage:
    """The language of (the start of) a piece of text, for a sentence that shows none before any
    sentence of the document has: worked out only when first asked for."""

    def __init__(self, piece: str):
        self.piece = piece
        self.known = False
        self.found: str | None = None

    def language(self) -> str | None:
        if not self.known:
            self.found, self.known = evidence(self.piece[:_FALLBACK_SAMPLE]).best(), True
        return self.found


class Pipeline:
    """The stages to run, checked once; `run` applies them to a stream of text."""

    def __init__(self, *, disable: Iterable[str] = (), language: str | None = None,
                 dates_if: Callable[[str], bool] | None = None, dates_later: bool = False):
        self.stages = check_stages(disable, language=language)
        self.language = language
        self.dates_later = dates_later
        self.tally = Tally()
        self.dates_if = dates_if
        self.scripts: dict[tuple[str, str | None], int] = {}

    def script(self) -> tuple[str, str | None]:
        """The script most of the text read so far was written in, and the table it was read with
        (None for Cyrillic, or for text that was left as written)."""
        if not self.scripts:
            return "cyrl", None
        return max(self.scripts.items(), key=lambda item: item[1])[0]

    def run(self, blocks: Iterable[str] | str) -> Iterator[Sentence]:
        """Analysed sentences of a text (or of a stream of its blocks), in order."""
        stages = set(self.stages)
        for piece, scanned in _scanned_pieces(blocks, normalize_text="normalize" in stages,
                                              segment="segment" in stages, tokenize_text="tokenize" in stages,
                                              read_scripts="script" in stages):
            key = (scanned.script, scanned.scheme) if scanned.scheme else (_written_script(piece), None)
            self.scripts[key] = self.scripts.get(key, 0) + scanned.consumed
            fallback = _PieceLanguage(piece)
            for raw in scanned.sentences():
                check_deadline()  # a server's time limit per request (yntymaq.limits); none by default
                yield self._sentence(raw, piece, stages, fallback)

    def _sentence(self, raw: Scanned, piece: str, stages: set[str], fallback: _PieceLanguage) -> Sentence:
        base = raw.base
        sent = Sentence(raw.start, raw.end, piece[raw.start - base:raw.end - base], raw.norm)
        # the language first (it reads only the sentence's text), so that the tokens are made with
        # their stems in one loop
        if self.language is not None:
            sent.language = self.language
        elif "langid" in stages:
            found = evidence(raw.norm)
            best = found.best()
            self.tally.add(best, found.letters)
            sent.language = best or self.tally.best() or fallback.language()
        if raw.pieces:
            language = sent.language if "stems" in stages else None
            sent.tokens = _tokens(raw, piece, sent.text == raw.norm, language)
        if "dates" in stages and sent.language is not None and (self.dates_if is None or self.dates_if(raw.norm)):
            if self.dates_later:
                sent.scanned = (raw, piece)
            else:
                _add_dates(sent, raw, piece)
        return sent

    def document_language(self) -> str | None:
        return self.language or self.tally.best()


_LATIN_LETTER = re.compile("[A-Za-z]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d5]")


def _written_script(piece: str) -> str:
    """The script a piece left as written is mostly in, judged on a sample: `cyrl`, `latn`, `arab`."""
    sample = piece[:4096]
    beyond_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if 4 * beyond_ascii >= len(sample):
        arabic = len(_ARABIC_LETTER.findall(sample)) if _ARABIC_LETTER.search(sample) else 0
        return "arab" if 2 * arabic > beyond_ascii else "cyrl"
    return "latn" if _LATIN_LETTER.search(sample) else "cyrl"


_TOKEN_TYPES: dict[str | None, dict[str, tuple[str, str | None, tuple[str, ...], str | None]]] = {}
"""Per language (None: no stems), what a token's normalised text makes of it — its kind, Kazakh stem
and suffixes, Russian lemma — worked out once per word type: a text repeats its words."""
_TOKEN_TYPES_LIMIT = 200_000


def _token_type(norm: str, language: str | None) -> tuple[str, str | None, tuple[str, ...], str | None]:
    kind = token_kind(norm)
    if kind == "word" and norm in abbreviations().acronyms:
        kind = "abbr"
    if kind == "word" and language in ("kk", "ru") and _CYRILLIC_WORD.search(norm):
        if language == "kk":
            stem, suffixes = _kk_best(norm)
            return kind, stem, suffixes, None
        from yntymaq.text.morph_ru import normal_form

        return kind, None, (), normal_form(norm)
    return kind, None, (), None


def _tokens(raw: Scanned, piece: str, as_written: bool, language: str | None) -> list[Token]:
    """The tokens of a sentence, with their stems (or lemmas) when `language` is kk (or ru). One loop:
    a sentence has dozens of tokens, a text millions. `as_written`: the sentence's normalised text is
    its original text, so each token's text is its normalised text."""
    types = _TOKEN_TYPES.get(language)
    if types is None or len(types) > _TOKEN_TYPES_LIMIT:  # (a long-running process: start afresh)
        types = _TOKEN_TYPES[language] = {}
    tokens: list[Token] = []
    add = tokens.append
    base = raw.base
    delta = raw.omap.delta(raw.norm_start, raw.norm_start + len(raw.norm))
    if delta is None:
        for s, e, t in raw.token_spans():
            info = types.get(t)
            if info is None:
                info = types[t] = _token_type(t, language)
            add(Token(s, e, piece[s - base:e - base], t, *info))
        return tokens
    shift = base + delta
    for chunk, start in zip(raw.pieces, raw.token_starts):
        t = chunk.rstrip()
        info = types.get(t)
        if info is None:
            info = types[t] = _token_type(t, language)
        s = start + shift
        e = s + len(t)
        add(Token(s, e, t if as_written else piece[s - base:e - base], t, *info))
    return tokens


@lru_cache(maxsize=1 << 16)
def _kk_best(word: str) -> tuple[str, tuple[str, ...]]:
    """The stem and suffixes of a Kazakh word's likeliest reading (a text repeats its words)."""
    from yntymaq.text.inflect import kk_analyses

    best = kk_analyses(word)[0]
    return best.stem, tuple(best.suffixes)


def add_dates(sent: Sentence) -> None:
    """Find the dates and ordinals of a sentence `analyse(..., dates_later=True)` left for later: for
    a caller that wants the dates of only some sentences, chosen after the analysis. A sentence
    whose dates were read already, or that cannot hold any (`dates_if`), is left as it is."""
    if sent.scanned is None:
        return
    raw, piece = sent.scanned
    _add_dates(sent, raw, piece)
    sent.scanned = None


_DATE_FINDERS: list = []
"""`dates.find_dates` and `dates.find_ordinals`, imported when first needed (not at start-up), then
kept: the import statement costs microseconds on each of a text's many sentences."""


def _add_dates(sent: Sentence, raw: Scanned, piece: str) -> None:
    """Dates and ordinals of the sentence, found in its normalised text, offsets mapped back."""
    if not _DATE_FINDERS:
        from yntymaq.text.dates import find_dates, find_ordinals

        _DATE_FINDERS.extend((find_dates, find_ordinals))
    find_dates, find_ordinals = _DATE_FINDERS
    norm, language = raw.norm, sent.language
    dates = find_dates(norm, language)
    ordinals = find_ordinals(norm, language, dates=dates)
    if not dates and not ordinals:  # most sentences
        sent.dates, sent.ordinals = [], []
        return
    omap, base = raw.omap, raw.base

    def mapped(mention) -> dict:
        start, end = omap.span(raw.norm_start + mention.start, raw.norm_start + mention.end)
        data = mention.to_json()
        data["start"], data["end"] = base + start, base + end
        data["text"] = piece[start:end]
        if mention.text != data["text"]:
            data["norm"] = mention.text
        return data

    sent.dates = [mapped(m) for m in dates]
    sent.ordinals = [mapped(m) for m in ordinals]


def analyse(text: str, *, disable: Iterable[str] = (), language: str | None = None, name: str | None = None,
            format: str = "text", encoding: str | None = None,
            dates_if: Callable[[str], bool] | None = None, dates_later: bool = False) -> Document:
    """Run the stages over `text`; every offset in the document points into `text`.

    `disable` switches stages off by name; `language` (kk, ru, en) fixes the language instead of
    identifying it; `dates_if`, given a sentence's normalised text, says whether to look for dates in
    it (a caller that only wants dates of some sentences saves the work on the others);
    `dates_later` leaves them to `add_dates`, for sentences the caller chooses after the analysis.
    """
    pipeline = Pipeline(disable=disable, language=language, dates_if=dates_if, dates_later=dates_later)
    sentences = list(pipeline.run(text))
    return Document(text, sentences, pipeline.document_language(), pipeline.stages, name, format, encoding,
                    *pipeline.script())


def analyse_file(path: str | Path, *, disable: Iterable[str] = (), language: str | None = None) -> Document:
    """Read a file (text in any encoding, HTML, PDF, DOCX; `-` for standard input) and analyse it.

    The file is read the one way every command reads files (`read.read_file`: a regular file, at most
    the `max_input` setting); every offset points into its text (for HTML, PDF and DOCX: the
    extracted text).
    """
    pipeline = Pipeline(disable=disable, language=language)
    read = read_file(path)
    sentences = list(pipeline.run(read.text))
    return Document(read.text, sentences, pipeline.document_language(), pipeline.stages, read.name,
                    read.format, read.encoding, *pipeline.script())


def iter_sentences(path: str | Path, *, disable: Iterable[str] = (), language: str | None = None,
                   block: int = STREAM_BLOCK) -> Iterator[Sentence]:
    """Analysed sentences of a file as they are found: for inputs too big to hold in memory."""
    pipeline = Pipeline(disable=disable, language=language)
    stream = stream_file(path, block=block)
    if stream is None:
        yield from pipeline.run(read_file(path).text)
    else:
        yield from pipeline.run(stream.blocks)


@dataclass
class DocumentStream:
    """A document analysed as it is read (`analyse_stream`): `sentences` yields each analysed sentence
    once, in order, and nothing keeps it after. What only the whole text tells — `language`, `script`,
    `transliteration` — is known once every sentence was taken."""

    sentences: Iterator[Sentence]
    stages: tuple[str, ...]
    name: str | None
    format: str
    encoding: str | None
    pipeline: Pipeline = field(repr=False)

    @property
    def language(self) -> str | None:
        return self.pipeline.document_language()

    @property
    def script(self) -> str:
        return self.pipeline.script()[0]

    @property
    def transliteration(self) -> str | None:
        return self.pipeline.script()[1]


def analyse_stream(path: str | Path, *, disable: Iterable[str] = (), language: str | None = None,
                   block: int = STREAM_BLOCK) -> DocumentStream:
    """`analyse_file` as a stream: plain text is read, analysed and given out block by block, so that
    memory stays flat however big the file is (HTML, PDF, DOCX and standard input are read whole first).
    The sentences, and every offset in them, are those `analyse_file` gives."""
    pipeline = Pipeline(disable=disable, language=language)
    stream = stream_file(path, block=block)
    if stream is None:
        read = read_file(path)
        return DocumentStream(pipeline.run(read.text), pipeline.stages, read.name, read.format, read.encoding, pipeline)
    return DocumentStream(pipeline.run(stream.blocks), pipeline.stages, stream.name, "text", stream.encoding, pipeline)
