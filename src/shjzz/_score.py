"""score(): apply one policy version's rules to one applicant on one date.

One evaluator per indicator reads the applicant's facts and the version's
rule object; nothing here knows which version it is applying.  Months are
integers (see ``_months``) and money is :class:`~decimal.Decimal`, so
threshold comparisons are exact.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shjzz._applicant import Applicant
from shjzz._args import as_applicant, as_date
from shjzz._lookup import NONE_CATALOGUE, LookupResult, Match, lookup, nearest
from shjzz._months import full_years, index_str, month_index, years_before
from shjzz._policy import (
    INDICATORS,
    Policy,
    WageRow,
    amendments_on,
    nearest_note,
    policy_on,
    registry,
)
from shjzz._policy import policy as _policy_by
from shjzz._result import Basis, LineItem, ScoreResult
from shjzz.errors import InvalidApplicant, Problem

if TYPE_CHECKING:
    from shjzz._applicant import (
        AreaPeriod,
        Award,
        Certificate,
        Education,
        Entrepreneur,
        Investment,
        Record,
        ServicePeriod,
        Spouse,
    )
    from shjzz._rules import Certificates, MonthTier

_EDUCATION = {"junior_college": "大专/高职", "bachelor": "本科", "master": "硕士", "doctor": "博士"}
_SKILL_LEVEL = {
    1: "一级/高级技师",
    2: "二级/技师",
    3: "三级/高级工",
    4: "四级/中级工",
    5: "五级/初级工",
}
_GRADE = {"intermediate": "中级", "deputy_senior": "副高级", "senior": "正高级"}
_FAR = 10**9


def score(
    applicant: Applicant | Mapping[str, object],
    *,
    on: _dt.date | None = None,
    policy: str | _dt.date | Policy | None = None,
) -> ScoreResult:
    """Score *applicant* on *on* (default today) under *policy*.

    *applicant* may also be applicant-file data, read by :func:`shjzz.load_applicant`.
    A ``datetime`` for *on* stands for its date.

    *policy* is a version id, a date (the version in force then) or a
    :class:`~shjzz.Policy`; by default the version in force on *on*, and
    :class:`~shjzz.errors.PolicyNotInForce` if none is.  A pinned version may
    be evaluated outside its dates; the result then carries a warning.
    Amendments apply by *on* whichever version is used.
    """
    applicant = as_applicant(applicant)
    day = _evaluation_date(on)
    warnings: list[str] = []
    if policy is None:
        pol = policy_on(day)
    else:
        pol = policy if isinstance(policy, Policy) else _policy_by(policy)
        if not pol.in_force(day):
            last = pol.valid_until - _dt.timedelta(days=1)
            warnings.append(
                f"version {pol.id} is in force from {pol.valid_from} to {last}; "
                f"it was pinned and applied on {day} anyway"
            )
    _, steps, reach = _plan(pol)
    ctx = _Context(applicant, day, pol, warnings, reach)
    items = []
    for evaluate, field, absent in steps:
        fact = None if field is None else getattr(applicant, field)
        items.append(absent if absent is not None and not fact else evaluate(ctx, fact))
    if ctx.problems:
        raise InvalidApplicant(ctx.problems)
    edu, cert = items[1], items[2]
    if cert.points > edu.points:
        items[1] = _uncount(edu, "二选一: the certificate is higher")
    else:
        items[2] = _uncount(cert, "二选一: education is higher or equal")
    eligible = _eligible(ctx)
    vetoed = _vetoed(ctx)
    total = 0
    for it in items:
        if it.counted:
            total += it.points
    total = max(total, 0)
    return ScoreResult(
        policy=pol.id,
        amendments=_amendment_ids(day),
        on=day,
        total=total,
        standard=pol.standard,
        meets_standard=eligible and not vetoed and total >= pol.standard,
        eligible=eligible,
        vetoed=vetoed,
        items=tuple(items),
        warnings=tuple(dict.fromkeys(warnings)) if warnings else (),
    )


Evaluator = Callable[["_Context", Any], LineItem]
"""An indicator's evaluator: the context and the applicant field it reads."""
_Step = tuple[Evaluator, str | None, LineItem | None]
_PLANS: dict[int, tuple[Policy, tuple[_Step, ...], int]] = {}
_PLANS_LIMIT = 64


