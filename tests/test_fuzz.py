"""Fuzzing: arbitrary JSON-like values, odd Unicode and huge inputs never escape as anything
but a ShjzzError whose message names the field.  ``nox -s fuzz`` runs these far longer."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import sys
import tracemalloc
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shjzz
from shjzz._bulk import stream_jsonl
from shjzz._limits import MAX_PROBLEMS
from shjzz.cli import main, render_result
from shjzz.errors import InvalidApplicant, ShjzzError
from strategies import applicants, from_json, hostile

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


# --- structure-aware mutation: valid applicants with hostile values (issue 10) ---------------

BIDI = ("\u202e", "\u2028", "\u2066", "\u200b", "\x7f", "\x85")


def _problems_ok(exc: InvalidApplicant) -> None:
    assert 0 < len(exc.problems) <= MAX_PROBLEMS + 1
    for p in exc.problems:
        text = str(p)
        assert len(text) < 1000
        assert not any(c in text for c in BIDI)


@fuzz
@given(hostile(), st.sampled_from([dt.date(2015, 3, 1), dt.date(2025, 3, 1), dt.date(3, 1, 1)]))
def test_hostile_applicants_through_the_library(text, on):
    data = from_json(text)
    try:
        applicant = shjzz.load_applicant(data)
    except InvalidApplicant as exc:
        _problems_ok(exc)
        (refused,) = shjzz.score_many([data], on=dt.date(2025, 3, 1))
        assert isinstance(refused, InvalidApplicant)
        return
    pinned = "2023" if on.year < 2013 else None
    try:
        result = shjzz.score(applicant, on=on, policy=pinned)
    except ShjzzError:
        return
    assert result.total >= 0
    assert type(result.on) is dt.date
    assert list(shjzz.score_many([applicant], on=on, policy=pinned)) == [result]
    assert not any(c in render_result(result) for c in BIDI)
    if on.year > 2013:
        with contextlib.suppress(ShjzzError):
            shjzz.plan(applicant, on=on, until=on + dt.timedelta(days=45))


@fuzz
@given(st.lists(hostile(), min_size=1, max_size=3), st.sampled_from([b"\n", b"\r\n"]))
def test_hostile_applicants_through_the_stream_and_the_cli(tmp_path_factory, texts, end):
    lines = [t.encode("utf-8", "surrogatepass") for t in texts]
    out = io.BytesIO()
    failed = stream_jsonl([end.join(lines)], out, on=dt.date(2025, 3, 1))
    rows = out.getvalue().splitlines()
    assert len(rows) == len(lines)
    assert failed == sum(1 for r in rows if json.loads(r).get("line"))
    path = tmp_path_factory.mktemp("hostile") / "a.json"
    path.write_bytes(lines[0])
    with contextlib.redirect_stdout(io.StringIO()) as shown, contextlib.redirect_stderr(shown):
        assert main(["score", str(path), "--on", "2025-03-01"]) in (0, 2)
    assert not any(c in shown.getvalue() for c in BIDI)


def _calls(work: Callable[[], object]) -> int:
    """Python function calls made by *work*: its work, counted (tests never time)."""
    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        with contextlib.suppress(ShjzzError):
            work()
    finally:
        sys.setprofile(None)
    return count


@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=15)
@given(hostile())
def test_work_per_applicant_is_linear_in_its_size_with_a_cap(text):
    """Calls and memory grow at most linearly in the bytes of the input; MAX_FILE_BYTES caps it."""
    size = len(text.encode("utf-8", "surrogatepass"))
    data = from_json(text)

    def load_and_score() -> None:
        shjzz.score(shjzz.load_applicant(data), on=dt.date(2025, 3, 1))

    with contextlib.suppress(ShjzzError):
        load_and_score()  # caches warm: what is measured is this applicant's own work
    assert _calls(load_and_score) <= 20_000 + 40 * size
    tracemalloc.start()
    try:
        with contextlib.suppress(ShjzzError):
            load_and_score()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= 2_000_000 + 200 * size
