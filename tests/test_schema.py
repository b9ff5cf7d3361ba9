"""The JSON Schema of the applicant file: generated, shipped, and as strict as load_applicant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

import shjzz
from conftest import case_files, load_case
from shjzz._schema import schema_text
from shjzz.cli import main
from shjzz.errors import InvalidApplicant
from strategies import applicants

SHIPPED = Path(shjzz.__file__).parent / "data" / "applicant.schema.json"
VALIDATOR = Draft202012Validator(
    json.loads(SHIPPED.read_text(encoding="utf-8")), format_checker=FormatChecker()
)


def schema_accepts(data: object) -> bool:
    return VALIDATOR.is_valid(data)


def loader_accepts(data: object) -> bool:
    try:
        shjzz.load_applicant(data)
    except InvalidApplicant:
        return False
    return True


def test_the_shipped_schema_is_generated_from_the_classes():
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(), (
        "regenerate: python -m shjzz._schema > src/shjzz/data/applicant.schema.json"
    )


def test_the_schema_is_valid_json_schema():
    Draft202012Validator.check_schema(VALIDATOR.schema)


def test_shjzz_schema_prints_it(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == VALIDATOR.schema


@pytest.mark.parametrize("path", case_files(), ids=[p.stem for p in case_files()])
def test_every_case_validates(path):
    assert list(VALIDATOR.iter_errors(load_case(path)["applicant"])) == []


def test_the_example_validates():
    example = json.loads((SHIPPED.parent / "example.json").read_text(encoding="utf-8"))
    assert schema_accepts(example)


INVALID = [
    {},
    {"birth_date": "1990-02-30"},
    {"birth_date": "1990-01-01", "schema": 2},
    {"birth_date": "1990-01-01", "extra": 1},
    {"birth_date": "1990-01-01", "education": {"level": "phd"}},
    {"birth_date": "1990-01-01", "education": {"level": "master", "degree": "yes"}},
    {"birth_date": "1990-01-01", "certificates": [{"kind": "skill", "level": 3}]},
    {"birth_date": "1990-01-01", "certificates": [{"kind": "skill", "name": "焊工", "level": 6}]},
    {"birth_date": "1990-01-01", "certificates": [{"kind": "title"}]},
    {"birth_date": "1990-01-01", "certificates": [{"kind": "title", "name": "x", "level": 3}]},
    {
        "birth_date": "1990-01-01",
        "certificates": [{"kind": "skill", "name": "x", "grade": "senior"}],
    },
    {"birth_date": "1990-01-01", "social_insurance": [{"from": "2020-13", "base": 1}]},
    {"birth_date": "1990-01-01", "social_insurance": [{"from": "0000-01", "base": 1}]},
    {"birth_date": "1990-01-01", "social_insurance": [{"from": "2020-01", "base": -1}]},
    {"birth_date": "1990-01-01", "social_insurance": [{"from": "2020-01"}]},
    {"birth_date": "1990-01-01", "spouse": {"shanghai_hukou": True}},
    {"birth_date": "1990-01-01", "investment": {"annual_tax": [1, 2]}},
    {"birth_date": "1990-01-01", "entrepreneur": {"share_percent": 101}},
    {"birth_date": "1990-01-01", "remote_area": [{"area": "  ", "from": "2020-01"}]},
    {"birth_date": "1990-01-01", "awards": [{"level": "national", "name": "a\nb"}]},
    {"birth_date": "1990-01-01", "records": [{"kind": "crime"}]},
    {"birth_date": "1990-01-01", "tech_transfer_months": -1},
    {"birth_date": "1990-01-01", "awards": [{"level": "x"}] * 601},
]


@pytest.mark.parametrize("data", INVALID)
def test_the_schema_rejects_what_load_applicant_rejects(data):
    assert not loader_accepts(data)
    assert not schema_accepts(data)


def test_what_only_load_applicant_can_check():
    overlap = {
        "birth_date": "1990-01-01",
        "social_insurance": [{"from": "2020-01", "base": 1}, {"from": "2020-06", "base": 1}],
    }
    assert schema_accepts(overlap)
    assert not loader_accepts(overlap)


def _mutations(data: dict) -> st.SearchStrategy[dict]:
    junk = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 10**13),
        st.text(max_size=3),
        st.just([]),
        st.just({}),
    )
    keys = sorted(data)
    return st.one_of(
        st.just(data),
        st.sampled_from(keys).map(lambda k: {x: v for x, v in data.items() if x != k}),
        st.tuples(st.sampled_from(keys), junk).map(lambda kv: {**data, kv[0]: kv[1]}),
        st.text(min_size=1, max_size=5).map(lambda k: {**data, k: 1}),
    )


@settings(max_examples=400, deadline=None)
@given(applicants.flatmap(_mutations))
def test_schema_and_loader_agree(data):
    loader = loader_accepts(data)
    schema = schema_accepts(data)
    if schema and not loader:
        # the checks JSON Schema cannot express: overlapping or reversed periods
        with pytest.raises(InvalidApplicant) as info:
            shjzz.load_applicant(data)
        assert all(
            "overlaps" in p.message or "before from" in p.message for p in info.value.problems
        )
    else:
        assert loader == schema