def _plan(pol: Policy) -> tuple[Policy, tuple[_Step, ...], int]:
    """*pol*'s steps in result order, and how many months back any base rule looks.

    A step is an evaluator, the applicant field it reads and the item to use
    when that field is empty.  Worked out once per version.
    """
    known = _PLANS.get(id(pol))
    if known is None or known[0] is not pol:
        tiers = [*pol.indicators.insurance_base.tiers, pol.indicators.certificate.condition]
        reach = max(t.window for t in tiers if t is not None and t.multiple is not None)
        steps = []
        for indicator in pol.indicator_ids:
            evaluate, field, absent = _EVALUATORS[indicator]
            basis = getattr(pol.indicators, indicator).basis
            steps.append((evaluate, field, _item(indicator, 0, absent, basis) if field else None))
        if len(_PLANS) >= _PLANS_LIMIT:  # versions built by a caller, not just the four
            _PLANS.clear()
        known = _PLANS[id(pol)] = (pol, tuple(steps), reach)
    return known


@functools.lru_cache(maxsize=4096)
def _amendment_ids(day: _dt.date) -> tuple[str, ...]:
    return tuple(a.id for a in amendments_on(day))


def _evaluation_date(on: object) -> _dt.date:
    if on is None:
        return _dt.date.today()  # noqa: DTZ011 - the caller's calendar date, as documented
    return as_date(on, "on")


def _uncount(item: LineItem, why: str) -> LineItem:
    return _item(
        item.indicator,
        item.points,
        f"{item.detail}; {why}",
        item.basis,
        capped=item.capped,
        counted=False,
    )


_NOTHING: dict[tuple[str, int], LineItem] = {}


def _nothing(indicator: str, why: str, basis: Basis) -> LineItem:
    """The 0-point item of an absent fact (the common case), found by a short key."""
    item = _NOTHING.get((why, id(basis)))
    if item is None or item.basis is not basis or item.indicator != indicator:
        if len(_NOTHING) >= _ITEMS_LIMIT:
            _NOTHING.clear()
        item = _NOTHING[why, id(basis)] = _item(indicator, 0, why, basis)
    return item


_ITEMS: dict[tuple[str, int, str, int, bool, bool], LineItem] = {}
_ITEMS_LIMIT = 4096
_SHARED_DETAIL = 160
"""Longer details (they echo names and numbers) are not kept: caches stay small."""


def _item(  # noqa: PLR0913 - the fields of a line item
    indicator: str,
    points: int,
    detail: str,
    basis: Basis,
    *,
    capped: bool = False,
    counted: bool = True,
) -> LineItem:
    """A line item; equal items are one shared frozen object (most repeat across people)."""
    key = (indicator, points, detail, id(basis), capped, counted)
    item = _ITEMS.get(key)
    if item is not None and item.basis is basis:
        return item
    if len(_ITEMS) >= _ITEMS_LIMIT:
        _ITEMS.clear()
    item = LineItem(
        indicator=indicator,
        name=INDICATORS[indicator][0],
        points=points,
        counted=counted,
        detail=detail,
        basis=basis,
        capped=capped,
    )
    if len(detail) <= _SHARED_DETAIL:
        _ITEMS[key] = item
    return item


class _Context:
    """The facts of one applicant prepared for one evaluation date."""

    __slots__ = ("a", "age", "on", "on_idx", "paid", "policy", "problems", "segments", "warnings")

    def __init__(
        self, a: Applicant, on: _dt.date, pol: Policy, warnings: list[str], reach: int
    ) -> None:
        """Prepare *a* on *on*; base multiples are compared only *reach* months back."""
        self.a = a
        self.on = on
        self.on_idx = on_idx = month_index(on)
        self.policy = pol
        self.warnings = warnings
        self.problems: list[Problem] = []
        if a.birth_date > on:
            self.problems.append(
                Problem("birth_date", f"is after the evaluation date {on}", str(a.birth_date))
            )
        self.age = full_years(a.birth_date, on)
        for i, cert in enumerate(a.certificates):
            if cert.obtained_on is not None and cert.obtained_on > on:
                self.problems.append(
                    Problem(
                        f"certificates[{i}].obtained_on",
                        f"must not be after the evaluation date {on}",
                        str(cert.obtained_on),
                    )
                )
        paid: list[tuple[int, int]] = []
        segments: list[tuple[int, int, Decimal, int, WageRow | None]] = []
        for p in a.social_insurance:
            if p.back_paid or not p.employer_matches_contract:
                continue
            start = p.from_.index
            end = p.to.index + 1 if p.to is not None else on_idx + 1
            paid.append((start, end))
            if p.tax_matches and end > on_idx - reach:
                segments.extend(_split_by_wage(max(start, on_idx - reach), end, p.base))
        self.paid = paid
        self.segments = segments

    def months(self, lo: int, hi: int) -> int:
        """Qualifying months (paid, not back-paid, by the contract employer) in ``[lo, hi)``."""
        total = 0
        for start, end in self.paid:
            a = start if start > lo else lo
            b = end if end < hi else hi
            if a < b:
                total += b - a
        return total

    def tier_months(self, tier: MonthTier) -> int:
        """Qualifying months for *tier* in its window before the month of ``on``."""
        if tier.multiple is None:
            return self.months(self.on_idx - tier.window, self.on_idx)
        return self.tiers_months((tier,))[0]

    def tiers_months(self, tiers: tuple[MonthTier, ...]) -> list[int]:
        """Months in each tier's window at a base of at least its multiple, in one pass.

        A month counts when its base reaches the multiple of that month's reference
        wage and matches the income-tax record.  The windows are within the reach
        of the version's base rules.
        """
        on_idx = self.on_idx
        groups = [(on_idx - window, members) for window, members in _tier_plan(tiers)]
        counts = [0] * len(tiers)
        for start, stop, base, piece, near in self.segments:
            end = min(stop, on_idx)
            for lo, members in groups:
                a = start if start > lo else lo
                if a >= end:
                    continue
                for k, thresholds in members:
                    if base < thresholds[piece]:
                        break  # members rise by multiple: the higher ones fail too
                    counts[k] += end - a
                    if near is not None:
                        self.warnings.append(nearest_note(near, a, end))
        return counts


