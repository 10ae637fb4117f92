"""What the OpenAPI schema says beyond the endpoints' types: the one error shape and every status
an endpoint may answer with, and the exact form of the parameters the views check themselves
(a date, a language, a status), so that a client generated from the schema, or a fuzzer, sends
what the server accepts and expects what it answers.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from yntymaq.vocab import LANGS


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable word: bad_input, not_found, ambiguous, unreadable, too_large, "
                                  "cross_origin, time_limit, method_not_allowed, internal_error.")
    message: str = Field(description="One sentence for a person: what is wrong and how to fix it.")
    candidates: list[str] | None = Field(None, description="For `ambiguous`: the ids the name may mean.")


class ErrorBody(BaseModel):
    """The one shape of every API error."""

    error: ErrorDetail


def _error(description: str) -> dict:
    return {"model": ErrorBody, "description": description}


ERROR_RESPONSES: dict[int | str, dict] = {
    400: _error("bad_input: a parameter or the body is not what the endpoint takes (the message names it)."),
    403: _error("cross_origin: a write sent by another site's page is refused."),
    404: _error("not_found: no such entity, document or page."),
    409: _error("ambiguous: a name that means more than one entity; `candidates` lists them."),
    413: _error("too_large: the request body is over the `max_body` setting (YNTYMAQ_MAX_BODY)."),
    422: _error("unreadable: an uploaded file that cannot be read as text."),
    503: _error("time_limit: the analysis took longer than the `check_seconds` setting (YNTYMAQ_CHECK_SECONDS)."),
}
"""Declared on every endpoint of the API (FastAPI's own 422 validation shape is never answered:
invalid parameters get 400 with the error shape above)."""

DATE_PATTERN = r"^\s*(|today|[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)\s*$"
DATE_SCHEMA = {"pattern": DATE_PATTERN, "format": "partial-date"}
"""A date to the precision one knows: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real day of that month),
or `today`; empty is the same as absent."""

LANG_SCHEMA = {"enum": ["", *LANGS]}
"""kk, ru or en; empty is the default."""


def one_of(values) -> dict:
    """The schema of a parameter that takes one of `values` (checked by the view, which names them)."""
    return {"enum": list(values)}


def one_of_any_case(values, *, blank: bool = False) -> dict:
    """One of `values` in any case (`COMCEC`, `comcec`), or nothing where `blank` (a parameter given
    empty counts as not given): a pattern, since JSON Schema's enum is exact."""
    def letters(value: str) -> str:
        return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in value)
    choices = [letters(v) for v in values] + ([""] if blank else [])
    return {"pattern": "^(?:" + "|".join(choices) + ")$"}
