"""Hypothesis strategies for applicant files (plain JSON-like data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

FIRST, LAST = dt.date(2013, 7, 1), dt.date(2027, 12, 31)

SKILLS = ["焊工", "电工", "车工", "电焊工", "计算机程序设计员", "中式烹调师", "无损检测员"]
TITLES = ["工程师", "高级工程师", "讲师", "教授", "主治医师", "会计师"]
QUALIFICATIONS = ["建造师(一级)", "一建", "注册安全工程师", "二级建造师", "税务师"]
AREAS = ["临港新片区", "临港", "嘉定新城", "南汇新城", "南北地区重点转型区域", "浦东新区"]


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def dates(lo: dt.date = dt.date(2000, 1, 1), hi: dt.date = LAST) -> st.SearchStrategy[str]:
    return st.dates(lo, hi).map(dt.date.isoformat)


@st.composite
def periods(
    draw: st.DrawFn, extra: st.SearchStrategy[dict[str, Any]], most: int = 4
) -> list[dict[str, Any]]:
    """Non-overlapping month periods from 2005 on, in order, the last possibly open."""
    out: list[dict[str, Any]] = []
    start = draw(st.integers(2005 * 12, 2027 * 12))
    for _ in range(draw(st.integers(0, most))):
        start += draw(st.integers(0, 24))
        length = draw(st.integers(1, 80))
        period = {"from": _month(start), **draw(extra)}
        if draw(st.booleans()):
            period["to"] = _month(start + length - 1)
            out.append(period)
            start += length
        else:
            out.append(period)
            break
    return out


money = st.one_of(
    st.integers(0, 60_000), st.floats(0, 60_000, allow_nan=False).map(lambda x: round(x, 2))
)

insurance = st.fixed_dictionaries(
    {"base": money},
    optional={
        "back_paid": st.booleans(),
        "employer_matches_contract": st.booleans(),
        "tax_matches": st.booleans(),
    },
)

certificate = st.one_of(
    st.fixed_dictionaries(
        {"kind": st.just("skill"), "name": st.sampled_from(SKILLS), "level": st.integers(1, 5)},
        optional={
            "in_shanghai": st.booleans(),
            "verified_in_shanghai": st.booleans(),
            "matches_post": st.booleans(),
        },
    ),
    st.fixed_dictionaries(
        {"kind": st.just("title"), "name": st.sampled_from(TITLES)},
        optional={"in_shanghai": st.booleans(), "by_exam": st.booleans()},
    ),
    st.fixed_dictionaries(
        {"kind": st.just("title"), "grade": st.sampled_from(["intermediate", "senior"])},
    ),
    st.fixed_dictionaries(
        {"kind": st.just("qualification"), "name": st.sampled_from(QUALIFICATIONS)},
        optional={"registered": st.booleans()},
    ),
)

applicants = st.fixed_dictionaries(
    {"birth_date": dates(dt.date(1950, 1, 1), dt.date(2005, 1, 1))},
    optional={
        "education": st.fixed_dictionaries(
            {"level": st.sampled_from(["junior_college", "bachelor", "master", "doctor"])},
            optional={
                "degree": st.booleans(),
                "full_time": st.booleans(),
                "recognized": st.booleans(),
                "graduated_on": dates(),
                "major": st.fixed_dictionaries(
                    {},
                    optional={
                        "name": st.sampled_from(["城市轨道交通车辆", "会计"]),
                        "code": st.sampled_from(["52030100", "1"]),
                    },
                ),
                "shortage_major": st.none() | st.booleans(),
            },
        ),
        "certificates": st.lists(certificate, max_size=3),
        "social_insurance": periods(insurance, most=5),
        "remote_area": periods(st.fixed_dictionaries({"area": st.sampled_from(AREAS)}), most=2),
        "public_service": periods(
            st.fixed_dictionaries({"field": st.sampled_from(["环卫", "教育"])}), most=2
        ),
        "spouse": st.fixed_dictionaries({"shanghai_hukou": st.booleans(), "married_on": dates()}),
        "investment": st.fixed_dictionaries(
            {},
            optional={
                "annual_tax": st.lists(money.map(lambda m: m * 50), min_size=3, max_size=3),
                "hukou_employees": st.lists(st.integers(0, 500), min_size=3, max_size=3),
            },
        ),
        "entrepreneur": st.fixed_dictionaries(
            {},
            optional={
                "share_percent": st.integers(0, 100),
                "incubated_months": st.integers(0, 30),
                "in_incubator": st.booleans(),
            },
        ),
        "tech_transfer_months": st.integers(0, 30),
        "awards": st.lists(
            st.fixed_dictionaries(
                {
                    "level": st.sampled_from(
                        ["municipal_special", "municipal_comprehensive", "national"]
                    )
                },
                optional={"awarded_on": dates()},
            ),
            max_size=3,
        ),
        "records": st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(
                        ["false_material", "detention", "crime", "serious_crime", "family_planning"]
                    ),
                    "on": dates(),
                }
            ),
            max_size=3,
        ),
    },
)

evaluation_dates = st.dates(FIRST, LAST)
