"""Sphinx directives that render shjzz's rules straight from its rule objects.

Every table here is built at documentation build time from the objects
``shjzz`` itself scores with (``shjzz.policy(id)``, ``shjzz.amendments()``,
``shjzz.readings()``, the wage series and the areas catalogue), so the pages
and the code cannot disagree.  The directives emit plain docutils nodes:

``shjzz-policy ID``
    One policy version: summary, changes, eligibility and vetoes, indicators,
    remote key areas.
``shjzz-policies``, ``shjzz-amendments``, ``shjzz-areas``, ``shjzz-wages``, ``shjzz-readings``
    The version overview, the dated amendments, the areas catalogue, the
    reference-wage series, the readings.
``shjzz-indicators``
    The stable indicator ids with their Chinese names and versions.
``shjzz-applicant-fields``, ``shjzz-limits``
    The applicant file's fields (from the attrs classes) and the input limits.
``shjzz-errors``
    The exceptions of ``shjzz.errors``, with their bases and docstrings.
``shjzz-catalogues``, ``shjzz-aliases``
    The catalogue editions (effective date, completeness, entries) and the
    alias table that lookups read.
``shjzz-catalogue NAME`` (option ``:on: YYYY-MM-DD``)
    One catalogue as :func:`shjzz.catalogue` lists it on a date: the edition,
    then every entry with its points under the version in force and the
    conditions on them.
``shjzz-lookup-constants``, ``shjzz-level-words``
    The similarity constants of ``shjzz._lookup`` with their docstrings, and
    the skill-level words a lookup reads off a name.
``shjzz-certificate-words``, ``shjzz-grade-words``, ``shjzz-generic-words``
    The certificate words, title grade words and generic parts a lookup reads.

and two roles: ``shjzz-limit`` for a limit's value inside a sentence, and
``shjzz-value`` for another value the code holds (a lookup constant, the last
encoded day, the end of the wage series, …).
"""

from __future__ import annotations

import datetime as _dt
import functools
import inspect
import re
import types
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
from docutils import nodes
from sphinx import addnodes
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

import shjzz
from shjzz import _limits, _lookup, _match
from shjzz._applicant import json_name
from shjzz._items import INDICATORS
from shjzz._months import Month
from shjzz._policy import registry

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from sphinx.application import Sphinx

    from shjzz import Basis, Policy

Cell = str | nodes.Node | list[Any]
"""A table cell: inline text (backticks mark code), a node, or several paragraphs."""

GROUPS = {
    "basic": "Basic (基础指标)",
    "bonus": "Bonus (加分指标)",
    "deduction": "Deductions (减分指标)",
}
DASH = "—"
_CODE = re.compile(r"`([^`]+)`")


# --- small node builders -----------------------------------------------------------


def inline(text: str) -> list[nodes.Node]:
    """Text with ``code`` in backticks as literal nodes."""
    out: list[nodes.Node] = []
    for i, part in enumerate(_CODE.split(text)):
        if part:
            out.append(nodes.literal(part, part) if i % 2 else nodes.Text(part))
    return out


def para(value: Cell) -> list[nodes.Node]:
    """Body elements for one cell."""
    if isinstance(value, list):
        return [n for v in value for n in para(v)]
    if isinstance(value, nodes.Node):
        return [value if isinstance(value, nodes.Body) else nodes.paragraph("", "", value)]
    return [nodes.paragraph("", "", *inline(value))]


def table(
    header: Sequence[str] | None,
    rows: Iterable[Sequence[Cell]],
    *,
    widths: Sequence[int],
) -> nodes.table:
    """A plain table (no header row if *header* is ``None``); *widths* are relative."""
    tbl = nodes.table(classes=["shjzz-table"])
    group = nodes.tgroup(cols=len(widths))
    tbl += group
    for width in widths:
        group += nodes.colspec(colwidth=width * 10)
    if header is not None:
        head = nodes.thead()
        group += head
        head += _row(header)
    body = nodes.tbody()
    group += body
    for cells in rows:
        body += _row(cells)
    return tbl


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for value in cells:
        entry = nodes.entry()
        entry.extend(para(value))
        row += entry
    return row


def field_table(rows: Iterable[tuple[str, Cell]]) -> nodes.table:
    """A two-column table of labelled values."""
    return table(None, rows, widths=(2, 6))


