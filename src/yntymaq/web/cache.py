"""A cache of whole responses for the pages and the API, in front of the application.

Every page and endpoint that answers GET is a pure function of its path, its query, the reader's
language cookie, the day (pages default to today) and what the knowledge base holds. What it holds
changes only when `yntymaq build` rewrites the curated data or a document is stored, and
`Store.generation` says when either happened in one cheap query. So a response served once is served
again as it was, without building its data, rendering its template or encoding its JSON — until the
generation or the day changes. Only complete 200 answers are kept, and only so many (least recently
used go first): an error, a redirect or a POST always runs the application.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable
from http.cookies import SimpleCookie

MAX_ENTRIES = 512
MAX_BODY = 2 * 1024 * 1024  # bytes; a larger answer is not kept


class ResponseCache:
    """ASGI middleware: `generation()` names the state of the data; responses of one state are reused."""

    def __init__(self, app, *, generation: Callable[[], object], cookie: str, skip: tuple[str, ...] = (),
                 max_entries: int = MAX_ENTRIES):
        self.app = app
        self.generation = generation
        self.cookie = cookie
        self.skip = skip
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.state: object = None
        self.hits = self.misses = 0

    def _key(self, scope) -> tuple | None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(self.skip):
            return None
        remembered = ""
        for name, value in scope.get("headers", ()):
            if name == b"cookie":
                jar = SimpleCookie()
                jar.load(value.decode("latin-1"))
                if self.cookie in jar:
                    remembered = jar[self.cookie].value
        return scope["path"], scope.get("query_string", b""), remembered

    async def __call__(self, scope, receive, send):
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        state = (self.generation(), dt.date.today())
        if state != self.state:  # the data or the day changed: nothing kept is valid any more
            self.entries.clear()
            self.state = state
        hit = self.entries.get(key)
        if hit is not None:
            self.hits += 1
            self.entries.move_to_end(key)
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        started: dict = {}
        chunks: list[bytes] = []

        async def keep(message):
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                # kept only if the data did not change meanwhile (another request would have seen it)
                if not message.get("more_body") and started.get("status") == 200 and self.state == state:
                    body = b"".join(chunks)
                    if len(body) <= MAX_BODY:
                        self.entries[key] = (200, list(started.get("headers", [])), body)
                        while len(self.entries) > self.max_entries:
                            self.entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, keep)