_TierGroups = list[tuple[int, list[tuple[int, tuple[Decimal, ...]]]]]
_TIER_PLANS: dict[tuple[int, ...], tuple[tuple[MonthTier, ...], _TierGroups]] = {}


def _tier_plan(tiers: tuple[MonthTier, ...]) -> _TierGroups:
    """The tiers grouped by window, each group by rising multiple, once per rule.

    Each group is ``(window, [(tier index, thresholds by wage piece), …])``.
    """
    key = tuple(map(id, tiers))
    known = _TIER_PLANS.get(key)
    if known is None or any(a is not b for a, b in zip(known[0], tiers, strict=True)):
        by_window: dict[int, list[tuple[Decimal, int]]] = {}
        for k, t in enumerate(tiers):
            by_window.setdefault(t.window, []).append((t.multiple or Decimal(0), k))
        groups = [
            (window, [(k, _thresholds(m)) for m, k in sorted(members)])
            for window, members in by_window.items()
        ]
        known = _TIER_PLANS[key] = (tiers, groups)
    return known[1]


@functools.cache
def _pieces() -> tuple[tuple[int, int, WageRow, WageRow | None], ...]:
    """The wage series as ``(from, to, row, row-if-only-the-nearest)`` over all months."""
    return tuple(
        (lo, hi, row, row if nearest_only else None)
        for lo, hi, row, nearest_only in registry().wages.pieces()
    )


@functools.cache
def _piece_starts() -> tuple[int, ...]:
    return tuple(p[0] for p in _pieces())


@functools.cache
def _thresholds(multiple: Decimal) -> tuple[Decimal, ...]:
    """``multiple × wage`` for each piece of the wage series, exactly."""
    return tuple(multiple * row.monthly for _, _, row, _ in _pieces())


def _split_by_wage(
    start: int, end: int, base: Decimal
) -> list[tuple[int, int, Decimal, int, WageRow | None]]:
    """``[start, end)`` cut where the reference wage changes.

    Each piece is ``(from, to, base, wage piece, row-if-only-the-nearest)``.
    """
    pieces = _pieces()
    out = []
    i = bisect.bisect_right(_piece_starts(), start) - 1
    while i < len(pieces) and pieces[i][0] < end:
        lo, hi, _, near = pieces[i]
        out.append((max(start, lo), min(end, hi), base, i, near))
        i += 1
    return out


# --- basic indicators -------------------------------------------------------------


def _age(ctx: _Context, _: None) -> LineItem:
    rule = ctx.policy.indicators.age
    age = ctx.age
    points = rule.points(age)
    capped = (
        age < rule.floor_from and rule.floor_points + rule.step * (rule.floor_from - age) > rule.cap
    )
    if age > rule.last_age:
        ctx.warnings.append(
            f"age {age}: over {rule.last_age}, no age points and not normally eligible"
        )
    return _item("age", points, f"{age} 周岁", rule.basis, capped=capped)


