"""Fixtures shared by every test."""

import os
from pathlib import Path

import pytest

# The web tests analyse in the server's own threads (one worker process per test app would cost
# seconds each); test_web_guard.py runs the worker processes themselves.
os.environ.setdefault("YNTYMAQ_CHECK_WORKERS", "0")

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed documents are missing: expected them in {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed_texts(seeds_dir) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def shipped_kb(tmp_path_factory):
    """The knowledge base built from the shipped dataset, once per test session."""
    from yntymaq.kb import KB, build

    _, store = build(str(tmp_path_factory.mktemp("shipped") / "kb.sqlite"))
    return KB(store)


@pytest.fixture(scope="session")
def fixture_kb(tmp_path_factory):
    """The tiny invented knowledge base of `yntymaq.kb.fixture`, built once per test session."""
    from yntymaq.kb.fixture import build_fixture_kb

    return build_fixture_kb(tmp_path_factory.mktemp("fixture") / "kb.sqlite")
