"""The claim-extraction evaluation set (bench/eval): its labels must be exact and agree with the KB."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from yntymaq.vocab import LANGS, PREDICATES, Date, EntityType, VerdictKind

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "bench" / "eval"
LABELS = EVAL / "labels.jsonl"

FIELDS = {"doc", "lang", "predicate", "subject", "object", "value", "start", "end", "qualifiers",
          "quote_start", "quote_end", "expected_verdict", "optional", "quote"}
STATUSES = {"member", "observer", "suspended"}
NEEDS_VALUE = {"member_count", "named", "term_of_office", "official_language"}

# The entity types each predicate joins in the labels: (subject types, object types).
S, O, M, P, PL, D, OF, ORG = (EntityType.STATE, EntityType.ORGAN, EntityType.MEETING, EntityType.PERSON,
                              EntityType.PLACE, EntityType.DOCUMENT, EntityType.OFFICE,
                              EntityType.ORGANISATION)
TYPES = {
    "member_of": ({S}, {ORG}),
    "member_count": ({ORG}, None),
    "founded": ({ORG, O}, None),
    "named": ({ORG, O}, None),
    "headquartered_in": ({ORG, O}, {PL}),
    "holds_office": ({P}, {OF}),
    "term_of_office": ({OF}, None),
    "meeting_of": ({M}, {O}),
    "held_in": ({M}, {PL}),
    "hosted_by": ({M}, {S}),
    "chaired_by": ({O}, {S}),
    "participated_in": ({S}, {M}),
    "adopted_at": ({D}, {M}),
}


def _load_make_labels():
    spec = importlib.util.spec_from_file_location("make_labels", EVAL / "make_labels.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_labels = _load_make_labels()


def _read_labels() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


LABEL_ROWS = _read_labels()
TEXTS = {p.relative_to(EVAL).as_posix(): p.read_text(encoding="utf-8")
         for lang in LANGS for p in sorted((EVAL / lang).glob("*.txt"))}


def _id(label: dict) -> str:
    return f"{label['doc']}:{label['predicate']}:{label['subject']}:{label.get('object') or label.get('value')}"


def test_labels_file_is_generated_from_its_source():
    assert make_labels.render(make_labels.build_labels()) == LABELS.read_text(encoding="utf-8"), \
        "labels.jsonl is out of date: run python bench/eval/make_labels.py"


def test_the_set_is_large_enough_in_every_language():
    required = [label for label in LABEL_ROWS if not label["optional"]]
    per_lang = Counter(label["lang"] for label in required)
    assert len(required) >= 60
    for lang in LANGS:
        assert per_lang[lang] >= 15, f"{lang}: only {per_lang[lang]} labels"
        docs = [d for d in TEXTS if d.startswith(f"{lang}/")]
        assert 8 <= len(docs) <= 12, f"{lang}: {len(docs)} documents"
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.txt", docs[0].split("/")[1])
    unlabelled = set(TEXTS) - {label["doc"] for label in LABEL_ROWS}
    assert not unlabelled, f"documents without a label: {sorted(unlabelled)}"
    verdicts = Counter(label["expected_verdict"] for label in required)
    assert verdicts["contradicted"] >= 5 and verdicts["new"] >= 3
    predicates = {label["predicate"] for label in required}
    assert predicates >= set(TYPES), f"no label for {sorted(set(TYPES) - predicates)}"


@pytest.mark.parametrize("label", LABEL_ROWS, ids=_id)
def test_label_fields_and_offsets(label):
    assert FIELDS <= set(label), f"missing {sorted(FIELDS - set(label))}"
    assert label["doc"] in TEXTS, f"no document {label['doc']}"
    assert label["lang"] == label["doc"].split("/")[0] and label["lang"] in LANGS
    text = TEXTS[label["doc"]]
    start, end = label["quote_start"], label["quote_end"]
    assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
    assert text[start:end] == label["quote"], "the offsets do not point at the quoted text"
    # A quote covers whole words: it neither starts nor ends inside one.
    assert start == 0 or not text[start - 1].isalnum(), \
        f"the quote starts inside a word: {text[start - 1:start + 10]!r}"
    assert end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum()), \
        f"the quote ends inside a word: {text[end - 10:end + 1]!r}"
    assert label["expected_verdict"] in {v.value for v in VerdictKind}
    assert isinstance(label["optional"], bool)
    if label.get("any_dates"):
        assert label["start"] is None and label["end"] is None, "any_dates is for labels without dates"


@pytest.mark.parametrize("label", LABEL_ROWS, ids=_id)
def test_label_speaks_the_vocabulary(label, shipped_kb):
    predicate = label["predicate"]
    assert predicate in PREDICATES, f"unknown predicate {predicate!r}"
    info = PREDICATES[predicate]
    subject = shipped_kb.entity_or_none(label["subject"])
    assert subject is not None, f"subject {label['subject']!r} is not in the knowledge base"
    if info.takes == "entity":
        assert label["value"] is None, f"{predicate} takes an entity, not a value"
        obj = shipped_kb.entity_or_none(label["object"])
        assert obj is not None, f"object {label['object']!r} is not in the knowledge base"
    else:
        assert label["object"] is None, f"{predicate} takes a value, not an entity"
        if predicate in NEEDS_VALUE:
            assert label["value"], f"{predicate} needs a value"
        obj = None
    subject_types, object_types = TYPES[predicate]
    assert subject.type in subject_types, f"{label['subject']} is a {subject.type.value}"
    if object_types is not None:
        assert obj.type in object_types, f"{label['object']} is a {obj.type.value}"
    if predicate == "member_count":
        assert label["value"].isdigit()
    for key, value in label["qualifiers"].items():
        assert key in info.qualifiers, f"{predicate} has no qualifier {key!r}"
        if key == "status":
            assert value in STATUSES
        if key == "place":
            place = shipped_kb.entity_or_none(value)
            assert place is not None and place.type is EntityType.PLACE, f"place {value!r} is not a KB place"
        if key == "lang":
            assert value in LANGS
    if predicate in ("member_of", "member_count"):
        assert "status" in label["qualifiers"], f"{predicate} needs its status"
    dates = [Date.parse(label[k]) if label[k] is not None else None for k in ("start", "end")]
    if all(dates):
        assert dates[0].earliest <= dates[1].latest, "start is after end"


def _kb_facts(kb, label: dict):
    return [f for f in kb.store.facts(subject=label["subject"], predicate=label["predicate"])]


def _agrees(label_date: str | None, fact_date) -> bool:
    return label_date is None or fact_date is None or Date.parse(label_date).agrees_with(fact_date)


def _supported_by(kb, label: dict) -> bool:
    for fact in _kb_facts(kb, label):
        if label["object"] is not None and fact.object != label["object"]:
            continue
        if label["value"] is not None and fact.value != label["value"]:
            continue
        if any(fact.qualifier(k) != v for k, v in label["qualifiers"].items() if k != "lang"):
            continue
        if _agrees(label["start"], fact.start) and _agrees(label["end"], fact.end):
            return True
    return False


CHECKABLE = [label for label in LABEL_ROWS if label["predicate"] not in ("member_count", "named")]
"""Counts are derived and checked below; names are checked by the extractor's folding of inflected forms."""


