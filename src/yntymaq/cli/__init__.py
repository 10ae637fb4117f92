"""The `yntymaq` command: thin wrappers that parse, call the library and format.

Each command group lives in its own module and registers itself on `main`.
"""

from __future__ import annotations

import sys

import click

from yntymaq import __version__
from yntymaq.errors import YntymaqError


EXIT_BAD_INPUT = 1
"""A file, an option or the knowledge base that cannot be used: one line `error: ...` says why."""
EXIT_USAGE = 2  # click's own: an unknown option, a missing argument
EXIT_INTERNAL = 3
"""A bug: one line names the error; nothing is printed half-way as a traceback."""
EXIT_INTERRUPTED = 130


class _Group(click.Group):
    """Turns the library's errors into one clear line on stderr and exit code 1; anything else
    unexpected into one line and exit code 3, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except YntymaqError as err:
            click.echo(f"error: {err}", err=True)
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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="yntymaq")
def main() -> None:
    """yntymaq — ИЫҰ туралы дерек қоры / база знаний об ОИС / a knowledge base of the OIC.

    Sourced, temporal facts about the Organisation of Islamic Cooperation and Kazakhstan's
    multilateral diplomacy, in Kazakh, Russian and English.
    """


def _register() -> None:
    from yntymaq.cli import documents, kb, text, web

    for module in (kb, text, documents, web):
        module.register(main)


_register()
