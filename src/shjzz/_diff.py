"""diff(): what changed between two policy versions or two dates, read off the rule objects.

The two versions' rules are walked field by field with ``attrs.fields``
(mappings by key, tuples of rules by position, vetoes by record kind), so a new
rule kind or field needs nothing here.  Where each rule comes from (its
:class:`~shjzz.Basis`) is compared apart and grouped: a new version changes
every document, and that must not hide the changes to the rules.  Between two
dates the amendments and catalogue entries in force are compared too.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeGuard, cast

import attrs

from shjzz._catalogue import CATALOGUES, CatalogueEntry, CatalogueName, Edition
from shjzz._convert import unstructure
from shjzz._exports import public
from shjzz._i18n import N_, Lang, as_lang, translations
from shjzz._items import INDICATORS
from shjzz._months import parse_date
from shjzz._policy import (
    Policy,
    amendments,
    amendments_on,
    policies,
    policy,
    policy_ids,
    policy_on,
    registry,
)
from shjzz._result import CERTAINTIES, Basis, Certainty
from shjzz.errors import ShjzzError, UnknownPolicy

if TYPE_CHECKING:
    import gettext

    from attrs import AttrsInstance

DifferenceKind = Literal["added", "removed", "changed"]


"""Words for mapping fields, followed by the key."""


@attrs.frozen(kw_only=True)
class Difference:
    """One rule, amendment or catalogue entry that differs between the two sides."""

    path: str
    """Where: ``insurance_base.tiers[3]``, ``vetoes[family_planning]``,
    ``amendments[lingang-2019]``, ``catalogues.skills[焊工]``."""
    kind: DifferenceKind
    """``added`` (only on side b), ``removed`` (only on side a) or ``changed``."""
    before: object
    """The value on side a (``None`` if added): a number, text or rule object."""
    after: object
    """The value on side b (``None`` if removed)."""
    text: str
    """The difference as a sentence."""
    certainty: Certainty | None
    """How sure the newer side's rule is (its basis); ``None`` where it has none."""


@attrs.frozen(kw_only=True)
class BasisChange:
    """One change in where rules come from, shared by every rule listed in :attr:`paths`."""

    attribute: str
    """``document``, ``article``, ``certainty``, ``reading``, ``quote``, ``sources``, or ``basis``
    (a whole basis)."""
    before: str | None
    after: str | None
    paths: tuple[str, ...]
    """The rules whose basis changed so, such as ``age`` or ``certificate.where_obtained``."""
    text: str


@attrs.frozen(kw_only=True)
class RecordedChange:
    """A change a version records against its predecessor (:attr:`shjzz.Policy.changes`)."""

    policy: str
    text: str
    certainty: Certainty


@attrs.frozen(kw_only=True)
class Diff:
    """What changed from side a to side b."""

    a: str
    """Side a as given: a version id or a date (``YYYY-MM-DD``)."""
    b: str
    policy_a: str
    """The version compared on side a (the one in force on a date)."""
    policy_b: str
    dated: bool
    """Whether both sides are dates (then amendments and catalogues are compared too)."""
    changes: tuple[Difference, ...]
    """The rules that differ, basis aside."""
    basis: tuple[BasisChange, ...]
    """Where the rules come from, grouped."""
    amendments: tuple[Difference, ...]
    catalogues: tuple[Difference, ...]
    recorded: tuple[RecordedChange, ...]
    """The changes the versions after a's, up to b's, record (when b's version is later)."""

    @property
    def empty(self) -> bool:
        """Whether nothing differs."""
        return not (self.changes or self.basis or self.amendments or self.catalogues)


