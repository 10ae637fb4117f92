"""Every URL of the web UI and the API is built here, so that the scheme lives in one place.

Entity ids contain `/` (`OIC/cfm/38`), so an entity's page is `/e/` followed by its id with each
segment percent-encoded and the slashes kept: `/e/OIC/cfm/38`. A stored document's page is `/d/` and
its content hash. System pages live under `/-/` and the API under `/api/`; neither can collide with an
entity id, which always sits under `/e/`.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

ENTITY_PREFIX = "/e/"
SYSTEM_PREFIX = "/-/"
API_PREFIX = "/api/"

DOCUMENT_PREFIX = "/d/"

PAGES = {"home": "/", "members": "/members", "meetings": "/meetings", "timeline": "/timeline",
         "search": "/search", "ask": "/ask", "map": "/map", "api_docs": "/api/docs", "documents": "/documents", "check": "/check",
         "disagreements": "/disagreements", "conflicts": "/conflicts", "secretaries_general": "/secretaries-general",
         "organs": "/organs"}
"""Pages without an entity, by name."""

def _encode_id(ident: str) -> str:
    return quote(ident, safe="/")


def _with_query(path: str, params: dict | None) -> str:
    kept = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def entity_url(ident: str, **params) -> str:
    """The page of an entity: `/e/KZ`, `/e/OIC/cfm/38`."""
    return _with_query(ENTITY_PREFIX + _encode_id(ident), params)


def document_url(doc_id: str, *, claim: int | None = None) -> str:
    """The page of a stored document (`/d/` and its hash), at one of its claims if given."""
    return DOCUMENT_PREFIX + quote(doc_id, safe="") + (f"#claim-{claim}" if claim is not None else "")


def page_url(name: str, **params) -> str:
    """A page by name with its query, empty parameters left out: page_url("members", at="1982")."""
    return _with_query(PAGES[name], params)


def static_url(name: str) -> str:
    return f"{SYSTEM_PREFIX}static/{quote(name)}"


def api_url(endpoint: str, ident: str | None = None, **params) -> str:
    """An API endpoint: api_url("members", at="1982"), api_url("entity", "OIC/cfm/38")."""
    path = API_PREFIX + endpoint + ("/" + _encode_id(ident) if ident is not None else "")
    return _with_query(path, params)


def with_params(path: str, params: dict, **changes) -> str:
    """The same page with some query parameters changed (None removes one): the language switch."""
    merged = {**params, **changes}
    return _with_query(path, merged)