def xref(
    text: str, target: str, reftype: str = "ref", *, code: bool = False, domain: str = "std"
) -> nodes.Node:
    """A cross-reference to a label (``ref``), a document (``doc``) or a Python object."""
    ref = addnodes.pending_xref(
        "", refdomain=domain, reftype=reftype, reftarget=target, refexplicit=True, refwarn=True
    )
    ref += nodes.literal(text, text) if code else nodes.inline(text, text)
    return ref


def reading_ref(reading: str | None) -> Cell:
    """A link to a reading on the readings page, or a dash."""
    return xref(reading, f"reading-{reading.lower()}") if reading else DASH


def amendment_ref(ident: str) -> nodes.Node:
    """A link to an amendment's row on the amendments page."""
    return xref(ident, f"amendment-{ident}", code=True)


def source_refs(idents: Sequence[str]) -> Cell:
    """Links to sources on the bibliography page, or a dash."""
    if not idents:
        return DASH
    return joined((xref(i, f"source-{i.lower()}", code=True) for i in idents), " ")


def joined(items: Iterable[nodes.Node], sep: str = ", ") -> nodes.paragraph:
    """Inline nodes separated by *sep*, in one paragraph."""
    p = nodes.paragraph()
    for i, item in enumerate(items):
        if i:
            p += nodes.Text(sep)
        p += item
    return p


def basis_cells(basis: Basis | None) -> list[Cell]:
    """Document, article, certainty, reading."""
    if basis is None:
        return [DASH, DASH, DASH, DASH]
    return [
        basis.document,
        basis.article or DASH,
        f"`{basis.certainty}`",
        reading_ref(basis.reading),
    ]


def last_day(until: _dt.date) -> _dt.date:
    """The last day of a half-open ``[from, until)`` range."""
    return until - _dt.timedelta(days=1)


def in_force(valid_from: _dt.date, valid_until: _dt.date | None) -> str:
    """``[from, until)``, with the last day spelt out."""
    if valid_until is None:
        return f"from {valid_from}, open-ended"
    return f"[{valid_from}, {valid_until}): {valid_from} to {last_day(valid_until)}"


# --- rule kinds as text --------------------------------------------------------------


def rule_text(rule: object) -> Cell:
    """What a rule object says: its own description (``shjzz.rules``)."""
    return list(rule.describe())  # type: ignore[attr-defined]


def with_quote(text: Cell, basis: Basis | None) -> Cell:
    """*text*, then the clause the rule rests on where one is quoted."""
    if basis is None or basis.quote is None:
        return text
    quote = nodes.paragraph("", "", nodes.emphasis(text=f"「{basis.quote}」"))
    return [*(text if isinstance(text, list) else [text]), quote]


def alternative_text(rule: Any, variant: Any) -> Cell:  # noqa: ANN401 - any rule kind
    """What a rule says differently under an alternative reading, as the rule says it."""
    said: list[Cell] = [t for t in variant.describe() if t not in rule.describe()]
    said += [
        f"{what}: {text}"
        for (what, text, _), (_, before, _) in zip(
            variant.conditions(), rule.conditions(), strict=True
        )
        if text != before
    ]
    return said or rule_text(variant)


# --- directives ----------------------------------------------------------------------


class Base(SphinxDirective):
    """Shared helpers: sections, labels, rereading on every build."""

    def run(self) -> list[nodes.Node]:
        """Build the nodes; the page is reread on every build (the data may change)."""
        self.env.note_reread()
        return self.build()

    def build(self) -> list[nodes.Node]:
        """The directive's nodes."""
        raise NotImplementedError

    def section(self, title: str, *children: nodes.Node) -> nodes.section:
        """A section with *title*, registered so it gets an anchor and a TOC entry."""
        sec = nodes.section()
        sec += nodes.title(title, "", *inline(title))
        sec["names"].append(nodes.fully_normalize_name(title))
        self.state.document.note_implicit_target(sec, sec)
        sec.extend(children)
        return sec

    def label_rows(self, tbl: nodes.table, names: Sequence[str]) -> None:
        """Make the body rows of *tbl* the targets of ``:ref:`` to *names*."""
        for row, name in zip(next(tbl.findall(nodes.tbody)).children, names, strict=True):
            row["names"].append(name)
            self.state.document.note_explicit_target(row, row)