def diff(a: str | _dt.date, b: str | _dt.date, *, lang: Lang | None = None) -> Diff:
    """What changed from *a* to *b*: version ids (``"2018"``) or dates (``"2023-06-01"``).

    The rules of the two versions are compared field by field (indicators,
    eligibility, vetoes by record kind, the standard); changes in their basis
    are grouped apart.  When both sides are dates, the versions in force on them
    are compared, and so are the amendments and the catalogue entries in force
    (skill occupations, titles, qualifications, shortage majors, area rows).
    ``diff(b, a)`` is the mirror of ``diff(a, b)``.  *lang* (``"zh"`` or
    ``"en"``, default English) is the language of the texts.
    """
    lang = as_lang(lang)
    t = translations(lang)
    label_a, pol_a, day_a = _side(a)
    label_b, pol_b, day_b = _side(b)
    walker = _Walker(newer_is_b=pol_b.valid_from >= pol_a.valid_from, lang=lang)
    walker.policy(pol_a, pol_b)
    amends: tuple[Difference, ...] = ()
    entries: tuple[Difference, ...] = ()
    if day_a is not None and day_b is not None:
        amends = _amendments(day_a, day_b, t)
        entries = _catalogues(day_a, day_b, lang)
    return Diff(
        a=label_a,
        b=label_b,
        policy_a=pol_a.id,
        policy_b=pol_b.id,
        dated=day_a is not None and day_b is not None,
        changes=tuple(walker.changes),
        basis=_group(walker.bases, t),
        amendments=amends,
        catalogues=entries,
        recorded=_recorded(pol_a, pol_b),
    )


def _side(which: object) -> tuple[str, Policy, _dt.date | None]:
    """The label, the version and the date (``None`` for an id) of one side."""
    if isinstance(which, _dt.datetime):
        which = which.date()
    if isinstance(which, _dt.date):
        return which.isoformat(), policy_on(which), which
    if isinstance(which, str):
        if which in policy_ids():
            return which, policy(which), None
        try:
            day = parse_date(which)
        except ValueError:
            raise ShjzzError(f"not a calendar date: {which!r}") from None
        if day is not None:
            return which, policy_on(day), day
    raise UnknownPolicy(which, policy_ids())


# --- the walk over the rule objects ----------------------------------------------------


class _Walker:
    """Collects the differences of two rule trees, and their basis changes apart."""

    __slots__ = ("bases", "changes", "lang", "newer_is_b")

    def __init__(self, *, newer_is_b: bool, lang: Lang) -> None:
        self.newer_is_b = newer_is_b
        self.lang = lang
        self.changes: list[Difference] = []
        self.bases: list[tuple[str, Basis | None, Basis | None]] = []

    def policy(self, a: Policy, b: Policy) -> None:
        """Walk the standard, eligibility, vetoes and indicators of two versions."""
        t = translations(self.lang)
        self.walk("standard", (t.gettext("standard score"),), a.standard, b.standard, None)
        self.walk("eligibility", (t.gettext("eligibility"),), a.eligibility, b.eligibility, None)
        vetoes_a = {v.record: v for v in a.vetoes}
        vetoes_b = {v.record: v for v in b.vetoes}
        for record in dict.fromkeys([*vetoes_a, *vetoes_b]):
            words = (t.gettext("veto (一票否决) on {record} records").format(record=record),)
            self.walk(f"vetoes[{record}]", words, vetoes_a.get(record), vetoes_b.get(record), None)
        for ident in INDICATORS:
            words = (f"{INDICATORS[ident][0]} ({ident})",)
            self.walk(ident, words, a.indicators.get(ident), b.indicators.get(ident))

    def walk(
        self,
        path: str,
        words: tuple[str, ...],
        x: object,
        y: object,
        certainty: Certainty | None = None,
    ) -> None:
        """Compare *x* (side a) with *y* (side b) at *path*; *words* name it in sentences."""
        if x == y:
            return
        if isinstance(x, Basis) or isinstance(y, Basis):
            self.bases.append((path, _basis(x), _basis(y)))
            return
        newer = y if self.newer_is_b else x
        certainty = _own_certainty(newer) or certainty
        cls = type(x)
        if x is None or y is None:
            self.changes.append(_difference(path, words, (x, y), certainty, self.lang))
        elif attrs.has(cls) and type(y) is cls:
            self.fields(path, words, x, y, (newer, certainty))
        elif isinstance(x, Mapping) and isinstance(y, Mapping):
            for key in dict.fromkeys([*x, *y]):
                inner = (*words[:-1], f"{words[-1]} {key}")
                self.walk(f"{path}[{key}]", inner, x.get(key), y.get(key), certainty)
        elif _rules(x) and _rules(y):
            for i in range(max(len(x), len(y))):
                inner = (*words[:-1], f"{words[-1]} {i + 1}")
                xi = x[i] if i < len(x) else None
                yi = y[i] if i < len(y) else None
                self.walk(f"{path}[{i}]", inner, xi, yi, certainty)
        else:
            self.changes.append(_difference(path, words, (x, y), certainty, self.lang))

    def fields(
        self,
        path: str,
        words: tuple[str, ...],
        x: object,
        y: object,
        newer: tuple[object, Certainty | None],
    ) -> None:
        """Compare two rule objects of one kind field by field (*newer*: its side, certainty)."""
        rule, certainty = newer
        for f in attrs.fields(cast("type[AttrsInstance]", type(x))):
            if not f.init:  # worked out from the other fields, which are compared
                continue
            xv, yv = getattr(x, f.name), getattr(y, f.name)
            label = translations(self.lang).gettext(f.metadata.get("label", f.name))
            field_certainty = _field_certainty(rule, f.name) or certainty
            self.walk(f"{path}.{f.name}", (*words, label), xv, yv, field_certainty)


