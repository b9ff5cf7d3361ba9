"""Hypothesis strategies for applicant files (plain JSON-like data)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import strategies as st

from shjzz._convert import parse_decimal, parse_int

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


# --- hostile mutations of valid applicants (issue 10) --------------------------------------

EXTREME_DATES = ["0001-01-01", "0001-12-31", "0005-06-30", "9999-12-30", "9999-12-31"]
EXTREME_MONTHS = ["0001-01", "0005-12", "9999-11", "9999-12"]
ODD_TEXT = [
    "焊\u202e工",
    "焊\u2028工",
    "\u2066电工\u2069",
    "电\u200b工",
    "\x7f",
    "\x85",
    "２０２０-０１",
    "٢٠٢٠-٠١",
    "\ufeff焊工",
    "🏅" * 50,
    "焊" * 200,
    "焊" * 201,
    "e\u0301" * 100,
]


class Number:
    """A number written as JSON text that Python's JSON writer cannot produce."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Number({self.text[:30]!r})"


HUGE_NUMBERS = [
    Number("1e99999999999999999999"),
    Number("-1e99999999999999999999"),
    Number("1e-99999999999999999999"),
    Number("9" * 5000),
    Number("0." + "1" * 5000),
    Number("1E+999999999"),
    Number("1e-999999"),
    Number("1" * 31),
    Number("100.0000000000000000000000000001"),
    Number("-0.0"),
    Number("1e308"),
    Number("4.9e-324"),
]


def to_json(value: object) -> str:
    """JSON text of *value*, writing :class:`Number` as given and ints of any length."""
    if isinstance(value, Number):
        return value.text
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value) if value.bit_length() < 10_000 else "9" * 5000
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def from_json(text: str) -> object:
    """*text* read as the CLI reads it (exact decimals, out-of-range numbers kept)."""
    return json.loads(text, parse_float=parse_decimal, parse_int=parse_int)


def _paths(node: object, path: tuple[object, ...] = ()) -> list[tuple[tuple[object, ...], object]]:
    out = [(path, node)]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*path, i))
    return out


def _hostile_for(value: object) -> st.SearchStrategy[object]:
    """A hostile value of the same shape as *value*."""
    if isinstance(value, bool):
        return st.sampled_from([None, 0, 1, "true"])
    if isinstance(value, (int, float)):
        return st.one_of(st.sampled_from(HUGE_NUMBERS), st.integers(-(2**80), 2**80))
    if isinstance(value, str):
        shaped = EXTREME_DATES if len(value) == 10 else EXTREME_MONTHS if len(value) == 7 else []
        return st.sampled_from([*shaped, *ODD_TEXT]) | st.text(max_size=20)
    if isinstance(value, list):
        return st.sampled_from([2, 50, 600, 601]).map(lambda n: (value[:1] or [{}]) * n)
    return st.sampled_from([{}, [], "", None, {"unknown": 1}])


@st.composite
def hostile(draw: st.DrawFn) -> str:
    """A valid applicant with one to three values replaced by hostile ones, as JSON text."""
    data = json.loads(json.dumps(draw(applicants)))
    for _ in range(draw(st.integers(1, 3))):
        path, value = draw(st.sampled_from(_paths(data)[1:] or [((), data)]))
        if not path:
            break
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = draw(_hostile_for(value))
    return to_json(data)