class PolicyDirective(Base):
    """``shjzz-policy ID``: everything one version holds, as sections of tables."""

    required_arguments = 1

    def build(self) -> list[nodes.Node]:
        """Summary, changes, eligibility and vetoes, indicators, remote key areas."""
        try:
            pol = shjzz.policy(self.arguments[0])
            pols = shjzz.policies()
            index = pols.index(pol)
            before = pols[index - 1] if index else None
            return [
                self.section("Summary", self.summary(pol)),
                self.changes(pol, before),
                self.section("Eligibility and vetoes", *self.eligibility(pol)),
                self.section("Indicators", *self.indicators(pol)),
                self.section("Remote key areas", *self.areas(pol)),
            ]
        except (shjzz.errors.ShjzzError, TypeError) as exc:  # unknown id, new rule kind
            raise self.error(str(exc)) from exc

    def summary(self, pol: Policy) -> nodes.table:
        """The version's documents, dates and certainty."""
        amends = [a for a in shjzz.amendments() if pol.valid_from <= a.effective < pol.valid_until]
        inside: Cell = joined(amendment_ref(a.id) for a in amends) if amends else "none encoded"
        return field_table(
            [
                ("id", f"`{pol.id}`"),
                ("title", pol.title),
                ("办法 (文号)", f"{pol.document} (`{pol.document_certainty}`)"),
                ("实施细则", pol.implementing_rules or DASH),
                ("in force", in_force(pol.valid_from, pol.valid_until)),
                ("certainty", f"`{pol.certainty}`"),
                ("standard score", str(pol.standard)),
                ("dated amendments inside it", inside),
                ("sources", source_refs(pol.sources)),
                ("note", pol.note),
            ]
        )

    def changes(self, pol: Policy, before: Policy | None) -> nodes.section:
        """What the version changed from its predecessor, with certainty."""
        if before is None:
            return self.section(
                "Changes", nodes.paragraph(text="The first encoded version: no predecessor.")
            )
        title = f"Changes from {before.id}"
        if not pol.changes:
            return self.section(title, nodes.paragraph(text="None recorded."))
        rows = [(c.text, f"`{c.certainty}`") for c in pol.changes]
        return self.section(title, table(("change", "certainty"), rows, widths=(5, 1)))

    def eligibility(self, pol: Policy) -> list[nodes.Node]:
        """Who may apply, and what vetoes an application."""
        rule = pol.eligibility
        text = "; ".join(rule.describe())
        header = ("rule", "document", "article", "certainty", "reading")
        widths = (4, 2, 1, 1, 1)
        vetoes = [["; ".join(v.describe()), *basis_cells(v.basis)] for v in pol.vetoes]
        return [
            nodes.rubric(text="Eligibility"),
            table(header, [[text, *basis_cells(rule.basis)]], widths=widths),
            nodes.rubric(text="Vetoes (一票否决)"),
            table(header, vetoes, widths=widths),
        ]

    def indicators(self, pol: Policy) -> list[nodes.Node]:
        """One table per indicator group; a line for indicators the version lacks."""
        header = ("id", "指标", "rule", "document", "article", "certainty", "reading")
        widths = (2, 2, 6, 2, 1, 1, 1)
        rows: dict[str, list[list[Cell]]] = {group: [] for group in GROUPS}
        for ident in pol.indicator_ids:
            name, group = INDICATORS[ident]
            rule = getattr(pol.indicators, ident)
            text = with_quote(rule_text(rule), rule.basis)
            rows[group].append([f"`{ident}`", name, text, *basis_cells(rule.basis)])
            for what, text, basis in rule.conditions():
                cell = with_quote(text, basis)
                rows[group].append([f"`{ident}`: {what}", "", cell, *basis_cells(basis)])
            for reading, choices in pol.variants.items():
                for choice, rules in choices.items():
                    if ident in rules:
                        variant = rules[ident]
                        rows[group].append(
                            [
                                f"`{ident}` under `{reading}={choice}`",
                                "",
                                alternative_text(rule, variant),
                                *basis_cells(variant.basis),
                            ]
                        )
        out: list[nodes.Node] = []
        for group, title in GROUPS.items():
            tbl = table(header, rows[group], widths=widths)
            tbl["classes"].append("shjzz-indicators")  # its 指标 column has a floor (shjzz.css)
            out += [nodes.rubric(text=title), tbl]
        missing = [i for i in INDICATORS if i not in pol.indicator_ids]
        if missing:
            out.append(
                nodes.paragraph(
                    "",
                    "",
                    *inline("Not in this version: "),
                    *inline(", ".join(f"`{i}` ({INDICATORS[i][0]})" for i in missing)),
                    nodes.Text("."),
                )
            )
        return out

    def areas(self, pol: Policy) -> list[nodes.Node]:
        """The areas catalogue rows that count at some time while the version is in force."""
        rule = pol.indicators.remote_area
        rows = [
            e
            for e in _areas()
            if e.valid_from is not None
            and e.valid_from < pol.valid_until
            and (e.valid_until is None or e.valid_until > pol.valid_from)
        ]
        intro = nodes.paragraph(
            "",
            "",
            *inline(
                f"`remote_area` gives {rule_text(rule)}; the years an area needs before its "
                "points count depend on the area and the date (amendments apply by date):"
            ),
        )
        return [intro, area_table(rows)]


