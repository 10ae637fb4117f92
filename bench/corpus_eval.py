"""The reader and the checker on real third-party texts: `../shared/corpus/` (its README gives the format).

    python bench/corpus_eval.py                 # both halves, both linkers, every table
    python bench/corpus_eval.py --errors        # and list the tuning half's misses, false claims and sprung traps

The corpus is split by file number: odd numbers are the tuning half (read them, tune on them), even numbers
the held-out half (only scored). A gap between the halves is over-fitting.

Scoring follows the corpus README:
- a gold fact is found when a claim of the same file matches its key: membership (state, status), meeting
  (the KB meetings its body, kind, ordinal, city and year allow), chair (body, state), office (person),
  founded / renamed / headquarters (organisation), member_count (value), participation (state and meeting),
  adopted (the meeting, or the charter);
- precision counts the claims of the predicates these kinds cover whose key matches a gold fact of the file;
- a verdict is right on a found fact expected `supported` when some matching claim is supported and none is
  contradicted, on one expected `contradicted` when some matching claim is contradicted; "contradicted
  right" is the share of all contradicted claims that match a fact expected to be contradicted;
- a trap is sprung when a claim's span overlaps a negative's evidence and the claim matches no gold fact.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"
LANGS = ("kk", "ru", "en")
HALVES = ("tune", "held-out")
LINKERS = ("full", "exact")
KINDS = ("membership", "meeting", "chair", "office", "founded", "renamed", "headquarters", "member_count",
         "participation", "adopted")
PREDICATE_KIND = {"member_of": "membership", "meeting_of": "meeting", "held_in": "meeting",
                  "hosted_by": "meeting", "chaired_by": "chair", "holds_office": "office", "founded": "founded",
                  "named": "renamed", "headquartered_in": "headquarters", "member_count": "member_count",
                  "participated_in": "participation", "adopted_at": "adopted"}
TARGETS = {"recall": 0.90, "precision": 0.95, "contradicted_right": 0.95, "trap_rate": 0.05}


def half_of(file: str) -> str:
    """Odd file numbers tune, even ones are held out."""
    number = int(re.match(r"(\d+)", file).group(1))
    return "tune" if number % 2 else "held-out"


@dataclass
class Gold:
    lang: str
    file: str
    row: dict
    line: int

    @property
    def kind(self) -> str:
        return self.row["kind"]

    @property
    def expected(self) -> str:
        return self.row["expected_verdict"]


@dataclass
class Trap:
    lang: str
    file: str
    row: dict
    spans: list[tuple[int, int]]


@dataclass
class Corpus:
    texts: dict[tuple[str, str], str]  # (lang, file) -> text
    gold: list[Gold]
    traps: list[Trap]


def load_corpus(root: Path = CORPUS, *, half: str | None = None) -> Corpus:
    """The texts, gold facts and traps, of one half or of both; a malformed line stops with its place."""
    texts, gold, traps = {}, [], []
    for lang in LANGS:
        folder = root / lang
        for path in sorted(folder.glob("[0-9]*.txt")):
            if half is None or half_of(path.name) == half:
                texts[(lang, path.name)] = path.read_text(encoding="utf-8")
        for name in ("gold.jsonl", "negatives.jsonl"):
            path = folder / name
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    raise SystemExit(f"corpus: {lang}/{name}:{number}: not JSON: {err}") from None
                key = (lang, row["file"])
                if key not in texts:
                    continue
                if name == "gold.jsonl":
                    gold.append(Gold(lang, row["file"], row, number))
                else:
                    text = texts[key]
                    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(row["evidence"]), text)]
                    if not spans:
                        raise SystemExit(f"corpus: {lang}/{name}:{number}: evidence is not in {row['file']}")
                    traps.append(Trap(lang, row["file"], row, spans))
    return Corpus(texts, gold, traps)


# -- keys: what a gold fact and a claim must share ---------------------------------------------------------


def fold(text: str | None) -> str:
    """Lower case without accents, for comparing names across spellings."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("ı", "i")
    return re.sub(r"[^\w]+", " ", text).strip()


