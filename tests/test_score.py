"""score(): each indicator, window and reading at its edges."""

from __future__ import annotations

import datetime as dt

import pytest

import shjzz
from conftest import person, run
from shjzz.errors import InvalidApplicant, PolicyNotInForce


def item(result: shjzz.ScoreResult, indicator: str) -> shjzz.LineItem:
    return result.item(indicator)


# --- dates and versions ------------------------------------------------------------


def test_default_version_is_the_one_in_force():
    assert run(person(), "2019-06-01").policy == "2018"
    assert run(person(), "2023-01-01").policy == "2023"


def test_no_version_in_force_is_an_error_unless_pinned():
    with pytest.raises(PolicyNotInForce):
        run(person(), "2028-01-01")
    result = run(person(), "2028-01-01", policy="2023")
    assert result.policy == "2023"
    assert any("pinned" in w for w in result.warnings)


def test_a_version_can_be_pinned_by_date():
    assert run(person(), "2024-01-01", policy="2016-01-01").policy == "2015"


def test_amendments_apply_by_date():
    assert run(person(), "2019-08-19").amendments == ()
    assert run(person(), "2019-08-20").amendments == ("lingang-2019",)
    assert run(person(), "2025-12-11").amendments[-1] == "rules-2025"


def test_on_defaults_to_today():
    result = shjzz.score(shjzz.load_applicant(person()))
    assert result.on == dt.date.today()


# --- age -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "points"),
    [(20, 30), (43, 30), (44, 29), (45, 27), (50, 17), (55, 7), (56, 5), (60, 5), (61, 0)],
)
def test_age_table(age, points):
    result = run(person(birth_date=f"{2024 - age}-01-01"), "2024-06-01")
    assert item(result, "age").points == points


def test_age_is_in_full_years_on_the_day():
    data = person(birth_date="1980-03-03")
    assert item(run(data, "2024-03-02"), "age").points == 30
    assert item(run(data, "2024-03-03"), "age").points == 29


def test_over_60_warns():
    result = run(person(birth_date="1960-01-01"), "2024-06-01")
    assert item(result, "age").points == 0
    assert any("over 60" in w for w in result.warnings)


def test_birth_after_the_evaluation_date_is_an_error():
    with pytest.raises(InvalidApplicant, match="birth_date: is after the evaluation date"):
        run(person(birth_date="2030-01-01"), "2024-06-01")


# --- education and the 二选一 ----------------------------------------------------------


@pytest.mark.parametrize(
    ("education", "points"),
    [
        ({"level": "junior_college"}, 50),
        ({"level": "bachelor"}, 60),
        ({"level": "bachelor", "degree": True}, 90),
        ({"level": "master"}, 100),
        ({"level": "doctor"}, 110),
        ({"level": "doctor", "recognized": False}, 0),
    ],
)
def test_education_table(education, points):
    assert item(run(person(education=education), "2024-06-01"), "education").points == points


def test_education_not_yet_obtained_does_not_count():
    data = person(education={"level": "master", "graduated_on": "2024-07-01"})
    assert item(run(data, "2024-06-30"), "education").points == 0
    assert item(run(data, "2024-07-01"), "education").points == 100


def test_education_wins_a_tie():
    data = person(
        education={"level": "master"},
        certificates=[{"kind": "title", "name": "工程师"}],
        social_insurance=[{"from": "2020-01", "base": 20000}],
    )
    result = run(data, "2024-06-01")
    assert item(result, "education").counted
    assert not item(result, "certificate").counted
    assert item(result, "certificate").points == 100


# --- certificates ------------------------------------------------------------------


def cert(on: str, version: str | None = None, base: int = 20000, **c) -> shjzz.LineItem:
    data = person(
        certificates=[c],
        social_insurance=[{"from": "2012-01", "base": base}],
        birth_date="1985-01-01",
    )
    return item(run(data, on, version), "certificate")


@pytest.mark.parametrize(("level", "points"), [(5, 15), (4, 30), (3, 60), (2, 100), (1, 140)])
def test_skill_levels(level, points):
    assert cert("2024-06-01", kind="skill", name="焊工", level=level).points == points


