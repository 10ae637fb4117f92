"""What keeps the web server safe and responsive, in one ASGI middleware and two helpers:

- a size limit per request body (the `max_body` setting): a bigger body gets 413 with a message
  that names the limit, whether it says its length (Content-Length) or streams it (chunked);
- cross-origin writes refused: a POST, PUT, PATCH or DELETE whose `Sec-Fetch-Site` says another
  site, or whose `Origin` is not this server, gets 403 (clients that send neither, such as curl,
  are not browsers carrying a user's visit to another page, and pass);
- security headers on every answer: Content-Security-Policy (only this server's own scripts,
  styles and pictures; no framing), X-Frame-Options, X-Content-Type-Options, Referrer-Policy;
- `refuse_surrogates()`: text with a lone surrogate (JSON can carry `\\ud800`) is refused with 400,
  never reaches the pipeline.

Analysis itself runs off the event loop and out of the server's process, in `workers.Analysers`,
under the time limit of the `check_seconds` setting.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from yntymaq import settings
from yntymaq.errors import BadInput

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_SURROGATE = re.compile("[\ud800-\udfff]")


def refuse_surrogates(field: str, text: str | None) -> str | None:
    """`text`, unless it holds a lone surrogate (U+D800–U+DFFF, no character): then a BadInput naming
    the field and the offset."""
    if text is None:
        return None
    found = _SURROGATE.search(text)
    if found is not None:
        raise BadInput(f"{field}: a lone surrogate U+{ord(found.group()):04X} at character {found.start()} "
                       "is no character; send valid Unicode text")
    return text


class Guard:
    """The ASGI middleware: body size limit, cross-origin write check, security headers."""

    def __init__(self, app, *, max_body: int | None = None):
        self.app = app
        self.max_body = settings.get_size("max_body") if max_body is None else max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path = scope.get("path", "")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
            await send(message)

        if scope["method"] in UNSAFE_METHODS:
            refusal = _cross_origin(headers, scope)
            if refusal:
                return await _answer(send_with_headers, path, 403, "cross_origin", refusal)
        limit = self.max_body
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return await _answer(send_with_headers, path, 413, "too_large", _too_large(limit))

        state = {"received": 0, "too_big": False, "started": False}

        async def counted_receive():
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["too_big"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            if state["too_big"]:
                if not state["started"]:
                    state["started"] = True
                    await _answer(send_with_headers, path, 413, "too_large", _too_large(limit))
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send_with_headers(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not state["too_big"]:
                raise
        if state["too_big"] and not state["started"]:
            await _answer(send_with_headers, path, 413, "too_large", _too_large(limit))


def _too_large(limit: int) -> str:
    return (f"the request body is larger than the limit of {settings.size_label(limit)}; send less, or start the "
            f"server with a higher {settings.SETTINGS['max_body'].env}")


def _cross_origin(headers: dict[str, str], scope) -> str | None:
    """Why a write is refused as cross-origin, or None."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"a write from another site ({site}) is refused: use this server's own pages"
    origin = headers.get("origin")
    if origin is not None:
        # the host and port only: behind a proxy that ends TLS the server itself sees plain http
        netloc = urlsplit(origin).netloc if "://" in origin else ""
        if not netloc or netloc.lower() != headers.get("host", "").lower():
            return f"a write from {origin} is refused: only this server's own pages may post to it"
    return None


async def _answer(send, path: str, status: int, code: str, message: str) -> None:
    """One error answer: the API's JSON shape under /api/, a short HTML page elsewhere."""
    if path.startswith("/api"):
        body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()
        kind = b"application/json"
    else:
        from html import escape

        body = (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{status}</title></head>"
                f"<body><h1>{status}</h1><p>{escape(message)}</p></body></html>").encode()
        kind = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
