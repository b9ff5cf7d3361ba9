"""Hostile input (issue 10): each reproducer ends in a result or a ShjzzError with its field."""

from __future__ import annotations

import collections.abc
import concurrent.futures
import datetime as dt
import gc
import io
import json
import os
import pickle
import random
import sys
import tracemalloc
from collections.abc import Iterator, Mapping
from decimal import Decimal

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import shjzz
from conftest import person, run
from shjzz import _convert as shjzz_convert
from shjzz import _items as shjzz_items
from shjzz import _plan as shjzz_plan
from shjzz._bulk import ResultEncoder, read_lines, stream_jsonl
from shjzz._limits import MAX_DIGITS, MAX_FILE_BYTES, MAX_PROBLEMS, MAX_TEXT
from shjzz._months import add_years, years_before
from shjzz._render import render_result
from shjzz._resources import read_text
from shjzz._text import neutral
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
    assert add_years(dt.date(9999, 1, 1), 1) == dt.date.max
    assert add_years(dt.date(2, 1, 1), -2) == dt.date.min
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 3, 1)
    assert add_years(dt.date(2024, 2, 29), -1) == dt.date(2023, 2, 28)
    graduate = shjzz.policy("2023").indicators.new_graduate
    assert graduate.last_day(dt.date(9999, 1, 1)) == dt.date.max
    assert graduate.last_day(dt.date(2024, 7, 1)) == dt.date(2025, 6, 30)


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
    assert stream_jsonl(["\n".join(lines).encode()], out, on=ON) == 1
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


# --- JSON Lines: one line is one applicant, whatever the bytes ------------------------


def _stream(data: bytes) -> tuple[int, list[dict[str, object]]]:
    out = io.BytesIO()
    failed = stream_jsonl([data], out, on=ON)
    return failed, [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_bare_carriage_return_is_json_whitespace_not_a_line_end():
    good = json.dumps(person()).replace(", ", ",\r ").encode()
    failed, rows = _stream(b"\n".join([good, b"{}\r", good]) + b"\r\n")
    assert failed == 1
    assert len(rows) == 3
    assert rows[0]["total"] == rows[2]["total"] > 0
    assert rows[1]["line"] == 2


def test_bytes_that_are_not_utf8_fail_their_line():
    cert = '[{"kind": "skill", "name": "焊\\xff工", "level": 3}]'
    bad = json.dumps(person()).encode()[:-1] + b', "certificates": ' + cert.encode()
    bad = bad.replace(b"\\xff", b"\xff") + b"}"
    failed, rows = _stream(bad + b"\n" + json.dumps(person()).encode())
    assert failed == 1
    assert rows[0]["error"].startswith("not UTF-8 text (byte ")
    assert rows[1]["total"] > 0


def test_a_byte_order_mark_is_allowed_on_the_first_line_only():
    good = json.dumps(person()).encode()
    failed, rows = _stream(b"\xef\xbb\xbf" + good + b"\n\xef\xbb\xbf" + good)
    assert failed == 1
    assert "total" in rows[0]
    assert rows[1]["line"] == 2


def test_a_line_with_no_end_is_refused_as_soon_as_it_passes_the_limit():
    consumed = 0

    def zeros():
        nonlocal consumed
        for _ in range(1000):
            consumed += 1
            yield b"\0" * 65536

    lines = read_lines(zeros(), MAX_FILE_BYTES)
    assert next(lines) is None
    assert consumed * 65536 <= MAX_FILE_BYTES + 65536
    assert list(lines) == []


def test_the_rest_of_a_long_line_is_dropped_and_the_next_line_read():
    long = b"[" + b" " * MAX_FILE_BYTES + b"]"
    chunks = [long[i : i + 4096] for i in range(0, len(long), 4096)]
    assert list(read_lines([*chunks, b"\n{}\n", b"[]"], MAX_FILE_BYTES)) == [None, b"{}", b"[]"]
    failed, rows = _stream(long + b"\n" + json.dumps(person()).encode())
    assert failed == 1
    assert rows[0] == {
        "line": 1,
        "error": f"line longer than {MAX_FILE_BYTES:,} bytes",
        "problems": [],
    }
    assert rows[1]["total"] > 0


@given(st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=8))
def test_one_output_line_per_line_that_is_not_blank(lines):
    _, rows = _stream(b"\n".join(lines))
    assert len(rows) == sum(1 for line in lines if line.strip(b" \t\r"))


