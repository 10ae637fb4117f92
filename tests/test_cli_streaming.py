"""Streamed output: `text --json`, `check --json` and `extract --jsonl` write as they go, with the very
bytes of the whole document serialised at once (compact, or indented with --pretty), and `text --json`
runs in bounded memory on a large input (resident memory measured in a fresh process)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from yntymaq.cli import main
from yntymaq.cli.output import JsonWriter, dumps, write_items
from yntymaq.cli.text import document_json
from yntymaq.ingest import document_id
from yntymaq.text.pipeline import analyse_file
from yntymaq.text.read import read_file
from yntymaq.views import check_view

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def compact(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def pretty(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def run(*args) -> bytes:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture(scope="module")
def files(seeds_dir, tmp_path_factory) -> list[Path]:
    """The seeds, a text of each language of the corpus, a text in two paragraphs' pieces (past the
    pipeline's piece size) and one with no sentence at all."""
    chosen = sorted(seeds_dir.glob("*.txt"))
    for lang in ("kk", "ru", "en"):
        chosen += sorted((CORPUS / lang).glob("*.txt"))[:1]
    folder = tmp_path_factory.mktemp("streaming")
    long = folder / "long.txt"
    long.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))) * 12,
                    encoding="utf-8")
    blank = folder / "punct.txt"
    blank.write_text("…\n", encoding="utf-8")
    return [*chosen, long, blank]


@pytest.fixture(scope="module")
def db(shipped_kb):
    return shipped_kb.store.url.removeprefix("sqlite:///")


def test_text_json_is_the_whole_document_serialised(files):
    for path in files:
        whole = document_json(analyse_file(path))
        assert run("text", str(path), "--json") == compact(whole), path
        assert run("text", str(path), "--json", "--pretty") == pretty(whole), path


def test_check_json_and_extract_are_the_whole_view_serialised(files, db, shipped_kb):
    for path in files[:-1]:
        text = read_file(path).text
        view = check_view(shipped_kb, text, "kk", doc_id=document_id(path.read_bytes()), name=str(path))
        assert run("check", str(path), "--json", "--db", db) == compact(view), path
        assert run("check", str(path), "--json", "--pretty", "--db", db) == pretty(view), path
        lines = b"".join(compact(claim) for claim in view["claims"])
        assert run("extract", str(path), "--jsonl", "--db", db) == lines, path
        assert run("extract", str(path), "--json", "--db", db) == compact(view["claims"]), path
        assert run("extract", str(path), "--json", "--pretty", "--db", db) == pretty(view["claims"]), path


@pytest.mark.parametrize("value", [{}, {"a": []}, {"a": [{}], "b": {"c": [1, 2.5, None, True, "қаз\"\\\n"]}},
                                   {"a": [[], [[]], {"x": {}}], "b": "\ud800"}])
def test_the_writer_gives_the_bytes_of_the_whole(value, tmp_path):
    for indent in (False, True):
        with open(tmp_path / "out", "wb") as out:
            writer = JsonWriter(out, pretty=indent)
            for key, item in value.items():
                if isinstance(item, list):
                    writer.array(key, iter(item))
                else:
                    writer.field(key, item)
            writer.close()
        want = json.dumps(value, ensure_ascii=False, **({"indent": 2} if indent else {"separators": (",", ":")}))
        assert (tmp_path / "out").read_bytes() == want.encode("utf-8", "surrogatepass") + b"\n"
        with open(tmp_path / "list", "wb") as out:
            write_items(out, iter(value.get("a", [])), pretty=indent, depth=0)
        assert (tmp_path / "list").read_bytes() == dumps(value.get("a", []), pretty=indent)


def test_pretty_goes_with_json():
    result = CliRunner().invoke(main, ["text", "-", "--pretty"], input="Сөз.")
    assert result.exit_code == 1
    assert "--pretty indents JSON: give it with --json" in result.output


MEMORY_PROBE = """
import os, resource, subprocess, sys
os.environ["YNTYMAQ_MAX_INPUT"] = "100M"  # past the default limit: the bound is memory's, not the limit's
with open({out!r}, "wb") as out:
    code = subprocess.call([sys.executable, "-c", "from yntymaq.cli import main; main()", "text", {path!r}, "--json"],
                           stdout=out)
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak_kb(path: Path, out: Path) -> int:
    result = subprocess.run([sys.executable, "-c", MEMORY_PROBE.format(path=str(path), out=str(out))],
                            capture_output=True, text=True, timeout=900)
    code, peak = result.stdout.split()
    assert code == "0", result.stderr
    return int(peak)


def test_text_json_runs_in_bounded_memory(seed_texts, tmp_path):
    """A one-line file of ~6 MB (no line break anywhere) and a text of paragraphs of the same size:
    the resident memory stays under 150 MB (measured ~45 MB), and a sixth of the input takes about
    as much."""
    words = " ".join(" ".join(seed_texts.values()).split())
    one_line = tmp_path / "one-line.txt"
    one_line.write_text((words + " ") * (6_000_000 // len(words.encode("utf-8")) + 1), encoding="utf-8")
    paragraphs = tmp_path / "paragraphs.txt"
    unit = "\n\n".join(seed_texts.values()) + "\n\n"
    paragraphs.write_text(unit * (6_000_000 // len(unit.encode("utf-8")) + 1), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(unit * (1_000_000 // len(unit.encode("utf-8")) + 1), encoding="utf-8")
    peaks = {p.name: _peak_kb(p, tmp_path / "out.json") / 1024 for p in (small, one_line, paragraphs)}
    assert max(peaks.values()) < 150, peaks
    assert peaks["paragraphs.txt"] < peaks["small.txt"] + 40, peaks  # flat: six times the input, not six times the memory
    written = json.loads((tmp_path / "out.json").read_bytes())
    assert written["sentences"][-1]["end"] <= len(paragraphs.read_text(encoding="utf-8"))