def _areas() -> tuple[shjzz.CatalogueEntry, ...]:
    return next(ed for ed in registry().catalogues.editions if ed.catalogue == "areas").entries


def area_table(rows: Iterable[shjzz.CatalogueEntry]) -> nodes.table:
    """Areas with their dates, threshold, amendment and certainty."""
    return table(
        ("area", "counts", "points count after", "amendment", "certainty"),
        [
            [
                e.name,
                in_force(e.valid_from, e.valid_until) if e.valid_from else DASH,
                f"{e.counts_after_years} full years" if e.counts_after_years else "the first year",
                amendment_ref(e.amendment) if e.amendment else "the base rule",
                f"`{e.certainty}`" if e.certainty else DASH,
            ]
            for e in rows
        ],
        widths=(2, 3, 1, 1, 1),
    )


class PoliciesDirective(Base):
    """``shjzz-policies``: the versions, one line each."""

    def build(self) -> list[nodes.Node]:
        """Id (linked to its page), in force, 办法, certainty, title."""
        rows = [
            [
                xref(p.id, p.id, "doc", code=True),
                in_force(p.valid_from, p.valid_until),
                f"{p.document} (`{p.document_certainty}`)",
                f"`{p.certainty}`",
                p.title,
            ]
            for p in shjzz.policies()
        ]
        header = ("id", "in force", "办法 (文号)", "certainty", "title")
        return [table(header, rows, widths=(1, 3, 2, 1, 3))]


class SourcesDirective(Base):
    """``shjzz-sources``: the bibliography; rows are link targets ``source-p-s11``."""

    def build(self) -> list[nodes.Node]:
        """One row per source: id, what it is and supports, where it is, date, compiled in."""
        rows, ids = [], []
        for s in shjzz.sources():
            what: list[Cell] = [nodes.strong(text=s.title)] if s.title else []
            what.append(s.supports)
            where: list[Cell] = [
                nodes.paragraph("", "", nodes.reference(u, u, refuri=u)) for u in s.urls
            ]
            if s.note:
                where.append(s.note)
            ids.append(f"source-{s.id.lower()}")
            rows.append([f"`{s.id}`", what, where or DASH, s.date or DASH, s.compiled_in])
        header = ("id", "what it supports", "where", "date", "compiled in")
        tbl = table(header, rows, widths=(1, 5, 4, 1, 2))
        self.label_rows(tbl, ids)
        return [tbl]


class AmendmentsDirective(Base):
    """``shjzz-amendments``: every dated amendment, with the areas it adds."""

    def build(self) -> list[nodes.Node]:
        """One row per amendment; rows are link targets ``amendment-ID``."""
        rows, ids = [], []
        for a in shjzz.amendments():
            what: list[Cell] = [nodes.strong(text=a.title), a.summary]
            if a.not_applied:
                what.append(f"Not applied: {a.not_applied}")
            areas = [
                f"{e.name} (points after {e.counts_after_years} full years)"
                if e.counts_after_years
                else f"{e.name} (points from the first full year)"
                for e in _areas()
                if e.amendment == a.id
            ]
            ids.append(f"amendment-{a.id}")
            rows.append(
                [
                    f"`{a.id}`",
                    [str(a.effective), a.date_note],
                    what,
                    areas or DASH,
                    a.document,
                    f"`{a.certainty}`",
                ]
            )
        header = ("id", "effective", "what changes", "areas", "document", "certainty")
        tbl = table(header, rows, widths=(1, 2, 4, 2, 2, 1))
        self.label_rows(tbl, ids)
        return [tbl]


