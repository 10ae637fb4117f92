"""The commands' errors in the interface language: the English message read back into its template of
errors.tsv and written in Kazakh or Russian, the values kept; a message no template reads stays English."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from yntymaq.cli import main
from yntymaq.templates import ERRORS, localize_error


@pytest.mark.parametrize("lang, start", [("kk", "қате: "), ("ru", "ошибка: "), ("en", "error: ")])
def test_an_error_is_written_in_the_language_asked_for(shipped_kb, lang, start):
    result = CliRunner().invoke(main, ["members", "--at", "June", "--db", shipped_kb.store.url, "--lang", lang])
    assert result.exit_code == 1
    message = result.output.strip()
    assert message.startswith(start) and "'June'" in message
    assert ("is not a date" in message) == (lang == "en")


def test_every_template_reads_its_own_english_back():
    for key, template in ERRORS.templates().items():
        values = {slot: f"<{slot}>" for slot in template.pattern.groupindex}
        english = ERRORS.write(key, **values)
        for lang in ("kk", "ru"):
            out = localize_error(english, lang)
            assert out == template.texts[lang].format(**values), key


def test_a_message_no_template_reads_stays_as_written():
    assert localize_error("something nobody wrote a template for", "kk") == "something nobody wrote a template for"