class KBKeys:
    """What the scorer needs of the knowledge base: meetings by body, kind, ordinal, city and year; places
    and persons by name."""

    def __init__(self, kb):
        from yntymaq.vocab import EntityType, Origin

        self.kb = kb
        held = {f.subject: f.object for f in kb.facts(predicate="held_in") if f.origin is Origin.CURATED}
        self.meetings: list[dict] = []
        for f in kb.facts(predicate="meeting_of"):
            if f.origin is not Origin.CURATED:
                continue
            body = {"OIC/summit": "summit", "OIC/cfm": "cfm"}.get(f.object, "other")
            ordinal = f.qualifier("ordinal")
            self.meetings.append({"id": f.subject, "body": body, "kind": f.qualifier("kind") or "ordinary",
                                  "ordinal": int(ordinal) if ordinal and ordinal.isdigit() else None,
                                  "city": held.get(f.subject), "start": f.start, "organ": f.object})
        self.places: dict[str, set[str]] = defaultdict(set)
        self.persons: list[tuple[str, set[str]]] = []
        self.charters = []
        for entity in kb.entities.values():
            names = {fold(n) for n in entity.names.values()} | {fold(a) for _, a in entity.aliases}
            if entity.type is EntityType.PLACE:
                for name in names:
                    self.places[name].add(entity.id)
            elif entity.type is EntityType.PERSON:
                self.persons.append((entity.id, names))
            elif entity.type is EntityType.DOCUMENT and "charter" in entity.id:
                self.charters.append(entity.id)

    def city_ids(self, city: str | None) -> set[str]:
        return self.places.get(fold(city), set()) if city else set()

    def meeting_ids(self, spec: dict | None, *, org: str = "OIC") -> set[str]:
        """The KB meetings a gold meeting description allows."""
        if not spec:
            return set()
        body, ordinal = spec.get("body"), spec.get("ordinal")
        extraordinary = bool(spec.get("extraordinary"))
        cities = self.city_ids(spec.get("city"))
        year = int(str(spec["start"])[:4]) if spec.get("start") else None
        out = set()
        for m in self.meetings:
            if body and body != m["body"]:
                continue
            if body in ("summit", "cfm") and (m["kind"] == "extraordinary") != extraordinary:
                continue
            if org != "OIC" and not m["organ"].startswith(org):
                continue
            if ordinal is not None and m["ordinal"] != ordinal:
                continue
            if ordinal is None:
                if spec.get("city") and m["city"] not in cities:
                    continue
                if year and (m["start"] is None or m["start"].year != year):
                    continue
                if not spec.get("city") and not year:
                    continue  # a bare "the summit" names no meeting of its own
            out.add(m["id"])
        return out

    def person_ids(self, person: str | None) -> set[str]:
        """The KB persons whose names share the gold name's family name."""
        words = [w for w in fold(person).split() if len(w) > 3 and w not in ("bin", "amin", "ameen")]
        if not words:
            return set()
        out = set()
        for ident, names in self.persons:
            tokens = {t for n in names for t in n.split()}
            if words[-1] in tokens or (len(words) > 1 and words[0] in tokens and words[1] in tokens):
                out.add(ident)
        return out


def gold_keys(g: Gold, keys: KBKeys) -> set[tuple]:
    """Every claim key that finds this gold fact."""
    r = g.row
    kind = r["kind"]
    if kind == "membership":
        return {("membership", r["state"], r.get("status") or "member")}
    if kind == "meeting":
        return {("meeting", m) for m in keys.meeting_ids(r, org=r.get("org") or "OIC")}
    if kind == "chair":
        return {("chair", f"OIC/{r['body']}", r["state"])}
    if kind == "office":
        return {("office", p) for p in keys.person_ids(r.get("person"))}
    if kind in ("founded", "renamed", "headquarters"):
        return {(kind, r.get("org") or "OIC")}
    if kind == "member_count":
        return {("member_count", r.get("org") or "OIC", str(r["value"]))}
    if kind == "participation":
        return {("participation", r["state"], m) for m in keys.meeting_ids(r.get("meeting"))}
    if kind == "adopted":
        meetings = keys.meeting_ids(r.get("meeting"))
        out = {("adopted", "at", m) for m in meetings}
        if "charter" in r["document"].casefold() and not meetings:
            out |= {("adopted", "doc", c) for c in keys.charters}
        return out
    return set()


