"""Typical applicants for the benchmarks: the public cases, and a generator of varied ones."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASE_DIRS = (ROOT.parent / "shared" / "cases", ROOT / "tests" / "shared_cases")

SKILLS = ["焊工", "电工", "车工", "电焊工", "计算机程序设计员", "钳工", "汽车维修工"]
TITLES = ["工程师", "会计师", "高级工程师", "讲师", "主治医师"]


def shared_cases() -> list[dict[str, Any]]:
    """The public cases (the live ../shared copy when present, else the vendored one)."""
    folder = next(d for d in CASE_DIRS if d.is_dir())
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def typical(rng: random.Random) -> dict[str, Any]:
    """One plausible applicant: education, one to three insurance periods, sometimes more."""
    start = rng.randrange(2012 * 12, 2024 * 12)
    periods = []
    for _ in range(rng.randint(1, 3)):
        length = rng.randint(6, 48)
        periods.append(
            {
                "from": f"{start // 12}-{start % 12 + 1:02d}",
                "to": f"{(start + length - 1) // 12}-{(start + length - 1) % 12 + 1:02d}",
                "base": rng.choice([7400, 9000, 12000, 13000.5, 15000, 21000, 36921]),
            }
        )
        start += length + rng.randint(0, 4)
    periods[-1].pop("to")
    born = f"{rng.randint(1966, 2002)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    data: dict[str, Any] = {
        "birth_date": born,
        "education": {
            "level": rng.choice(["junior_college", "bachelor", "bachelor", "master", "doctor"]),
            "degree": rng.random() < 0.7,
        },
        "social_insurance": periods,
    }
    if rng.random() < 0.3:
        data["certificates"] = [
            {"kind": "skill", "name": rng.choice(SKILLS), "level": rng.randint(1, 5)}
            if rng.random() < 0.5
            else {"kind": "title", "name": rng.choice(TITLES)}
        ]
    if rng.random() < 0.2:
        data["spouse"] = {"shanghai_hukou": True, "married_on": f"{rng.randint(2005, 2024)}-06-01"}
    if rng.random() < 0.1:
        data["records"] = [{"kind": "detention", "on": f"{rng.randint(2015, 2025)}-03-01"}]
    return data


def edges() -> list[dict[str, Any]]:
    """Applicants at the edges: an off-catalogue name, many certificates, a long history."""
    base: dict[str, Any] = {
        "birth_date": "1975-03-01",
        "education": {"level": "bachelor", "degree": True},
        "social_insurance": [{"from": "2015-01", "base": 12000}],
    }
    return [
        {**base, "certificates": [{"kind": "skill", "name": "某某某某工", "level": 3}]},
        {**base, "certificates": [{"kind": "title", "name": "某某高级某某师"}]},
        {
            **base,
            "certificates": [{"kind": "skill", "name": name, "level": 2} for name in SKILLS]
            + [{"kind": "title", "name": name} for name in TITLES],
        },
        {**with_periods(600), "certificates": [{"kind": "skill", "name": "焊工", "level": 1}]},
    ]


def with_periods(count: int) -> dict[str, Any]:
    """Fifty years of insurance (1975-01 to 2024-12) in *count* periods of equal length."""
    length = 600 // count
    periods = []
    for k in range(count):
        start, end = 1975 * 12 + k * length, 1975 * 12 + (k + 1) * length - 1
        periods.append(
            {
                "from": f"{start // 12}-{start % 12 + 1:02d}",
                "to": f"{end // 12}-{end % 12 + 1:02d}",
                "base": 9000 + 1000 * (k % 3),
            }
        )
    return {"birth_date": "1957-01-01", "social_insurance": periods}


def write_jsonl(path: Path, count: int, seed: int = 2026) -> None:
    """*count* typical applicants, one JSON object per line."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for _ in range(count):
            f.write(json.dumps(typical(rng), ensure_ascii=False))
            f.write("\n")
