"""The JSON Schema of the applicant file, generated from the attrs classes.

``python -m shjzz._schema > src/shjzz/data/applicant.schema.json`` regenerates
the copy shipped in the package; a test keeps the two equal.  JSON Schema
cannot say everything :func:`shjzz.load_applicant` checks (periods must not
overlap); everything else it can say, it says.
"""

from __future__ import annotations

import datetime as _dt
import json
import types
import typing
from decimal import Decimal
from typing import Any, Literal

import attrs

from shjzz._applicant import Applicant, Certificate, Spouse, json_name
from shjzz._convert import SCHEMA_KEY
from shjzz._fields import fields
from shjzz._limits import MAX_MONEY, MAX_PERIODS, MAX_TEXT
from shjzz._months import Month

SCHEMA_ID = "https://shjzz.invalid/schema/applicant-1.json"

_CONSTRAINTS: dict[str, dict[str, object]] = {
    "Applicant.schema": {"const": 1},
    "AreaPeriod.area": {"pattern": r"^[^\x00-\x1f]*\S[^\x00-\x1f]*$"},
    "ServicePeriod.field": {"pattern": r"^[^\x00-\x1f]*\S[^\x00-\x1f]*$"},
    "Certificate.level": {"minimum": 1, "maximum": 5},
    "Entrepreneur.share_percent": {"maximum": 100},
    "Investment.annual_tax": {"anyOf": [{"maxItems": 0}, {"minItems": 3, "maxItems": 3}]},
    "Investment.hukou_employees": {"anyOf": [{"maxItems": 0}, {"minItems": 3, "maxItems": 3}]},
}
"""Constraints beyond the field's type, by ``Class.field``."""

_SCHEMA_PROPERTY = {
    "type": "string",
    "title": "JSON Schema",
    "description": "本文件的 JSON Schema 地址，供编辑器补全和提示；shjzz 不读取它。\n\n"
    "The address of this file's JSON Schema, for an editor's completion and hover help; "
    "shjzz does not read it.",
    "examples": [SCHEMA_ID],
}

_DESCRIPTIONS = {
    Applicant: "The facts about one applicant (schema 1). Facts, never points.",
    Certificate: "A skill certificate (by occupation and level), a title or a qualification.",
    Spouse: "The applicant's spouse.",
}


def applicant_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the applicant file."""
    defs: dict[str, Any] = {}
    root = _object(Applicant, defs)
    root["properties"] = {SCHEMA_KEY: _SCHEMA_PROPERTY, **root["properties"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "shjzz applicant file, schema 1",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required = []
    for a in attrs.fields(cls):
        name = json_name(a.name)
        schema = _type(a.type, defs)
        schema.update(_CONSTRAINTS.get(f"{cls.__name__}.{a.name}", {}))
        schema.update(_documented(f"{cls.__name__}.{a.name}"))
        if a.default is attrs.NOTHING:
            required.append(name)
        elif a.default is not None and not isinstance(a.default, tuple):
            schema["default"] = _json_default(a.default)
        properties[name] = schema
    out: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    if cls in _DESCRIPTIONS:
        out["description"] = _DESCRIPTIONS[cls]
    out.update(_conditions(cls))
    return out


def _documented(key: str) -> dict[str, Any]:
    """A field's title and description in both languages (zh, then en), and its examples."""
    entry = fields().get(key)
    if entry is None:
        return {}
    out: dict[str, Any] = {
        "title": " · ".join(entry["title"]),
        "description": "\n\n".join(entry["description"]),
    }
    if "examples" in entry:
        out["examples"] = entry["examples"]
    return out


def _json_default(value: object) -> object:
    return int(value) if isinstance(value, Decimal) else value


def _conditions(cls: type) -> dict[str, Any]:
    """The cross-field rules JSON Schema can express."""
    if cls is Certificate:
        return {
            "allOf": [
                _when("skill", {"required": ["name"]}),
                _when("title", {"anyOf": [{"required": ["name"]}, {"required": ["grade"]}]}),
                _when("qualification", {"required": ["name"]}),
                {"if": {"not": _kind("skill")}, "then": {"not": {"required": ["level"]}}},
                {"if": {"not": _kind("title")}, "then": {"not": {"required": ["grade"]}}},
            ]
        }
    if cls is Spouse:
        return {
            "if": {"properties": {"shanghai_hukou": {"const": True}}},
            "then": {"required": ["married_on"]},
        }
    return {}


def _kind(kind: str) -> dict[str, Any]:
    return {"properties": {"kind": {"const": kind}}, "required": ["kind"]}


def _when(kind: str, then: dict[str, Any]) -> dict[str, Any]:
    return {"if": _kind(kind), "then": then}


def _type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401 - one branch per type
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = _type(options[0], defs)
        return {"anyOf": [inner, {"type": "null"}]} if len(options) < len(args) else inner
    if origin is Literal:
        return {"enum": list(args)}
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], defs), "maxItems": MAX_PERIODS}
    if tp in _SCALARS:
        return dict(_SCALARS[tp])
    defs.setdefault(tp.__name__, _object(tp, defs))
    return {"$ref": f"#/$defs/{tp.__name__}"}


_SCALARS: dict[object, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer", "minimum": 0, "maximum": MAX_MONEY},
    str: {
        "type": "string",
        "maxLength": MAX_TEXT,
        "pattern": r"^[^\x00-\x1f]*$",
        "not": {"pattern": "^<.*>$"},
    },
    Decimal: {"type": "number", "minimum": 0, "maximum": MAX_MONEY},
    _dt.date: {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    Month: {"type": "string", "pattern": r"^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])$"},
}


def schema_text() -> str:
    """The schema as the text shipped in the package."""
    return json.dumps(applicant_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")  # noqa: T201
