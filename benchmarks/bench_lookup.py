"""Benchmark :func:`shjzz.lookup`: speed, and how right it is on the corpus.

Lookups per second and p50 latency, stdlib and rapidfuzz; then, on the
corpus of names as people write them (``tests/data/lookup_corpus.csv``), the
precision and recall of confident answers and the share of queries given
the expected answer (entry, ambiguous, no match, …), on each path.

The query set mixes every path a lookup takes: exact names, aliases, pinyin,
typos (similarity) and names outside the catalogues.  Timings are warm (each
query is looked up once first); the stdlib path is forced with
``SHJZZ_NO_RAPIDFUZZ=1``.  Run ``python benchmarks/bench_lookup.py``, or call
:func:`run` for the ``(label, value)`` rows ``nox -s bench`` prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import statistics
import sys
import time
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

import shjzz
from shjzz._match import NO_RAPIDFUZZ, backend

if TYPE_CHECKING:
    from collections.abc import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import corpus  # the test corpus and its scoring, shared with tests/test_corpus.py

QUERIES: tuple[tuple[str, str], ...] = (
    ("exact", "焊工"),
    ("exact", "工程师"),
    ("exact", "焊 工（三级）"),
    ("exact", "無損檢測員"),
    ("exact", "52030100"),
    ("alias", "电焊工"),
    ("alias", "一建"),
    ("alias", "中级会计"),
    ("alias", "程序员"),
    ("pinyin", "hangong"),
    ("pinyin", "dg"),
    ("typo", "计算机程序设计师"),
    ("typo", "无损检侧员"),
    ("typo", "副主任中医师"),
    ("negative", "厨师"),
    ("negative", "茶艺师"),
    ("negative", "保安员"),
    ("negative", "今天天气很好"),
)
"""(kind, query) pairs; each round looks every one up once."""
ON = dt.date(2025, 1, 1)


def accuracy(stdlib: bool) -> tuple[str, float, float, float, int]:
    """(backend, precision, recall, answers as expected, queries) on the corpus."""
    with _path(stdlib):
        outcomes = corpus.run(corpus.load())
        return (
            backend().name,
            corpus.precision(outcomes),
            corpus.recall(outcomes),
            corpus.answered(outcomes),
            len(outcomes),
        )


def measure(stdlib: bool, rounds: int = 2000) -> tuple[str, float, dict[str, float]]:
    """(backend used, lookups per second, p50 µs by kind and ``all``) on one path."""
    with _path(stdlib):
        for _, query in QUERIES:
            shjzz.lookup(query, on=ON)
        start = time.perf_counter()
        for _ in range(rounds):
            for _, query in QUERIES:
                shjzz.lookup(query, on=ON)
        per_second = rounds * len(QUERIES) / (time.perf_counter() - start)
        latencies: dict[str, list[float]] = {"all": []}
        for _ in range(rounds // 4):
            for kind, query in QUERIES:
                before = time.perf_counter_ns()
                shjzz.lookup(query, on=ON)
                micros = (time.perf_counter_ns() - before) / 1000
                latencies["all"].append(micros)
                latencies.setdefault(kind, []).append(micros)
        return backend().name, per_second, {k: statistics.median(v) for k, v in latencies.items()}


@contextlib.contextmanager
def _path(stdlib: bool) -> Iterator[None]:
    """Force the stdlib scorer, or allow rapidfuzz, for the duration."""
    saved = os.environ.get(NO_RAPIDFUZZ)
    os.environ[NO_RAPIDFUZZ] = "1" if stdlib else "0"
    backend.cache_clear()
    try:
        yield
    finally:
        if saved is None:
            del os.environ[NO_RAPIDFUZZ]
        else:
            os.environ[NO_RAPIDFUZZ] = saved
        backend.cache_clear()


def run() -> list[tuple[str, str]]:
    """``(label, value)`` rows: throughput and p50 latency, stdlib then rapidfuzz."""
    rows = [("lookup queries", f"{len(QUERIES)} mixed: exact, alias, pinyin, typo, negative")]
    for stdlib in (True, False):
        if not stdlib and find_spec("rapidfuzz") is None:
            rows.append(("lookup (rapidfuzz)", "not installed: pip install shjzz[fast]"))
            continue
        name, per_second, p50 = measure(stdlib)
        kinds = ", ".join(f"{kind} {micros:.1f}" for kind, micros in p50.items() if kind != "all")
        name, precision, recall, answered, size = accuracy(stdlib)
        rows += [
            (f"lookups/s ({name})", f"{per_second:,.0f}"),
            (f"lookup p50 ({name})", f"{p50['all']:.1f} µs"),
            (f"lookup p50 by kind ({name})", f"{kinds} µs"),
            (
                f"lookup corpus ({name})",
                (
                    f"{size} queries: confident precision {precision:.1%}, "
                    f"recall {recall:.1%}; expected answer {answered:.1%}"
                ),
            ),
        ]
    return rows


if __name__ == "__main__":
    rows = run()
    width = max(len(label) for label, _ in rows)
    sys.stdout.write("".join(f"{label:<{width}}  {value}\n" for label, value in rows))
