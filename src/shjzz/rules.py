"""The rule kinds a policy version is built from: each holds its data and its meaning.

A version's data names, for every indicator, the kind of its rule
(``"kind": "age_steps"``) and the rule's parameters.  The kind is the one place
the rule's meaning lives:

- :meth:`Rule.evaluate` scores it on an applicant's prepared facts;
- :meth:`Rule.describe` says it in words, for the docs and :func:`shjzz.diff`;
- :meth:`Rule.change_dates` names the days its result can change, for
  :func:`shjzz.plan`.

Its fields carry their own labels (``attrs`` metadata), so a diff can compare
two rules of one kind field by field.  A new version is a data file; a rule
that no kind can express is one new kind: a subclass of :class:`Rule`,
registered with :func:`register`.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

import attrs

from shjzz._facts import SKILL_LEVEL, how
from shjzz._frozen import frozen
from shjzz._items import item
from shjzz._lookup import NONE_CATALOGUE, Match, lookup, nearest
from shjzz._match import fold
from shjzz._months import add_years, full_years, index_str, month_starts, years_before
from shjzz._result import Basis, LineItem
from shjzz.errors import Problem

if TYPE_CHECKING:
    from shjzz._applicant import (
        Applicant,
        AreaPeriod,
        Award,
        Certificate,
        Education,
    )
    from shjzz._facts import Facts

__all__ = [
    "KINDS",
    "AgeSteps",
    "Awards",
    "BaseBands",
    "Certificates",
    "Deduction",
    "EducationTable",
    "Eligibility",
    "Entrepreneur",
    "InsuranceYears",
    "Investment",
    "MonthTier",
    "NewGraduate",
    "PublicService",
    "RemoteAreas",
    "Rule",
    "ShortageMajor",
    "SpouseYears",
    "Steps",
    "TechTransfer",
    "Veto",
    "frozen_map",
    "register",
]

_FAR = 10**9
_EDUCATION = {"junior_college": "大专/高职", "bachelor": "本科", "master": "硕士", "doctor": "博士"}
_GRADE = {"intermediate": "中级", "deputy_senior": "副高级", "senior": "正高级"}

KINDS: dict[str, type[Rule]] = {}
"""Every rule kind by the name the data uses for it."""


def frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of *value*, for the mappings rule objects hold (hashable, picklable)."""
    return frozen(value)


def _label(text: str, **kwargs: Any) -> Any:  # noqa: ANN401 - an attrs field
    """A field whose label says what it is in a sentence (used by :func:`shjzz.diff`)."""
    return attrs.field(metadata={"label": text}, **kwargs)


def num(value: Decimal | int) -> str:
    """``100,000``, ``0.8``: the exact value, grouped when whole."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return format(d.normalize(), "f")


class Rule:
    """What every rule kind offers; subclass it and :func:`register` the kind to add one.

    ``reads`` names the applicant field the rule reads (``None``: facts every
    applicant has, such as the birth date); when that field is empty the
    result is ``absent`` with 0 points and :meth:`evaluate` is not called.
    """

    __slots__ = ()
    kind: ClassVar[str]
    reads: ClassVar[str | None] = None
    absent: ClassVar[str] = ""
    basis: Basis

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The line item of *indicator* on *facts*."""
        raise NotImplementedError

    def describe(self) -> list[str]:
        """The rule in words, one phrase a line (code in backticks)."""
        raise NotImplementedError

    def conditions(self) -> list[tuple[str, str, Basis | None]]:
        """Further conditions with their own basis: ``(what, text, basis)``."""
        return []

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """Days in ``[start, end]`` on which the rule's result for *a* can change."""
        return iter(())


R = TypeVar("R", bound=type[Rule])


def register(kind: str) -> Callable[[R], R]:
    """Register a rule kind under the name the data uses for it (``"age_steps"``)."""

    def add(cls: R) -> R:
        known = KINDS.get(kind)
        if known is not None and known.__qualname__ != cls.__qualname__:
            raise ValueError(f"rule kind {kind!r} is already {known.__name__}")
        cls.kind = kind
        KINDS[kind] = cls
        return cls

    return add


# --- parts of rules ------------------------------------------------------------------


@attrs.frozen(kw_only=True, cache_hash=True)
class MonthTier:
    """At least ``at_least`` qualifying months in the ``window`` months before the month of ``on``.

    With ``multiple``, a month qualifies only if its base is at least that
    multiple of the month's reference wage.
    """

    window: int = _label("window (months)")
    at_least: int = _label("months needed")
    multiple: Decimal | None = _label("multiple of the reference wage", default=None)
    points: int = _label("points", default=0)

    def describe(self, top: Decimal | None = None) -> str:
        """``≥ 36 of the 48 months before the month of `on` at a base ≥ 0.8× … → 25``.

        *top*: the multiple the base must also stay below (a strict band).
        """
        text = f"≥ {self.at_least} of the {self.window} months before the month of `on`"
        if self.multiple is not None:
            text += f" at a base ≥ {num(self.multiple)}× the reference wage"
        if top is not None:
            text += f" and below {num(top)}×"
        return text + (f" → {self.points}" if self.points else "")


