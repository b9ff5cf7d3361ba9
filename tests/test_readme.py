"""The README's two commands are true: CI runs its test command, word for word."""

from __future__ import annotations

import re
import subprocess
import sys
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


def _python_block() -> str:
    (block,) = re.findall(
        r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.DOTALL
    )
    return str(block)


def test_the_readme_python_block_runs_as_a_script(tmp_path):
    block = _python_block()
    script = tmp_path / "readme.py"
    script.write_text(block, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_the_readme_python_block_says_what_it_gets():
    """Each ``expression  # value`` line of the block is true."""
    block = _python_block()
    namespace: dict[str, object] = {}
    claims = []
    for line in block.splitlines():
        code, _, said = line.partition("#")
        if said.strip() and code.strip() and "=" not in code and "…" not in said:
            claims.append((code.strip(), said.strip()))
    exec(block, namespace)  # noqa: S102 - the README's own example
    assert claims
    for code, said in claims:
        assert repr(eval(code, namespace)) == said or str(eval(code, namespace)) == said, code  # noqa: S307
