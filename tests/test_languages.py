"""Every subcommand speaks the language --lang asks for; JSON keys and ids never change."""

from __future__ import annotations

import json

from conftest import person
from shjzz.cli import main


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_speaks_the_language_asked_for(capsys, write_json):
    path = str(write_json(person(education={"level": "junior_college"})))
    _, en, _ = run_cli(capsys, "plan", path, "--on", "2024-06-01", "--lang", "en")
    _, zh, _ = run_cli(capsys, "plan", path, "--on", "2024-06-01", "--lang", "zh")
    assert "plan to 120 points" in en
    assert "达到 120 分的规划" in zh
    assert "plan to" not in zh
    _, out, _ = run_cli(
        capsys, "plan", path, "--on", "2024-06-01", "--lang", "zh", "--format", "json"
    )
    data = json.loads(out)
    assert data["levers"][0]["kind"] in {"skill_level", "degree", "title", "base"}
    assert "并非建议" in data["notes"][0]