def test_titles_by_grade():
    assert cert("2024-06-01", kind="title", name="工程师").points == 100
    assert cert("2024-06-01", kind="title", name="高级工程师").points == 140
    assert cert("2024-06-01", kind="title", name="正高级工程师").points == 140
    assert cert("2024-06-01", kind="title", grade="senior").points == 140


def test_title_not_in_the_catalogue_counts_by_stated_grade_only():
    stated = cert("2024-06-01", kind="title", name="某某师", grade="intermediate")
    assert stated.points == 100
    assert "L-5" in stated.detail
    unstated = cert("2024-06-01", kind="title", name="某某师")
    assert unstated.points == 0
    assert "nearest" in unstated.detail


def test_title_grade_contradicting_the_name_is_an_error():
    with pytest.raises(InvalidApplicant, match=r"certificates\[0\].grade: contradicts the name"):
        cert("2024-06-01", kind="title", name="工程师", grade="senior")


def test_base_condition_from_2015_on_100_and_140_point_certificates():
    low = 5000  # below 1× of every year since 2012
    assert cert("2024-06-01", base=low, kind="skill", name="焊工", level=2).points == 0
    assert cert("2024-06-01", base=low, kind="skill", name="焊工", level=3).points == 60
    assert cert("2016-06-01", base=low, kind="title", name="工程师").points == 0
    item_2013 = cert("2014-06-01", base=low, kind="title", name="工程师")
    assert item_2013.points == 100  # not applied to 2013


def test_base_condition_needs_6_of_the_last_12_months():
    def title_points(months_at_1x: int) -> int:
        index = 2024 * 12 + 5 - months_at_1x  # months before 2024-06
        split = f"{index // 12}-{index % 12 + 1:02d}"
        data = person(
            certificates=[{"kind": "title", "name": "工程师"}],
            social_insurance=[
                {"from": "2020-01", "to": _before(split), "base": 5000},
                {"from": split, "base": 13000},
            ],
        )
        return item(run(data, "2024-06-01"), "certificate").points

    assert title_points(5) == 0
    assert title_points(6) == 100


def _before(month: str) -> str:
    year, mon = map(int, month.split("-"))
    index = year * 12 + mon - 2
    return f"{index // 12}-{index % 12 + 1:02d}"


def test_condition_basis_is_the_2015_full_text():
    failed = cert("2016-06-01", base=5000, kind="title", name="工程师")
    assert failed.basis.certainty == "full-text"
    assert failed.basis.article == "第六条（三）"
    assert "二级、一级" in (failed.basis.quote or "")
    assert failed.basis.reading == "R-6"


def test_where_obtained():
    review = {"kind": "title", "name": "工程师", "in_shanghai": False}
    assert cert("2024-06-01", **review).points == 0
    assert cert("2024-06-01", **review, by_exam=True).points == 100
    skill = {"kind": "skill", "name": "焊工", "in_shanghai": False}
    assert cert("2024-06-01", **skill, level=3).points == 0
    assert cert("2024-06-01", **skill, level=3, verified_in_shanghai=True).points == 60
    assert cert("2024-06-01", **skill, level=2, verified_in_shanghai=True).points == 100
    assert cert("2024-06-01", **skill, level=4, verified_in_shanghai=True).points == 0
    qualification = {"kind": "qualification", "name": "建造师(一级)", "in_shanghai": False}
    assert cert("2024-06-01", **qualification).points == 100


def test_post_and_registration():
    assert cert("2024-06-01", kind="title", name="工程师", matches_post=False).points == 0
    assert cert("2024-06-01", kind="qualification", name="一建", registered=False).points == 0


def test_skills_catalogue_from_2022_06_08_reading_r5_before():
    before = run(
        person(certificates=[{"kind": "skill", "name": "中式烹调师", "level": 3}]), "2022-06-07"
    )
    assert item(before, "certificate").points == 60
    assert any("R-5" in w for w in before.warnings)
    after = cert("2022-06-08", kind="skill", name="中式烹调师", level=3)
    assert after.points == 0
    assert "not on the skills catalogue" in after.detail


def test_aliases_are_read_and_said():
    welder = cert("2024-06-01", kind="skill", name="电焊工", level=3)
    assert welder.points == 60
    assert "焊工" in welder.detail
    assert "sourced" in welder.detail
    assert cert("2024-06-01", kind="qualification", name="一建").points == 100