def _basis(value: object) -> Basis | None:
    return value if isinstance(value, Basis) else None


def _rules(value: object) -> TypeGuard[tuple[object, ...]]:
    """Whether *value* is a tuple of rule objects (compared by position)."""
    return isinstance(value, tuple) and all(attrs.has(type(v)) for v in value)


def _own_certainty(rule: object) -> Certainty | None:
    """The certainty of *rule*'s own ``basis``, if it has one."""
    basis = getattr(rule, "basis", None)
    return basis.certainty if isinstance(basis, Basis) else None


def _field_certainty(rule: object, name: str) -> Certainty | None:
    """The certainty of the basis *rule* keeps for field *name* (``condition_basis``…)."""
    parts = name.split("_")
    for n in range(len(parts), 0, -1):
        basis = getattr(rule, "_".join(parts[:n]) + "_basis", None)
        if isinstance(basis, Basis):
            return basis.certainty
    return None


def _difference(
    path: str,
    words: tuple[str, ...],
    sides: tuple[object, object],
    certainty: Certainty | None,
    lang: Lang,
) -> Difference:
    """Side a and side b differ at *path*; either may be ``None``."""
    x, y = sides
    t = translations(lang)
    kind: DifferenceKind = "added" if x is None else "removed" if y is None else "changed"
    where = words[0] + (": " + " ".join(words[1:]) if len(words) > 1 else "")
    if kind == "added":
        text = t.gettext("{where} added: {after}").format(where=where, after=_show(y, lang))
    elif kind == "removed":
        text = t.gettext("{where} removed (was {before})").format(
            where=where, before=_show(x, lang)
        )
    else:
        text = t.gettext(_verb(x, y)).format(
            where=where, before=_show(x, lang), after=_show(y, lang)
        )
    return Difference(path=path, kind=kind, before=x, after=y, text=text, certainty=certainty)


def _number(value: object) -> TypeGuard[int | Decimal]:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _verb(x: object, y: object) -> str:
    if _number(x) and _number(y):
        if y > x:
            return N_("{where} raised from {before} to {after}")
        return N_("{where} lowered from {before} to {after}")
    return N_("{where} changed from {before} to {after}")


def _show(value: object, lang: Lang) -> str:
    """A short human form of a rule value: a rule describes itself."""
    t = translations(lang)
    if value is None:
        return t.gettext("none")
    if isinstance(value, bool):
        return t.gettext("yes") if value else t.gettext("no")
    describe = getattr(value, "describe", None)
    if describe is not None:
        said = describe(lang=lang)
        return said if isinstance(said, str) else "; ".join(said)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_show(v, lang)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        return "; ".join(_show(v, lang) for v in value) or t.gettext("none")
    return str(value)


# --- basis, amendments, catalogues, recorded changes -----------------------------------


