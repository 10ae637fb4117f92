"""Language data tables: one tab-separated file per table under `text/lang/<lang>/`.

A table starts with a header line naming its columns; `#` starts a comment line. Tables are
validated when they load: a wrong header, a wrong number of cells, a duplicate key, an empty cell or
a letter outside the language's alphabet is an error naming the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from yntymaq.errors import DataErrors, Problem
from yntymaq.text.alphabet import ALPHABET_NAMES, ALPHABETS

NON_LETTERS_ALLOWED = set(" .-'’")
"""Characters a cell may hold besides the letters of its alphabet."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table: its cells by column name, and the line it came from."""

    line: int
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]


def table_path(lang: str, name: str) -> str:
    return f"text/lang/{lang}/{name}.tsv"


def parse_table(
    text: str,
    *,
    file: str,
    columns: tuple[str, ...],
    letters: Mapping[str, str | None],
    choices: Mapping[str, frozenset[str]] | None = None,
    key: str | None = None,
) -> list[Row]:
    """Parse and validate a table's text.

    `letters` gives, per column, the language whose alphabet the column's letters must come from
    (None: any text). `choices` restricts a column to a closed set of values. `key` is the column
    whose values must be unique (the first column by default).
    """
    key = key or columns[0]
    choices = choices or {}
    problems: list[Problem] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(cells) != columns:
                problems.append(Problem(file, number, f"the header must be {' TAB '.join(columns)}, "
                                                      f"found {' TAB '.join(cells)}"))
                break
            continue
        if len(cells) != len(columns):
            problems.append(Problem(file, number, f"expected {len(columns)} tab-separated cells "
                                                  f"({', '.join(columns)}), found {len(cells)}"))
            continue
        row = dict(zip(columns, (c.strip() for c in cells)))
        bad = False
        for column, value in row.items():
            if not value:
                problems.append(Problem(file, number, f"{column} is empty"))
                bad = True
                continue
            lang = letters.get(column)
            if lang is not None:
                alphabet = ALPHABETS[lang]
                for ch in value:
                    if ch.isalpha() and ch not in alphabet:
                        problems.append(Problem(
                            file, number,
                            f"{column} {value!r} has the letter {ch!r} (U+{ord(ch):04X}), which is not in "
                            f"the {ALPHABET_NAMES[lang]} alphabet"))
                        bad = True
                        break
                    if not ch.isalpha() and not ch.isdigit() and ch not in NON_LETTERS_ALLOWED:
                        problems.append(Problem(file, number, f"{column} {value!r} has the character {ch!r} "
                                                              f"(U+{ord(ch):04X}), which a table cell may not hold"))
                        bad = True
                        break
            allowed = choices.get(column)
            if allowed is not None and value not in allowed:
                problems.append(Problem(file, number, f"{column} {value!r} is not one of "
                                                      f"{', '.join(sorted(allowed))}"))
                bad = True
        if bad:
            continue
        if row[key] in seen:
            problems.append(Problem(file, number, f"{key} {row[key]!r} is a duplicate of line {seen[row[key]]}"))
            continue
        seen[row[key]] = number
        rows.append(Row(number, row))
    if not header_seen:
        problems.append(Problem(file, 1, f"the table is empty: it needs the header {' TAB '.join(columns)}"))
    if problems:
        raise DataErrors(problems)
    return rows


def read_table_text(lang: str, name: str) -> str:
    resource = resources.files("yntymaq") / "text" / "lang" / lang / f"{name}.tsv"
    return resource.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_table(
    lang: str,
    name: str,
    columns: tuple[str, ...],
    letters: tuple[tuple[str, str | None], ...],
    choices: tuple[tuple[str, frozenset[str]], ...] = (),
    key: str | None = None,
) -> tuple[Row, ...]:
    """Load the shipped table `text/lang/<lang>/<name>.tsv`, validated (cached: tables are read once)."""
    text = read_table_text(lang, name)
    return tuple(parse_table(text, file=table_path(lang, name), columns=columns, letters=dict(letters),
                             choices=dict(choices), key=key))