def test_alias_level_is_used_and_checked():
    assert cert("2024-06-01", kind="skill", name="高级程序员").points == 60
    with pytest.raises(InvalidApplicant, match=r"certificates\[0\].level: contradicts the name"):
        cert("2024-06-01", kind="skill", name="高级程序员", level=4)


def test_a_skill_needs_a_level():
    with pytest.raises(InvalidApplicant, match=r"certificates\[0\].level: required"):
        cert("2024-06-01", kind="skill", name="焊工")


def test_ambiguous_names_are_refused_with_candidates():
    with pytest.raises(InvalidApplicant) as info:
        cert("2024-06-01", kind="skill", name="程序员", level=4)
    (problem,) = info.value.problems
    assert problem.path == "certificates[0].name"
    assert "ambiguous" in problem.message
    assert any("计算机程序设计员" in c for c in problem.candidates)
    assert any("软考初级" in c for c in problem.candidates)


def test_names_known_to_earn_nothing():
    result = cert("2024-06-01", kind="qualification", name="二级建造师")
    assert result.points == 0
    assert "earns no points" in result.detail


def test_qualification_not_on_the_partial_list():
    result = cert("2024-06-01", kind="qualification", name="某某资格")
    assert result.points == 0
    assert "known only in part" in result.detail


def test_qualification_catalogue_before_2023_uses_the_2023_edition():
    data = person(
        certificates=[{"kind": "qualification", "name": "一建"}],
        social_insurance=[{"from": "2012-01", "base": 20000}],
    )
    result = run(data, "2019-06-01")
    assert item(result, "certificate").points == 100
    assert any("L-1" in w for w in result.warnings)


def test_certificate_obtained_after_the_evaluation_date_is_an_error():
    with pytest.raises(InvalidApplicant, match=r"certificates\[0\].obtained_on"):
        cert("2024-06-01", kind="title", name="工程师", obtained_on="2024-06-02")


def test_only_the_best_certificate_counts():
    data = person(
        certificates=[
            {"kind": "skill", "name": "焊工", "level": 3},
            {"kind": "title", "name": "工程师"},
        ],
        social_insurance=[{"from": "2020-01", "base": 20000}],
    )
    result = item(run(data, "2024-06-01"), "certificate")
    assert result.points == 100
    assert result.detail.startswith("工程师")


# --- social insurance years ----------------------------------------------------------


def test_insurance_years_are_cumulative_r3():
    data = person(
        social_insurance=[
            {"from": "2018-01", "to": "2018-08", "base": 9000},
            {"from": "2019-01", "to": "2019-04", "base": 9000},
            {"from": "2020-01", "to": "2020-12", "base": 9000, "back_paid": True},
            {"from": "2021-01", "to": "2021-12", "base": 9000, "employer_matches_contract": False},
            {"from": "2022-01", "base": 9000},
        ]
    )
    # 8 + 4 + 0 + 0 + 2022-01..2024-05 (29) = 41 → 3 full years
    assert item(run(data, "2024-06-15"), "insurance_years").points == 9


def test_the_month_of_the_evaluation_date_does_not_count():
    data = person(social_insurance=[{"from": "2023-06", "base": 9000}])
    assert item(run(data, "2024-05-31"), "insurance_years").points == 0
    assert item(run(data, "2024-06-01"), "insurance_years").points == 3


# --- contribution base --------------------------------------------------------------


def test_threshold_arithmetic_is_exact():
    exactly = [
        {"from": "2016-04", "to": "2017-03", "base": 4751.2},
        {"from": "2017-04", "to": "2018-03", "base": 5203.2},
        {"from": "2018-04", "to": "2019-04", "base": 5705.6},
        {"from": "2019-05", "base": 6568.8},
    ]
    result = run(person(social_insurance=exactly), "2020-04-01")
    assert item(result, "insurance_base").points == 25
    below = [dict(p) for p in exactly]
    below[0]["base"] = 4751.19
    below[1]["base"] = 5203.19
    result = run(person(social_insurance=below), "2020-04-01")
    assert item(result, "insurance_base").points == 0