def test_a_fifo_nothing_writes_to_is_refused(tmp_path, capsys):
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    assert main(["score", "--jsonl", str(fifo), "--on", "2025-03-01"]) == 2
    assert "a FIFO nothing is writing to" in capsys.readouterr().err
    assert main(["score", str(fifo), "--on", "2025-03-01"]) == 2


@pytest.mark.parametrize("flag", ["--jsonl", None])
def test_a_directory_is_refused(tmp_path, capsys, flag):
    assert main(["score", *([flag] if flag else []), str(tmp_path), "--on", "2025-03-01"]) == 2
    assert "cannot read: Is a directory" in capsys.readouterr().err


def test_a_fifo_with_a_writer_is_read_as_a_stream(tmp_path, capsys):
    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    holder = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # keeps the written bytes in the pipe
    try:
        writer = os.open(fifo, os.O_WRONLY)
        os.write(writer, (json.dumps(person()) + "\n").encode() * 3)
        os.close(writer)
        assert main(["score", "--jsonl", str(fifo), "--on", "2025-03-01"]) == 0
    finally:
        os.close(holder)
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_jsonl_from_stdin_is_read_as_bytes(monkeypatch, capsys):
    data = json.dumps(person()).encode() + b"\r\n" + b"\xff\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["score", "--jsonl", "-", "--on", "2025-03-01"]) == 2
    first, second = capsys.readouterr().out.splitlines()
    assert json.loads(first)["total"] > 0
    assert json.loads(second)["error"] == "not UTF-8 text (byte 1 of the line)"


# --- plan(): work linear in the certificates -------------------------------------------


def _plan_work(monkeypatch, certificates: list[dict[str, object]]) -> tuple[int, shjzz.Plan]:
    """Certificates read by every score() plan() makes: its work, counted, not timed."""
    work = 0
    real = shjzz_plan.score

    def counting(applicant, **kwargs):
        nonlocal work
        work += len(applicant.certificates) or 1
        return real(applicant, **kwargs)

    monkeypatch.setattr(shjzz_plan, "score", counting)
    result = shjzz.plan(shjzz.load_applicant(person(certificates=certificates)), on=ON)
    return work, result


@pytest.mark.parametrize(
    "certificate",
    [
        {"kind": "skill", "name": "焊工", "level": 3},
        {"kind": "skill", "name": "电工", "level": 4, "in_shanghai": False},
    ],
)
def test_plan_work_grows_linearly_with_skill_certificates(monkeypatch, certificate):
    small, few = _plan_work(monkeypatch, [certificate] * 10)
    large, many = _plan_work(monkeypatch, [certificate] * 80)
    assert large <= 10 * small  # 8× the certificates; quadratic would be 64×
    assert [lv.gain for lv in many.levers] == [lv.gain for lv in few.levers]


def test_plan_keeps_one_skill_lever_per_way_of_gaining():
    data = person(
        social_insurance=[{"from": "2015-01", "base": 30000}],
        certificates=[
            {"kind": "skill", "name": "焊工", "level": 3},
            {"kind": "skill", "name": "电工", "level": 3},
            {"kind": "skill", "name": "车工", "level": 5},
        ],
    )
    applicant = shjzz.load_applicant(data)
    result = shjzz.plan(applicant, on=ON)
    (skill,) = (lv for lv in result.levers if lv.kind == "skill_level")
    assert skill.path == "certificates[0].level"
    without = shjzz.score(applicant, on=skill.effective).total
    assert shjzz.score(skill.applicant, on=skill.effective).total - without == skill.gain > 0


# --- bounded caches and bounded errors ---------------------------------------------------


