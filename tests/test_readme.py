"""The README's two commands are true: CI runs its test command, word for word."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _console_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```console\n(.*?)```", text, re.DOTALL)]


def test_ci_runs_exactly_the_readme_test_command():
    first_screen = _console_blocks((ROOT / "README.md").read_text(encoding="utf-8"))[:2]
    install, tests = first_screen
    assert install.endswith("shjzz score --example")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == tests
