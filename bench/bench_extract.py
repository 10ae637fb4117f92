"""Benchmark of claim extraction: accuracy on the evaluation set, throughput, and bulk ingestion.

    python bench/bench_extract.py               # everything (a few minutes)
    python bench/bench_extract.py --quick       # smaller throughput and ingestion runs
    python bench/bench_extract.py --only accuracy --errors   # and list every miss and false claim

1. Accuracy: `yntymaq.extract.extract` runs over bench/eval/{kk,ru,en}/*.txt with the full linker and
   with the baseline that links exact names only (`linker="exact"`); claims are scored against
   bench/eval/labels.jsonl (the matching rule is in bench/eval/README.md) as precision, recall and F1
   per predicate, per language and overall. Matched claims are also checked
   (`yntymaq.check.check_claim`) and their verdicts compared with the labels' expected verdicts.
2. Throughput of the whole pipeline, file to verdicts (`yntymaq.ingest.process_file`), on one core,
   over documents of the kind the tool reads (the seeds and the labelled kk/ru/en prose of
   bench/labelled) repeated to a few MB — the target applies here — and, beside it, over the
   fact-dense evaluation texts, where every sentence states a fact (the slowest case). Each corpus
   is read in five passes (`--passes`), after one file of each text has been read to load every
   table and model; the fastest pass counts, as with `timeit`, since other load on the machine only
   ever slows a pass. Every pass is printed with the time of a fixed reference loop, which shows how
   fast the machine was then. MB are 10^6 bytes (MiB, 2^20 bytes, are printed beside them).
3. Ingestion (`yntymaq.ingest.ingest_paths`) of 10,000 documents generated from templates with varied
   facts, in batches of 1,000, with the resident memory after each batch: it should stay flat.

A function that does not exist yet, or fails, is reported in one line naming it (`--traceback` shows
the whole error); the other parts still run and the exit status is 1. Figures below their targets are
reported beside the targets, not as failures.
"""

from __future__ import annotations

import os

# One core: no thread pools in numeric libraries the pipeline may load.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import importlib  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVAL = HERE / "eval"
SEEDS = ROOT.parent / "shared" / "seeds"  # where the tests find them too (conftest.py)
LANGS = ("kk", "ru", "en")
LINKERS = ("full", "exact")

TARGET_PRECISION = 0.95
TARGET_RECALL = 0.85
TARGET_MB_S = 2.0
MB, MIB = 1_000_000, 1024 * 1024
FLAT_MB_PER_1000 = 2.0  # resident memory may grow at most this much per 1,000 more documents


class Missing(Exception):
    """A function the benchmark calls does not exist (yet); the message names it."""


def need(module: str, name: str):
    """`module.name`, or Missing with one line that names what is absent."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name and (module == err.name or module.startswith(err.name + ".")):
            raise Missing(f"{module}.{name} does not exist yet (no module {err.name})") from None
        raise Missing(f"{module} cannot be imported: {err}") from None
    except ImportError as err:
        raise Missing(f"{module} cannot be imported: {err}") from None
    fn = getattr(mod, name, None)
    if fn is None:
        raise Missing(f"{module}.{name} does not exist yet")
    return fn


# -- the evaluation set ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    doc: str
    lang: str
    predicate: str
    subject: str
    object: str | None
    value: str | None
    start: str | None
    end: str | None
    qualifiers: tuple[tuple[str, str], ...]
    quote_start: int
    quote_end: int
    expected_verdict: str
    optional: bool
    any_dates: bool = False


@dataclass(frozen=True)
class Predicted:
    """One claim of the extractor, flattened for scoring; `claim` is the extractor's own object."""

    doc: str
    lang: str
    predicate: str
    subject: str | None
    object: str | None
    value: str | None
    start: str | None
    end: str | None
    qualifiers: tuple[tuple[str, str], ...]
    span_start: int
    span_end: int
    rule: str
    claim: object = field(compare=False, hash=False, repr=False)

    def key(self) -> tuple:
        return (self.predicate, self.subject, self.object, norm_value(self.value), self.start, self.end,
                self.qualifiers)


