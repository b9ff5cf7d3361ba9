"""The applicant file, schema 1: facts about one person, never points.

Every class is frozen, slotted and keyword-only.  An :class:`Applicant` is
valid by construction: building one with contradictory or out-of-range facts
raises :class:`~shjzz.errors.InvalidApplicant` naming every problem with its
field path, whether it was built from JSON by :func:`shjzz.load_applicant` or
directly in Python.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal

import attrs

from shjzz._exports import public
from shjzz._limits import MAX_DIGITS, MAX_MONEY, MAX_PERIODS, MAX_TEXT
from shjzz._months import Month
from shjzz.errors import InvalidApplicant, Problem, Said

EducationLevel = Literal["junior_college", "bachelor", "master", "doctor"]
CertificateKind = Literal["skill", "title", "qualification"]
TitleGrade = Literal["intermediate", "senior"]
AwardLevel = Literal["municipal_special", "municipal_comprehensive", "national"]
RecordKind = Literal["false_material", "detention", "crime", "serious_crime", "family_planning"]

EDUCATION_LEVELS: tuple[EducationLevel, ...] = ("junior_college", "bachelor", "master", "doctor")
CERTIFICATE_KINDS: tuple[CertificateKind, ...] = ("skill", "title", "qualification")
TITLE_GRADES: tuple[TitleGrade, ...] = ("intermediate", "senior")
AWARD_LEVELS: tuple[AwardLevel, ...] = ("municipal_special", "municipal_comprehensive", "national")
RECORD_KINDS: tuple[RecordKind, ...] = (
    "false_material",
    "detention",
    "crime",
    "serious_crime",
    "family_planning",
)


def json_name(attribute: str) -> str:
    """The applicant file's key for an attribute: ``from_`` is ``from`` (a Python keyword)."""
    return attribute.removesuffix("_")


def _to_decimal(value: object) -> Decimal:
    """Money as an exact decimal: ``4751.2`` stays 4751.2, not a binary fraction."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("must be a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raise TypeError("must be a number")


def _decimals(values: Sequence[object]) -> tuple[Decimal, ...]:
    return tuple(_to_decimal(v) for v in values)


def _ints(items: Iterable[int]) -> tuple[int, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Major:
    """The major studied: its name and catalogue code, either may be absent."""

    name: str | None = None
    code: str | None = None


@attrs.frozen(kw_only=True)
class Education:
    """Highest education (教育背景)."""

    level: EducationLevel
    degree: bool = False
    """Holds the 学士学位; matters for ``bachelor`` only."""
    full_time: bool = True
    recognized: bool = True
    graduated_on: _dt.date | None = None
    major: Major | None = None
    shortage_major: bool | None = None
    """``True``/``False`` states it and overrides the catalogue; ``None``: look it up."""
    matches_post: bool = True


@attrs.frozen(kw_only=True)
class Certificate:
    """A skill certificate, a professional title or a professional qualification."""

    kind: CertificateKind
    name: str | None = None
    level: int | None = None
    """Skill level 1–5, 1 = 一级 (高级技师)."""
    grade: TitleGrade | None = None
    """For a title: ``intermediate`` (中级) or ``senior`` (副高 and 正高)."""
    obtained_on: _dt.date | None = None
    in_shanghai: bool = True
    by_exam: bool = False
    verified_in_shanghai: bool = False
    matches_post: bool = True
    registered: bool = True


@attrs.frozen(kw_only=True)
class InsurancePeriod:
    """Months of Shanghai employee social insurance at one contribution base."""

    from_: Month
    to: Month | None = None
    """Inclusive; ``None`` means through the month of the evaluation date."""
    base: Decimal = attrs.field(converter=_to_decimal)
    back_paid: bool = False
    employer_matches_contract: bool = True
    tax_matches: bool = True


@attrs.frozen(kw_only=True)
class AreaPeriod:
    """Months of working and living in one remote key area (远郊重点区域)."""

    area: str
    from_: Month
    to: Month | None = None


@attrs.frozen(kw_only=True)
class ServicePeriod:
    """Months in a specified public-service field (特定的公共服务领域)."""

    field: str
    from_: Month
    to: Month | None = None


@attrs.frozen(kw_only=True)
class Spouse:
    """The applicant's spouse."""

    shanghai_hukou: bool
    married_on: _dt.date | None = None


@attrs.frozen(kw_only=True)
class Investment:
    """The last three tax years, oldest first."""

    annual_tax: tuple[Decimal, ...] = attrs.field(default=(), converter=_decimals)
    hukou_employees: tuple[int, ...] = attrs.field(default=(), converter=_ints)


