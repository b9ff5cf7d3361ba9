"""The reusable rule kinds a policy version is built from.

Each kind is a frozen object holding its parameters (read from package data)
and the :class:`~shjzz.Basis` they come from, plus the small computation it
stands for.  A policy version is data plus these kinds; which facts feed a
kind is the business of ``_score``, never of the version.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TypeVar

import attrs

from shjzz._months import in_year
from shjzz._result import Basis

_V = TypeVar("_V")


class FrozenMap(Mapping[str, _V]):
    """A read-only mapping that hashes and pickles (a ``mappingproxy`` does neither)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, _V]) -> None:
        """Copy *data*."""
        self._data = dict(data)

    def __getitem__(self, key: str) -> _V:
        """The value of *key*."""
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        """The keys, in order."""
        return iter(self._data)

    def __len__(self) -> int:
        """How many keys."""
        return len(self._data)

    def __hash__(self) -> int:
        """Equal mappings hash equal."""
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        """As a dict."""
        return repr(self._data)

    def __reduce__(self) -> tuple[type[FrozenMap[_V]], tuple[dict[str, _V]]]:
        """Pickle by the data."""
        return type(self), (self._data,)


@attrs.frozen(kw_only=True)
class AgeSteps:
    """Points by age in full years: a floor band, then more per year younger, up to a cap.

    56–60 → 5, each year younger +2, at most 30; older than 60 → 0.
    """

    basis: Basis
    cap: int
    floor_points: int
    floor_from: int
    last_age: int
    step: int

    def points(self, age: int) -> int:
        """Points for *age* (周岁)."""
        if age > self.last_age:
            return 0
        if age >= self.floor_from:
            return self.floor_points
        return min(self.cap, self.floor_points + self.step * (self.floor_from - age))


@attrs.frozen(kw_only=True)
class Table:
    """Points by a named option; within one indicator only the best option counts."""

    basis: Basis
    points: Mapping[str, int] = attrs.field(converter=FrozenMap)


@attrs.frozen(kw_only=True)
class Flat:
    """A fixed number of points when a condition holds."""

    basis: Basis
    points: int


@attrs.frozen(kw_only=True)
class PerYear:
    """Points per full year, counted once a minimum of years is reached, up to a cap.

    ``scope`` names the facts that count where the indicator is limited to
    some (the public-service field 环卫).
    """

    basis: Basis
    per_year: int
    min_years: int = 0
    cap: int | None = None
    scope: tuple[str, ...] = ()

    def points(self, years: int, min_years: int | None = None) -> tuple[int, bool]:
        """``(points, capped)`` for *years* full years."""
        need = self.min_years if min_years is None else min_years
        if years <= 0 or years < need:
            return 0, False
        raw = years * self.per_year
        if self.cap is not None and raw > self.cap:
            return self.cap, True
        return raw, False


@attrs.frozen(kw_only=True)
class Steps:
    """``per_unit`` points for each whole ``unit`` of an amount."""

    unit: Decimal
    per_unit: int

    def points(self, amount: Decimal) -> int:
        """Points for *amount* (≥ 0), before any cap."""
        return int(amount // self.unit) * self.per_unit


@attrs.frozen(kw_only=True)
class Investment:
    """Tax paid or local staff hired, averaged over years; the better route counts."""

    basis: Basis
    tax: Steps
    hiring: Steps
    cap: int
    years: int


@attrs.frozen(kw_only=True)
class MonthTier:
    """At least ``at_least`` qualifying months in the ``window`` months before the month of ``on``.

    With ``multiple``, a month qualifies only if its base is at least that
    multiple of the month's reference wage (Reading R-4: tiers are cumulative,
    so a month at 2.5× also counts toward 1×).
    """

    window: int
    at_least: int
    multiple: Decimal | None = None
    points: int = 0


@attrs.frozen(kw_only=True)
class MonthBands:
    """The best of several :class:`MonthTier`, up to a cap."""

    basis: Basis
    tiers: tuple[MonthTier, ...]
    cap: int


@attrs.frozen(kw_only=True)
class Threshold:
    """A fixed number of points when every named quantity reaches its minimum.

    ``requires`` names facts that must also hold on the evaluation date
    (the company is still in the incubator).
    """

    basis: Basis
    points: int
    minimums: Mapping[str, Decimal] = attrs.field(converter=FrozenMap)
    requires: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class GraduateWindow:
    """Points from graduation through a day in a later year (30 June of the next)."""

    basis: Basis
    points: int
    until_years: int
    until_month: int
    until_day: int

    def last_day(self, graduated_on: _dt.date) -> _dt.date:
        """The last day a graduate of *graduated_on* counts as new (30 June of the next year).

        ``date.max`` for a graduation in year 9999: the window runs past every date.
        """
        return in_year(graduated_on.year + self.until_years, self.until_month, self.until_day)


@attrs.frozen(kw_only=True)
class Certificates:
    """Skill levels, titles and qualifications, with where-obtained and base conditions."""

    basis: Basis
    skill: Mapping[str, int] = attrs.field(converter=FrozenMap)
    """Points by skill level, ``"1"`` (一级) to ``"5"`` (五级)."""
    title: Mapping[str, int] = attrs.field(converter=FrozenMap)
    """Points by title grade: ``intermediate``, ``senior``."""
    qualification: int
    where_obtained: Basis
    """Titles by exam and qualifications count wherever obtained; titles by review only
    in Shanghai; skills in Shanghai, or up to ``verified_max_level`` if verified there."""
    verified_max_level: int
    catalogue: Basis
    """Skill occupations, qualifications: only catalogue entries count."""
    condition: MonthTier | None = None
    """The base condition for certificates worth ``condition_from`` points or more."""
    condition_from: int = 0
    condition_basis: Basis | None = None


@attrs.frozen(kw_only=True)
class Deduction:
    """Points (negative) per record dated within a window of years before ``on``."""

    basis: Basis
    points: int
    window_years: int


@attrs.frozen(kw_only=True)
class Veto:
    """A record that vetoes the application (一票否决), whenever it was made."""

    basis: Basis
    record: str


@attrs.frozen(kw_only=True)
class Eligibility:
    """Who may apply: paying in the month of ``on`` and, where set, enough recent months."""

    basis: Basis
    recent: MonthTier | None = None
