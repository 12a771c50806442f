"""The import graph runs one way (design.md "Layers"), held by the import-linter contract in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers" and not c.get("containers")]
    return [name.strip() for layer in contract["layers"] for name in layer.replace("|", ":").split(":")]


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"})


def test_every_app_of_the_project_has_its_place_in_the_layers():
    layered = set(_contract_layers())
    top_level = {config.name.split(".")[1] for config in apps.get_app_configs() if config.name.startswith("thidua.")}
    assert {f"thidua.{name}" for name in top_level} <= layered
    assert {"thidua.site", "thidua.core", "thidua.documents"} <= layered


def test_the_code_keeps_the_layers():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The same contract on a copy of the code in which core imports the org (even inside a function)."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(ROOT / "thidua", tmp_path / "thidua",
                    ignore=shutil.ignore_patterns("static", "locale", "templates", "data", "__pycache__", "*.html"))
    text = tmp_path / "thidua" / "core" / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\n\ndef _unit():\n    from thidua.org.models import OrgUnit\n\n"
                    "    return OrgUnit\n", encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "thidua.core.text -> thidua.org.models" in result.stdout
