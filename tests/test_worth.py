"""Catalogues listed on a date, and what each entry or match is worth under the version then."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

import shjzz
from shjzz._policy import policy_on, registry
from shjzz.cli import main
from shjzz.errors import InvalidQuery, PolicyNotInForce, UnknownCatalogue

ON = dt.date(2025, 3, 1)


def test_the_skills_catalogue_lists_the_63_occupations_with_points_by_level():
    listing = shjzz.catalogue("skills", on=ON)
    assert [item.entry.number for item in listing.entries] == list(range(1, 64))
    assert listing.effective == dt.date(2022, 6, 8)
    assert listing.complete
    assert listing.policy == "2023"
    skill = policy_on(ON).indicators.certificate.skill
    for item in listing.entries:
        assert item.worth.points is None
        assert dict(item.worth.by_level) == {int(k): v for k, v in skill.items()}
    welder = next(item for item in listing.entries if item.entry.name == "焊工")
    assert (welder.entry.code, welder.aliases) == ("6-18-02-04", ("电焊工",))


def test_points_come_from_the_version_in_force():
    for pol in registry().policies:
        listing = shjzz.catalogue("titles", on=pol.valid_from)
        assert listing.policy == pol.id
        rule = pol.indicators.certificate
        for item in listing.entries:
            grade = "intermediate" if item.entry.grade == "intermediate" else "senior"
            assert item.worth.points == rule.title[grade]


def test_the_base_condition_is_described_from_the_rule_data():
    rule = policy_on(ON).indicators.certificate
    assert rule.condition is not None
    engineer = shjzz.worth(shjzz.lookup("工程师").matches[0], on=ON)
    assert rule.condition_words("title", "intermediate") in engineer.conditions
    assert f"at least {rule.condition.at_least} of the last {rule.condition.window}" in (
        rule.condition_words("title", "intermediate") or ""
    )
    welder = shjzz.worth(shjzz.lookup("焊工三级").matches[0], on=ON)
    assert welder.points == rule.skill["3"]
    assert not any("base condition" in c for c in welder.conditions)
    unconditioned = attrs.evolve(rule, condition=None)
    assert unconditioned.condition_words("title", "senior") is None
    safety = shjzz.worth(shjzz.lookup("注册安全工程师").matches[0], on=ON)
    assert not any(c.startswith("the base condition") for c in safety.conditions)
    assert "no base condition for a qualification (R-6; R-6=as-title applies it)" in (
        safety.conditions
    )


def test_no_base_condition_before_2015():
    worth = shjzz.worth(shjzz.lookup("工程师").matches[0], on=dt.date(2014, 1, 1))
    assert worth.policy == "2013"
    assert not any("base condition" in c for c in worth.conditions)


def test_a_known_name_that_earns_nothing_says_why():
    worth = shjzz.worth(shjzz.lookup("二级建造师").matches[0], on=ON)
    assert (worth.points, worth.reason) == (0, "初级 equivalent — no points")


def test_the_skills_catalogue_before_its_first_edition_says_so():
    listing = shjzz.catalogue("skills", on=dt.date(2020, 1, 1))
    assert listing.note is not None
    assert "no skills catalogue is encoded for 2020-01-01" in listing.note
    assert any("accepted unchecked (R-5)" in c for c in listing.entries[0].worth.conditions)


def test_areas_are_listed_by_the_rows_in_force():
    names = [item.entry.name for item in shjzz.catalogue("areas", on=dt.date(2015, 1, 1)).entries]
    assert names == ["临港地区"]
    listing = shjzz.catalogue("areas", on=ON)
    assert all(item.worth.per_year for item in listing.entries)
    assert "临港新片区" in [item.entry.name for item in listing.entries]


@pytest.mark.parametrize("name", ["skill", "none", 5])
def test_an_unknown_catalogue_is_refused(name):
    with pytest.raises(UnknownCatalogue):
        shjzz.catalogue(name)


def test_dates_outside_every_version_and_bad_arguments_are_refused():
    with pytest.raises(PolicyNotInForce):
        shjzz.catalogue("skills", on=dt.date(2010, 1, 1))
    with pytest.raises(InvalidQuery, match="a Match or a CatalogueEntry"):
        shjzz.worth("焊工", on=ON)  # type: ignore[arg-type]


def test_the_catalogue_command(capsys):
    assert main(["catalogue", "skills", "--on", "2025-03-01"]) == 0
    out = capsys.readouterr().out
    assert "points under version 2023, in force on 2025-03-01" in out
    assert out.count("  15    30    60   100   140") == 63
    assert main(["catalogue", "skills", "--on", "2025-03-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["entries"]) == 63
    assert data["entries"][29]["name"] == "焊工"
    assert data["entries"][29]["worth"]["by_level"] == {
        "1": 140,
        "2": 100,
        "3": 60,
        "4": 30,
        "5": 15,
    }
    assert main(["catalogue", "titles", "--on", "2025-03-01"]) == 0
    assert "工程技术人员" in capsys.readouterr().out


def test_the_lookup_command_shows_worth_and_hints(capsys):
    assert main(["lookup", "律师", "--on", "2025-03-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["answer"] == "ambiguous"
    assert {m["name"]: m["worth"]["points"] for m in data["matches"]} == {
        "一级律师": 140,
        "二级律师": 140,
        "三级律师": 100,
    }
    assert main(["lookup", "高级技师"]) == 0
    assert "needs the occupation" in capsys.readouterr().out
    assert main(["lookup", "初级工程师", "--on", "2025-03-01"]) == 0
    assert "初级工程师: known, earns no points (初级 — no points" in capsys.readouterr().out
    assert main(["lookup", "厨师", "--on", "2025-03-01"]) == 0
    assert "厨师: no confident match" in capsys.readouterr().out
    assert main(["lookup", "焊工", "--on", "2010-01-01", "--format", "json"]) == 0
    assert "worth" not in json.loads(capsys.readouterr().out)["matches"][0]


def test_score_says_the_base_condition_in_the_same_words():
    applicant = shjzz.load_applicant(
        {
            "birth_date": "1990-06-01",
            "certificates": [{"kind": "title", "name": "中级工程师"}],
            "social_insurance": [{"from": "2020-01", "base": 3000}],
        }
    )
    item = shjzz.score(applicant, on=ON).item("certificate")
    condition = policy_on(ON).indicators.certificate.condition_words("title", "intermediate")
    assert item.points == 0
    assert f"but {condition} is not met (0 months)" in item.detail
    assert condition in shjzz.worth(shjzz.lookup("中级工程师").matches[0], on=ON).conditions


@pytest.mark.parametrize(
    ("certificate", "said"),
    [
        ({"kind": "title", "name": "高级技师"}, "高级技师: a skill level (一级/高级技师) needs"),
        ({"kind": "skill", "name": "技师", "level": 2}, "技师: a skill level (二级/技师) needs"),
        ({"kind": "title", "name": "中级 高级工程师"}, "the grade word 中级 contradicts"),
    ],
)
def test_score_gives_the_lookup_hint_for_a_name_that_is_not_enough(certificate, said):
    applicant = shjzz.load_applicant(
        {
            "birth_date": "1990-06-01",
            "certificates": [certificate],
            "social_insurance": [{"from": "2020-01", "base": 14000}],
        }
    )
    item = shjzz.score(applicant, on=ON).item("certificate")
    assert item.points == 0
    assert said in item.detail
