"""shjzz: the scoring rules of Shanghai's residence-permit points system (上海市居住证积分).

Score an applicant under any dated policy version, with every line item, the
reason for it and the certainty of the rule behind it::

    import shjzz
    applicant = shjzz.load_applicant({"birth_date": "1997-05-10", ...})
    result = shjzz.score(applicant, on=datetime.date(2025, 3, 1))

shjzz says whether the 120-point residence-permit standard is met; it never
says anything about 户籍 (hukou), which is a different scheme.

Every name is loaded on first use, so ``import shjzz`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shjzz import errors, rules
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
    from shjzz._bulk import score_many
    from shjzz._catalogue import CatalogueEntry
    from shjzz._convert import load_applicant, unstructure
    from shjzz._diff import BasisChange, Diff, Difference, RecordedChange, diff
    from shjzz._lookup import LookupResult, Match, lookup
    from shjzz._months import Month
    from shjzz._plan import Lever, Plan, PlanPoint, change_points, plan
    from shjzz._policy import (
        Amendment,
        Indicators,
        Policy,
        Reading,
        ReadingChoice,
        amendments,
        policies,
        policy,
        readings,
        wages,
    )
    from shjzz._render import render
    from shjzz._result import Alternative, Basis, ItemChange, LineItem, ScoreResult
    from shjzz._score import score
    from shjzz._sources import Source, source, sources
    from shjzz._wages import WageRow
    from shjzz._worth import CatalogueListing, ListedEntry, Worth, catalogue, worth

__all__ = [
    "Alternative",
    "Amendment",
    "Applicant",
    "AreaPeriod",
    "Award",
    "Basis",
    "BasisChange",
    "CatalogueEntry",
    "CatalogueListing",
    "Certificate",
    "Diff",
    "Difference",
    "Education",
    "Entrepreneur",
    "Indicators",
    "InsurancePeriod",
    "Investment",
    "ItemChange",
    "Lever",
    "LineItem",
    "ListedEntry",
    "LookupResult",
    "Major",
    "Match",
    "Month",
    "Plan",
    "PlanPoint",
    "Policy",
    "Reading",
    "ReadingChoice",
    "Record",
    "RecordedChange",
    "ScoreResult",
    "ServicePeriod",
    "Source",
    "Spouse",
    "WageRow",
    "Worth",
    "amendments",
    "catalogue",
    "change_points",
    "diff",
    "errors",
    "load_applicant",
    "lookup",
    "plan",
    "policies",
    "policy",
    "readings",
    "render",
    "rules",
    "score",
    "score_many",
    "source",
    "sources",
    "unstructure",
    "wages",
    "worth",
]

_HOME = {
    "BasisChange": "_diff",
    "Diff": "_diff",
    "Difference": "_diff",
    "Lever": "_plan",
    "Plan": "_plan",
    "PlanPoint": "_plan",
    "RecordedChange": "_diff",
    "change_points": "_plan",
    "diff": "_diff",
    "plan": "_plan",
    "Alternative": "_result",
    "Amendment": "_policy",
    "ItemChange": "_result",
    "ReadingChoice": "_policy",
    "Applicant": "_applicant",
    "AreaPeriod": "_applicant",
    "Award": "_applicant",
    "Basis": "_result",
    "CatalogueEntry": "_catalogue",
    "Certificate": "_applicant",
    "Education": "_applicant",
    "Entrepreneur": "_applicant",
    "InsurancePeriod": "_applicant",
    "Investment": "_applicant",
    "LineItem": "_result",
    "LookupResult": "_lookup",
    "Major": "_applicant",
    "Match": "_lookup",
    "Month": "_months",
    "Indicators": "_policy",
    "Policy": "_policy",
    "Reading": "_policy",
    "Record": "_applicant",
    "ScoreResult": "_result",
    "ServicePeriod": "_applicant",
    "Source": "_sources",
    "source": "_sources",
    "sources": "_sources",
    "Spouse": "_applicant",
    "amendments": "_policy",
    "errors": "errors:",
    "render": "_render",
    "rules": "rules:",
    "load_applicant": "_convert",
    "lookup": "_lookup",
    "policies": "_policy",
    "policy": "_policy",
    "readings": "_policy",
    "score": "_score",
    "score_many": "_bulk",
    "unstructure": "_convert",
    "WageRow": "_wages",
    "wages": "_policy",
    "CatalogueListing": "_worth",
    "ListedEntry": "_worth",
    "Worth": "_worth",
    "catalogue": "_worth",
    "worth": "_worth",
}
"""Where each public name lives: ``module`` or ``module:attribute`` (empty: the module)."""


def __getattr__(name: str) -> object:
    """Import a public name on first use and keep it."""
    try:
        home = _HOME[name]
    except KeyError:
        raise AttributeError(f"module 'shjzz' has no attribute {name!r}") from None
    module_name, _, attribute = home.partition(":")
    module = importlib.import_module(f"shjzz.{module_name}")
    value = module if home.endswith(":") else getattr(module, attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names only."""
    return list(__all__)
