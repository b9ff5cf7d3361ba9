"""Fuzzing: arbitrary JSON-like values, odd Unicode and huge inputs never escape as anything
but a ShjzzError whose message names the field.  ``nox -s fuzz`` runs these far longer."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shjzz
from shjzz.cli import main
from shjzz.errors import InvalidApplicant, ShjzzError
from strategies import applicants

ODD = st.sampled_from(
    [
        "\ud800",
        "\udfff",
        "\x00",
        "\u202e",
        "\ufeff",
        "e\u0301",
        "🏅",
        "\U0010ffff",
        "（）",
        "　",
        "\n",
    ]
)
odd_text = st.lists(st.one_of(st.characters(), ODD), max_size=30).map("".join)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.decimals(),
    st.sampled_from([Decimal("sNaN"), Decimal("NaN"), Decimal("-Infinity")]),
    odd_text,
    st.sampled_from(["2020-01", "2020-01-01", "0000-00", "9999-12", "2020-02-30", "1e999"]),
)
json_like = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(odd_text, inner, max_size=5),
    max_leaves=25,
)
KEYS = [
    "birth_date",
    "schema",
    "education",
    "certificates",
    "social_insurance",
    "remote_area",
    "public_service",
    "spouse",
    "investment",
    "entrepreneur",
    "tech_transfer_months",
    "awards",
    "records",
]
fuzz = settings(deadline=None, suppress_health_check=list(HealthCheck))


def _check(data: object) -> None:
    try:
        applicant = shjzz.load_applicant(data)
    except InvalidApplicant as exc:
        assert exc.problems
        for p in exc.problems:
            assert isinstance(p.path, str)
            assert p.message
            str(p).encode("utf-8")  # printable, whatever the value was
        return
    for on in (dt.date(2013, 7, 1), dt.date(2024, 6, 1), dt.date(2027, 12, 31)):
        with contextlib.suppress(ShjzzError):
            shjzz.score(applicant, on=on)


@fuzz
@given(st.dictionaries(st.sampled_from(KEYS), json_like, max_size=6))
def test_arbitrary_values_under_known_keys(data):
    _check(data)


def _corrupt(data: dict) -> st.SearchStrategy[object]:
    """Replace one value anywhere in a valid applicant by an arbitrary one."""
    paths: list[tuple[object, ...]] = []

    def walk(node: object, path: tuple[object, ...]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, i))

    walk(data, ())

    def replace(path: tuple[object, ...], value: object) -> object:
        if not path:
            return value
        copy = json.loads(json.dumps(data))
        node = copy
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return copy

    return st.tuples(st.sampled_from(paths), json_like).map(lambda pv: replace(*pv))


@fuzz
@given(applicants.flatmap(_corrupt))
def test_one_corrupted_value_anywhere(data):
    _check(data)


@fuzz
@given(
    applicants,
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from([None, "2013", "2023"]),
)
def test_any_date_with_or_without_a_pinned_version(data, on, version):
    applicant = shjzz.load_applicant(data)
    try:
        result = shjzz.score(applicant, on=on, policy=version)
    except ShjzzError:
        return
    assert result.total >= 0


@fuzz
@given(st.one_of(odd_text, st.text(max_size=300), st.integers(), st.none(), st.binary(max_size=10)))
def test_lookup_of_anything(query):
    try:
        result = shjzz.lookup(query)  # type: ignore[arg-type]
    except ShjzzError:
        return
    assert all(0.0 <= m.score <= 1.0 for m in result.matches)


@fuzz
@given(st.binary(max_size=2000))
def test_cli_on_arbitrary_bytes(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("fuzz") / "a.json"
    path.write_bytes(blob)
    assert main(["score", str(path), "--on", "2024-06-01"]) in (0, 2)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity")])
def test_python_callers_passing_odd_decimals(value):
    with pytest.raises(InvalidApplicant, match="must be a finite number"):
        shjzz.Applicant(
            birth_date=dt.date(1990, 1, 1),
            entrepreneur=shjzz.Entrepreneur(share_percent=value),
            investment=shjzz.Investment(annual_tax=(value, value, value)),
        )


def test_huge_inputs_are_refused_quickly():
    huge = {
        "birth_date": "1990-01-01",
        "social_insurance": [{"from": "2020-01", "base": 1}] * 1_000_000,
    }
    try:
        shjzz.load_applicant(huge)
    except InvalidApplicant as exc:
        assert str(exc) == "social_insurance: at most 600 entries (got 1000000 entries)"
    long_name = {
        "birth_date": "1990-01-01",
        "awards": [{"level": "national", "name": "奖" * 10**6}],
    }
    try:
        shjzz.load_applicant(long_name)
    except InvalidApplicant as exc:
        assert "at most 200 characters" in str(exc)
    try:
        shjzz.lookup("焊" * 10**6)
    except ShjzzError as exc:
        assert "at most 200 characters" in str(exc)
