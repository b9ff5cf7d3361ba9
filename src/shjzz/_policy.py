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
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from shjzz._exports import public
from shjzz._months import Month, index_str, parse_date
from shjzz._resources import names, read_text
from shjzz._result import Certainty, frozen_choices
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
    frozen_map,
)
from shjzz.errors import PolicyNotInForce, UnknownPolicy, UnknownReading

if TYPE_CHECKING:
    from shjzz._catalogue import Catalogues


def _frozen_variants(
    value: Mapping[str, Mapping[str, Mapping[str, object]]],
) -> Mapping[str, Mapping[str, Mapping[str, object]]]:
    return frozen_map(
        {
            reading: frozen_map({choice: frozen_map(rules) for choice, rules in choices.items()})
            for reading, choices in value.items()
        }
    )


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
    document_certainty: Certainty
    implementing_rules: str | None
    """The 实施细则, by 文号 where known."""
    valid_from: _dt.date
    valid_until: _dt.date
    """First day no longer in force: the version covers ``[valid_from, valid_until)``."""
    certainty: Certainty
    sources: tuple[str, ...]
    """Ids of the sources for the version as a whole (:func:`shjzz.source`)."""
    note: str
    changes: tuple[Change, ...]
    standard: int
    eligibility: Eligibility
    vetoes: tuple[Veto, ...]
    indicators: Indicators
    variants: Mapping[str, Mapping[str, Mapping[str, object]]] = attrs.field(
        factory=dict, converter=_frozen_variants
    )
    """Rules under the alternative choices of readings: reading → choice → indicator → rule.

    Written in the data beside the indicator's own rule (its ``alternatives``);
    an indicator not listed keeps its rule under every choice.
    """

    def in_force(self, on: _dt.date) -> bool:
        """Whether this version is in force on *on*."""
        return self.valid_from <= on < self.valid_until

    def rule(self, indicator: str, choices: Mapping[str, str]) -> Any:  # noqa: ANN401 - per indicator
        """The rule of *indicator* under the reading *choices* (``{"R-4": "strict"}``)."""
        for reading, choice in choices.items():
            rules = self.variants.get(reading, {}).get(choice)
            if rules is not None and indicator in rules:
                return rules[indicator]
        return getattr(self.indicators, indicator)

    def touched(self, reading: str) -> tuple[str, ...]:
        """The indicators whose rule an alternative choice of *reading* changes, in result order."""
        changed = {i for rules in self.variants.get(reading, {}).values() for i in rules}
        return tuple(i for i in self.indicator_ids if i in changed)

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
class ReadingChoice:
    """One way of reading an open rule: the default one, or a named alternative."""

    id: str
    """The choice's id, given as ``R-4=strict``."""
    text: str


@attrs.frozen(kw_only=True)
class Reading:
    """A reading shjzz adopts where the published text leaves a choice."""

    id: str
    title: str
    text: str
    certainty: Certainty
    source: str
    """``reference`` (the policy reference) or ``shjzz`` (where the reference is silent)."""
    choices: tuple[ReadingChoice, ...] = ()
    """The default choice first, then the alternatives a user may select; empty if none."""

    @property
    def default(self) -> str | None:
        """The id of the choice used unless another is selected."""
        return self.choices[0].id if self.choices else None


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
    found = [
        _structure_policy(conv, json.loads(read_text(f"policies/{name}")))
        for name in names("policies", ".json")
    ]
    policies = tuple(sorted(found, key=lambda p: p.valid_from))
    amendments = tuple(
        conv.structure(a, Amendment) for a in json.loads(read_text("amendments.json"))
    )
    readings = tuple(conv.structure(r, Reading) for r in json.loads(read_text("readings.json")))
    return Registry(policies, amendments, readings, Wages(tuple(_wage_rows())))