def _education(ctx: _Context, e: Education) -> LineItem:
    rule = ctx.policy.indicators.education
    name = _EDUCATION[e.level]
    if not e.recognized:
        return _item("education", 0, f"{name} not recognised: scores 0", rule.basis)
    if e.graduated_on is not None and e.graduated_on > ctx.on:
        return _item(
            "education",
            0,
            f"{name}: graduates on {e.graduated_on}, after {ctx.on} (L-4)",
            rule.basis,
        )
    key = "bachelor_degree" if e.level == "bachelor" and e.degree else e.level
    detail = f"{name} with 学士学位" if key == "bachelor_degree" else name
    if e.level == "bachelor" and not e.degree:
        detail += " without 学士学位"
    return _item("education", rule.points[key], detail, rule.basis)


def _certificate(ctx: _Context, certificates: tuple[Certificate, ...]) -> LineItem:
    rule = ctx.policy.indicators.certificate
    outcomes = [_one_certificate(ctx, rule, i, c) for i, c in enumerate(certificates)]
    best = max(outcomes, key=lambda o: o[0])
    details = [o[1] for o in outcomes]
    if len(details) > 1:
        details.insert(0, details.pop(outcomes.index(best)))
    return _item("certificate", best[0], "; ".join(details), best[2])


_Found = tuple[int, str, "Basis | None"]
"""Points, what was read, and the basis if that is final (``None``: check the base condition)."""


def _one_certificate(
    ctx: _Context, rule: Certificates, i: int, c: Certificate
) -> tuple[int, str, Basis]:
    path = f"certificates[{i}]"
    label = c.name or _GRADE.get(c.grade or "", "title")
    if not c.matches_post:
        return 0, f"{label}: does not match the post", rule.basis
    if c.kind == "skill":
        found = _skill(ctx, rule, path, c)
    elif c.kind == "title":
        found = _title(ctx, rule, path, c)
    else:
        found = _qualification(ctx, rule, path, c)
    points, read, final = found
    if final is not None:
        return points, read, final
    if rule.condition is not None and points >= rule.condition_from:
        months = ctx.tier_months(rule.condition)
        if months < rule.condition.at_least:
            basis = rule.condition_basis or rule.basis
            why = (
                f"{read} would give {points}, but the base was ≥ {rule.condition.multiple}× the "
                f"reference wage in {months} of the last {rule.condition.window} months "
                f"(needs {rule.condition.at_least})"
            )
            return 0, why, basis
    return points, f"{read} → {points}", rule.basis


def _resolve(ctx: _Context, path: str, name: str, catalogues: tuple[str, ...]) -> LookupResult:
    """Look a name up; an ambiguous one is a problem listing the candidates."""
    result = _cached_lookup(name, catalogues, ctx.on if "areas" in catalogues else None)
    if result.ambiguous:
        candidates = tuple(_describe(m) for m in result.confident)
        ctx.problems.append(
            Problem(path, "is ambiguous: name the catalogue entry exactly", name, candidates)
        )
    return result


@functools.lru_cache(maxsize=1024)
def _cached_lookup(name: str, catalogues: tuple[str, ...], on: _dt.date | None) -> LookupResult:
    """Lookups repeat across applicants; only area rows depend on the date."""
    return lookup(name, catalogue=catalogues, on=on or _dt.date.max)


@functools.lru_cache(maxsize=1024)
def _cached_nearest(name: str, catalogue: str, on: _dt.date) -> tuple[str, ...]:
    """Suggestions repeat across applicants: bounded, keyed by the values asked for."""
    return nearest(name, catalogue, on)


def _describe(m: Match) -> str:
    level = f" {_SKILL_LEVEL[m.level]}" if m.level else ""
    if m.catalogue == NONE_CATALOGUE:
        return f"{m.name} (earns no points{': ' + m.note if m.note else ''})"
    return f"{m.name}{level} ({m.catalogue})"


def _how(query: str, m: Match) -> str:
    """How a name was read: ``电焊工 → 焊工 (alias, sourced: 2018 … renaming)``."""
    if m.how == "exact":
        return m.name
    how = m.how
    if m.via and m.via != m.name and how in {"pinyin", "initials", "fuzzy"}:
        how += f" of {m.via}"
    status = f", {m.status}" if m.status else ""
    note = f": {m.note}" if m.note and m.status in {"sourced", "unofficial"} else ""
    return f"{query} → {m.name} ({how}{status}{note})"


def _not_found(ctx: _Context, name: str, catalogue: str) -> str:
    near = _cached_nearest(name, catalogue, ctx.on)
    return f"{name}: not on the {catalogue} catalogue" + (
        f" (nearest: {', '.join(near)})" if near else ""
    )


