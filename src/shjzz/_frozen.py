"""A read-only ``dict``: the mappings frozen objects hold (rule tables, reading choices).

Unlike :class:`types.MappingProxyType` it hashes (so the objects holding it
do), pickles, and compares equal to a plain ``dict`` with the same items.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(dict[K, V]):
    """A ``dict`` that refuses to change after it is made."""

    __slots__ = ()

    def _refuse(self, *_: object, **__: object) -> NoReturn:
        raise TypeError("this mapping is frozen")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __hash__(self) -> int:  # type: ignore[override]
        """Hash by content."""
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as a call with the items (``dict``'s own path would call ``__setitem__``)."""
        return (type(self), (dict(self),))


def frozen(value: Mapping[K, V]) -> FrozenDict[K, V]:
    """A frozen copy of *value* (the same object if it already is one)."""
    return value if type(value) is FrozenDict else FrozenDict(value)
