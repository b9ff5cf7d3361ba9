"""The cattrs converters: a strict one for applicant files, one for package data.

The applicant converter never coerces: ``"3"`` is not an int, ``3.7`` is not
a skill level, ``"abc"`` is not a list.  Its errors are turned into
:class:`~shjzz.errors.Problem` values with JSON field paths; nothing from
cattrs reaches the caller.  Attributes named ``from_`` are ``from`` in JSON.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import json
import math
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from shjzz._applicant import Applicant, json_name
from shjzz._limits import MAX_PERIODS, MAX_PROBLEMS
from shjzz._months import Month, parse_date
from shjzz.errors import InvalidApplicant, Problem, Said

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Iterator

T = TypeVar("T")


class _Bad(ValueError):
    """A value that breaks a rule; carries the value for the message."""

    def __init__(self, message: str, value: object) -> None:
        super().__init__(message)
        self.message = message
        self.value = value


def _renames(cls: type) -> dict[str, Any]:
    return {
        a.name: override(rename=json_name(a.name))
        for a in attrs.fields(cls)
        if json_name(a.name) != a.name
    }


def _base(*, strict: bool) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=strict)

    def attrs_factory(cls: type) -> Callable[[Any, Any], Any]:
        fn: Callable[[Mapping[str, Any], Any], Any] = make_dict_structure_fn(
            cls, conv, **_renames(cls)
        )

        def structure(value: object, _: object) -> object:
            if type(value) is not dict and not isinstance(value, Mapping):
                raise _Bad("must be an object", value)
            return fn(value, cls)

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_factory)
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, **_renames(cls))
    )
    conv.register_unstructure_hook(_dt.date, _dt.date.isoformat)
    conv.register_unstructure_hook(Month, str)
    conv.register_unstructure_hook(Decimal, _decimal_out)
    conv.register_structure_hook(Month, _month)
    conv.register_structure_hook(_dt.date, _date)
    return conv


def _decimal_out(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _month(value: object, _: object) -> Month:
    if isinstance(value, Month):
        return value
    if not isinstance(value, str):
        raise _Bad("must be a month written YYYY-MM", value)
    try:
        return _parse_month(value)
    except _Bad as exc:
        raise _Bad(_placeholder(value) or exc.message, value) from None


@functools.lru_cache(maxsize=8192)
def _parse_month(text: str) -> Month:
    """Months repeat across applicants and are immutable: parse each once."""
    try:
        return Month.parse(text)
    except ValueError:
        raise _Bad("must be a month written YYYY-MM", text) from None


def _date(value: object, _: object) -> _dt.date:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    if not isinstance(value, str):
        raise _Bad("must be a date written YYYY-MM-DD", value)
    try:
        return _parse_date(value)
    except _Bad as exc:
        raise _Bad(_placeholder(value) or exc.message, value) from None


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str) -> _dt.date:
    """Dates repeat across applicants and are immutable: parse each once."""
    try:
        day = parse_date(text)
    except ValueError:
        raise _Bad("is not a calendar date", text) from None
    if day is None:
        raise _Bad("must be a date written YYYY-MM-DD", text)
    return day


def _strict_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise _Bad(_placeholder(value) or "must be true or false", value)
    return value


@attrs.frozen
class OutOfRange:
    """A number in JSON text too large for Python to read (``1e99999999999999999999``).

    The JSON readers give it in place of the number, so the loader refuses it
    with its field path instead of the whole file failing.
    """

    text: str

    def __repr__(self) -> str:
        """The number as written, shortened."""
        return self.text if len(self.text) <= 40 else self.text[:39] + "…"


_INT_DIGITS = 4300
"""Python's limit on converting a decimal string to an int (``sys.get_int_max_str_digits``)."""


def parse_int(text: str) -> int | OutOfRange:
    """A JSON integer, or :class:`OutOfRange` past the digits Python converts."""
    return int(text) if len(text) <= _INT_DIGITS else OutOfRange(text)


