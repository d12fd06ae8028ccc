"""MkDocs hooks of the documentation site (mkdocs.yml → hooks).

- **Rule catalogue in the navigation**: the nav entry ``rules/README.md`` becomes a section holding the catalogue
  and every rule page of ``docs/rules/`` (generated from the Rust catalogue), so a new rule needs no nav edit.
- **Links out of docs/**: the generated rule pages link to their fixtures (``../../tests/fixtures/rules/H101/``),
  which are not part of the site. A link to a file of the repository outside ``docs/`` points into the repository
  when ``repo_url`` is set and becomes plain text otherwise; a link to a path that does not exist is left alone,
  so that the strict build reports it.
- **Gallery**: every ``python`` block of ``gallery.md`` is run in order in one namespace, from the repository root;
  a block with ``title="NAME.png"`` draws a plot with ``jixiao.plot`` into ``ax``, which is rendered and added to
  the build as ``assets/gallery/NAME.png``. Nothing is written to ``docs/``; the page shows the code that drew
  each figure.
- **API coverage**: every name of ``jixiao.__all__`` must have its own ``::: jixiao.NAME`` block on a page of
  ``docs/api/``; a missing one is a warning, which fails the strict build.
"""

from __future__ import annotations

import ast
import contextlib
import io
import logging
import os
import re
import warnings
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.jixiao")

GALLERY_PAGE = "gallery.md"
GALLERY_DIR = "assets/gallery"
_FENCE = re.compile(r'^```python(?:[^\n]*?title="([^"]+)")?[^\n]*\n(.*?)^```', re.M | re.S)
_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)\)")


@contextlib.contextmanager
def _cwd(path: Path):
    """``contextlib.chdir`` (Python 3.11) for Python 3.10."""
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: Any) -> Any:
    """The rule catalogue entry of the nav, expanded to the catalogue and its rule pages."""
    rules = sorted(p.name for p in Path(config.docs_dir, "rules").glob("*.md") if p.name != "README.md")

    def expand(items: list) -> list:
        out = []
        for item in items:
            if isinstance(item, dict):
                ((title, value),) = item.items()
                if value == "rules/README.md":
                    value = ["rules/README.md", *(f"rules/{name}" for name in rules)]
                elif isinstance(value, list):
                    value = expand(value)
                out.append({title: value})
            else:
                out.append(item)
        return out

    if config.nav:
        config.nav = expand(config.nav)
    return config


def on_files(files: Files, config: Any) -> Files:
    _check_api_coverage(config)
    for name, png in _gallery(config).items():
        files.append(File.generated(config, f"{GALLERY_DIR}/{name}", content=png))
    return files


def _gallery(config: Any) -> dict[str, bytes]:
    """The gallery's figures, drawn by the code blocks of its page."""
    source = Path(config.docs_dir, GALLERY_PAGE).read_text(encoding="utf-8")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    images: dict[str, bytes] = {}
    namespace: dict[str, Any] = {"__name__": "gallery"}
    with _cwd(_root(config)), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        for title, code in _FENCE.findall(source):
            namespace.pop("ax", None)
            exec(compile(code, f"{GALLERY_PAGE} ({title or 'setup'})", "exec"), namespace)
            if not title:
                continue
            ax = namespace.get("ax")
            if ax is None:
                log.warning("%s: the block titled %s sets no `ax`", GALLERY_PAGE, title)
                continue
            buffer = io.BytesIO()
            ax.figure.savefig(buffer, format="png", bbox_inches="tight", dpi=110)
            plt.close(ax.figure)
            images[title] = buffer.getvalue()
    return images


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    docs_dir = Path(config.docs_dir).resolve()
    root = _root(config)
    here = Path(page.file.abs_src_path).parent if page.file.abs_src_path else docs_dir

    def link(m: re.Match[str]) -> str:
        text, target = m.group(1), m.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "/")):
            return m.group(0)
        path = (here / target.split("#", 1)[0]).resolve()
        if path.is_relative_to(docs_dir) or not path.is_relative_to(root) or not path.exists():
            return m.group(0)
        if config.repo_url:
            kind = "tree" if path.is_dir() else "blob"
            return f"[{text}]({config.repo_url.rstrip('/')}/{kind}/HEAD/{path.relative_to(root).as_posix()})"
        return text

    return _LINK.sub(link, markdown)


def _check_api_coverage(config: Any) -> None:
    """Every name of ``jixiao.__all__`` has a ``::: jixiao.NAME`` block on an API page."""
    init = _root(config) / "python" / "jixiao" / "__init__.py"
    public: list[str] = []
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            public = list(ast.literal_eval(node.value))
    documented = set()
    for page in Path(config.docs_dir, "api").glob("*.md"):
        documented |= set(re.findall(r"^::: jixiao\.(\w+)\s*$", page.read_text(encoding="utf-8"), re.M))
    for name in public:
        if name not in documented:
            log.warning("jixiao.%s is in jixiao.__all__ but has no `::: jixiao.%s` block under docs/api/", name, name)
    if not public:
        log.warning("no __all__ found in %s", init)
