"""The README documents what the code does: every SECON_* variable, the two quick-start commands."""

from pathlib import Path

from secon.config import VARIABLES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_configuration_variable_is_in_the_readme_table():
    missing = [name for name, _default, _meaning in VARIABLES if f"| `{name}` |" not in README]
    assert not missing, f"add these to the README's configuration table: {missing}"


def test_the_quick_start_is_the_two_make_commands():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick_start.splitlines() if line.startswith("make ")]
    assert commands == ["make run", "make test"]
