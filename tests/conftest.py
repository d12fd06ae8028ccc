from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def load_value_gold() -> list[dict]:
    path = FIXTURES / "values" / "values_seeds.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def value_gold() -> list[dict]:
    return load_value_gold()
