"""Reading files: encodings (detected and reported), HTML, PDF, DOCX, and clear errors naming the file."""

import codecs
import random

import pytest

from yntymaq.errors import TextReadError
from yntymaq.text.pipeline import analyse_file
from yntymaq.text.read import read_bytes, read_file, stream_file

KAZAKH = "Біздің еліміз ұйымға 1995 жылы мүше болды. Әсіресе экономикалық қатынастар дамыды."
RUSSIAN = "Организация основана в 1969 г. Штаб-квартира находится в Джидде."
ENGLISH = "The café “Zoë” opened in 1995. It is still there."


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines`: a Type0 font with Identity-H encoding whose
    glyph ids are the characters' code points, and a ToUnicode map saying so."""
    content = ["BT /F1 12 Tf 14 TL 72 760 Td"]
    for line in lines:
        content.append("<" + "".join(f"{ord(ch):04X}" for ch in line) + "> Tj T*")
    content.append("ET")
    stream = "\n".join(content).encode("ascii")
    highs = sorted({ord(ch) >> 8 for line in lines for ch in line})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def "
            "/CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange "
            f"{len(highs)} beginbfrange "
            + " ".join(f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in highs)
            + " endbfrange endcmap CMapName currentdict /CMap defineresource pop end end").encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [6 0 R] "
        b"/ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /DW 500 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


ENCODINGS = [
    ("UTF-8", KAZAKH, "utf-8", b"", "utf-8"),
    ("UTF-8 with BOM", KAZAKH, "utf-8", codecs.BOM_UTF8, "utf-8 (BOM)"),
    ("UTF-16 with BOM", KAZAKH, "utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("UTF-16 big-endian with BOM", KAZAKH, "utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("UTF-16 without BOM", KAZAKH, "utf-16-le", b"", "utf-16-le"),
    ("Kazakh KZ-1048", KAZAKH, "kz1048", b"", "kz1048"),
    ("Kazakh PTCP154", KAZAKH, "ptcp154", b"", "ptcp154"),
    ("Russian cp1251", RUSSIAN, "cp1251", b"", "cp1251"),
    ("Russian KOI8-R", RUSSIAN, "koi8_r", b"", "koi8-r"),
    ("Russian cp866", RUSSIAN, "cp866", b"", "cp866"),
    ("English cp1252", ENGLISH, "cp1252", b"", "cp1252"),
    ("short Kazakh KZ-1048", "Біздің ұйым.", "kz1048", b"", "kz1048"),
]


@pytest.mark.parametrize("name,text,codec,bom,reported", ENCODINGS, ids=[c[0] for c in ENCODINGS])
def test_encodings_are_detected_and_reported(tmp_path, name, text, codec, bom, reported):
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + text.encode(codec))
    read = read_file(path)
    assert read.text == text
    assert read.encoding == reported
    assert read.format == "text"


def test_seed_in_a_kazakh_code_page_reads_back(tmp_path, seed_texts):
    text = seed_texts["004_bf03b111113ace63.txt"]
    for codec in ("kz1048", "ptcp154", "utf-16-le"):
        path = tmp_path / f"seed-{codec}.txt"
        path.write_bytes(text.encode(codec))
        read = read_file(path)
        assert read.text == text and read.encoding == codec.replace("_", "-")


def test_line_ends_are_kept_so_offsets_point_into_the_file(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Бірінші сөйлем.\r\nЕкінші сөйлем.\r\n".encode("utf-8"))
    doc = analyse_file(path, disable=("stems", "dates"))
    assert [doc.text[s.start:s.end] for s in doc.sentences] == ["Бірінші сөйлем.", "Екінші сөйлем."]
    assert doc.text.count("\r\n") == 2


HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Жаңалықтар</title>
<style>body { color: red }</style><script>var menu = "Басты бет";</script></head>
<body>
<header><nav><a href="/">Басты бет</a> | <a href="/news">Жаңалықтар</a></nav></header>
<aside>Жарнама: арзан билеттер</aside>
<article>
<h1>Ұйымның сессиясы</h1>
<p>Сессия 2011 жылы Астанада <b>өтті</b>. Оған 57 ел қатысты.</p>
<p>Келесі сессия<br>Джибутиде өтті.</p>
</article>
<footer>© Сайт, барлық құқықтар қорғалған</footer>
</body></html>"""


def test_html_gives_the_article_not_the_menus(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    read = read_file(path)
    assert read.format == "html" and read.encoding == "utf-8"
    assert read.text == ("Ұйымның сессиясы\n\nСессия 2011 жылы Астанада өтті. Оған 57 ел қатысты.\n\n"
                         "Келесі сессия Джибутиде өтті.\n")
    for menu_text in ("Басты бет", "Жарнама", "құқықтар", "color", "var menu"):
        assert menu_text not in read.text


def test_html_in_cp1251_with_a_meta_charset_and_no_article(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
            "<body><nav>Меню</nav><main><p>Организация основана в 1969 г.</p></main></body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1251"))
    read = read_file(path)
    assert read.encoding == "cp1251"
    assert read.text == "Организация основана в 1969 г.\n"


def test_html_is_recognised_without_its_suffix(tmp_path):
    path = tmp_path / "download"
    path.write_text(HTML, encoding="utf-8")
    assert read_file(path).format == "html"


def test_pdf_text_layer_with_hyphenation(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(make_pdf(["Сириядағы оппозия-", "ны қолдайды. Бұл анық.", "Қазақстан 1995 жылы мүше болды."]))
    read = read_file(path)
    assert read.format == "pdf" and read.encoding is None
    assert read.text == "Сириядағы оппозия-\nны қолдайды. Бұл анық.\nҚазақстан 1995 жылы мүше болды.\n"
    doc = analyse_file(path, disable=("stems", "dates"))
    assert [s.norm for s in doc.sentences] == ["Сириядағы оппозияны қолдайды.", "Бұл анық.",
                                               "Қазақстан 1995 жылы мүше болды."]
    first = doc.sentences[0]
    assert doc.text[first.start:first.end] == "Сириядағы оппозия-\nны қолдайды."


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Кіріспе", level=1)
    document.add_paragraph("Қазақстан 1995 жылы мүше болды. Ол белсенді.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Астана"
    table.cell(0, 1).text = "2011"
    path = tmp_path / "report.docx"
    document.save(path)
    read = read_file(path)
    assert read.format == "docx"
    assert read.text == "Кіріспе\n\nҚазақстан 1995 жылы мүше болды. Ол белсенді.\n\nАстана\n\n2011\n"
    doc = analyse_file(path, disable=("stems", "dates"))
    assert [s.text for s in doc.sentences] == ["Кіріспе", "Қазақстан 1995 жылы мүше болды.", "Ол белсенді.",
                                               "Астана", "2011"]


ERRORS = [
    ("missing file", None, "{path}: no such file"),
    ("empty file", b"", "{path}: the file is empty"),
    ("only whitespace", b" \n\t\n", "{path}: the file is empty"),
    ("binary file", bytes(range(256)) * 8,
     "{path}: this is a binary file, not text (it has zero bytes); give a text, HTML, PDF or DOCX file"),
    ("control characters", b"\x01\x02\x03abc\x04\x05" * 50,
     "{path}: this is a binary file, not text (it has many control characters); give a text, HTML, PDF or DOCX file"),
    ("a zip archive", b"PK\x03\x04" + b"\x00" * 40, "{path}: this is a ZIP archive, not a document; unpack it first"),
    ("a broken PDF", b"%PDF-1.4\nthis is not really a PDF", "{path}: not a readable PDF"),
    ("a PDF without text", None, "{path}: the PDF has no text layer (a scanned document?); run OCR on it first"),
    ("undecodable bytes", random.Random(3).randbytes(600).translate(bytes(range(128, 256)) * 2),
     "{path}: cannot tell the text's encoding (it is not UTF-8, UTF-16 or a Cyrillic code page); "
     "save it as UTF-8 and try again"),
]


@pytest.mark.parametrize("name,data,message", ERRORS, ids=[c[0] for c in ERRORS])
def test_unreadable_files_give_one_clear_line_naming_the_file(tmp_path, name, data, message):
    path = tmp_path / "input.bin"
    if name == "a PDF without text":
        data = make_pdf([])
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(TextReadError) as caught:
        read_file(path)
    assert str(caught.value).startswith(message.format(path=path))
    assert "\n" not in str(caught.value)


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(TextReadError, match=r": is a folder, not a file$"):
        read_file(tmp_path)


def test_streaming_reads_big_text_in_blocks(tmp_path):
    text = ("Бірінші сөйлем. Екінші сөйлем.\n\n" * 2000)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("kz1048"))
    stream = stream_file(path, block=4096)
    assert stream.encoding == "kz1048"
    blocks = list(stream.blocks)
    assert len(blocks) > 10 and "".join(blocks) == text


def test_streaming_reports_bad_bytes_late_in_the_file(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes("Сөйлем.\n".encode("utf-8") * 40000 + b"\xff\xfe bad")
    stream = stream_file(path, block=4096)
    with pytest.raises(TextReadError, match=r"late.txt: the text is not valid utf-8 at byte 560000"):
        list(stream.blocks)


def test_stream_file_leaves_documents_to_read_file(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    assert stream_file(path) is None


def test_read_bytes_names_what_it_was_given():
    with pytest.raises(TextReadError, match="^clipboard: the file is empty$"):
        read_bytes(b"   ", name="clipboard")
