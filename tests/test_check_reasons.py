"""Verdict reasons in the interface language: every reason the checker gives on real texts, the seeds and
the evaluation set reads in Kazakh and Russian, with its values kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yntymaq.check.reasons import localize, reason
from yntymaq.errors import BadInput
from yntymaq.ingest import process_text

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT.parent / "shared" / "corpus").glob("*/*.txt")) + sorted((ROOT.parent / "shared" / "seeds").glob("*")) \
    + sorted((ROOT / "bench" / "eval").glob("*.txt"))
_ENGLISH = re.compile(r"\b(?:the|knowledge|base|text|gives|records|derives|chair|status|sources|rule)\b")


@pytest.fixture(scope="module")
def all_reasons(shipped_kb) -> set[str]:
    found = set()
    for path in TEXTS:
        for _, verdict in process_text(path.read_text(encoding="utf-8"), shipped_kb, doc_id=path.name).claims:
            found.add(verdict.reason)
    return found


def test_the_texts_give_reasons_of_many_kinds(all_reasons):
    assert len(all_reasons) > 40


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_reason_reads_in_the_interface_language(all_reasons, lang):
    for text in all_reasons:
        out = localize(text, lang)
        # no English words left, outside the ids of sources and rules the reason quotes
        bare = re.sub(r"\([^()]*\)|\b[\w.-]*\.v\d\b", "", out)
        assert not _ENGLISH.search(bare), (text, out)
        # every date and number of the reason is still there
        assert sorted(re.findall(r"\d{4}(?:-\d\d){0,2}|\b\d+\b", text)) == \
            sorted(re.findall(r"\d{4}(?:-\d\d){0,2}|\b\d+\b", out)), (text, out)


def test_a_reason_is_written_from_its_template_and_read_back():
    text = reason("count_more", known=57, when=reason("when.at", at="1995-12"), claimed=50, rule="member_count.v1")
    assert text == "57 at 1995-12, more than 50, derived by member_count.v1"
    assert localize(text, "ru") == "57 на 1995-12, больше 50; выведено правилом member_count.v1"
    assert localize(text, "kk") == "1995-12 кезінде 57, бұл 50 санынан көп; member_count.v1 ережесімен шығарылды"
    assert localize(text, "en") == text


def test_a_part_no_template_reads_stays_as_written():
    assert localize("the knowledge base states the same meeting; something else", "kk") == \
        "дерек қорында дәл осы жиын көрсетілген; something else"


def test_a_malformed_table_names_its_line(tmp_path, monkeypatch):
    from yntymaq import templates as engine

    class Files:
        def joinpath(self, name):
            return self

        def read_text(self, encoding):
            return "key\ten\tru\tkk\nreason.x\tsee {a}\tсм. {b}\tқара {a}\n"

    monkeypatch.setattr(engine.resources, "files", lambda package: Files())
    with pytest.raises(BadInput, match=r"reasons.tsv:2: reason.x: the languages name different values"):
        engine.Catalog("yntymaq.check", "reasons.tsv").templates()