def _group(
    bases: list[tuple[str, Basis | None, Basis | None]], t: gettext.NullTranslations
) -> tuple[BasisChange, ...]:
    """One :class:`BasisChange` per attribute and pair of values, listing the rules it covers."""
    groups: dict[tuple[str, str | None, str | None], list[str]] = {}
    for path, x, y in bases:
        owner = path.removesuffix(".basis")
        if x is None or y is None:
            groups.setdefault(("basis", _cite(x), _cite(y)), []).append(owner)
            continue
        for f in attrs.fields(Basis):
            before, after = getattr(x, f.name), getattr(y, f.name)
            if before != after:
                if f.name == "quote":  # the clause itself is long: say only that it changed
                    before = before and t.gettext("quoted")
                    after = after and (
                        t.gettext("another quote") if before else t.gettext("quoted")
                    )
                elif f.name == "sources":  # ids, as the bibliography writes them
                    before, after = " ".join(before) or None, " ".join(after) or None
                elif f.name == "article" and (before is None or after is None):
                    before, after = before and t.gettext("cited"), after and t.gettext("cited")
                groups.setdefault((f.name, before, after), []).append(owner)
    order = [f.name for f in attrs.fields(Basis)]
    ranked = sorted(
        groups.items(),
        key=lambda g: (order.index(g[0][0]) if g[0][0] in order else len(order), -len(g[1])),
    )
    return tuple(
        BasisChange(
            attribute=attribute,
            before=before,
            after=after,
            paths=tuple(paths),
            text=t.gettext("{attribute}: {before} → {after} in {rules}").format(
                attribute=attribute,
                before=before or t.gettext("none"),
                after=after or t.gettext("none"),
                rules=(
                    t.ngettext("{n} rule", "{n} rules", len(paths)).format(n=len(paths))
                    if len(paths) > 3
                    else ", ".join(paths)
                ),
            ),
        )
        for (attribute, before, after), paths in ranked
    )


def _cite(basis: Basis | None) -> str | None:
    if basis is None:
        return None
    article = f" {basis.article}" if basis.article else ""
    reading = f", {basis.reading}" if basis.reading else ""
    return f"{basis.document}{article} ({basis.certainty}{reading})"


def _amendments(
    day_a: _dt.date, day_b: _dt.date, t: gettext.NullTranslations
) -> tuple[Difference, ...]:
    """The amendments in force on one date and not on the other."""
    on_a = {am.id for am in amendments_on(day_a)}
    on_b = {am.id for am in amendments_on(day_b)}
    out = []
    for am in amendments():
        if (am.id in on_a) == (am.id in on_b):
            continue
        added = am.id in on_b
        when = (
            t.gettext("in force from {day}").format(day=am.effective)
            if added
            else t.gettext("not in force on {day}").format(day=day_b)
        )
        out.append(
            Difference(
                path=f"amendments[{am.id}]",
                kind="added" if added else "removed",
                before=None if added else am,
                after=am if added else None,
                text=t.gettext("amendment {id} {when}: {title}").format(
                    id=am.id, when=when, title=am.title
                ),
                certainty=am.certainty,
            )
        )
    return tuple(out)


def _catalogues(day_a: _dt.date, day_b: _dt.date, lang: Lang) -> tuple[Difference, ...]:
    """The catalogue editions and entries in force on one date and not, or not so, on the other."""
    t = translations(lang)
    cats = registry().catalogues
    out: list[Difference] = []
    for name in CATALOGUES:
        ed_a, ed_b = cats.edition(name, day_a), cats.edition(name, day_b)
        if ed_a is not ed_b:
            change = (_edition(t, ed_a), _edition(t, ed_b))
            out.append(_edition_change(t, name, change, day_a, day_b))
        entries_a, entries_b = _entries(name, day_a), _entries(name, day_b)
        for key in dict.fromkeys([*entries_a, *entries_b]):
            out.extend(
                _entry_change(
                    name,
                    key,
                    (entries_a.get(key), entries_b.get(key)),
                    newer_is_b=day_b >= day_a,
                    lang=lang,
                )
            )
    return tuple(out)


