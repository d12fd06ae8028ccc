"""The examples in the package's docstrings run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import jixiao

MODULES = ["jixiao", *(f"jixiao.{m.name}" for m in pkgutil.iter_modules(jixiao.__path__) if not m.name.startswith("_"))]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_the_examples_exist():
    # A module list that silently became empty would make the test above pass vacuously.
    counts = {name: doctest.testmod(importlib.import_module(name)).attempted for name in MODULES}
    assert counts["jixiao"] >= 1 and counts["jixiao.documents"] >= 3, counts