def test_three_times_needs_24_of_the_last_36_months():
    def base_points(months: int) -> int:
        start = 2025 * 12 + 6 - months  # months before 2025-07
        frm = f"{start // 12}-{start % 12 + 1:02d}"
        data = person(
            social_insurance=[
                {"from": "2020-01", "to": _before(frm), "base": 9000},
                {"from": frm, "base": 40000},
            ]
        )
        return item(run(data, "2025-07-01"), "insurance_base").points

    assert base_points(23) < 120
    assert base_points(24) == 120


def test_bands_are_cumulative_r4():
    data = person(
        social_insurance=[
            {"from": "2020-05", "to": "2021-12", "base": 15000},  # 20 months ≥ 1×, < 2×
            {"from": "2022-01", "to": "2023-08", "base": 25000},  # 20 months ≥ 2×
        ]
    )
    assert item(run(data, "2024-05-01"), "insurance_base").points == 50


def test_months_not_matching_the_tax_record_do_not_qualify():
    data = person(social_insurance=[{"from": "2019-01", "base": 20000, "tax_matches": False}])
    result = run(data, "2024-01-01")
    assert item(result, "insurance_base").points == 0
    assert item(result, "insurance_years").points == 15


def test_2013_needs_36_consecutive_months_and_takes_the_lowest():
    steady = person(social_insurance=[{"from": "2010-01", "base": 11000}])
    assert item(run(steady, "2014-06-01"), "insurance_base").points == 100
    dip = person(
        social_insurance=[
            {"from": "2010-01", "to": "2012-12", "base": 11000},
            {"from": "2013-01", "to": "2013-01", "base": 4000},
            {"from": "2013-02", "base": 11000},
        ]
    )
    assert item(run(dip, "2014-06-01"), "insurance_base").points == 25
    gap = person(
        social_insurance=[
            {"from": "2010-01", "to": "2012-12", "base": 9000},
            {"from": "2013-02", "base": 9000},
        ]
    )
    assert item(run(gap, "2014-06-01"), "insurance_base").points == 0


def test_months_without_a_published_wage_use_the_nearest_with_a_warning():
    data = person(social_insurance=[{"from": "2024-01", "base": 38000}])
    result = run(data, "2027-12-01", policy="2023")
    assert any("no reference wage is published for 2027-07" in w for w in result.warnings)


# --- eligibility and vetoes ---------------------------------------------------------


def test_not_paying_now_is_not_eligible():
    data = person(
        education={"level": "doctor"},
        social_insurance=[{"from": "2015-01", "to": "2024-04", "base": 20000}],
    )
    result = run(data, "2024-06-01")
    assert result.total >= 120
    assert not result.eligible
    assert not result.meets_standard
    assert any("not paying" in w for w in result.warnings)


def test_from_2018_six_of_the_last_twelve_months():
    data = person(
        education={"level": "doctor"}, social_insurance=[{"from": "2019-01", "base": 9000}]
    )
    assert not run(data, "2019-06-01").eligible  # 5 months before June
    assert run(data, "2019-07-01").eligible
    data2015 = person(social_insurance=[{"from": "2017-01", "base": 9000}])
    assert run(data2015, "2017-06-01").eligible


def test_back_paid_months_do_not_make_anyone_eligible():
    data = person(social_insurance=[{"from": "2023-01", "base": 9000, "back_paid": True}])
    assert not run(data, "2024-06-01").eligible


@pytest.mark.parametrize(
    ("on", "vetoed"), [("2017-06-01", True), ("2021-06-01", True), ("2024-06-01", False)]
)
def test_family_planning_vetoes_until_2023(on, vetoed):
    data = person(records=[{"kind": "family_planning", "on": "2016-01-01"}])
    assert run(data, on).vetoed is vetoed


def test_serious_crime_always_vetoes_and_future_records_do_not():
    data = person(records=[{"kind": "serious_crime", "on": "2010-01-01"}])
    assert run(data, "2024-06-01").vetoed
    later = person(records=[{"kind": "serious_crime", "on": "2025-01-01"}])
    assert not run(later, "2024-06-01").vetoed


