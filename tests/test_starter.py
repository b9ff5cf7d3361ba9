"""``shjzz new``: a starter file with every field, that scores once its placeholders are filled."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator, FormatChecker

import shjzz
from shjzz._applicant import Applicant, json_name
from shjzz._convert import PLACEHOLDER
from shjzz._fields import LANGS, fields
from shjzz._months import Month
from shjzz._schema import applicant_schema
from shjzz.cli import BAD_INPUT, main
from shjzz.errors import InvalidApplicant

FILLED = {
    "YYYY-MM-DD": "2020-01-01",
    "YYYY-MM>": "2020-01",
    "1–5": 3,
    "CNY": 13000,
    "元": 13000,
    "junior_college": "bachelor",
    "municipal_special": "national",
    "false_material": "detention",
    "true | false": True,
}
"""What fills a placeholder, by a word in it (names are filled by their field)."""
NAMES = {
    "certificates": ["电工", "工程师", "注册安全工程师"],
    "name": "城市轨道交通车辆",
    "code": "52030100",
    "area": "临港新片区",
    "field": "环卫",
}


def fill(value: Any, key: str = "", index: int = 0) -> Any:
    if isinstance(value, dict):
        return {k: fill(v, k, index) for k, v in value.items()}
    if isinstance(value, list):
        return [
            fill(v, key if key != "certificates" else f"cert{i}", i) for i, v in enumerate(value)
        ]
    if isinstance(value, str) and value.startswith("<"):
        for word, filled in FILLED.items():
            if word in value:
                return filled
        return NAMES["certificates"][index] if key == "name" and index < 3 else NAMES.get(key, "x")
    return value


def starter(capsys, *args: str) -> dict[str, Any]:
    assert main(["new", *args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("lang", LANGS)
def test_the_starter_scores_once_its_placeholders_are_filled(capsys, lang):
    data = fill(starter(capsys, "--lang", lang))
    data["awards"][0]["name"] = "x"
    result = shjzz.score(data, on=dt.date(2025, 3, 1))
    assert result.policy == "2023"
    assert {i.indicator for i in result.items if i.points}


def test_the_starter_unfilled_names_every_placeholder(capsys):
    data = starter(capsys)
    with pytest.raises(InvalidApplicant) as exc:
        shjzz.load_applicant(data)
    paths = {p.path for p in exc.value.problems}
    assert {
        "birth_date",
        "education.level",
        "certificates[0].level",
        "spouse.shanghai_hukou",
    } <= paths
    assert all(p.message == PLACEHOLDER for p in exc.value.problems)


def _paths(cls: type, prefix: str = "") -> set[str]:
    out = set()
    for a in attrs.fields(cls):
        path = f"{prefix}{json_name(a.name)}"
        out.add(path)
        inner = [t for t in (*_args(a.type), a.type) if isinstance(t, type) and attrs.has(t)]
        if inner and inner[0] is not Month:
            out |= _paths(inner[0], f"{path}.")
    return out


def _args(tp: object) -> tuple[object, ...]:
    import typing  # noqa: PLC0415

    return tuple(t for t in typing.get_args(tp) if t is not Ellipsis)


def _present(data: object, prefix: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(data, dict):
        for k, v in data.items():
            out.add(f"{prefix}{k}")
            out |= _present(v, f"{prefix}{k}.")
    elif isinstance(data, list):
        for v in data:
            out |= _present(v, prefix)
    return out


def test_the_starter_has_every_field_and_the_schema_key(capsys):
    data = starter(capsys)
    assert data["$schema"] == applicant_schema()["$id"]
    assert _paths(Applicant) <= _present(data)
    assert [c["kind"] for c in data["certificates"]] == ["skill", "title", "qualification"]


def test_every_field_is_described_in_both_languages():
    def classes(cls: type, seen: set[type]) -> set[type]:
        seen.add(cls)
        for a in attrs.fields(cls):
            for t in (*_args(a.type), a.type):
                if isinstance(t, type) and attrs.has(t) and t is not Month and t not in seen:
                    classes(t, seen)
        return seen

    keys = {f"{c.__name__}.{a.name}" for c in classes(Applicant, set()) for a in attrs.fields(c)}
    assert set(fields()) == keys
    for entry in fields().values():
        assert len(entry["title"]) == len(entry["description"]) == len(LANGS)


def test_the_schema_gives_every_property_a_title_description_and_scalars_examples():
    schema = applicant_schema()
    objects = [schema, *schema["$defs"].values()]
    for obj in objects:
        for name, prop in obj["properties"].items():
            assert prop["title"], name
            assert "\n\n" in prop["description"], name  # Chinese, then English
            nested = "$ref" in json.dumps(prop)
            if not nested and prop.get("type") != "array":
                assert prop.get("examples"), name


def test_the_schema_accepts_the_filled_starter_and_refuses_placeholders(capsys):
    validator = Draft202012Validator(applicant_schema(), format_checker=FormatChecker())
    data = fill(starter(capsys, "--lang", "en"))
    assert validator.is_valid(data)
    data["awards"][0]["name"] = "<name>"
    assert not validator.is_valid(data)


def test_the_schema_key_is_accepted_and_must_be_a_string():
    assert shjzz.load_applicant({"$schema": "./applicant.schema.json", "birth_date": "1990-01-01"})
    with pytest.raises(InvalidApplicant, match=r"\$schema: must be the address of a JSON Schema"):
        shjzz.load_applicant({"$schema": 1, "birth_date": "1990-01-01"})


def test_new_writes_a_file_and_never_overwrites_it(capsys, tmp_path):
    path = tmp_path / "a.json"
    assert main(["new", "-o", str(path), "--lang", "en"]) == 0
    first = path.read_text(encoding="utf-8")
    assert "<birth date YYYY-MM-DD>" in first
    assert main(["new", "-o", str(path)]) == BAD_INPUT
    assert "exists already; shjzz new never overwrites" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == first
    assert main(["new", "-o", str(tmp_path / "no" / "such" / "dir.json")]) == BAD_INPUT
    assert "cannot write" in capsys.readouterr().err
