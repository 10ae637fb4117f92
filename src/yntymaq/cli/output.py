"""How the CLI prints: readable tables by default, `--json` or `--csv` on request. Formatting only."""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterable
from typing import BinaryIO

import click

from yntymaq import settings
from yntymaq.errors import BadInput
from yntymaq.i18n import check_lang, t


try:  # the fastest C encoder; the standard library's C encoder gives the same bytes without it
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency
    orjson = None

_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

PRETTY_OPTION = click.option("--pretty", is_flag=True,
                             help="JSON шегініспен / JSON с отступами / indent the JSON (slower, bigger).")


def dumps(value, *, pretty: bool = False) -> bytes:
    """`value` as UTF-8 JSON: compact (no spaces), or indented by two spaces when `pretty` — the same
    bytes as `json.dumps(value, ensure_ascii=False)` with `separators=(",", ":")`, or with `indent=2`."""
    if orjson is not None:
        try:
            return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if pretty else 0))
        except TypeError:  # a lone surrogate, an integer past 64 bits: the standard encoder takes those
            pass
    text = json.dumps(value, ensure_ascii=False, indent=2) if pretty else _COMPACT(value)
    return text.encode("utf-8", "surrogatepass")


def stdout() -> BinaryIO:
    """Standard output for bytes, after whatever was written to it as text."""
    sys.stdout.flush()
    return sys.stdout.buffer


class JsonWriter:
    """Writes one JSON object to standard output as its parts are made: `field` a value, `array` the
    items of an iterator one at a time — nothing held but the item being written. Compact, or
    indented as `json.dumps(indent=2)` indents (`pretty`); the bytes are those of the whole object
    serialised at once."""

    def __init__(self, out: BinaryIO, *, pretty: bool = False):
        self.out, self.pretty, self.first = out, pretty, True

    def key(self, key: str) -> None:
        """Start the next field: its key (its value is written next)."""
        lead = b"{" if self.first else b","
        self.first = False
        if self.pretty:
            self.out.write(lead + b"\n  " + dumps(key) + b": ")
        else:
            self.out.write(lead + dumps(key) + b":")

    def field(self, key: str, value) -> None:
        self.key(key)
        data = dumps(value, pretty=self.pretty)
        self.out.write(data.replace(b"\n", b"\n  ") if self.pretty else data)

    def array(self, key: str, items: Iterable) -> int:
        """Write `items` as the array of `key`; how many there were."""
        self.key(key)
        return write_items(self.out, items, pretty=self.pretty)

    def close(self) -> None:
        self.out.write((b"{" if self.first else b"\n" if self.pretty else b"") + b"}\n")
        self.out.flush()


class ArrayWriter:
    """A JSON array written an item at a time: the value of a field of a top-level object
    (`JsonWriter.key`) at `depth` 1, a whole document at 0."""

    def __init__(self, out: BinaryIO, *, pretty: bool = False, depth: int = 1):
        self.out, self.pretty, self.depth, self.count = out, pretty, depth, 0
        self.pad = b"\n" + b"  " * (depth + 1)

    def add(self, item) -> None:
        data = dumps(item, pretty=self.pretty)
        lead = b"[" if not self.count else b","
        self.out.write(lead + self.pad + data.replace(b"\n", self.pad) if self.pretty else lead + data)
        self.count += 1

    def extend(self, items: Iterable) -> None:
        for item in items:
            self.add(item)

    def close(self) -> int:
        """End the array; how many items it has."""
        if not self.count:
            self.out.write(b"[]")
        else:
            self.out.write(b"\n" + b"  " * self.depth + b"]" if self.pretty else b"]")
        return self.count


def write_items(out: BinaryIO, items: Iterable, *, pretty: bool = False, depth: int = 1) -> int:
    """A JSON array of `items`, one item made and written at a time (see `ArrayWriter`); how many there were."""
    array = ArrayWriter(out, pretty=pretty, depth=depth)
    array.extend(items)
    return array.close()


def output_options(func: Callable) -> Callable:
    """The same output flags on every listing: --json (with --pretty), --csv, --lang."""

    @click.option("--json", "as_json", is_flag=True, help="JSON шығару / вывод в JSON / print JSON.")
    @PRETTY_OPTION
    @click.option("--csv", "as_csv", is_flag=True, help="CSV шығару / вывод в CSV / print CSV.")
    @click.option("--lang", default=None, metavar="kk|ru|en",
                  help="Тіл / язык / language of labels (default: YNTYMAQ_LANG or kk).")
    @functools.wraps(func)
    def wrapper(*args, as_json: bool, pretty: bool, as_csv: bool, lang: str | None, **kwargs):
        if as_json and as_csv:
            raise BadInput("--json and --csv cannot be used together: choose one")
        check_pretty(pretty, as_json)
        lang = check_lang(settings.get("lang", lang))
        fmt = "json" if as_json else "csv" if as_csv else "table"
        return func(*args, fmt=fmt, lang=lang, **kwargs)  # `emit` and `pretty_asked` read --pretty

    return wrapper


def check_pretty(pretty: bool, as_json: bool) -> None:
    if pretty and not as_json:
        raise BadInput("--pretty indents JSON: give it with --json")


def emit(rows: list[dict], columns: list[tuple[str, str]], *, fmt: str, lang: str, title: str | None = None,
         payload=None, pretty: bool | None = None) -> None:
    """Print rows; `columns` pairs a key of each flattened row with a ui.tsv header key.

    `payload` is what --json prints (the rows by default), compact unless --pretty was given."""
    if pretty is None:
        pretty = pretty_asked()
    if fmt == "json":
        out = stdout()
        out.write(dumps(rows if payload is None else payload, pretty=pretty) + b"\n")
        out.flush()
        return
    flat = [{key: _cell(row.get(key), lang) for key, _ in columns} for row in rows]
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow([key for key, _ in columns])
        for row in flat:
            writer.writerow([row[key] for key, _ in columns])
        return
    from rich.console import Console  # only a table needs it
    from rich.table import Table

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


def pretty_asked() -> bool:
    """Whether the running command was given --pretty (so that every `emit` follows it)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.params.get("pretty"))
