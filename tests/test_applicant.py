"""load_applicant(): strict schema 1, every problem named with its field path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import shjzz
from conftest import person
from shjzz.errors import InvalidApplicant, ShjzzError


def problems(data: object) -> dict[str, str]:
    with pytest.raises(InvalidApplicant) as info:
        shjzz.load_applicant(data)
    assert isinstance(info.value, ShjzzError)
    return {p.path: p.message for p in info.value.problems}


def test_minimal_applicant():
    a = shjzz.load_applicant({"birth_date": "1990-01-01"})
    assert a.birth_date == dt.date(1990, 1, 1)
    assert a.schema == 1
    assert a.certificates == ()


def test_full_example_round_trips():
    data = person(
        education={"level": "bachelor", "degree": True, "major": {"name": "x", "code": "1"}},
        certificates=[{"kind": "skill", "name": "焊工", "level": 3}],
        remote_area=[{"area": "临港新片区", "from": "2020-01", "to": None}],
        spouse={"shanghai_hukou": True, "married_on": "2018-05-20"},
        investment={"annual_tax": [1, 2.5, 3], "hukou_employees": [1, 2, 3]},
        records=[{"kind": "detention", "on": "2022-04-01"}],
    )
    a = shjzz.load_applicant(data)
    assert shjzz.load_applicant(shjzz.unstructure(a)) == a
    assert shjzz.unstructure(a)["social_insurance"][0] == {
        "from": "2020-01",
        "to": None,
        "base": 9000,
        "back_paid": False,
        "employer_matches_contract": True,
        "tax_matches": True,
    }


def test_money_is_exact():
    a = shjzz.load_applicant(person(social_insurance=[{"from": "2020-01", "base": 4751.2}]))
    assert a.social_insurance[0].base == Decimal("4751.2")


def test_applicants_are_frozen_and_hashable():
    a = shjzz.load_applicant(person())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.birth_date = dt.date(2000, 1, 1)  # type: ignore[misc]
    assert hash(a) == hash(shjzz.load_applicant(person()))


@pytest.mark.parametrize("data", [[], "x", 1, None, True])
def test_the_file_must_be_an_object(data):
    assert problems(data) == {"": "the applicant file must be a JSON object"}


def test_birth_date_is_required():
    assert problems({}) == {"birth_date": "required"}


@pytest.mark.parametrize("schema", [2, "1", 0, True])
def test_only_schema_1(schema):
    assert "schema" in problems({"schema": schema, "birth_date": "1990-01-01"})


def test_unknown_keys_are_refused_with_a_suggestion():
    found = problems({"birth_date": "1990-01-01", "educaton": {"level": "master"}})
    assert found == {"educaton": "unknown field; did you mean education?"}
    found = problems({"birth_date": "1990-01-01", "education": {"level": "master", "dgree": True}})
    assert found == {"education.dgree": "unknown field; did you mean degree?"}


def test_every_problem_is_collected():
    found = problems(
        {
            "birth_date": "1990-02-30",
            "education": {"level": "phd"},
            "certificates": [{"kind": "skill", "name": "焊工", "level": "3"}],
            "social_insurance": [{"from": "2020-1", "base": "9000"}, {"from": "2021-01"}],
            "awards": {"level": "national"},
        }
    )
    assert found == {
        "birth_date": "is not a calendar date",
        "education.level": "must be one of junior_college, bachelor, master, doctor",
        "certificates[0].level": "must be a whole number",
        "social_insurance[0].from": "must be a month written YYYY-MM",
        "social_insurance[0].base": "must be a number",
        "social_insurance[1].base": "required",
        "awards": "must be a list",
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1990/01/01", "must be a date written YYYY-MM-DD"),
        ("19900101", "must be a date written YYYY-MM-DD"),
        (19900101, "must be a date written YYYY-MM-DD"),
        ("1990-01-01T00:00", "must be a date written YYYY-MM-DD"),
    ],
)
def test_dates_are_strict(value, message):
    assert problems({"birth_date": value}) == {"birth_date": message}


@pytest.mark.parametrize("value", [1, 1.0, "true", None])
def test_booleans_are_strict(value):
    found = problems(person(education={"level": "bachelor", "degree": value}))
    assert found == {"education.degree": "must be true or false"}


def test_semantic_problems_name_their_fields():
    found = problems(
        person(
            social_insurance=[
                {"from": "2020-01", "to": "2020-06", "base": -1},
                {"from": "2020-06", "base": 9000},
                {"from": "2019-05", "to": "2019-01", "base": 9000},
            ],
            certificates=[
                {"kind": "skill", "name": "焊工", "level": 7},
                {"kind": "title"},
                {"kind": "qualification", "level": 3, "name": "x"},
                {"kind": "skill", "level": 3},
            ],
            spouse={"shanghai_hukou": True},
            investment={"annual_tax": [1, 2]},
            entrepreneur={"share_percent": 120},
            tech_transfer_months=-1,
        )
    )
    assert found == {
        "social_insurance[0].base": "must be ≥ 0",
        "social_insurance[1]": "overlaps social_insurance[0]; periods must not overlap",
        "social_insurance[2].to": "must not be before from (2019-05)",
        "certificates[0].level": "must be 1 to 5 (1 = 一级/高级技师)",
        "certificates[1].name": "a title needs a name or a grade",
        "certificates[2].level": "applies to skill certificates only",
        "certificates[3].name": "required for a skill certificate (the occupation)",
        "spouse.married_on": "required when shanghai_hukou is true",
        "investment.annual_tax": "must list the last three tax years, oldest first (0 for a year with none)",
        "entrepreneur.share_percent": "must be ≤ 100",
        "tech_transfer_months": "must be ≥ 0",
    }


def test_odd_unicode_is_refused_not_crashed():
    found = problems(person(certificates=[{"kind": "skill", "name": "焊\ud800工", "level": 3}]))
    assert found == {
        "certificates[0].name": "contains a control character or an unpaired surrogate"
    }


def test_huge_lists_are_refused_early():
    found = problems(person(records=[{"kind": "crime", "on": "2020-01-01"}] * 100_000))
    assert found == {"records": "at most 600 entries"}


def test_huge_numbers_are_refused():
    found = problems(person(social_insurance=[{"from": "2020-01", "base": 1e300}]))
    assert found == {"social_insurance[0].base": "must be ≤ 1,000,000,000,000"}


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_non_finite_numbers_are_refused(value):
    found = problems(person(social_insurance=[{"from": "2020-01", "base": value}]))
    assert found == {"social_insurance[0].base": "must be a finite number"}


def test_problem_messages_carry_the_value():
    with pytest.raises(InvalidApplicant) as info:
        shjzz.load_applicant({"birth_date": "1990-13-01"})
    assert str(info.value) == 'birth_date: is not a calendar date (got "1990-13-01")'


def test_python_construction_is_validated_too():
    with pytest.raises(InvalidApplicant, match=r"social_insurance\[0\].base: must be ≥ 0"):
        shjzz.Applicant(
            birth_date=dt.date(1990, 1, 1),
            social_insurance=[shjzz.InsurancePeriod(from_=shjzz.Month(2020, 1), base=-5)],
        )
