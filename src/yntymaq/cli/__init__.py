"""The `yntymaq` command: thin wrappers that parse, call the library and format.

Each command group lives in its own module and registers itself on `main`.
"""

from __future__ import annotations

import sys

import click

from yntymaq import __version__
from yntymaq.errors import YntymaqError


class _Group(click.Group):
    """Turns the library's errors into one clear line on stderr and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except YntymaqError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="yntymaq")
def main() -> None:
    """yntymaq — ИЫҰ туралы дерек қоры / база знаний об ОИС / a knowledge base of the OIC.

    Sourced, temporal facts about the Organisation of Islamic Cooperation and Kazakhstan's
    multilateral diplomacy, in Kazakh, Russian and English.
    """


def _register() -> None:
    from yntymaq.cli import ask, documents, kb, search, text, web

    for module in (kb, text, documents, search, web, ask):
        module.register(main)


_register()
