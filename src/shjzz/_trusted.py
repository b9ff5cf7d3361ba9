"""Structuring shjzz's own package data into frozen attrs objects, without generated code.

The policy data is trusted (it ships with the package and its tests), so it
needs no collected problem list, only typos refused.  Each type's structurer
is worked out once, on first use, from its fields (no code is compiled): the
policy registry loads without cattrs' code generation, which was most of the
cold start.  The tests check that it builds the very objects cattrs builds.
"""

from __future__ import annotations

import datetime as _dt
import functools
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs

from shjzz._months import parse_date

Structure = Callable[[object], object]


_T = typing.TypeVar("_T")


@typing.overload
def structure(value: object, kind: type[_T]) -> _T: ...
@typing.overload
def structure(value: object, kind: object) -> object: ...
def structure(value: object, kind: object) -> object:
    """*value* (JSON data) as *kind*: an attrs class, a tuple, a mapping, a scalar."""
    return structurer(kind)(value)


@functools.cache
def structurer(kind: object) -> Structure:  # noqa: PLR0911 - one return per kind of type
    """The function that structures JSON data as *kind*, worked out once per type."""
    if kind in _SCALARS:
        return _SCALARS[kind]
    if isinstance(kind, type) and attrs.has(kind):
        return _attrs_class(kind)
    if isinstance(kind, type) and issubclass(kind, Mapping):  # a mapping class of its own
        build = typing.cast("Structure", kind)
        return lambda value: build(_object(value))
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin is typing.Literal:
        return functools.partial(_literal, frozenset(args))
    if origin in {typing.Union, types.UnionType} and len(args) == 2 and type(None) in args:
        inner = structurer(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = structurer(args[0])
        return lambda value: tuple(map(item, _list(value)))
    if origin is Mapping or origin is dict:
        item = structurer(args[1])
        return lambda value: {str(k): item(v) for k, v in _object(value).items()}
    raise TypeError(f"no structurer for {kind!r}")


def _attrs_class(cls: type) -> Structure:
    fields = [f for f in attrs.fields(attrs.resolve_types(cls)) if f.init]
    plan = tuple((f.name.removesuffix("_"), f.alias, f.type) for f in fields)
    keys = frozenset(key for key, _, _ in plan)

    def build(value: object) -> object:
        data = _object(value)
        unknown = data.keys() - keys
        if unknown:
            raise ValueError(f"{cls.__name__}: unknown field {min(unknown)!r}")
        return cls(
            **{alias: structurer(kind)(data[key]) for key, alias, kind in plan if key in data}
        )

    return build


def _object(value: object) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise TypeError(f"must be an object, got {value!r}")
    return value


def _list(value: object) -> list[object]:
    if not isinstance(value, list | tuple):
        raise TypeError(f"must be a list, got {value!r}")
    return list(value)


def _literal(allowed: frozenset[object], value: object) -> object:
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {sorted(map(str, allowed))}")
    return value


def _date(value: object) -> _dt.date:
    day = parse_date(value) if isinstance(value, str) else None
    if day is None:
        raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")
    return day


_SCALARS: dict[object, Structure] = {
    str: str,
    int: lambda value: int(typing.cast("int", value)),
    bool: bool,
    Decimal: lambda value: Decimal(str(value)),
    _dt.date: _date,
}
