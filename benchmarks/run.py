"""``nox -s bench``: what shjzz costs to import, to start and to call, printed as one table.

Every target is a ratio within this one run, so it holds on a noisy machine:

- cold start (``python -c`` to the first score) against ``import attrs``, each
  in fresh interpreters, the empty interpreter subtracted;
- warm ``score()`` p50 and p99 over a generated spread of applicants, and the
  cost per insurance period from 6 to 600 periods (linear, or not);
- ``shjzz score --jsonl --jobs 1`` against a bare stdlib ``json`` decode and
  encode of the same lines (``bare_json.py``), in CPU seconds, and the seconds
  per million lines it implies;
- ``--jobs 2`` against ``--jobs 1`` in wall seconds, with the outputs compared
  byte for byte;
- lookups per second.

``--lines N`` bulk lines (200,000 by default; ``--quick`` for 20,000).  The
load average is printed first: read the figures with it.  They are reported,
never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
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


HERE = Path(__file__).resolve().parent
COLD = (
    "import datetime, shjzz\n"
    "a = shjzz.load_applicant({'birth_date': '1990-01-01', "
    "'certificates': [{'kind': 'skill', 'name': '电焊工', 'level': 3}], "
    "'social_insurance': [{'from': '2020-01', 'base': 9000}]})\n"
    "shjzz.score(a, on=datetime.date(2025, 1, 1))\n"
)


def cold_rows() -> list[tuple[str, str]]:
    """``import attrs``, ``import shjzz`` and ``python -c`` to the first score, fresh each time."""
    attrs_s = _fresh("import attrs")
    import_s = _fresh("import shjzz")
    cold_s = _fresh(COLD)
    return [
        ("import attrs (fresh interpreter)", f"{attrs_s * 1e3:.1f} ms"),
        ("import shjzz", f"{import_s * 1e3:.1f} ms ({import_s / attrs_s:.2f}× attrs)"),
        (
            "cold start: python -c to first score",
            f"{cold_s * 1e3:.1f} ms ({cold_s / attrs_s:.2f}× import attrs; target ≤ 60 ms)",
        ),
    ]


def _timed(a: shjzz.Applicant, on: dt.date, rounds: int = 5) -> float:
    """The best of *rounds* warm calls: the cost of the applicant, not of the machine."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        shjzz.score(a, on=on)
        best = min(best, time.perf_counter() - start)
    return best


def spread_rows(count: int = 2000) -> list[tuple[str, str]]:
    """Warm ``score()`` p50/p99 over generated applicants, and its growth with the periods."""
    on = dt.date(2025, 6, 1)
    rng = random.Random(14)
    people = [shjzz.load_applicant(applicants.typical(rng)) for _ in range(count)]
    people += [shjzz.load_applicant(data) for data in applicants.edges()]
    for a in people:
        shjzz.score(a, on=on)
    times = sorted(_timed(a, on) for a in people)
    p50 = statistics.median(times)
    p99 = times[int(len(times) * 0.99)]
    per = {}
    for n in (6, 60, 600):
        a = shjzz.load_applicant(applicants.with_periods(n))
        shjzz.score(a, on=on)
        per[n] = _timed(a, on, 20)
    return [
        (
            f"warm score(), {len(people):,} generated",
            (
                f"p50 {p50 * 1e6:.1f} µs, p99 {p99 * 1e6:.1f} µs "
                f"(p99/p50 {p99 / p50:.2f}; target ≤ 5), max {times[-1] * 1e6:.1f} µs"
            ),
        ),
        (
            "warm score(), 6 / 60 / 600 periods",
            " / ".join(f"{per[n] * 1e6:.0f}" for n in per)
            + f" µs (600/60 = {per[600] / per[60]:.1f}; linear is 10)",
        ),
    ]


def _run(command: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of *command* (its children included), and its output's digest."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    digest = hashlib.sha256()
    with subprocess.Popen(command, env=ENV, stdout=subprocess.PIPE) as proc:
        stdout = proc.stdout
        assert stdout is not None  # noqa: S101 - asked for with PIPE
        for chunk in iter(lambda: stdout.read(1 << 20), b""):
            digest.update(chunk)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, digest.hexdigest()


def stream_rows(count: int) -> list[tuple[str, str]]:
    """``shjzz score --jsonl`` on *count* generated lines, through a pipe, against the floor."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bulk.jsonl"
        applicants.write_jsonl(path, count)
        shjzz_cmd = [sys.executable, "-m", "shjzz", "score", "--jsonl", str(path)]
        shjzz_cmd += ["--on", "2025-06-01"]
        bare_wall, bare_cpu, _ = _run([sys.executable, str(HERE / "bare_json.py"), str(path)])
        one_wall, one_cpu, one_digest = _run([*shjzz_cmd, "--jobs", "1"])
        two_wall, two_cpu, two_digest = _run([*shjzz_cmd, "--jobs", "2"])
    per_million = one_cpu / count * 1e6
    same = "identical" if one_digest == two_digest else "DIFFERENT"
    return [
        (
            f"bare json decode+encode, {count:,} lines",
            f"{bare_wall:.1f} s wall, {bare_cpu:.1f} s CPU",
        ),
        (
            "score --jsonl --jobs 1",
            (
                f"{one_wall:.1f} s wall, {one_cpu:.1f} s CPU: {per_million:.0f} CPU s per million "
                f"(target ≤ 30), {one_cpu / bare_cpu:.2f}× bare json (target ≤ 3)"
            ),
        ),
        (
            "score --jsonl --jobs 2",
            (
                f"{two_wall:.1f} s wall, {two_cpu:.1f} s CPU: {one_wall / two_wall:.2f}× "
                f"--jobs 1 in wall time, output {same}"
            ),
        ),
    ]


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=200_000, help="bulk JSON Lines to score")
    parser.add_argument("--quick", action="store_true", help="20,000 bulk lines")
    args = parser.parse_args()
    rows = [("python", sys.version.split()[0]), ("shjzz", shjzz.__file__)]
    rows += [("load average at the start", Path("/proc/loadavg").read_text().strip())]
    rows += [("cores", str(os.cpu_count()))]
    rows += cold_rows()
    rows += spread_rows()
    rows += stream_rows(20_000 if args.quick else args.lines)
    rows += bench_lookup.run()
    rows += [("load average at the end", Path("/proc/loadavg").read_text().strip())]
    width = max(len(label) for label, _ in rows)
    print("\n".join(f"{label:<{width}}  {value}" for label, value in rows))


if __name__ == "__main__":
    main()
