"""Shared helpers: the public cases, and a quick way to build and score applicants."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import shjzz

HERE = Path(__file__).parent
SHARED = Path(os.environ.get("SHJZZ_SHARED", HERE.parent.parent / "shared"))
VENDORED = HERE / "shared_cases"


def shared_case_dir() -> Path:
    """The live ``../shared/cases`` when present, else the vendored copy."""
    live = SHARED / "cases"
    return live if live.is_dir() else VENDORED


def case_files() -> list[Path]:
    """Every case file: the public ones and the project's own."""
    return sorted(shared_case_dir().glob("*.json")) + sorted((HERE / "cases").glob("*.json"))


def load_case(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def run(
    data: dict[str, Any],
    on: str | dt.date,
    policy: str | None = None,
    readings: dict[str, str] | None = None,
) -> shjzz.ScoreResult:
    """Load *data* as an applicant and score it."""
    day = dt.date.fromisoformat(on) if isinstance(on, str) else on
    return shjzz.score(shjzz.load_applicant(data), on=day, policy=policy, readings=readings)


def person(**facts: Any) -> dict[str, Any]:
    """A 30-year-old paying since 2020 at ¥9000, plus *facts*."""
    data: dict[str, Any] = {
        "birth_date": "1995-06-15",
        "social_insurance": [{"from": "2020-01", "base": 9000}],
    }
    data.update(facts)
    return data


@pytest.fixture
def write_json(tmp_path: Path):
    def write(data: object, name: str = "applicant.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


settings.register_profile("deep", max_examples=20_000, deadline=None)
"""``HYPOTHESIS_PROFILE=deep`` (``nox -s fuzz``): long fuzzing runs, outside the default session."""
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's texts in English unless a test asks for a language (``--lang``)."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