def load_eval_set(eval_dir: Path = EVAL) -> tuple[dict[str, str], list[Label]]:
    """The documents (by `lang/name.txt`) and their labels."""
    texts = {p.relative_to(eval_dir).as_posix(): p.read_text(encoding="utf-8")
             for lang in LANGS for p in sorted((eval_dir / lang).glob("*.txt"))}
    labels = []
    path = eval_dir / "labels.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["doc"] not in texts:
            raise SystemExit(f"bench: {path.name}:{number}: doc: no document {row['doc']}")
        labels.append(Label(row["doc"], row["lang"], row["predicate"], row["subject"], row.get("object"),
                            row.get("value"), row.get("start"), row.get("end"),
                            tuple(sorted((row.get("qualifiers") or {}).items())), row["quote_start"],
                            row["quote_end"], row["expected_verdict"], bool(row.get("optional", False)),
                            bool(row.get("any_dates", False))))
    return texts, labels


# Latin letters that PDFs put in Cyrillic words, and other spellings of one letter.
_FOLD = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і",
                       "ə": "ә", "ö": "ө", "ё": "е", "’": "'", "‘": "'", "`": "'"})
_QUOTES = re.compile(r"[«»\"“”„]")


def norm_value(value: str | None) -> str | None:
    """A value as compared: case, whitespace, quotes and look-alike letters folded."""
    if value is None:
        return None
    folded = _QUOTES.sub("", str(value)).casefold().translate(_FOLD)
    return re.sub(r"\s+", " ", folded).strip(" .,;:")


def predicted_from(claim, doc: str, lang: str) -> Predicted:
    fact = claim.fact
    return Predicted(
        doc=doc, lang=lang, predicate=fact.predicate, subject=fact.subject, object=fact.object,
        value=None if fact.value is None else str(fact.value),
        start=None if fact.start is None else str(fact.start), end=None if fact.end is None else str(fact.end),
        qualifiers=tuple(sorted((str(k), str(v)) for k, v in (fact.qualifiers or ()))),
        span_start=claim.span.start, span_end=claim.span.end, rule=getattr(claim, "rule", ""), claim=claim)


def matches(label: Label, pred: Predicted) -> bool:
    """The matching rule of bench/eval/README.md."""
    if (pred.doc, pred.predicate, pred.subject) != (label.doc, label.predicate, label.subject):
        return False
    if label.object is not None and pred.object != label.object:
        return False
    if label.value is not None and norm_value(pred.value) != norm_value(label.value):
        return False
    if label.object is None and label.value is None and (pred.object is not None):
        return False
    # Dates: equal, precision included; where the sentence gives none, the claim must give none.
    if not label.any_dates and (pred.start, pred.end) != (label.start, label.end):
        return False
    claimed = dict(pred.qualifiers)
    if any(claimed.get(k) != v for k, v in label.qualifiers):
        return False
    return pred.span_start < label.quote_end and label.quote_start < pred.span_end


@dataclass
class Outcome:
    """Where every label and every claim of one run went."""

    matched: list[tuple[Label, Predicted]] = field(default_factory=list)
    missed: list[Label] = field(default_factory=list)
    false: list[Predicted] = field(default_factory=list)
    optional_hits: int = 0
    duplicates: int = 0


def score_run(labels: list[Label], predictions: list[Predicted]) -> Outcome:
    """Match claims to labels one to one: required labels first, then optional ones."""
    outcome = Outcome()
    unique: dict[tuple, Predicted] = {}
    for pred in predictions:
        unique.setdefault((pred.doc, pred.key(), pred.span_start, pred.span_end), pred)
    outcome.duplicates = len(predictions) - len(unique)
    by_doc: dict[str, list[Predicted]] = defaultdict(list)
    for pred in unique.values():
        by_doc[pred.doc].append(pred)
    used: set[int] = set()
    matched_labels: dict[int, Label] = {}
    for label in sorted(labels, key=lambda lb: lb.optional):
        for pred in by_doc.get(label.doc, []):
            if id(pred) not in used and matches(label, pred):
                used.add(id(pred))
                matched_labels[id(pred)] = label
                if label.optional:
                    outcome.optional_hits += 1
                else:
                    outcome.matched.append((label, pred))
                break
        else:
            if not label.optional:
                outcome.missed.append(label)
    # The same fact claimed twice over one labelled quote is one claim, not a false one.
    for preds in by_doc.values():
        for pred in preds:
            if id(pred) in used:
                continue
            twin = next((matched_labels[id(p)] for p in preds if id(p) in used and p.key() == pred.key()
                         and pred.span_start < matched_labels[id(p)].quote_end
                         and matched_labels[id(p)].quote_start < pred.span_end), None)
            if twin is not None:
                outcome.duplicates += 1
            else:
                outcome.false.append(pred)
    return outcome


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


