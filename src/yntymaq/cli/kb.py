"""Commands over the knowledge base: build, show, members, meetings, chair, office, timeline, export."""

from __future__ import annotations

import sys

import click

from yntymaq import settings
from yntymaq.cli.output import emit, output_options
from yntymaq.i18n import check_lang, t
from yntymaq.kb import KB, build
from yntymaq.kb.export import FORMATS, export
from yntymaq.kb.meetings import BODIES, KINDS
from yntymaq.kb.query import parse_date
from yntymaq.vocab import PREDICATES

DB_OPTION = click.option("--db", default=None, metavar="PATH|URL",
                         help="Дерек қоры / база знаний / knowledge base (SQLite path or URL; env YNTYMAQ_DB).")


def _label(key: str, value: str | None, lang: str) -> str | None:
    return t(f"{key}.{value}", lang) if value else value


def _other_versions(row: dict, lang: str) -> str:
    """A row's disagreement in one cell: "sources disagree: 1970– (wiki-syria-oic)", empty when none."""
    if not row.get("conflict"):
        return ""
    versions = "; ".join(f"{v['start'] or '…'}–{v['end'] or ''} ({', '.join(s['id'] for s in v['sources'])})"
                         for v in row["conflict"])
    return f"{t('conflict.badge', lang)}: {versions}"


@click.command("build")
@DB_OPTION
@click.option("--data", default=None, metavar="DIR", help="Басқа CSV қалтасы / другая папка CSV / a folder of CSV files instead of the shipped dataset.")
@click.option("--lang", default=None, metavar="kk|ru|en", help="Тіл / язык / language of messages.")
def build_command(db: str | None, data: str | None, lang: str | None) -> None:
    """Дерек қорын жасау / построить базу знаний / build the knowledge base.

    Validates the curated dataset and writes it to SQLite (or PostgreSQL). Any problem is reported as
    file:line and nothing is written. Rebuilding the same data changes nothing.

    Example: yntymaq build --db /tmp/kb.sqlite
    """
    lang = check_lang(settings.get("lang", lang))
    report, store = build(db, data=data)
    key = "msg.built" if report.changed else "msg.up_to_date"
    click.echo(t(key, lang, entities=report.entities, facts=report.facts + report.derived, derived=report.derived,
                 sources=report.sources, seconds=report.seconds, db=store.url), err=True)
    if report.changed and store.documents():  # the curated knowledge changed: stored verdicts may have too
        from yntymaq.ingest import recheck

        click.echo(t("msg.rechecked", lang, changed=recheck(KB(store))), err=True)


@click.command("show")
@click.argument("entity")
@DB_OPTION
@output_options
def show_command(entity: str, db: str | None, fmt: str, lang: str) -> None:
    """Нысанның толық жазбасы / всё о сущности / an entity's whole record.

    ENTITY is any of its names in any language, or its id.

    Example: yntymaq show Қазақстан   (or: show Kazakhstan, show KZ, show OIC/cfm/38)
    """
    kb = KB.open(db)
    candidates = kb.lookup(entity)
    found = kb.resolve(entity)
    record = kb.record(found.id)
    from yntymaq.views import entity_view  # one data dict for the page, the API and this command

    data = entity_view(kb, record, lang)
    if fmt != "table":
        emit(data["facts"], [("predicate_label", "col.predicate"), ("object_label", "col.value"), ("start", "col.start"),
                             ("end", "col.end"), ("sources_text", "col.sources")], fmt=fmt, lang=lang, payload=data)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    e = data["entity"]
    console.print(f"[bold]{e['label']}[/bold]  ({e['id']}, {e['type_label']})")
    console.print("  " + " · ".join(f"{k}: {v}" for k, v in e["names"].items()))
    if e["aliases"]:
        console.print("  " + ", ".join(a for _, a in e["aliases"]))
    others = [c for c in candidates if c.id != found.id]
    if others:
        console.print(t("msg.also", lang, names=", ".join(f"{c.id} ({c.label(lang)})" for c in others)))
    for section in data["sections"]:
        if not section["rows"]:
            continue
        table = Table(title=section["title"])
        for _, header in section["columns"]:
            table.add_column(header)
        for row in section["rows"]:
            table.add_row(*(str(row.get(key) or "") for key, _ in section["columns"]))
        console.print(table)


