"""Every setting, declared once: its name, environment variable, default and help.

The CLI options, the environment and the README's table of settings are all built from `SETTINGS`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


def _default_db() -> str:
    return str(Path(user_data_dir("yntymaq", appauthor=False)) / "yntymaq.sqlite")


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("db", "YNTYMAQ_DB", "", "The knowledge base: an SQLite file path or a database URL "
                "(sqlite:///..., postgresql+psycopg://...). Default: yntymaq.sqlite in the user's data directory."),
        Setting("data", "YNTYMAQ_DATA", "", "A folder of curated CSV files to build from instead of the shipped dataset."),
        Setting("host", "YNTYMAQ_HOST", "127.0.0.1", "The address the web server listens on."),
        Setting("port", "YNTYMAQ_PORT", "8000", "The port the web server listens on."),
        Setting("lang", "YNTYMAQ_LANG", "kk", "The default language of output and pages: kk, ru or en."),
        Setting("max_input", "YNTYMAQ_MAX_INPUT", "1M", "The most text `text`, `check`, `extract` and `ingest` take "
                "from one file, in characters (K, M, G allowed); the file itself may have 8 times as many bytes "
                "(a PDF's fonts, an HTML page's markup), and a DOCX may unpack to as much. Memory grows with it: "
                "about 450 MB to check a text at the default. Bigger files are refused with a message naming this setting."),
        Setting("max_body", "YNTYMAQ_MAX_BODY", "2M", "The largest request body the web server accepts, in bytes "
                "(K, M, G allowed): a text posted to /api/check or /check, or an uploaded file. Bigger: 413."),
        Setting("check_workers", "YNTYMAQ_CHECK_WORKERS", "1", "Worker processes the web server analyses posted texts "
                "and uploads in, so that pages are answered meanwhile; 0 analyses in the server's own threads."),
        Setting("check_seconds", "YNTYMAQ_CHECK_SECONDS", "30", "The most time the web server spends checking one "
                "posted text or upload, in seconds; past it the request gets 503 and nothing is stored."),
        Setting("cache", "YNTYMAQ_CACHE", "", "A folder to keep what is built from the knowledge base between runs "
                "(the entity linker), or `off` to keep nothing. Default: yntymaq in the user's cache directory."),
    )
}


def get(name: str, override: str | None = None) -> str:
    """The value of a setting: an explicit override, else its environment variable, else its default."""
    setting = SETTINGS[name]
    if override not in (None, ""):
        return str(override)
    value = os.environ.get(setting.env)
    if value not in (None, ""):
        return value
    if name == "db":
        return _default_db()
    return setting.default


_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def get_size(name: str, override: str | None = None) -> int:
    """A setting that is a number of bytes: `10M`, `500K`, `1G` or plain bytes."""
    from yntymaq.errors import BadInput

    value = get(name, override).strip().upper().removesuffix("B").removesuffix("I")
    unit = value[-1:] if value[-1:] in _UNITS else ""
    try:
        number = float(value[: len(value) - len(unit)])
    except ValueError:
        number = -1.0
    if number <= 0:
        raise BadInput(f"{SETTINGS[name].env}={get(name, override)!r} is not a size: write bytes, or a number "
                       "with K, M or G (e.g. 10M)")
    return int(number * _UNITS[unit])


def get_seconds(name: str, override: str | None = None) -> float:
    """A setting that is a number of seconds."""
    from yntymaq.errors import BadInput

    try:
        seconds = float(get(name, override))
    except ValueError:
        seconds = -1.0
    if seconds <= 0:
        raise BadInput(f"{SETTINGS[name].env}={get(name, override)!r} is not a number of seconds")
    return seconds


def size_label(size: int) -> str:
    """A number of bytes the way a person writes it: 10M, 512K, 1.5G."""
    for unit in ("G", "M", "K"):
        if size >= _UNITS[unit]:
            value = size / _UNITS[unit]
            return f"{value:.1f}".removesuffix(".0") + unit
    return f"{size} bytes"
