"""The security lint (ruff's flake8-bandit ``S`` rules) is configured, catches what it should, and finds
nothing unjustified in the package; ``make test`` runs it too."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUFF = str(Path(sys.executable).parent / "ruff")


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([RUFF, "check", "--no-cache", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False)


def test_the_project_selects_the_bandit_rules_and_make_test_runs_them():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "S" in config["tool"]["ruff"]["lint"]["select"]
    assert "ruff==0.17.5" in config["project"]["optional-dependencies"]["test"]
    recipe = (ROOT / "Makefile").read_text().split("\ntest:", 1)[1]
    assert "$(BIN)/ruff check safehouse_portal" in recipe.split("pytest", 1)[0]


def test_the_package_has_no_security_finding_left_unjustified():
    result = _ruff("safehouse_portal")
    assert result.returncode == 0, result.stdout


def test_the_rules_catch_a_shell_command_built_from_input(tmp_path):
    risky = tmp_path / "risky.py"
    risky.write_text("import subprocess\n\n\ndef run(name):\n    subprocess.call(f'ls {name}', shell=True)\n")
    result = _ruff("--config", str(ROOT / "pyproject.toml"), str(risky))
    assert result.returncode == 1 and "S602" in result.stdout