class AreasDirective(Base):
    """``shjzz-areas``: the remote-key-areas catalogue, row by row."""

    def build(self) -> list[nodes.Node]:
        """Every row of the areas catalogue."""
        return [area_table(_areas())]


class WagesDirective(Base):
    """``shjzz-wages``: the reference wage by contribution month."""

    def build(self) -> list[nodes.Node]:
        """Inclusive month ranges, monthly wage, statistics year, certainty."""
        rows = [
            [f"{r.from_} to {r.to}", f"¥{r.monthly:,}", str(r.stat_year), f"`{r.certainty}`"]
            for r in registry().wages.rows
        ]
        header = ("contribution months", "monthly wage", "wage of year", "certainty")
        return [table(header, rows, widths=(2, 1, 1, 1))]


def choice_cells(reading: shjzz.Reading) -> list[Cell]:
    """One paragraph per choice of *reading*: ``R-4=strict``, its text, the default marked."""
    return [
        f"`{reading.id}={c.id}`" + (" (default)" if c.id == reading.default else "") + f": {c.text}"
        for c in reading.choices
    ]


class ReadingsDirective(Base):
    """``shjzz-readings``: the readings shjzz adopts; rows are targets ``reading-r-1``."""

    def build(self) -> list[nodes.Node]:
        """Id, title, text, certainty, whose reading."""
        source = {"reference": "the policy reference", "shjzz": "shjzz (reference silent)"}
        items = shjzz.readings()
        ids = [f"reading-{r.id.lower()}" for r in items]
        rows = [
            [
                f"`{r.id}`",
                nodes.strong(text=r.title),
                [r.text, *choice_cells(r)],
                f"`{r.certainty}`",
                source.get(r.source, r.source),
            ]
            for r in items
        ]
        tbl = table(
            ("id", "reading", "text and choices", "certainty", "from"),
            rows,
            widths=(1, 2, 6, 1, 2),
        )
        self.label_rows(tbl, ids)
        return [tbl]


class IndicatorsDirective(Base):
    """``shjzz-indicators``: the stable indicator ids."""

    def build(self) -> list[nodes.Node]:
        """Id, Chinese name, group, the versions that have it."""
        pols = shjzz.policies()
        rows = [
            [
                f"`{ident}`",
                name,
                GROUPS[group],
                ", ".join(f"`{p.id}`" for p in pols if ident in p.indicator_ids),
            ]
            for ident, (name, group) in INDICATORS.items()
        ]
        return [table(("id", "指标", "group", "versions"), rows, widths=(2, 3, 2, 2))]


class LimitsDirective(Base):
    """``shjzz-limits``: the documented input limits, with their values and docstrings."""

    def build(self) -> list[nodes.Node]:
        """Name, value, meaning (the constant's docstring in ``shjzz._limits``)."""
        docs = ModuleAnalyzer.for_module(_limits.__name__).find_attr_docs()
        rows = [
            [f"`{name}`", f"{getattr(_limits, name):,}", " ".join(docs[("", name)]).strip()]
            for name in LIMITS
        ]
        return [table(("limit", "value", "meaning"), rows, widths=(1, 1, 4))]


LIMITS = ("MAX_MONEY", "MAX_DIGITS", "MAX_PERIODS", "MAX_TEXT", "MAX_FILE_BYTES", "MAX_PROBLEMS")


