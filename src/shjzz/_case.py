"""Test-case files: an applicant with its date, pinned version, readings and ``expect``.

A case file is ``{"applicant": …, "on": …, "policy": …, "readings": …,
"expect": …, "note": …}``, the shape of the project's shared cases.  Everything in
it is checked when it is read: a malformed ``expect`` is an error naming what
is wrong, never a check that silently passes.  :func:`compare` sets a result
beside the ``expect``, key by key.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, NoReturn

import attrs

from shjzz._months import parse_date
from shjzz.errors import ShjzzError, user_value

if TYPE_CHECKING:
    from shjzz._result import ScoreResult

KEYS = ("applicant", "expect", "note", "on", "policy", "readings")
"""The keys a case file may have."""
_FLAGS = ("meets_standard", "eligible", "vetoed")
EXPECT_KEYS = ("policy", "total", *_FLAGS, "points")
"""The keys an ``expect`` may have, in the order they are compared."""


class InvalidCase(ShjzzError, ValueError):
    """A case file whose own keys (not its applicant) are malformed."""


@attrs.frozen
class Case:
    """An applicant file, or a test case wrapping one."""

    applicant: object
    on: _dt.date | None = None
    policy: str | None = None
    readings: Mapping[str, str] = attrs.field(factory=dict)
    expect: Mapping[str, object] | None = None
    """``None`` for a plain applicant file or a case without ``expect``."""


@attrs.frozen
class Difference:
    """One key whose value in the result is not the one the case expects."""

    key: str
    """``total``, ``policy``…, or ``points.age`` for one indicator."""
    expected: object
    got: object


@attrs.frozen
class Comparison:
    """A result set beside a case's ``expect``."""

    differences: tuple[Difference, ...]

    @property
    def matches(self) -> bool:
        """Whether the result is what the case expects, in every key it names."""
        return not self.differences


def read_case(data: object, source: str) -> Case:
    """*data* (read from *source*) as a :class:`Case`; a plain applicant file is one too."""
    if not isinstance(data, Mapping) or "applicant" not in data or "birth_date" in data:
        return Case(data)
    unknown = sorted(set(data) - set(KEYS), key=str)
    if unknown:
        _fail(source, user_value(unknown[0]), f"unknown key; a case file has {', '.join(KEYS)}")
    on = data.get("on")
    policy = data.get("policy")
    if policy is not None and not isinstance(policy, str):
        _fail(source, "policy", "must be a version id such as 2023", policy)
    return Case(
        data["applicant"],
        None if on is None else _day(on, source),
        policy,
        _readings(data.get("readings"), source),
        _expect(data["expect"], source) if "expect" in data else None,
    )


def _fail(source: str, key: str, message: str, *value: object) -> NoReturn:
    got = f" (got {user_value(value[0])})" if value else ""
    raise InvalidCase(f"{source}: case {key}: {message}{got}")


def _day(value: object, source: str) -> _dt.date:
    if not isinstance(value, str):
        _fail(source, "on", "must be a date written YYYY-MM-DD", value)
    try:
        day = parse_date(value)
    except ValueError:
        _fail(source, "on", "is not a calendar date", value)
    if day is None:
        _fail(source, "on", "must be a date written YYYY-MM-DD", value)
    return day


def _readings(value: object, source: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        _fail(source, "readings", 'must map reading ids to choices, such as {"R-4": "strict"}')
    return dict(value)


def _expect(value: object, source: str) -> dict[str, object]:
    if not isinstance(value, Mapping):
        _fail(source, "expect", f"must be an object with some of {', '.join(EXPECT_KEYS)}", value)
    unknown = sorted(set(value) - set(EXPECT_KEYS), key=str)
    if unknown:
        _fail(source, f"expect.{unknown[0]}", f"unknown key; expect has {', '.join(EXPECT_KEYS)}")
    if not value:
        _fail(source, "expect", f"names nothing to check; give some of {', '.join(EXPECT_KEYS)}")
    for key, ok, what in (
        ("policy", _is_str, "a version id such as 2023"),
        ("total", _is_int, "a whole number of points"),
        *((flag, _is_bool, "true or false") for flag in _FLAGS),
        ("points", _is_points, "an object of indicator ids and whole numbers of points"),
    ):
        if key in value and not ok(value[key]):
            _fail(source, f"expect.{key}", f"must be {what}", value[key])
    return dict(value)


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_points(value: object) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and _is_int(v) for k, v in value.items()
    )


def compare(expect: Mapping[str, object], result: ScoreResult) -> Comparison:
    """*result* beside *expect*: each key named whose value differs, indicator by indicator."""
    got: dict[str, object] = {
        "policy": result.policy,
        "total": result.total,
        "meets_standard": result.meets_standard,
        "eligible": result.eligible,
        "vetoed": result.vetoed,
    }
    out = [
        Difference(key, expect[key], got[key])
        for key in EXPECT_KEYS
        if key in expect and key != "points" and expect[key] != got[key]
    ]
    points = expect.get("points")
    if isinstance(points, Mapping):
        actual = result.points
        out += [
            Difference(f"points.{ident}", points.get(ident), actual.get(ident))
            for ident in [*actual, *(i for i in points if i not in actual)]
            if points.get(ident) != actual.get(ident)
        ]
    return Comparison(tuple(out))


def comparison_json(comparison: Comparison) -> dict[str, object]:
    """The JSON form: ``matches``, and each difference as ``{key, expected, got}``."""
    return {
        "matches": comparison.matches,
        "differences": [
            {"key": d.key, "expected": d.expected, "got": d.got} for d in comparison.differences
        ],
    }
