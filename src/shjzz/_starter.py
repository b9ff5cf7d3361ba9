"""``shjzz new``: a starter applicant file with every field present.

JSON, so every supported Python reads it (TOML needs 3.11).  JSON has no
comments: the ``"$schema"`` key points an editor at the published schema,
whose titles and descriptions (Chinese and English) explain each field, and
every fact the applicant must state is a ``<…>`` placeholder that the loader
refuses until it is filled in or its entry removed.  Fields with a default
show the default.  ``certificates`` has one entry of each kind.
"""

from __future__ import annotations

import json
import typing
from decimal import Decimal
from typing import Any

import attrs

from shjzz._applicant import CERTIFICATE_KINDS, Applicant, Certificate, json_name
from shjzz._convert import SCHEMA_KEY
from shjzz._fields import text
from shjzz._i18n import Lang
from shjzz._months import Month
from shjzz._schema import SCHEMA_ID

_ONLY_FOR = {"Certificate.level": "skill", "Certificate.grade": "title"}
"""Fields that belong to one kind of certificate: absent from the others."""


def starter(lang: Lang = "zh") -> dict[str, Any]:
    """The starter file as data, its placeholders in *lang*."""
    return {SCHEMA_KEY: SCHEMA_ID, **_object(Applicant, lang, None)}


def starter_text(lang: Lang = "zh") -> str:
    """The starter file as the JSON text ``shjzz new`` writes."""
    return json.dumps(starter(lang), ensure_ascii=False, indent=2) + "\n"


def _object(cls: type, lang: Lang, kind: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for a in attrs.fields(cls):
        key = f"{cls.__name__}.{a.name}"
        if key == "Certificate.kind":
            out["kind"] = kind
            continue
        if _ONLY_FOR.get(key, kind) != kind:
            continue
        placeholder = text(key, "placeholder", lang)
        out[json_name(a.name)] = placeholder if placeholder is not None else _value(a, lang)
    return out


def _value(a: attrs.Attribute[Any], lang: Lang) -> Any:  # noqa: ANN401 - JSON data
    inner = _inner(a.type)
    if typing.get_origin(a.type) is tuple:
        if inner is Certificate:
            return [_object(Certificate, lang, kind) for kind in CERTIFICATE_KINDS]
        if _section(inner):
            return [_object(inner, lang, None)]
    elif _section(inner):
        return _object(inner, lang, None)
    return _json(a.default)


def _section(tp: object) -> bool:
    """Whether *tp* is a part of the file (an attrs class other than a month value)."""
    return isinstance(tp, type) and attrs.has(tp) and tp is not Month


def _inner(tp: Any) -> Any:  # noqa: ANN401 - any annotation
    """The class inside ``X | None`` or ``tuple[X, ...]``."""
    args = [t for t in typing.get_args(tp) if t not in (type(None), Ellipsis)]
    return args[0] if args else tp


def _json(default: object) -> object:
    if default is attrs.NOTHING:
        return None
    if isinstance(default, Decimal):
        return int(default)
    if isinstance(default, tuple):
        return [_json(v) for v in default]
    return default