def _edition(t: gettext.NullTranslations, edition: Edition | None) -> str | None:
    if edition is None:
        return None
    return t.gettext("{edition} (effective {day})").format(
        edition=edition.edition, day=edition.effective
    )


def _edition_change(
    t: gettext.NullTranslations,
    name: CatalogueName,
    change: tuple[str | None, str | None],
    day_a: _dt.date,
    day_b: _dt.date,
) -> Difference:
    before, after = change
    kind: DifferenceKind = "added" if before is None else "removed" if after is None else "changed"
    text = t.gettext("{name}: edition {before} on {day_a} → {after} on {day_b}").format(
        name=name,
        before=before or t.gettext("none"),
        day_a=day_a,
        after=after or t.gettext("none"),
        day_b=day_b,
    )
    if before is None or after is None:
        text += t.gettext(
            "; for how score() treats a date without an edition, see readings R-5 and L-1"
        )
    return Difference(
        path=f"catalogues.{name}", kind=kind, before=before, after=after, text=text, certainty=None
    )


def _entries(name: CatalogueName, day: _dt.date) -> dict[str, CatalogueEntry]:
    """The entries of *name* in force on *day*, by name (and grade, for titles)."""
    edition = registry().catalogues.edition(name, day)
    if edition is None:
        return {}
    return {
        e.name + (f" ({e.grade})" if e.grade else ""): e for e in edition.entries if e.in_force(day)
    }


def _entry_change(
    name: CatalogueName,
    key: str,
    sides: tuple[CatalogueEntry | None, CatalogueEntry | None],
    *,
    newer_is_b: bool,
    lang: Lang,
) -> list[Difference]:
    x, y = sides
    t = translations(lang)
    if x == y:
        return []
    if x is None or y is None:
        kind: DifferenceKind = "added" if x is None else "removed"
        said = t.gettext("{name}: {key} added") if x is None else t.gettext("{name}: {key} removed")
        text = said.format(name=name, key=key)
    else:
        kind = "changed"
        fields = [
            f"{f.name} {_show(getattr(x, f.name), lang)} → {_show(getattr(y, f.name), lang)}"
            for f in attrs.fields(CatalogueEntry)
            if getattr(x, f.name) != getattr(y, f.name)
        ]
        text = t.gettext("{name}: {key} changed: {fields}").format(
            name=name, key=key, fields="; ".join(fields)
        )
    newer = y if newer_is_b else x
    return [
        Difference(
            path=f"catalogues.{name}[{key}]",
            kind=kind,
            before=x,
            after=y,
            text=text,
            certainty=_certainty(newer.certainty) if newer is not None else None,
        )
    ]


def _certainty(text: str | None) -> Certainty | None:
    for c in CERTAINTIES:
        if c == text:
            return c
    return None


def _recorded(pol_a: Policy, pol_b: Policy) -> tuple[RecordedChange, ...]:
    """The changes recorded by each version after *pol_a*, up to *pol_b*."""
    return tuple(
        RecordedChange(policy=p.id, text=c.text, certainty=c.certainty)
        for p in policies()
        if pol_a.valid_from < p.valid_from <= pol_b.valid_from
        for c in p.changes
    )


# --- output ----------------------------------------------------------------------------


def diff_json(d: Diff) -> dict[str, Any]:
    """The JSON form of a diff; rule values as :func:`shjzz.unstructure` gives them."""
    return {
        "a": d.a,
        "b": d.b,
        "policy_a": d.policy_a,
        "policy_b": d.policy_b,
        "dated": d.dated,
        "changes": [_difference_json(c) for c in d.changes],
        "basis": [unstructure(c) for c in d.basis],
        "amendments": [_difference_json(c) for c in d.amendments],
        "catalogues": [_difference_json(c) for c in d.catalogues],
        "recorded": [unstructure(c) for c in d.recorded],
    }


def _difference_json(c: Difference) -> dict[str, Any]:
    return {
        "path": c.path,
        "kind": c.kind,
        "before": unstructure(c.before),
        "after": unstructure(c.after),
        "text": c.text,
        "certainty": c.certainty,
    }


public(Difference, BasisChange, RecordedChange, Diff)
