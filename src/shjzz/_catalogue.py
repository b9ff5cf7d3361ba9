"""Dated catalogues: skill occupations, titles, qualifications, shortage majors, areas.

Each catalogue is read from a CSV file in ``shjzz/data/catalogues`` whose
``# key: value`` header lines give its edition, effective date, sources and
completeness.  Entries are frozen; an :class:`Edition` is in force from its
effective date until the next edition of the same catalogue.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import re
from typing import TYPE_CHECKING, Literal

import attrs

from shjzz._exports import public
from shjzz._resources import names, read_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

CatalogueName = Literal["skills", "titles", "qualifications", "majors", "areas"]
CATALOGUES: tuple[CatalogueName, ...] = ("skills", "titles", "qualifications", "majors", "areas")
AliasStatus = Literal["official", "sourced", "unofficial"]
Grade = Literal["intermediate", "deputy_senior", "senior"]

_HEADER_RE = re.compile(r"#\s*(\w+):\s*(.*)")


@attrs.frozen
class CatalogueEntry:
    """One catalogue entry: the name printed in the catalogue and its other names."""

    catalogue: CatalogueName
    name: str
    alternates: tuple[str, ...] = ()
    """Other names printed in the same entry (status ``official``)."""
    code: str | None = None
    """Occupation code (skills) or major code (majors)."""
    grade: Grade | None = None
    """For a title: 中级, 副高 or 正高."""
    series: tuple[str, ...] = ()
    """For a title: the 职称 series it belongs to; for a qualification: the title it equals."""
    valid_from: _dt.date | None = None
    """For an area: first day it counts (areas are dated row by row)."""
    valid_until: _dt.date | None = None
    """For an area: first day it no longer counts, or ``None``."""
    counts_after_years: int = 0
    """For an area: full years needed before its points count."""
    amendment: str | None = None
    """For an area: the amendment that made it count."""
    certainty: str | None = None
    number: int | None = None
    """The entry's number in the published list (skills, qualifications, majors)."""

    @property
    def key(self) -> str:
        """``catalogue:name``, as in ``aliases.csv``."""
        return f"{self.catalogue}:{self.name}"

    def in_force(self, on: _dt.date) -> bool:
        """Whether a dated entry (an area) counts on *on*; undated entries always do."""
        if self.valid_from is not None and on < self.valid_from:
            return False
        return self.valid_until is None or on < self.valid_until


@attrs.frozen
class Alias:
    """An old, colloquial or exam name for a catalogue entry (``aliases.csv``)."""

    alias: str
    target: str
    """``catalogue:name``; the catalogue ``none`` names things that earn no points."""
    level: int | None
    status: AliasStatus
    note: str

    @property
    def catalogue(self) -> str:
        """The target's catalogue (``none`` for names that earn nothing)."""
        return self.target.partition(":")[0]

    @property
    def name(self) -> str:
        """The target's entry name."""
        return self.target.partition(":")[2]


@attrs.frozen
class Edition:
    """One edition of one catalogue."""

    catalogue: CatalogueName
    edition: str
    effective: _dt.date
    completeness: str
    sources: tuple[str, ...]
    """Ids of the sources the edition was compiled from (:func:`shjzz.source`)."""
    file: str
    entries: tuple[CatalogueEntry, ...]

    @property
    def complete(self) -> bool:
        """Whether the edition is known in full (else lookups say so)."""
        return self.completeness.startswith("complete")


@attrs.frozen
class Catalogues:
    """Every catalogue edition and the alias table."""

    editions: tuple[Edition, ...]
    aliases: tuple[Alias, ...]

    def edition(self, catalogue: CatalogueName, on: _dt.date) -> Edition | None:
        """The edition in force on *on*, or ``None`` before the first one."""
        best = None
        for ed in self.editions:
            if (
                ed.catalogue == catalogue
                and ed.effective <= on
                and (best is None or ed.effective > best.effective)
            ):
                best = ed
        return best

    def nearest(self, catalogue: CatalogueName, on: _dt.date) -> Edition:
        """The edition in force on *on*, or else the earliest one."""
        found = self.edition(catalogue, on)
        if found is not None:
            return found
        return min(
            (ed for ed in self.editions if ed.catalogue == catalogue), key=lambda e: e.effective
        )


@functools.cache
def catalogues() -> Catalogues:
    """Every catalogue shipped with shjzz, read on first use (once)."""
    return load_catalogues()


def load_catalogues() -> Catalogues:
    """Read every catalogue CSV shipped with shjzz: each file is one edition.

    A file's name says its catalogue (``skills-2022.csv`` is an edition of
    ``skills``); a new edition is a new file, found without any list in code.
    """
    editions = tuple(
        _edition(*_kind(file), file) for file in names("catalogues", ".csv") if file != _ALIASES
    )
    aliases = tuple(
        Alias(
            alias=row["alias"],
            target=row["target"],
            level=int(row["level"]) if row["level"] else None,
            status=_status(row["status"]),
            note=row["note"],
        )
        for row in _rows(read_text(f"catalogues/{_ALIASES}"))[1]
    )
    return Catalogues(editions, aliases)


