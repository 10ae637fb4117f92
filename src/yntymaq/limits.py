"""A time limit for one piece of work, checked where the work can stop cleanly.

`with deadline(30): ...` sets it for the code run inside (in this thread or task: a context
variable); `check_deadline()`, called by the pipeline before each sentence, raises `TimeLimit`
once it has passed. Nothing is stored half-way: a document is stored only after its analysis.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar

from yntymaq.errors import TimeLimit

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("yntymaq_deadline", default=None)


@contextmanager
def deadline(seconds: float):
    """Work inside may take `seconds` at most."""
    token = _DEADLINE.set((time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_deadline() -> None:
    """Raise TimeLimit when the current deadline has passed; nothing when none is set."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise TimeLimit(f"the analysis took longer than its limit of {current[1]:g} s and was stopped; send a "
                        "shorter text, or start the server with a higher YNTYMAQ_CHECK_SECONDS")
