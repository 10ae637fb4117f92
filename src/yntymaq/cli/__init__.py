"""The `yntymaq` command: thin wrappers that parse, call the library and format.

Each command group lives in its own module; `COMMANDS` names the module and function of every
command, and a command's module is imported only when that command runs (or when help lists it), so
that `yntymaq --version` and a one-off query pay for nothing they do not use.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from yntymaq import __version__
from yntymaq.errors import YntymaqError

COMMANDS: dict[str, str] = {
    "build": "yntymaq.cli.kb:build_command",
    "show": "yntymaq.cli.kb:show_command",
    "members": "yntymaq.cli.kb:members_command",
    "meetings": "yntymaq.cli.kb:meetings_command",
    "chair": "yntymaq.cli.kb:chair_command",
    "office": "yntymaq.cli.kb:office_command",
    "timeline": "yntymaq.cli.kb:timeline_command",
    "export": "yntymaq.cli.kb:export_command",
    "conflicts": "yntymaq.cli.kb:conflicts_command",
    "predicates": "yntymaq.cli.kb:predicates_command",
    "text": "yntymaq.cli.text:text_command",
    "ingest": "yntymaq.cli.documents:ingest_command",
    "check": "yntymaq.cli.documents:check_command",
    "extract": "yntymaq.cli.documents:extract_command",
    "documents": "yntymaq.cli.documents:documents_command",
    "disagreements": "yntymaq.cli.documents:disagreements_command",
    "serve": "yntymaq.cli.web:serve_command",
    "search": "yntymaq.cli.search:search_command",
    "ask": "yntymaq.cli.ask:ask_command",
}
"""Every command: its name and where it is defined (`module:function`)."""


def _load(spec: str) -> click.Command:
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


EXIT_BAD_INPUT = 1
"""A file, an option or the knowledge base that cannot be used: one line `error: ...` says why."""
EXIT_USAGE = 2  # click's own: an unknown option, a missing argument
EXIT_INTERNAL = 3
"""A bug: one line names the error; nothing is printed half-way as a traceback."""
EXIT_INTERRUPTED = 130


class _Group(click.Group):
    """A group whose commands are imported when they are used; it turns the library's errors into
    one clear line on stderr and exit code 1, and anything else unexpected into one line and exit code
    3, never a traceback."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    @property
    def commands(self) -> dict[str, click.Command]:
        """Every command, each imported (for the docs and the tests, which want them all)."""
        for name in self.lazy:
            self.get_command(None, name)
        return self._loaded

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._loaded = dict(value)

    def list_commands(self, ctx) -> list[str]:
        return sorted({*self.lazy, *self._loaded})

    def get_command(self, ctx, cmd_name: str) -> click.Command | None:
        command = self._loaded.get(cmd_name)
        if command is None and cmd_name in self.lazy:
            command = self._loaded[cmd_name] = _load(self.lazy[cmd_name])
        return command

    def parse_args(self, ctx, args):
        ctx.meta["yntymaq.args"] = list(args)  # for the language of an error message
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except YntymaqError as err:
            from yntymaq.i18n import t
            from yntymaq.templates import localize_error

            lang = _interface_lang(ctx)
            click.echo(f"{t('msg.error', lang)}: {localize_error(str(err), lang)}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("error: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:  # `yntymaq text big.txt | head`: the reader has gone, and that is fine
            sys.stderr.close()
            sys.exit(0)
        except Exception as err:  # noqa: BLE001 - the last line of defence: one line, not a traceback
            reason = " ".join(str(err).split())[:300]
            click.echo(f"error: internal error ({type(err).__name__}{': ' + reason if reason else ''}); "
                       "please report it with the command that gave it", err=True)
            sys.exit(EXIT_INTERNAL)


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
    from yntymaq import settings
    from yntymaq.i18n import check_lang

    try:
        return check_lang(settings.get("lang", asked))
    except YntymaqError:
        return "en"


@click.group(cls=_Group, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="yntymaq")
def main() -> None:
    """yntymaq — ИЫҰ туралы дерек қоры / база знаний об ОИС / a knowledge base of the OIC.

    Sourced, temporal facts about the Organisation of Islamic Cooperation and Kazakhstan's
    multilateral diplomacy, in Kazakh, Russian and English.
    """
