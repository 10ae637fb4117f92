"""Reading whatever file a user has: plain text in any common encoding, HTML, PDF and DOCX.

`read_file(path)` returns the text and says how it was read (`ReadText.format`, `.encoding`).
Offsets everywhere else refer to `ReadText.text`: for plain text that is the decoded file (a BOM
is not part of it; line ends are kept as they are), for HTML, PDF and DOCX it is the text extracted
from the document — the article's text for HTML, the text layer for PDF, the paragraphs for DOCX.

Encodings: a BOM decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then UTF-16 without a BOM
(recognised by its zero or Cyrillic high bytes); then the single-byte Cyrillic code pages (cp1251,
the Kazakh KZ-1048 and PTCP154, KOI8-R, cp866, ISO 8859-5, Mac Cyrillic) and cp1252 for Latin text,
together with charset-normalizer's guess. Each candidate decoding is scored by how much it looks like
Kazakh, Russian or English (letters of those alphabets, capitals where capitals belong) and the best
wins: charset-normalizer alone often takes a short Kazakh text for something else.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from yntymaq.errors import TextReadError
from yntymaq.settings import size_label
from yntymaq.text.alphabet import ENGLISH_LOWER, ENGLISH_UPPER, KAZAKH_LOWER, KAZAKH_UPPER

SINGLE_BYTE_ENCODINGS = ("cp1251", "kz1048", "ptcp154", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "cp1252")
"""Tried in this order; on a tie of scores the earlier wins (plain Russian reads the same in cp1251
and KZ-1048, and is reported as cp1251)."""

SAMPLE_BYTES = 256 * 1024
"""How much of a file the encoding is judged on."""

SCORE_CHARS = 16 * 1024
"""How many characters of each candidate decoding are scored."""

_LOWER = KAZAKH_LOWER + ENGLISH_LOWER
_UPPER = KAZAKH_UPPER + ENGLISH_UPPER
_COMMON = " \n\r\t0-9.,;:!?()\\[\\]{}\"'«»“”„’‘\\-–—…/%№+=*&@#$<>_|~^`\u00a0\u00ad"
_LOWER_RE = re.compile(f"[{_LOWER}]")
_UPPER_INSIDE_RE = re.compile(f"(?<=[{_LOWER}])[{_UPPER}]")
_UPPER_RE = re.compile(f"[{_UPPER}]")
_OTHER_LETTER_RE = re.compile(f"(?![{_LOWER}{_UPPER}\u00c0-\u00ff])[^\\W\\d_]")  # Latin-1 accents are fine
_MIXED_RE = re.compile("(?<=[A-Za-z\u00c0-\u00ff])[\u0400-\u04ff]|(?<=[\u0400-\u04ff])[A-Za-z\u00c0-\u00ff]")
_STRANGE_RE = re.compile(f"[^\\w{_COMMON}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(rb"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b",
                         re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", re.I)


@dataclass(frozen=True, slots=True)
class ReadText:
    """The text of a file and how it was read."""

    text: str
    name: str
    format: str  # text | html | pdf | docx
    encoding: str | None  # the encoding of plain text and HTML; None for PDF and DOCX


def looks_like(text: str) -> float:
    """How much `text` looks like Kazakh, Russian or English: at most 1, the share of its characters
    that are letters of the three alphabets, less penalties.

    A capital inside a lower-case word costs 3, a letter of another alphabet 1, a switch between
    Latin and Cyrillic inside a word 3, any other strange sign 3. Wrong single-byte decodings of Cyrillic produce exactly those: Ѓ ў ђ from KZ-1048 read
    as cp1251, inverted case from KOI8-R read as cp1251, box drawing from cp866.
    """
    text = text[:SCORE_CHARS]
    if not text:
        return 0.0
    letters = len(_LOWER_RE.findall(text)) + len(_UPPER_RE.findall(text))
    inside = len(_UPPER_INSIDE_RE.findall(text))
    others = len(_OTHER_LETTER_RE.findall(text))
    strange = len(_STRANGE_RE.findall(text))
    mixed = len(_MIXED_RE.findall(text))
    return (letters - 3 * inside - others - 3 * strange - 3 * mixed) / len(text)


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-Latin text has zero high bytes, Cyrillic has 0x04."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    for high_in_odd, name in ((odd, "utf-16-le"), (even, "utf-16-be")):
        low = even if name == "utf-16-le" else odd
        high_like = sum(1 for b in high_in_odd if b in (0x00, 0x04))
        if high_like > 0.7 * half and sum(1 for b in low if b == 0) < 0.1 * half:
            return name
    return None


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                      (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return name, len(bom)
    return None


_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")


def _decodes(data: bytes, encoding: str, *, partial: bool, errors: str = "strict") -> str | None:
    try:
        if partial:
            return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=False)
        return data.decode(encoding, errors)
    except (UnicodeDecodeError, LookupError):
        return None


def _charset_normalizer_guess(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return None if best is None else codecs.lookup(best.encoding).name


def detect_encoding(data: bytes, *, name: str = "<bytes>", partial: bool = False) -> tuple[str, int]:
    """(encoding, bytes to skip for a BOM) for `data`; raise TextReadError when it is not text.

    With `partial`, `data` is only the start of a longer file (its last character may be cut).
    """
    bom = _bom(data)
    if bom is not None:
        return bom
    sample = data[:SAMPLE_BYTES]
    cut = partial or len(data) > SAMPLE_BYTES
    # UTF-16 first: Latin and Cyrillic in UTF-16 without a BOM are bytes below 0x80 (the high bytes
    # are 0x00 and 0x04), which is valid UTF-8 too — of control characters.
    utf16 = _sniff_utf16(sample)
    if utf16 is not None and _decodes(sample[: len(sample) // 2 * 2], utf16, partial=True) is not None:
        return utf16, 0
    if _decodes(sample, "utf-8", partial=cut) is not None:
        return "utf-8", 0
    surrogate = _ENCODED_SURROGATE.search(sample)
    if surrogate is not None and _decodes(sample, "utf-8", partial=cut, errors="surrogatepass") is not None:
        raise TextReadError(f"{name}: the text is not valid UTF-8 at byte {surrogate.start()}: it encodes a lone "
                            "surrogate (U+D800–U+DFFF), which is no character; save the file again as UTF-8")
    if b"\x00" in sample:
        raise TextReadError(f"{name}: this is a binary file, not text (it has zero bytes); "
                            "give a text, HTML, PDF or DOCX file")
    candidates = list(SINGLE_BYTE_ENCODINGS)
    guess = _charset_normalizer_guess(sample)
    if guess and guess not in candidates and not guess.startswith("utf"):
        candidates.append(guess)
    best: tuple[float, str] | None = None
    for encoding in candidates:
        text = _decodes(sample, encoding, partial=cut)
        if text is None:
            continue
        score = looks_like(text)
        if best is None or score > best[0]:
            best = (score, encoding)
    if best is None or best[0] < 0.2:
        raise TextReadError(f"{name}: cannot tell the text's encoding (it is not UTF-8, UTF-16 or a Cyrillic "
                            "code page); save it as UTF-8 and try again")
    return best[1], 0


def decode(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of the bytes of a plain-text file."""
    encoding, skip = detect_encoding(data, name=name)
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as err:
        raise TextReadError(f"{name}: the text is not valid {_encoding_label(encoding)} at byte "
                            f"{err.start + skip}: {err.reason}") from None
    head = text[:SAMPLE_BYTES]
    if len(_CONTROL.findall(head)) > 0.01 * len(head):
        raise TextReadError(f"{name}: this is a binary file, not text (it has many control characters); "
                            "give a text, HTML, PDF or DOCX file")
    return text, _encoding_label(encoding)