def _skill(ctx: _Context, rule: Certificates, path: str, c: Certificate) -> _Found:
    name = c.name or ""
    result = _resolve(ctx, f"{path}.name", name, ("skills",))
    match = result.best
    level = c.level
    if match is not None and match.level is not None:
        if level is None:
            level = match.level
        elif level != match.level:
            ctx.problems.append(
                Problem(
                    f"{path}.level",
                    f"contradicts the name ({name} = {_SKILL_LEVEL[match.level]})",
                    c.level,
                )
            )
    if level is None:
        ctx.problems.append(Problem(f"{path}.level", "required for a skill certificate (1–5)"))
        return 0, name, rule.basis
    edition = registry().catalogues.edition("skills", ctx.on)
    if match is not None and match.catalogue == NONE_CATALOGUE:
        return 0, f"{_how(name, match)}: earns no points", rule.catalogue
    if match is None and result.ambiguous:
        return 0, name, rule.basis
    if edition is None:
        ctx.warnings.append(
            f"{path}: no skills catalogue is encoded for {ctx.on} (R-5): "
            f"{name} is accepted unchecked"
        )
        read = _how(name, match) if match is not None else name
    elif match is None:
        return 0, _not_found(ctx, name, "skills"), rule.catalogue
    else:
        read = _how(name, match)
    read = f"{read} {_SKILL_LEVEL[level]}"
    if not c.in_shanghai and not (level <= rule.verified_max_level and c.verified_in_shanghai):
        why = (
            "obtained outside Shanghai and not verified there"
            if level <= rule.verified_max_level
            else f"obtained outside Shanghai; only levels 1–{rule.verified_max_level} "
            "count once verified"
        )
        return 0, f"{read}: {why}", rule.where_obtained
    return rule.skill[str(level)], read, None


def _title(ctx: _Context, rule: Certificates, path: str, c: Certificate) -> _Found:
    grade: str | None = c.grade
    read = _GRADE[grade] if grade else ""
    if c.name is not None:
        result = _resolve(ctx, f"{path}.name", c.name, ("titles",))
        match = result.best
        if match is not None and match.catalogue == NONE_CATALOGUE:
            return 0, f"{_how(c.name, match)}: earns no points", rule.catalogue
        if match is not None and match.entry is not None and match.entry.grade is not None:
            found = "intermediate" if match.entry.grade == "intermediate" else "senior"
            if grade is not None and grade != found:
                ctx.problems.append(
                    Problem(
                        f"{path}.grade",
                        f"contradicts the name ({c.name} is {_GRADE[match.entry.grade]})",
                        grade,
                    )
                )
            grade = found
            read = f"{_how(c.name, match)}, {_GRADE[match.entry.grade]}职称"
        elif grade is None:
            return 0, _not_found(ctx, c.name, "titles") + " and no grade given", rule.catalogue
        else:
            read = (
                f"{c.name}: not in the titles catalogue, "
                f"counted as {_GRADE[grade]}职称 as stated (L-5)"
            )
    if grade is None:  # the applicant file guarantees a name or a grade
        return 0, "no title name or grade", rule.basis
    if not c.in_shanghai and not c.by_exam:
        return 0, f"{read}: obtained by review outside Shanghai", rule.where_obtained
    return rule.title[grade], read, None


def _qualification(ctx: _Context, rule: Certificates, path: str, c: Certificate) -> _Found:
    name = c.name or ""
    result = _resolve(ctx, f"{path}.name", name, ("qualifications",))
    match = result.best
    edition = registry().catalogues.nearest("qualifications", ctx.on)
    if edition.effective > ctx.on:
        ctx.warnings.append(
            f"{path}: the qualifications catalogue of {ctx.on} is not encoded; "
            f"the {edition.effective.year} edition was used (L-1)"
        )
    if match is None:
        if result.ambiguous:
            return 0, name, rule.basis
        partial = "" if edition.complete else "; the catalogue is known only in part"
        return 0, _not_found(ctx, name, "qualifications") + partial, rule.catalogue
    if match.catalogue == NONE_CATALOGUE:
        return 0, f"{_how(name, match)}: earns no points", rule.catalogue
    read = _how(name, match)
    if not c.registered:
        return 0, f"{read}: not registered", rule.basis
    return rule.qualification, read, None


def _insurance_years(ctx: _Context, _: None) -> LineItem:
    rule = ctx.policy.indicators.insurance_years
    months = ctx.months(-_FAR, ctx.on_idx)
    years = months // 12
    points, capped = rule.points(years)
    return _item(
        "insurance_years",
        points,
        f"{months} qualifying months before {index_str(ctx.on_idx)} → {years} full years",
        rule.basis,
        capped=capped,
    )