@click.command("members")
@click.option("--at", "at_text", default=None, metavar="DATE",
              help="Күн / дата / date: 1995, 2011-06, 2012-03-01 (default: today).")
@click.option("--status", type=click.Choice(["member", "observer", "suspended"]), default=None,
              help="Мәртебе / статус / status to keep.")
@click.option("--count", is_flag=True, help="Санын ғана / только число / only the number (derived).")
@DB_OPTION
@output_options
def members_command(at_text: str | None, status: str | None, count: bool, db: str | None, fmt: str, lang: str) -> None:
    """ИЫҰ мүшелері / члены ОИС / the OIC's states at a date, with their status.

    Rows whose dates are too coarse to be sure of the day asked for are marked uncertain.

    Example: yntymaq members --at 1982 --status suspended
    """
    kb = KB.open(db)
    at = parse_date(at_text, field_name="--at")
    if count:
        result = kb.member_count(at=at)
        if fmt == "json":
            emit([], [], fmt=fmt, lang=lang, payload=result.to_dict(lang))
        else:
            click.echo(t("msg.count", lang, **result.to_dict(lang)))
        return
    rows = [r.to_dict(lang) for r in kb.members(at=at, status=status)]
    for r in rows:
        r["status_label"] = _label("status", r["status"], lang)
        r["other_versions"] = _other_versions(r, lang)
    emit(rows, [("state", "col.id"), ("state_label", "col.state"), ("status_label", "col.status"),
                ("start", "col.start"), ("end", "col.end"), ("certain", "col.certain"),
                ("other_versions", "col.conflict")], fmt=fmt, lang=lang)


@click.command("meetings")
@click.option("--body", type=click.Choice(list(BODIES)), default=None, help="summit | cfm.")
@click.option("--kind", type=click.Choice(list(KINDS)), default=None, help="ordinary | extraordinary.")
@click.option("--year", type=int, default=None, help="Жыл / год / year.")
@click.option("--number", type=int, default=None, help="Нөмірі / номер / ordinal number.")
@click.option("--place", default=None, help="Қала не ел / город или страна / city or state, any language.")
@DB_OPTION
@output_options
def meetings_command(body, kind, year, number, place, db, fmt, lang) -> None:
    """Саммиттер мен СІМК сессиялары / саммиты и сессии СМИД / summits and CFM sessions.

    Example: yntymaq meetings --body cfm --year 2011
    """
    kb = KB.open(db)
    rows = [r.to_dict(lang) for r in kb.meetings(body=body, kind=kind, year=year, number=number, place=place)]
    for r in rows:
        r["kind_label"] = _label("kind", r["kind"], lang)
    emit(rows, [("id", "col.id"), ("label", "col.meeting"), ("kind_label", "col.kind"), ("city", "col.city"),
                ("country", "col.country"), ("start", "col.start"), ("end", "col.end")], fmt=fmt, lang=lang)


@click.command("chair")
@click.option("--body", type=click.Choice(list(BODIES)), default="cfm", show_default=True, help="summit | cfm.")
@click.option("--at", "at_text", default=None, metavar="DATE", help="Күн / дата / date (default: every chair).")
@DB_OPTION
@output_options
def chair_command(body: str, at_text: str | None, db: str | None, fmt: str, lang: str) -> None:
    """Төраға ел / председатель / who chaired a body, derived from its sessions.

    Example: yntymaq chair --body cfm --at 2012-03-01
    """
    kb = KB.open(db)
    rows = [r.to_dict(lang) for r in kb.chairs(body=body, at=parse_date(at_text, field_name="--at"))]
    emit(rows, [("state", "col.id"), ("state_label", "col.state"), ("meeting", "col.meeting"),
                ("start", "col.start"), ("end", "col.end"), ("certain", "col.certain")], fmt=fmt, lang=lang)


