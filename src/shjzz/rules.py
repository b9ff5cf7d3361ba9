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

import datetime as _dt
import gettext
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

import attrs

from shjzz._facts import SKILL_LEVEL, how, skill_level
from shjzz._frozen import frozen
from shjzz._i18n import N_, Lang, as_lang, translations
from shjzz._items import item
from shjzz._lookup import NONE_CATALOGUE, Match, lookup
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
_EDUCATION = {
    "junior_college": N_("junior college"),
    "bachelor": N_("bachelor's"),
    "master": N_("master's"),
    "doctor": N_("doctorate"),
}
_GRADE = {
    "intermediate": N_("intermediate"),
    "deputy_senior": N_("deputy senior"),
    "senior": N_("senior"),
}
_TITLE = N_("title")
_AWARD = {
    "municipal_special": N_("municipal special award"),
    "municipal_comprehensive": N_("municipal comprehensive award"),
    "national": N_("national award"),
}
_RECORD = {
    "false_material": N_("false materials"),
    "detention": N_("detention"),
    "crime": N_("crime"),
    "serious_crime": N_("serious crime"),
    "family_planning": N_("family-planning violation"),
}

KINDS: dict[str, type[Rule]] = {}
"""Every rule kind by the name the data uses for it."""


def frozen_map(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of *value*, for the mappings rule objects hold (hashable, picklable)."""
    return frozen(value)


def _label(text: str, **kwargs: Any) -> Any:  # noqa: ANN401 - an attrs field
    """A field whose label says what it is in a sentence (used by :func:`shjzz.diff`)."""
    return attrs.field(metadata={"label": text}, **kwargs)


def _say(lang: Lang | None) -> gettext.NullTranslations:
    """The catalogue a rule describes itself in (default English)."""
    return translations(as_lang(lang))


_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def num(value: Decimal | int) -> str:
    """``100,000``, ``0.8``: the exact value, grouped when whole."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return format(d.normalize(), "f")


def yuan(value: Decimal | int) -> str:
    """``¥12,577``: an amount of yuan, whole and grouped, one way everywhere."""
    return f"¥{Decimal(value):,.0f}"


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

    def describe(self, lang: Lang | None = None) -> list[str]:
        """The rule in words, one phrase a line (code in backticks), in *lang* (default English)."""
        raise NotImplementedError

    def conditions(self) -> list[tuple[str, str, Basis | None]]:
        """Further conditions with their own basis: ``(what, text, basis)``."""
        return []

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """Days in ``[start, end]`` on which the rule's result for *a* can change."""
        return iter(())

    def base_window(self) -> int:
        """How many months before ``on`` the rule compares bases with the reference wage."""
        return 0


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


def _tier_window(tier: MonthTier | None) -> int:
    """The months a tier compares bases over (0 when it compares none)."""
    return tier.window if tier is not None and tier.multiple is not None else 0


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

    def describe(self, top: Decimal | None = None, lang: Lang | None = None) -> str:
        """``≥ 36 of the 48 months before the month of `on` at a base ≥ 0.8× … → 25``.

        *top*: the multiple the base must also stay below (a strict band).
        """
        t = _say(lang)
        text = t.gettext("≥ {n} of the {window} months before the month of `on`").format(
            n=self.at_least, window=self.window
        )
        if self.multiple is not None:
            text += t.gettext(" at a base ≥ {multiple}× the reference wage").format(
                multiple=num(self.multiple)
            )
        if top is not None:
            text += t.gettext(" and below {top}×").format(top=num(top))
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

    def per_year_text(self, t: gettext.NullTranslations) -> str:
        """``4 per full year, counted once 5 full years are reached, no cap``."""
        text = t.gettext("{points} per full year").format(points=self.per_year)
        if self.min_years:
            text += t.ngettext(
                ", counted once {n} full year is reached",
                ", counted once {n} full years are reached",
                self.min_years,
            ).format(n=self.min_years)
        if self.cap is not None:
            return text + t.gettext(", at most {cap}").format(cap=self.cap)
        return text + t.gettext(", no cap")


def _full_years(t: gettext.NullTranslations, years: int) -> str:
    """``1 full year``, ``3 full years``: the plural right in each language."""
    return t.ngettext("{n} full year", "{n} full years", years).format(n=years)


def _no_points(t: gettext.NullTranslations, read: str) -> str:
    return t.gettext("{read}: earns no points").format(read=read)


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
        t = facts.t
        if age > self.last_age:
            facts.warnings.append(
                t.gettext("age {age}: over {last}, no age points and not normally eligible").format(
                    age=age, last=self.last_age
                )
            )
        detail = t.gettext("aged {age}").format(age=age)
        return item(indicator, self.points(age), detail, self.basis, capped=capped)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """The bands in one phrase."""
        return [
            _say(lang)
            .gettext(
                "{start}–{last} 周岁 → {floor}; each year younger +{step}, at most {cap}; "
                "over {last} → 0"
            )
            .format(
                start=self.floor_from,
                last=self.last_age,
                floor=self.floor_points,
                step=self.step,
                cap=self.cap,
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
    absent: ClassVar[str] = N_("no education given")
    basis: Basis
    points: Mapping[str, int] = _label("points for", converter=frozen_map)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The education's points, once graduated (L-4)."""
        e: Education = facts.a.education  # type: ignore[assignment]  # reads guarantees it
        t = facts.t
        name = t.gettext(_EDUCATION[e.level])
        if not e.recognized:
            detail = t.gettext("{name} not recognised: scores 0").format(name=name)
            return item(indicator, 0, detail, self.basis)
        if e.graduated_on is not None and e.graduated_on > facts.on:
            detail = t.gettext("{name}: graduates on {day}, after {on} (L-4)").format(
                name=name, day=e.graduated_on, on=facts.on
            )
            return item(indicator, 0, detail, self.basis)
        key = "bachelor_degree" if e.level == "bachelor" and e.degree else e.level
        detail = name
        if key == "bachelor_degree":
            detail = t.gettext("{name} with a bachelor's degree").format(name=name)
        elif e.level == "bachelor":
            detail = t.gettext("{name} without a bachelor's degree").format(name=name)
        return item(indicator, self.points[key], detail, self.basis)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Each option and its points."""
        return ["; ".join(f"`{key}` → {points}" for key, points in self.points.items())]


_Found = tuple[int, str, Basis]
"""A certificate's points, what was read and the basis the points rest on."""


@register("certificates")
@attrs.frozen(kw_only=True)
class Certificates(Rule):
    """Skill levels, titles and qualifications, with where-obtained and base conditions."""

    reads: ClassVar[str | None] = "certificates"
    absent: ClassVar[str] = N_("no certificate given")
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

    def condition_scope(self, t: gettext.NullTranslations | None = None) -> str:
        """Which certificates need the base condition, in words (``中级/高级 titles, …``).

        *t*: the language to say it in (default English).
        """
        t = t or translations("en")
        grades = {"intermediate": "中级", "senior": "高级"}
        parts = []
        if self.condition_titles:
            names = "/".join(grades.get(g, g) for g in self.condition_titles)
            parts.append(t.gettext("{grades} titles").format(grades=names))
        if self.condition_skill_levels:
            levels = "/".join(str(n) for n in sorted(self.condition_skill_levels, reverse=True))
            parts.append(t.gettext("skill levels {levels}").format(levels=levels))
        if self.condition_qualifications:
            parts.append(t.gettext("professional qualifications"))
        return ", ".join(parts) or t.gettext("no certificate")

    def needs_condition(self, kind: str, grade: str | int) -> bool:
        """Whether a certificate of *kind* at *grade* (skill level or title grade) needs it."""
        if self.condition is None:
            return False
        if kind == "skill":
            return grade in self.condition_skill_levels
        if kind == "title":
            return grade in self.condition_titles
        return self.condition_qualifications

    def condition_words(
        self, kind: str, grade: str | int, t: gettext.NullTranslations | None = None
    ) -> str | None:
        """The base condition on a certificate of *kind* at *grade*, in words, or ``None``.

        *t*: the language to say it in (default English).
        """
        tier = self.condition
        if tier is None or not self.needs_condition(kind, grade):
            return None
        t = t or translations("en")
        return t.gettext(
            "the base condition (a contribution base ≥ {multiple}× the reference wage in "
            "at least {months} of the last {window} months)"
        ).format(multiple=tier.multiple, months=tier.at_least, window=tier.window)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The best certificate counts; the others are listed after it.

        A certificate equal to one read before gets the same outcome, unless that
        reading raised a problem or a warning (they name the certificate's index).
        """
        certificates: tuple[Certificate, ...] = facts.a.certificates
        outcomes: list[_Found] = []
        shared: dict[Certificate, _Found] = {}
        for i, c in enumerate(certificates):
            found = shared.get(c)
            if found is None:
                said = (len(facts.problems), len(facts.warnings))
                found = self._one(facts, i, c)
                if (len(facts.problems), len(facts.warnings)) == said:
                    shared[c] = found
            outcomes.append(found)
        best = max(outcomes, key=lambda o: o[0])
        details = [o[1] for o in outcomes]
        if len(details) > 1:
            details.insert(0, details.pop(outcomes.index(best)))
        return item(indicator, best[0], "; ".join(details), best[2])

    def _one(self, facts: Facts, i: int, c: Certificate) -> _Found:
        path = f"certificates[{i}]"
        t = facts.t
        label = c.name or t.gettext(_GRADE.get(c.grade or "", _TITLE))
        if not c.matches_post:
            return 0, t.gettext("{label}: does not match the post").format(label=label), self.basis
        if c.kind == "skill":
            return self._skill(facts, path, c)
        if c.kind == "title":
            return self._title(facts, path, c)
        return self._qualification(facts, path, c)

    def _conditioned(
        self, facts: Facts, kind: str, grade: str | int, *, points: int, read: str
    ) -> _Found:
        """*points* for a certificate read as *read*, unless the 1× base condition fails."""
        t = facts.t
        condition = self.condition
        if condition is None or not self.needs_condition(kind, grade):
            if condition is not None and kind == "qualification":
                read += t.gettext(
                    " (a qualification needs no {multiple}× base condition, R-6)"
                ).format(multiple=condition.multiple)
            return points, f"{read} → {points}", self.basis
        basis = self.condition_basis or self.basis
        months = facts.tier_months(condition)
        if kind == "qualification":
            read += t.gettext(" as an intermediate title (R-6=as-title)")
        if months < condition.at_least:
            why = t.ngettext(
                "{read} would give {points}, but {words} is not met ({months} month)",
                "{read} would give {points}, but {words} is not met ({months} months)",
                months,
            ).format(
                read=read, points=points, words=self.condition_words(kind, grade, t), months=months
            )
            return 0, why, basis
        return points, f"{read} → {points}", self.basis

    def _skill(self, facts: Facts, path: str, c: Certificate) -> _Found:
        t = facts.t
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
                        t.gettext("contradicts the name ({name} = {level})").format(
                            name=name, level=SKILL_LEVEL[match.level]
                        ),
                        c.level,
                    )
                )
        if level is None:
            facts.problems.append(
                Problem(f"{path}.level", t.gettext("required for a skill certificate (1–5)"))
            )
            return 0, name, self.basis
        edition = facts.catalogues.edition("skills", facts.on)
        if match is not None and match.catalogue == NONE_CATALOGUE:
            return 0, _no_points(t, how(name, match, t)), self.catalogue
        if match is None and result.ambiguous:
            return 0, name, self.basis
        if edition is None:
            facts.warnings.append(
                t.gettext(
                    "{path}: no skills catalogue is encoded for {on} (R-5): "
                    "{name} is accepted unchecked"
                ).format(path=path, on=facts.on, name=name)
            )
            read = how(name, match, t) if match is not None else name
        elif match is None:
            return 0, facts.not_found(name, "skills", result.hint), self.catalogue
        else:
            read = how(name, match, t)
        read = f"{read} {skill_level(t, level)}"
        verifiable = level <= self.verified_max_level
        if not c.in_shanghai and not (verifiable and c.verified_in_shanghai):
            why = (
                t.gettext("{read}: obtained outside Shanghai and not verified there")
                if verifiable
                else t.gettext(
                    "{read}: obtained outside Shanghai; only levels 1–{n} count once verified"
                )
            )
            return 0, why.format(read=read, n=self.verified_max_level), self.where_obtained
        points = self.skill[str(level)]
        return self._conditioned(facts, "skill", level, points=points, read=read)

    def _title(self, facts: Facts, path: str, c: Certificate) -> _Found:
        t = facts.t
        grade: str | None = c.grade
        read = t.gettext(_GRADE[grade]) if grade else ""
        if c.name is not None:
            result = facts.resolve(f"{path}.name", c.name, ("titles",))
            match = result.best
            if match is not None and match.catalogue == NONE_CATALOGUE:
                return 0, _no_points(t, how(c.name, match, t)), self.catalogue
            if match is not None and match.entry is not None and match.entry.grade is not None:
                found = "intermediate" if match.entry.grade == "intermediate" else "senior"
                if grade is not None and grade != found:
                    facts.problems.append(
                        Problem(
                            f"{path}.grade",
                            t.gettext("contradicts the name ({name} is {grade})").format(
                                name=c.name, grade=t.gettext(_GRADE[match.entry.grade])
                            ),
                            grade,
                        )
                    )
                grade = found
                read = t.gettext("{read}, {grade} title").format(
                    read=how(c.name, match, t), grade=t.gettext(_GRADE[match.entry.grade])
                )
            elif grade is None:
                missing = facts.not_found(c.name, "titles", result.hint)
                why = t.gettext("{why}, and no grade given").format(why=missing)
                return 0, why, self.catalogue
            else:
                read = t.gettext(
                    "{name}: not in the titles catalogue, counted as a {grade} title as "
                    "stated (L-5)"
                ).format(name=c.name, grade=t.gettext(_GRADE[grade]))
        if grade is None:  # the applicant file guarantees a name or a grade
            return 0, t.gettext("no title name or grade"), self.basis
        if not c.in_shanghai and not c.by_exam:
            why = t.gettext("{read}: obtained by review outside Shanghai").format(read=read)
            return 0, why, self.where_obtained
        return self._conditioned(facts, "title", grade, points=self.title[grade], read=read)

    def _qualification(self, facts: Facts, path: str, c: Certificate) -> _Found:
        t = facts.t
        name = c.name or ""
        result = facts.resolve(f"{path}.name", name, ("qualifications",))
        match = result.best
        edition = facts.catalogues.nearest("qualifications", facts.on)
        if edition.effective > facts.on:
            facts.warnings.append(
                t.gettext(
                    "{path}: the qualifications catalogue of {on} is not encoded; "
                    "the {year} edition was used (L-1)"
                ).format(path=path, on=facts.on, year=edition.effective.year)
            )
        if match is None:
            if result.ambiguous:
                return 0, name, self.basis
            why = facts.not_found(name, "qualifications", result.hint)
            if not edition.complete:
                why = t.gettext("{why}; the catalogue is known only in part").format(why=why)
            return 0, why, self.catalogue
        if match.catalogue == NONE_CATALOGUE:
            return 0, _no_points(t, how(name, match, t)), self.catalogue
        read = how(name, match, t)
        if not c.registered:
            return 0, t.gettext("{read}: not registered").format(read=read), self.basis
        return self._conditioned(
            facts, "qualification", "intermediate", points=self.qualification, read=read
        )

    def base_window(self) -> int:
        """The base condition's window, when it compares bases with the reference wage."""
        return _tier_window(self.condition)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """The points of skill levels, titles and qualifications."""
        t = _say(lang)
        skills = ", ".join(f"{level} → {points}" for level, points in self.skill.items())
        titles = ", ".join(f"`{grade}` → {points}" for grade, points in self.title.items())
        return [
            t.gettext("skill level {points}").format(points=skills),
            t.gettext("title {points}").format(points=titles),
            t.gettext("qualification → {points}").format(points=self.qualification),
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
        t = facts.t
        if self.counting == "continuous":
            months = facts.run_months(facts.on_idx)
            last = index_str(facts.on_idx - 1)
            read = t.ngettext(
                "{months} unbroken qualifying month up to {month} (R-3=continuous)",
                "{months} unbroken qualifying months up to {month} (R-3=continuous)",
                months,
            ).format(months=months, month=last)
        else:
            months = facts.months(-_FAR, facts.on_idx)
            read = t.ngettext(
                "{months} qualifying month before {month}",
                "{months} qualifying months before {month}",
                months,
            ).format(months=months, month=index_str(facts.on_idx))
        years = months // 12
        points, capped = self.points(years)
        detail = f"{read} → {_full_years(t, years)}"
        return item(indicator, points, detail, self.basis, capped=capped)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Points per year, and how months are counted."""
        t = _say(lang)
        text = self.per_year_text(t)
        if self.counting == "continuous":
            text += t.gettext(
                "; only the unbroken run of months ending before the month of `on` counts"
            )
        return [text]


# --- bonus indicators ------------------------------------------------------------------


@register("shortage_major")
@attrs.frozen(kw_only=True)
class ShortageMajor(Rule):
    """A fixed number of points for a major on the shortage-major catalogue, post matching."""

    reads: ClassVar[str | None] = "education"
    absent: ClassVar[str] = N_("no education given")
    basis: Basis
    points: int = _label("points")

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The stated answer, or the major looked up by name and code."""
        e: Education = facts.a.education  # type: ignore[assignment]  # reads guarantees it
        t = facts.t
        if not e.matches_post:
            return item(indicator, 0, t.gettext("the post does not match the major"), self.basis)
        if e.shortage_major is not None:
            points = self.points if e.shortage_major else 0
            stated = t.gettext("stated: shortage_major = {value}").format(
                value=str(e.shortage_major).lower()
            )
            return item(indicator, points, stated, self.basis)
        major = e.major
        if major is None or (major.name is None and major.code is None):
            return item(indicator, 0, t.gettext("no major given"), self.basis)
        edition = facts.catalogues.nearest("majors", facts.on)
        if edition.effective > facts.on:
            facts.warnings.append(
                t.gettext(
                    "education.major: the shortage-major catalogue of {on} is not encoded; "
                    "the {year} edition was used (L-1)"
                ).format(on=facts.on, year=edition.effective.year)
            )
        by_name = by_code = None
        if major.name is not None:
            by_name = facts.resolve("education.major.name", major.name, ("majors",)).best
        if major.code is not None:
            by_code = facts.resolve("education.major.code", major.code, ("majors",)).best
        label = " ".join(x for x in (major.code, major.name) if x)
        if major.name is not None and major.code is not None:
            why = _major_mismatch(t, major.name, major.code, by_name, by_code)
            if why:
                return item(indicator, 0, f"{label}: {why}", self.basis)
        match = by_name or by_code
        if match is None:
            facts.warnings.append(
                t.gettext(
                    "education.major: not found in the shortage-major catalogue, which is known "
                    "only in part; if the major is on the official list, state "
                    "shortage_major: true"
                )
            )
            detail = t.gettext("{label}: not on the shortage-major catalogue (partial)")
            return item(indicator, 0, detail.format(label=label), self.basis)
        read = how(major.name or major.code or "", match, t)
        return item(indicator, self.points, read, self.basis)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """The points."""
        return [str(self.points)]


def _major_mismatch(
    t: gettext.NullTranslations,
    name: str,
    code: str,
    by_name: Match | None,
    by_code: Match | None,
) -> str:
    """Why a major given by name and code is not one catalogue entry (empty if it is)."""
    if by_name is None and by_code is None:
        return ""
    if by_code is None:
        return t.gettext("the name is on the catalogue but the code {code} is not").format(
            code=code
        )
    if by_name is None:
        return t.gettext("the code is on the catalogue but the name {name} is not").format(
            name=name
        )
    if by_name.name != by_code.name:
        return t.gettext("the name and the code match different entries")
    return ""


@register("investment")
@attrs.frozen(kw_only=True)
class Investment(Rule):
    """Tax paid or local staff hired, averaged over years; the better route counts."""

    reads: ClassVar[str | None] = "investment"
    absent: ClassVar[str] = N_("no investment given")
    basis: Basis
    tax: Steps = _label("tax route")
    hiring: Steps = _label("hiring route")
    cap: int = _label("cap")
    years: int = _label("years averaged")

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The better of the two routes, capped."""
        t = facts.t
        inv = facts.a.investment
        if inv is None or (not inv.annual_tax and not inv.hukou_employees):
            return item(indicator, 0, t.gettext(self.absent), self.basis)
        tax_avg = sum(inv.annual_tax, Decimal(0)) / self.years
        staff_avg = Decimal(sum(inv.hukou_employees)) / self.years
        tax_points = self.tax.points(tax_avg)
        staff_points = self.hiring.points(staff_avg)
        if tax_points >= staff_points:
            raw = tax_points
            detail = t.ngettext(
                "average tax {amount} a year over {years} year",
                "average tax {amount} a year over {years} years",
                self.years,
            ).format(amount=yuan(tax_avg), years=self.years)
        else:
            raw = staff_points
            detail = t.gettext("average {staff} Shanghai-hukou staff a year").format(
                staff=f"{staff_avg:.1f}"
            )
        points = min(raw, self.cap)
        return item(indicator, points, detail, self.basis, capped=raw > self.cap)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Both routes and the cap."""
        return [
            _say(lang)
            .gettext(
                "{tax} per full ¥{tax_unit} of the average annual tax, or {hiring} per full "
                "{hiring_unit} Shanghai-hukou staff (average), over the last {years} tax years; "
                "the better route counts; at most {cap}"
            )
            .format(
                tax=self.tax.per_unit,
                tax_unit=num(self.tax.unit),
                hiring=self.hiring.per_unit,
                hiring_unit=num(self.hiring.unit),
                years=self.years,
                cap=self.cap,
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
                facts.t.gettext("{months} (needs {n})").format(
                    months=_tier_text(facts.t, counts[k], tiers[k], tops[k]), n=tiers[k].at_least
                )
                for k in shown
            )
        else:
            raw = tiers[best].points
            detail = f"{_tier_text(facts.t, counts[best], tiers[best], tops[best])} → {raw}"
        points = min(raw, self.cap)
        return item(indicator, points, detail, self.basis, capped=raw > self.cap)

    def base_window(self) -> int:
        """The widest window of the bands."""
        return max((_tier_window(t) for t in self.tiers), default=0)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Each band, then the cap."""
        return [
            *(tier.describe(top, lang) for tier, top in zip(self.tiers, self.tops, strict=True)),
            _say(lang).gettext("the best band counts, at most {cap}").format(cap=self.cap),
        ]


def _tier_text(
    t: gettext.NullTranslations, months: int, tier: MonthTier, top: Decimal | None
) -> str:
    """``30 of the last 48 months at ≥ 0.8×`` (or ``at 1–2×`` for a strict band)."""
    if top is None:
        text = t.gettext("{months} of the last {window} months at ≥ {multiple}×")
    else:
        text = t.gettext("{months} of the last {window} months at {multiple}–{top}× (R-4=strict)")
    return text.format(months=months, window=tier.window, multiple=tier.multiple, top=top)


def _threshold_text(
    t: gettext.NullTranslations,
    points: int,
    minimums: Mapping[str, Decimal],
    requires: tuple[str, ...],
) -> str:
    need = t.gettext(" and ").join(
        [f"`{k}` ≥ {num(v)}" for k, v in minimums.items()] + [f"`{fact}`" for fact in requires]
    )
    return t.gettext("{points} when {need}").format(points=points, need=need)


@register("entrepreneur")
@attrs.frozen(kw_only=True)
class Entrepreneur(Rule):
    """A fixed number of points for an entrepreneur in a registered incubator.

    ``requires`` names facts that must also hold on the evaluation date (the
    company is still in the incubator).
    """

    reads: ClassVar[str | None] = "entrepreneur"
    absent: ClassVar[str] = N_("no entrepreneur facts given")
    basis: Basis
    points: int = _label("points")
    minimums: Mapping[str, Decimal] = _label("minimum", converter=frozen_map)
    requires: tuple[str, ...] = _label("facts required", default=())

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The points when the share, the months and the required facts hold."""
        t = facts.t
        e = facts.a.entrepreneur
        if e is None:
            return item(indicator, 0, t.gettext(self.absent), self.basis)
        share, months = self.minimums["share_percent"], self.minimums["incubated_months"]
        holds = all(getattr(e, fact) for fact in self.requires)
        ok = e.share_percent >= share and e.incubated_months >= months and holds
        detail = (
            t.gettext("{share}% share, {months} months incubated, still in the incubator")
            if e.in_incubator
            else t.gettext("{share}% share, {months} months incubated, no longer in the incubator")
        ).format(share=e.share_percent, months=e.incubated_months)
        if not ok:
            detail += t.gettext(" (needs ≥ {share}%, ≥ {months} months, still there)").format(
                share=share, months=months
            )
        return item(indicator, self.points if ok else 0, detail, self.basis)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """The points and what they need."""
        return [_threshold_text(_say(lang), self.points, self.minimums, self.requires)]


@register("tech_transfer")
@attrs.frozen(kw_only=True)
class TechTransfer(Rule):
    """A fixed number of points after enough months at a technology-transfer agency."""

    reads: ClassVar[str | None] = "tech_transfer_months"
    absent: ClassVar[str] = N_("no technology-transfer months given")
    basis: Basis
    points: int = _label("points")
    minimums: Mapping[str, Decimal] = _label("minimum", converter=frozen_map)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The points once the months are enough."""
        t = facts.t
        months = facts.a.tech_transfer_months
        need = self.minimums["months"]
        ok = months >= need
        detail = t.ngettext(
            "{months} consecutive month at a technology-transfer agency",
            "{months} consecutive months at a technology-transfer agency",
            months,
        ).format(months=months)
        if not ok:
            detail = t.gettext("{months} (needs {n})").format(months=detail, n=need)
        return item(indicator, self.points if ok else 0, detail, self.basis)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """The points and what they need."""
        return [_threshold_text(_say(lang), self.points, self.minimums, ())]


@register("public_service")
@attrs.frozen(kw_only=True)
class PublicService(_Monthly, _PerYear):
    """Points per full year in a specified public-service field, counted from a minimum.

    ``scope`` names the fields that count (环卫), ``aliases`` other names of
    them (环境卫生 → 环卫).
    """

    reads: ClassVar[str | None] = "public_service"
    absent: ClassVar[str] = N_("no public-service periods given")
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
        t = facts.t
        years = months // 12
        points, capped = self.points(years)
        detail = t.gettext("{years} in {fields}").format(
            years=_full_years(t, years), fields="/".join(self.scope)
        )
        if points == 0 and years:
            detail += t.gettext(" (counts from {n})").format(n=self.min_years)
        if outside:
            detail += t.gettext("; not a specified field: {fields}").format(
                fields=", ".join(outside)
            )
        return item(indicator, points, detail, self.basis, capped=capped)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Points per year, and the fields."""
        t = _say(lang)
        text = self.per_year_text(t)
        text += t.gettext("; only in {fields}").format(fields=", ".join(self.scope))
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
    absent: ClassVar[str] = N_("no remote-area periods given")
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
        t = facts.t
        best, capped = 0, False
        for name, months in months_by_area.items():
            years = months // 12
            points, cut = self.points(years, threshold[name])
            if points > best:
                best, capped = points, cut
            need = (
                t.gettext(", counts after {n}").format(n=threshold[name]) if threshold[name] else ""
            )
            notes.append(f"{name}: {_full_years(t, years)}{need} → {points}")
        if len(months_by_area) > 1:
            notes.append(t.gettext("only the highest single area counts"))
        return item(indicator, best, "; ".join(notes), self.basis, capped=capped)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Points per year; the areas and their thresholds come from the area catalogue."""
        t = _say(lang)
        return [
            self.per_year_text(t)
            + t.gettext(
                "; the highest single area counts; areas and the years after which they count "
                "follow the area catalogue in force"
            )
        ]


def _area(facts: Facts, i: int, p: AreaPeriod) -> tuple[str | None, int, str]:
    """The area entry in force on ``on`` that *p* names, its threshold and a note."""
    path = f"remote_area[{i}].area"
    result = facts.resolve(path, p.area, ("areas",))
    match = result.best
    if match is not None and match.entry is not None:
        read = "" if match.how == "exact" else how(p.area, match, facts.t)
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
        why = facts.t.gettext("{area}: not a remote key area on {on} (counts {spans})")
        return None, 0, why.format(area=p.area, on=facts.on, spans=spans)
    near = facts.nearest(p.area, "areas")
    why = facts.t.gettext("{area}: not a remote key area").format(area=p.area)
    if near:
        why += facts.t.gettext(" (known: {names})").format(names=", ".join(near))
    return None, 0, why


@register("new_graduate")
@attrs.frozen(kw_only=True)
class NewGraduate(Rule):
    """Points from graduation through a day in a later year (30 June of the next)."""

    reads: ClassVar[str | None] = "education"
    absent: ClassVar[str] = N_("no graduation date given")
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
        t = facts.t
        if e.graduated_on is None:
            return item(indicator, 0, t.gettext(self.absent), self.basis)
        grad = e.graduated_on
        until = self.last_day(grad)
        if not e.full_time:
            return item(indicator, 0, t.gettext("not a full-time graduate"), self.basis)
        if not grad <= facts.on <= until:
            detail = t.gettext("graduated {day}; counts from then through {until}")
            return item(indicator, 0, detail.format(day=grad, until=until), self.basis)
        detail = t.gettext("full-time graduate of {day}, counts through {until}")
        detail = detail.format(day=grad, until=until)
        return item(indicator, self.points, detail, self.basis)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """The points and the window."""
        t = _say(lang)
        if self.until_years == 0:
            year = t.gettext("the graduation year")
        elif self.until_years == 1:
            year = t.gettext("the year after graduation")
        else:
            year = t.gettext("{n} years after graduation").format(n=self.until_years)
        return [
            t.gettext("{points} from graduation through {day} {month} of {year}").format(
                points=self.points,
                day=self.until_day,
                month=t.gettext(_MONTHS[self.until_month - 1]),
                year=year,
            )
        ]

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
    absent: ClassVar[str] = N_("no award given")
    basis: Basis
    points: Mapping[str, int] = _label("points for", converter=frozen_map)

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The highest award made by ``on`` and won in Shanghai."""
        t = facts.t
        given: tuple[Award, ...] = facts.a.awards
        made = [w for w in given if w.awarded_on is None or w.awarded_on <= facts.on]
        if not made:
            detail = t.gettext("no award made by {on}").format(on=facts.on)
            return item(indicator, 0, detail, self.basis)
        awards = [w for w in made if w.in_shanghai]
        outside = [_award_label(t, w) for w in made if not w.in_shanghai]
        notes = (
            [
                t.gettext("won outside Shanghai, does not count: {awards}").format(
                    awards=", ".join(outside)
                )
            ]
            if outside
            else []
        )
        if not awards:
            return item(indicator, 0, "; ".join(notes), self.basis)
        best = max(awards, key=lambda w: self.points[w.level])
        detail = _award_label(t, best)
        if len(awards) > 1:
            detail += "; " + t.gettext("only the highest counts")
        return item(indicator, self.points[best.level], "; ".join([detail, *notes]), self.basis)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Each level and its points."""
        return ["; ".join(f"`{key}` → {points}" for key, points in self.points.items())]

    def change_dates(self, a: Applicant, start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
        """The days awards were made."""
        return (w.awarded_on for w in a.awards if w.awarded_on is not None)


def _award_label(t: gettext.NullTranslations, w: Award) -> str:
    return t.gettext(_AWARD[w.level]) + (f" ({w.name})" if w.name else "")


@register("spouse_years")
@attrs.frozen(kw_only=True)
class SpouseYears(_PerYear):
    """Points per full year of marriage to a Shanghai-hukou spouse, up to a cap."""

    reads: ClassVar[str | None] = "spouse"
    absent: ClassVar[str] = N_("no spouse with Shanghai hukou given")
    basis: Basis

    def evaluate(self, facts: Facts, indicator: str) -> LineItem:
        """The full years of marriage on ``on``."""
        t = facts.t
        s = facts.a.spouse
        if s is None or not s.shanghai_hukou or s.married_on is None:
            return item(indicator, 0, t.gettext(self.absent), self.basis)
        years = max(0, full_years(s.married_on, facts.on))
        points, capped = self.points(years)
        detail = t.ngettext(
            "married {years} full year to a Shanghai-hukou spouse",
            "married {years} full years to a Shanghai-hukou spouse",
            years,
        ).format(years=years)
        return item(indicator, points, detail, self.basis, capped=capped)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Points per year and the cap."""
        return [self.per_year_text(_say(lang))]

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
    absent: ClassVar[str] = N_("no record given")
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
        t = facts.t
        if not n:
            detail = t.ngettext(
                "no record in the last {n} year",
                "no record in the last {n} years",
                self.window_years,
            ).format(n=self.window_years)
            return item(indicator, 0, detail, self.basis)
        detail = t.ngettext(
            "{n} record dated after {since}", "{n} records dated after {since}", n
        ).format(n=n, since=since)
        return item(indicator, n * self.points, detail, self.basis)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Points per record and the window."""
        return [
            _say(lang)
            .gettext("{points} per `{record}` record dated within the {years} years before `on`")
            .format(points=self.points, record=self.record, years=self.window_years)
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
                    facts.t.gettext(
                        "vetoed (one-vote veto): a record of {kind} of {on}, under version "
                        "{version}"
                    ).format(kind=facts.t.gettext(_RECORD[r.kind]), on=r.on, version=version)
                )
                found = True
        return found

    def base_window(self) -> int:
        """A veto compares no base."""
        return 0

    def describe(self, lang: Lang | None = None) -> list[str]:
        """The record kind."""
        return [
            _say(lang).gettext("a `{record}` record, whenever dated").format(record=self.record)
        ]

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
                facts.t.gettext(
                    "not eligible: not paying Shanghai employee social insurance in {month}"
                ).format(month=index_str(on_idx))
            )
            ok = False
        if self.recent is not None:
            months = facts.tier_months(self.recent)
            if months < self.recent.at_least:
                facts.warnings.append(
                    facts.t.ngettext(
                        "not eligible: {months} month of contributions in the {window} months "
                        "before {month} (needs {n})",
                        "not eligible: {months} months of contributions in the {window} months "
                        "before {month} (needs {n})",
                        months,
                    ).format(
                        months=months,
                        window=self.recent.window,
                        month=index_str(on_idx),
                        n=self.recent.at_least,
                    )
                )
                ok = False
        return ok

    def base_window(self) -> int:
        """The recent months' window, when it compares bases with the reference wage."""
        return _tier_window(self.recent)

    def describe(self, lang: Lang | None = None) -> list[str]:
        """Who may apply, in one phrase."""
        t = _say(lang)
        text = t.gettext("pays Shanghai employee social insurance in the month of `on`")
        if self.recent is not None:
            text += t.gettext("; and {recent}").format(recent=self.recent.describe(lang=lang))
        return [text]
