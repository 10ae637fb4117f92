"""Interface strings in Kazakh, Russian and English, from one table (`ui.tsv`).

The CLI and the web both call `t(key, lang)`; a key missing in a language falls back to English,
and the table is validated when it loads.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from yntymaq.vocab import LANGS


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    text = (resources.files("yntymaq") / "ui.tsv").read_text(encoding="utf-8")
    table: dict[str, dict[str, str]] = {}
    rows = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(rows)
    if header != ["key", *LANGS]:
        raise ValueError(f"ui.tsv:1: header must be key, {', '.join(LANGS)}")
    for line, row in enumerate(rows, start=2):
        if not row or row[0].startswith("#"):
            continue
        if len(row) != 1 + len(LANGS):
            raise ValueError(f"ui.tsv:{line}: expected {1 + len(LANGS)} tab-separated cells, found {len(row)}")
        key = row[0]
        if key in table:
            raise ValueError(f"ui.tsv:{line}: key {key!r} is defined twice")
        table[key] = dict(zip(LANGS, row[1:]))
    return table


def t(key: str, lang: str = "kk", **values) -> str:
    entry = messages().get(key)
    if entry is None:
        text = key
    else:
        text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def check_lang(lang: str) -> str:
    from yntymaq.errors import BadInput

    if lang.lower() not in LANGS:
        raise BadInput(f"lang: {lang!r} is not one of {', '.join(LANGS)}")
    return lang.lower()  # KK, Ru, EN are the same languages
