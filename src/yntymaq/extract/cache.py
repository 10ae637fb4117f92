"""What is built from a knowledge base's entities (the entity linker, the question reader's indexes),
kept in files of the user's cache between runs.

Building the linker (`EntityLinker(kb.entities.values())`) reads every name of every entity through
the inflection tables and costs about a tenth of a second, more than the rest of a short command such
as `yntymaq ask`. What it builds depends only on the KB's entities, which come from the shipped
dataset (`store.meta("dataset_digest")`), and on the code and tables of `extract/` and `text/`; so it
is pickled once into `<cache folder>/linker-<key>.pickle` (and `ask`'s indexes beside it), the key a digest of the dataset
digest, the number of entities, the version and the size and time of every file of those two
packages. A file of another key is never read; one that cannot be read or does not fit the KB's
entities is ignored (and rebuilt over); it is written to a temporary file and renamed, so that a
reader never meets half a file. The cache is skipped where the KB has no dataset digest or the
`cache` setting is `off` (YNTYMAQ_CACHE=off); a folder that cannot be written costs nothing but the
build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
import weakref
from collections.abc import Callable
from pathlib import Path

FORMAT = 1  # bump when what is pickled changes shape


def cache_dir() -> Path | None:
    """The folder of the `cache` setting (YNTYMAQ_CACHE), the user's cache by default; None if `off`."""
    from yntymaq import settings

    value = settings.get("cache")
    if value.strip().lower() == "off":
        return None
    if value:
        return Path(value)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("yntymaq", appauthor=False))


def _code_fingerprint() -> str:
    """Size and modification time of every file the linker is built by (extract/ and text/)."""
    from yntymaq import __version__

    root = Path(__file__).resolve().parent.parent
    parts = [__version__, str(FORMAT)]
    for package in ("extract", "text", "ask", "vocab.py", "kb/meetings.py"):
        base = root / package
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file() and p.suffix in (".py", ".tsv", ".csv", ".txt", ".json"))
        for path in files:
            st = path.stat()
            parts.append(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


_keys: "weakref.WeakKeyDictionary[object, str | None]" = weakref.WeakKeyDictionary()


def key(kb) -> str | None:
    """The cache key of what is built from `kb` (None where it has no dataset digest), once per KB."""
    try:
        return _keys[kb]
    except (KeyError, TypeError):
        pass
    k = _key(kb)
    try:
        _keys[kb] = k
    except TypeError:  # a KB that cannot be weakly referenced: computed each time
        pass
    return k


def _key(kb) -> str | None:
    try:
        digest = kb.store.meta("dataset_digest")
    except Exception:  # a KB without a store (built in memory): nothing to key by
        return None
    if not digest:
        return None
    text = f"{digest}\n{len(kb.entities)}\n{_code_fingerprint()}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def linker(kb, build: Callable[[], object]):
    """The linker of `kb` from the cache, or built by `build` and written there."""
    return cached(kb, "linker", build, restore=lambda linker: linker.attach(kb.entities))


def cached(kb, name: str, build: Callable[[], object], *, restore: Callable[[object], object] = lambda v: v):
    """What `build` makes of `kb`, read from `<cache dir>/<name>-<key>.pickle` when it is there and
    `restore` accepts it (raising otherwise), else built and written there."""
    folder = cache_dir()
    k = key(kb) if folder is not None else None
    if k is None:
        return build()
    path = folder / f"{name}-{k}.pickle"
    try:
        with open(path, "rb") as fh:
            stored_key, value = pickle.load(fh)
        if stored_key == k:
            return restore(value)
    except Exception:  # missing, unreadable, truncated, of another shape: build it anew
        pass
    built = build()
    _write(path, (k, built))
    return built


def _write(path: Path, value) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(path)
    except Exception:  # a cache that cannot be written (a read-only home, a full disk) is no cache, not an error
        pass


def _prune(path: Path) -> None:
    """Files of the same name and another key left unused for a week go (a dataset or version that
    has moved on); others are kept, as another checkout of the project may be using them."""
    name = path.name.split("-", 1)[0]
    week_ago = time.time() - 7 * 24 * 3600
    for old in path.parent.glob(f"{name}-*.pickle"):
        try:
            if old != path and old.stat().st_atime < week_ago:
                old.unlink()
        except OSError:
            pass

