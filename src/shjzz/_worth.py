"""What a catalogue entry is worth, and the catalogues listed with it.

The points and conditions are read from the rule objects of the version in
force on the date asked about (:mod:`shjzz.rules`), never
written here, so a listing, a lookup shown on the command line and
:func:`shjzz.score` cannot disagree.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from shjzz._catalogue import CATALOGUES, CatalogueEntry
from shjzz._exports import public
from shjzz._facts import CATALOGUE_NAMES
from shjzz._frozen import frozen
from shjzz._i18n import N_, Lang, as_lang, translations
from shjzz._lookup import NONE_CATALOGUE, Match, _day
from shjzz._match import LEVEL_NAMES
from shjzz._policy import policy_on, registry
from shjzz.errors import InvalidQuery, UnknownCatalogue

if TYPE_CHECKING:
    import gettext

    from shjzz._policy import Policy
    from shjzz.rules import Certificates


def _frozen(value: Mapping[int, int]) -> Mapping[int, int]:
    return frozen(value)


_CERTIFICATE_KIND = {"skills": "skill", "titles": "title", "qualifications": "qualification"}


@attrs.frozen(kw_only=True)
class Worth:
    """The points a catalogue entry earns under one version, and the conditions on them."""

    policy: str
    """The id of the version in force on the date asked about."""
    points: int | None
    """The points, or ``None`` for a skill whose level is not known (see ``by_level``)."""
    by_level: Mapping[int, int] = attrs.field(factory=dict, converter=_frozen)
    """For a skill: the points at each level, 1 (一级/高级技师) to 5 (五级/初级工)."""
    per_year: bool = False
    """For an area: the points are per full year worked there."""
    conditions: tuple[str, ...] = ()
    """What must also hold for the points to count, in the words ``score()`` uses."""
    reason: str | None = None
    """For a name known to earn nothing: why."""


@attrs.frozen(kw_only=True)
class ListedEntry:
    """One entry of a listed catalogue and what it is worth."""

    entry: CatalogueEntry
    worth: Worth
    aliases: tuple[str, ...] = ()
    """Old, colloquial or exam names of the entry in the alias table (电焊工 for 焊工)."""


@attrs.frozen(kw_only=True)
class CatalogueListing:
    """The entries of one catalogue in force on a date, each with its worth."""

    catalogue: str
    on: _dt.date
    policy: str
    """The version in force on ``on``, whose rules give the points."""
    edition: str
    effective: _dt.date
    complete: bool
    completeness: str
    sources: tuple[str, ...]
    entries: tuple[ListedEntry, ...]
    note: str | None = None
    """Set when no edition of the catalogue is in force on ``on`` (the first one is listed)."""


def worth(
    found: Match | CatalogueEntry, *, on: _dt.date | None = None, lang: Lang | None = None
) -> Worth:
    """What a lookup match or a catalogue entry earns under the version in force on *on*.

    *on* defaults to today; :class:`~shjzz.errors.PolicyNotInForce` if no
    version is in force then.  A match's level (``焊工（三级）``) gives the
    points of that level; without one a skill lists its points by level.
    *lang* (``"zh"`` or ``"en"``, default English) is the language of the
    conditions and the reason.
    """
    t = translations(as_lang(lang))
    day = _day(on)
    pol = policy_on(day)
    if isinstance(found, Match):
        if found.catalogue == NONE_CATALOGUE or found.entry is None:
            reason = found.note or t.gettext("earns no points")
            return Worth(policy=pol.id, points=0, reason=reason)
        return _worth(pol, found.entry, found.level, day, t)
    if isinstance(found, CatalogueEntry):
        return _worth(pol, found, None, day, t)
    raise InvalidQuery(f"worth() takes a Match or a CatalogueEntry, not {type(found).__name__}")


def _worth(
    pol: Policy,
    entry: CatalogueEntry,
    level: int | None,
    day: _dt.date,
    t: gettext.NullTranslations,
) -> Worth:
    ind = pol.indicators
    if entry.catalogue == "majors":
        return Worth(policy=pol.id, points=ind.shortage_major.points)
    if entry.catalogue == "areas":
        area = ind.remote_area
        years = entry.counts_after_years
        conditions = [
            t.ngettext(
                "counts after {n} full year there", "counts after {n} full years there", years
            ).format(n=years)
        ]
        if years == 0:
            conditions = [t.gettext("counts from the first full year there")]
        if area.cap is not None:
            conditions.append(
                t.gettext("at most {cap} points; only the highest single area counts").format(
                    cap=area.cap
                )
            )
        return Worth(
            policy=pol.id, points=area.per_year, per_year=True, conditions=tuple(conditions)
        )
    rule = ind.certificate
    by_level: dict[int, int]
    points: int | None
    if entry.catalogue == "skills":
        by_level = {n: rule.skill[str(n)] for n in sorted(LEVEL_NAMES)}
        points = None if level is None else by_level[level]
    elif entry.catalogue == "titles":
        by_level = {}
        points = rule.title["intermediate" if entry.grade == "intermediate" else "senior"]
    else:
        by_level = {}
        points = rule.qualification
    return Worth(
        policy=pol.id,
        points=points,
        by_level=by_level,
        conditions=_conditions(rule, entry, level, by_level, day, t=t),
    )


_FIELD_MATCHES = {
    "skill": N_("the skill's field matches the post"),
    "title": N_("the title's field matches the post"),
    "qualification": N_("the qualification's field matches the post"),
}


def _conditions(  # noqa: PLR0913 - the rule, the entry, and the language to say it in
    rule: Certificates,
    entry: CatalogueEntry,
    level: int | None,
    by_level: dict[int, int],
    day: _dt.date,
    *,
    t: gettext.NullTranslations,
) -> tuple[str, ...]:
    kind = _CERTIFICATE_KIND[entry.catalogue]
    said = [t.gettext(_FIELD_MATCHES[kind])]
    if entry.catalogue == "skills":
        said.append(
            t.gettext(
                "obtained while working in Shanghai, or obtained elsewhere and verified in "
                "Shanghai at levels 1–{n}"
            ).format(n=rule.verified_max_level)
        )
        edition = registry().catalogues.edition("skills", day)
        if edition is None:
            said.append(
                t.gettext(
                    "no skills catalogue is encoded for {day}: accepted unchecked (R-5)"
                ).format(day=day)
            )
        else:
            said.append(
                t.gettext("on the skills catalogue in force (from {effective})").format(
                    effective=edition.effective
                )
            )
    elif entry.catalogue == "titles":
        said.append(
            t.gettext("obtained by national examination, or by review while working in Shanghai")
        )
    else:
        said.append(t.gettext("registered, where registration applies"))
    if entry.catalogue == "skills":
        levels = [level] if level is not None else sorted(by_level)
        needing = [n for n in levels if rule.condition_words(kind, n) is not None]
        condition = rule.condition_words(kind, needing[0], t) if needing else None
        if condition is not None and level is not None:
            said.append(condition)
        elif condition is not None:
            names = "/".join(LEVEL_NAMES[n].split("/")[0] for n in needing)
            said.append(
                t.gettext("at {levels}, {condition}").format(levels=names, condition=condition)
            )
    else:
        grade = "intermediate" if entry.grade in {None, "intermediate"} else "senior"
        condition = rule.condition_words(kind, grade, t)
        if condition is not None:
            said.append(condition)
        elif rule.condition is not None and kind == "qualification":
            said.append(
                t.gettext("no base condition for a qualification (R-6; R-6=as-title applies it)")
            )
    return tuple(said)


def catalogue(
    name: str, *, on: _dt.date | None = None, lang: Lang | None = None
) -> CatalogueListing:
    """The entries of catalogue *name* in force on *on* (default today), each with its worth.

    *name* is ``skills``, ``titles``, ``qualifications``, ``majors`` or
    ``areas``.  Area rows are listed if in force on *on*; before the first
    edition of a catalogue its first edition is listed, with a ``note``.
    *lang* (``"zh"`` or ``"en"``, default English) is the language of the
    conditions and the note.
    """
    t = translations(as_lang(lang))
    if not isinstance(name, str) or name not in CATALOGUES:
        raise UnknownCatalogue(name, CATALOGUES)
    day = _day(on)
    pol = policy_on(day)
    cats = registry().catalogues
    edition = cats.edition(name, day)
    note = None
    if edition is None:
        edition = cats.nearest(name, day)
        note = t.gettext(
            "no {name} catalogue is encoded for {day}; the first edition, of {effective}, is listed"
        ).format(name=t.gettext(CATALOGUE_NAMES[name]), day=day, effective=edition.effective)
    aliases: dict[str, list[str]] = {}
    for alias in cats.aliases:
        aliases.setdefault(alias.target, []).append(alias.alias)
    entries = tuple(
        ListedEntry(
            entry=e, worth=_worth(pol, e, None, day, t), aliases=tuple(aliases.get(e.key, ()))
        )
        for e in edition.entries
        if e.in_force(day)
    )
    return CatalogueListing(
        catalogue=name,
        on=day,
        policy=pol.id,
        edition=edition.edition,
        effective=edition.effective,
        complete=edition.complete,
        completeness=edition.completeness,
        sources=edition.sources,
        entries=entries,
        note=note,
    )


public(Worth, ListedEntry, CatalogueListing)