def claim_keys(claim: dict) -> set[tuple]:
    """The keys of one claim as `extract --jsonl` prints it."""
    p = claim["predicate"]
    kind = PREDICATE_KIND.get(p)
    subject = (claim.get("subject") or {}).get("id")
    obj = (claim.get("object") or {}).get("id")
    q = claim.get("qualifiers") or {}
    if kind == "membership":
        return {("membership", subject, q.get("status") or "member")}
    if kind == "meeting":
        return {("meeting", subject)}
    if kind == "chair":
        return {("chair", subject, obj)}
    if kind == "office":
        return {("office", subject)}
    if kind in ("founded", "renamed", "headquarters"):
        return {(kind, subject)}
    if kind == "member_count":
        return {("member_count", subject, str(claim.get("value")))}
    if kind == "participation":
        return {("participation", subject, obj)}
    if kind == "adopted":
        return {("adopted", "at", obj), ("adopted", "doc", subject)}
    return set()


# -- running and scoring ------------------------------------------------------------------------------------


def run_reader(kb, corpus: Corpus, *, linker: str) -> dict[tuple[str, str], list[dict]]:
    """Every claim of every text, as `extract --jsonl` prints it (file to verdicts, as users run it)."""
    from yntymaq.ingest import process_text
    from yntymaq.views import claim_view

    out = {}
    for (lang, file), text in corpus.texts.items():
        processed = process_text(text, kb, doc_id=f"{lang}/{file}", linker=linker)
        out[(lang, file)] = [claim_view(kb, c, v, "en") for c, v in processed.claims]
    return out


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    claims: int = 0
    right_claims: int = 0
    judged: int = 0
    verdict_right: int = 0
    contradicted: int = 0
    contradicted_right: int = 0
    traps: int = 0
    sprung: int = 0

    @staticmethod
    def ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    @property
    def recall(self):
        return self.ratio(self.found, self.gold)

    @property
    def precision(self):
        return self.ratio(self.right_claims, self.claims)

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def verdict_accuracy(self):
        return self.ratio(self.verdict_right, self.judged)

    @property
    def contradicted_share(self):
        return self.ratio(self.contradicted_right, self.contradicted)

    @property
    def trap_rate(self):
        return self.ratio(self.sprung, self.traps)

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in
                ("gold", "found", "claims", "right_claims", "judged", "verdict_right", "contradicted",
                 "contradicted_right", "traps", "sprung", "recall", "precision", "f1", "verdict_accuracy",
                 "contradicted_share", "trap_rate")}


@dataclass
class Score:
    tallies: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    missed: list[Gold] = field(default_factory=list)
    false: list[tuple[str, str, dict]] = field(default_factory=list)
    wrong_verdicts: list[tuple[Gold, list[dict]]] = field(default_factory=list)
    sprung: list[tuple[Trap, dict]] = field(default_factory=list)

    def add(self, lang: str, file: str, kind: str | None, attr: str, n: int = 1) -> None:
        groups = [("all", "all"), ("lang", lang), ("half", half_of(file))]
        if kind:
            groups.append(("kind", kind))
        for group in groups:
            setattr(self.tallies[group], attr, getattr(self.tallies[group], attr) + n)

    def get(self, group: str, key: str) -> Tally:
        return self.tallies.get((group, key), Tally())


def _overlaps(claim: dict, spans: list[tuple[int, int]]) -> bool:
    src = claim.get("source") or {}
    return any(src.get("start", 0) < e and s < src.get("end", 0) for s, e in spans)


