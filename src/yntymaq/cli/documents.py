"""Commands over documents: ingest, check, extract, documents, disagreements."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from yntymaq import settings
from yntymaq.cli.kb import DB_OPTION
from yntymaq.cli.output import ArrayWriter, JsonWriter, dumps, emit, output_options, pretty_asked, stdout, write_items
from yntymaq.errors import BadInput, YntymaqError
from yntymaq.i18n import check_lang, t
from yntymaq.ingest import IngestReport, document_id, ingest_bytes, ingest_paths
from yntymaq.kb import KB
from yntymaq.views import Checked, checked, disagreements_view, documents_view

VERDICT_STYLES = {"supported": "green", "contradicted": "bold red", "new": "blue", "unverifiable": "dim"}

DATE_OPTION = click.option("--date", "doc_date", default=None, metavar="DATE",
                           help="Мәтін жазылған күн / дата текста / when the text was written (1995, 2011-06, "
                                "2011-06-28): its undated present-tense claims are judged then (default: its dateline).")

TEXT_LANG_OPTION = click.option("--text-lang", type=click.Choice(["kk", "ru", "en"], case_sensitive=False), default=None,
                                help="Мәтін тілі / язык текста / the text's language (default: detected).")


def _read(path: str) -> tuple[bytes, str, str]:
    """The bytes of a file (or of standard input for `-`), its text and its name; a clear error if unreadable."""
    from yntymaq.text.read import read_file_and_bytes

    raw, document = read_file_and_bytes(path)  # the one reader of `text` too; its errors name the file
    return raw, document.text, document.name


STREAMED_BYTES = 4 << 20
"""A plain-text file larger than this is read as it streams, window by window (`extract.windows`),
its encoding told by its head as `yntymaq text` tells it; a smaller one is read whole."""


def _windows(path: str):
    """The document's id (the hash of its bytes), its text as (offset, text) windows, and its name."""
    from yntymaq.extract.windows import text_windows
    from yntymaq.text.read import stream_file

    file = Path(path)
    if path != "-" and file.is_file() and file.stat().st_size > STREAMED_BYTES:
        stream = stream_file(file)
        if stream is not None:
            import hashlib

            digest = hashlib.sha256()
            with file.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
            return digest.hexdigest(), text_windows(stream.blocks), path
    raw, text, name = _read(path)
    if not text.strip():
        raise BadInput("text: the text is empty; give the text to check")
    return document_id(raw), text_windows((text,)), name


def _checked(path: str, db: str | None, lang: str, text_lang: str | None, doc_date: str | None = None) -> Checked:
    """The file's claims read and checked window by window; their views are made as they are taken."""
    from yntymaq.kb.query import parse_date

    doc_time = parse_date(doc_date, field_name="--date") if doc_date else None
    doc_id, windows, name = _windows(path)
    kb = KB.open(db)
    _fewer_collections()
    return checked(kb, windows, lang, text_lang=text_lang, doc_id=doc_id, name=name, doc_time=doc_time)


def _write_check_json(parts: Checked, pretty: bool) -> None:
    """`check --json`, each mention and claim written as it is made. The document's language and
    number of sentences come first but are known only after the last window: a text of one window
    (the usual) is written straight out, a longer one's mentions and claims wait in spools."""
    import shutil
    from itertools import chain
    from tempfile import SpooledTemporaryFile

    out = JsonWriter(stdout(), pretty=pretty)
    windows = iter(parts)
    first = next(windows, None)
    second = next(windows, None) if first is not None else None
    if second is None:
        out.field("document", parts.document)
        out.array("mentions", parts.mentions(first) if first is not None else ())
        out.array("claims", parts.claims(first) if first is not None else ())
    else:
        with SpooledTemporaryFile(max_size=1 << 23) as mentions, SpooledTemporaryFile(max_size=1 << 23) as claims:
            mention_array = ArrayWriter(mentions, pretty=pretty)
            claim_array = ArrayWriter(claims, pretty=pretty)
            for window in chain((first, second), windows):
                mention_array.extend(parts.mentions(window))
                claim_array.extend(parts.claims(window))
            mention_array.close(), claim_array.close()
            out.field("document", parts.document)
            for key, spool in (("mentions", mentions), ("claims", claims)):
                out.key(key)
                spool.seek(0)
                shutil.copyfileobj(spool, out.out, 1 << 20)
    out.field("counts", parts.counts)
    out.close()