@pytest.mark.parametrize("label", CHECKABLE, ids=_id)
def test_expected_verdict_agrees_with_the_shipped_dataset(label, shipped_kb):
    """A supported label has a KB fact that agrees with it; a contradicted or new one has none."""
    supported = _supported_by(shipped_kb, label)
    if label["expected_verdict"] == "supported":
        assert supported, "labelled supported, but no fact of the knowledge base agrees with it"
    elif label["expected_verdict"] in ("contradicted", "new"):
        assert not supported, f"labelled {label['expected_verdict']}, but the knowledge base agrees with it"
    if label["expected_verdict"] == "new":
        same = [f for f in _kb_facts(shipped_kb, label) if f.object == label["object"]]
        assert not same, "labelled new, but the knowledge base has the fact"


def test_counts_agree_with_the_shipped_dataset(shipped_kb):
    """A member count labelled supported is the KB's count at its date (today when it has none), or
    within the range the KB leaves open at that precision; a contradicted one is outside it."""
    counts = [label for label in LABEL_ROWS if label["predicate"] == "member_count"]
    assert counts
    for label in counts:
        at = Date.parse(label["start"]) if label["start"] else None
        count = shipped_kb.member_count(at=at)
        observer = label["qualifiers"]["status"] == "observer"
        low = count.observers if observer else count.members
        possible = range(low, low + len(count.uncertain) + 1)
        if label["expected_verdict"] == "supported":
            assert int(label["value"]) in possible, \
                f"{_id(label)}: the KB counts {low} (+{len(count.uncertain)} uncertain)"
        else:
            assert int(label["value"]) not in possible, f"{_id(label)}: the KB counts {low}"


def test_texts_share_no_sentence_with_the_seeds(seed_texts):
    """The documents are written for the set: no run of 60 characters (longer than any
    name they share) is taken from a seed."""
    def windows(text: str) -> set[str]:
        flat = re.sub(r"\s+", " ", text.replace("ə", "ә").lower())
        return {flat[i:i + 60] for i in range(0, max(len(flat) - 59, 0))}

    seed_windows = set().union(*(windows(t) for t in seed_texts.values()))
    for doc, text in TEXTS.items():
        shared = windows(text) & seed_windows
        assert not shared, f"{doc} repeats a seed: {sorted(shared)[0]!r}"


