"""plan(): when the standard is met with today's facts continuing, and which single change helps.

Every figure comes from :func:`shjzz.score` on projected facts.  ``score()`` is
piecewise constant in the evaluation date: it changes only on the first of a
month (insurance, area and service months, the wage series) or on a dated event
(a birthday, a marriage anniversary, a version or amendment taking effect, a
catalogue edition or area row starting or ending, a graduation, the end of the
new-graduate window, an award, a record or the end of its deduction window).
Evaluating on all of those dates, in order, makes the first date found exact.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from shjzz._applicant import Applicant, Certificate, Education, InsurancePeriod
from shjzz._args import as_applicant, as_date, as_points
from shjzz._convert import unstructure
from shjzz._exports import public
from shjzz._i18n import Lang, as_lang, translations
from shjzz._limits import MAX_PERIODS
from shjzz._lookup import lookup
from shjzz._months import Month, month_index
from shjzz._policy import Policy, choose, policies, policy_on, registry
from shjzz._render import NOT_ADVICE
from shjzz._result import ScoreResult
from shjzz._score import score
from shjzz._wages import WageRow
from shjzz.errors import ShjzzError

if TYPE_CHECKING:
    import gettext

LeverKind = Literal["skill_level", "degree", "title", "base"]


@attrs.frozen(kw_only=True)
class PlanPoint:
    """The score on one change point of the projection."""

    on: _dt.date
    policy: str
    """Id of the version in force on :attr:`on`."""
    total: int
    eligible: bool
    vetoed: bool
    meets_standard: bool
    """As :func:`shjzz.score` says: eligible, not vetoed and total ≥ the version's standard."""
    meets_target: bool
    """Eligible, not vetoed and total ≥ the plan's target."""


@attrs.frozen(kw_only=True)
class Lever:
    """One achievable change, and what it does to the projection (all from ``score()``)."""

    kind: LeverKind
    """``skill_level``, ``degree``, ``title`` or ``base``."""
    path: str
    """The applicant field the change touches, such as ``certificates[0].level``."""
    change: str
    """What changes, in words."""
    start: _dt.date
    """The date the change is assumed from (a new certificate's ``obtained_on``)."""
    effective: _dt.date
    """The first date the total with the change exceeds the unchanged projection."""
    gain: int
    """Points gained on :attr:`effective`, compared with the unchanged projection."""
    items: tuple[tuple[str, int], ...]
    """The counted points gained (or lost) by indicator on :attr:`effective`."""
    total: int
    """The total with the change on :attr:`effective`."""
    gain_at_end: int
    """Points gained on the last date of the plan."""
    met_on: _dt.date | None
    """The earliest date the target is met with the change (before :attr:`start`, as without it)."""
    note: str
    """What the change assumes."""
    warnings: tuple[str, ...]
    """Warnings the change adds to the result on :attr:`effective`."""
    applicant: Applicant = attrs.field(repr=False)
    """The applicant with the change, so any figure can be checked with ``score()``."""


@attrs.frozen(kw_only=True)
class Plan:
    """The projection of one applicant with today's facts continuing, and the levers."""

    on: _dt.date
    """The evaluation date the projection starts from."""
    until: _dt.date
    """The last date projected."""
    target: int
    met_on: _dt.date | None
    """The earliest date the target is met, or ``None`` if not by :attr:`until`."""
    first: ScoreResult
    """The score on :attr:`on`."""
    met: ScoreResult | None
    """The score on :attr:`met_on`."""
    projection: tuple[PlanPoint, ...]
    """The score on every change point from :attr:`on` to :attr:`until`, in date order."""
    levers: tuple[Lever, ...]
    """Single changes that gain points, most useful first."""


@attrs.frozen(kw_only=True)
class _Candidate:
    """A lever before it is scored."""

    kind: LeverKind
    path: str
    change: str
    start: _dt.date
    note: str
    applicant: Applicant
    certificate: Certificate | None = None
    """The new certificate, for a lever that changes one."""