@attrs.frozen(kw_only=True)
class Entrepreneur:
    """A share in a company in a registered incubator."""

    share_percent: Decimal = attrs.field(default=Decimal(0), converter=_to_decimal)
    incubated_months: int = 0
    in_incubator: bool = False


@attrs.frozen(kw_only=True)
class Award:
    """An award (表彰奖励)."""

    level: AwardLevel
    name: str | None = None
    awarded_on: _dt.date | None = None
    in_shanghai: bool = True
    """Won while working in Shanghai (2015 第七条（九）); an award won elsewhere scores 0."""


@attrs.frozen(kw_only=True)
class Record:
    """A record that deducts points or vetoes the application."""

    kind: RecordKind
    on: _dt.date


# Typed ``tuple`` converters: lists given in Python become immutable tuples, and mypy
# still checks the element type of what is passed.


def _certificates_tuple(items: Iterable[Certificate]) -> tuple[Certificate, ...]:
    return tuple(items)


def _social_insurance_tuple(items: Iterable[InsurancePeriod]) -> tuple[InsurancePeriod, ...]:
    return tuple(items)


def _remote_area_tuple(items: Iterable[AreaPeriod]) -> tuple[AreaPeriod, ...]:
    return tuple(items)


def _public_service_tuple(items: Iterable[ServicePeriod]) -> tuple[ServicePeriod, ...]:
    return tuple(items)


def _awards_tuple(items: Iterable[Award]) -> tuple[Award, ...]:
    return tuple(items)


