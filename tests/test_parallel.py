"""``--jobs`` and ``score_many(jobs=…)``: several workers, the same output in the same order."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading

import pytest

import shjzz
from conftest import person
from shjzz import _bulk
from shjzz._bulk import stream_jsonl
from shjzz._progress import Progress
from shjzz._render import render_progress
from shjzz.cli import main
from shjzz.errors import InvalidApplicant, InvalidArgument

ON = dt.date(2024, 6, 1)


def _corpus() -> list[bytes]:
    """Good lines of varied applicants, with a bad line of every kind among them."""
    good = [
        json.dumps(person(birth_date=f"19{70 + i % 30}-0{1 + i % 9}-15"), ensure_ascii=False)
        for i in range(40)
    ]
    bad = [
        "{not json",
        json.dumps({"birth_date": "1990-01-01", "educaton": {}}),
        "[" * 50_000,
        "",
        "   ",
        json.dumps(person(certificates=[{"kind": "skill", "name": "程序员", "level": 4}])),
    ]
    lines = [line.encode() for line in good]
    for i, line in enumerate(bad):
        lines.insert(5 + 7 * i, line.encode())
    lines.insert(20, b"\xff\xfe not UTF-8")
    return lines


def _stream(lines: list[bytes], jobs: int) -> tuple[bytes, int]:
    out = io.BytesIO()
    data = b"\n".join(lines) + b"\n"
    chunks = [data[i : i + 97] for i in range(0, len(data), 97)]  # split anywhere
    failed = stream_jsonl(chunks, out, on=ON, jobs=jobs)
    return out.getvalue(), failed


@pytest.fixture
def small_batches(monkeypatch):
    """A few lines per batch, so a small input makes many batches for the workers."""
    monkeypatch.setattr(_bulk, "_BATCH_LINES", 3)
    monkeypatch.setattr(_bulk, "_GROUP", 2)


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize("jobs", [2, 3])
def test_several_workers_write_the_same_bytes_in_input_order(jobs):
    lines = _corpus()
    one, failed_one = _stream(lines, 1)
    many, failed_many = _stream(lines, jobs)
    assert many == one
    assert failed_many == failed_one == 7
    rows = [json.loads(x) for x in many.decode().splitlines()]
    assert [row["line"] for row in rows] == list(range(1, len(lines) + 1))
    errors = {row["line"]: row for row in rows if "error" in row}
    assert sorted(errors) == [6, 13, 20, 21, 28, 35, 42]
    assert errors[28]["error"] == errors[35]["error"] == "blank line: no applicant"
    assert errors[13]["problems"][0]["path"] == "educaton"
    assert errors[20]["error"] == "JSON nested too deeply"
    assert errors[21]["error"].startswith("not UTF-8 text")


def test_a_result_line_starts_with_its_line_number_then_the_result():
    lines = [
        json.dumps(person()).encode(),
        b"",
        json.dumps(person(birth_date="1980-01-01")).encode(),
    ]
    out, _ = _stream(lines, 1)
    rows = [json.loads(x) for x in out.decode().splitlines()]
    assert rows.pop(1) == {"line": 2, "error": "blank line: no applicant", "problems": []}
    for row, number, line in zip(rows, [1, 3], [lines[0], lines[2]], strict=True):
        assert next(iter(row)) == "line"
        assert row.pop("line") == number
        expected = shjzz.unstructure(shjzz.score(shjzz.load_applicant(json.loads(line)), on=ON))
        assert list(row) == list(expected)
        assert row == json.loads(json.dumps(expected))


@pytest.mark.usefixtures("small_batches")
def test_the_input_is_read_only_a_bounded_window_ahead():
    seen = []
    line = json.dumps(person()).encode() + b"\n"

    def source():
        for n in range(200):
            seen.append(n)
            yield line

    class Sink:
        first_write_at: int | None = None

        def write(self, data):
            if self.first_write_at is None:
                self.first_write_at = len(seen)

    sink = Sink()
    stream_jsonl(source(), sink, on=ON, jobs=2)
    # two batches per worker in flight, one more being read: never the whole input
    assert sink.first_write_at is not None
    assert sink.first_write_at <= (2 * 2 + 1) * 3 + 1


@pytest.mark.usefixtures("small_batches")
def test_score_many_with_workers_yields_the_same_items_in_order():
    items = [person(), {"birth_date": "x"}, shjzz.load_applicant(person()), person(spouse=1)]
    items = items * 3
    one = list(shjzz.score_many(items, on=ON))
    many = list(shjzz.score_many(items, on=ON, jobs=2))
    assert len(many) == len(one) == 12
    for a, b in zip(one, many, strict=True):
        assert type(a) is type(b)
        if isinstance(a, InvalidApplicant):
            assert b.problems == a.problems
        else:
            assert a == b


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True, "2"])
def test_jobs_must_be_a_whole_number_of_processes(jobs):
    with pytest.raises(InvalidArgument, match="jobs must be a whole number"):
        shjzz.score_many([person()], on=ON, jobs=jobs)
    with pytest.raises(InvalidArgument, match="jobs must be a whole number"):
        stream_jsonl([b""], io.BytesIO(), on=ON, jobs=jobs)


def test_cli_jobs_gives_the_output_of_one_job(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(_bulk, "_BATCH_LINES", 2)
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\n".join(_corpus()) + b"\n")
    assert main(["score", "--jsonl", str(path), "--on", "2024-06-01", "--jobs", "1"]) == 2
    one = capsys.readouterr().out
    assert main(["score", "--jsonl", str(path), "--on", "2024-06-01", "--jobs", "2"]) == 2
    assert capsys.readouterr().out == one
    assert main(["score", "--jsonl", str(path), "--on", "2024-06-01"]) == 2  # every core
    assert capsys.readouterr().out == one


@pytest.mark.parametrize("value", ["0", "-2", "x"])
def test_cli_jobs_is_checked(value, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["score", "--jsonl", "-", "--jobs", value])
    assert stop.value.code == 2
    assert "not a number of processes" in capsys.readouterr().err


def test_cli_jobs_needs_jsonl(capsys):
    assert main(["score", "--example", "--jobs", "2"]) == 2
    assert "--jobs applies to --jsonl only" in capsys.readouterr().err


def test_progress_counts_lines_failures_and_estimates_the_rest():
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(stream, total=1000, clock=lambda: now[0])
    assert list(progress.counted([b"x" * 250])) == [b"x" * 250]
    now[0] = 0.1
    progress(10, 0)
    assert stream.getvalue() == ""  # too soon to redraw
    now[0] = 5.0
    progress(100, 2)
    assert stream.getvalue() == "\r" + render_progress(100, 20.0, 2, 15.0)
    now[0] = 10.0
    progress.finish()
    assert stream.getvalue().endswith("100 lines, 10 lines/s, 2 failed, ETA 0:30\n")


def test_progress_without_a_size_has_no_eta():
    stream = io.StringIO()
    progress = Progress(stream, total=None, clock=iter([0.0, 2.0]).__next__)
    progress.finish()
    assert stream.getvalue() == "\r0 lines, 0 lines/s, 0 failed\n"
    assert (
        render_progress(1234, 5678.4, 1, 61.4) == "1,234 lines, 5,678 lines/s, 1 failed, ETA 1:01"
    )


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_cli_shows_progress_on_a_terminal_only(tmp_path, capsys, monkeypatch):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\n".join(_corpus()) + b"\n")
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["score", "--jsonl", str(path), "--on", "2024-06-01", "--jobs", "1"]) == 2
    shown = terminal.getvalue().split("\n")[0]
    assert shown.startswith("\r47 lines, ")
    assert shown.endswith(" lines/s, 7 failed, ETA 0:00")
    monkeypatch.undo()
    assert main(["score", "--jsonl", str(path), "--on", "2024-06-01", "--jobs", "1"]) == 2
    assert "lines/s" not in capsys.readouterr().err


def test_one_batch_starts_no_process(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("no worker process for a single batch")

    monkeypatch.setattr(_bulk, "ProcessPoolExecutor", refuse)
    lines = [json.dumps(person()).encode()] * 3
    assert _stream(lines, 4) == _stream(lines, 1)
    assert len(list(shjzz.score_many([person()] * 3, on=ON, jobs=4))) == 3


def test_batches_in_turn_from_two_calls_keep_their_own_settings():
    first = shjzz.score_many([person()] * 3, on=ON, jobs=2)
    second = shjzz.score_many([person()] * 3, on=dt.date(2025, 3, 1), jobs=2)
    assert next(first).on == ON
    assert next(second).on == dt.date(2025, 3, 1)
    assert [r.on for r in first] == [ON, ON]
    assert [r.on for r in second] == [dt.date(2025, 3, 1)] * 2


@pytest.mark.usefixtures("small_batches")
def test_with_another_thread_running_the_workers_are_spawned_not_forked(monkeypatch):
    asked = []
    real = _bulk.multiprocessing.get_context

    def spy(method):
        asked.append(method)
        return real(method)

    monkeypatch.setattr(_bulk.multiprocessing, "get_context", spy)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        items = [person(), {"birth_date": "x"}, person()]
        many = list(shjzz.score_many(items, on=ON, jobs=2))
    finally:
        stop.set()
        other.join()
    assert [getattr(r, "total", None) for r in many] == [42, None, 42]
    assert asked == ["spawn"]