@click.command("office")
@click.option("--office", default="OIC/secretary-general", show_default=True, help="Лауазым / должность / office id.")
@click.option("--at", "at_text", default=None, metavar="DATE", help="Күн / дата / date (default: every holder).")
@DB_OPTION
@output_options
def office_command(office: str, at_text: str | None, db: str | None, fmt: str, lang: str) -> None:
    """Лауазым иелері / кто занимал должность / who held an office (the Secretary General by default).

    Example: yntymaq office --at 2011-06
    """
    kb = KB.open(db)
    office_id = kb.resolve(office).id
    rows = [r.to_dict(lang) for r in kb.office_holders(office=office_id, at=parse_date(at_text, field_name="--at"))]
    for r in rows:
        r["other_versions"] = _other_versions(r, lang)
    emit(rows, [("person", "col.id"), ("person_label", "col.person"), ("citizen_of", "col.nationality"),
                ("start", "col.start"), ("end", "col.end"), ("other_versions", "col.conflict")], fmt=fmt, lang=lang)


@click.command("timeline")
@click.argument("entity")
@DB_OPTION
@output_options
def timeline_command(entity: str, db: str | None, fmt: str, lang: str) -> None:
    """Уақыт сызығы / хронология / an entity's dated facts, oldest first.

    Example: yntymaq timeline Kazakhstan
    """
    kb = KB.open(db)
    found = kb.resolve(entity)
    rows = [e.to_dict(kb, lang) for e in kb.timeline(found.id)]
    for r in rows:
        r["what_label"] = t(f"what.{r['what']}", lang)
        r["other"] = (r["object"] if r["subject"] and r["subject"]["id"] == found.id else r["subject"]) or {"label": r["value"]}
    emit(rows, [("date", "col.date"), ("what_label", "col.event"), ("predicate_label", "col.predicate"),
                ("other", "col.value")], fmt=fmt, lang=lang)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("-o", "--output", default="-", metavar="FILE", help="Файл / файл / file ('-' for stdout).")
@DB_OPTION
def export_command(fmt: str, output: str, db: str | None) -> None:
    """Дерек қорын экспорттау / экспорт базы знаний / the whole knowledge base as JSON, CSV or Turtle.

    Example: yntymaq export --format ttl -o oic.ttl
    """
    kb = KB.open(db)
    text, count = export(kb, fmt)
    if output == "-":
        sys.stdout.write(text)
    else:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
        click.echo(t("msg.exported", settings.get("lang"), count=count, path=output), err=True)


@click.command("conflicts")
@click.argument("entity", required=False)
@DB_OPTION
@output_options
def conflicts_command(entity: str | None, db: str | None, fmt: str, lang: str) -> None:
    """Дереккөздер қайшылығы / расхождения источников / where the curated sources disagree.

    Every version is kept with its source; this lists them side by side.

    Example: yntymaq conflicts Egypt
    """
    kb = KB.open(db)
    ident = kb.resolve(entity).id if entity else None
    conflicts = [c.to_dict(lang) for c in kb.conflicts(ident)]
    rows = [{"subject": c["subject"], "predicate": c["predicate_label"],
             "value": v["object"] or v["value"] or "", "status": _label("status", v["qualifiers"].get("status"), lang),
             "start": v["start"], "end": v["end"], "sources": ", ".join(s["id"] for s in v["sources"])}
            for c in conflicts for v in c["versions"]]
    emit(rows, [("subject", "col.id"), ("predicate", "col.predicate"), ("value", "col.value"),
                ("status", "col.status"), ("start", "col.start"), ("end", "col.end"), ("sources", "col.sources")],
         fmt=fmt, lang=lang, payload=conflicts)


@click.command("predicates")
@output_options
def predicates_command(fmt: str, lang: str) -> None:
    """Предикаттар тізімі / список предикатов / the closed list of predicates.

    Example: yntymaq predicates --lang en
    """
    rows = [{"name": p.name, "label": p.label(lang), "takes": p.takes, "qualifiers": ", ".join(p.qualifiers),
             "derived": p.derived, "doc": p.doc} for p in PREDICATES.values()]
    emit(rows, [("name", "col.id"), ("label", "col.name"), ("takes", "col.type"), ("qualifiers", "col.value"),
                ("doc", "col.event")], fmt=fmt, lang=lang)
