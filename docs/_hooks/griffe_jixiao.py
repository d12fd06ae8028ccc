"""A griffe extension for the API reference (mkdocs.yml: mkdocstrings → python → options → extensions).

- The compiled module ``jixiao._jixiao`` is read from its stub ``_jixiao.pyi`` (signatures and types; griffe
  merges the stub into what it inspects of the compiled module, or reads the stub alone). An object whose stub
  has no docstring takes the compiled object's, and a constant inspected there loses the docstring of its type
  (``str(object='') -> str``). Functions whose docstring is completed at import take the completed one.
- ``#:`` comments above a module constant (``#: Severities, mildest first …``) become its docstring, as Sphinx reads
  them.
- The docstrings are written for ``help()`` and Sphinx-style reST; for Markdown, ``>>>`` examples become fenced
  ``pycon`` blocks, ``:func:`x``` roles become code (a cross-reference when ``x`` is a documented public name of
  ``jixiao``) and a ``::`` that introduces an indented block becomes ``:``.
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|attr|mod|data|obj|exc):`~?([^`]+)`")


def _live(path: str) -> Any:
    """The object at a dotted path under ``jixiao``, imported, or None."""
    parts = path.split(".")
    obj: Any = None
    for n in range(len(parts), 0, -1):  # the longest importable module, then attributes
        try:
            obj = importlib.import_module(".".join(parts[:n]))
        except ImportError:
            continue
        for part in parts[n:]:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj
    return None


def _doctests_fenced(text: str) -> str:
    """Interactive examples (``>>>`` lines, their continuations and output up to a blank line) as ``pycon`` fences;
    an example already inside a fence is left alone."""
    out: list[str] = []
    lines = text.split("\n")
    i, fenced = 0, False
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced or not line.lstrip().startswith(">>>"):
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        if out and out[-1].strip():
            out.append("")
        out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
    return "\n".join(out)


#: The submodules with pages of their own in docs/api/ (their public members can be linked to).
DOCUMENTED_MODULES = ("jixiao.plot", "jixiao.batch", "jixiao.validation")


def _crossref(name: str, obj: griffe.Object, public: set[str], loader: griffe.GriffeLoader) -> str | None:
    """The identifier a role's target has on the API pages, or None when it has no entry there."""
    short = name.removeprefix("jixiao.")
    if short.split(".")[0] in public:  # jixiao.read, Document.to_json
        return f"jixiao.{short}"
    for module in DOCUMENTED_MODULES:
        path = name if name.startswith(module + ".") else f"{module}.{name}"
        if obj.module.path == module or name.startswith(module + "."):
            try:
                loader.modules_collection[path]
            except KeyError:
                continue
            if not any(part.startswith("_") for part in path.split(".")):
                return path
    return None


class JixiaoDocstrings(griffe.Extension):
    """See the module docstring."""

    def on_attribute_instance(self, *, node: Any, attr: griffe.Attribute, agent: Any, **kwargs: Any) -> None:
        if attr.docstring is not None or attr.lineno is None or attr.filepath is None:
            return
        try:
            lines = attr.lines_collection[attr.filepath]
        except KeyError:
            return
        comment: list[str] = []
        n = attr.lineno - 2  # the line above the assignment, 0-based
        while n >= 0 and lines[n].lstrip().startswith("#:"):
            comment.insert(0, lines[n].lstrip()[2:].strip())
            n -= 1
        if comment:
            attr.docstring = griffe.Docstring("\n".join(comment), lineno=attr.lineno, parent=attr)

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        if pkg.name != "jixiao":
            return
        public = {str(name) for name in pkg.exports or ()}
        for obj in self._walk(pkg):
            self._runtime_docstring(obj)
            if obj.docstring is not None:
                obj.docstring = self._markdown(obj, public, loader)

    def _runtime_docstring(self, obj: griffe.Object) -> None:
        """The docstring Python sees: the compiled object's when the stub has none; the one a module rewrites at
        import (``documents.py`` fills ``{read_args}`` in); none for a constant whose docstring is its type's."""
        live = _live(obj.path)
        if live is None:
            return
        if isinstance(live, (str, bytes, int, float, list, tuple, dict, frozenset, set)):  # a constant
            if obj.docstring is not None and obj.docstring.value == inspect.cleandoc(type(live).__doc__ or ""):
                obj.docstring = None
            return
        doc = getattr(live, "__doc__", None)
        compiled = obj.path.startswith("jixiao._jixiao.")
        if not doc or obj.kind is griffe.Kind.MODULE or (obj.docstring is None and not compiled):
            return
        doc = inspect.cleandoc(doc)
        if obj.docstring is None or obj.docstring.value != doc:
            obj.docstring = griffe.Docstring(doc, lineno=getattr(obj.docstring, "lineno", None), parent=obj)

    def _walk(self, obj: griffe.Object):
        yield obj
        for member in obj.members.values():
            if member.name == "__main__":  # importing it would run the command line
                continue
            if not member.is_alias and member.kind in (griffe.Kind.MODULE, griffe.Kind.CLASS):
                yield from self._walk(member)
            elif not member.is_alias:
                yield member

    def _markdown(self, obj: griffe.Object, public: set[str], loader: griffe.GriffeLoader) -> griffe.Docstring:
        old = obj.docstring
        assert old is not None

        def role(m: re.Match[str]) -> str:
            name = m.group(1).strip()
            target = _crossref(name, obj, public, loader)
            return f"[`{name}`][{target}]" if target else f"`{name}`"

        text = _ROLE.sub(role, old.value)
        text = re.sub(r"(\S)::\n", r"\1:\n", text)
        text = _doctests_fenced(text)
        return griffe.Docstring(
            text,
            lineno=old.lineno,
            endlineno=old.endlineno,
            parent=obj,
            parser=old.parser or loader.docstring_parser,
            parser_options=old.parser_options or loader.docstring_options,
        )