def tallies(outcome: Outcome) -> dict[str, dict[str, Tally]]:
    """Tallies by predicate, by language and overall."""
    groups: dict[str, dict[str, Tally]] = {"predicate": defaultdict(Tally), "lang": defaultdict(Tally),
                                           "overall": defaultdict(Tally)}
    for label, _ in outcome.matched:
        for kind, key in (("predicate", label.predicate), ("lang", label.lang), ("overall", "all")):
            groups[kind][key].tp += 1
    for label in outcome.missed:
        for kind, key in (("predicate", label.predicate), ("lang", label.lang), ("overall", "all")):
            groups[kind][key].fn += 1
    for pred in outcome.false:
        for kind, key in (("predicate", pred.predicate), ("lang", pred.lang), ("overall", "all")):
            groups[kind][key].fp += 1
    return groups


# -- running the extractor --------------------------------------------------------------------------


def build_kb(folder: Path):
    """The knowledge base built from the shipped dataset into `folder`."""
    from yntymaq.errors import YntymaqError
    from yntymaq.kb import KB, build

    try:
        _, store = build(str(folder / "kb.sqlite"))
    except YntymaqError as err:
        first = str(err).splitlines()
        raise SystemExit(f"bench: the shipped dataset does not build: {' / '.join(first[:3])}") from None
    return KB(store)


def run_extractor(extract, kb, texts: dict[str, str], *, linker: str,
                  traceback: bool) -> tuple[list[Predicted], list[str], float]:
    """Every claim of every document; a document the extractor fails on is reported and scored empty."""
    accepts_doc = "doc" in inspect.signature(extract).parameters
    predictions, failures = [], []
    began = time.perf_counter()
    for doc, text in texts.items():
        lang = doc.split("/", 1)[0]
        try:
            extra = {"doc": doc} if accepts_doc else {}
            result = extract(text, kb, lang=None, linker=linker, **extra)
            predictions.extend(predicted_from(c, doc, lang) for c in result.claims)
        except Exception as err:  # one document's failure must not hide the others' scores
            if traceback:
                raise
            failures.append(f"{doc}: {type(err).__name__}: {err}")
    return predictions, failures, time.perf_counter() - began


# -- formatting ---------------------------------------------------------------------------------------


def fmt(x: float | None) -> str:
    return "  –  " if x is None else f"{x:5.2f}"


def target_line(name: str, value: float | None, target: float, unit: str = "") -> str:
    status = "n/a" if value is None else ("ok" if value >= target else "BELOW TARGET")
    shown = "–" if value is None else f"{value:.2f}{unit}"
    return f"  {name:<34} {shown:>10}   target ≥ {target:g}{unit}   {status}"


def accuracy_table(labels: list[Label], results: dict[str, dict[str, dict[str, Tally]]]) -> list[str]:
    required = [lb for lb in labels if not lb.optional]
    counts = {"predicate": Counter(lb.predicate for lb in required), "lang": Counter(lb.lang for lb in required),
              "overall": Counter({"all": len(required)})}
    linkers = list(results)
    head = f"{'':<20} {'labels':>6}" + "".join(
        f" | {ln + ' linker':^33}" for ln in linkers)
    columns = f" | {'P':>5} {'R':>5} {'F1':>5} {'TP':>4} {'FP':>4} {'FN':>4}"
    sub = f"{'':<20} {'':>6}" + columns * len(linkers)
    lines = [head, sub, "-" * len(sub)]
    order = {"predicate": sorted(set(counts["predicate"]) | {k for r in results.values() for k in r["predicate"]}),
             "lang": [x for x in LANGS], "overall": ["all"]}
    for kind, title in (("predicate", "by predicate"), ("lang", "by language"), ("overall", "overall")):
        lines.append(title)
        for key in order[kind]:
            row = f"  {key:<18} {counts[kind].get(key, 0):>6}"
            for ln in linkers:
                t = results[ln][kind].get(key, Tally())
                row += f" | {fmt(t.precision)} {fmt(t.recall)} {fmt(t.f1)} {t.tp:>4} {t.fp:>4} {t.fn:>4}"
            lines.append(row)
    return lines


# -- 1. accuracy --------------------------------------------------------------------------------------


