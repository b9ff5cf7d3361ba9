"""Calendar months and full years: the date arithmetic of Reading R-1.

A month is kept as one integer, ``year * 12 + month - 1``, so windows are
half-open integer ranges and their intersections are subtractions.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

import attrs

from shjzz._exports import public

_MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})\Z")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
"""ASCII digits only, in months and dates alike, as in the schema (not ２０２０)."""


@attrs.frozen(order=True)
class Month:
    """A calendar month such as ``2020-01``; ``str()`` gives that form back."""

    year: int
    month: int = attrs.field()

    @month.validator
    def _check(self, _attribute: object, value: int) -> None:
        if not 1 <= value <= 12:
            raise ValueError(f"month must be 1 to 12, got {value}")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year must be 1 to 9999, got {self.year}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read ``YYYY-MM``; raise ``ValueError`` on anything else."""
        match = _MONTH_RE.match(text)
        if match is None:
            raise ValueError("must be a month written YYYY-MM")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def from_index(cls, index: int) -> Month:
        """Inverse of :attr:`index`."""
        return cls(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        """Months since year 0: consecutive months differ by one."""
        return self.year * 12 + self.month - 1

    def __str__(self) -> str:
        """``YYYY-MM``."""
        return f"{self.year:04d}-{self.month:02d}"


def parse_date(text: str) -> _dt.date | None:
    """Read ``YYYY-MM-DD`` and nothing else; ``None`` for another shape.

    ``ValueError`` for the right shape but no such day (``2023-02-30``).
    """
    if not _DATE_RE.match(text):
        return None
    return _dt.date.fromisoformat(text)


def month_index(day: _dt.date) -> int:
    """The :attr:`Month.index` of the month *day* falls in."""
    return day.year * 12 + day.month - 1


def index_str(index: int) -> str:
    """``YYYY-MM`` for a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def full_years(start: _dt.date, on: _dt.date) -> int:
    """Whole years from *start* to *on* (周岁 / 周年); negative if *on* is earlier.

    Someone born on 29 February completes a year on 1 March in common years.
    """
    years = on.year - start.year
    if (on.month, on.day) < (start.month, start.day):
        years -= 1
    return years


def add_years(day: _dt.date, years: int) -> _dt.date:
    """The same calendar day *years* later (or earlier, if negative): the one rule for it.

    29 February becomes 1 March later on (the day a full year is completed, as
    for age) and 28 February earlier on.  Beyond the ends of the calendar the
    result is its first or last day.
    """
    year = day.year + years
    if year > _dt.MAXYEAR:
        return _dt.date.max
    if year < _dt.MINYEAR:
        return _dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:
        return _dt.date(year, 3, 1) if years > 0 else _dt.date(year, 2, 28)


def years_before(on: _dt.date, years: int) -> _dt.date:
    """The same calendar day *years* before *on* (28 February for 29 February)."""
    return add_years(on, -years)


def month_starts(start: _dt.date, end: _dt.date) -> Iterator[_dt.date]:
    """The first day of every month after the month of *start*, up to *end*."""
    for index in range(month_index(start) + 1, month_index(end) + 1):
        yield _dt.date(index // 12, index % 12 + 1, 1)


public(Month)