def test_make_labels_reports_a_quote_it_cannot_find(tmp_path):
    (tmp_path / "kk").mkdir()
    (tmp_path / "kk" / "01_a.txt").write_text("Қазақстан 1995 жылы мүше болды. Қазақстан мүше.", encoding="utf-8")
    source = tmp_path / "labels.src.jsonl"
    row = {"doc": "kk/01_a.txt", "predicate": "member_of", "subject": "KZ", "object": "OIC",
           "quote": "1996 жылы", "expected_verdict": "supported"}
    source.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(make_labels.LabelError) as err:
        make_labels.build_labels(source, tmp_path)
    assert str(err.value) == "labels.src.jsonl:1: quote: quote '1996 жылы' is not in the document (kk/01_a.txt)"

    row["quote"] = "Қазақстан"
    source.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(make_labels.LabelError, match="occurs 2 times in the document"):
        make_labels.build_labels(source, tmp_path)


def test_make_labels_finds_quotes_through_pdf_noise(tmp_path):
    (tmp_path / "kk").mkdir()
    text = "Алғы сөз. Қaзaқстан  Кеңеске төраға-\nлық етті. Соңы."
    (tmp_path / "kk" / "01_a.txt").write_text(text, encoding="utf-8")
    source = tmp_path / "labels.src.jsonl"
    row = {"doc": "kk/01_a.txt", "predicate": "chaired_by", "subject": "OIC/cfm", "object": "KZ",
           "quote": "Қазақстан Кеңеске ... төрағалық етті.", "expected_verdict": "supported"}
    source.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    [label] = make_labels.build_labels(source, tmp_path)
    assert label["quote"] == "Қaзaқстан  Кеңеске төраға-\nлық етті."
    assert (label["quote_start"], label["quote_end"]) == (10, 10 + len(label["quote"]))


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "bench_extract.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_extract", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_scorer_gives_an_exact_extractor_full_marks_and_holds_dates_to_their_precision():
    bench = _load_bench()
    texts, labels = bench.load_eval_set()
    assert len(texts) == len(TEXTS) and len(labels) == len(LABEL_ROWS)

    def claim(label, **changes):
        fields = dict(doc=label.doc, lang=label.lang, predicate=label.predicate, subject=label.subject,
                      object=label.object, value=label.value, start=label.start, end=label.end,
                      qualifiers=label.qualifiers, span_start=label.quote_start, span_end=label.quote_end,
                      rule="test", claim=None)
        fields.update(changes)
        return bench.Predicted(**fields)

    exact = [claim(label) for label in labels]
    outcome = bench.score_run(labels, exact + exact[:5])  # repeated claims are merged, not false
    overall = bench.tallies(outcome)["overall"]["all"]
    assert (overall.precision, overall.recall) == (1.0, 1.0)
    assert overall.tp == sum(not label.optional for label in labels)

    month = next(label for label in labels if label.start and len(label.start) == 7 and not label.optional)
    assert not bench.matches(month, claim(month, start=month.start + "-01")), "an invented day must not match"
    assert not bench.matches(month, claim(month, start=month.start[:4])), "a lost month must not match"
    assert not bench.matches(month, claim(month, span_start=month.quote_end, span_end=month.quote_end + 5))
    undated = next(label for label in labels if label.start is None and label.end is None)
    assert not bench.matches(undated, claim(undated, start="1971")), "a date the sentence does not give"
    named = next(label for label in labels if label.predicate == "named" and label.lang == "kk")
    assert bench.matches(named, claim(named, value=named.value.upper().replace("А", "A")))
    observer = next(label for label in labels if ("status", "observer") in label.qualifiers)
    assert not bench.matches(observer, claim(observer, qualifiers=(("status", "member"),)))

    wrong = [claim(label, object="KZ") if label.predicate == "held_in" else claim(label) for label in labels]
    by_predicate = bench.tallies(bench.score_run(labels, wrong))["predicate"]
    assert by_predicate["held_in"].precision == 0.0 and by_predicate["held_in"].recall == 0.0
    assert by_predicate["member_of"].f1 == 1.0


def test_the_throughput_run_reads_every_file_once_a_pass_and_counts_the_fastest_pass(tmp_path):
    bench = _load_bench()
    read = []

    class Processed:
        claims = [object(), object()]

    def process_file(path, kb):
        read.append(path.name)
        return Processed()

    items = [("a.txt", "Қазақстан " * 50), ("b.txt", "OIC " * 80)]
    run = bench.run_corpus(process_file, None, tmp_path / "corpus", items, 3000, 60.0, passes=3)
    files = sorted(p.name for p in (tmp_path / "corpus").iterdir())
    assert run["corpus_files"] == len(files) >= 2 and run["complete"]
    warm_up = read[:len(items)]  # one file of each text, read before the passes to load what they need
    assert sorted(warm_up) == sorted(files[:len(items)]) and {name[6:] for name in warm_up} == {"a.txt", "b.txt"}
    assert sorted(read[len(items):]) == sorted(files * 3)
    assert len(run["passes"]) == 3 and run["mb_per_s"] == max(run["passes"])
    assert run["claims"] == 2 * len(files) and len(run["reference_ms"]) == 3
