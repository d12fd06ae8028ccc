"""The type stubs of the compiled module (python/jixiao/_jixiao.pyi) match it, by mypy's stubtest."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def test_stubs_match_the_compiled_module():
    pytest.importorskip("mypy")
    env = {**os.environ, "MYPY_CACHE_DIR": os.devnull}  # leave no cache behind
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "jixiao._jixiao"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
