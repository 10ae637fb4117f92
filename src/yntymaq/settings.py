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
