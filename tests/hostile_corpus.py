"""A corpus of broken and hostile input files, generated on the spot (nothing of it is stored).

`build_corpus(folder)` writes the files and returns one `Case` per file: its path, whether reading
it must succeed (`ok`) or fail with one clear line (`error`), and words that line must contain.
Run it by hand to look at the files: `python tests/hostile_corpus.py /tmp/hostile`.

The kinds: empty and blank files; binary bytes; UTF-16 without a byte-order mark (kk, ru, en);
broken UTF-16 and UTF-8 (odd length, lone surrogates, a bad byte past the sample the encoding is
judged on); runs of full stops, `!`, `?`, `…`; one word of a million letters; glued initials; HTML nested 100,000
deep, unclosed, or without text; PDFs truncated, with an unsupported filter, encrypted, nested too
deep, without text, or unpacking a stream of 200 MB; DOCX zip bombs, broken XML, too many members,
ZIP archives; files over the size limit (sparse: they take no disk); FIFOs, sockets, devices,
symbolic-link loops, dangling links, folders, unreadable files and names that are not UTF-8.
"""

from __future__ import annotations

import io
import os
import socket
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

KK = "Қазақстан 1995 жылы Ислам конференциясы ұйымына мүше болды. Астанада 2011 жылы министрлер кеңесі өтті.\n"
RU = "Казахстан вступил в Организацию исламского сотрудничества в 1995 году. Сессия прошла в Астане в 2011 году.\n"
EN = "Kazakhstan joined the Organisation of Islamic Cooperation in 1995. The Council met in Astana in 2011.\n"

LIMIT = 1024 * 1024
"""The default `max_input` setting (characters of text), which the oversized files exceed."""
FILE_LIMIT = 8 * LIMIT
"""The most bytes one file may have at the default."""


@dataclass(frozen=True)
class Case:
    name: str  # the file's name in the corpus folder
    path: Path
    outcome: str  # "ok", "error", or "either" (exit 0, or 1 with one line)
    says: tuple[str, ...] = ()  # words the one-line error must contain
    skip: str | None = None  # why this case cannot be made here (e.g. no FIFOs on this system)


def _pdf(objects: list[bytes], *, trailer_extra: bytes = b"") -> bytes:
    """A PDF file of `objects` (numbered from 1, the first the catalogue) with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _page_pdf(content: bytes, *, content_extra: bytes = b"", page_extra: bytes = b"") -> bytes:
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b">>",
        _stream(content, content_extra),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (Kazakhstan joined the Organisation of Islamic Cooperation in 1995.) Tj ET"


def _flate_bomb(size: int) -> bytes:
    """zlib data that unpacks to `size` bytes of spaces, made without holding them."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [packer.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(packer.flush())
    return b"".join(parts)


