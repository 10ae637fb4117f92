"""Commands over the knowledge base: build, show, members, meetings, chair, office, timeline, export."""

from __future__ import annotations

import sys

import click

from yntymaq import settings
from yntymaq.cli.output import emit, output_options
from yntymaq.i18n import check_lang, t
from yntymaq.kb import KB, build
from yntymaq.kb.export import FORMATS, export
from yntymaq.kb.meetings import BODIES, KINDS, SERIES
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
    meeting = data["meeting"]
    if meeting:
        place = ", ".join(x["label"] for x in (meeting["city"], meeting["country"]) if x)
        days = meeting["start"] or "—"
        if meeting["end"] and meeting["end"] != meeting["start"]:
            days += f" – {meeting['end']}"
        chair = "; ".join(f"{c['state_label']} ({c['start'] or '…'} – {c['end'] or ''})" for c in meeting["chair"])
        for key, value in (("col.body", f"{meeting['body']} ({meeting['kind_label']})"),
                           ("col.number", meeting["ordinal"]), ("web.place", place), ("web.dates", days),
                           ("section.chair", chair), ("col.sources", _sources_line(meeting["sources"]))):
            console.print(f"  {t(key, lang)}: {value if value not in (None, '') else '—'}", highlight=False)
    for section in data["sections"]:
        if not section["rows"]:
            continue
        table = Table(title=section["title"])
        for _, header in section["columns"]:
            table.add_column(header)
        for row in section["rows"]:
            table.add_row(*(str(row.get(key) or "") for key, _ in section["columns"]))
        console.print(table)
    if not data["sections"]:  # an organisation, an organ, a place, a meeting: its facts by predicate
        for group in data["fact_groups"]:
            table = Table(title=f"{group['label']} ({group['count']})", title_justify="left")
            for header in ("col.value", "col.start", "col.end", "col.sources"):
                table.add_column(t(header, lang), overflow="fold")
            for f in group["facts"][:group["shown"]]:
                value = f["object_label"] if f["object"] is None or f["object"]["id"] != e["id"] else f["subject"]["label"]
                table.add_row(str(value or ""), f["start"] or "", f["end"] or "", ", ".join(s["id"] for s in f["sources"]))
            console.print(table)
            if group["count"] > group["shown"]:
                console.print("  " + t("web.more_facts", lang, n=group["count"] - group["shown"]) + " (--json)")


def _sources_line(sources: list[dict]) -> str:
    return "; ".join(f"{s['title']} — {s['publisher']}" if s.get("publisher") else s["title"] for s in sources)


@click.command("members")
@click.option("--at", "at_text", default=None, metavar="DATE",
              help="Күн / дата / date: 1995, 2011-06, 2012-03-01 (default: today).")
@click.option("--status", type=click.Choice(["member", "observer", "suspended"], case_sensitive=False), default=None,
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
            line = t("msg.count", lang, **result.to_dict(lang))
            if result.uncertain:  # states whose status then the sources leave open are not counted
                line += " " + t("msg.count_uncertain", lang, n=len(result.uncertain), ids=", ".join(result.uncertain))
            click.echo(line)
        return
    rows = [r.to_dict(lang) for r in kb.members(at=at, status=status)]
    for r in rows:
        r["status_label"] = _label("status", r["status"], lang)
        r["other_versions"] = _other_versions(r, lang)
    emit(rows, [("state", "col.id"), ("state_label", "col.state"), ("status_label", "col.status"),
                ("start", "col.start"), ("end", "col.end"), ("certain", "col.certain"),
                ("other_versions", "col.conflict")], fmt=fmt, lang=lang)


@click.command("meetings")
@click.option("--body", type=click.Choice(list(SERIES), case_sensitive=False), default=None,
              help="Жиындар сериясы / серия встреч / meeting series: " + " | ".join(SERIES) + " (any case).")
@click.option("--kind", type=click.Choice(list(KINDS), case_sensitive=False), default=None, help="ordinary | extraordinary.")
@click.option("--year", type=int, default=None, help="Жыл / год / year.")
@click.option("--number", type=int, default=None, help="Нөмірі / номер / ordinal number.")
@click.option("--place", default=None, help="Қала не ел / город или страна / city or state, any language.")
@DB_OPTION
@output_options
def meetings_command(body, kind, year, number, place, db, fmt, lang) -> None:
    """ИЫҰ жиындары / встречи ОИС / summits, CFM sessions and the meetings of every other series.

    Example: yntymaq meetings --body cfm --year 2011   (or: --body comcec, --body PUIC)
    """
    kb = KB.open(db)
    rows = [r.to_dict(lang) for r in kb.meetings(body=body, kind=kind, year=year, number=number, place=place)]
    for r in rows:
        r["kind_label"] = _label("kind", r["kind"], lang)
    emit(rows, [("id", "col.id"), ("label", "col.meeting"), ("kind_label", "col.kind"), ("city", "col.city"),
                ("country", "col.country"), ("start", "col.start"), ("end", "col.end")], fmt=fmt, lang=lang)


@click.command("chair")
@click.option("--body", type=click.Choice(list(BODIES), case_sensitive=False), default="cfm", show_default=True, help="summit | cfm.")
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
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="json", show_default=True)
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
    rows = [{"subject": c["subject"]["id"], "subject_label": c["subject"]["label"], "predicate": c["predicate_label"],
             "versions": _versions_cell(c["versions"], lang)} for c in conflicts]
    emit(rows, [("subject", "col.id"), ("subject_label", "col.name"), ("predicate", "col.predicate"),
                ("versions", "col.versions")], fmt=fmt, lang=lang, payload=conflicts)


def _versions_cell(versions: list[dict], lang: str) -> str:
    """Every version of one disagreement in one cell: "1972– (sis-oic) | 1970– (avsab-oic-members)".

    The value and the status are named only where the versions differ in them, so that a row says at a
    glance what the sources disagree on.
    """
    values = {v["object"] or v["value"] or "" for v in versions}
    statuses = {v["qualifiers"].get("status") for v in versions}
    parts = []
    for v in versions:
        words = []
        if len(values) > 1:
            words.append(v["object"] or v["value"] or "…")
        if len(statuses) > 1 and v["qualifiers"].get("status"):
            words.append(_label("status", v["qualifiers"]["status"], lang))
        words.append(f"{v['start'] or '…'}–{v['end'] or ''}")
        words.append(f"({', '.join(s['id'] for s in v['sources'])})")
        parts.append(" ".join(words))
    return " | ".join(parts)


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