# --- bonus indicators -------------------------------------------------------------


def _shortage_major(ctx: _Context, e: Education) -> LineItem:
    rule = ctx.policy.indicators.shortage_major
    if not e.matches_post:
        return _item("shortage_major", 0, "the post does not match the major", rule.basis)
    if e.shortage_major is not None:
        points = rule.points if e.shortage_major else 0
        return _item(
            "shortage_major",
            points,
            f"stated: shortage_major = {str(e.shortage_major).lower()}",
            rule.basis,
        )
    major = e.major
    if major is None or (major.name is None and major.code is None):
        return _nothing("shortage_major", "no major given", rule.basis)
    edition = registry().catalogues.nearest("majors", ctx.on)
    if edition.effective > ctx.on:
        ctx.warnings.append(
            f"education.major: the shortage-major catalogue of {ctx.on} is not encoded; "
            f"the {edition.effective.year} edition was used (L-1)"
        )
    by_name = by_code = None
    if major.name is not None:
        by_name = _resolve(ctx, "education.major.name", major.name, ("majors",)).best
    if major.code is not None:
        by_code = _resolve(ctx, "education.major.code", major.code, ("majors",)).best
    label = " ".join(x for x in (major.code, major.name) if x)
    if by_name is not None and by_code is not None and by_name.name != by_code.name:
        return _item(
            "shortage_major",
            0,
            f"{label}: the name and the code match different entries",
            rule.basis,
        )
    match = by_name or by_code
    if match is None:
        ctx.warnings.append(
            "education.major: not found in the shortage-major catalogue, which is known only "
            "in part; if the major is on the official list, state shortage_major: true"
        )
        return _item(
            "shortage_major",
            0,
            f"{label}: not on the shortage-major catalogue (partial)",
            rule.basis,
        )
    return _item(
        "shortage_major", rule.points, f"{_how(major.name or major.code or '', match)}", rule.basis
    )


def _investment(ctx: _Context, inv: Investment) -> LineItem:
    rule = ctx.policy.indicators.investment
    if not inv.annual_tax and not inv.hukou_employees:
        return _nothing("investment", "no investment given", rule.basis)
    tax_avg = sum(inv.annual_tax, Decimal(0)) / rule.years
    staff_avg = Decimal(sum(inv.hukou_employees)) / rule.years
    tax_points = rule.tax.points(tax_avg)
    staff_points = rule.hiring.points(staff_avg)
    if tax_points >= staff_points:
        raw, detail = tax_points, f"average tax ¥{tax_avg:,.0f} a year over {rule.years} years"
    else:
        raw, detail = staff_points, f"average {staff_avg:.1f} Shanghai-hukou staff a year"
    points = min(raw, rule.cap)
    return _item("investment", points, detail, rule.basis, capped=raw > rule.cap)


def _insurance_base(ctx: _Context, _: None) -> LineItem:
    rule = ctx.policy.indicators.insurance_base
    tiers = rule.tiers
    counts = ctx.tiers_months(tiers)
    best = None
    for tier, months in zip(tiers, counts, strict=True):
        if months >= tier.at_least and (best is None or tier.points > best[0].points):
            best = (tier, months)
    if best is None:
        raw, detail = 0, f"{counts[0]}{_tier_text(tiers[0])} (needs {tiers[0].at_least})"
    else:
        raw, detail = best[0].points, f"{best[1]}{_tier_text(best[0])} → {best[0].points}"
    points = min(raw, rule.cap)
    return _item("insurance_base", points, detail, rule.basis, capped=raw > rule.cap)


_TIER_TEXT: dict[int, tuple[MonthTier, str]] = {}


def _tier_text(tier: MonthTier) -> str:
    """`` of the last 48 months at ≥ 0.8×``, formatted once per tier."""
    known = _TIER_TEXT.get(id(tier))
    if known is None or known[0] is not tier:
        known = _TIER_TEXT[id(tier)] = (
            tier,
            f" of the last {tier.window} months at ≥ {tier.multiple}×",
        )
    return known[1]


def _entrepreneur(ctx: _Context, e: Entrepreneur) -> LineItem:
    rule = ctx.policy.indicators.entrepreneur
    if rule is None:  # only evaluated for versions that have it
        raise LookupError("entrepreneur")
    share, months = rule.minimums["share_percent"], rule.minimums["incubated_months"]
    holds = all(getattr(e, fact) for fact in rule.requires)
    ok = e.share_percent >= share and e.incubated_months >= months and holds
    detail = (
        f"{e.share_percent}% share, {e.incubated_months} months incubated, "
        f"{'still' if e.in_incubator else 'no longer'} in the incubator"
    )
    if not ok:
        detail += f" (needs ≥ {share}%, ≥ {months} months, still there)"
    return _item("entrepreneur", rule.points if ok else 0, detail, rule.basis)


