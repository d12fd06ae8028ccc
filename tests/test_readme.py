"""The README's promises: its test command is what CI runs, and its examples print what they say."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import jixiao

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_readme_examples_run() -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(README, {"jixiao": jixiao}, "README.md", "README.md", 0)
    assert test.examples, "the README has no examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


def test_docstring_examples_run() -> None:
    import jixiao.values

    for module in (jixiao, jixiao.values):
        result = doctest.testmod(module, extraglobs={"jixiao": jixiao}, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__


def test_readme_main_job_runs(monkeypatch, capsys) -> None:
    # The first set-up command is `pip install . && jixiao ...`; the jixiao part must succeed on the examples.
    from jixiao.cli import main

    job = _setup_commands()[0].split("&&", 1)[1].split()
    assert job[0] == "jixiao"
    monkeypatch.chdir(ROOT)
    assert main(job[1:]) == 0
    assert "维护维修及时性" in capsys.readouterr().out
