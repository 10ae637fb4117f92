"""The search command: entities by any spelling of their names, and passages of the stored documents."""

from __future__ import annotations

import re

import click
from rich.console import Console
from rich.text import Text

from yntymaq.cli.kb import DB_OPTION
from yntymaq.cli.output import emit, output_options
from yntymaq.i18n import t
from yntymaq.kb import KB
from yntymaq.views import VERDICTS, search_view


@click.command("search")
@click.argument("query", required=False, default="")
@click.option("--entity", default=None, metavar="ENTITY",
              help="Аталған нысан / упомянутая сущность / only passages that mention this entity (a name or an id).")
@click.option("--verdict", default=None, metavar="|".join(VERDICTS),
              help="Тұжырым бағасы / вердикт / only passages with a claim of this verdict.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 200),
              help="Үзінділер саны / число фрагментов / at most this many passages.")
@DB_OPTION
@output_options
def search_command(query: str, entity: str | None, verdict: str | None, limit: int, db: str | None, fmt: str,
                   lang: str) -> None:
    """Іздеу / поиск / find entities by any spelling of their names, and passages of the documents.

    QUERY is a name in kk, ru or en, with case endings, typos or in another script (Kazahstan,
    Казакстан, Qazaqstan, Ihsanoglu), or words to find in the stored documents in any of their forms
    (саммит finds саммиттің, саммита). Without an exact name, the nearest ones are listed with a
    "did you mean". --json prints the API's answer; --csv the passages.

    Example: yntymaq search саммит --entity KZ --verdict contradicted
    """
    data = search_view(KB.open(db), lang, query, entity=entity, verdict=verdict, limit=limit)
    if fmt != "table":
        emit([p | {"document": p["document"]["name"], "doc": p["document"]["id"]} for p in data["passages"]],
             [("doc", "col.id"), ("document", "col.name"), ("start", "col.start"), ("end", "col.end"),
              ("text", "col.value")], fmt=fmt, lang=lang, payload=data)
        return
    console = Console(highlight=False)
    if data["did_you_mean"]:
        console.print(f"{t('web.did_you_mean', lang)} {data['did_you_mean']['label']} ({data['did_you_mean']['id']})")
    for r in data["results"]:
        matched = f" — {t('web.matched', lang)}: {r['matched']}" if r["matched"] and r["matched"] != r["label"] else ""
        console.print(f"  {r['id']:<24} {r['label']} [dim]({r['type_label']}{matched})[/dim]")
    if data["query"] and not data["results"]:
        console.print(t("web.search_none", lang, q=data["query"]))
    console.print(Text(t("web.passages", lang), style="bold"))
    if not data["passages"]:
        console.print("  " + t("web.passages_none", lang))
    for p in data["passages"]:
        line = Text("  ")
        for piece in p["pieces"]:
            line.append(re.sub(r"\s+", " ", piece["text"]),
                        style="bold reverse" if piece["hit"] else None)
        verdicts = ", ".join(c["verdict_label"] for c in p["claims"])
        line.append(f"\n    {p['document']['name']} {p['start']}–{p['end']}" + (f" · {verdicts}" if verdicts else ""),
                    style="dim")
        console.print(line)
