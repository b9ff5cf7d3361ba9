"""The derived facts one score reads, prepared once: months, bases, age, catalogue names.

A :class:`Facts` is what every rule kind's ``evaluate`` reads.  It holds the
applicant, the evaluation date, the qualifying months and the contribution
bases cut where the reference wage changes, and it remembers what it has
worked out (base bands, catalogue lookups) for the other readings of the same
facts.  Problems and warnings a rule finds are collected on it.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import gettext
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from shjzz import _catalogue
from shjzz._i18n import N_, Lang, translations
from shjzz._lookup import NONE_CATALOGUE, LookupResult, Match, lookup, nearest
from shjzz._months import full_years, month_index
from shjzz._wages import Segment, nearest_note, split_by_wage, thresholds
from shjzz.errors import Problem

if TYPE_CHECKING:
    from shjzz._applicant import Applicant
    from shjzz.rules import MonthTier, Rule

SKILL_LEVEL = {
    1: "一级/高级技师",
    2: "二级/技师",
    3: "三级/高级工",
    4: "四级/中级工",
    5: "五级/初级工",
}
"""Skill levels as they are written on certificates."""

CATALOGUE_NAMES = {
    "skills": N_("skills"),
    "titles": N_("titles"),
    "qualifications": N_("qualifications"),
    "majors": N_("shortage-major"),
    "areas": N_("remote-area"),
}
"""Each catalogue as a sentence names it (``not on the skills catalogue``)."""
HOW = {
    "exact": N_("exact"),
    "alias": N_("alias"),
    "pinyin": N_("pinyin"),
    "initials": N_("initials"),
    "fuzzy": N_("fuzzy"),
    "traditional": N_("traditional characters"),
    "alternate": N_("alternate name"),
    "code": N_("code"),
    "grade": N_("grade"),
    "partial": N_("partial"),
    "official": N_("official"),
    "sourced": N_("sourced"),
    "unofficial": N_("unofficial"),
}


def skill_level(t: gettext.NullTranslations, level: int) -> str:
    """``level 3 (三级/高级工)`` in English, ``三级/高级工`` in Chinese."""
    return t.gettext("level {level} ({name})").format(level=level, name=SKILL_LEVEL[level])


_LOOKUPS = 1024


class Facts:
    """The facts of one applicant prepared for one evaluation date, under reading choices."""

    __slots__ = (
        "a",
        "age",
        "bands",
        "choices",
        "lang",
        "on",
        "on_idx",
        "paid",
        "problems",
        "rules",
        "segments",
        "t",
        "warnings",
    )

    def __init__(  # noqa: PLR0913 - the facts and what they are read under
        self,
        a: Applicant,
        *,
        on: _dt.date,
        reach: int,
        rules: Mapping[str, Rule],
        choices: Mapping[str, str],
        warnings: list[str],
        lang: Lang,
    ) -> None:
        """Prepare *a* on *on*; base multiples are compared only *reach* months back.

        *rules* are the version's rules under *choices*, by indicator id; *lang*
        the language the rules say things in (see :mod:`shjzz._i18n`).
        """
        self.a = a
        self.lang = lang
        self.t = t = translations(lang)
        self.on = on
        self.on_idx = on_idx = month_index(on)
        self.rules = rules
        self.choices = choices
        self.warnings = warnings
        self.problems: list[Problem] = []
        self.bands: dict[object, tuple[list[int], list[int]]] = {}
        if a.birth_date > on:
            self.problems.append(
                Problem(
                    "birth_date",
                    t.gettext("is after the evaluation date {on}").format(on=on),
                    str(a.birth_date),
                )
            )
        self.age = full_years(a.birth_date, on)
        for i, cert in enumerate(a.certificates):
            if cert.obtained_on is not None and cert.obtained_on > on:
                self.problems.append(
                    Problem(
                        f"certificates[{i}].obtained_on",
                        t.gettext("must not be after the evaluation date {on}").format(on=on),
                        str(cert.obtained_on),
                    )
                )
        paid: list[tuple[int, int]] = []
        segments: list[Segment] = []
        for p in a.social_insurance:
            if p.back_paid or not p.employer_matches_contract:
                continue
            start = p.from_.index
            end = p.to.index + 1 if p.to is not None else on_idx + 1
            paid.append((start, end))
            if p.tax_matches and end > on_idx - reach:
                segments.extend(split_by_wage(max(start, on_idx - reach), end, p.base))
        self.paid = paid
        self.segments = segments

    def under(
        self, rules: Mapping[str, Rule], choices: Mapping[str, str], reuse: Facts | None = None
    ) -> Facts:
        """The same prepared facts read under other *rules* and *choices*.

        Warnings and problems go to other lists: a result reports those of its
        own choices only.  *reuse* is a context made by an earlier call, to recycle.
        """
        other = reuse
        if other is None:
            other = object.__new__(Facts)
            other.a, other.age, other.on, other.on_idx = self.a, self.age, self.on, self.on_idx
            other.paid, other.segments, other.bands = self.paid, self.segments, self.bands
            other.t, other.lang = self.t, self.lang
            other.warnings, other.problems = [], []
        other.rules, other.choices = rules, choices
        return other

    @property
    def catalogues(self) -> _catalogue.Catalogues:
        """The dated catalogues."""
        return _catalogue.catalogues()

    # --- months ---------------------------------------------------------------------

    def months(self, lo: int, hi: int) -> int:
        """Qualifying months (paid, not back-paid, by the contract employer) in ``[lo, hi)``."""
        total = 0
        for start, end in self.paid:
            a = start if start > lo else lo
            b = end if end < hi else hi
            if a < b:
                total += b - a
        return total

    def run_months(self, hi: int) -> int:
        """Qualifying months in the unbroken run that ends with month ``hi - 1``."""
        cursor, total = hi, 0
        for start, end in sorted(self.paid, reverse=True):
            if start >= cursor:
                continue
            if end < cursor:
                break
            total += cursor - start
            cursor = start
        return total

    def tier_months(self, tier: MonthTier) -> int:
        """Qualifying months for *tier* in its window before the month of ``on``."""
        if tier.multiple is None:
            return self.months(self.on_idx - tier.window, self.on_idx)
        return self.band_months((tier,), (None,))[0][0]

    def band_months(
        self, tiers: tuple[MonthTier, ...], tops: tuple[Decimal | None, ...]
    ) -> tuple[list[int], list[int]]:
        """Per tier, months at a base of at least its multiple, and of those, below its top.

        A month counts when its base reaches the multiple of that month's reference
        wage and matches the income-tax record; the second count also needs it below
        the tier's top multiple (``None``: no top).  Both come from one pass, kept
        for the other readings of the same facts.  The windows are within the reach
        of the version's base rules.
        """
        key = (tiers, tops)
        known = self.bands.get(key)
        if known is not None:
            return known
        on_idx = self.on_idx
        groups = [(on_idx - window, members) for window, members in _tier_plan(tiers, tops)]
        at_least, within = [0] * len(tiers), [0] * len(tiers)
        for start, stop, base, piece, near in self.segments:
            end = min(stop, on_idx)
            for lo, members in groups:
                a = start if start > lo else lo
                if a >= end:
                    continue
                for k, floors, ceilings in members:
                    if base < floors[piece]:
                        break  # members rise by multiple: the higher ones fail too
                    at_least[k] += end - a
                    if ceilings is None or base < ceilings[piece]:
                        within[k] += end - a
                    if near is not None:
                        self.warnings.append(nearest_note(near, a, end, self.t))
        known = self.bands[key] = (at_least, within)
        return known

    # --- catalogue names ------------------------------------------------------------

    def resolve(self, path: str, name: str, names: tuple[str, ...]) -> LookupResult:
        """Look a name up; an ambiguous one is a problem listing the candidates."""
        result = _cached_lookup(name, names, self.on if "areas" in names else None, self.lang)
        if result.ambiguous:
            candidates = tuple(describe_match(m, self.t) for m in result.confident)
            why = self.t.gettext("is ambiguous: name the catalogue entry exactly")
            self.problems.append(Problem(path, why, name, candidates))
        return result

    def nearest(self, name: str, catalogue: str) -> tuple[str, ...]:
        """The catalogue names closest to *name* on ``on``, for a reason shown to a person."""
        return _nearest(name, catalogue, self.on)

    def not_found(self, name: str, catalogue: str, hint: str | None = None) -> str:
        """Why *name* earns nothing from *catalogue*: the lookup's hint, or the nearest names."""
        if hint is not None:
            return hint
        near = _nearest(name, catalogue, self.on)
        t = self.t
        why = t.gettext("{name}: not on the {catalogue} catalogue").format(
            name=name, catalogue=t.gettext(CATALOGUE_NAMES[catalogue])
        )
        if near:
            why += t.gettext(" (nearest: {names})").format(names=", ".join(near))
        return why