def test_a_megabyte_of_unknown_keys_gives_a_short_error(monkeypatch):
    hints = 0
    real = shjzz_convert.difflib.get_close_matches

    def counting(*args, **kwargs):
        nonlocal hints
        hints += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(shjzz_convert.difflib, "get_close_matches", counting)
    data = person(**{f"k{i:07d}": 0 for i in range(100_000)})
    with pytest.raises(InvalidApplicant) as info:
        shjzz.load_applicant(data)
    problems = info.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message.startswith(f"more problems than the {MAX_PROBLEMS} listed")
    assert hints <= MAX_PROBLEMS + 1
    assert len(str(info.value)) < 200 * MAX_PROBLEMS


def test_long_details_are_not_kept_by_the_item_caches():
    names = [f"{'职' * 150}{i}" for i in range(3)]
    periods = [{"area": n, "from": f"202{i}-01", "to": f"202{i}-02"} for i, n in enumerate(names)]
    data = person(remote_area=periods)
    result = run(data, ON)
    detail = result.item("remote_area").detail
    assert len(detail) > shjzz_items._SHARED_DETAIL
    assert all(it.detail != detail for it in shjzz_items._ITEMS.values())
    encoder = ResultEncoder()
    encoder.encode(result)
    assert all(len(data) <= 1024 for _, data in encoder._items.values())


# --- pickling: every public object and error -----------------------------------------------


def _public_objects() -> list[object]:
    """One object of every public class, found by walking results of the public API."""
    applicant = shjzz.load_applicant(
        person(
            education={"level": "bachelor", "degree": True, "major": {"name": "计算机"}},
            certificates=[{"kind": "skill", "name": "焊工", "level": 3}],
            remote_area=[{"area": "嘉定区", "from": "2020-01"}],
            public_service=[{"field": "环卫", "from": "2020-01"}],
            spouse={"shanghai_hukou": True, "married_on": "2020-01-01"},
            investment={"annual_tax": [1, 2, 3]},
            entrepreneur={"share_percent": 20},
            awards=[{"level": "national"}],
            records=[{"kind": "detention", "on": "2024-01-01"}],
        )
    )
    qualified = shjzz.load_applicant(
        person(certificates=[{"kind": "qualification", "name": "注册安全工程师"}])
    )
    roots: list[object] = [
        applicant,
        shjzz.score(applicant, on=ON),
        shjzz.score(qualified, on=ON),  # rests on R-6: an Alternative
        shjzz.catalogue("skills", on=ON),
        *shjzz.sources(),
        shjzz.plan(applicant, on=ON),
        shjzz.diff("2018", "2023"),
        shjzz.lookup("焊工"),
        *shjzz.policies(),
        *shjzz.amendments(),
        *shjzz.readings(),
        *shjzz.wages(),
    ]
    found: dict[type, object] = {}
    stack = roots
    while stack:
        value = stack.pop()
        if attrs.has(type(value)):
            found.setdefault(type(value), value)
            stack.extend(getattr(value, a.name) for a in attrs.fields(type(value)))
        elif isinstance(value, (tuple, list)):
            stack.extend(value)
        elif isinstance(value, Mapping):
            found.setdefault(type(value), value)
            stack.extend(value.values())
    return list(found.values())


def test_every_public_class_pickles_equal():
    objects = _public_objects()
    public = {getattr(shjzz, n) for n in shjzz.__all__ if isinstance(getattr(shjzz, n), type)}
    assert public <= {type(o) for o in objects}
    for value in objects:
        assert pickle.loads(pickle.dumps(value)) == value


