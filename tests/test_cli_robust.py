"""The command never breaks: closed pipes, full disks, bad arguments, JSON errors, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import case_files, load_case, person
from shjzz.cli import BAD_INPUT, CASE_DIFFERS, CLOSED_PIPE, IO_ERROR, main

COMMANDS = {
    "score": ["score", "--example"],
    "plan": ["plan", "--example"],
    "policies": ["policies"],
    "diff": ["diff", "2018", "2023"],
    "lookup": ["lookup", "电工", "--on", "2025-03-01"],
    "catalogue": ["catalogue", "skills", "--on", "2025-03-01"],
    "schema": ["schema"],
    "new": ["new"],
}
"""Every subcommand that prints (``serve`` prints one line and then serves)."""

RUNS = 50


def shjzz(*args: str, **kw: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "shjzz", *args], stderr=subprocess.PIPE, **kw
    )


def test_head_closing_the_pipe_ends_quietly_in_50_runs_of_50():
    """``shjzz score --example | head -1`` and ``shjzz plan --example | head -1``."""
    for i in range(RUNS):
        args = COMMANDS["score" if i % 2 else "plan"]
        proc = shjzz(*args, stdout=subprocess.PIPE)
        assert proc.stdout is not None
        assert proc.stderr is not None
        assert proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        proc.stderr.close()
        assert proc.wait(timeout=60) in (0, CLOSED_PIPE), err
        assert err == b""


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_closed_pipe_ends_every_command_with_141_and_nothing_on_stderr(command):
    read, write = os.pipe()
    os.close(read)
    try:
        proc = shjzz(*COMMANDS[command], stdout=write)
    finally:
        os.close(write)
    _, err = proc.communicate(timeout=60)
    assert err == b""
    assert proc.returncode == CLOSED_PIPE


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", ["score", "plan", "schema"])
def test_a_full_disk_ends_with_74_and_one_line(command):
    with open("/dev/full", "wb") as full:  # noqa: PTH123 - a device
        proc = shjzz(*COMMANDS[command], stdout=full)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == IO_ERROR
    assert err.decode().splitlines() == ["shjzz: cannot write the output: No space left on device"]


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "command", ["score", "plan", "policies", "diff", "lookup", "catalogue", "new", "schema"]
)
def test_every_command_has_help_with_examples_and_exit_statuses(capsys, command):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"examples:\n  shjzz {command}" in out
    assert "exit status:\n  0 " in out
    assert "141" in out


def test_the_top_level_help_lists_the_exit_statuses(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "exit status:" in capsys.readouterr().out


def test_plan_example(capsys):
    code, out, err = run_cli(capsys, "plan", "--example")
    assert (code, err) == (0, "")
    assert out.startswith("plan to 120 points · 2025-03-01")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "--example", "--target", "-5"], "--target: must be 1 point or more, got -5"),
        (["plan", "--example", "--target", "0"], "--target: must be 1 point or more, got 0"),
        (["plan", "--example", "--target", "x"], "--target: not a whole number of points: 'x'"),
        (["lookup", ""], "QUERY: must not be empty"),
        (["lookup", "  "], "QUERY: must not be empty"),
        (["serve", "--port", "0"], "--port: must be 1 to 65535, got 0"),
        (["serve", "--port", "65536"], "--port: must be 1 to 65535, got 65536"),
    ],
)
def test_arguments_are_validated(capsys, args, message):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == BAD_INPUT
    assert message in capsys.readouterr().err


def test_errors_are_json_with_format_json(capsys, write_json, tmp_path):
    code, out, err = run_cli(capsys, "score", str(tmp_path / "missing.json"), "--format", "json")
    assert (code, out) == (BAD_INPUT, "")
    data = json.loads(err)
    assert data["problems"] == []
    assert "cannot read" in data["error"]
    bad = write_json({"birth_date": "1990-02-30"})
    code, out, err = run_cli(capsys, "score", str(bad), "--format=json")
    assert (code, out) == (BAD_INPUT, "")
    assert json.loads(err) == {
        "error": "invalid applicant",
        "problems": [{"path": "birth_date", "message": "is not a calendar date", "candidates": []}],
    }
    with pytest.raises(SystemExit):
        main(["plan", "--example", "--target", "-5", "--format", "json"])
    assert json.loads(capsys.readouterr().err)["error"].startswith("shjzz plan: argument")


def test_text_errors_stay_lines_without_format_json(capsys, tmp_path):
    code, _, err = run_cli(capsys, "score", str(tmp_path / "missing.json"))
    assert code == BAD_INPUT
    assert err.startswith("shjzz: ")


# --- case files ------------------------------------------------------------------------


def write_case(tmp_path: Path, case: object) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    return str(path)


def a_case() -> dict[str, object]:
    return load_case(case_files()[0])


def test_every_shared_case_passes_and_exits_0(capsys):
    for path in case_files():
        code, out, _ = run_cli(capsys, "score", str(path))
        assert code == 0, path
        assert out.rstrip().endswith("case: the result is as the case expects")


def test_a_wrong_expect_exits_1_in_text_and_json(capsys, tmp_path):
    case = a_case()
    case["expect"]["total"] += 7  # type: ignore[index]
    case["expect"]["points"]["age"] += 1  # type: ignore[index]
    path = write_case(tmp_path, case)
    code, out, _ = run_cli(capsys, "score", path)
    assert code == CASE_DIFFERS
    last = out.rstrip().splitlines()[-1]
    assert last.startswith("case: differs from what the case expects: total expected")
    assert "points.age expected" in last
    code, out, _ = run_cli(capsys, "score", path, "--format", "json")
    assert code == CASE_DIFFERS
    data = json.loads(out)
    assert list(data)[-1] == "case"
    assert data["case"]["matches"] is False
    keys = [d["key"] for d in data["case"]["differences"]]
    assert keys == ["total", "points.age"]
    total = data["case"]["differences"][0]
    assert total["got"] == data["total"]
    assert total["expected"] == data["total"] + 7


def test_the_json_of_a_case_keeps_every_result_key_and_adds_case(capsys, tmp_path, write_json):
    case = a_case()
    code, out, _ = run_cli(capsys, "score", write_case(tmp_path, case), "--format", "json")
    assert code == 0
    with_case = json.loads(out)
    assert with_case.pop("case") == {"matches": True, "differences": []}
    plain = write_json(case["applicant"])
    _, out, _ = run_cli(capsys, "score", str(plain), "--on", case["on"], "--format", "json")
    assert with_case == json.loads(out)
    assert "case" not in json.loads(out)


def test_an_indicator_missing_from_expect_points_is_a_difference(capsys, tmp_path):
    case = a_case()
    del case["expect"]["points"]["age"]  # type: ignore[attr-defined]
    code, out, _ = run_cli(capsys, "score", write_case(tmp_path, case), "--format", "json")
    assert code == CASE_DIFFERS
    (diff,) = json.loads(out)["case"]["differences"]
    assert diff["key"] == "points.age"
    assert diff["expected"] is None


@pytest.mark.parametrize(
    ("expect", "message"),
    [
        ("x", "case expect: must be an object with some of policy, total, "),
        ([], "case expect: must be an object"),
        ({}, "case expect: names nothing to check"),
        ({"totl": 126}, "case expect.totl: unknown key; expect has policy, total"),
        ({"total": "126"}, 'case expect.total: must be a whole number of points (got "126")'),
        ({"total": True}, "case expect.total: must be a whole number of points (got true)"),
        ({"vetoed": 0}, "case expect.vetoed: must be true or false (got 0)"),
        ({"policy": 2023}, "case expect.policy: must be a version id such as 2023 (got 2023)"),
        ({"points": {"age": "30"}}, "case expect.points: must be an object of indicator ids"),
        ({"points": [30]}, "case expect.points: must be an object of indicator ids"),
    ],
)
def test_a_malformed_expect_exits_2_naming_what_is_wrong(capsys, tmp_path, expect, message):
    path = write_case(tmp_path, {"on": "2025-03-01", "applicant": person(), "expect": expect})
    code, out, err = run_cli(capsys, "score", path)
    assert (code, out) == (BAD_INPUT, "")
    assert err.startswith(f"shjzz: {path}: {message}")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ({"on": 20250301}, "case on: must be a date written YYYY-MM-DD (got 20250301)"),
        ({"on": "2025-3-1"}, 'case on: must be a date written YYYY-MM-DD (got "2025-3-1")'),
        ({"policy": 2023}, "case policy: must be a version id such as 2023 (got 2023)"),
        ({"readings": ["R-4"]}, "case readings: must map reading ids to choices"),
    ],
)
def test_a_bad_case_key_names_the_file(capsys, tmp_path, case, message):
    path = write_case(tmp_path, {"applicant": person(), **case})
    for command in ("score", "plan"):
        code, _, err = run_cli(capsys, command, path)
        assert code == BAD_INPUT
        assert err.startswith(f"shjzz: {path}: {message}")