# --- deductions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "counted"),
    [("2021-06-01", False), ("2021-06-02", True), ("2024-06-01", True), ("2024-06-02", False)],
)
def test_false_material_three_year_window(when, counted):
    data = person(records=[{"kind": "false_material", "on": when}])
    assert item(run(data, "2024-06-01"), "false_material").points == (-150 if counted else 0)


def test_deductions_accumulate_and_the_total_is_floored_at_zero():
    data = person(records=[{"kind": "crime", "on": "2022-01-01"}] * 3)
    result = run(data, "2024-06-01")
    assert item(result, "crime").points == -450
    assert result.total == 0


# --- bonus indicators ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("version_day", "taxes", "points"),
    [
        ("2014-06-01", [1_500_000, 1_500_000, 1_500_000], 100),
        ("2016-06-01", [1_500_000, 1_500_000, 1_500_000], 120),
        ("2024-06-01", [99_999, 100_000, 100_000], 0),
        ("2024-06-01", [100_000, 100_000, 100_000], 10),
    ],
)
def test_investment_caps_by_version(version_day, taxes, points):
    data = person(investment={"annual_tax": taxes})
    assert item(run(data, version_day), "investment").points == points


def test_hiring_route():
    data = person(investment={"annual_tax": [0, 0, 0], "hukou_employees": [30, 30, 31]})
    assert item(run(data, "2024-06-01"), "investment").points == 30


def test_entrepreneur_and_tech_transfer():
    ok = {"share_percent": 5, "incubated_months": 6, "in_incubator": True}
    assert item(run(person(entrepreneur=ok), "2024-06-01"), "entrepreneur").points == 120
    gone = {**ok, "in_incubator": False}
    assert item(run(person(entrepreneur=gone), "2024-06-01"), "entrepreneur").points == 0
    assert item(run(person(tech_transfer_months=6), "2024-06-01"), "tech_transfer").points == 120
    assert item(run(person(tech_transfer_months=5), "2024-06-01"), "tech_transfer").points == 0
    with pytest.raises(KeyError):
        item(run(person(entrepreneur=ok), "2014-06-01"), "entrepreneur")


@pytest.mark.parametrize(("end", "points"), [("2019-11", 0), ("2019-12", 20), ("2020-12", 24)])
def test_public_service_counts_from_five_years(end, points):
    data = person(public_service=[{"field": "环卫", "from": "2015-01", "to": end}])
    assert item(run(data, "2024-06-01"), "public_service").points == points


def test_public_service_outside_the_field():
    data = person(public_service=[{"field": "教育", "from": "2010-01"}])
    result = item(run(data, "2024-06-01"), "public_service")
    assert result.points == 0
    assert "not a specified field" in result.detail


def area(name: str, frm: str, on: str, to: str | None = None) -> shjzz.LineItem:
    return item(run(person(remote_area=[{"area": name, "from": frm, "to": to}]), on), "remote_area")


def test_lingang_before_2019_after_five_years():
    assert area("临港", "2013-01", "2017-12-31").points == 0
    assert area("临港", "2013-01", "2018-02-01").points == 10


def test_lingang_2019_needs_three_years_and_2024_counts_from_the_first():
    assert area("临港新片区", "2019-09", "2022-08-01").points == 0
    assert area("临港新片区", "2019-09", "2022-10-01").points == 6
    assert area("临港新片区", "2023-01", "2024-08-20").points == 0
    assert area("临港新片区", "2023-01", "2024-08-21").points == 2


def test_new_towns_from_2021_02_23_after_five_years():
    early = area("嘉定新城", "2015-01", "2021-02-22")
    assert early.points == 0
    assert "not a remote key area on 2021-02-22" in early.detail
    assert area("嘉定新城", "2015-01", "2021-02-23").points == 12


def test_rules_2025_areas():
    assert area("南北地区重点转型区域", "2018-01", "2025-12-10").points == 0
    assert area("南北地区重点转型区域", "2018-01", "2025-12-11").points == 14
    assert area("南北地区重点转型区域", "2018-01", "2025-12-11").basis.certainty == "corroborated"