def score(corpus: Corpus, claims: dict[tuple[str, str], list[dict]], keys: KBKeys) -> Score:
    out = Score()
    gold_by_file: dict[tuple[str, str], list[tuple[Gold, set]]] = defaultdict(list)
    for g in corpus.gold:
        gold_by_file[(g.lang, g.file)].append((g, gold_keys(g, keys)))
    for (lang, file), items in gold_by_file.items():
        for g, gkeys in items:
            out.add(lang, file, g.kind, "gold")
            matching = [c for c in claims.get((lang, file), []) if claim_keys(c) & gkeys]
            if not matching:
                out.missed.append(g)
                continue
            out.add(lang, file, g.kind, "found")
            if g.expected in ("supported", "contradicted"):
                out.add(lang, file, g.kind, "judged")
                verdicts = {c["verdict"] for c in matching}
                right = ("contradicted" in verdicts if g.expected == "contradicted"
                         else "supported" in verdicts and "contradicted" not in verdicts)
                if right:
                    out.add(lang, file, g.kind, "verdict_right")
                else:
                    out.wrong_verdicts.append((g, matching))
    for (lang, file), found in claims.items():
        items = gold_by_file.get((lang, file), [])
        traps = [t for t in corpus.traps if (t.lang, t.file) == (lang, file)]
        for c in found:
            kind = PREDICATE_KIND.get(c["predicate"])
            if kind is None:
                continue
            ck = claim_keys(c)
            matched = [g for g, gk in items if ck & gk]
            out.add(lang, file, kind, "claims")
            if matched:
                out.add(lang, file, kind, "right_claims")
            else:
                out.false.append((lang, file, c))
            if c["verdict"] == "contradicted":
                out.add(lang, file, kind, "contradicted")
                if any(g.expected == "contradicted" for g in matched):
                    out.add(lang, file, kind, "contradicted_right")
        for t in traps:
            hits = [c for c in found if PREDICATE_KIND.get(c["predicate"]) and _overlaps(c, t.spans)
                    and not any(claim_keys(c) & gk for _, gk in items)]
            out.add(lang, file, None, "traps")
            if hits:
                out.add(lang, file, None, "sprung")
                out.sprung.append((t, hits[0]))
    return out


# -- printing ------------------------------------------------------------------------------------------------


def fmt(x: float | None) -> str:
    return "  –  " if x is None else f"{x:5.2f}"


COLUMNS = f"{'gold':>5} {'R':>5} {'P':>5} {'F1':>5} {'verd':>5} {'contr':>9} {'traps':>9}"


def row(name: str, t: Tally) -> str:
    contr = f"{t.contradicted_right}/{t.contradicted}" if t.contradicted else "–"
    traps = f"{t.sprung}/{t.traps}" if t.traps else "–"
    return (f"  {name:<14} {t.gold:>5} {fmt(t.recall)} {fmt(t.precision)} {fmt(t.f1)} "
            f"{fmt(t.verdict_accuracy)} {contr:>9} {traps:>9}")


def print_score(title: str, s: Score) -> None:
    print(title)
    print(f"  {'':<14} {COLUMNS}")
    for group, keys in (("all", ("all",)), ("lang", LANGS), ("kind", KINDS)):
        for key in keys:
            if (group, key) in s.tallies:
                print(row(key if group != "all" else "overall", s.get(group, key)))


def target_lines(name: str, t: Tally, baseline: Tally) -> list[str]:
    lines = []
    for label, value, base, target, higher in (
            ("recall", t.recall, baseline.recall, TARGETS["recall"], True),
            ("precision", t.precision, baseline.precision, TARGETS["precision"], True),
            ("contradicted right", t.contradicted_share, baseline.contradicted_share,
             TARGETS["contradicted_right"], True),
            ("traps sprung", t.trap_rate, baseline.trap_rate, TARGETS["trap_rate"], False)):
        met = value is not None and (value >= target if higher else value <= target)
        if value is None and label == "contradicted right":
            met = True  # no contradicted verdict at all: none of them is wrong
        sign = "≥" if higher else "≤"
        lines.append(f"  {name:<9} {label:<19} {fmt(value)}   target {sign} {target:.2f}   "
                     f"{'met' if met else 'NOT MET'}   (exact-name baseline {fmt(base).strip()})")
    return lines


