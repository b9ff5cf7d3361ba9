"""Hostile input (issue 10): each reproducer ends in a result or a ShjzzError with its field."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest

import shjzz
from conftest import person, run
from shjzz._bulk import stream_jsonl
from shjzz._limits import MAX_DIGITS
from shjzz._months import anniversary, day_after, in_year, years_before
from shjzz.cli import main
from shjzz.errors import InvalidApplicant

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


# --- numbers no Python type holds ------------------------------------------------------

HUGE_EXPONENT = "1e99999999999999999999"


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_a_huge_exponent_is_refused_with_its_path(write_json, tmp_path, capsys, suffix):
    if suffix == ".json":
        path = write_json({"birth_date": "1990-01-01"})
        path.write_text(
            '{"birth_date": "1990-01-01", "entrepreneur": {"share_percent": ' + HUGE_EXPONENT + "}}"
        )
    else:
        path = tmp_path / "a.toml"
        path.write_text(
            f'birth_date = "1990-01-01"\n[entrepreneur]\nshare_percent = {HUGE_EXPONENT}\n'
        )
    assert main(["score", str(path), "--on", "2025-03-01"]) == 2
    assert "entrepreneur.share_percent: is a number out of range" in capsys.readouterr().err


def test_a_huge_exponent_fails_one_jsonl_line_only():
    lines = [
        '{"birth_date": "1990-01-01", "investment": {"annual_tax": [1, 2, ' + HUGE_EXPONENT + "]}}",
        json.dumps(person()),
    ]
    out = io.BytesIO()
    assert stream_jsonl(io.StringIO("\n".join(lines)), out, on=ON) == 1
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["problems"][0]["path"] == "investment.annual_tax[2]"
    assert second["total"] > 0


def test_a_json_integer_of_5000_digits_is_refused_with_its_path(write_json, capsys):
    path = write_json({})
    path.write_text('{"birth_date": "1990-01-01", "tech_transfer_months": ' + "9" * 5000 + "}")
    assert main(["score", str(path), "--on", "2025-03-01"]) == 2
    assert "tech_transfer_months: is a number out of range" in capsys.readouterr().err


def test_a_toml_integer_of_5000_digits_is_refused(tmp_path, capsys):
    path = tmp_path / "a.toml"
    path.write_text(f'birth_date = "1990-01-01"\ntech_transfer_months = {"9" * 5000}\n')
    assert main(["score", str(path), "--on", "2025-03-01"]) == 2
    assert "an integer has more than 4,300 digits" in capsys.readouterr().err


def test_a_python_int_of_5000_digits_is_refused_with_its_path():
    with pytest.raises(InvalidApplicant) as info:
        shjzz.load_applicant(person(tech_transfer_months=10**5000))
    (problem,) = info.value.problems
    assert problem.path == "tech_transfer_months"
    assert "about 5,000 digits" in str(problem)


def test_a_number_of_many_digits_is_refused_before_it_is_echoed():
    share = Decimal("0." + "1" * 900_000)
    with pytest.raises(InvalidApplicant) as info:
        shjzz.load_applicant(person(entrepreneur={"share_percent": share}))
    (problem,) = info.value.problems
    assert problem.path == "entrepreneur.share_percent"
    assert problem.message == f"at most {MAX_DIGITS} significant digits"
    assert len(str(info.value)) < 200
    shjzz.load_applicant(person(entrepreneur={"share_percent": Decimal("0." + "1" * MAX_DIGITS)}))


def test_a_base_of_many_digits_is_refused():
    data = person(social_insurance=[{"from": "2020-01", "base": Decimal("9000." + "1" * 40)}])
    with pytest.raises(InvalidApplicant) as info:
        shjzz.load_applicant(data)
    assert info.value.problems[0].path == "social_insurance[0].base"