def _records_tuple(items: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Applicant:
    """Everything shjzz needs to know about one applicant (schema 1)."""

    birth_date: _dt.date
    schema: int = 1
    education: Education | None = None
    certificates: tuple[Certificate, ...] = attrs.field(default=(), converter=_certificates_tuple)
    social_insurance: tuple[InsurancePeriod, ...] = attrs.field(
        default=(), converter=_social_insurance_tuple
    )
    remote_area: tuple[AreaPeriod, ...] = attrs.field(default=(), converter=_remote_area_tuple)
    public_service: tuple[ServicePeriod, ...] = attrs.field(
        default=(), converter=_public_service_tuple
    )
    spouse: Spouse | None = None
    investment: Investment | None = None
    entrepreneur: Entrepreneur | None = None
    tech_transfer_months: int = 0
    awards: tuple[Award, ...] = attrs.field(default=(), converter=_awards_tuple)
    records: tuple[Record, ...] = attrs.field(default=(), converter=_records_tuple)

    def __attrs_post_init__(self) -> None:
        """Refuse contradictory or out-of-range facts, naming every one."""
        problems = _problems(self)
        if problems:
            raise InvalidApplicant(problems)


_BAD_CHARS = re.compile("[\x00-\x1f\ud800-\udfff]")


def _problems(a: Applicant) -> list[Problem]:  # noqa: C901, PLR0912 - a flat list of checks
    """Every context-free problem in *a*, with its field path."""
    out: list[Problem] = []
    if a.schema != 1:
        out.append(
            Problem("schema", "unsupported schema version; this shjzz reads schema 1", a.schema)
        )
    if a.education is not None and a.education.major is not None:
        _text(out, "education.major.name", a.education.major.name)
        _text(out, "education.major.code", a.education.major.code)
    if a.certificates:
        for i, cert in enumerate(a.certificates):
            _certificate(out, cert, f"certificates[{i}]")
        _too_many(out, "certificates", a.certificates)
    if a.social_insurance:
        for i, period in enumerate(a.social_insurance):
            base = period.base
            if not (base.is_finite() and 0 <= base <= MAX_MONEY and _few_digits(base)):
                _money(out, f"social_insurance[{i}].base", base)
        _periods(out, "social_insurance", a.social_insurance)
    if a.remote_area:
        for i, area in enumerate(a.remote_area):
            _text(out, f"remote_area[{i}].area", area.area, required=True)
        _periods(out, "remote_area", a.remote_area)
    if a.public_service:
        for i, service in enumerate(a.public_service):
            _text(out, f"public_service[{i}].field", service.field, required=True)
        _periods(out, "public_service", a.public_service)
    if a.spouse is not None and a.spouse.shanghai_hukou and a.spouse.married_on is None:
        out.append(Problem("spouse.married_on", "required when shanghai_hukou is true"))
    if a.investment is not None:
        _investment(out, a.investment)
    if a.entrepreneur is not None:
        e = a.entrepreneur
        _money(out, "entrepreneur.share_percent", e.share_percent)
        if e.share_percent.is_finite() and e.share_percent > 100:
            out.append(Problem("entrepreneur.share_percent", "must be ≤ 100", e.share_percent))
        _count(out, "entrepreneur.incubated_months", e.incubated_months)
    if a.tech_transfer_months:
        _count(out, "tech_transfer_months", a.tech_transfer_months)
    if a.awards:
        for i, award in enumerate(a.awards):
            _text(out, f"awards[{i}].name", award.name)
        _too_many(out, "awards", a.awards)
    _too_many(out, "records", a.records)
    return out


def _certificate(out: list[Problem], c: Certificate, path: str) -> None:
    _text(out, f"{path}.name", c.name)
    if c.kind == "skill":
        if c.name is None:
            out.append(Problem(f"{path}.name", "required for a skill certificate (the occupation)"))
        if c.level is not None and not 1 <= c.level <= 5:
            out.append(Problem(f"{path}.level", "must be 1 to 5 (1 = 一级/高级技师)", c.level))
    elif c.level is not None:
        out.append(Problem(f"{path}.level", "applies to skill certificates only", c.level))
    if c.kind != "title" and c.grade is not None:
        out.append(Problem(f"{path}.grade", "applies to title certificates only", c.grade))
    if c.kind == "title" and c.name is None and c.grade is None:
        out.append(Problem(f"{path}.name", "a title needs a name or a grade"))
    if c.kind == "qualification" and c.name is None:
        out.append(Problem(f"{path}.name", "required for a qualification"))


def _investment(out: list[Problem], inv: Investment) -> None:
    for name, values in (("annual_tax", inv.annual_tax), ("hukou_employees", inv.hukou_employees)):
        if values and len(values) != 3:
            out.append(
                Problem(
                    f"investment.{name}",
                    "must list the last three tax years, oldest first (0 for a year with none)",
                    list(values),
                )
            )
    for i, tax in enumerate(inv.annual_tax):
        _money(out, f"investment.annual_tax[{i}]", tax)
    for i, staff in enumerate(inv.hukou_employees):
        _count(out, f"investment.hukou_employees[{i}]", staff)


def _periods(
    out: list[Problem], name: str, periods: Sequence[InsurancePeriod | AreaPeriod | ServicePeriod]
) -> None:
    _too_many(out, name, periods)
    spans: list[tuple[int, int, int]] = []
    for i, period in enumerate(periods):
        start = period.from_.index
        if period.to is None:
            end = 10**9
        else:
            end = period.to.index
            if end < start:
                msg = f"must not be before from ({period.from_})"
                out.append(Problem(f"{name}[{i}].to", msg, str(period.to)))
                continue
        spans.append((start, end, i))
    if len(spans) > 1:
        spans.sort()
        for (_s1, e1, i), (s2, _e2, j) in itertools.pairwise(spans):
            if s2 <= e1:
                msg = f"overlaps {name}[{i}]; periods must not overlap"
                out.append(Problem(f"{name}[{j}]", msg))


def _too_many(out: list[Problem], name: str, items: Sequence[object]) -> None:
    if len(items) > MAX_PERIODS:
        out.append(Problem(name, f"at most {MAX_PERIODS} entries", Said(f"{len(items)} entries")))


def _money(out: list[Problem], path: str, value: Decimal) -> None:
    if not value.is_finite():
        out.append(Problem(path, "must be a finite number", value))
    elif value < 0:
        out.append(Problem(path, "must be ≥ 0", value))
    elif value > MAX_MONEY:
        out.append(Problem(path, f"must be ≤ {MAX_MONEY:,}", value))
    elif not _few_digits(value):
        out.append(Problem(path, f"at most {MAX_DIGITS} significant digits", value))


def _few_digits(value: Decimal) -> bool:
    """Whether *value* has few enough digits to be echoed in a line item's detail."""
    return len(value.as_tuple().digits) <= MAX_DIGITS


def _count(out: list[Problem], path: str, value: int) -> None:
    if value < 0:
        out.append(Problem(path, "must be ≥ 0", value))
    elif value > MAX_MONEY:
        out.append(Problem(path, f"must be ≤ {MAX_MONEY:,}", value))


def _text(out: list[Problem], path: str, value: str | None, *, required: bool = False) -> None:
    if value is None:
        return
    if len(value) > MAX_TEXT:
        out.append(
            Problem(path, f"at most {MAX_TEXT} characters", Said(f"{len(value)} characters"))
        )
    elif _BAD_CHARS.search(value):
        out.append(Problem(path, "contains a control character or an unpaired surrogate", value))
    elif required and not value.strip():
        out.append(Problem(path, "must not be empty", value))


public(
    Major,
    Education,
    Certificate,
    InsurancePeriod,
    AreaPeriod,
    ServicePeriod,
    Spouse,
    Investment,
    Entrepreneur,
    Award,
    Record,
    Applicant,
)
