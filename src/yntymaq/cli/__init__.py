"""The `yntymaq` command: thin wrappers that parse, call the library and format.

Each command group lives in its own module and registers itself on `main`.
"""

from __future__ import annotations

import os
import sys

import click

from yntymaq import __version__
from yntymaq import settings
from yntymaq.errors import YntymaqError
from yntymaq.i18n import check_lang, t


class _Group(click.Group):
    """Turns the library's errors into one clear line on stderr and exit code 1."""

    def parse_args(self, ctx, args):
        ctx.meta["yntymaq.args"] = list(args)  # for the language of an error message
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except YntymaqError as err:
            click.echo(f"{t('msg.error', _interface_lang(ctx))}: {err}", err=True)
            sys.exit(1)


def _interface_lang(ctx) -> str:
    """The language the user asked for (--lang on the command line, else YNTYMAQ_LANG), for messages;
    English when neither is given."""
    args = ctx.meta.get("yntymaq.args", [])
    asked = None
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            asked = args[i + 1]
        elif arg.startswith("--lang="):
            asked = arg.partition("=")[2]
    if asked is None and not os.environ.get("YNTYMAQ_LANG"):
        return "en"  # asked for no language: the "error:" that scripts look for
    try:
        return check_lang(settings.get("lang", asked))
    except YntymaqError:
        return "en"


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
