"""Policy versions, dated amendments, readings and the reference-wage series.

Everything here is read once, on first use, from the package data in
``shjzz/data`` and structured by cattrs into frozen objects.  A version is in
force on ``[valid_from, valid_until)``; amendments apply by date whichever
version is used.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from typing import TYPE_CHECKING

import attrs

from shjzz._exports import public
from shjzz._months import Month, index_str, parse_date
from shjzz._resources import read_text
from shjzz._result import Certainty
from shjzz._rules import (
    AgeSteps,
    Certificates,
    Deduction,
    Eligibility,
    Flat,
    GraduateWindow,
    Investment,
    MonthBands,
    PerYear,
    Table,
    Threshold,
    Veto,
)
from shjzz.errors import PolicyNotInForce, UnknownPolicy

if TYPE_CHECKING:
    from shjzz._catalogue import Catalogues

POLICY_IDS = ("2013", "2015", "2018", "2023")

INDICATORS: dict[str, tuple[str, str]] = {
    "age": ("年龄", "basic"),
    "education": ("教育背景", "basic"),
    "certificate": ("专业技术职称和技能等级", "basic"),
    "insurance_years": ("在本市工作及缴纳职工社会保险年限", "basic"),
    "shortage_major": ("紧缺急需专业", "bonus"),
    "investment": ("投资纳税或带动本地就业", "bonus"),
    "insurance_base": ("缴纳职工社会保险费基数", "bonus"),
    "entrepreneur": ("创业人才", "bonus"),
    "tech_transfer": ("创新创业中介服务人才", "bonus"),
    "public_service": ("特定的公共服务领域", "bonus"),
    "remote_area": ("远郊重点区域", "bonus"),
    "new_graduate": ("全日制应届高校毕业生", "bonus"),
    "award": ("表彰奖励", "bonus"),
    "spouse": ("配偶为本市户籍人员", "bonus"),
    "false_material": ("提供虚假材料", "deduction"),
    "detention": ("行政拘留", "deduction"),
    "crime": ("一般刑事犯罪", "deduction"),
}
"""Stable indicator ids, in result order, with their Chinese names and groups."""


@attrs.frozen(kw_only=True)
class Indicators:
    """The rule of every indicator of one version; ``None`` where the version lacks it."""

    age: AgeSteps
    education: Table
    certificate: Certificates
    insurance_years: PerYear
    shortage_major: Flat
    investment: Investment
    insurance_base: MonthBands
    entrepreneur: Threshold | None = None
    tech_transfer: Threshold | None = None
    public_service: PerYear
    remote_area: PerYear
    new_graduate: GraduateWindow
    award: Table
    spouse: PerYear
    false_material: Deduction
    detention: Deduction
    crime: Deduction


@attrs.frozen(kw_only=True)
class Change:
    """One thing a version changed from its predecessor, and how sure that is."""

    text: str
    certainty: Certainty


@attrs.frozen(kw_only=True)
class Policy:
    """One official version of the points rules (办法 and its 实施细则)."""

    id: str
    title: str
    document: str
    """The 办法's 文号."""
    document_certainty: str
    implementing_rules: str | None
    """The 实施细则, by 文号 where known."""
    valid_from: _dt.date
    valid_until: _dt.date
    """First day no longer in force: the version covers ``[valid_from, valid_until)``."""
    certainty: Certainty
    sources: str
    note: str
    changes: tuple[Change, ...]
    standard: int
    eligibility: Eligibility
    vetoes: tuple[Veto, ...]
    indicators: Indicators

    def in_force(self, on: _dt.date) -> bool:
        """Whether this version is in force on *on*."""
        return self.valid_from <= on < self.valid_until

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """The ids of the indicators this version has, in result order."""
        return tuple(i for i in INDICATORS if getattr(self.indicators, i) is not None)


@attrs.frozen(kw_only=True)
class Amendment:
    """A dated change inside a version (临港新片区, 五个新城, …), applied by date."""

    id: str
    effective: _dt.date
    title: str
    document: str
    certainty: Certainty
    date_note: str
    summary: str
    not_applied: str | None = None
    """What the source claims that shjzz does not apply, and why."""


@attrs.frozen(kw_only=True)
class Reading:
    """A reading shjzz adopts where the published text leaves a choice."""

    id: str
    title: str
    text: str
    certainty: Certainty
    source: str
    """``reference`` (the policy reference) or ``shjzz`` (where the reference is silent)."""


@attrs.frozen(kw_only=True)
class WageRow:
    """The monthly reference wage for a range of contribution months (inclusive)."""

    from_: Month
    to: Month
    monthly: int
    stat_year: int
    certainty: Certainty