_TierGroups = list[tuple[int, list[tuple[int, tuple[Decimal, ...], tuple[Decimal, ...] | None]]]]


@functools.lru_cache(maxsize=256)
def _tier_plan(tiers: tuple[MonthTier, ...], tops: tuple[Decimal | None, ...]) -> _TierGroups:
    """The tiers grouped by window, each group by rising multiple, once per rule.

    Each group is ``(window, [(tier index, thresholds, top thresholds), …])``,
    the thresholds by wage piece.
    """
    by_window: dict[int, list[tuple[Decimal, int]]] = {}
    for k, t in enumerate(tiers):
        by_window.setdefault(t.window, []).append((t.multiple or Decimal(0), k))
    return [
        (
            window,
            [
                (k, thresholds(m), None if tops[k] is None else thresholds(tops[k]))
                for m, k in sorted(members)
            ],
        )
        for window, members in by_window.items()
    ]


@functools.lru_cache(maxsize=_LOOKUPS)
def _cached_lookup(
    name: str, catalogues: tuple[str, ...], on: _dt.date | None, lang: Lang
) -> LookupResult:
    """Lookups repeat across applicants; only area rows depend on the date."""
    return lookup(name, catalogue=catalogues, on=on or _dt.date.max, lang=lang)


_NEAREST: dict[tuple[str, str, int], tuple[str, ...]] = {}
_NEAREST_LIMIT = 1024


