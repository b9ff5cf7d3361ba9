"""The arguments of the public functions: what is unambiguous is taken, the rest refused.

A ``datetime`` stands for its calendar day (the rules count days, never hours),
a ``date`` subclass for a plain ``date``, and applicant-file data (a mapping)
for the applicant it loads to.  Anything else is one clear
:class:`~shjzz.errors.InvalidArgument`, never a ``TypeError`` from deep inside.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping

from shjzz._applicant import Applicant
from shjzz._convert import load_applicant
from shjzz.errors import InvalidArgument


def as_date(value: object, name: str) -> _dt.date:
    """*value* as a plain :class:`datetime.date` (a ``datetime`` gives its date)."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if type(value) is _dt.date:
        return value
    if isinstance(value, _dt.date):
        return _dt.date(value.year, value.month, value.day)
    raise InvalidArgument(f"{name} must be a date, got {type(value).__name__}")


def as_applicant(value: object) -> Applicant:
    """*value* as an :class:`~shjzz.Applicant`; a mapping is read by ``load_applicant``."""
    if isinstance(value, Applicant):
        return value
    if isinstance(value, Mapping):
        return load_applicant(value)
    raise InvalidArgument(
        "applicant must be a shjzz.Applicant or applicant-file data (a mapping), "
        f"got {type(value).__name__}"
    )


def as_iterable(value: object, name: str) -> Iterable[object]:
    """*value* if it can be iterated (a string or a mapping is not a list of applicants)."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidArgument(
            f"{name} must be an iterable of applicants, got {type(value).__name__}"
        )
    return value


def as_points(value: object, name: str) -> int:
    """*value* as a whole number of points (``True`` is not one)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name} must be a whole number of points, got {value!r:.40}")
    return value
