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
``shjzz-lookup-constants``, ``shjzz-level-words``
    The similarity constants of ``shjzz._lookup`` with their docstrings, and
    the skill-level words a lookup reads off a name.

and two roles: ``shjzz-limit`` for a limit's value inside a sentence, and
``shjzz-value`` for another value the code holds (a lookup constant, the last
encoded day, the end of the wage series, …).
"""

from __future__ import annotations

import calendar
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
from shjzz._months import Month
from shjzz._policy import INDICATORS, registry
from shjzz._rules import (
    AgeSteps,
    Certificates,
    Deduction,
    Flat,
    GraduateWindow,
    Investment,
    MonthBands,
    MonthTier,
    PerYear,
    Table,
    Threshold,
)

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


def num(value: Decimal | int) -> str:
    """``100,000``, ``0.8``: the exact value, grouped when whole."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return format(d.normalize(), "f")


def last_day(until: _dt.date) -> _dt.date:
    """The last day of a half-open ``[from, until)`` range."""
    return until - _dt.timedelta(days=1)


def in_force(valid_from: _dt.date, valid_until: _dt.date | None) -> str:
    """``[from, until)``, with the last day spelt out."""
    if valid_until is None:
        return f"from {valid_from}, open-ended"
    return f"[{valid_from}, {valid_until}): {valid_from} to {last_day(valid_until)}"


# --- rule kinds as text --------------------------------------------------------------


def tier_text(tier: MonthTier) -> str:
    """A month-window condition as one phrase."""
    text = f"≥ {tier.at_least} of the {tier.window} months before the month of `on`"
    if tier.multiple is not None:
        text += f" at a base ≥ {num(tier.multiple)}× the reference wage"
    return text


def rule_text(rule: object) -> Cell:  # noqa: C901, PLR0911 - one branch per rule kind
    """What a rule object says, from its fields."""
    if isinstance(rule, AgeSteps):
        return (
            f"{rule.floor_from}–{rule.last_age} 周岁 → {rule.floor_points}; each year younger "
            f"+{rule.step}, at most {rule.cap}; over {rule.last_age} → 0"
        )
    if isinstance(rule, Table):
        return "; ".join(f"`{key}` → {points}" for key, points in rule.points.items())
    if isinstance(rule, Certificates):
        skills = ", ".join(f"{level} → {points}" for level, points in rule.skill.items())
        titles = ", ".join(f"`{grade}` → {points}" for grade, points in rule.title.items())
        return [
            f"skill level {skills}",
            f"title {titles}",
            f"qualification → {rule.qualification}",
        ]
    if isinstance(rule, PerYear):
        text = f"{rule.per_year} per full year"
        if rule.min_years:
            text += f", counted once {rule.min_years} full years are reached"
        text += f", at most {rule.cap}" if rule.cap is not None else ", no cap"
        if rule.scope:
            text += f"; only in {', '.join(rule.scope)}"
        return text
    if isinstance(rule, Flat):
        return str(rule.points)
    if isinstance(rule, Investment):
        return (
            f"{rule.tax.per_unit} per full ¥{num(rule.tax.unit)} of the average annual tax, or "
            f"{rule.hiring.per_unit} per full {num(rule.hiring.unit)} Shanghai-hukou staff "
            f"(average), over the last {rule.years} tax years; the better route counts; "
            f"at most {rule.cap}"
        )
    if isinstance(rule, MonthBands):
        return [
            *(f"{tier_text(t)} → {t.points}" for t in rule.tiers),
            f"the best band counts, at most {rule.cap}",
        ]
    if isinstance(rule, Threshold):
        need = " and ".join(
            [f"`{k}` ≥ {num(v)}" for k, v in rule.minimums.items()]
            + [f"`{fact}`" for fact in rule.requires]
        )
        return f"{rule.points} when {need}"
    if isinstance(rule, GraduateWindow):
        year = {0: "the graduation year", 1: "the year after graduation"}.get(
            rule.until_years, f"{rule.until_years} years after graduation"
        )
        month = calendar.month_name[rule.until_month]
        return f"{rule.points} from graduation through {rule.until_day} {month} of {year}"
    if isinstance(rule, Deduction):
        return f"{rule.points} per record dated within the {rule.window_years} years before `on`"
    raise TypeError(f"no description for rule kind {type(rule).__name__}")


def certificate_rows(rule: Certificates) -> list[tuple[str, Cell, Basis | None]]:
    """The conditions of the certificate indicator, each with its own basis."""
    rows: list[tuple[str, Cell, Basis | None]] = [
        (
            "where obtained",
            (
                "titles by examination and qualifications count wherever obtained; titles by "
                "review only if obtained while working in Shanghai; skills if obtained in "
                f"Shanghai, or at level 1–{rule.verified_max_level} if verified there"
            ),
            rule.where_obtained,
        ),
        (
            "catalogue",
            "skill occupations and qualifications count only if on the catalogue in force",
            rule.catalogue,
        ),
    ]
    if rule.condition is None:
        rows.append(("base condition", "none in this version", None))
    else:
        rows.append(
            (
                "base condition",
                (
                    f"a certificate worth ≥ {rule.condition_from} needs "
                    f"{tier_text(rule.condition)}; otherwise it scores 0"
                ),
                rule.condition_basis or rule.basis,
            )
        )
    return rows


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
                ("sources", pol.sources),
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
        text = "pays Shanghai employee social insurance in the month of `on`"
        if rule.recent is not None:
            text += f"; and {tier_text(rule.recent)}"
        header = ("rule", "document", "article", "certainty", "reading")
        widths = (4, 2, 1, 1, 1)
        vetoes = [
            [f"a `{v.record}` record, whenever dated", *basis_cells(v.basis)] for v in pol.vetoes
        ]
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
            rows[group].append([f"`{ident}`", name, rule_text(rule), *basis_cells(rule.basis)])
            if isinstance(rule, Certificates):
                for what, text, basis in certificate_rows(rule):
                    rows[group].append([f"`{ident}`: {what}", "", text, *basis_cells(basis)])
        out: list[nodes.Node] = []
        for group, title in GROUPS.items():
            out += [nodes.rubric(text=title), table(header, rows[group], widths=widths)]
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
                r.text,
                f"`{r.certainty}`",
                source.get(r.source, r.source),
            ]
            for r in items
        ]
        tbl = table(
            ("id", "reading", "text", "certainty", "from"),
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
    app.add_directive("shjzz-areas", AreasDirective)
    app.add_directive("shjzz-wages", WagesDirective)
    app.add_directive("shjzz-readings", ReadingsDirective)
    app.add_directive("shjzz-indicators", IndicatorsDirective)
    app.add_directive("shjzz-limits", LimitsDirective)
    app.add_directive("shjzz-applicant-fields", ApplicantFieldsDirective)
    app.add_directive("shjzz-errors", ErrorsDirective)
    app.add_directive("shjzz-catalogues", CataloguesDirective)
    app.add_directive("shjzz-aliases", AliasesDirective)
    app.add_directive("shjzz-lookup-constants", LookupConstantsDirective)
    app.add_directive("shjzz-level-words", LevelWordsDirective)
    app.add_role("shjzz-limit", _value_role("limit", LIMIT_VALUES))
    app.add_role("shjzz-value", _value_role("value", VALUES))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
