"""plan(): every date and lever it reports can be checked by hand with score()."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shjzz
from conftest import case_files, load_case, person
from shjzz._plan import change_points, plan, plan_json
from shjzz._render import render_plan
from shjzz.errors import InvalidApplicant, PolicyNotInForce, ShjzzError
from strategies import applicants

CASES = case_files()
IDS = [p.stem for p in CASES]
LAST = dt.date(2027, 12, 31)


def meets(result, target=120):
    return result.eligible and not result.vetoed and result.total >= target


def state(result):
    """Everything score() decides on a date, without the date-stamped details."""
    return (
        result.policy,
        result.amendments,
        result.points,
        result.total,
        result.eligible,
        result.vetoed,
        result.meets_standard,
    )


@functools.cache
def case_plan(path):
    case = load_case(path)
    applicant = shjzz.load_applicant(case["applicant"])
    on = dt.date.fromisoformat(case["on"])
    return applicant, on, plan(applicant, on=on, readings=case.get("readings"))


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_the_reported_date_meets_the_target_and_no_earlier_change_point_does(path):
    applicant, on, p = case_plan(path)
    dates = [pt.on for pt in p.projection]
    assert dates[0] == on
    assert dates == sorted(set(dates))
    assert dates[-1] <= p.until == LAST
    for pt in p.projection:
        result = shjzz.score(applicant, readings=p.first.readings, on=pt.on)
        assert pt.policy == result.policy
        assert (pt.total, pt.eligible, pt.vetoed) == (result.total, result.eligible, result.vetoed)
        assert pt.meets_standard is result.meets_standard
        assert pt.meets_target is meets(result)
        if p.met_on is None or pt.on < p.met_on:
            assert not meets(result)
    if p.met_on is not None:
        assert meets(shjzz.score(applicant, readings=p.first.readings, on=p.met_on))
        assert p.met == shjzz.score(applicant, readings=p.first.readings, on=p.met_on)
    else:
        assert p.met is None
    assert p.first == shjzz.score(applicant, readings=p.first.readings, on=on)


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_score_does_not_change_between_change_points(path):
    applicant, on, p = case_plan(path)
    dates = [pt.on for pt in p.projection]
    current, day, i = None, on, 0
    while day <= p.until:
        if i < len(dates) and dates[i] == day:
            current, i = state(shjzz.score(applicant, readings=p.first.readings, on=day)), i + 1
        assert state(shjzz.score(applicant, readings=p.first.readings, on=day)) == current, day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_a_case_meeting_the_standard_returns_its_own_date(path):
    case = load_case(path)
    _, on, p = case_plan(path)
    assert (p.met_on == on) is case["expect"]["meets_standard"]


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_every_lever_is_rechecked_with_score(path):
    applicant, _, p = case_plan(path)
    dates = [pt.on for pt in p.projection]
    for lever in p.levers:
        without = shjzz.score(applicant, readings=p.first.readings, on=lever.effective)
        with_it = shjzz.score(lever.applicant, readings=p.first.readings, on=lever.effective)
        assert lever.gain == with_it.total - without.total > 0
        assert lever.total == with_it.total
        gained = {k: v - without.points[k] for k, v in with_it.points.items()}
        assert dict(lever.items) == {k: v for k, v in gained.items() if v}
        for d in dates:
            if lever.start <= d < lever.effective:
                assert (
                    shjzz.score(lever.applicant, readings=p.first.readings, on=d).total
                    <= shjzz.score(applicant, readings=p.first.readings, on=d).total
                )
        end = dates[-1]
        at_end = (
            shjzz.score(lever.applicant, readings=p.first.readings, on=end).total
            - shjzz.score(applicant, readings=p.first.readings, on=end).total
        )
        assert lever.gain_at_end == at_end
        for d in dates:
            facts = applicant if d < lever.start else lever.applicant
            result = shjzz.score(facts, readings=p.first.readings, on=d)
            if lever.met_on is None or d < lever.met_on:
                assert not meets(result), d
            elif d == lever.met_on:
                assert meets(result)


@pytest.mark.parametrize("path", CASES, ids=IDS)
def test_levers_are_ranked_by_the_date_the_target_is_met_then_points(path):
    _, _, p = case_plan(path)
    keys = [(lv.met_on or dt.date.max, -lv.gain) for lv in p.levers]
    assert keys == sorted(keys)


def test_junior_college_case_is_met_once_the_base_counts_for_36_months():
    _, _, p = case_plan(next(c for c in CASES if c.stem.startswith("02-")))
    assert p.first.total == 86
    assert p.met_on == dt.date(2025, 9, 1)  # 36 months at ≥ 1× from 2022-09
    assert p.met is not None
    assert p.met.item("insurance_base").points == 50
    by_kind = {lv.kind: lv for lv in p.levers}
    assert set(by_kind) == {"title", "degree", "base"}
    assert by_kind["title"].met_on == dt.date(2024, 9, 15)
    three = next(lv for lv in p.levers if "3×" in lv.change)
    assert three.start == dt.date(2024, 10, 1)
    assert three.effective == dt.date(2026, 10, 1)  # 24 of the last 36 months at ≥ 3×
    assert dict(three.items) == {"insurance_base": 70}


def test_a_base_at_1x_unlocks_a_title_zeroed_by_the_condition():
    applicant, _, p = case_plan(next(c for c in CASES if c.stem.startswith("06-")))
    lever = next(lv for lv in p.levers if "1× the reference wage" in lv.change)
    assert lever.kind == "base"
    assert lever.start == dt.date(2025, 2, 1)
    assert lever.effective == dt.date(2025, 8, 1)  # 6 of the last 12 months at ≥ 1×
    assert dict(lever.items) == {"certificate": 100, "education": -50}
    assert applicant.social_insurance[0].to is None
    periods = lever.applicant.social_insurance
    assert str(periods[0].to) == "2025-01"
    assert [str(q.from_) for q in periods[1:]] == ["2025-02", "2025-07", "2026-07"]
    assert [int(q.base) for q in periods[1:]] == [12307, 12434, 12577]


def test_the_next_skill_level_keeps_the_occupation():
    data = person(
        certificates=[{"kind": "skill", "name": "电焊工三级"}],
        social_insurance=[{"from": "2020-01", "base": 14000}],
    )
    p = plan(shjzz.load_applicant(data), on=dt.date(2025, 1, 10))
    lever = next(lv for lv in p.levers if lv.kind == "skill_level")
    cert = lever.applicant.certificates[0]
    assert (cert.name, cert.level, cert.obtained_on) == ("焊工", 2, dt.date(2025, 1, 10))
    assert lever.change == "焊工: skill level 3 → 2"


def test_a_skill_off_the_catalogue_has_no_level_lever():
    data = person(certificates=[{"kind": "skill", "name": "中式烹调师", "level": 3}])
    p = plan(shjzz.load_applicant(data), on=dt.date(2025, 1, 10))
    assert not [lv for lv in p.levers if lv.kind == "skill_level"]


def test_an_old_applicant_without_insurance_growth_never_meets_it():
    data = person(
        birth_date="1962-03-01",
        education={"level": "junior_college"},
        social_insurance=[{"from": "2023-01", "base": 8000}],
    )
    p = plan(shjzz.load_applicant(data), on=dt.date(2025, 1, 10))
    assert p.met_on is None
    assert p.met is None
    assert not any(pt.meets_target for pt in p.projection)
    assert "120 is not met by 2027-12-31" in render_plan(p)


def test_a_closed_period_does_not_continue():
    data = person(social_insurance=[{"from": "2015-01", "to": "2024-12", "base": 30000}])
    applicant = shjzz.load_applicant(data)
    p = plan(applicant, on=dt.date(2025, 1, 10))
    assert not any(pt.eligible for pt in p.projection)
    assert p.met_on is None
    assert not [lv for lv in p.levers if lv.kind == "base"]
    assert applicant == shjzz.load_applicant(data)


def test_insurance_and_marriage_years_accrue_and_age_points_fall():
    data = person(
        birth_date="1981-07-01",
        spouse={"shanghai_hukou": True, "married_on": "2020-03-15"},
    )
    applicant = shjzz.load_applicant(data)
    p = plan(applicant, on=dt.date(2025, 1, 10))
    days = {pt.on for pt in p.projection}
    assert {dt.date(2025, 3, 15), dt.date(2025, 7, 1), dt.date(2026, 7, 1)} <= days

    def points(indicator, *days):
        return [shjzz.score(applicant, on=d).item(indicator).points for d in days]

    assert points("spouse", dt.date(2025, 3, 14), dt.date(2025, 3, 15)) == [16, 20]
    assert points("age", dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2026, 7, 1)) == [
        30,
        29,
        27,
    ]
    assert points("insurance_years", dt.date(2025, 1, 10), dt.date(2026, 1, 1)) == [15, 18]


def test_a_different_target():
    applicant, on, _ = case_plan(next(c for c in CASES if c.stem.startswith("02-")))
    assert plan(applicant, on=on, target=80).met_on == on
    assert plan(applicant, on=on, target=1000).met_on is None


def test_until_shortens_the_projection():
    applicant, on, _ = case_plan(next(c for c in CASES if c.stem.startswith("02-")))
    p = plan(applicant, on=on, until=dt.date(2025, 8, 31))
    assert p.met_on is None
    assert p.projection[-1].on <= dt.date(2025, 8, 31)
    assert plan(applicant, on=on, until=on).projection[0].on == on


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"until": dt.date(2028, 1, 1)}, "after 2027-12-31"),
        ({"until": dt.date(2024, 1, 1)}, "before the evaluation date"),
        ({"target": True}, "target must be a whole number"),
        ({"target": 120.5}, "target must be a whole number"),
        ({"until": "2026-01-01"}, "until must be a date"),
    ],
)
def test_bad_arguments_are_clear_errors(kwargs, message):
    applicant = shjzz.load_applicant(person())
    with pytest.raises(ShjzzError, match=message):
        plan(applicant, on=dt.date(2025, 1, 10), **kwargs)


def test_a_date_no_version_covers_is_refused():
    with pytest.raises(PolicyNotInForce):
        plan(shjzz.load_applicant(person(birth_date="1990-01-01")), on=dt.date(2012, 1, 1))


def test_change_points_include_dated_events():
    data = person(
        birth_date="1996-02-29",
        education={"level": "bachelor", "degree": True, "graduated_on": "2025-07-01"},
        awards=[{"level": "national", "awarded_on": "2026-05-05"}],
        records=[{"kind": "detention", "on": "2022-04-30"}],
        spouse={"shanghai_hukou": True, "married_on": "2019-06-18"},
    )
    days = set(change_points(shjzz.load_applicant(data), dt.date(2025, 1, 10), LAST))
    assert dt.date(2025, 3, 1) in days  # 29 February birthday, common year
    assert dt.date(2025, 7, 1) in days  # graduation
    assert dt.date(2026, 7, 1) in days  # the day after the new-graduate window
    assert dt.date(2026, 5, 5) in days  # award
    assert dt.date(2027, 4, 30) in days  # detention leaves its 5-year window
    assert dt.date(2025, 12, 11) in days  # amendment rules-2025
    assert {d for d in days if d.day != 1} == {
        dt.date(2025, 1, 10),  # the evaluation date
        dt.date(2025, 6, 18),  # marriage anniversaries
        dt.date(2026, 6, 18),
        dt.date(2027, 6, 18),
        dt.date(2025, 12, 11),
        dt.date(2026, 5, 5),
        dt.date(2027, 4, 30),
    }
    months = {d for d in days if d.day == 1}
    assert len(months) == 35  # every month from 2025-02 to 2027-12


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicants, st.dates(dt.date(2013, 7, 1), LAST), st.integers(0, 400))
def test_score_is_constant_between_change_points_for_any_applicant(data, on, span):
    applicant = shjzz.load_applicant(data)
    try:
        shjzz.score(applicant, on=on)
    except InvalidApplicant:
        return
    end = min(on + dt.timedelta(days=span), LAST)
    points = set(change_points(applicant, on, end))
    previous, day = None, on
    while day <= end:
        now = state(shjzz.score(applicant, on=day))
        assert previous is None or now == previous or day in points, day
        previous, day = now, day + dt.timedelta(days=1)


def test_json_and_text():
    _, _, p = case_plan(next(c for c in CASES if c.stem.startswith("02-")))
    data = json.loads(json.dumps(plan_json(p), ensure_ascii=False))
    assert data["met_on"] == "2025-09-01"
    assert data["first"]["total"] == 86
    assert data["projection"][0] == {
        "on": "2024-09-15",
        "policy": "2023",
        "total": 86,
        "eligible": True,
        "vetoed": False,
        "meets_standard": False,
        "meets_target": False,
    }
    assert {"kind", "change", "start", "effective", "gain", "items", "met_on"} <= set(
        data["levers"][0]
    )
    text = render_plan(p)
    assert "120 is first met on 2025-09-01" in text
    assert "not advice" in text


def test_a_plan_in_chinese_says_its_levers_and_frame_in_chinese():
    applicant, on, _ = case_plan(next(c for c in CASES if c.stem.startswith("02-")))
    zh = plan(applicant, on=on, lang="zh")
    en = plan(applicant, on=on, lang="en")
    assert [lv.change for lv in zh.levers] != [lv.change for lv in en.levers]
    said = [(lv.change + lv.note).replace("score()", "") for lv in zh.levers]
    assert not [s for s in said if re.search("[a-z]{3}", s)]
    assert zh.first.items[0].detail == shjzz.score(applicant, on=on, lang="zh").items[0].detail
    text = render_plan(zh, "zh")
    assert "首次达到 120 分" in text
    assert "并非建议" in text
    assert "not advice" not in text
    assert plan_json(zh, "zh")["notes"] != plan_json(zh)["notes"]
    assert shjzz.render(zh, lang="zh") == text
    assert all(shjzz._table.width(line) <= 100 for line in text.splitlines())
