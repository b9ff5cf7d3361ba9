"""Calendar months and full years: the date arithmetic of Reading R-1.

A month is kept as one integer, ``year * 12 + month - 1``, so windows are
half-open integer ranges and their intersections are subtractions.
"""

from __future__ import annotations

import datetime as _dt
import re

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


def years_before(on: _dt.date, years: int) -> _dt.date:
    """The same calendar day *years* before *on* (28 February for 29 February).

    ``date.min`` when that year is before year 1 (a window reaching back that far
    starts at the first representable day).
    """
    year = on.year - years
    clamped = _clamp(year)
    if clamped is not None:
        return clamped
    try:
        return on.replace(year=year)
    except ValueError:
        return on.replace(year=year, day=28)


def anniversary(day: _dt.date, year: int) -> _dt.date:
    """The day in *year* a full year since *day* is completed (1 March for 29 February).

    ``date.min`` / ``date.max`` for a year outside 1 to 9999.
    """
    clamped = _clamp(year)
    if clamped is not None:
        return clamped
    try:
        return day.replace(year=year)
    except ValueError:
        return _dt.date(year, 3, 1)


def in_year(year: int, month: int, day: int) -> _dt.date:
    """The date *year*-*month*-*day*; ``date.min`` / ``date.max`` for a year outside 1 to 9999."""
    clamped = _clamp(year)
    return _dt.date(year, month, day) if clamped is None else clamped


def day_after(day: _dt.date) -> _dt.date:
    """The next day; ``date.max`` stays ``date.max`` (no date is later)."""
    return day if day == _dt.date.max else day + _dt.timedelta(days=1)


def _clamp(year: int) -> _dt.date | None:
    """Date arithmetic never overflows: the first or last representable day, or ``None``."""
    if year < _dt.MINYEAR:
        return _dt.date.min
    if year > _dt.MAXYEAR:
        return _dt.date.max
    return None


public(Month)