def _nearest(name: str, catalogue: str, on: _dt.date) -> tuple[str, ...]:
    """:func:`~shjzz._lookup.nearest`, kept for the dates between two catalogue changes.

    Suggestions repeat across applicants and across the dates of a plan; what
    they depend on changes only where a catalogue edition or row does, so the
    key is the span of *on* between those days (bounded, keyed by value).
    """
    key = (name, catalogue, bisect.bisect_right(_catalogue_days(), on))
    known = _NEAREST.get(key)
    if known is None:
        if len(_NEAREST) >= _NEAREST_LIMIT:
            _NEAREST.clear()
        known = _NEAREST[key] = nearest(name, catalogue, on)
    return known


@functools.cache
def _catalogue_days() -> tuple[_dt.date, ...]:
    """Every day on which an edition or a row of a catalogue starts or stops, sorted."""
    days = set()
    for edition in _catalogue.catalogues().editions:
        days.add(edition.effective)
        for entry in edition.entries:
            days.update(d for d in (entry.valid_from, entry.valid_until) if d is not None)
    return tuple(sorted(days))


def describe_match(m: Match, t: gettext.NullTranslations) -> str:
    """A candidate as an error lists it: ``焊工 level 3 (三级/高级工) (skills)``."""
    level = f" {skill_level(t, m.level)}" if m.level else ""
    if m.catalogue == NONE_CATALOGUE:
        if m.note:
            return t.gettext("{name} (earns no points: {note})").format(name=m.name, note=m.note)
        return t.gettext("{name} (earns no points)").format(name=m.name)
    catalogue = t.gettext(CATALOGUE_NAMES.get(m.catalogue, m.catalogue))
    return f"{m.name}{level} ({catalogue})"


def how(query: str, m: Match, t: gettext.NullTranslations) -> str:
    """How a name was read: ``电焊工 → 焊工 (alias, sourced: 2018 … renaming)``."""
    if m.how == "exact":
        return m.name
    way = t.gettext(HOW.get(m.how, m.how))
    if m.via and m.via != m.name and m.how in {"pinyin", "initials", "fuzzy"}:
        way = t.gettext("{way} of {name}").format(way=way, name=m.via)
    status = f", {t.gettext(HOW.get(m.status, m.status))}" if m.status else ""
    note = f": {m.note}" if m.note and m.status in {"sourced", "unofficial"} else ""
    return f"{query} → {m.name} ({way}{status}{note})"