def bench_accuracy(args, report: dict) -> list[str]:
    """Score both linkers; returns one line per missing or failing function."""
    problems = []
    texts, labels = load_eval_set()
    required = [lb for lb in labels if not lb.optional]
    per_lang = ", ".join(f"{lg} {sum(d.startswith(lg + '/') for d in texts)}" for lg in LANGS)
    print(f"Evaluation set: {len(texts)} documents ({per_lang}), "
          f"{len(required)} labelled facts (+{len(labels) - len(required)} optional)")
    try:
        extract = need("yntymaq.extract", "extract")
    except Missing as err:
        return [str(err)]
    with tempfile.TemporaryDirectory() as tmp:
        kb = build_kb(Path(tmp))
        results, outcomes = {}, {}
        for linker in LINKERS:
            predictions, failures, seconds = run_extractor(extract, kb, texts, linker=linker, traceback=args.traceback)
            if failures:
                problems.append(f"yntymaq.extract.extract failed on {len(failures)} of {len(texts)} documents "
                                f"({linker} linker); the first: {failures[0]}")
                print(f"  the extractor failed on {len(failures)} of {len(texts)} documents ({linker} linker); "
                      f"the first: {failures[0]}")
                if args.errors:
                    for failure in failures[1:]:
                        print(f"    {failure}")
            outcome = score_run(labels, predictions)
            outcomes[linker] = outcome
            results[linker] = tallies(outcome)
            report.setdefault("accuracy", {})[linker] = {
                kind: {k: t.to_dict() for k, t in group.items()} for kind, group in results[linker].items()}
            report["accuracy"][linker]["claims"] = len(predictions)
            report["accuracy"][linker]["failed_documents"] = failures
            print(f"  {linker} linker: {len(predictions)} claims in {seconds:.2f} s; "
                  f"{outcome.optional_hits} matched optional labels, {outcome.duplicates} duplicate claims merged")
        print()
        for line in accuracy_table(labels, results):
            print(line)
        print()
        full = results["full"]["overall"].get("all", Tally())
        exact = results["exact"]["overall"].get("all", Tally())
        print("Targets (full linker; the exact-name baseline beside it):")
        for name, target, ours, baseline in (("precision", TARGET_PRECISION, full.precision, exact.precision),
                                             ("recall", TARGET_RECALL, full.recall, exact.recall)):
            print(target_line(name, ours, target) + f"   (baseline {fmt(baseline).strip()})")
        if args.errors:
            print_errors(outcomes["full"], texts)
        try:
            check_claim = need("yntymaq.check", "check_claim")
        except Missing as err:
            problems.append(str(err))
        else:
            verdict_agreement(outcomes["full"], check_claim, kb, report, texts if args.errors else None)
    return problems


def verdict_agreement(outcome: Outcome, check_claim, kb, report: dict, texts: dict[str, str] | None) -> None:
    """For the claims that matched a label: does the check give the label's expected verdict?"""
    confusion: Counter = Counter()
    disagreements = []
    for label, pred in outcome.matched:
        try:
            verdict = check_claim(pred.claim, kb)
            got, reason = verdict.kind.value, verdict.reason
        except Exception as err:  # a failing check is a figure of this table, not the end of the run
            got, reason = f"error ({type(err).__name__})", str(err)
        confusion[(label.expected_verdict, got)] += 1
        if got != label.expected_verdict:
            disagreements.append((label, got, reason))
    if not confusion:
        return
    kinds = ["supported", "contradicted", "new", "unverifiable"]
    got_kinds = kinds + sorted({g for _, g in confusion} - set(kinds))
    print()
    print("Verdicts of the matched claims (rows: expected, columns: given by yntymaq.check.check_claim)")
    print(f"  {'expected':<14}" + "".join(f"{g[:12]:>13}" for g in got_kinds) + f"{'agree':>9}")
    agree_total = n_total = 0
    for exp in kinds:
        n = sum(c for (e, _), c in confusion.items() if e == exp)
        if not n:
            continue
        agree = confusion[(exp, exp)]
        agree_total, n_total = agree_total + agree, n_total + n
        print(f"  {exp:<14}" + "".join(f"{confusion[(exp, g)]:>13}" for g in got_kinds) + f"{agree / n:>9.2f}")
    print(f"  {'all':<14}" + " " * 13 * len(got_kinds) + f"{agree_total / n_total:>9.2f}")
    if texts is not None and disagreements:
        print("Verdicts that differ from the expected ones:")
        for lb, got, reason in disagreements:
            what = lb.object if lb.object is not None else lb.value
            print(f"  {lb.doc}  {lb.predicate}({lb.subject}, {what}) start={lb.start} end={lb.end}: "
                  f"expected {lb.expected_verdict}, got {got}: {reason}")
    report["verdicts"] = {f"{e}->{g}": c for (e, g), c in sorted(confusion.items())}


