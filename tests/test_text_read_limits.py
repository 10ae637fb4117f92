"""The reader's answers to hostile files, message by message (the corpus test runs every command
over many more: `test_hostile_inputs.py`)."""

from __future__ import annotations

import os

import pytest

from yntymaq import settings
from yntymaq.errors import BadInput, TextReadError
from yntymaq.text.read import FILE_FACTOR, html_to_text, plain_html_text, read_bytes, read_file

RU = "Казахстан вступил в Организацию исламского сотрудничества в 1995 году.\n"
EN = "Kazakhstan joined the Organisation of Islamic Cooperation in 1995.\n"
KK = "Қазақстан 1995 жылы ИЫҰ-ға мүше болды.\n"


@pytest.mark.parametrize("text", [RU, EN, KK])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_as_utf16(text, encoding):
    read = read_bytes(text.encode(encoding), name="a.txt")
    assert read.text == text and read.encoding == encoding


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(TextReadError) as err:
        read_file(fifo)
    assert str(err.value) == f"{fifo}: is a named pipe (FIFO), not a regular file; give a text, HTML, PDF or DOCX file"


def test_a_link_to_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(TextReadError, match=r"zero.txt: is a character device, not a regular file"):
        read_file(link)


def test_a_symlink_loop_is_named(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(TextReadError) as err:
        read_file(a)
    assert str(err.value) == f"{a}: the symbolic link loops (it points, through others, back to itself)"


def test_the_limits_name_the_setting_that_raises_them(tmp_path, monkeypatch):
    monkeypatch.setenv("YNTYMAQ_MAX_INPUT", "1K")
    long_text = tmp_path / "long.txt"
    long_text.write_text("Kazakhstan. " * 100)
    with pytest.raises(TextReadError) as err:
        read_file(long_text)
    assert str(err.value) == (f"{long_text}: the text is too long (1.2K characters, over the limit of 1K); "
                              "raise the limit with YNTYMAQ_MAX_INPUT (e.g. YNTYMAQ_MAX_INPUT=4M)")
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(FILE_FACTOR * 1024 + 1)
    with pytest.raises(TextReadError) as err:
        read_file(big)
    assert str(err.value) == (f"{big}: the file is too big (8K, over the limit of 8K bytes, 8 × max_input); "
                              "raise the limit with YNTYMAQ_MAX_INPUT (e.g. YNTYMAQ_MAX_INPUT=4M)")


def test_an_encoded_lone_surrogate_is_named():
    with pytest.raises(TextReadError) as err:
        read_bytes(KK.encode() + b"\xed\xa0\x80", name="s.txt")
    assert str(err.value).startswith(f"s.txt: the text is not valid UTF-8 at byte {len(KK.encode())}: it encodes a lone surrogate")


def test_deep_html_is_read_without_the_tree_and_gives_the_same_text():
    shallow = "<html><body><div><p>Бірінші сөйлем.</p><script>x()</script><div>Екінші &amp; соңғы.</div></div></body></html>"
    deep = "<html><body>" + "<div>" * 5000 + "<p>Бірінші сөйлем.</p><script>x()</script><div>Екінші &amp; соңғы.</div>" \
        + "</div>" * 5000 + "</body></html>"
    assert html_to_text(shallow) == html_to_text(deep) == plain_html_text(shallow) == "Бірінші сөйлем.\n\nЕкінші & соңғы.\n"


def test_text_and_check_read_a_file_the_same_way(tmp_path):
    from yntymaq.text.pipeline import analyse_file

    path = tmp_path / "late.txt"
    path.write_bytes(b"\n" * 1_000_000 + KK.encode())
    doc = analyse_file(path)
    assert doc.text == read_file(path).text and [s.text for s in doc.sentences] == [KK.strip()]


@pytest.mark.parametrize(("value", "size"), [("10M", 10 << 20), ("500K", 500 << 10), ("1.5G", 3 << 29),
                                             ("2048", 2048), ("4MB", 4 << 20), ("4MiB", 4 << 20)])
def test_sizes_are_read_as_people_write_them(value, size, monkeypatch):
    monkeypatch.setenv("YNTYMAQ_MAX_INPUT", value)
    assert settings.get_size("max_input") == size


def test_a_size_that_is_no_size_is_refused(monkeypatch):
    monkeypatch.setenv("YNTYMAQ_MAX_INPUT", "lots")
    with pytest.raises(BadInput, match=r"YNTYMAQ_MAX_INPUT='lots' is not a size: write bytes, or a number with K, M or G"):
        settings.get_size("max_input")
