"""Bulk scoring: score_many() and ``shjzz score --jsonl``."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys

import shjzz
from conftest import case_files, load_case, person
from shjzz._bulk import ResultEncoder, stream_jsonl
from shjzz.cli import main
from shjzz.errors import InvalidApplicant


def test_score_many_yields_results_and_errors_in_order():
    day = dt.date(2024, 6, 1)
    items = [person(), {"birth_date": "x"}, shjzz.load_applicant(person())]
    out = list(shjzz.score_many(items, on=day))
    assert isinstance(out[0], shjzz.ScoreResult)
    assert isinstance(out[1], InvalidApplicant)
    assert out[2] == out[0] == shjzz.score(shjzz.load_applicant(person()), on=day)


def test_score_many_pins_a_version_once():
    out = list(shjzz.score_many([person()], on=dt.date(2024, 6, 1), policy="2018"))
    assert out[0].policy == "2018"


def test_the_compact_encoding_is_the_unstructured_result():
    encoder = ResultEncoder()
    for path in case_files():
        case = load_case(path)
        result = shjzz.score(
            shjzz.load_applicant(case["applicant"]), on=dt.date.fromisoformat(case["on"])
        )
        for _ in range(2):  # the second time from the cache
            assert json.loads(encoder.encode(result)) == shjzz.unstructure(result)


def test_stream_goes_on_after_bad_lines():
    lines = [
        json.dumps(person()),
        "",
        "{not json",
        json.dumps({"birth_date": "1990-01-01", "educaton": {}}),
        json.dumps(person(certificates=[{"kind": "skill", "name": "程序员", "level": 4}])),
        "[" * 50_000,
        json.dumps(person()),
    ]
    out = io.BytesIO()
    failed = stream_jsonl([("\n".join(lines)).encode()], out, on=dt.date(2024, 6, 1))
    rows = [json.loads(x) for x in out.getvalue().decode().splitlines()]
    assert failed == 5
    assert len(rows) == 7
    assert rows.pop(1) == {"line": 2, "error": "blank line: no applicant", "problems": []}
    assert rows[0]["total"] == rows[5]["total"] == 42
    assert rows[1]["line"] == 3
    assert rows[1]["error"].startswith("not valid JSON")
    assert rows[2] == {
        "line": 4,
        "error": "invalid applicant",
        "problems": [
            {
                "path": "educaton",
                "message": "unknown field; did you mean education?",
                "candidates": [],
            }
        ],
    }
    assert rows[3]["problems"][0]["path"] == "certificates[0].name"
    assert any("软考初级" in c for c in rows[3]["problems"][0]["candidates"])
    assert rows[4] == {"line": 6, "error": "JSON nested too deeply", "problems": []}


def test_cli_jsonl_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(person()) + "\n" + json.dumps(person()) + "\n", encoding="utf-8")
    assert main(["score", "--jsonl", str(good), "--on", "2024-06-01"]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(x)["total"] for x in out.splitlines()] == [42, 42]
    assert err == ""
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(person()) + "\n{}\n", encoding="utf-8")
    assert main(["score", "--jsonl", str(bad), "--on", "2024-06-01"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out.splitlines()[1])["problems"][0]["path"] == "birth_date"
    assert "1 line(s) failed" in err


def test_cli_jsonl_from_stdin(monkeypatch, capsys):
    data = (json.dumps(person()) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["score", "--jsonl", "-", "--on", "2024-06-01"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 42
