"""Every public case (../shared/cases) and every case of our own (tests/cases), end to end."""

from __future__ import annotations

import json

import pytest

from conftest import SHARED, VENDORED, case_files, load_case, run
from shjzz.cli import main

CASES = case_files()


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_scores_as_expected(path):
    case = load_case(path)
    result = run(case["applicant"], case["on"], case.get("policy"), case.get("readings"))
    expect = case["expect"]
    assert result.policy == expect["policy"]
    assert result.points == expect["points"]
    assert result.total == expect["total"]
    assert result.eligible is expect["eligible"]
    assert result.vetoed is expect["vetoed"]
    assert result.meets_standard is expect["meets_standard"]


def _cli_args(case, path):
    args = ["score", str(path), "--on", case["on"]]
    if "policy" in case:
        args += ["--policy", case["policy"]]
    for reading, choice in case.get("readings", {}).items():
        args += ["--reading", f"{reading}={choice}"]
    return args


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_through_the_cli_in_json(path, write_json, capsys):
    case = load_case(path)
    file = write_json(case["applicant"])
    assert main([*_cli_args(case, file), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    expect = case["expect"]
    assert out["policy"] == expect["policy"]
    assert out["total"] == expect["total"]
    assert (out["eligible"], out["vetoed"], out["meets_standard"]) == (
        expect["eligible"],
        expect["vetoed"],
        expect["meets_standard"],
    )
    counted = {i["indicator"]: i["points"] if i["counted"] else 0 for i in out["items"]}
    assert counted == expect["points"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_through_the_cli_in_text(path, write_json, capsys):
    case = load_case(path)
    file = write_json(case["applicant"])
    assert main(_cli_args(case, file)) == 0
    out = capsys.readouterr().out
    expect = case["expect"]
    verdict = "meets" if expect["meets_standard"] else "does not meet"
    assert f"total {expect['total']} / standard 120: {verdict} the 120-point" in out
    for indicator in expect["points"]:
        assert f"\n{indicator} " in out


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_file_itself_through_the_cli(path, capsys):
    """The case file given as it is: its date, pinned version and readings are used."""
    assert main(["score", str(path)]) == 0
    assert "case: the result is as the case expects" in capsys.readouterr().out


@pytest.mark.skipif(not (SHARED / "cases").is_dir(), reason="../shared is not checked out")
def test_vendored_copy_of_the_public_cases_is_current():
    live = {p.name: p.read_bytes() for p in (SHARED / "cases").iterdir() if p.is_file()}
    vendored = {p.name: p.read_bytes() for p in VENDORED.iterdir() if p.is_file()}
    assert vendored == live
