"""A text too long to read whole is read in windows: the windows make up the text, are cut where a
paragraph (else a sentence) ends, each is read as `process_text` reads it with its offsets moved into
the whole text, and `check --json` then runs in bounded memory (resident memory measured in a fresh process)."""

import json
import subprocess
import sys

import pytest

from yntymaq.extract.windows import document_language, read_windows, shifted, text_windows
from yntymaq.ingest import process_text
from yntymaq.vocab import Date

CASES = [
    ("paragraphs", "Бірінші сөйлем. Екінші сөйлем.\n\n" * 50, 200),
    ("one line", "Бірінші сөйлем. Екінші сөйлем! " * 50, 200),
    ("no sentence end", "сөз " * 200, 150),
    ("no space at all", "ә" * 1000, 128),
    ("short", "Бір сөйлем.", 200),
    ("blocks of one character", "А. Б.\n\nВ? Г.\n" * 30, 50),
]


@pytest.mark.parametrize("name,text,size", CASES, ids=[c[0] for c in CASES])
def test_the_windows_make_up_the_text(name, text, size):
    for blocks in ([text], list(text)):  # one block, or one character a block
        windows = list(text_windows(blocks, size=size))
        assert "".join(w for _, w in windows) == text
        assert all(len(w) <= size for _, w in windows)
        assert [offset for offset, _ in windows] == [sum(len(w) for _, w in windows[:i]) for i in range(len(windows))]


def test_a_window_ends_at_a_paragraph_break_else_a_sentence_end():
    paragraphs = list(text_windows(["Бірінші сөйлем. Екінші сөйлем.\n\n" * 50], size=200))
    assert all(w.endswith("\n\n") for _, w in paragraphs[:-1])
    sentences = list(text_windows(["Бірінші сөйлем. Екінші сөйлем! " * 50], size=200))
    assert all(w.endswith((". ", "! ")) for _, w in sentences[:-1])


def test_each_window_is_read_as_a_document_of_its_own(seed_texts, shipped_kb):
    """Two seeds, the cut between them: the claims are each seed's own, moved into the whole text."""
    first, second = list(seed_texts.values())[:2]
    first += "\n\n"
    text = first + second
    when = Date.parse("2020")
    windows = list(text_windows([text], size=len(first)))
    assert [w for _, w in windows] == [first, second]
    read = list(read_windows(windows, shipped_kb, doc_id="d", doc_time=when))
    alone = [shifted(process_text(first, shipped_kb, doc_id="d", doc_time=when), 0, 0)]
    before = len(alone[0].sentences)
    alone.append(shifted(process_text(second, shipped_kb, doc_id="d", doc_time=when), len(first), before))
    assert [w.claims for w in read] == [w.claims for w in alone]
    assert [w.mentions for w in read] == [w.mentions for w in alone]
    assert read[1].claims and read[1].mentions  # the second seed states something
    for window in read:
        for start, end, _ in window.sentences:
            assert 0 <= start <= end <= len(text)
        for mention in window.mentions:
            assert text[mention.start:mention.end] == mention.text
        for claim, _ in window.claims:
            assert text[claim.span.start:claim.span.end] == claim.span.text
            assert claim.span in claim.fact.sources
    assert min(claim.span.sentence for claim, _ in read[1].claims) >= before


def test_the_document_language_is_that_of_most_of_its_text():
    assert document_language([("kk", 10), ("ru", 30), ("kk", 25)]) == "kk"
    assert document_language([("en", 5)]) == "en"


MEMORY_PROBE = """
import os, resource, subprocess, sys
os.environ["YNTYMAQ_MAX_INPUT"] = "100M"  # past the default limit: the bound is memory's, not the limit's
with open({out!r}, "wb") as out:
    code = subprocess.call([sys.executable, "-c", "from yntymaq.cli import main; main()", "check", {path!r}, "--json",
                            "--db", {db!r}], stdout=out)
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def test_check_json_on_a_long_text_runs_in_bounded_memory(seed_texts, shipped_kb, tmp_path):
    """A one-line text of ~9 MB (past `STREAMED_BYTES`, so read in windows): under 600 MB resident
    (~240 MB measured), and every offset in the written JSON points at the text it quotes."""
    words = " ".join(" ".join(seed_texts.values()).split())
    path = tmp_path / "one-line.txt"
    path.write_text((words + " ") * (9_000_000 // len(words.encode("utf-8")) + 1), encoding="utf-8")
    out = tmp_path / "out.json"
    db = shipped_kb.store.url.removeprefix("sqlite:///")
    result = subprocess.run([sys.executable, "-c", MEMORY_PROBE.format(path=str(path), out=str(out), db=db)],
                            capture_output=True, text=True, timeout=1200)
    code, peak = result.stdout.split()
    assert code == "0", result.stderr
    assert int(peak) / 1024 < 600, f"peak {int(peak) / 1024:.0f} MB"
    data = json.loads(out.read_bytes())
    text = path.read_text(encoding="utf-8")
    assert data["document"]["sentences"] > 1000 and data["claims"]
    assert sum(data["counts"].values()) == len(data["claims"])
    for claim in data["claims"][::97]:
        source = claim["source"]
        assert text[source["start"]:source["end"]] == source["text"]
    for mention in data["mentions"][::97]:
        assert text[mention["start"]:mention["end"]] == mention["text"]
    sentences = [claim["source"]["sentence"] for claim in data["claims"]]
    assert sentences == sorted(sentences) and sentences[-1] > 1000
