"""The CLI's polish: show of a meeting and an organisation, 80 columns, uncertain counts, errors in the
interface language, case-insensitive option values, a busy port, the README's usage lines."""

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from yntymaq.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def run(shipped_kb):
    def invoke(*args):
        return CliRunner().invoke(main, [*args, "--db", shipped_kb.store.url], catch_exceptions=False)
    return invoke


def test_show_of_a_meeting_prints_its_body_place_dates_chair_and_sources(run):
    out = run("show", "OIC/cfm/38", "--lang", "en").output
    for expected in ("Body: cfm (ordinary)", "Number: 38", "Place: Astana, Kazakhstan", "Dates: 2011-06-28 – 2011-06-30",
                     "Chair: Kazakhstan", "Sources:"):
        assert expected in out, out


def test_show_of_the_organisation_prints_its_facts_by_predicate(run):
    out = run("show", "OIC", "--lang", "en").output
    assert "member of (" in out and "headquartered in" in out.lower()
    assert "Kazakhstan" in out or "more facts" in out


@pytest.mark.parametrize("args", [["show", "OIC"], ["show", "KZ"], ["members", "--at", "1980"], ["meetings"],
                                  ["office"], ["conflicts"], ["chair"]])
def test_tables_fit_80_columns(run, args):
    out = run(*args, "--lang", "en").output
    assert max(len(line) for line in out.splitlines()) <= 80


def test_an_uncertain_count_is_marked(run, shipped_kb):
    count = shipped_kb.member_count(at=__import__("yntymaq").vocab.Date.parse("1980"))
    assert count.uncertain
    out = run("members", "--at", "1980", "--count", "--lang", "en").output
    assert f"(and {len(count.uncertain)} uncertain, not counted: {', '.join(count.uncertain)})" in out


def test_errors_speak_the_interface_language(shipped_kb):
    for lang, prefix in (("kk", "қате:"), ("ru", "ошибка:"), ("en", "error:")):
        result = subprocess.run([sys.executable, "-c", "from yntymaq.cli import main; main()", "show", "NOPE",
                                 "--db", shipped_kb.store.url, "--lang", lang], capture_output=True, text=True)
        assert result.returncode == 1 and result.stderr.startswith(prefix), result.stderr


def test_option_values_are_case_insensitive(run):
    assert run("members", "--at", "1982", "--status", "SUSPENDED", "--lang", "EN").output == \
        run("members", "--at", "1982", "--status", "suspended", "--lang", "en").output
    assert run("meetings", "--body", "CFM", "--kind", "Ordinary", "--year", "2011").exit_code == 0
    assert run("chair", "--body", "Summit").exit_code == 0


def test_serve_on_a_busy_port_says_which_and_how_to_choose_another(shipped_kb):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--db", shipped_kb.store.url, "--lang", "en"])
    assert result.exit_code == 1
    message = result.output.strip().splitlines()[-1]
    assert re.fullmatch(rf"error: port {port} on 127\.0\.0\.1 is in use: choose another, e\.g\. --port (\d+) "
                        r"\(or YNTYMAQ_PORT=\1\)", message), message


def test_the_readme_command_reference_prints_usage_right():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    usages = re.findall(r"^Usage: (.*)$", text, flags=re.M)
    assert len(usages) > 10
    for usage in usages:
        assert not usage.startswith("yntymaq yntymaq"), usage
        assert re.match(r"yntymaq( [a-z-]+)? \[OPTIONS\]", usage), usage