def test_remote_areas_count_the_highest_single_area_not_the_sum():
    data = person(
        remote_area=[
            {"area": "临港新片区", "from": "2013-01", "to": "2018-12"},
            {"area": "嘉定新城", "from": "2019-01"},
        ]
    )
    result = item(run(data, "2027-06-01"), "remote_area")
    assert result.points == 16  # 嘉定新城 8 years; 临港新片区's 6 years (12) are not added
    assert not result.capped
    assert "only the highest single area counts" in result.detail


def test_one_area_caps_at_20():
    data = person(remote_area=[{"area": "嘉定新城", "from": "2013-01"}])
    result = item(run(data, "2027-06-01"), "remote_area")
    assert (result.points, result.capped) == (20, True)


def test_unknown_area():
    result = area("浦东新区", "2010-01", "2024-06-01")
    assert result.points == 0
    assert "not a remote key area" in result.detail


def test_overlapping_area_periods_are_refused():
    with pytest.raises(InvalidApplicant, match=r"remote_area\[1\]: overlaps remote_area\[0\]"):
        shjzz.load_applicant(
            person(
                remote_area=[
                    {"area": "临港新片区", "from": "2020-01"},
                    {"area": "南汇新城", "from": "2021-01"},
                ]
            )
        )


@pytest.mark.parametrize(
    ("on", "points"), [("2024-06-30", 0), ("2024-07-01", 10), ("2025-06-30", 10), ("2025-07-01", 0)]
)
def test_new_graduate_window(on, points):
    data = person(education={"level": "bachelor", "graduated_on": "2024-07-01"})
    assert item(run(data, on), "new_graduate").points == points


def test_part_time_graduates_are_not_new_graduates():
    data = person(education={"level": "bachelor", "graduated_on": "2024-07-01", "full_time": False})
    assert item(run(data, "2024-09-01"), "new_graduate").points == 0


def test_awards_take_the_highest_of_those_already_made():
    data = person(
        awards=[
            {"level": "municipal_comprehensive"},
            {"level": "national", "awarded_on": "2025-01-01"},
        ]
    )
    assert item(run(data, "2024-06-01"), "award").points == 60
    assert item(run(data, "2025-06-01"), "award").points == 110


@pytest.mark.parametrize(
    ("married", "points"), [("2020-06-02", 12), ("2020-06-01", 16), ("2010-01-01", 40)]
)
def test_spouse_years(married, points):
    data = person(spouse={"shanghai_hukou": True, "married_on": married})
    assert item(run(data, "2024-06-01"), "spouse").points == points


def test_shortage_major_lookup_and_statement():
    major = {"name": "城市轨道交通车辆", "code": "52030100"}
    found = person(education={"level": "junior_college", "major": major})
    assert item(run(found, "2024-06-01"), "shortage_major").points == 30
    wrong_post = person(
        education={"level": "junior_college", "major": major, "matches_post": False}
    )
    assert item(run(wrong_post, "2024-06-01"), "shortage_major").points == 0
    unknown = person(education={"level": "junior_college", "major": {"name": "会计"}})
    result = run(unknown, "2024-06-01")
    assert item(result, "shortage_major").points == 0
    assert any("known only in part" in w for w in result.warnings)
    stated = person(
        education={"level": "junior_college", "major": {"name": "会计"}, "shortage_major": True}
    )
    assert item(run(stated, "2024-06-01"), "shortage_major").points == 30
    mismatch = person(
        education={"level": "junior_college", "major": {"name": "航海技术", "code": "52030100"}}
    )
    assert item(run(mismatch, "2024-06-01"), "shortage_major").points == 0


def test_equal_certificates_share_an_outcome_but_not_their_problems():
    weld = {"kind": "skill", "name": "焊工", "level": 3}
    one = item(run(person(certificates=[weld]), "2024-06-01"), "certificate")
    many = item(run(person(certificates=[weld] * 5), "2024-06-01"), "certificate")
    assert many.points == one.points
    assert many.detail == "; ".join([one.detail] * 5)
    ambiguous = {"kind": "skill", "name": "程序员", "level": 4}
    with pytest.raises(InvalidApplicant) as info:
        run(person(certificates=[ambiguous, ambiguous]), "2024-06-01")
    paths = [p.path for p in info.value.problems]
    assert paths == ["certificates[0].name", "certificates[1].name"]