def parse_decimal(text: str) -> Decimal | OutOfRange:
    """A JSON or TOML fraction as an exact Decimal, or :class:`OutOfRange` past its exponents."""
    try:
        return Decimal(text)
    except ArithmeticError:
        return OutOfRange(text)


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict, refusing a key given twice (JSON would keep the last)."""
    out = dict(pairs)
    if len(out) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                msg = f"duplicate key {json.dumps(key[:40], ensure_ascii=False)}"
                raise ValueError(msg)
            seen.add(key)
    return out


def _strict_int(value: object, _: object) -> int:
    if isinstance(value, OutOfRange):
        raise _Bad("is a number out of range", value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(_placeholder(value) or "must be a whole number", value)
    return value


def _strict_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise _Bad(_placeholder(value) or "must be a string", value)
    if value[:1] == "<" and value[-1:] == ">":
        raise _Bad(PLACEHOLDER, value)
    return value


SCHEMA_KEY = "$schema"
"""The key naming the file's JSON Schema, for editors: accepted, and otherwise ignored."""
PLACEHOLDER = "is a placeholder of shjzz new: fill it in, or remove what does not apply"
"""What a ``<…>`` string left in a starter file is told."""


def _placeholder(value: object) -> str | None:
    """:data:`PLACEHOLDER` if *value* is a ``<…>`` string, which ``shjzz new`` writes."""
    if isinstance(value, str) and value[:1] == "<" and value[-1:] == ">":
        return PLACEHOLDER
    return None


