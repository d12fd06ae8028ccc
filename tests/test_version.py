"""One version number, in Cargo.toml: the Python package, the CLI and the changelog agree with it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import jixiao

ROOT = Path(__file__).resolve().parent.parent


def cargo_version() -> str:
    # The [package] table opens Cargo.toml, so the first version line is the crate's (tomllib is 3.11+ only).
    m = re.search(r'^version = "([^"]+)"', (ROOT / "Cargo.toml").read_text(encoding="utf-8"), re.M)
    assert m, "Cargo.toml has no version"
    return m.group(1)


def test_the_python_package_takes_its_version_from_cargo() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert not re.search(r"^version\s*=", pyproject, re.M), "pyproject.toml sets a second version"
    assert re.search(r'^dynamic = \[[^]]*"version"', pyproject, re.M)
    assert jixiao.__version__ == cargo_version()


def test_the_command_line_prints_the_version() -> None:
    out = subprocess.run([sys.executable, "-m", "jixiao", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"jixiao {cargo_version()}"


def test_the_changelog_opens_with_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\d+\.\d+\.\d+) — \d{4}-\d{2}-\d{2}$", text, re.M)
    assert versions, "CHANGELOG.md has no '## X.Y.Z — YYYY-MM-DD' headings"
    assert versions[0] == cargo_version()
    assert versions == sorted(versions, key=lambda v: tuple(map(int, v.split("."))), reverse=True)