def _fewer_collections() -> None:
    """Reading a document makes many small objects and few reference cycles: the cyclic collector,
    run every 700 allocations, cost ~12% of `extract` on 8 MB and freed nothing (measured). What is
    loaded so far is frozen out of its sight and it runs a hundred times less often."""
    import gc

    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)


def _excerpt(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _stated(claim: dict) -> str:
    """What a claim says of its subject: the object or value, with its qualifiers."""
    what = (claim["object"] or {}).get("label") or claim["value"] or ""
    extra = [v if k in ("status", "kind") else f"{k}: {v}" for k, v in claim["qualifier_labels"].items()]
    return what + (f" ({', '.join(extra)})" if extra else "")


def _dates(claim: dict) -> str:
    start, end = claim["start"], claim["end"]
    if start and end and end != start:
        return f"{start} – {end}"
    return start or (f"– {end}" if end else "")


def _evidence(claim: dict) -> str:
    parts = []
    for fact in claim["evidence"]:
        stated = fact["object_label"] or fact["value"] or ""
        dates = " – ".join(d for d in (fact["start"], fact["end"]) if d)
        parts.append(f"{fact['predicate_label']}: {stated}" + (f" [{dates}]" if dates else "")
                     + (f" ({fact['sources_text']})" if fact["sources_text"] else ""))
    return "; ".join(parts)


def _flat_claims(claims: list[dict]) -> list[dict]:
    """Claims as flat rows for tables and CSV."""
    return [{"sentence": _excerpt(c["source"]["text"]), "predicate": c["predicate_label"],
             "subject": (c["subject"] or {}).get("label", ""), "stated": _stated(c), "dates": _dates(c),
             "verdict": c["verdict"], "verdict_label": c["verdict_label"], "evidence": _evidence(c),
             "reason": c["reason"], "start": c["source"]["start"], "end": c["source"]["end"]} for c in claims]


CLAIM_COLUMNS = [("sentence", "col.sentence"), ("predicate", "col.predicate"), ("subject", "col.subject"),
                 ("stated", "col.value"), ("dates", "col.dates"), ("verdict_label", "col.verdict"),
                 ("evidence", "col.evidence")]


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@DB_OPTION
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Процестер / процессов / processes that analyse documents (default: one per core).")
@click.option("--verbose", "-v", is_flag=True,
              help="Әр құжатқа бір жол / строка на документ / one line per document on stderr, once its fate is final.")
@click.option("--json", "as_json", is_flag=True, help="Қорытындыны JSON-мен / итог в JSON / print the summary as JSON.")
@click.option("--lang", default=None, metavar="kk|ru|en", help="Тіл / язык / language of messages.")
@click.option("--cluster", "address", default=None, metavar="ADDRESS",
              help="Dask кластері / кластер Dask / run on the Dask scheduler at ADDRESS (tcp://host:8786); "
                   "every worker must reach the database.")
@click.option("--workers", type=int, default=None, metavar="N",
              help="Жергілікті кластер / локальный кластер / run on a local Dask cluster of N worker processes.")
def ingest_command(paths: tuple[str, ...], db: str | None, jobs: int | None, verbose: bool, as_json: bool,
                   lang: str | None, address: str | None, workers: int | None) -> None:
    """Құжаттарды жүктеу / загрузить документы / store documents with their checked claims.

    PATH is a file, a folder (read recursively, following links but never round a loop) or a glob
    (`**` for any folders); `-` reads standard input. Each document's language is detected; it is
    stored with its sentences, mentions, claims and verdicts, keyed by the hash of its bytes: a
    document already stored is skipped, so a re-run resumes where one stopped. Documents are analysed
    on --jobs processes and written in batches; a document counts as added once its batch is
    committed, so a crash loses none that was reported. A file that cannot be read (or is a FIFO,
    a device, a socket or a broken link) is reported in one line with its reason and the others are
    still stored; the exit code is then 1. Progress goes to stderr (--verbose: a line per document).
    With --cluster or --workers each document is read, checked and stored by a worker of a Dask
    distributed cluster, still exactly once and resumably.

    Example: yntymaq ingest news/ 'archive/**/*.pdf' notes.txt --workers 2
    """
    from yntymaq.cluster import check_cluster_options

    lang = check_lang(settings.get("lang", lang))
    check_cluster_options(address, workers)
    kb = KB.open(db)
    report = IngestReport()
    named = [p for p in paths if p != "-"]
    if "-" in paths:
        raw = sys.stdin.buffer.read()
        try:
            doc_id, added = ingest_bytes(raw, kb, name="<stdin>")
            (report.added if added else report.skipped).append("<stdin>")
            if added:
                report.claims += len(kb.store.claims(doc=doc_id))
        except YntymaqError as err:
            report.failed.append(("<stdin>", str(err)))
    if named:
        if address or workers:
            from yntymaq.cluster import ingest_on_cluster

            def run(files, taken, settled):
                return ingest_on_cluster(files, kb.store.url, address=address, workers=workers, progress=settled)
        else:
            def run(files, taken, settled):
                return ingest_paths(files, kb, jobs=jobs, progress=taken, stored=settled)
        files = _ingest_with_progress(named, lang, run, verbose=verbose)
        report.added += files.added
        report.skipped += files.skipped
        report.failed += files.failed
        report.claims += files.claims
        report.seconds = files.seconds
    # An error names its file already; the summary puts the path first.
    report.failed = [(path, reason.removeprefix(f"{path}: ")) for path, reason in report.failed]
    if as_json:
        click.echo(json.dumps({"added": report.added, "skipped": report.skipped,
                               "failed": [{"path": p, "reason": r} for p, r in report.failed],
                               "claims": report.claims, "seconds": round(report.seconds, 3)},
                              ensure_ascii=False, indent=2))
    else:
        for path, reason in report.failed:
            click.echo(t("msg.ingest_failed", lang, path=path, reason=reason), err=True)
        click.echo(t("msg.ingest_summary", lang, added=len(report.added), skipped=len(report.skipped),
                     failed=len(report.failed), claims=report.claims, seconds=report.seconds))
    if report.failed:
        sys.exit(1)


def _ingest_with_progress(paths: list[str], lang: str, run, *, verbose: bool) -> IngestReport:
    """`run(paths, taken, settled)` (`ingest_paths` or `ingest_on_cluster`) with a progress bar on
    stderr (shown only on a terminal), or with --verbose a line per document as it is stored, skipped
    or failed."""
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[name]}", style="dim"), console=console, transient=True,
                  disable=verbose or not console.is_terminal) as progress:
        task = progress.add_task(t("msg.ingesting", lang), total=None, name="")

        def taken(path: str) -> None:
            progress.update(task, name=Path(path).name)

        def settled(path: str, outcome: str) -> None:
            progress.advance(task)
            if verbose:
                click.echo(f"{outcome}: {path}", err=True)

        report = run(paths, taken, settled)
    return report


