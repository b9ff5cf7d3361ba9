"""The package data's structurer builds what cattrs builds, and refuses typos."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Literal

import attrs
import pytest

from shjzz._convert import data_converter
from shjzz._policy import Amendment, Indicators, Reading, _structure_policy, registry
from shjzz._resources import names, read_text
from shjzz._trusted import structure


def _cattrs():
    conv = data_converter()
    conv.register_structure_hook(Indicators, lambda value, _: Indicators(value))
    return conv.structure


def test_every_version_amendment_and_reading_is_what_cattrs_builds():
    with_cattrs = _cattrs()
    for name in names("policies", ".json"):
        text = read_text(f"policies/{name}")
        ours = _structure_policy(structure, json.loads(text))
        theirs = _structure_policy(with_cattrs, json.loads(text))
        assert ours == theirs
        assert repr(ours) == repr(theirs)
        assert ours in registry().policies
    for file, kind in (("amendments.json", Amendment), ("readings.json", Reading)):
        for data in json.loads(read_text(file)):
            assert structure(data, kind) == with_cattrs(data, kind)


@attrs.frozen
class _Row:
    name: str
    on: dt.date
    amount: Decimal | None = None
    kind: Literal["a", "b"] = "a"
    tags: tuple[str, ...] = ()
    from_: int = 0


def test_a_row_is_built_field_by_field():
    data = {"name": "x", "on": "2024-01-31", "amount": 1.5, "kind": "b", "tags": ["t"], "from": 2}
    assert structure(data, _Row) == _Row("x", dt.date(2024, 1, 31), Decimal("1.5"), "b", ("t",), 2)
    assert structure({"name": "x", "on": "2024-01-31", "amount": None}, _Row).amount is None


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        ({"name": "x", "on": "2024-01-31", "nmae": "y"}, ValueError, "_Row: unknown field 'nmae'"),
        ({"name": "x", "on": "2024-1-31"}, ValueError, "must be a date written YYYY-MM-DD"),
        ({"name": "x", "on": "2024-02-30"}, ValueError, "day is out of range"),
        ({"name": "x", "on": "2024-01-31", "kind": "c"}, ValueError, "'c' is not one of"),
        ({"name": "x", "on": "2024-01-31", "tags": "t"}, TypeError, "must be a list"),
        ({"on": "2024-01-31"}, TypeError, "name"),
        ([], TypeError, "must be an object"),
    ],
)
def test_typos_and_wrong_shapes_are_refused(data, error, message):
    with pytest.raises(error, match=message):
        structure(data, _Row)


def test_a_type_it_cannot_build_is_named():
    with pytest.raises(TypeError, match="no structurer for"):
        structure(1, set[int])
