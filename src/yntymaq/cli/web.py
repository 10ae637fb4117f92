"""The `serve` command: the web UI and the JSON API on one port."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import click

from yntymaq import settings
from yntymaq.errors import BadInput
from yntymaq.i18n import check_lang, t
from yntymaq.kb import build
from yntymaq.kb.store import Store


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise BadInput(f"--port: {text!r} is not a port number (1-65535)")
    return int(text)


def check_port_free(host: str, port: int, lang: str) -> None:
    """Say which port is busy and how to choose another, before building or loading anything."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as err:
            if err.errno != errno.EADDRINUSE:
                raise BadInput(f"--host/--port: cannot listen on {host}:{port}: {err.strerror}") from None
            raise BadInput(t("msg.port_busy", lang, host=host, port=port, other=_free_port(host, family))) from None


def _free_port(host: str, family) -> int:
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def ensure_built(db: str, lang: str) -> None:
    """Build the knowledge base from the shipped dataset when the database is missing or empty."""
    if Store(db).is_built():  # opening creates a missing SQLite file, with an empty schema
        return
    click.echo(t("msg.building", lang, db=db), err=True)
    report, store = build(db)
    click.echo(t("msg.built", lang, entities=report.entities, facts=report.facts + report.derived,
                 derived=report.derived, sources=report.sources, seconds=report.seconds, db=store.url), err=True)


def ingest_examples(db: str, lang: str) -> None:
    """Store the example documents shipped with yntymaq (a document already stored is skipped)."""
    from importlib import resources

    from yntymaq.ingest import ingest_paths
    from yntymaq.kb import KB

    with resources.as_file(resources.files("yntymaq") / "examples") as folder:
        report = ingest_paths(sorted(str(p) for p in Path(folder).glob("*.txt")), KB.open(db))
    click.echo(t("msg.examples", lang, added=len(report.added), skipped=len(report.skipped)), err=True)
    for path, reason in report.failed:
        click.echo(t("msg.ingest_failed", lang, path=path, reason=reason), err=True)


@click.command("serve")
@click.option("--host", default=None, metavar="ADDRESS",
              help=f"Мекенжай / адрес / address to listen on (env YNTYMAQ_HOST; default {settings.SETTINGS['host'].default}).")
@click.option("--port", default=None, metavar="PORT",
              help=f"Порт / порт / port (env YNTYMAQ_PORT; default {settings.SETTINGS['port'].default}).")
@click.option("--db", default=None, metavar="PATH|URL",
              help="Дерек қоры / база знаний / knowledge base (SQLite path or URL; env YNTYMAQ_DB).")
@click.option("--lang", default=None, metavar="kk|ru|en",
              help="Беттердің әдепкі тілі / язык страниц по умолчанию / default language of the pages (env YNTYMAQ_LANG).")
@click.option("--examples", is_flag=True,
              help="Мысал құжаттарды қосу / добавить примеры документов / store the shipped example documents first.")
def serve_command(host: str | None, port: str | None, db: str | None, lang: str | None, examples: bool) -> None:
    """Веб-интерфейс пен API / веб-интерфейс и API / serve the web UI and the JSON API.

    Pages in Kazakh (Russian and English one click away) and a JSON API under /api/ with its docs at
    /api/docs. Builds the knowledge base first if the database is missing or empty; --examples also
    stores the few example documents shipped with yntymaq, so that the document pages have something
    to show (`make run` does this).

    Example: yntymaq serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from yntymaq.web import create_app

    host = settings.get("host", host)
    port_number = _port(settings.get("port", port))
    db = settings.get("db", db)
    lang = check_lang(settings.get("lang", lang))
    check_port_free(host, port_number, lang)
    ensure_built(db, lang)
    if examples:
        ingest_examples(db, lang)
    app = create_app(db, lang=lang)
    click.echo(t("msg.serving", lang, url=f"http://{host}:{port_number}/"), err=True)
    uvicorn.run(app, host=host, port=port_number, log_level="warning")