@click.command("check")
@click.argument("file", metavar="FILE")
@TEXT_LANG_OPTION
@DATE_OPTION
@DB_OPTION
@output_options
def check_command(file: str, text_lang: str | None, doc_date: str | None, db: str | None, fmt: str, lang: str) -> None:
    """Мәтінді тексеру / проверить текст / the claims of a text with their verdicts.

    Reads FILE (text, HTML, PDF or DOCX; `-` for standard input), finds its claims and checks each
    against the knowledge base: supported, contradicted, new or unverifiable, with the fact that
    decides it and that fact's source. Nothing is stored (see `yntymaq ingest`). --json prints the
    mentions, the claims and the counts; --lang sets the language of labels.

    Example: yntymaq check article.txt --lang en
    """
    parts = _checked(file, db, lang, text_lang, doc_date)
    if fmt == "json":
        _write_check_json(parts, pretty_asked())
        return
    claims = [claim for window in parts for claim in parts.claims(window)]
    data = {"document": parts.document, "claims": claims, "counts": parts.counts}
    rows = _flat_claims(data["claims"])
    if fmt == "csv":
        emit(rows, [*CLAIM_COLUMNS, ("reason", "col.reason")], fmt=fmt, lang=lang)
        return
    console = Console(highlight=False)
    if not console.is_terminal:  # a file or a pipe: room for the whole table
        console = Console(highlight=False, width=160)
    doc = data["document"]
    console.print(Text(t("msg.check_summary", lang, name=doc["name"], language=doc["language"],
                         claims=len(data["claims"]), **data["counts"]), style="bold"))
    if not rows:
        console.print(t("web.no_claims", lang))
        return
    table = Table(show_lines=True)
    for _, header in CLAIM_COLUMNS:
        table.add_column(t(header, lang))
    for row in rows:
        table.add_row(*(Text(str(row[key])) for key, _ in CLAIM_COLUMNS[:5]),
                      Text(row["verdict_label"], style=VERDICT_STYLES[row["verdict"]]),
                      Text(row["evidence"] or row["reason"]))
    console.print(table)


