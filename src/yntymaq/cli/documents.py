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
from yntymaq.cli.output import emit, output_options
from yntymaq.errors import BadInput, YntymaqError
from yntymaq.i18n import check_lang, t
from yntymaq.ingest import IngestReport, document_id, expand_paths, ingest_bytes, ingest_paths
from yntymaq.kb import KB
from yntymaq.views import check_view, disagreements_view, documents_view

VERDICT_STYLES = {"supported": "green", "contradicted": "bold red", "new": "blue", "unverifiable": "dim"}

DATE_OPTION = click.option("--date", "doc_date", default=None, metavar="DATE",
                           help="Мәтін жазылған күн / дата текста / when the text was written (1995, 2011-06, "
                                "2011-06-28): its undated present-tense claims are judged then (default: its dateline).")

TEXT_LANG_OPTION = click.option("--text-lang", type=click.Choice(["kk", "ru", "en"]), default=None,
                                help="Мәтін тілі / язык текста / the text's language (default: detected).")


def _read(path: str) -> tuple[bytes, str, str]:
    """The bytes of a file (or of standard input for `-`), its text and its name; a clear error if unreadable."""
    from yntymaq.text.read import read_file_and_bytes

    raw, document = read_file_and_bytes(path)  # the one reader of `text` too; its errors name the file
    return raw, document.text, document.name


def _checked(path: str, db: str | None, lang: str, text_lang: str | None, doc_date: str | None = None) -> dict:
    from yntymaq.kb.query import parse_date

    doc_time = parse_date(doc_date, field_name="--date") if doc_date else None
    raw, text, name = _read(path)
    return check_view(KB.open(db), text, lang, text_lang=text_lang, doc_id=document_id(raw), name=name,
                      doc_time=doc_time)


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
@click.option("--json", "as_json", is_flag=True, help="Қорытындыны JSON-мен / итог в JSON / print the summary as JSON.")
@click.option("--lang", default=None, metavar="kk|ru|en", help="Тіл / язык / language of messages.")
def ingest_command(paths: tuple[str, ...], db: str | None, as_json: bool, lang: str | None) -> None:
    """Құжаттарды жүктеу / загрузить документы / store documents with their checked claims.

    PATH is a file, a folder (read recursively) or a glob; `-` reads standard input. Each document's
    language is detected; it is stored in its own transaction with its sentences, mentions, claims and
    verdicts, keyed by the hash of its bytes: a document already stored is skipped, so a re-run resumes where one stopped. A file
    that cannot be read is reported with its reason and the others are still stored; the exit code
    is then 1. Progress goes to stderr.

    Example: yntymaq ingest news/ 'archive/**/*.pdf' notes.txt
    """
    lang = check_lang(settings.get("lang", lang))
    kb = KB.open(db)
    report = IngestReport()
    named = [p for p in paths if p != "-"]
    wanted: list[str] = []
    for given in named:  # a path that names nothing fails alone, as an unreadable file does
        try:
            wanted.extend(str(p) for p in expand_paths([given]))
        except BadInput as err:
            report.failed.append((given, str(err)))
    if "-" in paths:
        raw = sys.stdin.buffer.read()
        try:
            doc_id, added = ingest_bytes(raw, kb, name="<stdin>")
            (report.added if added else report.skipped).append("<stdin>")
            if added:
                report.claims += len(kb.store.claims(doc=doc_id))
        except YntymaqError as err:
            report.failed.append(("<stdin>", str(err)))
    if wanted:
        files = _ingest_with_progress(wanted, kb, lang)
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


def _ingest_with_progress(files: list[str], kb: KB, lang: str) -> IngestReport:
    """`ingest_paths` with a progress bar on stderr (shown only on a terminal)."""
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[name]}", style="dim"), console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task(t("msg.ingesting", lang), total=len(files), name="")
        started = []

        def advance(path: Path) -> None:
            if started:
                progress.advance(task)
            started.append(path)
            progress.update(task, name=path.name)

        report = ingest_paths(files, kb, progress=advance)
        progress.update(task, completed=len(files))
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
    data = _checked(file, db, lang, text_lang, doc_date)
    if fmt == "json":
        emit([], [], fmt=fmt, lang=lang, payload=data)
        return
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
    claims = _checked(file, db, lang, text_lang, doc_date)["claims"]
    if fmt == "json":
        emit(claims, [], fmt=fmt, lang=lang)
    elif fmt == "csv":
        emit(_flat_claims(claims), [("start", "col.start"), ("end", "col.end"), *CLAIM_COLUMNS], fmt=fmt, lang=lang)
    else:
        for claim in claims:
            click.echo(json.dumps(claim, ensure_ascii=False))


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


def register(group: click.Group) -> None:
    for command in (ingest_command, check_command, extract_command, documents_command, disagreements_command):
        group.add_command(command)
