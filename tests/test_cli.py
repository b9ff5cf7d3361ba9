"""The shjzz command: exit codes, formats, and one-line errors that name the field."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from conftest import person
from shjzz.cli import main


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_the_embedded_example(capsys):
    code, out, err = run_cli(capsys, "score", "--example", "--on", "2025-03-01")
    assert code == 0
    assert err == ""
    assert "policy 2023" in out
    assert "insurance_base" in out
    body = out.split("\n\ntags: ")[0].splitlines()
    assert any(line.startswith("total ") for line in body[-4:])
    assert body[-2].startswith("readings: ") or body[-1].startswith("    ")


def test_score_json_is_the_result_shape(capsys, write_json):
    code, out, _ = run_cli(
        capsys, "score", str(write_json(person())), "--on", "2024-06-01", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert list(data) == [
        "policy",
        "amendments",
        "on",
        "total",
        "standard",
        "meets_standard",
        "eligible",
        "vetoed",
        "items",
        "warnings",
        "readings",
        "alternatives",
    ]
    assert data["readings"] == {"R-3": "cumulative", "R-4": "cumulative", "R-6": "literal"}
    first = data["items"][0]
    assert {"indicator", "points", "counted", "detail", "basis"} <= set(first)
    assert {"document", "article", "certainty"} <= set(first["basis"])


def test_bad_input_exits_2_with_one_line_per_problem(capsys, write_json):
    bad = {"birth_date": "1990-02-30", "social_insurance": [{"from": "2020-01", "base": "x"}]}
    code, out, err = run_cli(capsys, "score", str(write_json(bad)))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert 'birth_date: is not a calendar date (got "1990-02-30")' in lines[0]
    assert "social_insurance[0].base: must be a number" in lines[1]
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "not valid JSON"),
        (b'{"birth_date": NaN}', "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b"[]", "must be a JSON object"),
    ],
)
def test_unreadable_files_exit_2(capsys, tmp_path, content, message):
    path = tmp_path / "a.json"
    path.write_bytes(content)
    code, _, err = run_cli(capsys, "score", str(path))
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_missing_file(capsys):
    code, _, err = run_cli(capsys, "score", "/nonexistent/file.json")
    assert code == 2
    assert "cannot read" in err


def test_oversized_file(capsys, tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 1_000_001)
    code, _, err = run_cli(capsys, "score", str(path))
    assert code == 2
    assert "larger than" in err


def test_stdin(capsys, monkeypatch):
    data = json.dumps(person()).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run_cli(capsys, "score", "-", "--on", "2024-06-01", "--format", "json")
    assert code == 0
    assert json.loads(out)["policy"] == "2023"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib")
def test_toml_files(capsys, tmp_path):
    path = tmp_path / "a.toml"
    path.write_text(
        'birth_date = 1995-06-15\n[[social_insurance]]\nfrom = "2020-01"\nbase = 9000.5\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "score", str(path), "--on", "2024-06-01", "--format", "json")
    assert code == 0
    assert json.loads(out)["total"] == 42


def test_policy_pinning_and_errors(capsys, write_json):
    path = str(write_json(person()))
    code, out, _ = run_cli(
        capsys, "score", path, "--on", "2024-06-01", "--policy", "2018", "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["policy"] == "2018"
    code, _, err = run_cli(capsys, "score", path, "--policy", "2019")
    assert code == 2
    assert 'unknown policy "2019"' in err
    code, _, err = run_cli(capsys, "score", path, "--on", "2030-01-01")
    assert code == 2
    assert "no policy version is in force on 2030-01-01" in err


def test_bad_dates_on_the_command_line(capsys, write_json):
    with pytest.raises(SystemExit) as info:
        main(["score", str(write_json(person())), "--on", "2024-13-01"])
    assert info.value.code == 2
    assert "not a calendar date" in capsys.readouterr().err


def test_ambiguous_names_list_the_candidates(capsys, write_json):
    data = person(certificates=[{"kind": "skill", "name": "程序员", "level": 4}])
    code, _, err = run_cli(capsys, "score", str(write_json(data)), "--on", "2024-06-01")
    assert code == 2
    assert "certificates[0].name: is ambiguous" in err
    assert "计算机程序设计员" in err
    assert "软考初级" in err


def test_policies(capsys):
    code, out, _ = run_cli(capsys, "policies")
    assert code == 0
    assert "2013-07-01 → 2015-06-30" in out
    assert "lingang-2024" in out
    code, out, _ = run_cli(capsys, "policies", "--format", "json")
    data = json.loads(out)
    assert [v["id"] for v in data["versions"]] == ["2013", "2015", "2018", "2023"]
    assert data["versions"][3]["last_day"] == "2027-12-31"
    assert [a["id"] for a in data["amendments"]][-1] == "rules-2025"


def test_odd_unicode_in_output_does_not_crash(capsys, write_json):
    data = person(awards=[{"level": "national", "name": "奖\u0301🏅"}])
    code, out, _ = run_cli(capsys, "score", str(write_json(data)), "--on", "2024-06-01")
    assert code == 0
    assert "🏅" in out


def test_python_dash_m(write_json):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "shjzz",
            "score",
            str(write_json(person())),
            "--on",
            "2024-06-01",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total"] == 42


def test_a_case_file_scores_on_its_own_date(capsys, tmp_path):
    case = {
        "note": "x",
        "on": "2024-06-01",
        "policy": "2018",
        "applicant": person(),
        "expect": {"policy": "2018", "total": 42},
    }
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    code, out, _ = run_cli(capsys, "score", str(path))
    assert code == 0
    assert "policy 2018" in out
    assert "case: the result is as the case expects" in out
    code, out, _ = run_cli(capsys, "score", str(path), "--on", "2024-07-01", "--format", "json")
    assert json.loads(out)["on"] == "2024-07-01"
    case["typo"] = 1
    path.write_text(json.dumps(case), encoding="utf-8")
    code, _, err = run_cli(capsys, "score", str(path))
    assert code == 2
    assert f'{path}: case "typo": unknown key; a case file has applicant, expect' in err


def test_plan_and_diff_commands(capsys, write_json):
    path = str(write_json(person(education={"level": "junior_college"})))
    code, out, _ = run_cli(capsys, "plan", path, "--on", "2024-06-01")
    assert code == 0
    assert "plan to 120 points" in out
    code, out, _ = run_cli(capsys, "plan", path, "--on", "2024-06-01", "--format", "json")
    assert json.loads(out)["target"] == 120
    code, out, _ = run_cli(capsys, "diff", "2018", "2023")
    assert code == 0
    assert "family_planning" in out
    code, out, _ = run_cli(capsys, "diff", "2013-08-01", "2016-01-01", "--format", "json")
    assert code == 0
    assert json.loads(out)
    code, _, err = run_cli(capsys, "diff", "2019", "2023")
    assert code == 2
    assert "unknown policy" in err


def test_a_case_file_with_an_impossible_date(capsys, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"on": "2025-02-30", "applicant": person()}), encoding="utf-8")
    code, _, err = run_cli(capsys, "score", str(path))
    assert code == 2
    assert f'{path}: case on: is not a calendar date (got "2025-02-30")' in err
    assert "Traceback" not in err