class ApplicantFieldsDirective(Base):
    """``shjzz-applicant-fields``: every field of the applicant file, from the attrs classes."""

    NAMES: ClassVar[dict[type, str]] = {
        bool: "boolean",
        int: "integer",
        str: "string",
        Decimal: "number",
        _dt.date: "date `YYYY-MM-DD`",
        Month: "month `YYYY-MM`",
    }

    def build(self) -> list[nodes.Node]:
        """JSON path, type, default."""
        rows = list(self.fields(shjzz.Applicant, ""))
        return [table(("field", "type", "default"), rows, widths=(3, 3, 1))]

    def fields(self, cls: type, prefix: str) -> Iterable[list[Cell]]:
        """Rows for *cls*'s fields, then for the fields of nested objects."""
        for field in attrs.fields(cls):
            path = prefix + json_name(field.name)
            kind = field.type
            yield [f"`{path}`", self.type_text(kind), self.default_text(field)]
            nested = self.nested(kind)
            if nested is not None:
                inner, is_list = nested
                yield from self.fields(inner, f"{path}[]." if is_list else f"{path}.")

    def nested(self, kind: Any) -> tuple[type, bool] | None:  # noqa: ANN401 - a type
        """The object class inside *kind* (optional, or a list of them), if any."""
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        if typing.get_origin(kind) is tuple and self.is_object(args[0]):
            return args[0], True
        if _is_union(kind) and len(args) == 1 and self.is_object(args[0]):
            return args[0], False
        if self.is_object(kind):
            return kind, False
        return None

    def is_object(self, kind: object) -> bool:
        """Whether *kind* is a JSON object (an attrs class that is not a scalar, as Month)."""
        return isinstance(kind, type) and attrs.has(kind) and kind not in self.NAMES

    def type_text(self, kind: Any) -> str:  # noqa: ANN401 - a type
        """The JSON type of a field."""
        if _is_union(kind):
            args = [a for a in typing.get_args(kind) if a is not type(None)]
            text = " or ".join(self.type_text(a) for a in args)
            return f"{text} or `null`" if type(None) in typing.get_args(kind) else text
        if typing.get_origin(kind) is typing.Literal:
            return "one of " + ", ".join(f"`{v}`" for v in typing.get_args(kind))
        if typing.get_origin(kind) is tuple:
            return f"list of {self.type_text(typing.get_args(kind)[0])}"
        if self.is_object(kind):
            return "object"
        return self.NAMES.get(kind, getattr(kind, "__name__", str(kind)))

    @staticmethod
    def default_text(field: attrs.Attribute[Any]) -> str:
        """``required`` or the default as JSON."""
        if field.default is attrs.NOTHING:
            return "required"
        value = field.default
        if value is None:
            return "`null`"
        if isinstance(value, bool):
            return f"`{str(value).lower()}`"
        if value == ():
            return "`[]`"
        return f"`{value}`"


def _is_union(kind: object) -> bool:
    return typing.get_origin(kind) in {typing.Union, types.UnionType}


class ErrorsDirective(Base):
    """``shjzz-errors``: every exception in ``shjzz.errors``."""

    def build(self) -> list[nodes.Node]:
        """Name (linked to the API reference), what else it is, when it is raised."""
        rows = []
        for name in shjzz.errors.__all__:
            cls = getattr(shjzz.errors, name)
            base = shjzz.errors.ShjzzError
            if not (isinstance(cls, type) and issubclass(cls, base)) or cls is base:
                continue
            also = [b.__name__ for b in cls.__bases__ if b is not base]
            doc = inspect.getdoc(cls) or ""
            rows.append(
                [
                    xref(name, f"shjzz.errors.{name}", "exc", code=True, domain="py"),
                    ", ".join(f"`{b}`" for b in also) or DASH,
                    doc.split("\n\n")[0].replace("\n", " "),
                ]
            )
        return [table(("error", "also a", "when"), rows, widths=(2, 1, 5))]


# --- catalogues and lookups ------------------------------------------------------------


class CataloguesDirective(Base):
    """``shjzz-catalogues``: every catalogue edition lookups and ``score()`` read."""

    def build(self) -> list[nodes.Node]:
        """Catalogue, edition, effective date, completeness, number of entries."""
        rows = [
            [
                f"`{ed.catalogue}`",
                ed.edition,
                (
                    f"{ed.effective} (the earliest row; rows are dated one by one)"
                    if ed.catalogue == "areas"
                    else str(ed.effective)
                ),
                ed.completeness,
                f"{len(ed.entries):,}",
            ]
            for ed in registry().catalogues.editions
        ]
        header = ("catalogue", "edition", "effective", "completeness", "entries")
        return [table(header, rows, widths=(1, 4, 2, 3, 1))]


class AliasesDirective(Base):
    """``shjzz-aliases``: the alias table (old, colloquial and exam names)."""

    def build(self) -> list[nodes.Node]:
        """Alias, the entry it names, the level it implies, status, note."""
        rows = [
            [
                a.alias,
                f"`{a.catalogue}`: {a.name}",
                str(a.level) if a.level is not None else DASH,
                f"`{a.status}`",
                a.note or DASH,
            ]
            for a in registry().catalogues.aliases
        ]
        header = ("alias", "entry", "level", "status", "note")
        return [table(header, rows, widths=(2, 4, 1, 1, 4))]


