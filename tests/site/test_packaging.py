"""`pip install .` gives a working `thidua`: pyproject declares what the code imports, requirements.txt pins each of
those within its range, and the package data takes every template, static file, catalogue and data file.
(The real install into a fresh virtualenv is done by hand; see README "Development".)"""

from __future__ import annotations

import ast
import glob
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "thidua"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _declared() -> dict[str, Requirement]:
    requirements = [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]
    return {canonicalize_name(r.name): r for r in requirements}


def _pinned() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", f"{line}: requirements.txt pins exactly"
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def _imported_top_level_modules() -> set[str]:
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    # what the settings name by dotted path (middleware, apps) is imported too
    for dotted in [*settings.MIDDLEWARE, *settings.INSTALLED_APPS]:
        names.add(dotted.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"thidua"}


def test_every_package_the_code_imports_is_a_declared_dependency():
    distributions = packages_distributions()
    declared = _declared()
    for module in sorted(_imported_top_level_modules()):
        owners = {canonicalize_name(d) for d in distributions.get(module, [])}
        assert owners, f"{module}: imported but installed by no distribution"
        assert owners & declared.keys(), f"{module} ({', '.join(owners)}) is missing from pyproject's dependencies"


def test_every_declared_dependency_is_pinned_within_its_range():
    pins = _pinned()
    for name, requirement in _declared().items():
        assert name in pins, f"{name}: declared in pyproject but not pinned in requirements.txt"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {requirement.specifier}"


def test_the_package_data_takes_every_file_that_is_not_python():
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["*"]
    included = set()
    for init in PACKAGE.rglob("__init__.py"):
        package_dir = init.parent
        for pattern in patterns:
            included.update((package_dir / found).resolve()
                            for found in glob.glob(pattern, root_dir=package_dir, recursive=True))
    files = [p.resolve() for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in {".py", ".pyc"}
             and "__pycache__" not in p.parts]
    assert files and len(files) > 50
    missing = [str(p.relative_to(PACKAGE.resolve())) for p in files if p not in included]
    assert not missing, missing


def test_the_console_command_is_declared():
    assert PYPROJECT["project"]["scripts"] == {"thidua": "thidua.cli:main"}
