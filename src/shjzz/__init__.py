"""shjzz: the scoring rules of Shanghai's residence-permit points system (上海市居住证积分).

Score an applicant under any dated policy version, with every line item, the
reason for it and the certainty of the rule behind it::

    import shjzz
    applicant = shjzz.load_applicant({"birth_date": "1997-05-10", ...})
    result = shjzz.score(applicant, on=datetime.date(2025, 3, 1))

shjzz says whether the 120-point residence-permit standard is met; it never
says anything about 户籍 (hukou), which is a different scheme.
"""

from __future__ import annotations

from typing import Any

import attrs

from shjzz import errors
from shjzz._applicant import (
    Applicant,
    AreaPeriod,
    Award,
    Certificate,
    Education,
    Entrepreneur,
    InsurancePeriod,
    Investment,
    Major,
    Record,
    ServicePeriod,
    Spouse,
)
from shjzz._catalogue import Entry as CatalogueEntry
from shjzz._lookup import LookupResult, Match, lookup
from shjzz._months import Month
from shjzz._policy import (
    Amendment,
    Policy,
    Reading,
    amendments,
    policies,
    policy,
    readings,
)
from shjzz._result import Basis, LineItem, ScoreResult
from shjzz._score import score

__all__ = [
    "Amendment",
    "Applicant",
    "AreaPeriod",
    "Award",
    "Basis",
    "CatalogueEntry",
    "Certificate",
    "Education",
    "Entrepreneur",
    "InsurancePeriod",
    "Investment",
    "LineItem",
    "LookupResult",
    "Major",
    "Match",
    "Month",
    "Policy",
    "Reading",
    "Record",
    "ScoreResult",
    "ServicePeriod",
    "Spouse",
    "amendments",
    "errors",
    "load_applicant",
    "lookup",
    "policies",
    "policy",
    "readings",
    "score",
    "unstructure",
]


def load_applicant(data: object) -> Applicant:
    """Read an applicant file (schema 1) from JSON-like data.

    Strict: unknown keys, wrong types and malformed dates are refused, and
    every problem is reported with its field path in one
    :class:`~shjzz.errors.InvalidApplicant`.
    """
    from shjzz._convert import load_applicant as _load  # noqa: PLC0415 - cattrs loads lazily

    return _load(data)


def unstructure(value: object) -> Any:  # noqa: ANN401 - JSON-like data
    """Plain JSON-ready data (dicts, lists, strings, numbers) from a shjzz object."""
    from shjzz._convert import unstructure as _unstructure  # noqa: PLC0415

    return _unstructure(value)


for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type):
        if attrs.has(_obj):
            attrs.resolve_types(_obj)  # before the module changes: annotations are strings
        _obj.__module__ = __name__
del _name, _obj