@attrs.frozen(kw_only=True)
class Steps:
    """``per_unit`` points for each whole ``unit`` of an amount."""

    unit: Decimal = _label("unit")
    per_unit: int = _label("points per unit")

    def points(self, amount: Decimal) -> int:
        """Points for *amount* (≥ 0), before any cap."""
        return int(amount // self.unit) * self.per_unit


class _Monthly:
    """A rule whose result can change with every month of contributions or residence."""

    __slots__ = ()

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """Every month."""
        return month_starts(start, end)


@attrs.frozen(kw_only=True)
class _PerYear(Rule):
    """Points per full year, counted once a minimum of years is reached, up to a cap."""

    per_year: int = _label("points per full year")
    min_years: int = _label("minimum full years", default=0)
    cap: int | None = _label("cap", default=None)

    def points(self, years: int, min_years: int | None = None) -> tuple[int, bool]:
        """``(points, capped)`` for *years* full years (*min_years*: another minimum)."""
        need = self.min_years if min_years is None else min_years
        if years <= 0 or years < need:
            return 0, False
        raw = years * self.per_year
        if self.cap is not None and raw > self.cap:
            return self.cap, True
        return raw, False

    def per_year_text(self) -> str:
        """``4 per full year, counted once 5 full years are reached, no cap``."""
        text = f"{self.per_year} per full year"
        if self.min_years:
            text += f", counted once {self.min_years} full years are reached"
        return text + (f", at most {self.cap}" if self.cap is not None else ", no cap")


def _period_months(facts: Facts, start: int, to: int | None) -> int:
    """Months of a period ``[start, to]`` before the month of ``on`` (open: through it)."""
    end = to + 1 if to is not None else facts.on_idx + 1
    return max(0, min(end, facts.on_idx) - start)


def _anniversaries(day: _dt.date, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
    for year in range(start.year, end.year + 1):
        yield add_years(day, year - day.year)


# --- basic indicators ------------------------------------------------------------------


@register("age_steps")
@attrs.frozen(kw_only=True)
class AgeSteps(Rule):
    """Points by age in full years: a floor band, then more per year younger, up to a cap.

    56–60 → 5, each year younger +2, at most 30; older than 60 → 0.
    """

    basis: Basis
    cap: int = _label("cap")
    floor_points: int = _label("points of the floor band")
    floor_from: int = _label("age the floor band starts")
    last_age: int = _label("last age with points")
    step: int = _label("points per year younger")

    def points(self, age: int) -> int:
        """Points for *age* (周岁)."""
        if age > self.last_age:
            return 0
        if age >= self.floor_from:
            return self.floor_points
        return min(self.cap, self.floor_points + self.step * (self.floor_from - age))

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """Points for the age on ``on``; over the last age, a warning too."""
        age = facts.age
        raw = self.floor_points + self.step * (self.floor_from - age)
        capped = age < self.floor_from and raw > self.cap
        if age > self.last_age:
            facts.warnings.append(
                f"age {age}: over {self.last_age}, no age points and not normally eligible"
            )
        return item(indicator, self.points(age), f"{age} 周岁", self.basis, capped=capped)

    def describe(self) -> list[str]:
        """The bands in one phrase."""
        return [
            (
                f"{self.floor_from}–{self.last_age} 周岁 → {self.floor_points}; each year "
                f"younger +{self.step}, at most {self.cap}; over {self.last_age} → 0"
            )
        ]

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """Birthdays."""
        return _anniversaries(a.birth_date, start, end)


@register("education_table")
@attrs.frozen(kw_only=True)
class EducationTable(Rule):
    """Points by the highest education; an unrecognised one scores 0."""

    reads: ClassVar[str | None] = "education"
    absent: ClassVar[str] = "no education given"
    basis: Basis
    points: Mapping[str, int] = _label("points for", converter=frozen_map)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The education's points, once graduated (L-4)."""
        e: Education = facts.a.education  # type: ignore[assignment]  # reads guarantees it
        name = _EDUCATION[e.level]
        if not e.recognized:
            return item(indicator, 0, f"{name} not recognised: scores 0", self.basis)
        if e.graduated_on is not None and e.graduated_on > facts.on:
            detail = f"{name}: graduates on {e.graduated_on}, after {facts.on} (L-4)"
            return item(indicator, 0, detail, self.basis)
        key = "bachelor_degree" if e.level == "bachelor" and e.degree else e.level
        detail = f"{name} with 学士学位" if key == "bachelor_degree" else name
        if e.level == "bachelor" and not e.degree:
            detail += " without 学士学位"
        return item(indicator, self.points[key], detail, self.basis)

    def describe(self) -> list[str]:
        """Each option and its points."""
        return ["; ".join(f"`{key}` → {points}" for key, points in self.points.items())]


_Found = tuple[int, str, Basis]
"""A certificate's points, what was read and the basis the points rest on."""


@register("certificates")
@attrs.frozen(kw_only=True)
class Certificates(Rule):
    """Skill levels, titles and qualifications, with where-obtained and base conditions."""

    reads: ClassVar[str | None] = "certificates"
    absent: ClassVar[str] = "no certificate given"
    basis: Basis
    skill: Mapping[str, int] = _label("points for skill level", converter=frozen_map)
    """Points by skill level, ``"1"`` (一级) to ``"5"`` (五级)."""
    title: Mapping[str, int] = _label("points for title grade", converter=frozen_map)
    """Points by title grade: ``intermediate``, ``senior``."""
    qualification: int = _label("points for a qualification")
    where_obtained: Basis
    """Titles by exam and qualifications count wherever obtained; titles by review only
    in Shanghai; skills in Shanghai, or up to ``verified_max_level`` if verified there."""
    verified_max_level: int = _label("highest skill level counted once verified")
    catalogue: Basis
    """Skill occupations, qualifications: only catalogue entries count."""
    condition: MonthTier | None = _label("base condition", default=None)
    """The base condition, for the certificates named by the ``condition_…`` fields."""
    condition_skill_levels: tuple[int, ...] = _label(
        "skill levels that need the base condition", default=()
    )
    """Skill levels that need the base condition (2015 on: ``(1, 2)``)."""
    condition_titles: tuple[str, ...] = _label(
        "title grades that need the base condition", default=()
    )
    """Title grades that need it (``intermediate``, ``senior``)."""
    condition_qualifications: bool = _label(
        "whether qualifications need the base condition", default=False
    )
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

    def condition_words(self, kind: str, grade: str | int) -> str | None:
        """The base condition on a certificate of *kind* at *grade*, in words, or ``None``."""
        tier = self.condition
        if tier is None or not self.needs_condition(kind, grade):
            return None
        return (
            f"the base condition (a contribution base ≥ {tier.multiple}× the reference wage in "
            f"at least {tier.at_least} of the last {tier.window} months)"
        )

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The best certificate counts; the others are listed after it."""
        certificates: tuple[Certificate, ...] = facts.a.certificates
        outcomes = [self._one(facts, i, c) for i, c in enumerate(certificates)]
        best = max(outcomes, key=lambda o: o[0])
        details = [o[1] for o in outcomes]
        if len(details) > 1:
            details.insert(0, details.pop(outcomes.index(best)))
        return item(indicator, best[0], "; ".join(details), best[2])

    def _one(self, facts: Facts, i: int, c: Certificate) -> _Found:
        path = f"certificates[{i}]"
        label = c.name or _GRADE.get(c.grade or "", "title")
        if not c.matches_post:
            return 0, f"{label}: does not match the post", self.basis
        if c.kind == "skill":
            return self._skill(facts, path, c)
        if c.kind == "title":
            return self._title(facts, path, c)
        return self._qualification(facts, path, c)

    def _conditioned(
        self, facts: Facts, kind: str, grade: str | int, *, points: int, read: str
    ) -> _Found:
        """*points* for a certificate read as *read*, unless the 1× base condition fails."""
        condition = self.condition
        if condition is None or not self.needs_condition(kind, grade):
            if condition is not None and kind == "qualification":
                read += f" (a qualification needs no {condition.multiple}× base condition, R-6)"
            return points, f"{read} → {points}", self.basis
        basis = self.condition_basis or self.basis
        months = facts.tier_months(condition)
        as_title = " as a 中级 title (R-6=as-title)" if kind == "qualification" else ""
        if months < condition.at_least:
            words = self.condition_words(kind, grade)
            why = f"{read} would give {points}{as_title}, but {words} is not met ({months} months)"
            return 0, why, basis
        return points, f"{read}{as_title} → {points}", self.basis

    def _skill(self, facts: Facts, path: str, c: Certificate) -> _Found:
        name = c.name or ""
        result = facts.resolve(f"{path}.name", name, ("skills",))
        match = result.best
        level = c.level
        if match is not None and match.level is not None:
            if level is None:
                level = match.level
            elif level != match.level:
                facts.problems.append(
                    Problem(
                        f"{path}.level",
                        f"contradicts the name ({name} = {SKILL_LEVEL[match.level]})",
                        c.level,
                    )
                )
        if level is None:
            facts.problems.append(
                Problem(f"{path}.level", "required for a skill certificate (1–5)")
            )
            return 0, name, self.basis
        edition = facts.catalogues.edition("skills", facts.on)
        if match is not None and match.catalogue == NONE_CATALOGUE:
            return 0, f"{how(name, match)}: earns no points", self.catalogue
        if match is None and result.ambiguous:
            return 0, name, self.basis
        if edition is None:
            facts.warnings.append(
                f"{path}: no skills catalogue is encoded for {facts.on} (R-5): "
                f"{name} is accepted unchecked"
            )
            read = how(name, match) if match is not None else name
        elif match is None:
            return 0, facts.not_found(name, "skills", result.hint), self.catalogue
        else:
            read = how(name, match)
        read = f"{read} {SKILL_LEVEL[level]}"
        verifiable = level <= self.verified_max_level
        if not c.in_shanghai and not (verifiable and c.verified_in_shanghai):
            why = (
                "obtained outside Shanghai and not verified there"
                if verifiable
                else f"obtained outside Shanghai; only levels 1–{self.verified_max_level} "
                "count once verified"
            )
            return 0, f"{read}: {why}", self.where_obtained
        points = self.skill[str(level)]
        return self._conditioned(facts, "skill", level, points=points, read=read)

    def _title(self, facts: Facts, path: str, c: Certificate) -> _Found:
        grade: str | None = c.grade
        read = _GRADE[grade] if grade else ""
        if c.name is not None:
            result = facts.resolve(f"{path}.name", c.name, ("titles",))
            match = result.best
            if match is not None and match.catalogue == NONE_CATALOGUE:
                return 0, f"{how(c.name, match)}: earns no points", self.catalogue
            if match is not None and match.entry is not None and match.entry.grade is not None:
                found = "intermediate" if match.entry.grade == "intermediate" else "senior"
                if grade is not None and grade != found:
                    facts.problems.append(
                        Problem(
                            f"{path}.grade",
                            f"contradicts the name ({c.name} is {_GRADE[match.entry.grade]})",
                            grade,
                        )
                    )
                grade = found
                read = f"{how(c.name, match)}, {_GRADE[match.entry.grade]}职称"
            elif grade is None:
                missing = facts.not_found(c.name, "titles", result.hint)
                return 0, missing + " and no grade given", self.catalogue
            else:
                read = (
                    f"{c.name}: not in the titles catalogue, "
                    f"counted as {_GRADE[grade]}职称 as stated (L-5)"
                )
        if grade is None:  # the applicant file guarantees a name or a grade
            return 0, "no title name or grade", self.basis
        if not c.in_shanghai and not c.by_exam:
            return 0, f"{read}: obtained by review outside Shanghai", self.where_obtained
        return self._conditioned(facts, "title", grade, points=self.title[grade], read=read)

    def _qualification(self, facts: Facts, path: str, c: Certificate) -> _Found:
        name = c.name or ""
        result = facts.resolve(f"{path}.name", name, ("qualifications",))
        match = result.best
        edition = facts.catalogues.nearest("qualifications", facts.on)
        if edition.effective > facts.on:
            facts.warnings.append(
                f"{path}: the qualifications catalogue of {facts.on} is not encoded; "
                f"the {edition.effective.year} edition was used (L-1)"
            )
        if match is None:
            if result.ambiguous:
                return 0, name, self.basis
            partial = "" if edition.complete else "; the catalogue is known only in part"
            why = facts.not_found(name, "qualifications", result.hint) + partial
            return 0, why, self.catalogue
        if match.catalogue == NONE_CATALOGUE:
            return 0, f"{how(name, match)}: earns no points", self.catalogue
        read = how(name, match)
        if not c.registered:
            return 0, f"{read}: not registered", self.basis
        return self._conditioned(
            facts, "qualification", "intermediate", points=self.qualification, read=read
        )

    def describe(self) -> list[str]:
        """The points of skill levels, titles and qualifications."""
        skills = ", ".join(f"{level} → {points}" for level, points in self.skill.items())
        titles = ", ".join(f"`{grade}` → {points}" for grade, points in self.title.items())
        return [
            f"skill level {skills}",
            f"title {titles}",
            f"qualification → {self.qualification}",
        ]

    def conditions(self) -> list[tuple[str, str, Basis | None]]:
        """Where obtained, the catalogue, the base condition: each with its own basis."""
        rows: list[tuple[str, str, Basis | None]] = [
            (
                "where obtained",
                (
                    "titles by examination and qualifications count wherever obtained; titles "
                    "by review only if obtained while working in Shanghai; skills if obtained "
                    f"in Shanghai, or at level 1–{self.verified_max_level} if verified there"
                ),
                self.where_obtained,
            ),
            (
                "catalogue",
                "skill occupations and qualifications count only if on the catalogue in force",
                self.catalogue,
            ),
        ]
        if self.condition is None:
            rows.append(("base condition", "none in this version", None))
        else:
            rows.append(
                (
                    "base condition",
                    f"{self.condition_scope()} need {self.condition.describe()}; otherwise the "
                    "certificate scores 0"
                    + ("" if self.condition_qualifications else "; qualifications do not"),
                    self.condition_basis or self.basis,
                )
            )
        return rows

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """The days certificates were obtained; the base condition changes monthly."""
        yield from (c.obtained_on for c in a.certificates if c.obtained_on is not None)
        if self.condition is not None:
            yield from month_starts(start, end)


@register("insurance_years")
@attrs.frozen(kw_only=True)
class InsuranceYears(_Monthly, _PerYear):
    """Points per full 12 qualifying months of employee social insurance, no cap.

    ``counting`` says which months make the years: all qualifying ones
    (``cumulative``, Reading R-3), or only the unbroken run that ends with the
    month before the evaluation date (``continuous``, its alternative).
    """

    basis: Basis
    counting: Literal["cumulative", "continuous"] = _label(
        "how months are counted", default="cumulative"
    )

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The full years of qualifying months before the month of ``on``."""
        if self.counting == "continuous":
            months = facts.run_months(facts.on_idx)
            last = index_str(facts.on_idx - 1)
            read = f"{months} unbroken qualifying months up to {last} (R-3=continuous)"
        else:
            months = facts.months(-_FAR, facts.on_idx)
            read = f"{months} qualifying months before {index_str(facts.on_idx)}"
        years = months // 12
        points, capped = self.points(years)
        detail = f"{read} → {years} full years"
        return item(indicator, points, detail, self.basis, capped=capped)

    def describe(self) -> list[str]:
        """Points per year, and how months are counted."""
        text = self.per_year_text()
        if self.counting == "continuous":
            text += "; only the unbroken run of months ending before the month of `on` counts"
        return [text]


# --- bonus indicators ------------------------------------------------------------------


@register("shortage_major")
@attrs.frozen(kw_only=True)
class ShortageMajor(Rule):
    """A fixed number of points for a major on the shortage-major catalogue, post matching."""

    reads: ClassVar[str | None] = "education"
    absent: ClassVar[str] = "no education given"
    basis: Basis
    points: int = _label("points")

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The stated answer, or the major looked up by name and code."""
        e: Education = facts.a.education  # type: ignore[assignment]  # reads guarantees it
        if not e.matches_post:
            return item(indicator, 0, "the post does not match the major", self.basis)
        if e.shortage_major is not None:
            points = self.points if e.shortage_major else 0
            stated = f"stated: shortage_major = {str(e.shortage_major).lower()}"
            return item(indicator, points, stated, self.basis)
        major = e.major
        if major is None or (major.name is None and major.code is None):
            return item(indicator, 0, "no major given", self.basis)
        edition = facts.catalogues.nearest("majors", facts.on)
        if edition.effective > facts.on:
            facts.warnings.append(
                f"education.major: the shortage-major catalogue of {facts.on} is not encoded; "
                f"the {edition.effective.year} edition was used (L-1)"
            )
        by_name = by_code = None
        if major.name is not None:
            by_name = facts.resolve("education.major.name", major.name, ("majors",)).best
        if major.code is not None:
            by_code = facts.resolve("education.major.code", major.code, ("majors",)).best
        label = " ".join(x for x in (major.code, major.name) if x)
        if major.name is not None and major.code is not None:
            why = _major_mismatch(major.name, major.code, by_name, by_code)
            if why:
                return item(indicator, 0, f"{label}: {why}", self.basis)
        match = by_name or by_code
        if match is None:
            facts.warnings.append(
                "education.major: not found in the shortage-major catalogue, which is known "
                "only in part; if the major is on the official list, state shortage_major: true"
            )
            detail = f"{label}: not on the shortage-major catalogue (partial)"
            return item(indicator, 0, detail, self.basis)
        read = how(major.name or major.code or "", match)
        return item(indicator, self.points, read, self.basis)

    def describe(self) -> list[str]:
        """The points."""
        return [str(self.points)]


def _major_mismatch(name: str, code: str, by_name: Match | None, by_code: Match | None) -> str:
    """Why a major given by name and code is not one catalogue entry (empty if it is)."""
    if by_name is None and by_code is None:
        return ""
    if by_code is None:
        return f"the name is on the catalogue but the code {code} is not"
    if by_name is None:
        return f"the code is on the catalogue but the name {name} is not"
    if by_name.name != by_code.name:
        return "the name and the code match different entries"
    return ""


@register("investment")
@attrs.frozen(kw_only=True)
class Investment(Rule):
    """Tax paid or local staff hired, averaged over years; the better route counts."""

    reads: ClassVar[str | None] = "investment"
    absent: ClassVar[str] = "no investment given"
    basis: Basis
    tax: Steps = _label("tax route")
    hiring: Steps = _label("hiring route")
    cap: int = _label("cap")
    years: int = _label("years averaged")

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The better of the two routes, capped."""
        inv = facts.a.investment
        if inv is None or (not inv.annual_tax and not inv.hukou_employees):
            return item(indicator, 0, "no investment given", self.basis)
        tax_avg = sum(inv.annual_tax, Decimal(0)) / self.years
        staff_avg = Decimal(sum(inv.hukou_employees)) / self.years
        tax_points = self.tax.points(tax_avg)
        staff_points = self.hiring.points(staff_avg)
        if tax_points >= staff_points:
            raw, detail = tax_points, f"average tax ¥{tax_avg:,.0f} a year over {self.years} years"
        else:
            raw, detail = staff_points, f"average {staff_avg:.1f} Shanghai-hukou staff a year"
        points = min(raw, self.cap)
        return item(indicator, points, detail, self.basis, capped=raw > self.cap)

    def describe(self) -> list[str]:
        """Both routes and the cap."""
        return [
            (
                f"{self.tax.per_unit} per full ¥{num(self.tax.unit)} of the average annual "
                f"tax, or {self.hiring.per_unit} per full {num(self.hiring.unit)} "
                f"Shanghai-hukou staff (average), over the last {self.years} tax years; the "
                f"better route counts; at most {self.cap}"
            )
        ]


@register("base_bands")
@attrs.frozen(kw_only=True)
class BaseBands(_Monthly, Rule):
    """The best of several :class:`MonthTier` of contribution bases, up to a cap.

    ``counting`` says how a month's ratio meets the tiers: ``cumulative``
    (Reading R-4: a month counts toward every tier whose multiple it reaches)
    or ``strict`` (its alternative: only toward the highest tier it reaches,
    so each tier is a band up to the next multiple).
    """

    basis: Basis
    tiers: tuple[MonthTier, ...] = _label("tier")
    cap: int = _label("cap")
    counting: Literal["cumulative", "strict"] = _label(
        "how months are counted", default="cumulative"
    )
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

    @property
    def tops(self) -> tuple[Decimal | None, ...]:
        """The tops that apply under this rule's counting (none when cumulative)."""
        return self.band_tops if self.counting == "strict" else (None,) * len(self.tiers)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The best band reached, capped."""
        tiers, tops = self.tiers, self.tops
        at_least, within = facts.band_months(tiers, self.band_tops)
        counts = within if self.counting == "strict" else at_least
        best = None
        for k, (tier, months) in enumerate(zip(tiers, counts, strict=True)):
            if months >= tier.at_least and (best is None or tier.points > tiers[best].points):
                best = k
        if best is None:
            raw = 0
            shown = [k for k, n in enumerate(counts) if n] or [0]
            detail = "; ".join(
                f"{counts[k]}{_tier_text(tiers[k], tops[k])} (needs {tiers[k].at_least})"
                for k in shown
            )
        else:
            raw = tiers[best].points
            detail = f"{counts[best]}{_tier_text(tiers[best], tops[best])} → {raw}"
        points = min(raw, self.cap)
        return item(indicator, points, detail, self.basis, capped=raw > self.cap)

    def describe(self) -> list[str]:
        """Each band, then the cap."""
        return [
            *(t.describe(top) for t, top in zip(self.tiers, self.tops, strict=True)),
            f"the best band counts, at most {self.cap}",
        ]


def _tier_text(tier: MonthTier, top: Decimal | None) -> str:
    """`` of the last 48 months at ≥ 0.8×`` (or ``at 1–2×`` for a strict band)."""
    if top is None:
        return f" of the last {tier.window} months at ≥ {tier.multiple}×"
    return f" of the last {tier.window} months at {tier.multiple}–{top}× (R-4=strict)"


def _threshold_text(points: int, minimums: Mapping[str, Decimal], requires: tuple[str, ...]) -> str:
    need = " and ".join(
        [f"`{k}` ≥ {num(v)}" for k, v in minimums.items()] + [f"`{fact}`" for fact in requires]
    )
    return f"{points} when {need}"


@register("entrepreneur")
@attrs.frozen(kw_only=True)
class Entrepreneur(Rule):
    """A fixed number of points for an entrepreneur in a registered incubator.

    ``requires`` names facts that must also hold on the evaluation date (the
    company is still in the incubator).
    """

    reads: ClassVar[str | None] = "entrepreneur"
    absent: ClassVar[str] = "no entrepreneur facts given"
    basis: Basis
    points: int = _label("points")
    minimums: Mapping[str, Decimal] = _label("minimum", converter=frozen_map)
    requires: tuple[str, ...] = _label("facts required", default=())

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The points when the share, the months and the required facts hold."""
        e = facts.a.entrepreneur
        if e is None:
            return item(indicator, 0, self.absent, self.basis)
        share, months = self.minimums["share_percent"], self.minimums["incubated_months"]
        holds = all(getattr(e, fact) for fact in self.requires)
        ok = e.share_percent >= share and e.incubated_months >= months and holds
        detail = (
            f"{e.share_percent}% share, {e.incubated_months} months incubated, "
            f"{'still' if e.in_incubator else 'no longer'} in the incubator"
        )
        if not ok:
            detail += f" (needs ≥ {share}%, ≥ {months} months, still there)"
        return item(indicator, self.points if ok else 0, detail, self.basis)

    def describe(self) -> list[str]:
        """The points and what they need."""
        return [_threshold_text(self.points, self.minimums, self.requires)]


@register("tech_transfer")
@attrs.frozen(kw_only=True)
class TechTransfer(Rule):
    """A fixed number of points after enough months at a technology-transfer agency."""

    reads: ClassVar[str | None] = "tech_transfer_months"
    absent: ClassVar[str] = "no technology-transfer months given"
    basis: Basis
    points: int = _label("points")
    minimums: Mapping[str, Decimal] = _label("minimum", converter=frozen_map)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The points once the months are enough."""
        months = facts.a.tech_transfer_months
        need = self.minimums["months"]
        ok = months >= need
        detail = f"{months} consecutive months at a technology-transfer agency" + (
            "" if ok else f" (needs {need})"
        )
        return item(indicator, self.points if ok else 0, detail, self.basis)

    def describe(self) -> list[str]:
        """The points and what they need."""
        return [_threshold_text(self.points, self.minimums, ())]


@register("public_service")
@attrs.frozen(kw_only=True)
class PublicService(_Monthly, _PerYear):
    """Points per full year in a specified public-service field, counted from a minimum.

    ``scope`` names the fields that count (环卫), ``aliases`` other names of
    them (环境卫生 → 环卫).
    """

    reads: ClassVar[str | None] = "public_service"
    absent: ClassVar[str] = "no public-service periods given"
    basis: Basis
    scope: tuple[str, ...] = _label("fields that count", default=())
    aliases: Mapping[str, str] = _label(
        "other names of the field", factory=dict, converter=frozen_map
    )

    def field(self, name: str) -> str | None:
        """The scope name *name* stands for, or ``None`` outside the scope.

        Names are compared as lookup keys (widths, spaces and punctuation folded).
        """
        key = fold(name)
        for field in self.scope:
            if fold(field) == key:
                return field
        return next((v for k, v in self.aliases.items() if fold(k) == key), None)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The full years in the fields of the scope, all periods together."""
        months, outside = 0, []
        for p in facts.a.public_service:
            if self.field(p.field) is None:
                outside.append(p.field)
                continue
            months += _period_months(facts, p.from_.index, None if p.to is None else p.to.index)
        years = months // 12
        points, capped = self.points(years)
        detail = f"{years} full years in {'/'.join(self.scope)}"
        if points == 0 and years:
            detail += f" (counts from {self.min_years})"
        if outside:
            detail += f"; not a specified field: {', '.join(outside)}"
        return item(indicator, points, detail, self.basis, capped=capped)

    def describe(self) -> list[str]:
        """Points per year, and the fields."""
        text = self.per_year_text()
        text += f"; only in {', '.join(self.scope)}"
        if self.aliases:
            text += " (" + ", ".join(f"{k} = {v}" for k, v in self.aliases.items()) + ")"
        return [text]


@register("remote_areas")
@attrs.frozen(kw_only=True)
class RemoteAreas(_Monthly, _PerYear):
    """Points per full year of work and residence in one remote key area, up to a cap.

    The area catalogue in force on the evaluation date says which areas count
    and after how many years; periods of one area (also under an old name) add
    up, and only the highest single area counts (同一单项指标取最高分).
    """

    reads: ClassVar[str | None] = "remote_area"
    absent: ClassVar[str] = "no remote-area periods given"
    basis: Basis

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The best single area's points."""
        months_by_area: dict[str, int] = {}
        threshold: dict[str, int] = {}
        notes: list[str] = []
        for i, p in enumerate(facts.a.remote_area):
            entry_name, after, note = _area(facts, i, p)
            if entry_name is None:
                notes.append(note)
                continue
            months = _period_months(facts, p.from_.index, None if p.to is None else p.to.index)
            months_by_area[entry_name] = months_by_area.get(entry_name, 0) + months
            threshold[entry_name] = after
            if note:
                notes.append(note)
        best, capped = 0, False
        for name, months in months_by_area.items():
            years = months // 12
            points, cut = self.points(years, threshold[name])
            if points > best:
                best, capped = points, cut
            need = f", counts after {threshold[name]}" if threshold[name] else ""
            notes.append(f"{name}: {years} full years{need} → {points}")
        if len(months_by_area) > 1:
            notes.append("only the highest single area counts (同一单项指标取最高分)")
        return item(indicator, best, "; ".join(notes), self.basis, capped=capped)

    def describe(self) -> list[str]:
        """Points per year; the areas and their thresholds come from the area catalogue."""
        return [
            self.per_year_text()
            + "; the highest single area counts; areas and the years after which they count "
            "follow the area catalogue in force"
        ]


def _area(facts: Facts, i: int, p: AreaPeriod) -> tuple[str | None, int, str]:
    """The area entry in force on ``on`` that *p* names, its threshold and a note."""
    path = f"remote_area[{i}].area"
    result = facts.resolve(path, p.area, ("areas",))
    match = result.best
    if match is not None and match.entry is not None:
        read = "" if match.how == "exact" else how(p.area, match)
        return match.entry.name, match.entry.counts_after_years, read
    if result.ambiguous:
        return None, 0, p.area
    known = lookup(p.area, catalogue="areas", on=_dt.date.max).confident
    dated = [
        e
        for ed in facts.catalogues.editions
        if ed.catalogue == "areas"
        for e in ed.entries
        if any(m.name == e.name for m in known) or e.name == p.area or p.area in e.alternates
    ]
    if dated:
        spans = ", ".join(
            f"{e.valid_from}–{e.valid_until - _dt.timedelta(days=1) if e.valid_until else ''}"
            for e in dated
        )
        return None, 0, f"{p.area}: not a remote key area on {facts.on} (counts {spans})"
    near = nearest(p.area, "areas", facts.on)
    return (
        None,
        0,
        f"{p.area}: not a remote key area" + (f" (known: {', '.join(near)})" if near else ""),
    )


@register("new_graduate")
@attrs.frozen(kw_only=True)
class NewGraduate(Rule):
    """Points from graduation through a day in a later year (30 June of the next)."""

    reads: ClassVar[str | None] = "education"
    absent: ClassVar[str] = "no graduation date given"
    basis: Basis
    points: int = _label("points")
    until_years: int = _label("years after graduation the window ends")
    until_month: int = _label("month the window ends")
    until_day: int = _label("day the window ends")

    def last_day(self, graduated_on: _dt.date) -> _dt.date:
        """The last day a graduate of *graduated_on* counts as new (30 June of the next year).

        At the end of the calendar the window ends on its last day.
        """
        year = graduated_on.year + self.until_years
        if year > _dt.MAXYEAR:
            return _dt.date.max
        return _dt.date(year, self.until_month, self.until_day)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The points inside the window, for a full-time graduate."""
        e: Education = facts.a.education  # type: ignore[assignment]  # reads guarantees it
        if e.graduated_on is None:
            return item(indicator, 0, self.absent, self.basis)
        grad = e.graduated_on
        until = self.last_day(grad)
        if not e.full_time:
            return item(indicator, 0, "not a full-time graduate", self.basis)
        if not grad <= facts.on <= until:
            detail = f"graduated {grad}; counts from then through {until}"
            return item(indicator, 0, detail, self.basis)
        detail = f"full-time graduate of {grad}, counts through {until}"
        return item(indicator, self.points, detail, self.basis)

    def describe(self) -> list[str]:
        """The points and the window."""
        year = {0: "the graduation year", 1: "the year after graduation"}.get(
            self.until_years, f"{self.until_years} years after graduation"
        )
        month = calendar.month_name[self.until_month]
        return [f"{self.points} from graduation through {self.until_day} {month} of {year}"]

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """Graduation, and the day after the window ends."""
        e = a.education
        if e is not None and e.graduated_on is not None:
            yield e.graduated_on
            last = self.last_day(e.graduated_on)
            if last < _dt.date.max:
                yield last + _dt.timedelta(days=1)


@register("awards")
@attrs.frozen(kw_only=True)
class Awards(Rule):
    """Points by award level, for awards won while working in Shanghai; the highest counts."""

    reads: ClassVar[str | None] = "awards"
    absent: ClassVar[str] = "no award given"
    basis: Basis
    points: Mapping[str, int] = _label("points for", converter=frozen_map)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The highest award made by ``on`` and won in Shanghai."""
        given: tuple[Award, ...] = facts.a.awards
        made = [w for w in given if w.awarded_on is None or w.awarded_on <= facts.on]
        if not made:
            return item(indicator, 0, f"no award made by {facts.on}", self.basis)
        awards = [w for w in made if w.in_shanghai]
        outside = [_award_label(w) for w in made if not w.in_shanghai]
        notes = [f"won outside Shanghai, does not count: {', '.join(outside)}"] if outside else []
        if not awards:
            return item(indicator, 0, "; ".join(notes), self.basis)
        best = max(awards, key=lambda w: self.points[w.level])
        detail = _award_label(best)
        if len(awards) > 1:
            detail += "; only the highest counts"
        return item(indicator, self.points[best.level], "; ".join([detail, *notes]), self.basis)

    def describe(self) -> list[str]:
        """Each level and its points."""
        return ["; ".join(f"`{key}` → {points}" for key, points in self.points.items())]

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """The days awards were made."""
        return (w.awarded_on for w in a.awards if w.awarded_on is not None)


def _award_label(w: Award) -> str:
    return w.level + (f" ({w.name})" if w.name else "")


@register("spouse_years")
@attrs.frozen(kw_only=True)
class SpouseYears(_PerYear):
    """Points per full year of marriage to a Shanghai-hukou spouse, up to a cap."""

    reads: ClassVar[str | None] = "spouse"
    absent: ClassVar[str] = "no spouse with Shanghai hukou given"
    basis: Basis

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The full years of marriage on ``on``."""
        s = facts.a.spouse
        if s is None or not s.shanghai_hukou or s.married_on is None:
            return item(indicator, 0, self.absent, self.basis)
        years = max(0, full_years(s.married_on, facts.on))
        points, capped = self.points(years)
        detail = f"married {years} full years to a Shanghai-hukou spouse"
        return item(indicator, points, detail, self.basis, capped=capped)

    def describe(self) -> list[str]:
        """Points per year and the cap."""
        return [self.per_year_text()]

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """Wedding anniversaries."""
        s = a.spouse
        if s is not None and s.married_on is not None:
            yield from _anniversaries(s.married_on, start, end)


# --- deductions, eligibility, vetoes ---------------------------------------------------


@register("deduction")
@attrs.frozen(kw_only=True)
class Deduction(Rule):
    """Points (negative) per record of a kind dated within a window of years before ``on``."""

    reads: ClassVar[str | None] = "records"
    absent: ClassVar[str] = "no record given"
    basis: Basis
    record: str = _label("record kind")
    points: int = _label("points per record")
    window_years: int = _label("window (years)")

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The records of the window, each deducting."""
        on = facts.on
        dated = [r.on for r in facts.a.records if r.kind == self.record and r.on <= on]
        since = years_before(on, self.window_years) if dated else on
        n = sum(1 for day in dated if day > since)
        if not n:
            detail = f"no record in the last {self.window_years} years"
            return item(indicator, 0, detail, self.basis)
        return item(indicator, n * self.points, f"{n} record(s) dated after {since}", self.basis)

    def describe(self) -> list[str]:
        """Points per record and the window."""
        return [
            (
                f"{self.points} per `{self.record}` record dated within the "
                f"{self.window_years} years before `on`"
            )
        ]

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """The records' days, and the anniversaries on which they leave the window."""
        for r in a.records:
            if r.kind == self.record:
                yield r.on
                yield add_years(r.on, self.window_years)


@attrs.frozen(kw_only=True)
class Veto:
    """A record that vetoes the application (一票否决), whenever it was made (up to ``on``)."""

    basis: Basis
    record: str = _label("record kind")

    def applies(self, facts: Facts, version: str) -> bool:
        """Whether a record of this kind is dated on or before ``on``; warns if so."""
        found = False
        for r in facts.a.records:
            if r.kind == self.record and r.on <= facts.on:
                facts.warnings.append(
                    f"vetoed (一票否决): {r.kind} record of {r.on} under version {version}"
                )
                found = True
        return found

    def describe(self) -> list[str]:
        """The record kind."""
        return [f"a `{self.record}` record, whenever dated"]

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """The records' days."""
        return (r.on for r in a.records if r.kind == self.record)


@attrs.frozen(kw_only=True)
class Eligibility(_Monthly):
    """Who may apply: paying in the month of ``on`` and, where set, enough recent months."""

    basis: Basis
    recent: MonthTier | None = _label("recent contributions", default=None)

    def applies(self, facts: Facts) -> bool:
        """Whether the applicant may apply on ``on``; the reasons if not are warnings."""
        ok = True
        on_idx = facts.on_idx
        if not facts.months(on_idx, on_idx + 1):
            facts.warnings.append(
                "not eligible: not paying Shanghai employee social insurance in "
                f"{index_str(on_idx)}"
            )
            ok = False
        if self.recent is not None:
            months = facts.tier_months(self.recent)
            if months < self.recent.at_least:
                facts.warnings.append(
                    f"not eligible: {months} months of contributions in the "
                    f"{self.recent.window} months before {index_str(on_idx)} "
                    f"(needs {self.recent.at_least})"
                )
                ok = False
        return ok

    def describe(self) -> list[str]:
        """Who may apply, in one phrase."""
        text = "pays Shanghai employee social insurance in the month of `on`"
        if self.recent is not None:
            text += f"; and {self.recent.describe()}"
        return [text]
