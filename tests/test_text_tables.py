"""Language data tables: validated when they load, with errors naming the file and line."""

import pytest

from yntymaq.errors import DataErrors
from yntymaq.text.segment import ABBREVIATION_KINDS, abbreviations
from yntymaq.text.tables import load_table, parse_table
from yntymaq.vocab import LANGS

COLUMNS = ("abbreviation", "kind")
LETTERS = {"abbreviation": "kk"}
CHOICES = {"kind": ABBREVIATION_KINDS}

BROKEN = [
    ("duplicate", "abbreviation\tkind\nт.б.\tfinal\nж.\tinner\nт.б.\tinner\n",
     "t.tsv:4: abbreviation 'т.б.' is a duplicate of line 2"),
    ("Latin letter in a Kazakh table", "abbreviation\tkind\nт.б.\tfinal\nжж.\tinner\nт.c.с.\tfinal\n",
     "t.tsv:4: abbreviation 'т.c.с.' has the letter 'c' (U+0063), which is not in the Kazakh alphabet"),
    ("unknown kind", "abbreviation\tkind\nт.б.\tsometimes\n",
     "t.tsv:2: kind 'sometimes' is not one of acronym, final, inner, number"),
    ("wrong header", "abbr\tkind\nт.б.\tfinal\n", "t.tsv:1: the header must be abbreviation TAB kind, found abbr TAB kind"),
    ("missing cell", "abbreviation\tkind\nт.б.\n",
     "t.tsv:2: expected 2 tab-separated cells (abbreviation, kind), found 1"),
    ("empty cell", "abbreviation\tkind\n\tfinal\n", "t.tsv:2: abbreviation is empty"),
    ("strange character", "abbreviation\tkind\nт/б\tfinal\n",
     "t.tsv:2: abbreviation 'т/б' has the character '/' (U+002F), which a table cell may not hold"),
    ("empty table", "# only a comment\n", "t.tsv:1: the table is empty: it needs the header abbreviation TAB kind"),
]


@pytest.mark.parametrize("name,text,message", BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_tables_are_reported_by_file_and_line(name, text, message):
    with pytest.raises(DataErrors) as caught:
        parse_table(text, file="t.tsv", columns=COLUMNS, letters=LETTERS, choices=CHOICES)
    assert [str(p) for p in caught.value.problems] == [message]


def test_every_problem_is_reported_at_once():
    text = "abbreviation\tkind\nт.б.\tfinal\nт.б.\tfinal\nx.\tinner\n"
    with pytest.raises(DataErrors) as caught:
        parse_table(text, file="t.tsv", columns=COLUMNS, letters=LETTERS, choices=CHOICES)
    assert [p.line for p in caught.value.problems] == [3, 4]


def test_comments_and_blank_lines_are_skipped():
    rows = parse_table("# note\n\nabbreviation\tkind\n\n# more\nт.б.\tfinal\n", file="t.tsv", columns=COLUMNS,
                       letters=LETTERS, choices=CHOICES)
    assert [(row.line, row["abbreviation"]) for row in rows] == [(6, "т.б.")]


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_tables_load(lang):
    rows = load_table(lang, "abbreviations", COLUMNS, (("abbreviation", lang),), (("kind", ABBREVIATION_KINDS),))
    assert len(rows) > 20
    stop = load_table(lang, "stopwords", ("word",), (("word", lang),))
    assert len(stop) > 20


def test_the_issue_s_abbreviations_are_all_known():
    table = abbreviations()
    for word in ("т.б.", "т.с.с.", "т.т.", "ж.", "жж.", "ғ.", "б.з.д.", "г.", "гг.", "т.е.", "т.д.", "т.п.", "см.",
                 "Mr.", "Dr.", "U.N.", "No."):
        assert table.kind(word) is not None, word
    assert {"ҚР", "ХҚО"} <= table.acronyms
