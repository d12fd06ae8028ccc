"""The sources stay clean: ruff (lint and format) over the package, tests, benches, scripts and the docs hooks, and
``mypy --strict`` over the package, as configured in pyproject.toml ([tool.ruff], [tool.mypy]); ``cargo fmt
--check`` and ``cargo clippy -D warnings`` over the Rust core, its tests and benches, with the Python bindings."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PATHS = ["python/jixiao", "tests", "benches", "scripts", "docs/_hooks"]


def _command(tool: str) -> list[str]:
    """The tool run from this interpreter's environment when installed there, else the one on PATH; skips without."""
    if importlib.util.find_spec(tool) is not None:
        return [sys.executable, "-m", tool]
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (pip install '.[test]' brings it)")
    return [found]


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout}{result.stderr}"


def test_ruff_lint_and_format() -> None:
    ruff = _command("ruff")
    lint = _run([*ruff, "check", *PATHS])
    assert lint.returncode == 0, "ruff check found problems (`ruff check --fix` fixes some):\n" + _output(lint)
    fmt = _run([*ruff, "format", "--check", "--diff", *PATHS])
    assert fmt.returncode == 0, "files that `ruff format` would change:\n" + _output(fmt)


def test_mypy_strict() -> None:
    mypy = _command("mypy")
    # The files, strictness and per-module settings are in pyproject.toml; the packages come from this interpreter.
    result = _run([*mypy, "--config-file", "pyproject.toml", "--python-executable", sys.executable])
    assert result.returncode == 0, "mypy --strict over python/jixiao:\n" + _output(result)


def _cargo() -> str:
    found = shutil.which("cargo")
    if found is None:
        pytest.skip("cargo is not installed (the Rust toolchain builds the core)")
    return found


def test_cargo_fmt() -> None:
    result = _run([_cargo(), "fmt", "--all", "--check"])
    assert result.returncode == 0, "files that `cargo fmt` would change:\n" + _output(result)


def test_cargo_clippy_denies_warnings() -> None:
    # Every target (lib, tests, benches, examples) and the pyo3 bindings; a lint is an error.
    result = _run([_cargo(), "clippy", "--all-targets", "--features", "python", "--", "-D", "warnings"])
    assert result.returncode == 0, "cargo clippy -D warnings:\n" + _output(result)