@click.command("extract")
@click.argument("file", metavar="FILE")
@click.option("--jsonl", "as_jsonl", is_flag=True,
              help="Бір жолға бір тұжырым / по утверждению на строку / one JSON object per claim (the default).")
@TEXT_LANG_OPTION
@DATE_OPTION
@DB_OPTION
@output_options
def extract_command(file: str, as_jsonl: bool, text_lang: str | None, doc_date: str | None, db: str | None,
                    fmt: str, lang: str) -> None:
    """Тұжырымдарды JSON-мен шығару / утверждения в JSON / a text's claims as JSON Lines.

    One JSON object per claim: predicate, subject and object ({"id", "label"}) or value, start and
    end (dates as strings of their precision), qualifiers, verdict, evidence (KB facts with their
    sources) and source (doc, sentence, start, end, text: offsets into the original text). A
    meeting is named by its id, e.g. OIC/cfm/39. `-` reads standard input; --json prints one array,
    --csv flat rows; nothing is stored.

    Example: yntymaq extract article.txt --jsonl | jq -c 'select(.verdict == "contradicted")'
    """
    if as_jsonl and fmt != "table":
        raise BadInput(f"--jsonl and --{fmt} cannot be used together: choose one")
    parts = _checked(file, db, lang, text_lang, doc_date)
    claims = (claim for window in parts for claim in parts.claims(window))  # each made as it is written
    if fmt == "json":
        out = stdout()
        write_items(out, claims, pretty=pretty_asked(), depth=0)
        out.write(b"\n")
        out.flush()
    elif fmt == "csv":
        emit(_flat_claims(list(claims)), [("start", "col.start"), ("end", "col.end"), *CLAIM_COLUMNS], fmt=fmt, lang=lang)
    else:
        out = stdout()
        for claim in claims:
            out.write(dumps(claim) + b"\n")
        out.flush()


@click.command("documents")
@DB_OPTION
@output_options
def documents_command(db: str | None, fmt: str, lang: str) -> None:
    """Жүктелген құжаттар / загруженные документы / the stored documents and their verdicts.

    Example: yntymaq documents --json
    """
    data = documents_view(KB.open(db), lang)
    rows = [d | {"short_id": d["id"][:12], "verdicts": ", ".join(f"{t('verdict.' + v, lang)} {n}" for v, n in d["counts"].items() if n)}
            | {f"n_{v}": n for v, n in d["counts"].items()} for d in data["documents"]]
    if fmt == "csv":
        columns = [("id", "col.id"), ("name", "col.document"), ("language", "col.language"), ("size", "col.size"),
                   ("claims", "col.claims"), *((f"n_{v}", f"verdict.{v}") for v in data["total"]), ("ingested_at", "col.ingested")]
    else:  # a table narrow enough for a terminal; --json and --csv give every field
        columns = [("short_id", "col.id"), ("name", "col.document"), ("language", "col.language"), ("claims", "col.claims"),
                   ("verdicts", "col.verdict")]
    emit(rows, columns, fmt=fmt, lang=lang, payload=data)


@click.command("disagreements")
@DB_OPTION
@output_options
def disagreements_command(db: str | None, fmt: str, lang: str) -> None:
    """Құжаттар қайшылығы / расхождения документов / where stored documents disagree, side by side.

    Claims of different documents about one subject that cannot all be true: a meeting's place,
    host or dates, a founding, a headquarters, the start of a membership (of one status), a term of
    office, the chair of a session. Each version is shown with its document and its verdict.

    Example: yntymaq disagreements --lang en
    """
    data = disagreements_view(KB.open(db), lang)
    if fmt == "table" and not data["disagreements"]:
        click.echo(t("msg.no_disagreements", lang))
        return
    rows = [{"n": n, "subject": (d["subject"] or {}).get("label", ""), "predicate": d["predicate_label"],
             "document": c["document"]["name"], "stated": _stated(c), "dates": _dates(c),
             "verdict_label": c["verdict_label"], "sentence": _excerpt(c["source"]["text"], 60)}
            for n, d in enumerate(data["disagreements"], start=1) for c in d["claims"]]
    emit(rows, [("n", "col.number"), ("subject", "col.subject"), ("predicate", "col.predicate"),
                ("document", "col.document"), ("stated", "col.value"), ("dates", "col.dates"),
                ("verdict_label", "col.verdict"), ("sentence", "col.sentence")],
         fmt=fmt, lang=lang, payload=data["disagreements"])
