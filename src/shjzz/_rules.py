"""The reusable rule kinds a policy version is built from.

Each kind is a frozen object holding its parameters (read from package data)
and the :class:`~shjzz.Basis` they come from, plus the small computation it
stands for.  A policy version is data plus these kinds; which facts feed a
kind is the business of ``_score``, never of the version.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal

import attrs

from shjzz._result import Basis


def frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of *value*, for the mappings rule objects hold."""
    return MappingProxyType(dict(value))


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
    points: Mapping[str, int] = attrs.field(converter=frozen_map)


@attrs.frozen(kw_only=True)
class Flat:
    """A fixed number of points when a condition holds."""

    basis: Basis
    points: int


@attrs.frozen(kw_only=True)
class PerYear:
    """Points per full year, counted once a minimum of years is reached, up to a cap.

    ``scope`` names the facts that count where the indicator is limited to
    some (the public-service field 环卫), ``aliases`` other names of them
    (环境卫生 → 环卫).  ``counting`` says which months make the years: all
    qualifying ones (``cumulative``), or only the unbroken run that ends with
    the month before the evaluation date (``continuous``, Reading R-3's
    alternative).
    """

    basis: Basis
    per_year: int
    min_years: int = 0
    cap: int | None = None
    scope: tuple[str, ...] = ()
    aliases: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_map)
    counting: Literal["cumulative", "continuous"] = "cumulative"

    def field(self, name: str) -> str | None:
        """The scope name *name* stands for, or ``None`` outside the scope."""
        if name in self.scope:
            return name
        return self.aliases.get(name)

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


@attrs.frozen(kw_only=True, cache_hash=True)
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
    """The best of several :class:`MonthTier`, up to a cap.

    ``counting`` says how a month's ratio meets the tiers: ``cumulative``
    (Reading R-4: a month counts toward every tier whose multiple it reaches)
    or ``strict`` (its alternative: only toward the highest tier it reaches,
    so each tier is a band up to the next multiple).
    """

    basis: Basis
    tiers: tuple[MonthTier, ...]
    cap: int
    counting: Literal["cumulative", "strict"] = "cumulative"
    band_tops: tuple[Decimal | None, ...] = attrs.field(init=False, eq=False, repr=False)
    """Per tier, the multiple its band stops below when counting is ``strict``.

    That is the next higher multiple of any tier of the rule (``None`` for the
    highest).
    """

    def __attrs_post_init__(self) -> None:
        """Work out the band tops once, from the tiers."""
        multiples = sorted({t.multiple for t in self.tiers if t.multiple is not None})
        tops: list[Decimal | None] = []
        for t in self.tiers:
            higher = [m for m in multiples if t.multiple is not None and m > t.multiple]
            tops.append(higher[0] if higher else None)
        object.__setattr__(self, "band_tops", tuple(tops))


@attrs.frozen(kw_only=True)
class Threshold:
    """A fixed number of points when every named quantity reaches its minimum.

    ``requires`` names facts that must also hold on the evaluation date
    (the company is still in the incubator).
    """

    basis: Basis
    points: int
    minimums: Mapping[str, Decimal] = attrs.field(converter=frozen_map)
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
        """The last day a graduate of *graduated_on* counts as new (30 June of the next year)."""
        return _dt.date(graduated_on.year + self.until_years, self.until_month, self.until_day)


@attrs.frozen(kw_only=True)
class Certificates:
    """Skill levels, titles and qualifications, with where-obtained and base conditions."""

    basis: Basis
    skill: Mapping[str, int] = attrs.field(converter=frozen_map)
    """Points by skill level, ``"1"`` (一级) to ``"5"`` (五级)."""
    title: Mapping[str, int] = attrs.field(converter=frozen_map)
    """Points by title grade: ``intermediate``, ``senior``."""
    qualification: int
    where_obtained: Basis
    """Titles by exam and qualifications count wherever obtained; titles by review only
    in Shanghai; skills in Shanghai, or up to ``verified_max_level`` if verified there."""
    verified_max_level: int
    catalogue: Basis
    """Skill occupations, qualifications: only catalogue entries count."""
    condition: MonthTier | None = None
    """The base condition, for the certificates named by the ``condition_…`` fields."""
    condition_skill_levels: tuple[int, ...] = ()
    """Skill levels that need the base condition (2015 on: ``(1, 2)``)."""
    condition_titles: tuple[str, ...] = ()
    """Title grades that need it (``intermediate``, ``senior``)."""
    condition_qualifications: bool = False
    """Whether a professional qualification needs it (Reading R-6: no; ``as-title``: yes)."""
    condition_basis: Basis | None = None

    def condition_scope(self) -> str:
        """Which certificates need the base condition, in words (``中级/高级 titles, …``)."""
        grades = {"intermediate": "中级", "senior": "高级"}
        parts = []
        if self.condition_titles:
            parts.append("/".join(grades.get(g, g) for g in self.condition_titles) + " titles")
        if self.condition_skill_levels:
            levels = "/".join(str(n) for n in sorted(self.condition_skill_levels, reverse=True))
            parts.append(f"skill levels {levels}")
        if self.condition_qualifications:
            parts.append("professional qualifications")
        return ", ".join(parts) or "no certificate"

    def needs_condition(self, kind: str, grade: str | int) -> bool:
        """Whether a certificate of *kind* at *grade* (skill level or title grade) needs it."""
        if self.condition is None:
            return False
        if kind == "skill":
            return grade in self.condition_skill_levels
        if kind == "title":
            return grade in self.condition_titles
        return self.condition_qualifications


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
