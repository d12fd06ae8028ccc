"""One version number, in Cargo.toml: the Python package, the CLI and the changelog agree with it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import jixiao

ROOT = Path(__file__).resolve().parent.parent


def cargo_version() -> str:
    return str(tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))["package"]["version"])


def test_the_python_package_takes_its_version_from_cargo() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
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