def _tech_transfer(ctx: _Context, months: int) -> LineItem:
    rule = ctx.policy.indicators.tech_transfer
    if rule is None:  # only evaluated for versions that have it
        raise LookupError("tech_transfer")
    need = rule.minimums["months"]
    ok = months >= need
    detail = f"{months} consecutive months at a technology-transfer agency" + (
        "" if ok else f" (needs {need})"
    )
    return _item("tech_transfer", rule.points if ok else 0, detail, rule.basis)


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _public_service(ctx: _Context, periods: tuple[ServicePeriod, ...]) -> LineItem:
    rule = ctx.policy.indicators.public_service
    months, outside = 0, []
    for p in periods:
        if _fold(p.field) not in rule.scope:
            outside.append(p.field)
            continue
        end = p.to.index + 1 if p.to is not None else ctx.on_idx + 1
        months += max(0, min(end, ctx.on_idx) - p.from_.index)
    years = months // 12
    points, capped = rule.points(years)
    detail = f"{years} full years in {'/'.join(rule.scope)}"
    if points == 0 and years:
        detail += f" (counts from {rule.min_years})"
    if outside:
        detail += f"; not a specified field: {', '.join(outside)}"
    return _item("public_service", points, detail, rule.basis, capped=capped)


def _remote_area(ctx: _Context, periods: tuple[AreaPeriod, ...]) -> LineItem:
    rule = ctx.policy.indicators.remote_area
    months_by_area: dict[str, int] = {}
    threshold: dict[str, int] = {}
    notes: list[str] = []
    basis = rule.basis
    for i, p in enumerate(periods):
        entry_name, after, note = _area(ctx, i, p)
        if entry_name is None:
            notes.append(note)
            continue
        end = p.to.index + 1 if p.to is not None else ctx.on_idx + 1
        months = max(0, min(end, ctx.on_idx) - p.from_.index)
        months_by_area[entry_name] = months_by_area.get(entry_name, 0) + months
        threshold[entry_name] = after
        if note:
            notes.append(note)
    total = 0
    for name, months in months_by_area.items():
        years = months // 12
        points, _ = rule.points(years, threshold[name])
        total += points
        need = f", counts after {threshold[name]}" if threshold[name] else ""
        notes.append(f"{name}: {years} full years{need} → {points}")
    points = min(total, rule.cap or total)
    return _item("remote_area", points, "; ".join(notes), basis, capped=points < total)


def _area(ctx: _Context, i: int, p: AreaPeriod) -> tuple[str | None, int, str]:
    """The area entry in force on ``on`` that *p* names, its threshold and a note."""
    path = f"remote_area[{i}].area"
    result = _resolve(ctx, path, p.area, ("areas",))
    match = result.best
    if match is not None and match.entry is not None:
        how = "" if match.how == "exact" else _how(p.area, match)
        return match.entry.name, match.entry.counts_after_years, how
    if result.ambiguous:
        return None, 0, p.area
    known = lookup(p.area, catalogue="areas", on=_dt.date.max).confident
    dated = [
        e
        for ed in registry().catalogues.editions
        if ed.catalogue == "areas"
        for e in ed.entries
        if any(m.name == e.name for m in known) or e.name == p.area or p.area in e.alternates
    ]
    if dated:
        spans = ", ".join(
            f"{e.valid_from}–{e.valid_until - _dt.timedelta(days=1) if e.valid_until else ''}"
            for e in dated
        )
        return None, 0, f"{p.area}: not a remote key area on {ctx.on} (counts {spans})"
    near = _cached_nearest(p.area, "areas", ctx.on)
    return (
        None,
        0,
        f"{p.area}: not a remote key area" + (f" (known: {', '.join(near)})" if near else ""),
    )


def _new_graduate(ctx: _Context, e: Education) -> LineItem:
    rule = ctx.policy.indicators.new_graduate
    if e.graduated_on is None:
        return _nothing("new_graduate", "no graduation date given", rule.basis)
    grad = e.graduated_on
    until = rule.last_day(grad)
    if not e.full_time:
        return _item("new_graduate", 0, "not a full-time graduate", rule.basis)
    if not grad <= ctx.on <= until:
        return _item(
            "new_graduate", 0, f"graduated {grad}; counts from then through {until}", rule.basis
        )
    return _item(
        "new_graduate",
        rule.points,
        f"full-time graduate of {grad}, counts through {until}",
        rule.basis,
    )