def print_errors(corpus: Corpus, s: Score) -> None:
    print("\nMissed gold facts:")
    for g in s.missed:
        print(f"  {g.lang}/{g.file} [{g.kind}] {json.dumps({k: v for k, v in g.row.items() if k in ('state', 'status', 'body', 'ordinal', 'city', 'person', 'value', 'meeting', 'document', 'org', 'extraordinary', 'start')}, ensure_ascii=False)}")
        print(f"      «{g.row['evidence'][:160]}»")
    print("\nClaims matching no gold fact:")
    for lang, file, c in s.false:
        print(f"  {lang}/{file} {c['predicate']} {(c.get('subject') or {}).get('id')} → "
              f"{(c.get('object') or {}).get('id') or c.get('value')} {c.get('qualifiers') or ''} "
              f"[{c['verdict']}] {c['rule']}")
        print(f"      «{(c.get('source') or {}).get('text', '')[:160]}»")
    print("\nWrong verdicts:")
    for g, cs in s.wrong_verdicts:
        print(f"  {g.lang}/{g.file} [{g.kind}] expected {g.expected}: "
              + "; ".join(f"{c['predicate']} {c['verdict']} ({c['reason']})" for c in cs))
    print("\nSprung traps:")
    for t, c in s.sprung:
        print(f"  {t.lang}/{t.file} {c['predicate']} {(c.get('subject') or {}).get('id')} → "
              f"{(c.get('object') or {}).get('id') or c.get('value')} [{c['verdict']}] {c['rule']}")
        print(f"      «{t.row['evidence'][:160]}» trap: {t.row.get('trap', '')[:100]}")


def subset(corpus: Corpus, half: str) -> Corpus:
    """One half of a loaded corpus."""
    keep = {k for k in corpus.texts if half_of(k[1]) == half}
    return Corpus({k: v for k, v in corpus.texts.items() if k in keep},
                  [g for g in corpus.gold if (g.lang, g.file) in keep],
                  [t for t in corpus.traps if (t.lang, t.file) in keep])


def build_kb(folder: Path):
    from yntymaq.kb import KB, build

    _, store = build(str(folder / "kb.sqlite"))
    return KB(store)


def evaluate(kb, corpus: Corpus, *, linkers=LINKERS) -> dict[str, dict[str, Score]]:
    """Scores by linker and half ("tune", "held-out")."""
    keys = KBKeys(kb)
    out: dict[str, dict[str, Score]] = {}
    for linker in linkers:
        claims = run_reader(kb, corpus, linker=linker)
        out[linker] = {}
        for half in HALVES:
            part = subset(corpus, half)
            if part.texts:
                out[linker][half] = score(part, {k: v for k, v in claims.items() if k in part.texts}, keys)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=HALVES, help="score one half only (default: both)")
    parser.add_argument("--errors", action="store_true",
                        help="list the misses, false claims, wrong verdicts and sprung traps of the tuning half "
                             "(of the held-out half only with --half held-out: it is for scoring, not reading)")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus: {CORPUS} is not there; the real-text figures need ../shared/corpus/")
        return 1
    corpus = load_corpus(half=args.half)
    halves = [args.half] if args.half else list(HALVES)
    print(f"Real-text corpus: {len(corpus.texts)} texts, {len(corpus.gold)} gold facts, {len(corpus.traps)} "
          f"trap sentences; odd file numbers tune, even ones are held out")
    with tempfile.TemporaryDirectory() as tmp:
        scores = evaluate(build_kb(Path(tmp)), corpus)
    for half in halves:
        print()
        print_score(f"{half} half, full linker (R, P, F1 of claims; verdict accuracy; contradicted right/all; "
                    f"traps sprung/all)", scores["full"][half])
    print("\nTargets on each half (the exact-name baseline beside each figure):")
    for half in halves:
        full, exact = scores["full"][half], scores["exact"][half]
        for line in target_lines(half, full.get("all", "all"), exact.get("all", "all")):
            print(line)
        kk = full.get("lang", "kk").f1 or 0.0
        rest = [full.get("lang", lg).f1 or 0.0 for lg in ("ru", "en") if ("lang", lg) in full.tallies]
        print(f"  {half:<9} {'kk F1 vs ru, en':<19} {kk:5.2f}   vs {', '.join(f'{x:.2f}' for x in rest)}   "
              f"{'met' if all(kk >= x for x in rest) else 'NOT MET'}")
    if args.errors:
        half = args.half or "tune"
        print(f"\n===== {half} half =====")
        print_errors(subset(corpus, half), scores["full"][half])
    if args.json:
        report = {linker: {half: {f"{g}:{k}": t.to_dict() for (g, k), t in s.tallies.items()}
                           for half, s in by_half.items()} for linker, by_half in scores.items()}
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