def print_errors(outcome: Outcome, texts: dict[str, str]) -> None:
    print()
    print("Missed labels (full linker):")
    for lb in sorted(outcome.missed, key=lambda x: (x.doc, x.quote_start)):
        what = lb.object if lb.object is not None else lb.value
        print(f"  {lb.doc}  {lb.predicate}({lb.subject}, {what}) start={lb.start} end={lb.end} "
              f"{dict(lb.qualifiers) or ''}  «{texts[lb.doc][lb.quote_start:lb.quote_end][:90]}»")
    print("False claims (full linker):")
    for p in sorted(outcome.false, key=lambda x: (x.doc, x.span_start)):
        what = p.object if p.object is not None else p.value
        print(f"  {p.doc}  {p.predicate}({p.subject}, {what}) start={p.start} end={p.end} "
              f"{dict(p.qualifiers) or ''} [{p.rule}]  «{texts[p.doc][p.span_start:p.span_end][:90]}»")


# -- 2. throughput --------------------------------------------------------------------------------------


def one_core() -> str:
    """Pin this process to one CPU where the system allows it; says what was done."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[0]})
        return f"pinned to CPU {cpus[0]}"
    return "one process, one thread (CPU pinning not available here)"


LABELLED = HERE / "labelled"


def document_texts() -> list[tuple[str, str]]:
    """Documents of the kind the tool reads: the two seed articles and the project's own prose in
    Kazakh, Russian and English (bench/labelled, their sentence marks taken out)."""
    items = [(f"seeds/{p.name}", p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))] \
        if SEEDS.is_dir() else []
    items += [(f"labelled/{p.name}", p.read_text(encoding="utf-8").replace("\u2016", ""))
              for p in sorted(LABELLED.glob("*.txt"))]
    return items


def dense_texts() -> list[tuple[str, str]]:
    """The evaluation texts: short, and every sentence states a fact — the slowest case there is."""
    texts, _ = load_eval_set()
    return list(texts.items())


def reference_loop_ms() -> float:
    """The time of a fixed loop of plain Python, in ms: how fast this core is right now. Printed
    beside the throughput, because a shared machine's speed drifts from one minute to the next."""
    began = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i
    return (time.perf_counter() - began) * 1000


def run_corpus(process_file, kb, folder: Path, items: list[tuple[str, str]], target_bytes: int,
               seconds: float, passes: int = 1) -> dict:
    """Write `items` repeated to `target_bytes` as files, then read each file to verdicts, `passes`
    times over; the figures are those of the fastest pass, every pass's rate is listed."""
    folder.mkdir()
    paths, total, copy = [], 0, 0
    while total < target_bytes:
        for name, text in items:
            # Each copy differs by its last line, so nothing can be served from a cache of texts.
            data = (text.rstrip("\n") + f"\n\n({copy})\n").encode("utf-8")
            path = folder / f"{copy:05d}_{name.replace('/', '_')}"
            path.write_bytes(data)
            paths.append((path, len(data)))
            total += len(data)
        copy += 1
    for path, _ in paths[:len(items)]:  # one file of each text: load every language's tables and models
        process_file(path, kb)           # once, as a long-running process would have
    runs = []
    for _ in range(passes):
        done_bytes = done_docs = claims = 0
        reference_before = reference_loop_ms()
        cpu0, began = time.process_time(), time.perf_counter()
        for path, size in paths:
            processed = process_file(path, kb)
            claims += len(processed.claims)
            done_bytes += size
            done_docs += 1
            if time.perf_counter() - began > seconds:
                break
        wall, cpu = time.perf_counter() - began, time.process_time() - cpu0
        mb = done_bytes / MB
        runs.append({"files": done_docs, "mb": mb, "seconds": wall, "cpu_seconds": cpu,
                     "mb_per_s": mb / wall if wall else None, "mib_per_s": done_bytes / MIB / wall if wall else None,
                     "claims": claims, "complete": done_docs == len(paths),
                     "reference_ms": (reference_before + reference_loop_ms()) / 2})
    best = max(runs, key=lambda run: run["mb_per_s"] or 0)
    return {**best, "passes": [run["mb_per_s"] for run in runs], "reference_ms": [run["reference_ms"] for run in runs],
            "copies": copy, "corpus_mb": total / MB, "corpus_files": len(paths)}


