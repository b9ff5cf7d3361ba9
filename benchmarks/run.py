"""``nox -s bench``: what shjzz costs to import and to call, printed as one table.

Rows: ``import shjzz`` against ``import attrs`` in fresh interpreters, the
first call (data and cattrs load lazily), warm ``score()`` over the public
cases, JSON-in → JSON-out throughput, bulk JSON Lines through the ``shjzz``
command (``--lines N``, one million by default; ``--quick`` for 20,000), and
lookups per second.  Timings are medians or bests of repeats on this machine;
they are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import applicants
import bench_lookup

import shjzz
from shjzz._bulk import stream_jsonl

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _fresh(code: str, repeat: int = 15) -> float:
    """Median seconds of *code* in a new interpreter, minus an empty interpreter."""

    def once(src: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", src], check=True, env=ENV)
        return time.perf_counter() - start

    once(code)  # write the bytecode caches
    empty = statistics.median(once("pass") for _ in range(repeat))
    return statistics.median(once(code) for _ in range(repeat)) - empty


def import_rows() -> list[tuple[str, str]]:
    """``import shjzz`` against ``import attrs``, each in a fresh interpreter."""
    attrs_s = _fresh("import attrs")
    shjzz_s = _fresh("import shjzz")
    return [
        ("import attrs (fresh interpreter)", f"{attrs_s * 1e3:.1f} ms"),
        (
            "import shjzz (fresh interpreter)",
            f"{shjzz_s * 1e3:.1f} ms  ({shjzz_s / attrs_s:.2f}× attrs)",
        ),
    ]


def first_call_rows() -> list[tuple[str, str]]:
    """The first load and score in a fresh interpreter: data, catalogues and cattrs load."""
    code = (
        "import time, datetime, shjzz\n"
        "t = time.perf_counter()\n"
        "a = shjzz.load_applicant({'birth_date': '1990-01-01', "
        "'certificates': [{'kind': 'skill', 'name': '电焊工', 'level': 3}], "
        "'social_insurance': [{'from': '2020-01', 'base': 9000}]})\n"
        "shjzz.score(a, on=datetime.date(2025, 1, 1))\n"
        "print(time.perf_counter() - t)\n"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, env=ENV, capture_output=True, text=True
            ).stdout
        )
        for _ in range(5)
    ]
    return [
        (
            "first load_applicant + score",
            f"{statistics.median(runs) * 1e3:.1f} ms (data, catalogues, cattrs)",
        )
    ]


def _cases() -> list[tuple[shjzz.Applicant, dt.date]]:
    return [
        (shjzz.load_applicant(c["applicant"]), dt.date.fromisoformat(c["on"]))
        for c in applicants.shared_cases()
    ]


def warm_rows(rounds: int = 2000) -> list[tuple[str, str]]:
    """Warm ``score()`` on each public case: best of five repeats."""
    cases = _cases()
    for a, on in cases:
        shjzz.score(a, on=on)
    per_case = []
    for a, on in cases:
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(rounds // 5):
                shjzz.score(a, on=on)
            best = min(best, (time.perf_counter() - start) / (rounds // 5))
        per_case.append(best)
    median, low, high = (
        x * 1e6 for x in (statistics.median(per_case), min(per_case), max(per_case))
    )
    return [
        (
            "warm score(), public cases",
            f"median {median:.1f} µs, range {low:.1f}–{high:.1f} µs per call",
        )
    ]


def throughput_rows(count: int = 20_000) -> list[tuple[str, str]]:
    """JSON Lines in, result JSON out, in this process."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.jsonl"
        applicants.write_jsonl(path, count)
        text = path.read_text(encoding="utf-8")
    stream_jsonl([text[:50_000].encode()], io.BytesIO(), on=dt.date(2025, 6, 1))
    start = time.perf_counter()
    stream_jsonl([text.encode()], io.BytesIO(), on=dt.date(2025, 6, 1))
    seconds = time.perf_counter() - start
    return [
        (
            "JSON in → result JSON out",
            f"{count / seconds:,.0f} applicants/s ({seconds / count * 1e6:.1f} µs each)",
        )
    ]


def bulk_rows(count: int) -> list[tuple[str, str]]:
    """``shjzz score --jsonl`` on *count* generated applicants, as a user runs it.

    The output goes to /dev/null and its size is counted, so the figure is the
    command's own cost, not the disk's.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bulk.jsonl"
        applicants.write_jsonl(path, count)
        size = path.stat().st_size
        command = [
            sys.executable,
            "-m",
            "shjzz",
            "score",
            "--jsonl",
            str(path),
            "--on",
            "2025-06-01",
        ]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE) as proc:
            stdout = proc.stdout or io.BytesIO()
            written = sum(len(chunk) for chunk in iter(lambda: stdout.read(1 << 20), b""))
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    figures = (
        f"{seconds:.1f} s wall, {cpu:.1f} s CPU, {count / seconds:,.0f} lines/s "
        f"({size / 1e6:.0f} MB in, {written / 1e9:.2f} GB out, exit {proc.returncode})"
    )
    return [(f"shjzz score --jsonl, {count:,} lines", figures)]


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000, help="bulk JSON Lines to score")
    parser.add_argument("--quick", action="store_true", help="20,000 bulk lines")
    args = parser.parse_args()
    rows = [("python", sys.version.split()[0]), ("shjzz", shjzz.__file__)]
    rows += import_rows()
    rows += first_call_rows()
    rows += warm_rows()
    rows += throughput_rows()
    rows += bulk_rows(20_000 if args.quick else args.lines)
    rows += bench_lookup.run()
    width = max(len(label) for label, _ in rows)
    print("\n".join(f"{label:<{width}}  {value}" for label, value in rows))


if __name__ == "__main__":
    main()
