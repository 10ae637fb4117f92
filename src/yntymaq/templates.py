"""Messages written in English from templates and read back into them to be written in Russian or
Kazakh: the verdicts' reasons (`check/reasons.tsv`) and the commands' errors (`errors.tsv`).

A table has the columns key, en, ru, kk; `{name}` is a value, kept as written. Reading a message back
rather than keeping its values beside it means one table serves the messages made now and those a store
kept from earlier runs, which hold the English text alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from yntymaq.errors import BadInput

LANGS = ("en", "ru", "kk")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Template:
    key: str
    texts: dict[str, str]
    pattern: re.Pattern

    @property
    def group(self) -> str:
        return self.key.split(".", 1)[0]


class Catalog:
    """One table of templates. `fragments`: slots whose values are phrases of the table themselves (the
    rows whose key starts with the slot's name and a full stop); `shapes`: what the values of some slots
    look like, so that a message is read by its own template only."""

    def __init__(self, package: str, name: str, *, fragments: frozenset[str] = frozenset(),
                 shapes: dict[str, str] | None = None):
        self.package, self.name, self.fragments, self.shapes = package, name, fragments, shapes or {}
        self._templates: dict[str, Template] | None = None
        self._ordered: dict[tuple[str, ...], list[Template]] = {}
        self._done: dict[tuple[str, str, tuple[str, ...]], str] = {}

    def templates(self) -> dict[str, Template]:
        """The table, by key; a malformed row names its line."""
        if self._templates is None:
            self._templates = self._read()
        return self._templates

    def _read(self) -> dict[str, Template]:
        out: dict[str, Template] = {}
        text = resources.files(self.package).joinpath(self.name).read_text(encoding="utf-8")
        header = None
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                if header != ["key", *LANGS]:
                    raise BadInput(f"{self.name}:{number}: the header must be key, {', '.join(LANGS)}")
                continue
            if len(cells) != len(header) or not all(cells):
                raise BadInput(f"{self.name}:{number}: expected {len(header)} non-empty cells, got {len(cells)}")
            key, texts = cells[0], dict(zip(LANGS, cells[1:]))
            slots = {lang: set(_SLOT.findall(t)) for lang, t in texts.items()}
            if len({frozenset(s) for s in slots.values()}) != 1:
                raise BadInput(f"{self.name}:{number}: {key}: the languages name different values {slots}")
            if key in out:
                raise BadInput(f"{self.name}:{number}: {key} appears twice")
            out[key] = Template(key, texts, self._compile(texts["en"]))
        return out

    def _compile(self, en: str) -> re.Pattern:
        parts, at = [], 0
        for slot in _SLOT.finditer(en):
            parts.append(re.escape(en[at:slot.start()]))
            parts.append(f"(?P<{slot.group(1)}>{self.shapes.get(slot.group(1), '.+?')})")
            at = slot.end()
        parts.append(re.escape(en[at:]))
        return re.compile("".join(parts) + r"\Z", re.S)

    def write(self, key: str, **values) -> str:
        """The English message of `key` with its values."""
        return self.templates()[key].texts["en"].format(**{k: str(v) for k, v in values.items()})

    def localize(self, text: str, lang: str, groups: tuple[str, ...], *, joiner: str = "; ",
                 whole_first: bool = False) -> str:
        """An English message in `lang`, its parts (joined by `joiner`) read by the templates of `groups`
        (the whole first where `whole_first`: a template may hold the joiner itself); a part no template
        reads stays as written."""
        if lang == "en" or not text:
            return text
        if lang not in LANGS:
            raise BadInput(f"lang: {lang!r} is not one of {', '.join(LANGS)}")
        key = (text, lang, groups)
        if key not in self._done:
            if len(self._done) > 4096:
                self._done.clear()
            self._done[key] = whole_first and self._render(text, lang, groups) or \
                joiner.join(self._render(part, lang, groups) or part for part in text.split(joiner))
        return self._done[key]

    def _render(self, text: str, lang: str, groups: tuple[str, ...]) -> str | None:
        for template in self._in_order(groups):
            match = template.pattern.match(text)
            if match is None:
                continue
            values = {}
            for slot, value in match.groupdict().items():
                if slot in self.fragments:
                    value = self._render(value, lang, (slot,))
                    if value is None:
                        break
                values[slot] = value
            else:
                return template.texts[lang].format(**values)
        return None

    def _in_order(self, groups: tuple[str, ...]) -> list[Template]:
        """The templates of these groups, those with more fixed words first (`count_more` before `count`)."""
        if groups not in self._ordered:
            chosen = [t for t in self.templates().values() if t.group in groups]
            self._ordered[groups] = sorted(chosen, key=lambda t: -len(_SLOT.sub("", t.texts["en"])))
        return self._ordered[groups]


ERRORS = Catalog("yntymaq", "errors.tsv")


def localize_error(message: str, lang: str) -> str:
    """A command's error message in the interface language (the English stays where no template reads it)."""
    return ERRORS.localize(message, lang, ("error",), whole_first=True)