@pytest.mark.parametrize(
    "error",
    [
        shjzz.errors.PolicyNotInForce(
            dt.date(2030, 1, 1), dt.date(2013, 7, 1), dt.date(2027, 12, 31)
        ),
        shjzz.errors.UnknownPolicy("2099", ["2013", "2023"]),
        shjzz.errors.UnknownCatalogue("nope", ["skills"]),
        shjzz.errors.InvalidApplicant([shjzz.errors.Problem("a.b", "must be ≥ 0", -1)]),
        shjzz.errors.InvalidApplicant([shjzz.errors.Problem("birth_date", "required")]),
        shjzz.errors.InvalidQuery("a lookup query must be a string, not int"),
        shjzz.errors.InvalidArgument("on must be a date, got str"),
        shjzz.errors.ShjzzError("plain"),
    ],
)
def test_every_error_pickles_with_its_message_and_fields(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__


def test_errors_cross_a_process_pool():
    with concurrent.futures.ProcessPoolExecutor(1) as pool:
        future = pool.submit(shjzz.policy, "2099")
        with pytest.raises(shjzz.errors.UnknownPolicy, match="2099"):
            future.result()


# --- arguments: the unambiguous taken, the rest one clear error ---------------------------


class _Day(dt.date):
    pass


def test_a_datetime_stands_for_its_date_everywhere():
    applicant = shjzz.load_applicant(person())
    moment = dt.datetime(2025, 3, 1, 23, 59)
    expected = shjzz.score(applicant, on=ON)
    assert shjzz.score(applicant, on=moment) == expected
    assert shjzz.score(applicant, on=ON, policy=dt.datetime(2025, 1, 1)) == expected
    assert list(shjzz.score_many([applicant], on=moment)) == [expected]
    assert list(shjzz.score_many([applicant], on=ON, policy=moment)) == [expected]
    assert shjzz.policy(moment) is shjzz.policy(ON)
    assert shjzz.plan(applicant, on=moment, until=dt.datetime(2025, 6, 1)).on == ON


def test_results_carry_a_plain_date():
    applicant = shjzz.load_applicant(person())
    for result in (
        shjzz.score(applicant, on=_Day(2025, 3, 1)),
        next(iter(shjzz.score_many([applicant], on=_Day(2025, 3, 1)))),
        shjzz.plan(applicant, on=_Day(2025, 3, 1)).first,
    ):
        assert type(result.on) is dt.date


def test_applicant_file_data_is_loaded_by_score_and_plan():
    data = person()
    assert shjzz.score(data, on=ON) == run(data, ON)
    assert shjzz.plan(data, on=ON).first == run(data, ON)
    with pytest.raises(InvalidApplicant):
        shjzz.score({"birth_date": "1990-01-01", "oops": 1}, on=ON)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: shjzz.score(None, on=ON), "applicant must be a shjzz.Applicant"),
        (lambda: shjzz.score("{}", on=ON), "applicant must be a shjzz.Applicant"),
        (lambda: shjzz.plan([], on=ON), "applicant must be a shjzz.Applicant"),
        (lambda: shjzz.score(person(), on="2025-03-01"), "on must be a date, got str"),
        (lambda: shjzz.score_many([person()], on="2025-03-01"), "on must be a date, got str"),
        (lambda: shjzz.score_many(None, on=ON), "applicants must be an iterable"),
        (lambda: shjzz.score_many(person(), on=ON), "applicants must be an iterable"),
        (lambda: shjzz.plan(person(), on=ON, target=True), "target must be a whole number"),
        (lambda: shjzz.plan(person(), on=ON, until="2026-01-01"), "until must be a date"),
    ],
)
def test_other_arguments_are_one_clear_error(call, message):
    with pytest.raises(shjzz.errors.InvalidArgument, match=message):
        call()


# --- one rule for digits; nothing in output can disguise it -------------------------------


@pytest.mark.parametrize("month", ["２０２０-０１", "٢٠٢٠-٠١", "2020-０1"])
def test_months_and_dates_take_ascii_digits_only_as_the_schema_says(month):
    day = month + "-01"
    data = person(social_insurance=[{"from": month, "base": 9000}], birth_date=day)
    with pytest.raises(InvalidApplicant) as info:
        shjzz.load_applicant(data)
    assert {p.path for p in info.value.problems} == {"social_insurance[0].from", "birth_date"}
    schema = json.loads(read_text("applicant.schema.json"))
    validator = jsonschema.Draft202012Validator(schema)
    assert {e.json_path for e in validator.iter_errors(data)} == {
        "$.birth_date",
        "$.social_insurance[0].from",
    }


