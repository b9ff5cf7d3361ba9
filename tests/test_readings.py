"""Readings a user can choose, and results that say whether they rest on one."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

import shjzz
from conftest import case_files, load_case, person, run
from shjzz._bulk import stream_jsonl
from shjzz._render import readings_line
from shjzz.cli import main
from shjzz.errors import UnknownReading

DEFAULTS = {"R-3": "cumulative", "R-4": "cumulative", "R-6": "literal"}
CASES = case_files()


def test_the_readings_with_alternatives_and_their_defaults():
    open_ = {r.id: [c.id for c in r.choices] for r in shjzz.readings() if r.choices}
    assert open_ == {
        "R-3": ["cumulative", "continuous"],
        "R-4": ["cumulative", "strict"],
        "R-6": ["literal", "as-title"],
    }
    assert {r.id: r.default for r in shjzz.readings() if r.choices} == DEFAULTS
    assert shjzz.readings()[0].default is None  # R-1 has no alternative


def test_a_result_names_the_choice_of_every_open_reading():
    assert dict(run(person(), "2024-06-01").readings) == DEFAULTS
    chosen = run(person(), "2024-06-01", readings={"R-4": "strict"}).readings
    assert dict(chosen) == {**DEFAULTS, "R-4": "strict"}


def test_the_readings_of_a_result_are_read_only_and_pickle():
    import pickle  # noqa: PLC0415

    result = run(person(), "2024-06-01")
    with pytest.raises(TypeError):
        result.readings["R-4"] = "strict"  # type: ignore[index]
    assert pickle.loads(pickle.dumps(result)) == result
    assert hash(result) == hash(pickle.loads(pickle.dumps(result)))


@pytest.mark.parametrize(
    ("readings", "message"),
    [
        ({"R-9": "x"}, "unknown reading 'R-9': the readings with a choice are R-3=cumulative"),
        ({"R-1": "x"}, "unknown reading 'R-1'"),
        ({"R-4": "loose"}, "unknown choice 'loose' for R-4: choose one of cumulative, strict"),
        ({"R-6": "as_title"}, "choose one of literal, as-title"),
        ({4: "strict"}, "unknown reading 4"),
        (["R-4"], "readings must map reading ids to choices"),
    ],
)
def test_an_unknown_reading_or_choice_lists_the_valid_ones(readings, message):
    with pytest.raises(UnknownReading, match=message.replace("(", r"\(")):
        run(person(), "2024-06-01", readings=readings)


def test_the_default_choice_may_be_named():
    assert run(person(), "2024-06-01", readings={"R-4": "cumulative"}) == run(
        person(), "2024-06-01"
    )


# --- cumulative or continuous insurance years ------------------------------------


GAP = person(
    social_insurance=[
        {"from": "2014-01", "to": "2018-12", "base": 9000},
        {"from": "2019-01", "to": "2019-01", "base": 9000, "back_paid": True},
        {"from": "2019-02", "base": 9000},
    ]
)


def test_r3_continuous_counts_the_run_that_ends_before_on():
    default = run(GAP, "2024-06-01").item("insurance_years")
    assert default.points == 30  # 60 + 64 = 124 months → 10 years
    continuous = run(GAP, "2024-06-01", readings={"R-3": "continuous"}).item("insurance_years")
    assert continuous.points == 15  # 2019-02 … 2024-05: 64 months → 5 years
    assert "64 unbroken qualifying months up to 2024-05 (R-3=continuous)" in continuous.detail


def test_r3_continuous_is_0_when_the_month_before_on_does_not_qualify():
    data = person(social_insurance=[{"from": "2014-01", "to": "2024-04", "base": 9000}])
    assert run(data, "2024-06-01").item("insurance_years").points == 30
    got = run(data, "2024-06-01", readings={"R-3": "continuous"}).item("insurance_years")
    assert got.points == 0
    through = person(social_insurance=[{"from": "2014-01", "to": "2024-05", "base": 9000}])
    got = run(through, "2024-06-01", readings={"R-3": "continuous"}).item("insurance_years")
    assert got.points == 30


def test_adjacent_periods_are_one_run():
    data = person(
        social_insurance=[
            {"from": "2018-01", "to": "2020-12", "base": 9000},
            {"from": "2021-01", "base": 12000},
        ]
    )
    got = run(data, "2024-01-01", readings={"R-3": "continuous"}).item("insurance_years")
    assert got.points == 18  # 72 months


# --- cumulative or strict base bands ----------------------------------------------


def bands(base: int, readings: dict[str, str] | None = None) -> shjzz.LineItem:
    data = person(social_insurance=[{"from": "2020-01", "base": base}])
    return run(data, "2024-06-01", readings=readings).item("insurance_base")


def test_r4_strict_counts_a_month_only_in_its_own_band():
    # 2020-06 … 2024-05 at ¥25,000: 2.0–2.7× of every year's wage → 100 either way
    assert bands(25_000).points == 100
    assert bands(25_000, {"R-4": "strict"}).points == 100
    # ¥40,000 is ≥ 3× of every year: 3× needs 24 of the last 36 (120); 100 under strict
    # needs months in [2, 3), which a 3.2× month is not
    assert bands(40_000).points == 120
    assert bands(40_000, {"R-4": "strict"}).points == 120


def test_r4_strict_at_the_band_edges():
    wage = 12183  # 2023-07 … 2024-06: 11 months before 2024-06
    for base, band in [(2 * wage, "2–3×"), (2 * wage - 1, "1–2×")]:
        data = person(
            social_insurance=[
                {"from": "2022-07", "to": "2023-06", "base": 1000},
                {"from": "2023-07", "base": base},
            ]
        )
        got = run(data, "2024-06-01", readings={"R-4": "strict"}).item("insurance_base")
        assert got.detail == f"11 of the last 48 months at {band} (R-4=strict) (needs 36)"


def test_r4_strict_reads_case_18_as_the_reference_does():
    case = load_case(next(p for p in CASES if p.stem == "18-reading-r4-strict"))
    strict = run(case["applicant"], case["on"], readings={"R-4": "strict"})
    default = run(case["applicant"], case["on"])
    assert strict.item("insurance_base").points == 0
    assert default.item("insurance_base").points == 50
    assert (strict.total, default.total) == (92, 142)


def test_the_2013_band_rule_has_no_strict_variant():
    assert shjzz.policy("2013").touched("R-4") == ()
    assert shjzz.policy("2023").touched("R-4") == ("insurance_base",)
    assert shjzz.policy("2023").touched("R-3") == ("insurance_years",)
    assert shjzz.policy("2023").touched("R-6") == ("certificate",)
    assert shjzz.policy("2013").touched("R-6") == ()


# --- qualifications and the 1× condition -----------------------------------------


def qualification(base: int, readings: dict[str, str] | None = None) -> shjzz.LineItem:
    data = person(
        certificates=[{"kind": "qualification", "name": "注册安全工程师"}],
        social_insurance=[{"from": "2012-01", "base": base}],
    )
    return run(data, "2024-06-01", readings=readings).item("certificate")


def test_r6_as_title_applies_the_condition_to_qualifications():
    assert qualification(5000).points == 100
    as_title = qualification(5000, {"R-6": "as-title"})
    assert as_title.points == 0
    assert "as an intermediate title (R-6=as-title)" in as_title.detail
    assert as_title.basis.reading == "R-6"
    assert qualification(20000, {"R-6": "as-title"}).points == 100


# --- alternatives -------------------------------------------------------------------------


def test_case_14_rests_on_r6():
    case = load_case(next(p for p in CASES if p.stem == "14-qualification-no-base-condition"))
    result = run(case["applicant"], case["on"])
    assert result.total == 142
    (alt,) = result.alternatives
    assert (alt.reading, alt.choice, alt.total, alt.meets_standard) == (
        "R-6",
        "as-title",
        92,
        False,
    )
    assert alt.changes == (shjzz.ItemChange(indicator="certificate", points=0, was=100),)
    assert readings_line(result) == (
        "readings: the verdict depends on R-6: under R-6=as-title it is 92 and does not meet "
        "120 (readings used: R-3=cumulative, R-4=cumulative, R-6=literal)"
    )


def test_a_result_that_no_reading_changes_holds_under_every_reading():
    result = run(person(), "2024-06-01", readings={"R-6": "as-title"})
    assert result.alternatives == ()
    assert readings_line(result).startswith("readings: the verdict holds under every reading")


def test_a_changed_total_with_the_same_verdict_is_still_shown():
    result = run(GAP, "2024-06-01")
    (alt,) = [a for a in result.alternatives if a.reading == "R-3"]
    assert alt.total == result.total - 15
    assert "under R-3=continuous the total is" in readings_line(result)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_alternative_is_what_score_gives_under_that_choice(path):
    case = load_case(path)
    chosen = case.get("readings")
    result = run(case["applicant"], case["on"], case.get("policy"), chosen)
    for alt in result.alternatives:
        other = run(
            case["applicant"],
            case["on"],
            case.get("policy"),
            {**(chosen or {}), alt.reading: alt.choice},
        )
        assert (other.total, other.meets_standard) == (alt.total, alt.meets_standard)
        was = {it.indicator: it.points for it in result.items}
        now = {it.indicator: it.points for it in other.items}
        assert {c.indicator: (c.points, c.was) for c in alt.changes} == {
            k: (now[k], was[k]) for k in now if now[k] != was[k]
        }
    # and every choice left out changes nothing
    listed = {(a.reading, a.choice) for a in result.alternatives}
    for reading in shjzz.readings():
        for choice in reading.choices:
            if (reading.id, choice.id) in listed or result.readings[reading.id] == choice.id:
                continue
            other = run(
                case["applicant"],
                case["on"],
                case.get("policy"),
                {**(chosen or {}), reading.id: choice.id},
            )
            assert [i.points for i in other.items] == [i.points for i in result.items]


# --- through plan, score_many, the stream and the CLI ----------------------------------


def test_plan_and_score_many_take_readings():
    applicant = shjzz.load_applicant(GAP)
    p = shjzz.plan(applicant, on=dt.date(2024, 6, 1), readings={"R-3": "continuous"})
    assert p.first.readings["R-3"] == "continuous"
    (r,) = shjzz.score_many([GAP], on=p.on, readings={"R-3": "continuous"})
    assert isinstance(r, shjzz.ScoreResult)
    assert r.item("insurance_years").points == 15
    with pytest.raises(UnknownReading):
        shjzz.score_many([GAP], on=p.on, readings={"R-3": "x"})


def test_the_stream_takes_readings():
    out = io.BytesIO()
    line = json.dumps(GAP) + "\n"
    stream_jsonl(
        [line.encode()],
        out,
        on=dt.date(2024, 6, 1),
        readings={"R-3": "continuous"},
    )
    data = json.loads(out.getvalue())
    assert data["readings"]["R-3"] == "continuous"
    assert data["alternatives"][0]["reading"] == "R-3"


def test_the_cli_takes_repeatable_readings(write_json, capsys):
    path = write_json(GAP)
    args = ["score", str(path), "--on", "2024-06-01", "--format", "json"]
    assert main([*args, "--reading", "R-3=continuous", "--reading", "R-4=strict"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["readings"] == {"R-3": "continuous", "R-4": "strict", "R-6": "literal"}


@pytest.mark.parametrize("bad", ["R-4", "=strict", "R-4="])
def test_a_malformed_reading_option_exits_2(write_json, capsys, bad):
    with pytest.raises(SystemExit) as exc:
        main(["score", str(write_json(GAP)), "--reading", bad])
    assert exc.value.code == 2
    assert "ID=CHOICE" in capsys.readouterr().err


def test_an_unknown_reading_option_exits_2_naming_the_valid_ones(write_json, capsys):
    assert main(["score", str(write_json(GAP)), "--reading", "R-4=loose"]) == 2
    assert "choose one of cumulative, strict" in capsys.readouterr().err


def test_the_command_line_reading_wins_over_the_case_file(tmp_path, capsys):
    case = load_case(next(p for p in CASES if p.stem == "18-reading-r4-strict"))
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    assert main(["score", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 92
    # the case expects R-4=strict's total: under another reading the result differs, exit 1
    assert main(["score", str(path), "--format", "json", "--reading", "R-4=cumulative"]) == 1
    assert json.loads(capsys.readouterr().out)["total"] == 142


def test_malformed_case_readings_are_an_error(tmp_path, capsys):
    case = load_case(next(p for p in CASES if p.stem == "18-reading-r4-strict"))
    case["readings"] = {"R-4": 1}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    assert main(["score", str(path)]) == 2
    assert "case readings: must map reading ids to choices" in capsys.readouterr().err


def test_the_reading_option_help_names_every_alternative(capsys):
    import re  # noqa: PLC0415

    with pytest.raises(SystemExit):
        main(["score", "--help"])
    named = set(re.findall(r"(R-\d)=([a-z-]+)", " ".join(capsys.readouterr().out.split())))
    alternatives = {(r.id, c.id) for r in shjzz.readings() for c in r.choices[1:]}
    assert named == alternatives
