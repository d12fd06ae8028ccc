"""Builds the release artefacts: one abi3 manylinux wheel (CPython 3.10 and later) and the sdist.

构建发布包：一个 abi3 manylinux wheel（适用于 CPython 3.10 及以后各版本）和源码包。

    python scripts/build_wheels.py [--out dist] [--measure [--write-readme]]

The wheel is linked by zig (``pip install ziglang``) against glibc 2.17, so that it installs on any Linux from
manylinux2014 on, not only on machines as new as the one that built it; maturin checks the symbol versions and
refuses a wheel that needs more. Without zig it falls back to the host's own manylinux level and says so.

``--measure`` installs the wheel into a fresh venv with no Rust toolchain on PATH and prints the wheel's size and
the import time of ``jixiao`` (best of 5 fresh interpreters); ``--write-readme`` puts that line into README.md.
The last line printed without ``--measure`` is the wheel's path, for scripts.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The oldest glibc the wheel supports (manylinux2014 = glibc 2.17).
COMPATIBILITY = "manylinux2014"


def has_zig() -> bool:
    return importlib.util.find_spec("ziglang") is not None or shutil.which("zig") is not None


def maturin() -> list[str]:
    """How to run maturin: the command on PATH, else the module of the running interpreter."""
    if shutil.which("maturin"):
        return ["maturin"]
    if importlib.util.find_spec("maturin") is not None:
        return [sys.executable, "-m", "maturin"]
    raise SystemExit("maturin is not installed: pip install maturin ziglang")


def build(out: Path, sdist: bool = True) -> Path:
    """Builds the wheel (and the sdist) into ``out``; returns the wheel's path."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("jixiao-*"):
        old.unlink()
    if sdist:
        subprocess.run([*maturin(), "sdist", "--out", str(out)], cwd=ROOT, check=True)
    cmd = [*maturin(), "build", "--release", "--out", str(out)]
    if has_zig():
        cmd += ["--zig", "--compatibility", COMPATIBILITY]
    else:
        print(
            f"zig not found (pip install ziglang): the wheel gets this machine's manylinux level, not {COMPATIBILITY}"
        )
    subprocess.run(cmd, cwd=ROOT, check=True)
    wheels = sorted(out.glob("jixiao-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one wheel in {out}, found {[w.name for w in wheels]}")
    wheel = wheels[0]
    # One wheel for every CPython from 3.10: the stable ABI, and a manylinux tag pip accepts on other machines.
    if "-cp310-abi3-" not in wheel.name or "manylinux" not in wheel.name:
        raise SystemExit(f"{wheel.name} is not an abi3 manylinux wheel")
    return wheel


def toolchain_free_env(venv: Path) -> dict[str, str]:
    """The environment of a machine without Rust: the venv first, then the system's own directories, and no
    directory that holds cargo or rustc."""
    dirs = [str(venv / "bin")] + [
        d
        for d in ("/usr/local/bin", "/usr/bin", "/bin")
        if not any(os.path.exists(os.path.join(d, tool)) for tool in ("cargo", "rustc"))
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CARGO", "RUSTUP", "VIRTUAL_ENV", "PYTHON"))}
    env["PATH"] = os.pathsep.join(dirs)
    return env


def install(wheel: Path, venv: Path) -> dict[str, str]:
    """A fresh venv with the wheel installed (dependencies from the index); returns its toolchain-free env."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = toolchain_free_env(venv)
    if shutil.which("cargo", path=env["PATH"]) or shutil.which("rustc", path=env["PATH"]):
        raise SystemExit("a Rust toolchain is still on PATH")
    # --only-binary: jixiao must come from the wheel, never be compiled (there is no cargo to compile it with).
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--only-binary", "jixiao", str(wheel)],
        env=env,
        check=True,
    )
    return env


def import_seconds(venv: Path, env: dict[str, str], runs: int = 5) -> float:
    """The best wall time of ``import jixiao`` in a fresh interpreter, less the interpreter's own start-up."""

    def best(code: str) -> float:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([str(venv / "bin" / "python"), "-c", code], env=env, check=True, cwd=tempfile.gettempdir())
            times.append(time.perf_counter() - t0)
        return min(times)

    return best("import jixiao") - best("pass")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "dist")
    ap.add_argument("--no-sdist", action="store_true", help="build the wheel only")
    ap.add_argument("--measure", action="store_true", help="install into a fresh venv; print size and import time")
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()
    wheel = build(args.out, sdist=not args.no_sdist)
    if not args.measure:
        print(wheel)
        return
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        env = install(wheel, venv)
        seconds = import_seconds(venv, env)
    mib = wheel.stat().st_size / 2**20
    line = (
        f"`{wheel.name}`: **{mib:.1f} MiB**; `import jixiao` takes **{seconds * 1000:.0f} ms** in a fresh "
        f"interpreter (best of 5, interpreter start-up subtracted; numpy and pandas included), installed with no "
        f"Rust toolchain on PATH"
    )
    print(line)
    if args.write_readme:
        sys.path.insert(0, str(ROOT / "benches"))
        import readme_results

        readme_results.write("wheel", line)


if __name__ == "__main__":
    main()
