"""How the CLI prints: readable tables by default, `--json` or `--csv` on request. Formatting only."""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable

import click
from rich.console import Console
from rich.table import Table

from yntymaq import settings
from yntymaq.errors import BadInput
from yntymaq.i18n import check_lang, t


def output_options(func: Callable) -> Callable:
    """The same output flags on every listing: --json, --csv, --lang."""

    @click.option("--json", "as_json", is_flag=True, help="JSON шығару / вывод в JSON / print JSON.")
    @click.option("--csv", "as_csv", is_flag=True, help="CSV шығару / вывод в CSV / print CSV.")
    @click.option("--lang", default=None, metavar="kk|ru|en",
                  help="Тіл / язык / language of labels (default: YNTYMAQ_LANG or kk).")
    @functools.wraps(func)
    def wrapper(*args, as_json: bool, as_csv: bool, lang: str | None, **kwargs):
        if as_json and as_csv:
            raise BadInput("--json and --csv cannot be used together: choose one")
        lang = check_lang(settings.get("lang", lang))
        fmt = "json" if as_json else "csv" if as_csv else "table"
        return func(*args, fmt=fmt, lang=lang, **kwargs)

    return wrapper


def emit(rows: list[dict], columns: list[tuple[str, str]], *, fmt: str, lang: str, title: str | None = None,
         payload=None) -> None:
    """Print rows; `columns` pairs a key of each flattened row with a ui.tsv header key.

    `payload` is what --json prints (the rows by default)."""
    if fmt == "json":
        click.echo(json.dumps(rows if payload is None else payload, ensure_ascii=False, indent=2))
        return
    flat = [{key: _cell(row.get(key), lang) for key, _ in columns} for row in rows]
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow([key for key, _ in columns])
        for row in flat:
            writer.writerow([row[key] for key, _ in columns])
        return
    console = Console()
    if not rows:
        console.print(t("msg.no_rows", lang))
        return
    table = Table(title=title, show_lines=False)
    for _, header in columns:
        table.add_column(t(header, lang))
    for row in flat:
        table.add_row(*(row[key] for key, _ in columns))
    console.print(table)


def _cell(value, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, dict):
        return value.get("label") or value.get("id") or ""
    if isinstance(value, list):
        return "; ".join(_cell(v, lang) for v in value)
    return str(value)