_ALIASES = "aliases.csv"
"""The alias table, beside the editions."""

_FILE_KINDS: tuple[tuple[str, CatalogueName], ...] = (
    ("skills", "skills"),
    ("titles", "titles"),
    ("qualifications", "qualifications"),
    ("shortage-majors", "majors"),
    ("areas", "areas"),
)
"""How a catalogue file's name begins, and the catalogue it is an edition of."""


def _kind(
    file: str,
) -> tuple[CatalogueName, Callable[[list[dict[str, str]]], Iterable[CatalogueEntry]]]:
    stem = file.removesuffix(".csv")
    for prefix, catalogue in _FILE_KINDS:
        if stem == prefix or stem.startswith(prefix + "-"):
            return catalogue, _READERS[catalogue]
    raise ValueError(f"catalogues/{file}: not an edition of any catalogue")


def _status(text: str) -> AliasStatus:
    if text == "official":
        return "official"
    if text == "sourced":
        return "sourced"
    if text == "unofficial":
        return "unofficial"
    raise ValueError(f"unknown alias status {text!r}")


def _rows(text: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    header: dict[str, str] = {}
    body = []
    for line in text.splitlines():
        if line.startswith("#"):
            match = _HEADER_RE.match(line)
            if match:
                header[match[1]] = match[2].strip()
        else:
            body.append(line)
    return header, list(csv.DictReader(io.StringIO("\n".join(body))))


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[/;]", text) if part.strip())


def _date(text: str) -> _dt.date:
    return _dt.date.fromisoformat(text.split(maxsplit=1)[0])


def _edition(
    catalogue: CatalogueName,
    read: Callable[[list[dict[str, str]]], Iterable[CatalogueEntry]],
    file: str,
) -> Edition:
    header, rows = _rows(read_text(f"catalogues/{file}"))
    entries = tuple(read(rows))
    if "effective" in header:
        effective = _date(header["effective"])
    else:
        effective = min(e.valid_from for e in entries if e.valid_from is not None)
    return Edition(
        catalogue=catalogue,
        edition=header.get("edition", file),
        effective=effective,
        completeness=header.get("completeness", "unknown"),
        sources=tuple(header.get("sources", "").split()),
        file=file,
        entries=entries,
    )


def _skills(rows: list[dict[str, str]]) -> Iterator[CatalogueEntry]:
    for row in rows:
        yield CatalogueEntry(
            "skills",
            row["name"],
            _split(row["alternates"]),
            code=row["code_2022"] or None,
            number=int(row["no"]),
        )


def _qualifications(rows: list[dict[str, str]]) -> Iterator[CatalogueEntry]:
    for row in rows:
        yield CatalogueEntry(
            "qualifications",
            row["name"],
            _split(row["alternates"]),
            series=(row["equivalent_title"],),
            number=int(row["no"]),
        )


def _majors(rows: list[dict[str, str]]) -> Iterator[CatalogueEntry]:
    for row in rows:
        yield CatalogueEntry(
            "majors",
            row["name"],
            code=row["code"],
            series=(row["category"],),
            number=int(row["no"]),
        )


def _areas(rows: list[dict[str, str]]) -> Iterator[CatalogueEntry]:
    for row in rows:
        yield CatalogueEntry(
            "areas",
            row["area"],
            _split(row["alternates"]),
            valid_from=_date(row["from"]),
            valid_until=_date(row["to"]) + _dt.timedelta(days=1) if row["to"] else None,
            counts_after_years=int(row["counts_after_years"]),
            amendment=row["amendment"] or None,
            certainty=row["certainty"],
        )


def _titles(rows: list[dict[str, str]]) -> Iterator[CatalogueEntry]:
    """One entry per (name, grade); a name used in several series lists them all."""
    series_of: dict[tuple[str, Grade], list[str]] = {}
    grades: tuple[Grade, ...] = ("intermediate", "deputy_senior", "senior")
    for row in rows:
        for grade in grades:
            for name in _split(row[grade]):
                series_of.setdefault((name, grade), []).append(row["series"])
    for (name, grade), series in series_of.items():
        yield CatalogueEntry("titles", name, grade=grade, series=tuple(series))


public(CatalogueEntry)


_READERS: dict[CatalogueName, Callable[[list[dict[str, str]]], Iterable[CatalogueEntry]]] = {
    "skills": _skills,
    "titles": _titles,
    "qualifications": _qualifications,
    "majors": _majors,
    "areas": _areas,
}