def _award(ctx: _Context, given: tuple[Award, ...]) -> LineItem:
    rule = ctx.policy.indicators.award
    awards = [w for w in given if w.awarded_on is None or w.awarded_on <= ctx.on]
    if not awards:
        return _nothing("award", f"no award made by {ctx.on}", rule.basis)
    best = max(awards, key=lambda w: rule.points[w.level])
    detail = best.level + (f" ({best.name})" if best.name else "")
    if len(awards) > 1:
        detail += "; only the highest counts"
    return _item("award", rule.points[best.level], detail, rule.basis)


def _spouse(ctx: _Context, s: Spouse) -> LineItem:
    rule = ctx.policy.indicators.spouse
    if not s.shanghai_hukou or s.married_on is None:
        return _nothing("spouse", "no spouse with Shanghai hukou given", rule.basis)
    years = max(0, full_years(s.married_on, ctx.on))
    points, capped = rule.points(years)
    return _item(
        "spouse",
        points,
        f"married {years} full years to a Shanghai-hukou spouse",
        rule.basis,
        capped=capped,
    )


# --- deductions, eligibility, vetoes ------------------------------------------------


@functools.cache
def _no_record(years: int) -> str:
    return f"no record in the last {years} years"


def _deduction(indicator: str) -> Evaluator:
    def evaluate(ctx: _Context, records: tuple[Record, ...]) -> LineItem:
        rule = getattr(ctx.policy.indicators, indicator)
        dated = [r.on for r in records if r.kind == indicator and r.on <= ctx.on]
        since = years_before(ctx.on, rule.window_years) if dated else ctx.on
        n = sum(1 for day in dated if day > since)
        if not n:
            return _nothing(indicator, _no_record(rule.window_years), rule.basis)
        detail = f"{n} record(s) dated after {since}"
        return _item(indicator, n * rule.points, detail, rule.basis)

    return evaluate


def _eligible(ctx: _Context) -> bool:
    rule = ctx.policy.eligibility
    ok = True
    if not ctx.months(ctx.on_idx, ctx.on_idx + 1):
        ctx.warnings.append(
            "not eligible: not paying Shanghai employee social insurance in "
            f"{index_str(ctx.on_idx)}"
        )
        ok = False
    if rule.recent is not None:
        months = ctx.tier_months(rule.recent)
        if months < rule.recent.at_least:
            ctx.warnings.append(
                f"not eligible: {months} months of contributions in the "
                f"{rule.recent.window} months before {index_str(ctx.on_idx)} "
                f"(needs {rule.recent.at_least})"
            )
            ok = False
    return ok


def _vetoed(ctx: _Context) -> bool:
    vetoed = False
    for veto in ctx.policy.vetoes:
        for r in ctx.a.records:
            if r.kind == veto.record and r.on <= ctx.on:
                ctx.warnings.append(
                    f"vetoed (一票否决): {r.kind} record of {r.on} under version {ctx.policy.id}"
                )
                vetoed = True
    return vetoed


_EVALUATORS: dict[str, tuple[Evaluator, str | None, str]] = {
    "age": (_age, None, ""),
    "education": (_education, "education", "no education given"),
    "certificate": (_certificate, "certificates", "no certificate given"),
    "insurance_years": (_insurance_years, None, ""),
    "shortage_major": (_shortage_major, "education", "no education given"),
    "investment": (_investment, "investment", "no investment given"),
    "insurance_base": (_insurance_base, None, ""),
    "entrepreneur": (_entrepreneur, "entrepreneur", "no entrepreneur facts given"),
    "tech_transfer": (
        _tech_transfer,
        "tech_transfer_months",
        "no technology-transfer months given",
    ),
    "public_service": (_public_service, "public_service", "no public-service periods given"),
    "remote_area": (_remote_area, "remote_area", "no remote-area periods given"),
    "new_graduate": (_new_graduate, "education", "no graduation date given"),
    "award": (_award, "awards", "no award given"),
    "spouse": (_spouse, "spouse", "no spouse with Shanghai hukou given"),
    "false_material": (_deduction("false_material"), "records", "no record given"),
    "detention": (_deduction("detention"), "records", "no record given"),
    "crime": (_deduction("crime"), "records", "no record given"),
}
"""Per indicator: its evaluator, the applicant field it reads (``None``: several) and what
the item says when that field is empty; then the evaluator is not called at all."""
