"""The exceptions shjzz raises: the only ones a caller ever needs to catch.

Every error is a :class:`ShjzzError`.  Problems with an applicant's facts are
:class:`InvalidApplicant`, which carries every problem found as a
:class:`Problem` naming the field path, the rule broken and the value given.
"""

from __future__ import annotations

import enum
import itertools
import json
import reprlib
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from shjzz._limits import MAX_PROBLEMS
from shjzz._text import neutral

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "InvalidApplicant",
    "InvalidArgument",
    "InvalidQuery",
    "PolicyNotInForce",
    "Problem",
    "ShjzzError",
    "UnknownCatalogue",
    "UnknownPolicy",
    "UnknownReading",
    "UnknownSource",
]


class _Missing(enum.Enum):
    """No value given: a singleton that survives pickling."""

    VALUE = enum.auto()


_NO_VALUE = _Missing.VALUE
_REPR = reprlib.Repr()
_REPR.maxlevel = 2
_REPR.maxstring = 60
_REPR.maxother = 60
_INT_BITS = 10_000
"""Ints longer than this (about 3,000 digits) are described: repr() refuses past 4,300 digits."""
_LOG10_2 = 0.30103


class ShjzzError(Exception):
    """The base class of every error shjzz raises."""


@attrs.frozen
class Problem:
    """One problem with an input: where it is, what rule it breaks, what was given."""

    path: str
    """Field path in the applicant file, such as ``social_insurance[1].base``."""
    message: str
    """The rule broken, such as ``must be ≥ 0``."""
    value: object = attrs.field(default=_NO_VALUE, repr=False)
    """The value given, when there was one."""
    candidates: tuple[str, ...] = ()
    """For an ambiguous name: the catalogue entries it could mean."""

    @property
    def has_value(self) -> bool:
        """Whether a value was given (a missing field has none)."""
        return self.value is not _NO_VALUE

    def __str__(self) -> str:
        """Render as ``path: message (got value)``, one line."""
        text = f"{self.path}: {self.message}" if self.path else self.message
        if self.has_value:
            text += f" (got {_short_repr(self.value)})"
        if self.candidates:
            text += f"; candidates: {', '.join(self.candidates)}"
        return neutral(text.replace("\n", "\\n"))


def _short_repr(value: object, limit: int = 60) -> str:
    """A one-line rendering that cannot flood a terminal, recurse deeply or fail on odd Unicode."""
    text = neutral(user_value(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Said(str):
    """A description standing for a value too long to show (``1000000 entries``): shown as is."""

    __slots__ = ()


def user_value(value: object, depth: int = 0) -> str:  # noqa: PLR0911 - one per kind
    """*value* as the user wrote it in JSON or TOML: ``-5000``, ``"abc"``, ``true``, ``null``.

    Never Python's spelling (``Decimal('-5000')``, ``'abc'``, ``True``, ``None``).
    """
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int) and value.bit_length() > _INT_BITS:
        return f"a whole number of about {int(value.bit_length() * _LOG10_2):,} digits"
    if isinstance(value, (int, Decimal, Said)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value if len(value) <= _TEXT else value[:_TEXT] + "…", ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        if depth >= _DEPTH:
            return "[…]"
        shown = ", ".join(user_value(v, depth + 1) for v in value[:_ITEMS])
        return f"[{shown}{', …' if len(value) > _ITEMS else ''}]"
    if isinstance(value, dict):
        return "{…}" if value else "{}"
    return _REPR.repr(value)


_TEXT = 60
_ITEMS = 4
_DEPTH = 2


class InvalidApplicant(ShjzzError, ValueError):
    """The applicant's facts are malformed or contradict each other.

    ``problems`` lists every problem found, each with its field path.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Collect *problems* (at most ``MAX_PROBLEMS``); the message lists them one per line."""
        found = tuple(itertools.islice(problems, MAX_PROBLEMS + 1))
        if len(found) > MAX_PROBLEMS:
            more = Problem("", f"more problems than the {MAX_PROBLEMS} listed; fix these first")
            found = (*found[:MAX_PROBLEMS], more)
        self.problems = found
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[InvalidApplicant], tuple[tuple[Problem, ...]]]:
        """Pickle by the problems, so the copy has the same problems and message."""
        return type(self), (self.problems,)


class InvalidArgument(ShjzzError, TypeError):
    """An argument of the wrong type, such as ``on="2025-03-01"`` for a date."""


class InvalidQuery(ShjzzError, ValueError):
    """A lookup query that is not a string, too long, or asked on a date that is not one."""


class PolicyNotInForce(ShjzzError, LookupError):
    """No policy version is in force on the requested date."""

    def __init__(self, on: object, first: object, last: object, pin: str = "policy=…") -> None:
        """Say which date was asked for, which dates are covered, and how to pin (*pin*)."""
        self.on = on
        self.first = first
        self.last = last
        self.pin = pin
        super().__init__(
            f"no policy version is in force on {on}: the encoded versions cover "
            f"{first} to {last}; pin a version with {pin} to evaluate anyway"
        )

    def __reduce__(self) -> tuple[type[PolicyNotInForce], tuple[object, object, object, str]]:
        """Pickle by the arguments (a process pool sends errors back this way)."""
        return type(self), (self.on, self.first, self.last, self.pin)


class UnknownPolicy(ShjzzError, LookupError):
    """A policy id that names no encoded version."""

    def __init__(self, ident: object, known: Iterable[str]) -> None:
        """Say which id was asked for and which exist."""
        self.ident = ident
        self.known = tuple(known)
        super().__init__(
            f"unknown policy {_short_repr(ident)}: known versions are {', '.join(self.known)}"
        )

    def __reduce__(self) -> tuple[type[UnknownPolicy], tuple[object, tuple[str, ...]]]:
        """Pickle by the arguments."""
        return type(self), (self.ident, self.known)


class UnknownCatalogue(ShjzzError, LookupError):
    """A catalogue name that is not one of shjzz's catalogues."""

    def __init__(self, name: object, known: Iterable[str]) -> None:
        """Say which name was asked for and which exist."""
        self.name = name
        self.known = tuple(known)
        super().__init__(
            f"unknown catalogue {_short_repr(name)}: known are {', '.join(self.known)}"
        )

    def __reduce__(self) -> tuple[type[UnknownCatalogue], tuple[object, tuple[str, ...]]]:
        """Pickle by the arguments."""
        return type(self), (self.name, self.known)


class UnknownReading(ShjzzError, LookupError):
    """A reading id that has no alternatives, or a choice that is not one of its own."""

    def __init__(self, message: str) -> None:
        """Keep the message, which lists the valid readings or choices."""
        super().__init__(message)


class UnknownSource(ShjzzError, LookupError):
    """A source id that names no source in the package's bibliography."""

    def __init__(self, ident: object) -> None:
        """Say which id was asked for and what ids look like (there are too many to list)."""
        self.ident = ident
        super().__init__(
            f"unknown source {_short_repr(ident)}: ids look like P-S11, C-S10, N2, V-Q6 "
            "or T-2015, and shjzz.sources() lists them all"
        )

    def __reduce__(self) -> tuple[type[UnknownSource], tuple[object]]:
        """Pickle by the argument."""
        return type(self), (self.ident,)
