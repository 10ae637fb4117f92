"""The reasons of verdicts in the interface language.

The checker writes a reason in English from a template of `reasons.tsv` (`reason("count", known=57, ...)`);
`localize` reads an English reason back into its templates and values and writes it in Russian or
Kazakh. Reading back rather than keeping the values beside the text means one table serves the reasons
the checker gives now and those a store kept from earlier runs, which hold the English text alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from yntymaq.errors import BadInput

LANGS = ("en", "ru", "kk")
_SLOT = re.compile(r"\{(\w+)\}")
_FRAGMENTS = frozenset({"what", "status", "when", "rule_text", "renewable"})
"""Slots whose values are phrases of the table themselves (`meeting`, `at 2011-06-28`)."""
_SHAPES = {"n": r"\d+", "known": r"\d+", "claimed": r"\d+", "upper": r"\d+", "at": r"[^\s;]+", "start": r"[^\s;]+",
           "end": r"[^\s;]+"}
"""What the values of some slots look like, so that a reason is read by its own template only."""


@dataclass(frozen=True)
class Template:
    key: str
    texts: dict[str, str]
    pattern: re.Pattern

    @property
    def group(self) -> str:
        return self.key.split(".", 1)[0]


def _compile(en: str) -> re.Pattern:
    parts, at = [], 0
    for slot in _SLOT.finditer(en):
        parts.append(re.escape(en[at:slot.start()]))
        parts.append(f"(?P<{slot.group(1)}>{_SHAPES.get(slot.group(1), '.+?')})")
        at = slot.end()
    parts.append(re.escape(en[at:]))
    return re.compile("".join(parts) + r"\Z", re.S)


@lru_cache(maxsize=1)
def templates() -> dict[str, Template]:
    """The table, by key; a malformed row names its line."""
    out: dict[str, Template] = {}
    text = resources.files("yntymaq.check").joinpath("reasons.tsv").read_text(encoding="utf-8")
    header = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if header != ["key", *LANGS]:
                raise BadInput(f"reasons.tsv:{number}: the header must be key, {', '.join(LANGS)}")
            continue
        if len(cells) != len(header) or not all(cells):
            raise BadInput(f"reasons.tsv:{number}: expected {len(header)} non-empty cells, got {len(cells)}")
        key, texts = cells[0], dict(zip(LANGS, cells[1:]))
        slots = {lang: set(_SLOT.findall(t)) for lang, t in texts.items()}
        if len({frozenset(s) for s in slots.values()}) != 1:
            raise BadInput(f"reasons.tsv:{number}: {key}: the languages name different values {slots}")
        if key in out:
            raise BadInput(f"reasons.tsv:{number}: {key} appears twice")
        out[key] = Template(key, texts, _compile(texts["en"]))
    return out


def reason(key: str, **values) -> str:
    """The English reason `reason.<key>` (or a phrase, `when.at`) with its values."""
    full = key if "." in key else f"reason.{key}"
    return templates()[full].texts["en"].format(**{k: str(v) for k, v in values.items()})


@lru_cache(maxsize=4096)
def localize(text: str, lang: str) -> str:
    """An English reason in `lang`; a part no template reads stays as written."""
    if lang == "en" or not text:
        return text
    if lang not in LANGS:
        raise BadInput(f"lang: {lang!r} is not one of {', '.join(LANGS)}")
    # a reason is clauses joined by "; " (the claim's reason, then the sources' disagreement)
    return "; ".join(_render(part, lang, ("reason", "rule_text")) or part for part in text.split("; "))


def _render(text: str, lang: str, groups: tuple[str, ...]) -> str | None:
    for template in _ordered(groups):
        match = template.pattern.match(text)
        if match is None:
            continue
        values = {}
        for slot, value in match.groupdict().items():
            if slot in _FRAGMENTS:
                value = _render(value, lang, (slot,))
                if value is None:
                    break
            values[slot] = value
        else:
            return template.texts[lang].format(**values)
    return None


@lru_cache(maxsize=None)
def _ordered(groups: tuple[str, ...]) -> list[Template]:
    """The templates of these groups, those with more fixed words first (`count_more` before `count`)."""
    chosen = [t for t in templates().values() if t.group in groups]
    return sorted(chosen, key=lambda t: -len(_SLOT.sub("", t.texts["en"])))
