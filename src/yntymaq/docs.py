"""Parts of the README generated from the code, so that they cannot go stale.

`python -m yntymaq.docs README.md` rewrites the generated blocks in place; a test fails when the
README differs from what this module would write.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from yntymaq.settings import SETTINGS
from yntymaq.vocab import PREDICATES

WIDTH = 100


def cli_reference() -> str:
    from yntymaq.cli import main

    parts = []
    root = click.Context(main, info_name="yntymaq", terminal_width=WIDTH, max_content_width=WIDTH, help_option_names=["-h", "--help"])
    parts.append(f"```\n$ yntymaq --help\n{main.get_help(root)}\n```")
    for name in sorted(main.commands):
        command = main.commands[name]
        ctx = click.Context(command, info_name=name, parent=root, terminal_width=WIDTH,
                            max_content_width=WIDTH, help_option_names=["-h", "--help"])
        parts.append(f"#### `yntymaq {name}`\n\n```\n{command.get_help(ctx)}\n```")
    return "\n\n".join(parts)


def settings_table() -> str:
    rows = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS.values():
        rows.append(f"| `{s.name}` | `{s.env}` | {f'`{s.default}`' if s.default else '—'} | {s.help} |")
    return "\n".join(rows)


def predicates_table() -> str:
    rows = ["| predicate | kk | ru | en | object | qualifiers | meaning |", "|---|---|---|---|---|---|---|"]
    for p in PREDICATES.values():
        kind = p.takes + (", derived" if p.derived else "")
        rows.append(f"| `{p.name}` | {p.labels['kk']} | {p.labels['ru']} | {p.labels['en']} | {kind} | "
                    f"{', '.join(p.qualifiers) or '—'} | {p.doc} |")
    return "\n".join(rows)


BLOCKS = {"cli": cli_reference, "settings": settings_table, "predicates": predicates_table}


def render(readme: str) -> str:
    """The README with every generated block replaced by what the code says now."""
    for name, make in BLOCKS.items():
        pattern = re.compile(rf"(<!-- generated:{name} -->\n).*?(<!-- /generated:{name} -->)", re.S)
        if not pattern.search(readme):
            raise ValueError(f"README: the block <!-- generated:{name} --> ... <!-- /generated:{name} --> is missing")
        readme = pattern.sub(lambda m: m.group(1) + make() + "\n" + m.group(2), readme)
    return readme


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "README.md")
    text = path.read_text(encoding="utf-8")
    new = render(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
