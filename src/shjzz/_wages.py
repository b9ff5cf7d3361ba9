"""The reference wage (上年度平均工资) by contribution month, and bases compared with it.

Read once from ``data/wages.csv``.  Months are integers (``_months``); a month
outside every published row is compared with the nearest row, and the result
says so.  Thresholds are ``multiple × wage``, exact.
"""

from __future__ import annotations

import bisect
import functools
import gettext
from decimal import Decimal

import attrs

from shjzz._exports import public
from shjzz._months import Month, index_str
from shjzz._resources import read_text
from shjzz._result import CERTAINTIES, Certainty

_FAR = 10**9


@attrs.frozen(kw_only=True)
class WageRow:
    """The monthly reference wage for a range of contribution months (inclusive)."""

    from_: Month
    to: Month
    monthly: int
    stat_year: int
    certainty: Certainty


@attrs.frozen
class Wages:
    """The reference-wage series by contribution month, oldest first."""

    rows: tuple[WageRow, ...]

    def row_at(self, index: int) -> tuple[WageRow, bool]:
        """The row for month *index*, and whether it is only the nearest one."""
        for row in self.rows:
            if row.from_.index <= index <= row.to.index:
                return row, False
        return (self.rows[0] if index < self.rows[0].from_.index else self.rows[-1]), True

    def pieces(self) -> tuple[tuple[int, int, WageRow, bool], ...]:
        """Half-open month ranges covering all months, each with its row.

        The flag says whether the row is only the nearest published figure
        (before the first row or after the last).
        """
        first, last = self.rows[0], self.rows[-1]
        out = [(-_FAR, first.from_.index, first, True)]
        out += [(r.from_.index, r.to.index + 1, r, False) for r in self.rows]
        out.append((last.to.index + 1, _FAR, last, True))
        return tuple(out)


@functools.cache
def series() -> Wages:
    """The series read from the package data (once)."""
    rows = []
    for line in read_text("wages.csv").splitlines():
        if line.startswith(("#", "from,")) or not line.strip():
            continue
        start, end, monthly, stat_year, certainty = line.split(",")
        if certainty not in CERTAINTIES:
            raise ValueError(f"wages.csv: {certainty!r} is not a certainty label")
        rows.append(
            WageRow(
                from_=Month.parse(start),
                to=Month.parse(end),
                monthly=int(monthly),
                stat_year=int(stat_year),
                certainty=certainty,
            )
        )
    return Wages(tuple(rows))


def nearest_note(row: WageRow, lo: int, hi: int, t: gettext.NullTranslations) -> str:
    """The warning for months compared with the nearest published wage, in *t*'s language."""
    return t.gettext(
        "no reference wage is published for {start}–{end}; "
        "the nearest figure, ¥{wage:,} ({since}–{until}), was used"
    ).format(
        start=index_str(lo), end=index_str(hi - 1), wage=row.monthly, since=row.from_, until=row.to
    )


Segment = tuple[int, int, Decimal, int, WageRow | None]
"""``(from, to, base, wage piece, row-if-only-the-nearest)``: months at one base and wage."""


@functools.cache
def _pieces() -> tuple[tuple[int, int, WageRow, WageRow | None], ...]:
    """The wage series as ``(from, to, row, row-if-only-the-nearest)`` over all months."""
    return tuple(
        (lo, hi, row, row if nearest_only else None)
        for lo, hi, row, nearest_only in series().pieces()
    )


@functools.cache
def _piece_starts() -> tuple[int, ...]:
    return tuple(p[0] for p in _pieces())


@functools.lru_cache(maxsize=256)
def thresholds(multiple: Decimal) -> tuple[Decimal, ...]:
    """``multiple × wage`` for each piece of the wage series, exactly."""
    return tuple(multiple * row.monthly for _, _, row, _ in _pieces())


def split_by_wage(start: int, end: int, base: Decimal) -> list[Segment]:
    """``[start, end)`` at *base*, cut where the reference wage changes."""
    pieces = _pieces()
    out = []
    i = bisect.bisect_right(_piece_starts(), start) - 1
    while i < len(pieces) and pieces[i][0] < end:
        lo, hi, _, near = pieces[i]
        out.append((max(start, lo), min(end, hi), base, i, near))
        i += 1
    return out


public(WageRow)
