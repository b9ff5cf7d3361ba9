"""The catalogue view's data, through one adapter over what the library exposes today.

:func:`catalogue_json` is the only place the web layer reads catalogues; when
``shjzz.catalogue(name, on=…)`` exists it is the one function to swap.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from shjzz._catalogue import CATALOGUES, CatalogueName
from shjzz._convert import unstructure
from shjzz._policy import Policy, policy_on, registry
from shjzz.errors import UnknownCatalogue


def catalogue_json(name: str, on: _dt.date) -> dict[str, Any]:
    """The entries of catalogue *name* in force on *on*, its edition, and the points rule."""
    known: CatalogueName | None = next((c for c in CATALOGUES if c == name), None)
    if known is None:
        raise UnknownCatalogue(name, CATALOGUES)
    pol = policy_on(on)
    edition = registry().catalogues.edition(known, on)
    entries = [] if edition is None else [e for e in edition.entries if e.in_force(on)]
    return {
        "catalogue": known,
        "on": on.isoformat(),
        "policy": pol.id,
        "edition": None if edition is None else edition.edition,
        "effective": None if edition is None else edition.effective.isoformat(),
        "completeness": None if edition is None else edition.completeness,
        "sources": None if edition is None else edition.sources,
        "points": _points(known, pol),
        "entries": [unstructure(e) for e in entries],
    }


def _points(name: CatalogueName, pol: Policy) -> dict[str, Any]:
    """What an entry of *name* earns under *pol*, as the version's rule states it."""
    ind = pol.indicators
    cert = ind.certificate
    if name == "skills":
        return {"by_level": dict(cert.skill)}
    if name == "titles":
        return {"by_grade": dict(cert.title)}
    if name == "qualifications":
        return {"each": cert.qualification}
    if name == "majors":
        return {"each": ind.shortage_major.points}
    return {"per_year": ind.remote_area.per_year, "cap": ind.remote_area.cap}
