"""Golden snapshots: the full JSON result of fixed applicants on fixed dates, per version.

``python tests/golden.py`` rewrites ``tests/golden/<version>.json`` from the code;
``python tests/golden.py --new-spread`` first draws the generated applicants
anew (``tests/golden/spread.json``).  Review the diff of either before
committing it: a changed snapshot is a changed answer for someone.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

import shjzz

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SPREAD = GOLDEN / "spread.json"
SPREAD_SIZE = 40


def applicants() -> dict[str, dict[str, Any]]:
    """The fixed applicants by name: the vendored public cases, our own cases, the spread."""
    out: dict[str, dict[str, Any]] = {}
    for folder in (HERE / "shared_cases", HERE / "cases"):
        for path in sorted(folder.glob("*.json")):
            out[path.stem] = json.loads(path.read_text(encoding="utf-8"))["applicant"]
    out.update(json.loads(SPREAD.read_text(encoding="utf-8")))
    return out


def dates(version: shjzz.Policy) -> list[dt.date]:
    """The first day, a day inside and the last day of *version*."""
    last = version.valid_until - dt.timedelta(days=1)
    middle = version.valid_from + (last - version.valid_from) // 2
    return [version.valid_from, middle, last]


def snapshot(version: shjzz.Policy) -> dict[str, dict[str, Any]]:
    """Every fixed applicant scored on every fixed date of *version*, pinned to it."""
    return {
        name: {day.isoformat(): _result(data, day, version) for day in dates(version)}
        for name, data in applicants().items()
    }


def _result(data: dict[str, Any], day: dt.date, version: shjzz.Policy) -> Any:
    try:
        result = shjzz.score(shjzz.load_applicant(data), on=day, policy=version.id)
    except shjzz.errors.ShjzzError as exc:
        return {"error": type(exc).__name__, "message": str(exc)}
    return shjzz.unstructure(result)


def dump(data: object) -> str:
    """The stored form: sorted keys, one value a line, so a diff reads well."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _month(rng: random.Random, lo: int, hi: int) -> tuple[int, str]:
    index = rng.randint(lo * 12, hi * 12)
    return index, f"{index // 12:04d}-{index % 12 + 1:02d}"


def _day(rng: random.Random, lo: int, hi: int) -> str:
    start = dt.date(lo, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(hi, 12, 31).toordinal())).isoformat()


def _insurance(rng: random.Random) -> list[dict[str, Any]]:
    index, start = _month(rng, 2006, 2022)
    periods: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 4)):
        length = rng.randint(3, 60)
        end = index + length - 1
        period: dict[str, Any] = {
            "from": start,
            "base": rng.choice([4000, 6500, 8000, 9000, 12000, 16000, 25000, 31000, 38000]),
        }
        if rng.random() < 0.1:
            period["back_paid"] = True
        if rng.random() < 0.1:
            period["tax_matches"] = False
        period["to"] = f"{end // 12:04d}-{end % 12 + 1:02d}"
        periods.append(period)
        index = end + 1 + rng.choice([0, 0, 0, 2, 7])
        start = f"{index // 12:04d}-{index % 12 + 1:02d}"
    if rng.random() < 0.7:
        del periods[-1]["to"]
    return periods


_CERTIFICATES = [
    {"kind": "skill", "name": "电工", "level": 3},
    {"kind": "skill", "name": "焊工", "level": 2},
    {"kind": "skill", "name": "电焊工", "level": 1},
    {"kind": "skill", "name": "厨师", "level": 3},
    {"kind": "title", "name": "工程师"},
    {"kind": "title", "name": "高级工程师"},
    {"kind": "title", "grade": "intermediate", "in_shanghai": False},
    {"kind": "qualification", "name": "注册安全工程师"},
    {"kind": "qualification", "name": "一建"},
    {"kind": "qualification", "name": "税务师", "registered": False},
]
_AREAS = ["临港新片区", "临港地区", "嘉定新城", "南汇新城", "南北地区重点转型区域", "浦东新区"]


def _spread_one(rng: random.Random) -> dict[str, Any]:  # noqa: C901 - one branch per field
    data: dict[str, Any] = {"birth_date": _day(rng, 1960, 2000)}
    if rng.random() < 0.8:
        education: dict[str, Any] = {
            "level": rng.choice(["junior_college", "bachelor", "master", "doctor"]),
            "degree": rng.random() < 0.7,
        }
        if rng.random() < 0.4:
            education["graduated_on"] = _day(rng, 2012, 2026)
        if rng.random() < 0.2:
            education["major"] = {"name": "城市轨道交通车辆", "code": "52030100"}
        data["education"] = education
    if rng.random() < 0.5:
        picked = rng.sample(_CERTIFICATES, rng.randint(1, 2))
        data["certificates"] = [{**c, "obtained_on": _day(rng, 2010, 2013)} for c in picked]
    data["social_insurance"] = _insurance(rng)
    if rng.random() < 0.3:
        index, start = _month(rng, 2008, 2016)
        data["remote_area"] = [{"area": rng.choice(_AREAS), "from": start}]
        if rng.random() < 0.5:
            end = index + rng.randint(12, 80)
            data["remote_area"][0]["to"] = f"{end // 12:04d}-{end % 12 + 1:02d}"
            nxt = end + 1
            data["remote_area"].append(
                {"area": rng.choice(_AREAS), "from": f"{nxt // 12:04d}-{nxt % 12 + 1:02d}"}
            )
    if rng.random() < 0.15:
        _, start = _month(rng, 2006, 2014)
        data["public_service"] = [
            {"field": rng.choice(["环卫", "环境卫生", "教育"]), "from": start}
        ]
    if rng.random() < 0.3:
        data["spouse"] = {"shanghai_hukou": True, "married_on": _day(rng, 2005, 2024)}
    if rng.random() < 0.15:
        data["investment"] = {"annual_tax": [rng.randint(0, 900_000) for _ in range(3)]}
    if rng.random() < 0.2:
        data["awards"] = [
            {
                "level": rng.choice(["municipal_special", "municipal_comprehensive", "national"]),
                "awarded_on": _day(rng, 2010, 2026),
            }
        ]
    if rng.random() < 0.2:
        data["records"] = [
            {
                "kind": rng.choice(
                    ["false_material", "detention", "crime", "serious_crime", "family_planning"]
                ),
                "on": _day(rng, 2010, 2026),
            }
        ]
    return data


def new_spread(seed: int = 2026) -> dict[str, dict[str, Any]]:
    """Draw the generated applicants (``spread-00`` …) from a fixed seed."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible spread, not a secret
    return {f"spread-{n:02d}": _spread_one(rng) for n in range(SPREAD_SIZE)}


def main(argv: list[str]) -> None:
    """Rewrite the snapshots (and, with ``--new-spread``, the spread first)."""
    if "--new-spread" in argv:
        SPREAD.write_text(dump(new_spread()), encoding="utf-8")
    for version in shjzz.policies():
        (GOLDEN / f"{version.id}.json").write_text(dump(snapshot(version)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