def _structure_policy(conv: Any, data: dict[str, Any]) -> Policy:  # noqa: ANN401 - a converter
    """A version from its data; an indicator's ``alternatives`` become its rule variants.

    ``alternatives`` maps a reading id and a choice to the fields that differ
    under that choice; the variant is the indicator's data with those fields.
    """
    alternatives = {
        indicator: rule.pop("alternatives")
        for indicator, rule in data["indicators"].items()
        if "alternatives" in rule
    }
    pol: Policy = conv.structure(data, Policy)
    variants: dict[str, dict[str, dict[str, object]]] = {}
    for indicator, readings in alternatives.items():
        rule = getattr(pol.indicators, indicator)
        fields = attrs.fields_dict(attrs.resolve_types(type(rule)))
        for reading, choices in readings.items():
            for choice, changes in choices.items():
                # the rule with the changed fields only: the rest stay the very same objects
                variant = attrs.evolve(
                    rule, **{k: conv.structure(v, fields[k].type) for k, v in changes.items()}
                )
                variants.setdefault(reading, {}).setdefault(choice, {})[indicator] = variant
    return attrs.evolve(pol, variants=variants)


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


def policy_ids() -> tuple[str, ...]:
    """The ids of the encoded versions, oldest first (as found in the package data)."""
    return tuple(p.id for p in registry().policies)


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


def choose(readings: Mapping[str, str] | None) -> Mapping[str, str]:
    """The choice of every reading with alternatives: its default unless *readings* names another.

    Raises :class:`~shjzz.errors.UnknownReading` for a reading without
    alternatives or a choice that is not one of its own; the message lists the
    valid ones.
    """
    if readings is None:
        return _defaults()
    open_ = {r.id: r for r in registry().readings if r.choices}
    chosen = dict(_defaults())
    if not isinstance(readings, Mapping):
        raise UnknownReading(
            f"readings must map reading ids to choices, such as {{'R-4': 'strict'}}; "
            f"got {type(readings).__name__}"
        )
    for rid, choice in readings.items():
        reading = open_.get(rid) if isinstance(rid, str) else None
        if reading is None:
            valid = "; ".join(f"{r.id}={'|'.join(c.id for c in r.choices)}" for r in open_.values())
            raise UnknownReading(f"unknown reading {rid!r}: the readings with a choice are {valid}")
        ids = [c.id for c in reading.choices]
        if choice not in ids:
            raise UnknownReading(
                f"unknown choice {choice!r} for {rid}: choose one of {', '.join(ids)} "
                f"(default {reading.default})"
            )
        chosen[rid] = choice
    return frozen_choices(chosen)


@functools.cache
def _defaults() -> Mapping[str, str]:
    """The default choice of every reading that has alternatives (one shared mapping)."""
    return frozen_choices({r.id: r.default or "" for r in registry().readings if r.choices})


@functools.lru_cache(maxsize=4096)
def amendments_on(on: _dt.date) -> tuple[Amendment, ...]:
    """The amendments in force on *on*."""
    return tuple(a for a in registry().amendments if a.effective <= on)


def policy(which: str | _dt.date) -> Policy:
    """A policy version by id (``"2018"``), or the one in force on a date.

    A date may also be given as ``YYYY-MM-DD``.  Raises
    :class:`~shjzz.errors.UnknownPolicy` for an unknown id and
    :class:`~shjzz.errors.PolicyNotInForce` for a date no version covers.
    """
    reg = registry()
    if isinstance(which, _dt.date):
        return policy_on(which)
    if not isinstance(which, str):
        raise UnknownPolicy(which, policy_ids())
    for p in reg.policies:
        if p.id == which:
            return p
    try:
        day = parse_date(which)
    except ValueError:
        day = None
    if day is None:
        raise UnknownPolicy(which, policy_ids())
    return policy_on(day)


@functools.lru_cache(maxsize=4096)
def policy_on(on: _dt.date) -> Policy:
    """The version in force on *on*; :class:`~shjzz.errors.PolicyNotInForce` if none."""
    pols = registry().policies
    for p in pols:
        if p.in_force(on):
            return p
    raise PolicyNotInForce(on, pols[0].valid_from, pols[-1].valid_until - _dt.timedelta(days=1))


public(Policy, Amendment, Reading, ReadingChoice, WageRow)
