"""Facts that are valid but unlikely on the evaluation date: warned about, never refused.

Both depend on the date a file is scored on, not on the file alone, so they
are warnings on the result (the file is still scored, the same way from the
API, the command line, JSON Lines and the web API):

- a birth date more than :data:`OLDEST` years before the evaluation date (a
  typo such as 1875 for 1975);
- a period (social insurance, remote area, public service) starting after the
  month of the evaluation date: none of its months count yet.  A plan scores
  the same file on later dates, when they do.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from shjzz._months import full_years

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shjzz._applicant import Applicant, AreaPeriod, InsurancePeriod, ServicePeriod

OLDEST = 120
"""Years of age past which a birth date is taken for a typo: no one living is that old."""


def unlikely(a: Applicant, on: _dt.date) -> list[str]:
    """A warning for each fact of *a* that is unlikely when scored on *on* (usually none)."""
    out = []
    born = a.birth_date
    if born.year < on.year - OLDEST and born <= on and full_years(born, on) > OLDEST:
        out.append(
            f"birth_date {born} is more than {OLDEST} years before {on}: check it for a typo"
        )
    now = (on.year, on.month)
    lists: tuple[tuple[str, Sequence[InsurancePeriod | AreaPeriod | ServicePeriod]], ...] = (
        ("social_insurance", a.social_insurance),
        ("remote_area", a.remote_area),
        ("public_service", a.public_service),
    )
    for name, periods in lists:
        for i, p in enumerate(periods):
            start = p.from_
            if (start.year, start.month) > now:
                out.append(
                    f"{name}[{i}] starts in {start}, after the evaluation date {on}: "
                    "none of its months count on that date"
                )
    return out
