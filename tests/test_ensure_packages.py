"""`scripts/ensure-debian-packages`, which `make test` runs first, and `.ci/run`, which is `make test`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "ensure-debian-packages"


def test_an_unknown_package_is_refused_in_one_line():
    run = subprocess.run([str(SCRIPT), "emacs"], capture_output=True, text=True, timeout=30)
    assert run.returncode == 2
    assert run.stderr == "ensure-debian-packages: unknown package emacs (known: chromium, postgresql)\n"


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists() and shutil.which("chromium") is None,
                    reason="chromium is not installed here")
def test_a_package_already_there_is_left_alone():
    run = subprocess.run([str(SCRIPT), "chromium"], capture_output=True, text=True, timeout=30)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")


def test_make_test_ensures_the_packages_and_ci_only_calls_it():
    makefile = (ROOT / "Makefile").read_text()
    target = makefile[makefile.index("\ntest:"):].split("\n\n")[0]
    assert "scripts/ensure-debian-packages chromium postgresql" in target and "pytest" in target
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == "make test" and not any("apt-get" in line for line in ci)
