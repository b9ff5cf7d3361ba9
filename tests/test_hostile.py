"""Hostile input (issue 10): each reproducer ends in a result or a ShjzzError with its field."""

from __future__ import annotations

import datetime as dt

import shjzz
from conftest import person, run
from shjzz._months import anniversary, day_after, in_year, years_before

ON = dt.date(2025, 3, 1)

# --- date arithmetic never overflows ---------------------------------------------------


def test_a_graduation_in_year_9999_is_scored_and_planned():
    data = person(education={"level": "bachelor", "graduated_on": "9999-12-31"})
    assert run(data, ON).item("new_graduate").points == 0
    assert shjzz.plan(shjzz.load_applicant(data), on=ON).first.on == ON
    (result,) = shjzz.score_many([data], on=ON)
    assert isinstance(result, shjzz.ScoreResult)


def test_a_record_dated_near_9999_is_planned():
    data = person(records=[{"kind": "detention", "on": "9999-12-30"}])
    assert shjzz.plan(shjzz.load_applicant(data), on=ON).projection[0].on == ON


def test_a_deduction_window_before_year_1_is_scored():
    data = {"birth_date": "0001-01-01", "records": [{"kind": "detention", "on": "0001-06-01"}]}
    result = run(data, dt.date(3, 1, 1), policy="2023")
    assert result.item("detention").points < 0


def test_the_date_helpers_clamp_at_the_ends_of_the_calendar():
    assert years_before(dt.date(3, 1, 1), 5) == dt.date.min
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert anniversary(dt.date(9999, 1, 1), 10_000) == dt.date.max
    assert anniversary(dt.date(2, 1, 1), 0) == dt.date.min
    assert anniversary(dt.date(2024, 2, 29), 2025) == dt.date(2025, 3, 1)
    assert in_year(10_000, 6, 30) == dt.date.max
    assert in_year(0, 6, 30) == dt.date.min
    assert day_after(dt.date.max) == dt.date.max
    assert day_after(dt.date(2024, 12, 31)) == dt.date(2025, 1, 1)
