"""Strict input: duplicate keys refused, values in the user's terms, unlikely facts warned about."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from decimal import Decimal

import pytest

import shjzz
from conftest import person
from shjzz._bulk import stream_jsonl
from shjzz._plausible import OLDEST
from shjzz.cli import BAD_INPUT, main
from shjzz.errors import Problem, user_value

ON = dt.date(2025, 3, 1)


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "text",
    [
        '{"birth_date": "1990-01-01", "birth_date": "1991-01-01"}',
        '{"birth_date": "1990-01-01", "education": {"level": "master", "level": "doctor"}}',
        '{"birth_date": "1990-01-01", "social_insurance": [{"from": "2020-01", "base": 1, "base": 2}]}',
    ],
)
def test_a_duplicate_key_in_a_json_file_exits_2_naming_it(capsys, tmp_path, text):
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli(capsys, "score", str(path), "--on", "2025-03-01")
    assert (code, out) == (BAD_INPUT, "")
    key = "level" if "level" in text else ("base" if '"base": 2' in text else "birth_date")
    assert err == f'shjzz: {path}: not valid JSON: duplicate key "{key}"\n'


def test_a_duplicate_key_in_a_jsonl_line_is_that_line_s_error():
    good = json.dumps(person())
    dup = '{"birth_date": "1990-01-01", "birth_date": "1991-01-01"}'
    out = io.BytesIO()
    failed = stream_jsonl([f"{good}\n{dup}\n{good}\n".encode()], out, on=ON)
    assert failed == 1
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert lines[1] == {
        "line": 2,
        "error": 'not valid JSON: duplicate key "birth_date"',
        "problems": [],
    }
    assert lines[0]["total"] == lines[2]["total"]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="TOML needs Python 3.11")
def test_a_duplicate_key_in_a_toml_file_exits_2(capsys, tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('birth_date = "1990-01-01"\nbirth_date = "1991-01-01"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "score", str(path))
    assert code == BAD_INPUT
    assert "not valid TOML: Cannot overwrite a value (at line 2" in err


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal(-5000), "-5000"),
        (-5000, "-5000"),
        (4751.2, "4751.2"),
        ("abc", '"abc"'),
        (True, "true"),
        (None, "null"),
        ([1, "x", Decimal("2.5")], '[1, "x", 2.5]'),
        ([1, 2, 3, 4, 5], "[1, 2, 3, 4, …]"),
        ([[[[1]]]], "[[[…]]]"),
        ({"a": 1}, "{…}"),
    ],
)
def test_values_are_shown_as_the_user_wrote_them(value, shown):
    assert user_value(value) == shown


def test_a_huge_whole_number_is_described():
    assert user_value(10**5000) == "a whole number of about 5,000 digits"


def test_a_negative_base_is_shown_as_written(capsys, write_json):
    bad = person(social_insurance=[{"from": "2020-01", "base": -5000}])
    code, _, err = run_cli(capsys, "score", str(write_json(bad)))
    assert code == BAD_INPUT
    assert err.endswith("social_insurance[0].base: must be ≥ 0 (got -5000)\n")
    assert "Decimal" not in err
    assert str(Problem("x", "y", Decimal("-5000.50"))) == "x: y (got -5000.50)"


def test_a_number_too_long_for_python_is_said_so_without_python_advice(capsys, tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"birth_date": "1990-01-01", "tech_transfer_months": 1' + "0" * 5000 + "}")
    code, _, err = run_cli(capsys, "score", str(path))
    assert code == BAD_INPUT
    assert "tech_transfer_months: is a number out of range" in err
    assert "sys." not in err


def test_no_version_in_force_names_the_option_on_the_command_line(capsys, write_json):
    code, _, err = run_cli(capsys, "score", str(write_json(person())), "--on", "2030-01-01")
    assert code == BAD_INPUT
    assert "pin a version with --policy ID to evaluate anyway" in err
    assert "policy=" not in err
    with pytest.raises(shjzz.errors.PolicyNotInForce, match=r"pin a version with policy=…"):
        shjzz.score(person(), on=dt.date(2030, 1, 1))


# --- unlikely facts: warnings, the same everywhere ---------------------------------------


def test_a_birth_date_more_than_oldest_years_ago_is_warned_about():
    on_the_edge = shjzz.score(person(birth_date=f"{2025 - OLDEST}-03-01"), on=ON)
    assert not [w for w in on_the_edge.warnings if "typo" in w]
    result = shjzz.score(person(birth_date="1875-03-01"), on=ON)
    assert (
        f"birth_date 1875-03-01 is more than {OLDEST} years before 2025-03-01: check it for a typo"
        in result.warnings
    )


@pytest.mark.parametrize("name", ["social_insurance", "remote_area", "public_service"])
def test_a_period_starting_after_on_is_warned_about(name):
    field = {"remote_area": {"area": "临港新片区"}, "public_service": {"field": "环卫"}}.get(
        name, {"base": 9000}
    )
    later = {**field, "from": "2025-04"}
    same_month = {**field, "from": "2025-03"}
    result = shjzz.score(person(**{name: [same_month]}), on=ON)
    assert not [w for w in result.warnings if "starts in" in w]
    result = shjzz.score(person(**{name: [later]}), on=ON)
    assert (
        f"{name}[0] starts in 2025-04, after the evaluation date 2025-03-01: "
        "none of its months count on that date"
    ) in result.warnings


def test_the_warnings_are_the_same_in_bulk_and_on_the_command_line(capsys, write_json):
    data = person(birth_date="1875-03-01")
    alone = shjzz.score(data, on=ON)
    (bulk,) = shjzz.score_many([data], on=ON)
    assert isinstance(bulk, shjzz.ScoreResult)
    assert bulk.warnings == alone.warnings
    _, out, _ = run_cli(
        capsys, "score", str(write_json(data)), "--on", "2025-03-01", "--format", "json"
    )
    assert tuple(json.loads(out)["warnings"]) == alone.warnings
