"""The README's generated parts match the code: every command, setting and predicate is documented."""

from pathlib import Path

from yntymaq import docs
from yntymaq.cli import main
from yntymaq.settings import SETTINGS
from yntymaq.vocab import PREDICATES

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_generated_blocks_are_current():
    text = README.read_text(encoding="utf-8")
    assert docs.render(text) == text, "README is stale: run `.venv/bin/python -m yntymaq.docs README.md`"


def test_every_command_setting_and_predicate_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for name in main.commands:
        assert f"`yntymaq {name}`" in text
    for setting in SETTINGS.values():
        assert setting.env in text
    for name in PREDICATES:
        assert f"`{name}`" in text


def test_every_command_has_a_summary_and_an_example():
    for name, command in main.commands.items():
        assert command.help and "Example:" in command.help, name