def _encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_page_pdf(TEXT_PAGE))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rezip(source: bytes, *, replace: dict[str, bytes] | None = None, add_big: int = 0, add_members: int = 0) -> bytes:
    """A copy of the ZIP `source` with members replaced, a big member of spaces added (written in
    pieces: never held whole), or many tiny members added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, (replace or {}).get(info.filename, old.read(info.filename)))
        if add_big:
            chunk = b" " * (1 << 20)
            with new.open("word/media/padding.bin", "w", force_zip64=True) as handle:
                for _ in range(add_big // len(chunk)):
                    handle.write(chunk)
        for i in range(add_members):
            new.writestr(f"extra/item{i}.xml", b"<a/>")
    return out.getvalue()


def build_corpus(folder: Path) -> list[Case]:
    """Write the hostile corpus into `folder` (which must exist) and describe each file."""
    folder = Path(folder)
    cases: list[Case] = []

    def add(name: str, data: bytes | None, outcome: str, *says: str) -> Path:
        path = folder / name
        if data is not None:
            path.write_bytes(data)
        cases.append(Case(name, path, outcome, tuple(says)))
        return path

    # -- controls: what must read
    add("good-kk.txt", KK.encode(), "ok")
    add("good-ru-cp1251.txt", RU.encode("cp1251"), "ok")
    add("good-kk-kz1048.txt", KK.encode("kz1048"), "ok")
    add("good-en-utf8-bom.txt", b"\xef\xbb\xbf" + EN.encode(), "ok")
    add("good.html", f"<html><body><article><p>{KK}</p></article></body></html>".encode(), "ok")
    add("good.pdf", _page_pdf(TEXT_PAGE), "ok")
    add("good.docx", _docx([KK, RU]), "ok")
    add("newlines-then-text.txt", b"\n" * 1_000_000 + KK.encode(), "ok")  # `text` and `check` agree

    # -- encodings
    add("utf16le-kk-no-bom.txt", KK.encode("utf-16-le"), "ok")
    add("utf16le-ru-no-bom.txt", RU.encode("utf-16-le"), "ok")
    add("utf16le-en-no-bom.txt", EN.encode("utf-16-le"), "ok")
    add("utf16be-ru-no-bom.txt", RU.encode("utf-16-be"), "ok")
    add("utf16-odd-length.txt", b"\xff\xfe" + RU.encode("utf-16-le") + b"\x41", "error", "not valid utf-16")
    add("utf16-lone-surrogate.txt", b"\xff\xfe" + RU.encode("utf-16-le") + b"\x00\xd8" + "а".encode("utf-16-le"),
        "error", "not valid utf-16")
    add("utf8-lone-surrogate.txt", KK.encode() + b"\xed\xa0\x80" + KK.encode(), "error", "surrogate")
    add("utf8-bad-byte-late.txt", KK.encode() * 4000 + b"\xff\xfe\xfd" + KK.encode(), "error", "not valid utf-8")
    add("utf32-bom-garbage.txt", b"\xff\xfe\x00\x00" + b"\xff\xff\xff\xff" * 8, "error", "not valid")
    add("binary-random.bin", bytes((i * 7919 + 13) % 251 for i in range(200_000)), "error", "binary")
    add("binary-zeros.bin", b"\x00" * 100_000, "error", "binary")
    add("control-chars.txt", bytes(range(1, 9)) * 1000, "error", "binary")
    add("empty.txt", b"", "error", "empty")
    add("blank.txt", b" \n\t\n" * 1000, "error", "empty")
    add("bom-only.txt", b"\xef\xbb\xbf", "error", "empty")

    # -- pathological text (each must be read, and quickly)
    add("full-stops.txt", ("Сөз " + "." * 24_000 + " Қазақстан.\n").encode(), "ok")
    add("bangs.txt", ("Сөз " + "!" * 24_000 + " Иә.\n").encode(), "ok")
    add("questions.txt", ("Сөз " + "?" * 24_000 + " Иә.\n").encode(), "ok")
    add("ellipses.txt", ("Сөз " + "…" * 24_000 + " Иә.\n").encode(), "ok")
    add("mixed-marks.txt", ("Сөз " + ".!?…" * 6_000 + " Иә.\n").encode(), "ok")
    add("one-word-1m.txt", ("Қазақстан " + "а" * 1_100_000 + " болды.\n").encode(), "error", "too long")
    add("one-word-500k.txt", ("Қазақстан " + "а" * 500_000 + " болды.\n").encode(), "ok")
    add("glued-initials.txt", ("A." * 100_000 + "\n").encode(), "ok")
    add("one-line-500k.txt", ("Қазақстан ИЫҰ мүшесі " * 25_000).encode(), "ok")
    add("years-dashes.txt", ("1995-" * 10_000 + "\n").encode(), "ok")
    add("numbered-dots.txt", ("1." * 20_000 + "\n").encode(), "ok")
    add("mixed-scripts.txt", ("Aа" * 200_000 + "\n").encode(), "ok")
    add("closers.txt", ("Сөз." + ")" * 100_000 + " Иә.\n").encode(), "ok")

    # -- HTML
    add("html-nested-100k.html", b"<html><body>" + b"<div>" * 100_000 + KK.encode() + b"</div>" * 100_000
        + b"</body></html>", "ok")
    add("html-unclosed-100k.html", b"<html><body>" + b"<div><span><b>" * 30_000 + KK.encode(), "ok")
    add("html-inline-nested.html", b"<html><body><p>" + b"<i>" * 50_000 + KK.encode() + b"</i>" * 50_000
        + b"</p></body></html>", "ok")
    add("html-no-text.html", b"<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>",
        "error", "no article text")
    add("html-wrong-charset.html", b'<html><head><meta charset="utf-16"></head><body><p>'
        + KK.encode() + b"</p></body></html>", "ok")
    add("html-bad-charset-name.html", b'<html><head><meta charset="x-no-such"></head><body><p>'
        + KK.encode() + b"</p></body></html>", "ok")
    add("html-surrogate-entity.html", b"<html><body><p>&#xD800; " + KK.encode() + b"</p></body></html>", "ok")
    add("html-huge-attribute.html", b'<html><body><p title="' + b"x" * 3_000_000 + b'">' + KK.encode()
        + b"</p></body></html>", "ok")

    # -- PDF
    add("pdf-truncated.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "error", "not a readable PDF")
    add("pdf-garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 100, "error", "PDF")
    add("pdf-unsupported-filter.pdf", _page_pdf(b"garbage" * 10, content_extra=b"/Filter /NoSuchFilter "), "error",
        "PDF")
    add("pdf-bad-flate.pdf", _page_pdf(b"not zlib at all" * 10, content_extra=b"/Filter /FlateDecode "), "error",
        "PDF")
    add("pdf-nested-arrays.pdf", _page_pdf(TEXT_PAGE, page_extra=b"/Deep " + b"[" * 20_000 + b"]" * 20_000 + b" "),
        "error", "PDF")
    add("pdf-nested-dicts.pdf", _page_pdf(TEXT_PAGE, page_extra=b"/Deep " + b"<< /A " * 5_000 + b">>" * 5_000 + b" "),
        "either")  # pypdf may recover the page or not: either way, no traceback
    add("pdf-no-text.pdf", _page_pdf(b"0 0 m 100 100 l S"), "error", "no text layer")
    add("pdf-encrypted.pdf", _encrypted_pdf("secret"), "error", "encrypted")
    add("pdf-encrypted-empty-password.pdf", _encrypted_pdf(""), "ok")
    add("pdf-flate-bomb.pdf", _page_pdf(_flate_bomb(200 << 20), content_extra=b"/Filter /FlateDecode "), "error",
        "PDF")

    # -- DOCX and ZIP
    good_docx = _docx([KK])
    add("docx-zip-bomb.docx", _rezip(good_docx, add_big=9 << 20), "error", "unpacks to", "YNTYMAQ_MAX_INPUT")
    add("docx-broken-xml.docx", _rezip(good_docx, replace={"word/document.xml": b"<w:document><w:body><w:p>"}),
        "error", "not a readable DOCX")
    add("docx-many-members.docx", _rezip(good_docx, add_members=10_001), "error", "holds")
    add("docx-truncated.docx", good_docx[: len(good_docx) // 2], "error", "DOCX")
    add("plain.zip", _plain_zip(), "error", "ZIP archive")
    add("zip-header-only.docx", b"PK\x03\x04" + b"\x00" * 100, "error")

    # -- over the size limit: sparse files, no disk used
    add("text-over-limit.txt", b"Kazakhstan joined. " * (LIMIT // 19 + 1), "error", "too long", "YNTYMAQ_MAX_INPUT")
    add("html-text-over-limit.html", b"<html><body>" + b"<p>Kazakhstan joined.</p>" * (LIMIT // 19 + 1)
        + b"</body></html>", "error", "too long", "YNTYMAQ_MAX_INPUT")
    for name, size in (("oversized-file.txt", FILE_LIMIT + 1), ("oversized-huge.txt", 100 * FILE_LIMIT)):
        path = add(name, None, "error", "too big", "YNTYMAQ_MAX_INPUT")
        with path.open("wb") as handle:
            handle.write(KK.encode())
            handle.truncate(size)

    # -- what is not a regular file
    _special(folder, cases)
    return cases


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", KK)
    return out.getvalue()


def _special(folder: Path, cases: list[Case]) -> None:
    def add(name: str, outcome: str, *says: str, skip: str | None = None) -> Path:
        path = folder / name
        cases.append(Case(name, path, outcome, tuple(says), skip))
        return path

    fifo = add("fifo.txt", "error", "named pipe")
    try:
        os.mkfifo(fifo)
    except (AttributeError, OSError) as err:
        cases[-1] = Case(fifo.name, fifo, "error", (), skip=f"no FIFO here: {err}")
    sock_path = add("socket.txt", "error", "socket")
    try:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(sock_path))
        server.close()  # the socket file stays
    except (AttributeError, OSError) as err:
        cases[-1] = Case(sock_path.name, sock_path, "error", (), skip=f"no Unix sockets here: {err}")
    for name, target in (("dev-zero.txt", "/dev/zero"), ("dev-urandom.txt", "/dev/urandom"),
                         ("dev-null.txt", "/dev/null")):
        path = add(name, "error", "character device")
        if not Path(target).exists():
            cases[-1] = Case(name, path, "error", (), skip=f"{target} is missing")
            continue
        path.symlink_to(target)
    loop_a, loop_b = folder / "loop-a.txt", folder / "loop-b.txt"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    add("loop-a.txt", "error", "symbolic link loops")
    self_link = add("self-link.txt", "error", "symbolic link loops")
    self_link.symlink_to(self_link.name)
    add("dangling-link.txt", "error", "no such file").symlink_to(folder / "nowhere.txt")
    add("missing.txt", "error", "no such file")
    cases.append(Case("good-kk.txt/inner.txt", folder / "good-kk.txt" / "inner.txt", "error", ("no such file",)))
    (folder / "a-folder").mkdir()
    add("a-folder", "error", "folder")
    unreadable = folder / "unreadable.txt"
    unreadable.write_bytes(KK.encode())
    unreadable.chmod(0)
    if os.geteuid() == 0:  # root reads it anyway
        cases.append(Case("unreadable.txt", unreadable, "ok"))
    else:
        cases.append(Case("unreadable.txt", unreadable, "error", ("permission denied",)))
    odd_name = os.fsdecode(b"name-\xff\xfe-not-utf8.txt")
    path = folder / odd_name
    try:
        path.write_bytes(KK.encode())
        cases.append(Case(odd_name, path, "ok"))
    except (OSError, UnicodeEncodeError) as err:
        cases.append(Case(odd_name, path, "ok", (), skip=f"the file system refuses the name: {err}"))


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    out.mkdir(parents=True, exist_ok=True)
    built = build_corpus(out)
    for case in built:
        print(f"{case.outcome:5} {case.name}" + (f"  (skipped: {case.skip})" if case.skip else ""))
    print(f"{len(built)} files in {out}", file=sys.stderr)