def plan(  # noqa: PLR0913 - the applicant and how to project it, as score() takes
    applicant: Applicant | Mapping[str, object],
    *,
    on: _dt.date | None = None,
    target: int = 120,
    until: _dt.date | None = None,
    readings: Mapping[str, str] | None = None,
    lang: Lang | None = None,
) -> Plan:
    """Project *applicant* from *on* (default today) and find when *target* is first met.

    *applicant* and *on* are read as by :func:`shjzz.score`.

    Today's facts continue: an open period (no ``to``) keeps running, marriage
    and area years accrue, age rises; closed periods stay closed and no other
    fact changes (counts given as numbers, such as ``incubated_months``, stay as
    given).  Each date is scored under the version and amendments in force on
    it.  The target is met on a date when the applicant is eligible, not vetoed
    and the total is at least *target*.  The projection ends on *until*, by
    default the last day an encoded version covers; a later *until* is a
    :class:`~shjzz.errors.ShjzzError`.

    The levers are single changes (the next skill level, the next degree, an
    intermediate title where none is held, a contribution base reaching the next
    multiple of the reference wage), each scored by ``score()`` on the changed
    facts and kept only if it gains points.  Their dates say when a change could
    count under the encoded rules; they are not advice.  *readings* selects
    alternative readings for every score, as for :func:`shjzz.score`.
    *lang* (``"zh"`` or ``"en"``, default English) is the language of the
    levers' texts and of every score's details and warnings.
    """
    lang = as_lang(lang)
    applicant = as_applicant(applicant)
    day = as_date(on, "on") if on is not None else _dt.date.today()  # noqa: DTZ011 - as score()
    policy_on(day)  # a date no version covers is refused, as by score()
    end = _horizon(day, until)
    target = as_points(target, "target")
    choices = choose(readings)
    dates = change_points(applicant, day, end)
    results = tuple(score(applicant, on=d, readings=choices, lang=lang) for d in dates)
    met = next((r for r in results if _meets(r, target)), None)
    base = {r.on: r for r in results}
    candidates = _candidates(
        applicant, day, end, dates=dates, base=base, choices=choices, t=translations(lang)
    )
    scored = (_score_lever(c, dates, base, target, choices, lang=lang) for c in candidates)
    levers = sorted((lv for lv in scored if lv is not None), key=_rank)
    return Plan(
        on=day,
        until=end,
        target=target,
        met_on=met.on if met is not None else None,
        first=results[0],
        met=met,
        projection=tuple(_point(r, target) for r in results),
        levers=tuple(levers),
    )


def _horizon(day: _dt.date, until: _dt.date | None) -> _dt.date:
    """The last date to project: *until*, at most the last day an encoded version covers."""
    last = policies()[-1].valid_until - _dt.timedelta(days=1)
    end = last if until is None else as_date(until, "until")
    if end > last:
        raise ShjzzError(
            f"until {end} is after {last}, the last day an encoded policy version covers"
        )
    if end < day:
        raise ShjzzError(f"until {end} is before the evaluation date {day}")
    return end


def _meets(result: ScoreResult, target: int) -> bool:
    return result.eligible and not result.vetoed and result.total >= target


def _point(result: ScoreResult, target: int) -> PlanPoint:
    return PlanPoint(
        on=result.on,
        policy=result.policy,
        total=result.total,
        eligible=result.eligible,
        vetoed=result.vetoed,
        meets_standard=result.meets_standard,
        meets_target=_meets(result, target),
    )


# --- change points -------------------------------------------------------------------


def change_points(applicant: Applicant, start: _dt.date, end: _dt.date) -> tuple[_dt.date, ...]:
    """Every date in ``[start, end]`` on which ``score(applicant)`` can change, and *start*.

    ``score()`` is constant from one of these dates to the day before the next.
    The rules of every version in force in ``[start, end]`` name the days their
    result can change (under every reading); the data adds the days the rules
    themselves change.
    """
    days = {start}
    for pol in _in_force(start, end):
        for rule in pol.all_rules():
            days.update(rule.change_dates(applicant, start, end))
    days.update(_rule_dates())
    return tuple(sorted(d for d in days if start <= d <= end))