class CatalogueDirective(Base):
    """``shjzz-catalogue NAME``: one catalogue listed by :func:`shjzz.catalogue` on ``:on:``."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"on": _dt.date.fromisoformat}

    def build(self) -> list[nodes.Node]:
        """The edition's fields, the entries with their points, the shared conditions."""
        listing = shjzz.catalogue(self.arguments[0], on=self.options.get("on"))
        fields = [
            ("edition", listing.edition),
            ("effective", str(listing.effective)),
            ("completeness", listing.completeness),
            ("sources", source_refs(listing.sources)),
            ("points", f"version {listing.policy}, in force on {listing.on}"),
        ]
        if listing.note:
            fields.append(("note", listing.note))
        shared = [
            c
            for c in (listing.entries[0].worth.conditions if listing.entries else ())
            if all(c in item.worth.conditions for item in listing.entries)
        ]
        if shared:
            fields.append(("conditions", [f"{c}." for c in shared]))
        if listing.catalogue == "titles":
            entries = self.titles(listing)
        else:
            entries = self.entries(listing, shared)
        return [field_table(fields), entries]

    @staticmethod
    def entries(listing: shjzz.CatalogueListing, shared: list[str]) -> nodes.table:
        """One row per entry: number, name, code, other names, points, its own conditions."""
        rows = []
        for item in listing.entries:
            e, w = item.entry, item.worth
            if w.points is None:
                points = " / ".join(f"{w.by_level[n]}" for n in sorted(w.by_level, reverse=True))
                points += " (五级 … 一级)"
            else:
                points = f"{w.points}{' a year' if w.per_year else ''}"
            own = [c for c in w.conditions if c not in shared]
            if e.valid_from is not None:
                own.insert(0, f"from {e.valid_from}")
            rows.append(
                [
                    DASH if e.number is None else str(e.number),
                    e.name,
                    e.code or DASH,
                    ", ".join([*e.alternates, *item.aliases]) or DASH,
                    points,
                    "; ".join(own) or DASH,
                ]
            )
        header = ("no", "name", "code", "also written", "points", "conditions")
        return table(header, rows, widths=(1, 4, 2, 4, 2, 3))

    @staticmethod
    def titles(listing: shjzz.CatalogueListing) -> nodes.table:
        """One row per series, one column per grade with its points."""
        grades = ("intermediate", "deputy_senior", "senior")
        by_series: dict[str, dict[str, list[str]]] = {}
        points: dict[str, str] = {}
        for item in listing.entries:
            grade = item.entry.grade or "intermediate"
            points[grade] = str(item.worth.points)
            for series in item.entry.series:
                by_series.setdefault(series, {}).setdefault(grade, []).append(item.entry.name)
        header = (
            "series",
            *(f"{_match.GRADE_NAMES[g]} ({points.get(g, DASH)})" for g in grades),
        )
        rows = [
            [series, *(" / ".join(names.get(g, [DASH])) for g in grades)]
            for series, names in by_series.items()
        ]
        return table(header, rows, widths=(3, 3, 3, 3))


LOOKUP_CONSTANTS = ("THRESHOLD", "MARGIN", "FLOOR", "SUGGESTIONS")


class LookupConstantsDirective(Base):
    """``shjzz-lookup-constants``: the similarity constants, with their docstrings."""

    def build(self) -> list[nodes.Node]:
        """Name, value, meaning (the constant's docstring in ``shjzz._lookup``)."""
        docs = ModuleAnalyzer.for_module(_lookup.__name__).find_attr_docs()
        rows = [
            [f"`{name}`", str(getattr(_lookup, name)), " ".join(docs[("", name)]).strip()]
            for name in LOOKUP_CONSTANTS
        ]
        return [table(("constant", "value", "meaning"), rows, widths=(1, 1, 4))]


class LevelWordsDirective(Base):
    """``shjzz-level-words``: the skill-level words of ``shjzz._match.LEVELS``, by level."""

    def build(self) -> list[nodes.Node]:
        """Level, then every word that names it."""
        words: dict[int, list[str]] = {}
        for word, level in _match.LEVELS.items():
            words.setdefault(level, []).append(word)
        rows = [[str(level), ", ".join(f"`{w}`" for w in words[level])] for level in sorted(words)]
        return [table(("level", "words read off a name"), rows, widths=(1, 5))]