@attrs.frozen
class Wages:
    """The reference-wage series by contribution month, oldest first."""

    rows: tuple[WageRow, ...]

    def row_at(self, index: int) -> tuple[WageRow, bool]:
        """The row for month *index*, and whether it is only the nearest one."""
        for row in self.rows:
            if row.from_.index <= index <= row.to.index:
                return row, False
        return (self.rows[0] if index < self.rows[0].from_.index else self.rows[-1]), True

    def pieces(self) -> tuple[tuple[int, int, WageRow, bool], ...]:
        """Half-open month ranges covering all months, each with its row.

        The flag says whether the row is only the nearest published figure
        (before the first row or after the last).
        """
        first, last = self.rows[0], self.rows[-1]
        out = [(-(10**9), first.from_.index, first, True)]
        out += [(r.from_.index, r.to.index + 1, r, False) for r in self.rows]
        out.append((last.to.index + 1, 10**9, last, True))
        return tuple(out)


def nearest_note(row: WageRow, lo: int, hi: int) -> str:
    """The warning for months compared with the nearest published wage."""
    return (
        f"no reference wage is published for {index_str(lo)}–{index_str(hi - 1)}; "
        f"the nearest figure, ¥{row.monthly} ({row.from_}–{row.to}), was used"
    )


@attrs.frozen
class Registry:
    """Everything read from the package data."""

    policies: tuple[Policy, ...]
    amendments: tuple[Amendment, ...]
    readings: tuple[Reading, ...]
    wages: Wages

    @functools.cached_property
    def catalogues(self) -> Catalogues:
        """The catalogues, read on first use."""
        from shjzz._catalogue import load_catalogues  # noqa: PLC0415

        return load_catalogues()


@functools.cache
def registry() -> Registry:
    """Read and structure all policy data (once)."""
    from shjzz._convert import data_converter  # noqa: PLC0415

    conv = data_converter()
    policies = tuple(
        conv.structure(json.loads(read_text(f"policies/{pid}.json")), Policy) for pid in POLICY_IDS
    )
    amendments = tuple(
        conv.structure(a, Amendment) for a in json.loads(read_text("amendments.json"))
    )
    readings = tuple(conv.structure(r, Reading) for r in json.loads(read_text("readings.json")))
    return Registry(policies, amendments, readings, Wages(tuple(_wage_rows())))


def _wage_rows() -> list[WageRow]:
    rows = []
    for line in read_text("wages.csv").splitlines():
        if line.startswith(("#", "from,")) or not line.strip():
            continue
        start, end, monthly, stat_year, certainty = line.split(",")
        rows.append(
            WageRow(
                from_=Month.parse(start),
                to=Month.parse(end),
                monthly=int(monthly),
                stat_year=int(stat_year),
                certainty=certainty,  # type: ignore[arg-type]
            )
        )
    return rows


def policies() -> tuple[Policy, ...]:
    """Every encoded policy version, oldest first."""
    return registry().policies


def amendments() -> tuple[Amendment, ...]:
    """Every encoded dated amendment, oldest first."""
    return registry().amendments


def wages() -> tuple[WageRow, ...]:
    """The reference wage (上年度平均工资) by contribution months, oldest first.

    A month outside every row is compared with the nearest row, and the score
    says so in a warning.
    """
    return registry().wages.rows


def readings() -> tuple[Reading, ...]:
    """The readings shjzz adopts where the text leaves a choice."""
    return registry().readings


@functools.lru_cache(maxsize=4096)
def amendments_on(on: _dt.date) -> tuple[Amendment, ...]:
    """The amendments in force on *on*."""
    return tuple(a for a in registry().amendments if a.effective <= on)


def policy(which: str | _dt.date) -> Policy:
    """A policy version by id (``"2018"``), or the one in force on a date.

    A date may also be given as ``YYYY-MM-DD``; a ``datetime`` stands for its
    date.  Raises
    :class:`~shjzz.errors.UnknownPolicy` for an unknown id and
    :class:`~shjzz.errors.PolicyNotInForce` for a date no version covers.
    """
    reg = registry()
    if isinstance(which, _dt.date):
        return policy_on(_dt.date(which.year, which.month, which.day))  # a datetime: its day
    if not isinstance(which, str):
        raise UnknownPolicy(which, POLICY_IDS)
    for p in reg.policies:
        if p.id == which:
            return p
    try:
        day = parse_date(which)
    except ValueError:
        day = None
    if day is None:
        raise UnknownPolicy(which, POLICY_IDS)
    return policy_on(day)


@functools.lru_cache(maxsize=4096)
def policy_on(on: _dt.date) -> Policy:
    """The version in force on *on*; :class:`~shjzz.errors.PolicyNotInForce` if none."""
    pols = registry().policies
    for p in pols:
        if p.in_force(on):
            return p
    raise PolicyNotInForce(on, pols[0].valid_from, pols[-1].valid_until - _dt.timedelta(days=1))


public(Policy, Amendment, Reading, WageRow)
