"""Catalogue lookup: turn a name as a person types it into catalogue entries.

Exact names, names printed in the same entry (``alternate``) and curated
aliases (``alias``, with their status) are matched through one dictionary of
normalised keys.  A lookup never guesses: when confident matches point to
different entries the result is ``ambiguous``.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import unicodedata
from typing import TYPE_CHECKING

import attrs

from shjzz._catalogue import CATALOGUES, Alias, Entry
from shjzz._policy import registry
from shjzz.errors import UnknownCatalogue

if TYPE_CHECKING:
    from collections.abc import Iterable

    from shjzz._catalogue import Catalogues

NONE_CATALOGUE = "none"
"""Pseudo-catalogue of names known to earn no points (软考初级, 助理工程师, …)."""
_CERTIFICATES = frozenset({"skills", "titles", "qualifications"})


@attrs.frozen(kw_only=True)
class Match:
    """One catalogue entry a query may mean, and how it was matched."""

    catalogue: str
    """``skills``, ``titles``, ``qualifications``, ``majors``, ``areas``, or ``none``
    for a name known to earn no points."""
    name: str
    """The entry's name as printed in the catalogue."""
    score: float
    """Similarity in [0, 1]; 1 for exact, alternate and alias matches."""
    how: str
    """``exact``, ``alternate``, ``alias`` or ``code``."""
    confident: bool
    """Whether :func:`shjzz.score` accepts this match."""
    level: int | None = None
    """A skill level read from the query or implied by the alias (1–5)."""
    status: str | None = None
    """For ``alias``: ``official``, ``sourced`` or ``unofficial``."""
    note: str | None = None
    entry: Entry | None = attrs.field(default=None, eq=False, repr=False)
    """The catalogue entry itself (``None`` for the ``none`` pseudo-catalogue)."""


@attrs.frozen(kw_only=True)
class LookupResult:
    """What a query matched, best first."""

    query: str
    matches: tuple[Match, ...]
    ambiguous: bool
    """Whether confident matches point to different entries."""

    @property
    def confident(self) -> tuple[Match, ...]:
        """The confident matches."""
        return tuple(m for m in self.matches if m.confident)

    @property
    def best(self) -> Match | None:
        """The single confident match, or ``None`` when there is none or it is ambiguous."""
        sure = self.confident
        return sure[0] if sure and not self.ambiguous else None


def normalise(text: str) -> str:
    """Fold widths and brackets (NFKC), drop white space, case-fold Latin letters."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


@functools.cache
def _index() -> dict[str, tuple[Match, ...]]:
    cats = registry().catalogues
    index: dict[str, list[Match]] = {}
    for ed in cats.editions:
        for entry in ed.entries:
            _add(index, entry.name, _entry_match(entry, "exact"))
            for alt in entry.alternates:
                _add(index, alt, _entry_match(entry, "alternate", status="official"))
            if entry.code:
                _add(index, entry.code, _entry_match(entry, "code"))
    for alias in cats.aliases:
        _add(index, alias.alias, _alias_match(cats, alias))
    return {k: tuple(v) for k, v in index.items()}


def _add(index: dict[str, list[Match]], name: str, match: Match) -> None:
    index.setdefault(normalise(name), []).append(match)


def _entry_match(entry: Entry, how: str, status: str | None = None) -> Match:
    return Match(
        catalogue=entry.catalogue,
        name=entry.name,
        score=1.0,
        how=how,
        confident=True,
        status=status,
        entry=entry,
    )


def _alias_match(cats: Catalogues, alias: Alias) -> Match:
    entry = None
    if alias.catalogue != NONE_CATALOGUE:
        entry = next(
            e
            for ed in cats.editions
            for e in ed.entries
            if e.catalogue == alias.catalogue and e.name == alias.name
        )
    return Match(
        catalogue=alias.catalogue,
        name=alias.name,
        score=1.0,
        how="alias",
        confident=True,
        level=alias.level,
        status=alias.status,
        note=alias.note or None,
        entry=entry,
    )


def lookup(
    query: str,
    *,
    catalogue: str | Iterable[str] | None = None,
    on: _dt.date | None = None,
) -> LookupResult:
    """Look *query* up in the catalogues (all of them, or those named).

    Areas are dated row by row: only rows in force on *on* (default today)
    match.  Names known to earn no points match in the ``none`` pseudo-catalogue
    whatever catalogues are asked for.
    """
    wanted = _wanted(catalogue)
    day = on or _dt.date.today()
    found = [
        m
        for m in _index().get(normalise(query), ())
        if (m.catalogue in wanted or (m.catalogue == NONE_CATALOGUE and wanted & _CERTIFICATES))
        and (m.entry is None or m.entry.in_force(day))
    ]
    seen: set[tuple[str, str]] = set()
    matches = []
    for m in found:
        key = (m.catalogue, m.name)
        if key not in seen:
            seen.add(key)
            matches.append(m)
    return LookupResult(query=query, matches=tuple(matches), ambiguous=len(seen) > 1)


def nearest(query: str, catalogue: str, on: _dt.date, n: int = 3) -> tuple[str, ...]:
    """The catalogue names closest to *query*, for a reason shown to a person."""
    names = sorted(
        {
            e.name
            for ed in registry().catalogues.editions
            if ed.catalogue == catalogue
            for e in ed.entries
            if e.in_force(on)
        }
    )
    return tuple(difflib.get_close_matches(query, names, n=n, cutoff=0.0))


def _wanted(catalogue: str | Iterable[str] | None) -> frozenset[str]:
    if catalogue is None:
        return frozenset(CATALOGUES)
    names = frozenset([catalogue] if isinstance(catalogue, str) else catalogue)
    unknown = names - set(CATALOGUES)
    if unknown:
        raise UnknownCatalogue(sorted(unknown)[0], CATALOGUES)
    return names