class WordsDirective(Base):
    """A list of the words a lookup reads, from a table in ``shjzz._match``."""

    words: ClassVar[Callable[[], Iterable[str]]]

    def build(self) -> list[nodes.Node]:
        """The words, as code, in one paragraph."""
        return para(", ".join(f"`{w}`" for w in type(self).words()))


class CertificateWordsDirective(WordsDirective):
    """``shjzz-certificate-words``: the words read off the end of a query."""

    words = staticmethod(lambda: _match.CERTIFICATE_WORDS)


class GenericWordsDirective(WordsDirective):
    """``shjzz-generic-words``: the parts a partial name may leave out."""

    words = staticmethod(lambda: _match.GENERIC)


class GradeWordsDirective(Base):
    """``shjzz-grade-words``: the title grade words and the grades they name."""

    def build(self) -> list[nodes.Node]:
        """Word, grade."""
        rows = [[f"`{w}`", _match.GRADE_NAMES[g]] for w, g in _match.TITLE_GRADES.items()]
        return [table(("word", "grade"), rows, widths=(1, 2))]


VALUES: dict[str, Callable[[], object]] = {
    **{name: functools.partial(getattr, _lookup, name) for name in LOOKUP_CONSTANTS},
    "NO_RAPIDFUZZ": lambda: _match.NO_RAPIDFUZZ,
    "last-day": lambda: last_day(shjzz.policies()[-1].valid_until),
    "wages-end": lambda: registry().wages.rows[-1].to,
    "skills-from": lambda: registry().catalogues.nearest("skills", _dt.date.min).effective,
}
"""Values the ``shjzz-value`` role renders, each read from the code when the page is built."""


def _value_role(
    kind: str, values: dict[str, Callable[[], object]]
) -> Callable[..., tuple[list[nodes.Node], list[nodes.system_message]]]:
    """A role that renders one of *values*, read from the code when the page is built."""

    def role(  # noqa: PLR0913, PLR0917 - the docutils role signature
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,  # noqa: ANN401
        options: dict[str, Any] | None = None,
        content: Sequence[str] = (),
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        del name, rawtext, options, content
        if text not in values:
            known = ", ".join(values)
            msg = inliner.reporter.error(f"unknown {kind} {text!r}; known are {known}", line=lineno)
            return [], [msg]
        return [nodes.Text(str(values[text]()))], []

    return role


LIMIT_VALUES: dict[str, Callable[[], object]] = {
    name: (lambda name=name: f"{getattr(_limits, name):,}") for name in LIMITS
}
"""Values the ``shjzz-limit`` role renders: ``{shjzz-limit}`MAX_TEXT``` → ``200``."""


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the roles."""
    app.add_directive("shjzz-policy", PolicyDirective)
    app.add_directive("shjzz-policies", PoliciesDirective)
    app.add_directive("shjzz-amendments", AmendmentsDirective)
    app.add_directive("shjzz-sources", SourcesDirective)
    app.add_directive("shjzz-areas", AreasDirective)
    app.add_directive("shjzz-wages", WagesDirective)
    app.add_directive("shjzz-readings", ReadingsDirective)
    app.add_directive("shjzz-indicators", IndicatorsDirective)
    app.add_directive("shjzz-limits", LimitsDirective)
    app.add_directive("shjzz-applicant-fields", ApplicantFieldsDirective)
    app.add_directive("shjzz-errors", ErrorsDirective)
    app.add_directive("shjzz-catalogues", CataloguesDirective)
    app.add_directive("shjzz-aliases", AliasesDirective)
    app.add_directive("shjzz-catalogue", CatalogueDirective)
    app.add_directive("shjzz-certificate-words", CertificateWordsDirective)
    app.add_directive("shjzz-generic-words", GenericWordsDirective)
    app.add_directive("shjzz-grade-words", GradeWordsDirective)
    app.add_directive("shjzz-lookup-constants", LookupConstantsDirective)
    app.add_directive("shjzz-level-words", LevelWordsDirective)
    app.add_role("shjzz-limit", _value_role("limit", LIMIT_VALUES))
    app.add_role("shjzz-value", _value_role("value", VALUES))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
