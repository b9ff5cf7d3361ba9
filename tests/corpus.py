"""The lookup corpus (``tests/data/lookup_corpus.csv``) and how lookups are scored against it.

Shared by ``tests/test_corpus.py`` and ``benchmarks/bench_lookup.py``: a
confident answer is a lookup whose ``best`` is set; it is right when it names
the expected entry (and level, where the query implies one).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import attrs

import shjzz

CORPUS = Path(__file__).parent / "data" / "lookup_corpus.csv"
ON = dt.date(2025, 3, 1)
SURE = frozenset({"entry", "no-points"})
"""Answers that name one entry, so a lookup should be confident."""


@attrs.frozen
class Query:
    """One corpus row."""

    query: str
    answer: str
    catalogue: str
    name: str
    level: int | None
    style: str


@attrs.frozen
class Outcome:
    """How a lookup did on one query."""

    query: Query
    result: shjzz.LookupResult

    @property
    def confident(self) -> bool:
        """Whether the lookup named one entry."""
        return self.result.best is not None

    @property
    def right(self) -> bool:
        """Whether it named the expected entry (and level)."""
        best = self.result.best
        q = self.query
        return (
            best is not None
            and q.answer in SURE
            and (best.catalogue, best.name) == (q.catalogue, q.name)
            and (q.level is None or best.level == q.level)
        )


def load() -> list[Query]:
    """The corpus rows."""
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return [
        Query(
            row["query"],
            row["answer"],
            row["catalogue"],
            row["name"],
            int(row["level"]) if row["level"] else None,
            row["style"],
        )
        for row in csv.DictReader(lines)
    ]


def run(queries: list[Query]) -> list[Outcome]:
    """Look every query up on :data:`ON`."""
    return [Outcome(q, shjzz.lookup(q.query, on=ON)) for q in queries]


def precision(outcomes: list[Outcome]) -> float:
    """Right confident answers over all confident answers."""
    sure = [o for o in outcomes if o.confident]
    return sum(o.right for o in sure) / len(sure) if sure else 1.0


def recall(outcomes: list[Outcome]) -> float:
    """Right confident answers over the queries that name one entry."""
    named = [o for o in outcomes if o.query.answer in SURE]
    return sum(o.right for o in named) / len(named)


def answered(outcomes: list[Outcome]) -> float:
    """Queries whose answer (entry, ambiguous, no match, …) is the expected one."""
    return sum(o.result.answer == o.query.answer for o in outcomes) / len(outcomes)