def bench_throughput(args, report: dict) -> list[str]:
    try:
        need("yntymaq.extract", "extract")  # what process_file calls
        process_file = need("yntymaq.ingest", "process_file")
    except Missing as err:
        return [str(err)]
    corpora = (("documents", document_texts(), args.throughput_mb),
               ("dense", dense_texts(), max(args.throughput_mb / 4, 0.25)))
    pinned = one_core()
    print(f"MB are 10^6 bytes of UTF-8 (a Cyrillic letter is two; MiB, 2^20 bytes, beside them); one process "
          f"on one core ({pinned})")
    with tempfile.TemporaryDirectory() as tmp:
        kb = build_kb(Path(tmp))
        for label, items, size_mb in corpora:
            try:
                run = run_corpus(process_file, kb, Path(tmp) / label, items, int(size_mb * MB),
                                 args.throughput_seconds, args.passes)
            except Exception as err:  # the pipeline's own failure, reported in one line like a missing part
                if args.traceback:
                    raise
                return [f"yntymaq.ingest.process_file failed on the {label} corpus: {type(err).__name__}: {err}"]
            what = {"documents": "documents (the seeds and the labelled kk/ru/en prose)",
                    "dense": "fact-dense evaluation texts (every sentence states a fact)"}[label]
            print(f"{what}: {len(items)} texts repeated {run['copies']} times, {run['corpus_mb']:.2f} MB "
                  f"in {run['corpus_files']} files")
            if not run["complete"]:
                print(f"  stopped after {args.throughput_seconds:g} s (time budget): {run['files']} files, "
                      f"{run['mb']:.2f} MB")
            print(f"  file → text → claims → verdicts: {run['files']} files, {run['mb']:.2f} MB, {run['claims']} "
                  f"claims in {run['seconds']:.2f} s (CPU {run['cpu_seconds']:.2f} s), "
                  f"{run['files'] / run['seconds']:.0f} files/s")
            if len(run["passes"]) > 1:
                print(f"  {len(run['passes'])} passes: " + ", ".join(f"{rate:.2f}" for rate in run["passes"])
                      + " MB/s, the fastest counted (the machine's reference loop took "
                      + ", ".join(f"{ms:.0f}" for ms in run["reference_ms"]) + " ms)")
            if label == "documents":
                print(target_line("throughput on one core", run["mb_per_s"], TARGET_MB_S, " MB/s"))
                print(f"  (in MiB: {fmt(run['mib_per_s'])} MiB/s)")
            else:
                print(f"  throughput on one core: {fmt(run['mb_per_s'])} MB/s, {fmt(run['mib_per_s'])} MiB/s "
                      "(no target: the worst case)")
            report[f"throughput_{label}"] = run
    return []


# -- 3. ingestion -------------------------------------------------------------------------------------