def _strict_decimal(value: object, _: object) -> Decimal:
    if isinstance(value, OutOfRange):
        raise _Bad("is a number out of range", value)
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise _Bad(_placeholder(value) or "must be a number", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise _Bad("must be a finite number", value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _Bad("must be a finite number", value)
        return value
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _is_literal(tp: object) -> bool:
    return typing.get_origin(tp) is Literal


def _literal_factory(tp: object) -> Callable[[Any, Any], Any]:
    allowed = typing.get_args(tp)

    def structure(value: object, _: object) -> object:
        if not isinstance(value, str) or value not in allowed:
            raise _Bad(_placeholder(value) or f"must be one of {', '.join(allowed)}", value)
        return value

    return structure


def _is_tuple(tp: object) -> bool:
    return typing.get_origin(tp) is tuple


def _tuple_factory(conv: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(tp: Any) -> Callable[[Any, Any], Any]:  # noqa: ANN401 - any tuple type
        (item,) = (a for a in typing.get_args(tp) if a is not Ellipsis)
        item_hook = conv.get_structure_hook(item)

        def structure(value: object, _: object) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise _Bad(
                    "must be a list", value if not isinstance(value, Mapping) else Said("{…}")
                )
            if len(value) > MAX_PERIODS:
                raise _Bad(f"at most {MAX_PERIODS} entries", Said(f"{len(value)} entries"))
            out, errors = [], []
            for i, v in enumerate(value):
                try:
                    out.append(item_hook(v, item))
                except Exception as exc:  # noqa: BLE001, PERF203 - collected, re-raised below
                    _add_note(exc, _index_note(i, item))
                    errors.append(exc)
                    if len(errors) > MAX_PROBLEMS:  # no more are reported: stop the work
                        break
            if errors:
                raise IterableValidationError("list", errors, tuple)
            return tuple(out)

        return structure

    return factory


def _add_note(exc: BaseException, note: str) -> None:
    """``exc.add_note`` (Python 3.11+), also on 3.10 where cattrs reads ``__notes__``."""
    notes = getattr(exc, "__notes__", None)
    if notes is None:
        notes = []
        exc.__notes__ = notes  # type: ignore[attr-defined]
    notes.append(note)


def _index_note(index: int, item: object) -> IterableValidationNote:
    return IterableValidationNote(f"item {index}", index, item)


@functools.cache
def applicant_converter() -> cattrs.Converter:
    """The strict converter for applicant files."""
    conv = _base(strict=True)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(Decimal, _strict_decimal)
    conv.register_structure_hook_factory(_is_literal, _literal_factory)
    conv.register_structure_hook_factory(_is_tuple, _tuple_factory(conv))
    conv.register_structure_hook_factory(_is_optional, _optional_factory(conv))
    return conv


def _is_optional(tp: object) -> bool:
    args = typing.get_args(tp)
    return len(args) == 2 and type(None) in args


def _optional_factory(conv: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """``X | None`` with the hook for ``X`` found once, not on every value."""

    def factory(tp: Any) -> Callable[[Any, Any], Any]:  # noqa: ANN401 - any optional type
        (inner,) = (a for a in typing.get_args(tp) if a is not type(None))
        hook = conv.get_structure_hook(inner)

        def structure(value: object, _: object) -> object:
            return None if value is None else hook(value, inner)

        return structure

    return factory


@functools.cache
def data_converter() -> cattrs.Converter:
    """The converter for shjzz's own package data (trusted, but typos still fail)."""
    conv = _base(strict=False)
    conv.register_structure_hook(Decimal, lambda v, _: Decimal(str(v)))
    return conv


def load_applicant(data: object) -> Applicant:
    """Read an applicant file (schema 1) from JSON-like data: dicts, lists, strings, numbers.

    Strict: unknown keys, wrong types and malformed dates are refused.  Every
    problem found is collected, with its field path, into one
    :class:`~shjzz.errors.InvalidApplicant`.
    """
    if not isinstance(data, Mapping):
        raise InvalidApplicant([Problem("", "the applicant file must be a JSON object")])
    schema = data.get("schema", 1)
    if type(schema) is not int or schema != 1:
        raise InvalidApplicant(
            [Problem("schema", "unsupported schema version; this shjzz reads schema 1", schema)]
        )
    if SCHEMA_KEY in data:
        if not isinstance(data[SCHEMA_KEY], str):
            raise InvalidApplicant(
                [Problem(SCHEMA_KEY, "must be the address of a JSON Schema", data[SCHEMA_KEY])]
            )
        data = {k: v for k, v in data.items() if k != SCHEMA_KEY}
    try:
        return applicant_converter().structure(data, Applicant)
    except InvalidApplicant:
        raise
    except Exception as exc:  # noqa: BLE001 - every structuring error becomes a Problem
        raise InvalidApplicant(_problems(exc, "")) from None


def unstructure(value: object) -> Any:  # noqa: ANN401 - JSON-like data
    """Plain JSON-ready data from a shjzz object."""
    return applicant_converter().unstructure(value)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _key_path(path: str, key: str) -> str:
    """A path to a key as given: plain when it is a name, else quoted and escaped."""
    if key.isascii() and key.isidentifier():
        return _join(path, key)
    quoted = json.dumps(key[:40] + ("…" if len(key) > 40 else ""))
    return f"{path}[{quoted}]"


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:  # noqa: C901 - one branch per error kind
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _problems(sub, _join(path, json_name(note.name)))
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, IterableValidationError):
        with_notes_i, without_i = exc.group_exceptions()
        for sub, inote in with_notes_i:
            yield from _problems(sub, f"{path}[{inote.index}]")
        for sub in without_i:
            yield from _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [json_name(a.name) for a in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields, key=str):
            hint = difflib.get_close_matches(str(key), known, n=1)
            tail = f"; did you mean {hint[0]}?" if hint else f"; known: {', '.join(known)}"
            yield Problem(_key_path(path, str(key)), "unknown field" + tail)
    elif isinstance(exc, _Bad):
        yield Problem(path, exc.message, exc.value)
    elif isinstance(exc, KeyError):
        yield Problem(path, "required")
    elif isinstance(exc, InvalidApplicant):
        yield from exc.problems
    else:
        yield Problem(path, f"invalid value ({type(exc).__name__})")
