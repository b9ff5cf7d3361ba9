"""The public API as a user would type it: checked by mypy --strict, never run."""

from __future__ import annotations

import datetime as dt

import shjzz
from shjzz.errors import InvalidApplicant, PolicyNotInForce, ShjzzError


def total_on(data: dict[str, object], day: dt.date) -> int:
    try:
        applicant: shjzz.Applicant = shjzz.load_applicant(data)
    except InvalidApplicant as exc:
        paths: list[str] = [p.path for p in exc.problems]
        raise SystemExit(", ".join(paths)) from exc
    try:
        result: shjzz.ScoreResult = shjzz.score(applicant, on=day, policy="2023")
    except PolicyNotInForce:
        return 0
    item: shjzz.LineItem = result.item("education")
    basis: shjzz.Basis = item.basis
    certainty: str = basis.certainty
    points: dict[str, int] = result.points
    del certainty, points
    return result.total


def versions() -> list[tuple[str, dt.date]]:
    pol: shjzz.Policy = shjzz.policy(dt.date(2020, 1, 1))
    ams: tuple[shjzz.Amendment, ...] = shjzz.amendments()
    readings: tuple[shjzz.Reading, ...] = shjzz.readings()
    del pol, ams, readings
    return [(p.id, p.valid_from) for p in shjzz.policies()]


def built_in_python() -> shjzz.ScoreResult:
    applicant = shjzz.Applicant(
        birth_date=dt.date(1990, 1, 1),
        education=shjzz.Education(level="master"),
        social_insurance=[shjzz.InsurancePeriod(from_=shjzz.Month(2020, 1), base=9000)],
    )
    return shjzz.score(applicant, on=dt.date(2024, 6, 1))


def look_up(name: str) -> str | None:
    try:
        found: shjzz.LookupResult = shjzz.lookup(name, catalogue="skills")
    except ShjzzError:
        return None
    best: shjzz.Match | None = found.best
    return best.name if best else None