def _encoding_label(encoding: str) -> str:
    """The name an encoding is reported by: Python's codec name, `utf-8-sig` as `utf-8 (BOM)`."""
    encoding = codecs.lookup(encoding).name
    return {"utf-8-sig": "utf-8 (BOM)", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(encoding, encoding)


def sniff_format(data: bytes, suffix: str = "") -> str:
    """text, html, pdf or docx, from the first bytes (and the file name's suffix for HTML)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        return "zip"
    head = data[:2048]
    bom = _bom(head)
    if bom is not None and bom[0].startswith(("utf-16", "utf-32")):
        head = head[bom[1]:].decode(bom[0], errors="ignore").encode("utf-8")
    elif bom is not None:
        head = head[bom[1]:]
    if suffix.lower() in (".html", ".htm", ".xhtml") or _HTML_START.match(head):
        return "html"
    return "text"


# ---------------------------------------------------------------------------------------- HTML

_DROP_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form", "iframe", "svg",
              "template", "button", "select", "menu", "figure > figcaption")
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
                         "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "caption",
                         "figcaption", "address", "hr", "body", "center", "summary", "details"})


def _html_encoding(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding) of HTML bytes: a BOM, then the <meta charset>, then detection."""
    if _bom(data) is None:
        meta = _META_CHARSET.search(data[:4096])
        if meta is not None:
            declared = meta.group(1).decode("ascii", "ignore")
            try:
                return data.decode(declared), _encoding_label(declared)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: fall back to detection
    return decode(data, name=name)


def _html_text(root, out: list[str]) -> None:
    """The text under `root`, blocks set apart by blank lines. A loop with its own stack, not
    recursion: a page may nest its elements as deep as it likes."""
    stack = [iter(root.iter(include_text=True))]
    closers: list[str] = [""]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            out.append(closers.pop())
            continue
        tag = child.tag
        if tag == "-text":
            out.append(child.text_content or "")
        elif tag == "br":
            out.append("\n")
        elif tag in _BLOCK_TAGS:
            out.append("\n\n")
            stack.append(iter(child.iter(include_text=True)))
            closers.append("\n\n")
        elif tag not in ("-comment", "head", "title"):
            stack.append(iter(child.iter(include_text=True)))
            closers.append("")


_SPACE_RUNS = re.compile(r"[ \t\r\f\v]+")


MAX_HTML_DEPTH = 512
"""Elements nested deeper than this (as Chromium's parser, which flattens past 512) make a page
be read by `plain_html_text`: an HTML5 tree builder spends time quadratic in the depth."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*+>")
_UNNESTED = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th"})
"""Void elements, and those a browser closes by itself: they do not deepen a page."""


def html_depth(html: str, *, stop: int = MAX_HTML_DEPTH) -> int:
    """How deep the page's elements nest, counted from its tags (up to `stop`), in one pass."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        if match.group(2).lower() in _UNNESTED or match.group(0).endswith("/>"):
            continue
        depth = max(depth - 1, 0) if match.group(1) else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                break
    return deepest


_SKIPPED_ELEMENTS = ("script", "style", "noscript", "template", "svg", "head", "nav", "header", "footer", "aside",
                     "form", "iframe", "button", "select", "menu")
_BLOCK_TAG = re.compile(rf"<(?:/?(?:{'|'.join(sorted(_BLOCK_TAGS))})\b[^>]*+)>", re.I)
_BR = re.compile(r"<br\b[^>]*+>", re.I)
_ANY_TAG = re.compile(r"<[^>]*+>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def plain_html_text(html: str) -> str:
    """The text of a page read without building its tree, in time linear in its length: for pages
    nested too deep for the tree builder. Scripts, styles, menus and the like are dropped, block
    elements end paragraphs, character references are resolved."""
    import html as html_module

    html = _COMMENT.sub(" ", html)
    lower = html.lower()
    kept: list[str] = []
    at = 0
    following = {tag: lower.find("<" + tag) for tag in _SKIPPED_ELEMENTS}  # each searched again only when passed
    while True:
        for tag, found in following.items():
            if 0 <= found < at:
                following[tag] = lower.find("<" + tag, at)
        starts = [(found, tag) for tag, found in following.items() if found >= 0]
        if not starts:
            kept.append(html[at:])
            break
        found, tag = min(starts)
        kept.append(html[at:found])
        close = lower.find("</" + tag, found)
        if close < 0:
            break  # an element never closed runs to the end of the page
        end = lower.find(">", close)
        at = len(html) if end < 0 else end + 1
    text = "".join(kept)
    text = _ANY_TAG.sub("", _BR.sub("\n", _BLOCK_TAG.sub("\n\n", text)))
    return _paragraphs(html_module.unescape(text))


def _paragraphs(text: str) -> str:
    lines = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = _SPACE_RUNS.sub(" ", paragraph.replace("\n", " ")).strip()
        if paragraph:
            lines.append(paragraph)
    return "\n\n".join(lines) + ("\n" if lines else "")


def html_to_text(html: str) -> str:
    """The article's text: without menus, headers, footers, scripts and styles; <article> or <main>
    when the page has one (the longest <article> when it has several). Blocks are separated by a
    blank line, so each paragraph and heading is its own paragraph of text. A page nested deeper
    than `MAX_HTML_DEPTH` is read by `plain_html_text`."""
    from selectolax.lexbor import LexborHTMLParser

    if html_depth(html) > MAX_HTML_DEPTH:
        return plain_html_text(html)
    tree = LexborHTMLParser(html)
    for selector in _DROP_TAGS:
        for node in tree.css(selector):
            node.decompose()
    articles = tree.css("article")
    if articles:
        root = max(articles, key=lambda node: len(node.text(deep=True, separator=" ", strip=True)))
    else:
        root = tree.css_first("main") or tree.css_first("[role=main]") or tree.body or tree.root
    if root is None:
        return ""
    pieces: list[str] = []
    _html_text(root, pieces)
    return _paragraphs("".join(pieces))


# ----------------------------------------------------------------------------------------- PDF

def pdf_to_text(data: bytes, *, name: str, limit: int | None = None) -> str:
    """The text layer of a PDF, page after page (a page break is a line break: sentences run on);
    at most `limit` characters (the `max_input` setting)."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd files are not ours to print
    limit = max_input() if limit is None else limit
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several kinds here
                raise TextReadError(f"{name}: the PDF is encrypted; save an unprotected copy and try again") from None
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > limit:
                raise TextReadError(f"{name}: the PDF's text is longer than the limit of {size_label(limit)} "
                                    f"characters; {_RAISE_LIMIT}")
    except TextReadError:
        raise
    except RecursionError:
        raise TextReadError(f"{name}: not a readable PDF (its objects nest too deep)") from None
    except MemoryError:
        raise TextReadError(f"{name}: not a readable PDF (it unpacks to more than memory holds)") from None
    except Exception as err:  # noqa: BLE001 - a broken PDF makes pypdf raise anything, NotImplementedError too
        reason = " ".join(str(err).split())[:200] or type(err).__name__
        raise TextReadError(f"{name}: not a readable PDF ({reason})") from None
    text = "\n".join(page.rstrip() for page in pages)
    if not text.strip():
        raise TextReadError(f"{name}: the PDF has no text layer (a scanned document?); run OCR on it first")
    return text + "\n"


# ---------------------------------------------------------------------------------------- DOCX

FILE_FACTOR = 8
"""A file may have this many bytes per character of the `max_input` setting: a PDF or DOCX carries
fonts, pictures and markup beside its text, an HTML page its menus and scripts; a DOCX may unpack
to as much."""

ARCHIVE_MEMBERS = 10_000
"""The most files one DOCX may hold."""


def _check_archive(data: bytes, *, name: str, limit: int) -> None:
    """Refuse a ZIP bomb before unpacking it: the sizes a ZIP declares bound what unpacking gives
    (Python's zipfile stops at the declared size and checks the CRC)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as err:
        raise TextReadError(f"{name}: not a readable DOCX document ({err})") from None
    if len(members) > ARCHIVE_MEMBERS:
        raise TextReadError(f"{name}: the DOCX holds {len(members)} files, more than a document has "
                            f"(at most {ARCHIVE_MEMBERS}); it is not a document")
    unpacked = sum(member.file_size for member in members)
    if unpacked > limit:
        raise TextReadError(f"{name}: the DOCX unpacks to {size_label(unpacked)}, over the limit of "
                            f"{size_label(limit)} ({FILE_FACTOR} × max_input); {_RAISE_LIMIT}")


def docx_to_text(data: bytes, *, name: str, limit: int | None = None) -> str:
    """The paragraphs of a DOCX document, tables included, each its own paragraph of text; a DOCX
    that unpacks to more than `FILE_FACTOR` times `limit` (the `max_input` setting) is refused."""
    import docx
    from docx.table import Table

    limit = max_input() if limit is None else limit
    _check_archive(data, name=name, limit=FILE_FACTOR * limit)
    try:
        document = docx.Document(BytesIO(data))
    except Exception as err:  # noqa: BLE001 - python-docx raises many kinds for a broken file
        reason = " ".join(str(err).split())[:200] or type(err).__name__
        raise TextReadError(f"{name}: not a readable DOCX document ({reason})") from None
    paragraphs: list[str] = []

    def add(block) -> None:  # tables nest only as deep as the XML, which python-docx's parser bounds
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    for inner in cell.iter_inner_content():
                        add(inner)
            return
        text = block.text.strip()
        if text:
            paragraphs.append(text)

    try:
        for block in document.iter_inner_content():
            add(block)
    except RecursionError:
        raise TextReadError(f"{name}: not a readable DOCX document (its tables nest too deep)") from None
    except Exception as err:  # noqa: BLE001 - odd XML makes python-docx raise many kinds
        reason = " ".join(str(err).split())[:200] or type(err).__name__
        raise TextReadError(f"{name}: not a readable DOCX document ({reason})") from None
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


# ------------------------------------------------------------------------------------- entry

_RAISE_LIMIT = "raise the limit with YNTYMAQ_MAX_INPUT (e.g. YNTYMAQ_MAX_INPUT=4M)"


def max_input() -> int:
    """The `max_input` setting: the most characters of text taken from one file (which may have
    `FILE_FACTOR` times as many bytes)."""
    from yntymaq import settings

    return settings.get_size("max_input")


def _too_big(name: str, size: int | None, limit: int) -> TextReadError:
    told = f"{size_label(size)}, " if size is not None else ""
    return TextReadError(f"{name}: the file is too big ({told}over the limit of {size_label(limit)} bytes, "
                         f"{FILE_FACTOR} × max_input); {_RAISE_LIMIT}")


def read_bytes(data: bytes, *, name: str = "<bytes>", suffix: str = "", limit: int | None = None) -> ReadText:
    """Read the bytes of a file called `name` (for messages); `suffix` helps to recognise HTML.

    A text longer than `limit` characters (the `max_input` setting) is refused, and so are more
    than `FILE_FACTOR` times as many bytes."""
    limit = max_input() if limit is None else limit
    if len(data) > FILE_FACTOR * limit:
        raise _too_big(name, len(data), FILE_FACTOR * limit)
    if not data.strip():
        raise TextReadError(f"{name}: the file is empty")
    kind = sniff_format(data, suffix)
    if kind == "pdf":
        return ReadText(pdf_to_text(data, name=name, limit=limit), name, "pdf", None)
    if kind == "docx":
        return _within(ReadText(docx_to_text(data, name=name, limit=limit), name, "docx", None), limit)
    if kind == "zip":
        raise TextReadError(f"{name}: this is a ZIP archive, not a document; unpack it first")
    if kind == "html":
        html, encoding = _html_encoding(data, name)
        text = html_to_text(html)
        if not text.strip():
            raise TextReadError(f"{name}: the HTML page has no article text")
        return _within(ReadText(text, name, "html", encoding), limit)
    text, encoding = decode(data, name=name)
    if not text.strip():
        raise TextReadError(f"{name}: the file is empty")
    return _within(ReadText(text, name, "text", encoding), limit)


def _within(read: ReadText, limit: int) -> ReadText:
    if len(read.text) > limit:
        raise TextReadError(f"{read.name}: the text is too long ({size_label(len(read.text))} characters, over "
                            f"the limit of {size_label(limit)}); {_RAISE_LIMIT}")
    return read


def display_name(path: str | Path) -> str:
    """A path as it can be printed: bytes of a file name that are not UTF-8 become U+FFFD."""
    return os.fsencode(str(path)).decode("utf-8", "replace")


_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(name: str, mode: int) -> TextReadError | None:
    if stat.S_ISDIR(mode):
        return TextReadError(f"{name}: is a folder, not a file")
    for test, kind in _SPECIAL:
        if test(mode):
            return TextReadError(f"{name}: is {kind}, not a regular file; give a text, HTML, PDF or DOCX file")
    return None


def _os_error(name: str, err: OSError) -> TextReadError:
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        return TextReadError(f"{name}: no such file")
    if err.errno == errno.EISDIR:
        return TextReadError(f"{name}: is a folder, not a file")
    if err.errno == errno.ELOOP:
        return TextReadError(f"{name}: the symbolic link loops (it points, through others, back to itself)")
    if err.errno in (errno.EACCES, errno.EPERM):
        return TextReadError(f"{name}: cannot be read (permission denied)")
    return TextReadError(f"{name}: cannot be read ({err.strerror or err})")


def read_path_bytes(path: str | Path, *, limit: int | None = None) -> tuple[bytes, str]:
    """The bytes of the file at `path` (`-`: standard input) and its printable name, at most `limit`
    bytes (`FILE_FACTOR` times the `max_input` setting). Only a regular file is read: a folder, a
    FIFO, a device or a socket is refused at once, never waited on or read forever."""
    limit = FILE_FACTOR * max_input() if limit is None else limit
    if str(path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_big("<stdin>", None, limit)
        return data, "<stdin>"
    name = display_name(path)
    try:
        # stat before open: opening a FIFO would wait for a writer, a socket cannot be opened at all
        problem = _not_regular(name, os.stat(path).st_mode)
        if problem is not None:
            raise problem
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        raise _os_error(name, err) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        problem = _not_regular(name, info.st_mode)  # it may have changed between the two looks
        if problem is not None:
            raise problem
        if info.st_size > limit:
            raise _too_big(name, info.st_size, limit)
        try:
            data = handle.read(limit + 1)  # a file that grows while read stops at the limit too
        except OSError as err:
            raise _os_error(name, err) from None
    if len(data) > limit:
        raise _too_big(name, None, limit)
    return data, name


def _open_bytes(path: str | Path) -> tuple[bytes, str]:
    return read_path_bytes(path)


def read_file(path: str | Path) -> ReadText:
    """Read a text, HTML, PDF or DOCX file (`-` reads standard input)."""
    return read_file_and_bytes(path)[1]


def read_file_and_bytes(path: str | Path) -> tuple[bytes, ReadText]:
    """A file's bytes and its text, from one read (for a caller that also hashes the bytes); the one
    way every command reads a file."""
    limit = max_input()
    data, name = read_path_bytes(path, limit=FILE_FACTOR * limit)
    return data, read_bytes(data, name=name, suffix=Path(str(path)).suffix, limit=limit)


STREAM_BLOCK = 1 << 20
"""Characters decoded at a time when a plain-text file is streamed."""


@dataclass(frozen=True, slots=True)
class TextStream:
    """A plain-text file read block by block: its encoding and an iterator over its text."""

    name: str
    encoding: str
    blocks: Iterator[str]


def stream_file(path: str | Path, *, block: int = STREAM_BLOCK) -> TextStream | None:
    """A plain-text file as blocks of decoded text, so that memory stays flat however big it is;
    None when the file is HTML, PDF or DOCX (those are read whole with `read_file`)."""
    if str(path) == "-":
        return None
    file = Path(path)
    if not file.is_file():
        _open_bytes(file)  # raises the right error
    limit = max_input()
    size = file.stat().st_size
    if size > FILE_FACTOR * limit:  # refused before a byte is read, as `read_bytes` refuses it
        raise _too_big(display_name(file), size, FILE_FACTOR * limit)
    with file.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if not head.strip() and len(head) < SAMPLE_BYTES:  # a blank head of a longer file may end in text
        raise TextReadError(f"{display_name(file)}: the file is empty")
    if sniff_format(head, file.suffix) != "text":
        return None
    encoding, skip = detect_encoding(head, name=str(file), partial=True)
    return TextStream(str(file), _encoding_label(encoding), _blocks(file, encoding, skip, block, limit))


def _blocks(file: Path, encoding: str, skip: int, block: int, limit: int) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    position = skip
    chars = 0
    with file.open("rb") as handle:
        handle.seek(skip)
        while True:
            data = handle.read(block)
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as err:
                raise TextReadError(f"{file}: the text is not valid {_encoding_label(encoding)} at byte "
                                    f"{position + err.start}: {err.reason}") from None
            position += len(data)
            chars += len(text)
            if chars > limit:  # as `read_bytes` refuses a text over the limit, at the block that passes it
                raise TextReadError(f"{display_name(file)}: the text is too long (over the limit of "
                                    f"{size_label(limit)} characters); {_RAISE_LIMIT}")
            if text:
                yield text
            if not data:
                return
