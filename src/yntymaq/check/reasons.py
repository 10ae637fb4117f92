"""The reasons of verdicts in the interface language.

The checker writes a reason in English from a template of `reasons.tsv` (`reason("count", known=57, ...)`);
`localize` reads an English reason back into its templates and values and writes it in Russian or
Kazakh (see `yntymaq.templates`), so that stored reasons, which hold the English alone, read too.
"""

from __future__ import annotations

from yntymaq.templates import Catalog

CATALOG = Catalog(
    "yntymaq.check", "reasons.tsv",
    # slots whose values are phrases of the table themselves (`meeting`, `at 2011-06-28`)
    fragments=frozenset({"what", "status", "when", "rule_text", "renewable"}),
    # what the values of some slots look like, so that a reason is read by its own template only
    shapes={"n": r"\d+", "known": r"\d+", "claimed": r"\d+", "upper": r"\d+", "at": r"[^\s;]+",
            "start": r"[^\s;]+", "end": r"[^\s;]+"})


def templates():
    return CATALOG.templates()


def reason(key: str, **values) -> str:
    """The English reason `reason.<key>` (or a phrase, `when.at`) with its values."""
    return CATALOG.write(key if "." in key else f"reason.{key}", **values)


def localize(text: str, lang: str) -> str:
    """An English reason in `lang`; a part no template reads stays as written. A reason is clauses joined
    by "; " (the claim's reason, then the sources' disagreement)."""
    return CATALOG.localize(text, lang, ("reason", "rule_text"))