def _first_of(index: int) -> _dt.date:
    return _dt.date(index // 12, index % 12 + 1, 1)


def _rule_dates() -> Iterator[_dt.date]:
    """Dates the rules change: versions, amendments, catalogue editions and area rows."""
    reg = registry()
    for pol in reg.policies:
        yield pol.valid_from
        yield pol.valid_until
    yield from (a.effective for a in reg.amendments)
    for edition in reg.catalogues.editions:
        yield edition.effective
        for entry in edition.entries:
            yield from (d for d in (entry.valid_from, entry.valid_until) if d is not None)


# --- levers --------------------------------------------------------------------------


def _candidates(  # noqa: PLR0913 - the facts, the projection levers are scored against, language
    a: Applicant,
    day: _dt.date,
    end: _dt.date,
    *,
    dates: tuple[_dt.date, ...],
    base: dict[_dt.date, ScoreResult],
    choices: Mapping[str, str],
    t: gettext.NullTranslations,
) -> Iterator[_Candidate]:
    yield from _distinct_gains(_skill_levels(a, day, t), dates, base, choices)
    yield from _degree(a, day, t)
    yield from _title(a, day, t)
    yield from _bases(a, day, end, t)


def _held_from(t: gettext.NullTranslations, day: _dt.date) -> str:
    return t.gettext(
        "assumed held from {day}; whether and when it counts follows the encoded rules"
    ).format(day=day)


def _skill_levels(a: Applicant, day: _dt.date, t: gettext.NullTranslations) -> Iterator[_Candidate]:
    """The next skill level of each skill certificate, same occupation, obtained on *day*."""
    for i, c in enumerate(a.certificates):
        if c.kind != "skill" or c.name is None:
            continue
        name, level = c.name, c.level
        match = lookup(c.name, catalogue="skills", on=day).best
        if match is not None and match.level is not None:
            name, level = match.name, match.level  # the level is in the name: name the occupation
        if level is None or level <= 1:
            continue
        new = attrs.evolve(c, name=name, level=level - 1, obtained_on=day)
        certificates = (*a.certificates[:i], new, *a.certificates[i + 1 :])
        yield _Candidate(
            kind="skill_level",
            path=f"certificates[{i}].level",
            change=t.gettext("{name}: skill level {level} → {next}").format(
                name=name, level=level, next=level - 1
            ),
            start=day,
            note=_held_from(t, day),
            applicant=attrs.evolve(a, certificates=certificates),
            certificate=new,
        )


def _distinct_gains(
    candidates: Iterator[_Candidate],
    dates: tuple[_dt.date, ...],
    base: dict[_dt.date, ScoreResult],
    choices: Mapping[str, str],
) -> Iterator[_Candidate]:
    """The skill-level levers that can gain, each way of gaining once: linear in the certificates.

    Only the certificate indicator reads certificates, and it counts the best one,
    so a changed certificate gains on a date exactly when, scored alone, it earns
    more than the best certificate held.  Each new certificate is scored alone (once
    per distinct certificate); a lever is kept only if that happens on some date,
    and only the first of the levers that gain the same points on the same dates.
    """
    held = [base[d].item("certificate").points for d in dates]
    alone: dict[Certificate, tuple[int | None, ...]] = {}
    seen: set[tuple[int | None, ...]] = set()
    for c in candidates:
        new = c.certificate
        if new is None:
            yield c
            continue
        gains = alone.get(new)
        if gains is None:
            single = attrs.evolve(c.applicant, certificates=(new,))
            scored = (score(single, on=d, readings=choices) for d in dates)
            points = (r.item("certificate").points for r in scored)
            gains = alone[new] = tuple(
                p if p > h else None for p, h in zip(points, held, strict=True)
            )
        if any(g is not None for g in gains) and gains not in seen:
            seen.add(gains)
            yield c


def _next_degree(e: Education, t: gettext.NullTranslations) -> tuple[Education, str] | None:
    if e.level == "junior_college":
        return attrs.evolve(e, level="bachelor", degree=True), t.gettext(
            "junior college (大专/高职) → bachelor's (本科) with the degree (学士学位)"
        )
    if e.level == "bachelor" and not e.degree:
        return attrs.evolve(e, degree=True), t.gettext(
            "bachelor's (本科) without → with the degree (学士学位)"
        )
    if e.level == "bachelor":
        return attrs.evolve(e, level="master"), t.gettext("bachelor's (本科) → master's (硕士)")
    if e.level == "master":
        return attrs.evolve(e, level="doctor"), t.gettext("master's (硕士) → doctorate (博士)")
    return None


def _degree(a: Applicant, day: _dt.date, t: gettext.NullTranslations) -> Iterator[_Candidate]:
    """The next degree; every other education fact (graduation date too) stays as given."""
    if a.education is None:
        return
    step = _next_degree(a.education, t)
    if step is None:
        return
    education, change = step
    yield _Candidate(
        kind="degree",
        path="education.level" if education.level != a.education.level else "education.degree",
        change=t.gettext("education: {change}").format(change=change),
        start=day,
        note=_held_from(t, day) + t.gettext("; the graduation date stays as given"),
        applicant=attrs.evolve(a, education=education),
    )


def _title(a: Applicant, day: _dt.date, t: gettext.NullTranslations) -> Iterator[_Candidate]:
    """An intermediate title (中级职称) obtained in Shanghai on *day*, where none is held."""
    if any(c.kind == "title" for c in a.certificates) or len(a.certificates) >= MAX_PERIODS:
        return
    title = Certificate(kind="title", grade="intermediate", obtained_on=day)
    yield _Candidate(
        kind="title",
        path=f"certificates[{len(a.certificates)}]",
        change=t.gettext("an intermediate title (中级职称) obtained in Shanghai"),
        start=day,
        note=_held_from(t, day),
        applicant=attrs.evolve(a, certificates=(*a.certificates, title)),
    )


def _bases(
    a: Applicant, day: _dt.date, end: _dt.date, t: gettext.NullTranslations
) -> Iterator[_Candidate]:
    """The open period's base, from next month, at each multiple of the reference wage a rule names.

    The base follows the reference wage of each month (the smallest whole-yuan
    amount at least the multiple of it), never below the base given.
    """
    open_periods = [(i, p) for i, p in enumerate(a.social_insurance) if p.to is None]
    if not open_periods:
        return
    i, period = open_periods[0]
    first = max(month_index(day) + 1, period.from_.index)
    rows = _wage_rows(first, month_index(end))
    series_end = registry().wages.rows[-1].to
    for multiple, reasons in _multiples(day, end, t).items():
        steps: list[tuple[int, Decimal]] = []
        for lo, row in rows:
            base = max(period.base, (multiple * row.monthly).to_integral_value(ROUND_CEILING))
            if not steps or base != steps[-1][1]:
                steps.append((lo, base))
        while steps and steps[0][1] <= period.base:
            del steps[0]
        if not steps or len(a.social_insurance) + len(steps) > MAX_PERIODS:
            continue
        shown = [
            t.gettext("¥{base} from {month}").format(base=f"{base:,}", month=Month.from_index(lo))
            for lo, base in steps
        ]
        if len(shown) > 3:
            shown[1:-1] = ["…"]
        yield _Candidate(
            kind="base",
            path=f"social_insurance[{i}].base",
            change=t.gettext(
                "contribution base ¥{base} → at least {multiple}× the reference wage of each "
                "month from {month} ({steps}), for {reasons}"
            ).format(
                base=f"{period.base:,}",
                multiple=multiple,
                month=Month.from_index(steps[0][0]),
                steps=", ".join(shown),
                reasons=t.gettext(" and ").join(reasons),
            ),
            start=_first_of(steps[0][0]),
            note=t.gettext(
                "assumes the encoded reference wages of future months; the series ends "
                "{end}, and later months use the nearest figure (score() warns)"
            ).format(end=series_end),
            applicant=attrs.evolve(a, social_insurance=_raise(a.social_insurance, i, steps)),
        )


def _wage_rows(first: int, last: int) -> list[tuple[int, WageRow]]:
    """The reference-wage rows of months *first* to *last*, each with the first month it covers."""
    wages = registry().wages
    out: list[tuple[int, WageRow]] = []
    for m in range(first, last + 1):
        row = wages.row_at(m)[0]
        if not out or out[-1][1] is not row:
            out.append((m, row))
    return out


def _multiples(
    day: _dt.date, end: _dt.date, t: gettext.NullTranslations
) -> dict[Decimal, list[str]]:
    """Each multiple of the reference wage a rule in force in ``[day, end]`` names, and why."""
    found: dict[Decimal, list[str]] = {}

    def add(multiple: Decimal, why: str) -> None:
        reasons = found.setdefault(multiple, [])
        if why not in reasons:
            reasons.append(why)

    for pol in _in_force(day, end):
        for tier in pol.indicators.insurance_base.tiers:
            if tier.multiple is not None:
                band = t.ngettext(
                    "the {multiple}× contribution-base band ({points} point)",
                    "the {multiple}× contribution-base band ({points} points)",
                    tier.points,
                )
                add(tier.multiple, band.format(multiple=tier.multiple, points=tier.points))
        cert = pol.indicators.certificate
        if cert.condition is not None and cert.condition.multiple is not None:
            add(
                cert.condition.multiple,
                t.gettext("the {multiple}× condition on {scope}").format(
                    multiple=cert.condition.multiple, scope=cert.condition_scope(t)
                ),
            )
    return dict(sorted(found.items()))


def _in_force(day: _dt.date, end: _dt.date) -> list[Policy]:
    return [p for p in policies() if p.valid_from <= end and p.valid_until > day]


def _raise(
    periods: tuple[InsurancePeriod, ...], i: int, steps: list[tuple[int, Decimal]]
) -> tuple[InsurancePeriod, ...]:
    """*periods* with open period *i* paid at each step's base from the step's month on."""
    p = periods[i]
    first = steps[0][0]
    kept = (attrs.evolve(p, to=Month.from_index(first - 1)),) if p.from_.index < first else ()
    ends = [lo - 1 for lo, _ in steps[1:]]
    new = tuple(
        attrs.evolve(
            p,
            from_=Month.from_index(lo),
            to=Month.from_index(ends[n]) if n < len(ends) else None,
            base=base,
        )
        for n, (lo, base) in enumerate(steps)
    )
    return (*periods[:i], *kept, *new, *periods[i + 1 :])


def _score_lever(  # noqa: PLR0913 - the candidate, the projection, and what it is scored under
    c: _Candidate,
    dates: tuple[_dt.date, ...],
    base: dict[_dt.date, ScoreResult],
    target: int,
    choices: Mapping[str, str],
    *,
    lang: Lang,
) -> Lever | None:
    """Score *c* on the change points from its start; ``None`` if it never gains.

    Before its start the changed facts score as the unchanged ones, so the
    target met then is met with the change too.
    """
    gained: ScoreResult | None = None
    met_on = next((d for d in dates if d < c.start and _meets(base[d], target)), None)
    for d in dates:
        if d < c.start:
            continue
        result = score(c.applicant, on=d, readings=choices, lang=lang)
        if gained is None and result.total > base[d].total:
            gained = result
        if met_on is None and _meets(result, target):
            met_on = d
        if gained is not None and met_on is not None:
            break
    if gained is None:
        return None
    before = base[gained.on]
    last = dates[-1]
    at_end = score(c.applicant, on=last, readings=choices, lang=lang).total - base[last].total
    points, old = gained.points, before.points
    return Lever(
        kind=c.kind,
        path=c.path,
        change=c.change,
        start=c.start,
        effective=gained.on,
        gain=gained.total - before.total,
        items=tuple((k, v - old[k]) for k, v in points.items() if v != old[k]),
        total=gained.total,
        gain_at_end=at_end,
        met_on=met_on,
        note=c.note,
        warnings=tuple(w for w in gained.warnings if w not in before.warnings),
        applicant=c.applicant,
    )


def _rank(lever: Lever) -> tuple[_dt.date, int, _dt.date]:
    """Most useful first: the earliest date the target is met, then most points, then soonest."""
    return (lever.met_on or _dt.date.max, -lever.gain, lever.effective)


# --- output --------------------------------------------------------------------------


def plan_json(p: Plan, lang: Lang | None = None) -> dict[str, Any]:
    """The JSON form of a plan: dates as ``YYYY-MM-DD``, results as :func:`shjzz.score` gives.

    *lang* is the language of its ``notes`` (default English); the other texts
    are in the language the plan was made in.
    """
    return {
        "on": p.on.isoformat(),
        "until": p.until.isoformat(),
        "target": p.target,
        "met_on": _iso(p.met_on),
        "first": unstructure(p.first),
        "met": unstructure(p.met) if p.met is not None else None,
        "projection": [unstructure(pt) for pt in p.projection],
        "levers": [_lever_json(lv) for lv in p.levers],
        "notes": [translations(as_lang(lang)).gettext(NOT_ADVICE)],
    }


def _iso(day: _dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _lever_json(lv: Lever) -> dict[str, Any]:
    return {
        "kind": lv.kind,
        "path": lv.path,
        "change": lv.change,
        "start": lv.start.isoformat(),
        "effective": lv.effective.isoformat(),
        "gain": lv.gain,
        "items": dict(lv.items),
        "total": lv.total,
        "gain_at_end": lv.gain_at_end,
        "met_on": _iso(lv.met_on),
        "note": lv.note,
        "warnings": list(lv.warnings),
    }


public(PlanPoint, Lever, Plan)