def rss_mb() -> float:
    """Resident memory now (from /proc), or the peak where /proc is not there."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# Sentence templates per language. Names are used in forms that need no case ending (`{city} қаласында`,
# `в городе {city}`), so any entity fits any slot.
TEMPLATES = {
    "kk": {
        "head": "Хабар {n}. {place_name}, {day} {month_kk} {year} жыл.",
        "member": "{state} ИЫҰ-ға {year} жылы мүше болды.",
        "observer": "{state} Ислам ынтымақтастығы ұйымында {year} жылдан бері бақылаушы мәртебесіне ие.",
        "meeting": "ИЫҰ СІМК-нің {n_ord}-сессиясы {year} жылы {city} қаласында өтті.",
        "summit": "ИЫҰ-ның {n_ord}-саммиті {year} жылғы {day} {month_kk} {city} қаласында өтті.",
        "participated": "{state} делегациясы СІМК-нің {n_ord}-сессиясына қатысты.",
        "count": "Бүгінде ұйымға {count} мемлекет мүше.",
        "chair": "{state} Сыртқы істер министрлері кеңесіндегі төрағалығын {state2} мемлекетіне берді.",
        "sg": "{person} {year} жылы ИЫҰ Бас хатшысы қызметіне кірісті.",
        "filler": "Тараптар экономикалық және гуманитарлық ынтымақтастықты дамыту мәселелерін талқылады.",
    },
    "ru": {
        "head": "Сообщение {n}. {place_name}, {day} {month_ru} {year} года.",
        "member": "Государство {state} вступило в ОИС в {year} году.",
        "observer": "Государство {state} имеет статус наблюдателя в ОИС с {year} года.",
        "meeting": "{n_ord}-я сессия СМИД ОИС прошла в {year} году в городе {city}.",
        "summit": "{n_ord}-й саммит ОИС состоялся {day} {month_ru} {year} года в городе {city}.",
        "participated": "Делегация государства {state} приняла участие в {n_ord}-й сессии СМИД.",
        "count": "Сегодня в ОИС входят {count} государств.",
        "chair": "Государство {state} передало председательство в СМИД государству {state2}.",
        "sg": "{person} вступил в должность Генерального секретаря ОИС в {year} году.",
        "filler": "Стороны обсудили вопросы торгово-экономического и гуманитарного сотрудничества.",
    },
    "en": {
        "head": "Report {n}. {place_name}, {day} {month_en} {year}.",
        "member": "{state} joined the OIC in {year}.",
        "observer": "{state} has been an observer of the Organisation of Islamic Cooperation since {year}.",
        "meeting": "The {n_ord_en} session of the OIC Council of Foreign Ministers was held in {city} in {year}.",
        "summit": "The {n_ord_en} Islamic Summit met in {city} on {day} {month_en} {year}.",
        "participated": "A delegation of {state} took part in the {n_ord_en} session of the CFM.",
        "count": "The OIC now has {count} member states.",
        "chair": "{state} handed the chairmanship of the CFM to {state2}.",
        "sg": "{person} took office as OIC Secretary General in {year}.",
        "filler": "The parties discussed economic, trade and humanitarian cooperation.",
    },
}
MONTHS = {
    "kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split(),
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
    "en": "January February March April May June July August September October November December".split(),
}


def _en_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def generate_documents(kb, folder: Path, count: int, *, seed: int = 1969) -> list[Path]:
    """`count` short news items in kk, ru and en stating varied facts, true and false, about KB entities."""
    from yntymaq.vocab import EntityType

    rng = random.Random(seed)
    by_type: dict[EntityType, list] = defaultdict(list)
    for entity in kb.entities.values():
        by_type[entity.type].append(entity)
    states, places, people = by_type[EntityType.STATE], by_type[EntityType.PLACE], by_type[EntityType.PERSON]
    kinds = [k for k in TEMPLATES["en"] if k not in ("head", "filler")]
    paths = []
    for n in range(count):
        lang = LANGS[n % 3]
        t = TEMPLATES[lang]

        def slots() -> dict:
            month = rng.randrange(12)
            a, b = rng.sample(states, 2)
            return {
                "n": n + 1, "year": rng.randint(1970, 2025), "day": rng.randint(1, 28),
                "month_kk": MONTHS["kk"][month], "month_ru": MONTHS["ru"][month], "month_en": MONTHS["en"][month],
                "state": a.label(lang), "state2": b.label(lang), "city": rng.choice(places).label(lang),
                "place_name": rng.choice(places).label(lang), "person": rng.choice(people).label(lang),
                "n_ord": (k := rng.randint(1, 51)), "n_ord_en": _en_ordinal(k), "count": rng.randint(30, 60),
            }

        sentences = [t["head"].format(**slots())]
        for _ in range(rng.randint(3, 6)):
            sentences.append(t[rng.choice(kinds)].format(**slots()))
            if rng.random() < 0.3:
                sentences.append(t["filler"])
        path = folder / f"{n:05d}_{lang}.txt"
        path.write_text(" ".join(sentences) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def bench_ingest(args, report: dict) -> list[str]:
    try:
        need("yntymaq.extract", "extract")  # what ingest_paths calls
        ingest_paths = need("yntymaq.ingest", "ingest_paths")
    except Missing as err:
        return [str(err)]
    batch = 1000 if args.docs >= 2000 else max(args.docs // 4, 1)
    with tempfile.TemporaryDirectory() as tmp:
        kb = build_kb(Path(tmp))
        folder = Path(tmp) / "generated"
        folder.mkdir()
        paths = generate_documents(kb, folder, args.docs)
        size = sum(p.stat().st_size for p in paths)
        pinned = one_core()
        print(f"Generated {len(paths)} documents from templates (kk, ru, en), {size / 1024 / 1024:.2f} MB; "
              f"ingesting in batches of {batch} ({pinned})")
        gc.collect()
        base = rss_mb()
        samples: list[tuple[int, float, float]] = []  # documents so far, RSS, seconds so far
        done = added = claims = 0
        failures: list[tuple[str, str]] = []
        began = time.perf_counter()
        for first in range(0, len(paths), batch):
            chunk = [str(p) for p in paths[first:first + batch]]
            try:
                result = ingest_paths(chunk, kb)
            except Exception as err:  # the pipeline's own failure, reported in one line like a missing part
                if args.traceback:
                    raise
                return [f"yntymaq.ingest.ingest_paths failed in the batch from document {first + 1}: "
                        f"{type(err).__name__}: {err}"]
            done += len(chunk)
            added += len(result.added)
            failures += result.failed
            claims += result.claims
            gc.collect()
            previous = samples[-1][2] if samples else 0.0
            samples.append((done, rss_mb(), time.perf_counter() - began))
            rate = len(chunk) / max(samples[-1][2] - previous, 1e-9)
            print(f"  {done:>6} documents  {samples[-1][2]:7.1f} s  this batch {rate:6.0f} documents/s  "
                  f"RSS {samples[-1][1]:7.1f} MB", flush=True)
            if samples[-1][2] > args.ingest_seconds and done < len(paths):
                print(f"  stopped after {args.ingest_seconds:g} s (time budget)")
                break
        seconds = time.perf_counter() - began
    first_done, first_rss, _ = samples[0]
    last_done, last_rss, _ = samples[-1]
    slope = (last_rss - first_rss) / ((last_done - first_done) / 1000) if last_done > first_done else 0.0
    done_mb = size * done / len(paths) / 1024 / 1024
    print(f"  {done} documents ({added} stored, {len(failures)} failed, {claims} claims) in {seconds:.1f} s: "
          f"{done / seconds:.0f} documents/s, {done_mb / seconds:.2f} MB/s")
    print(f"  resident memory: {base:.1f} MB before, {first_rss:.1f} MB after {first_done}, "
          f"{last_rss:.1f} MB after {last_done}; peak {max(peak_rss_mb(), last_rss):.1f} MB")
    status = "flat" if slope <= FLAT_MB_PER_1000 else "GROWING"
    print(f"  memory growth: {slope:+.2f} MB per 1,000 documents   target ≤ {FLAT_MB_PER_1000:g}   {status}")
    report["ingest"] = {"documents": done, "added": added, "failed": len(failures), "claims": claims,
                        "seconds": seconds, "rss_mb": [[d, r] for d, r, _ in samples], "mb_per_1000": slope}
    if failures:
        print(f"  {len(failures)} documents failed to ingest; the first: {failures[0][0]}: {failures[0][1]}")
    return []


# -- main -----------------------------------------------------------------------------------------------

PARTS = {"accuracy": bench_accuracy, "throughput": bench_throughput, "ingest": bench_ingest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run (default: {','.join(PARTS)})")
    parser.add_argument("--quick", action="store_true", help="a small throughput corpus and 1,000 documents to ingest")
    parser.add_argument("--errors", action="store_true", help="list every missed label and false claim")
    parser.add_argument("--traceback", action="store_true",
                        help="let an extractor error end the run with its traceback")
    parser.add_argument("--throughput-mb", type=float, default=4.0, help="size of the throughput corpus (default 4)")
    parser.add_argument("--throughput-seconds", type=float, default=60.0, help="time budget of a throughput pass")
    parser.add_argument("--passes", type=int, default=5,
                        help="passes over each throughput corpus; the fastest is counted (default 5)")
    parser.add_argument("--docs", type=int, default=10_000, help="generated documents to ingest (default 10000)")
    parser.add_argument("--ingest-seconds", type=float, default=150.0, help="time budget of the ingestion run")
    parser.add_argument("--json", metavar="PATH", help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    if args.passes < 1:
        parser.error("--passes: give 1 or more")
    if args.quick:
        args.throughput_mb, args.docs, args.passes = min(args.throughput_mb, 0.5), min(args.docs, 1000), 1
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"--only: unknown part {unknown[0]!r}; choose from {', '.join(PARTS)}")
    report: dict = {}
    problems: list[str] = []
    titles = {"accuracy": "1. Claim extraction: precision, recall, F1",
              "throughput": "2. Throughput of the whole pipeline, file to verdicts",
              "ingest": f"3. Ingestion of {args.docs:,} generated documents"}
    for part in parts:
        print(f"\n{titles[part]}\n{'=' * len(titles[part])}", flush=True)
        found = PARTS[part](args, report)
        for line in found:
            print(f"  problem: {line}", flush=True)
            if line not in problems:
                print(f"bench: {line}", file=sys.stderr, flush=True)
                problems.append(line)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
