"""The release wheel needs no Rust: built by scripts/build_wheels.py, installed into a fresh venv with no cargo
on PATH, it runs the README's main job and prints what the source tree prints.

This builds the wheel (about two minutes on two cores) and installs numpy and pandas into a new venv, so it is the
slowest test; it skips with a reason where maturin is not installed (``pip install '.[test]'`` installs it)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_wheels  # noqa: E402  (a script, not a package)

pytestmark = pytest.mark.skipif(
    shutil.which("maturin") is None and importlib.util.find_spec("maturin") is None,
    reason="maturin is not installed (pip install '.[test]' installs it)",
)


def cargo_version() -> str:
    text = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    m = re.search(r'^version = "([^"]+)"', text, re.M)
    assert m, "Cargo.toml has no version"
    return m.group(1)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheels.build(tmp_path_factory.mktemp("dist"), sdist=True)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    return venv, build_wheels.install(wheel, venv)


def test_one_abi3_manylinux_wheel_and_an_sdist(wheel: Path) -> None:
    version = cargo_version()
    assert wheel.name.startswith(f"jixiao-{version}-cp310-abi3-")
    if build_wheels.has_zig():
        assert "manylinux_2_17_x86_64" in wheel.name or "manylinux_2_17_aarch64" in wheel.name
    assert (wheel.parent / f"jixiao-{version}.tar.gz").is_file()
    names = zipfile.ZipFile(wheel).namelist()
    # The stable-ABI extension, the stub, the typed marker and the built-in profiles ship; no test data does.
    assert "jixiao/_jixiao.abi3.so" in names
    assert {"jixiao/_jixiao.pyi", "jixiao/py.typed"} <= set(names)
    assert any(n.startswith("jixiao/profiles/") for n in names)
    assert not any(n.startswith("tests/") for n in names)


def test_the_wheel_runs_the_main_job_without_a_toolchain(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    venv, env = installed
    assert shutil.which("cargo", path=env["PATH"]) is None
    assert shutil.which("rustc", path=env["PATH"]) is None
    exe = venv / "bin" / "jixiao"

    version = subprocess.run([str(exe), "--version"], env=env, capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"jixiao {cargo_version()}"

    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import jixiao; print(jixiao._jixiao.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert where.stdout.strip().startswith(str(venv)), "jixiao was imported from outside the fresh venv"

    # The README's main job, from the wheel, prints exactly what the source tree prints.
    job = ["score", str(ROOT / "examples" / "documents")]
    got = subprocess.run([str(exe), *job], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    want = subprocess.run(
        [sys.executable, "-m", "jixiao", *job], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert got.stdout == want.stdout
    assert "self-evaluation" in got.stdout
