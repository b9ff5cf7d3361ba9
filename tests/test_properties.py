"""Properties of score() over generated applicants (hypothesis)."""

from __future__ import annotations

import contextlib
import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shjzz
from shjzz.errors import InvalidApplicant, ShjzzError
from strategies import applicants, evaluation_dates

CAPS = {
    "age": 30,
    "education": 110,
    "certificate": 140,
    "remote_area": 20,
    "spouse": 40,
    "award": 110,
}
DEDUCTIONS = {"false_material", "detention", "crime"}

common = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def score_or_skip(data, on):
    applicant = shjzz.load_applicant(data)
    try:
        return shjzz.score(applicant, on=on)
    except InvalidApplicant as exc:
        # the only on-dependent refusals: facts dated after `on`
        assert all("after the evaluation date" in p.message for p in exc.problems), exc
        return None


@common
@given(applicants, evaluation_dates)
def test_total_is_the_counted_sum_floored_at_zero(data, on):
    result = score_or_skip(data, on)
    if result is None:
        return
    assert result.total == max(0, sum(i.points for i in result.items if i.counted))
    assert result.meets_standard == (
        result.eligible and not result.vetoed and result.total >= result.standard
    )
    counted = {i.indicator for i in result.items if i.counted}
    assert len(counted & {"education", "certificate"}) == 1


@common
@given(applicants, evaluation_dates)
def test_caps_and_signs_hold(data, on):
    result = score_or_skip(data, on)
    if result is None:
        return
    pol = shjzz.policy(result.policy)
    caps = {
        **CAPS,
        "investment": pol.indicators.investment.cap,
        "insurance_base": pol.indicators.insurance_base.cap,
    }
    assert tuple(i.indicator for i in result.items) == pol.indicator_ids
    for it in result.items:
        if it.indicator in DEDUCTIONS:
            assert it.points <= 0
        else:
            assert it.points >= 0
        if it.indicator in caps:
            assert it.points <= caps[it.indicator], it


@common
@given(applicants, evaluation_dates)
def test_results_are_deterministic_and_immutable(data, on):
    first = score_or_skip(data, on)
    if first is None:
        return
    again = shjzz.score(shjzz.load_applicant(data), on=on)
    assert first == again
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.total = 0  # type: ignore[misc]
    assert isinstance(first.items, tuple)


@common
@given(applicants, st.sampled_from(["2013", "2015", "2018", "2023"]), evaluation_dates)
def test_any_version_can_be_pinned(data, version, on):
    applicant = shjzz.load_applicant(data)
    try:
        result = shjzz.score(applicant, on=on, policy=version)
    except InvalidApplicant:
        return
    assert result.policy == version
    assert (not shjzz.policy(version).in_force(on)) == any("pinned" in w for w in result.warnings)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["birth_date", "education", "certificates", "social_insurance", "records", "x"]
        ),
        json_values,
    )
)
def test_arbitrary_json_is_refused_cleanly(data):
    try:
        applicant = shjzz.load_applicant(data)
    except InvalidApplicant as exc:
        assert exc.problems
        assert all(isinstance(p.path, str) and p.message for p in exc.problems)
        return
    with contextlib.suppress(ShjzzError):
        shjzz.score(applicant, on=dt.date(2024, 1, 1))
