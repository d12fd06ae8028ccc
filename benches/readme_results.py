"""Shared by the Python benchmark scripts: the machine description and writing a result into README.md."""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def machine() -> str:
    """Threads, interpreter and cores, for the result line."""
    threads = os.environ.get("JIXIAO_THREADS", str(os.cpu_count()))
    return f"{threads} threads, {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"


def write(marker: str, line: str) -> None:
    """Replaces the line between ``<!-- bench:marker -->`` and ``<!-- /bench:marker -->`` in README.md."""
    text = README.read_text(encoding="utf-8")
    new, n = re.subn(
        rf"(<!-- bench:{marker} -->\n).*?(\n<!-- /bench:{marker} -->)",
        lambda m: m.group(1) + line + m.group(2),
        text,
        flags=re.S,
    )
    if n != 1:
        raise SystemExit(f"README.md has no bench:{marker} markers")
    README.write_text(new, encoding="utf-8")