@pytest.mark.parametrize("char", ["\u202e", "\u2028", "\u2066", "\u200b", "\x7f", "\x85"])
def test_control_and_bidi_characters_are_escaped_in_text_output(char, write_json, capsys):
    area = f"嘉定{char}区"
    path = write_json(person(remote_area=[{"area": area, "from": "2020-01"}]))
    main(["score", str(path), "--on", "2025-03-01"])
    out = capsys.readouterr().out
    assert char not in out
    assert f"\\u{ord(char):04x}" in out or f"\\x{ord(char):02x}" in out
    result = run(person(remote_area=[{"area": area, "from": "2020-01"}]), ON)
    assert char not in render_result(result)


def test_problems_escape_what_they_echo():
    problem = shjzz.errors.Problem("a", "contradicts the name (焊\u202e工)", "x\u2028y")
    assert "\u202e" not in str(problem)
    assert "\u2028" not in str(problem)
    assert neutral("中文\u3000全角 space\n二行") == "中文\u3000全角 space\n二行"
    assert neutral("\ud800") == "\\ud800"
    assert neutral("\U000e0001") == "\\U000e0001"


def test_a_list_of_bad_items_stops_being_checked_past_the_problems_reported():
    touched: set[int] = set()

    class Item(collections.abc.Mapping):
        """An empty record that notes when the loader reads it."""

        def __getitem__(self, key):
            touched.add(id(self))
            raise KeyError(key)

        def __iter__(self):
            touched.add(id(self))
            return iter(())

        def __len__(self):
            return 0

    items = [Item() for _ in range(600)]
    with pytest.raises(InvalidApplicant) as info:
        shjzz.load_applicant(person(records=items))
    assert len(info.value.problems) == MAX_PROBLEMS + 1
    assert len(touched) <= MAX_PROBLEMS + 1


# --- memory: flat after 10,000 hostile applicants -------------------------------------------


_CJK = "".join(map(chr, range(0x4E00, 0x9FA5)))


def _hostile_applicants(count: int, seed: int) -> Iterator[dict[str, object]]:
    """Deterministic applicants carrying long, unique, odd values: each one different.

    Every name and number is new; the names looked up in the catalogues are new
    for one applicant in 20 (a fuzzy lookup each), the others from a pool of 50.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets

    def text(size: int) -> str:
        return "".join(rng.choices(_CJK, k=size))

    pool = [text(12) + "\u202e" for _ in range(50)]
    for n in range(count):
        name = text(MAX_TEXT - 8) + f"{n:08d}"
        looked_up = text(12) if n % 20 == 0 else pool[n % 50]
        digits = "".join(rng.choices("0123456789", k=MAX_DIGITS - 2))
        data = person(
            certificates=[{"kind": "skill", "name": looked_up, "level": 1 + n % 5}],
            remote_area=[{"area": looked_up, "from": "2020-01"}],
            entrepreneur={"share_percent": Decimal(f"0.{digits}")},
            education={
                "level": "bachelor",
                "graduated_on": rng.choice(["9999-12-31", "2024-06-30"]),
            },
            awards=[{"level": "national", "name": name}],
            records=[{"kind": "detention", "on": f"{rng.randrange(2000, 9999):04d}-01-01"}],
        )
        if n % 3 == 0:
            data[f"unknown_{name[:20]}"] = name
        yield data


def test_memory_is_flat_after_10000_hostile_applicants():
    """Scoring strangers' input keeps nothing of it beyond caches bounded by size.

    The first 1,000 applicants fill the bounded caches; after the next 10,000,
    every one different, memory (tracemalloc) is within 4 MB of where it was
    then, where unbounded caches kept 1.7 MB per applicant.  No timing.
    """
    day = dt.date(2025, 3, 1)
    for _ in shjzz.score_many(_hostile_applicants(1_000, seed=1), on=day):
        pass
    gc.collect()
    tracemalloc.start()
    try:
        start, _ = tracemalloc.get_traced_memory()
        outcomes = collections.Counter(
            type(r).__name__ for r in shjzz.score_many(_hostile_applicants(10_000, seed=2), on=day)
        )
        gc.collect()
        end, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcomes == {"ScoreResult": 6_666, "InvalidApplicant": 3_334}
    assert end - start < 4_000_000, f"{(end - start) / 1e6:.1f} MB kept"
