"""Every human text shjzz renders: results, plans, diffs, lookups, catalogue listings.

The command line prints these; an embedder calls :func:`shjzz.render` instead
of writing its own.  Each text ends neutralised (no control or bidi character
that input carried can disguise it).
"""

from __future__ import annotations

import datetime as _dt
import gettext
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from shjzz._facts import CATALOGUE_NAMES, HOW, skill_level
from shjzz._i18n import N_, Lang, as_lang, translations
from shjzz._policy import amendments, policies, policy
from shjzz._table import COLUMNS, table, width, wrap
from shjzz._text import neutral
from shjzz.errors import (
    InvalidApplicant,
    InvalidArgument,
    PolicyNotInForce,
    Problem,
    ShjzzError,
    UnknownCatalogue,
    UnknownPolicy,
    _short_repr,
    user_value,
)

if TYPE_CHECKING:
    from shjzz._case import Comparison
    from shjzz._diff import Diff, Difference, DifferenceKind
    from shjzz._lookup import LookupResult
    from shjzz._plan import Lever, Plan
    from shjzz._result import ScoreResult
    from shjzz._worth import CatalogueListing, Worth

_MARK = {"added": "+", "removed": "−", "changed": "~"}

NOT_ADVICE = N_(
    "a lever's dates are when the change could count under the encoded rules, not advice; "
    "check every figure against the official documents"
)
"""What a plan's levers are not, said with every plan (text and JSON)."""


def _version(ident: str) -> str:
    p = policy(ident)
    return f"{p.id} ({p.title}, {p.document})"


_INDENT = "    "
_CERTAINTY = {
    "official": N_("quoted on a government page"),
    "full-text": N_("read in a complete copy of the document itself"),
    "corroborated": N_("the same figure in two or more independent third-party sources"),
    "reported": N_("one third-party source only"),
    "inferred": N_("our reading of sourced facts"),
}


def _wrapped(text: str, indent: str = _INDENT) -> list[str]:
    """*text* in lines of at most :data:`COLUMNS` columns, the later ones indented."""
    return wrap(text, COLUMNS, indent)


def render_result(result: ScoreResult, lang: Lang | None = None) -> str:
    """The human form of a result: a table, the total, whether 120 is met, a legend.

    *lang* is the language of the frame (default English); the details and
    warnings are in the language the result was scored in.  Every line fits
    100 columns: a detail that does not fit beside its row goes under it.
    """
    t = translations(as_lang(lang))
    pol = policy(result.policy)
    lines = [
        t.gettext(
            "Shanghai residence-permit points · policy {id} ({title}, {document}) · on {on}"
        ).format(id=pol.id, title=pol.title, document=pol.document, on=result.on)
    ]
    if result.amendments:
        amendments = t.gettext("amendments in force: {ids}")
        lines += _wrapped(amendments.format(ids=", ".join(result.amendments)))
    lines.append("")
    rows = [(t.gettext("indicator"), t.gettext("name"), t.gettext("points"), "", "")]
    details = [""]
    certainties: dict[str, None] = {}
    readings: dict[str, None] = {}
    for it in result.items:
        mark = "" if it.counted else t.gettext("(not counted)")
        certainties[it.basis.certainty] = None
        tag: str = it.basis.certainty
        if it.basis.reading:
            readings[it.basis.reading] = None
            tag += f", {it.basis.reading}"
        rows.append((it.indicator, it.name, str(it.points), mark, ""))
        details.append(f"{it.detail} [{tag}]")
    for line, detail in zip(table(rows, right=frozenset({2})), details, strict=True):
        beside = f"{line}  {detail}" if detail else line
        if width(beside) <= COLUMNS:
            lines.append(beside.rstrip())
        else:
            lines.append(line)
            lines += _wrapped(_INDENT + detail)
    lines.append("")
    verdict = (
        t.gettext(
            "total {total} / standard {standard}: meets the {standard}-point "
            "residence-permit standard"
        )
        if result.meets_standard
        else t.gettext(
            "total {total} / standard {standard}: does not meet the "
            "{standard}-point residence-permit standard"
        )
    )
    lines += _wrapped(verdict.format(total=result.total, standard=result.standard))
    if not result.eligible:
        lines.append(t.gettext("not eligible to apply on this date (see warnings)"))
    if result.vetoed:
        lines.append(t.gettext("vetoed (one-vote veto): see warnings"))
    for w in result.warnings:
        lines += _wrapped(t.gettext("warning: {text}").format(text=w))
    lines += _wrapped(readings_line(result, lang))
    lines += ["", *_legend(t, certainties, readings)]
    return neutral("\n".join(lines))


def _legend(
    t: gettext.NullTranslations, certainties: Iterable[str], readings: Iterable[str]
) -> list[str]:
    """What the tags after each detail mean: the certainty labels used, the readings cited."""
    lines = [t.gettext("tags: [certainty, reading] after each detail")]
    for label in certainties:
        lines += _wrapped(f"  {label}: {t.gettext(_CERTAINTY[label])}", _INDENT + "  ")
    if readings:
        text = t.gettext(
            "  {ids}: the reading adopted where the text leaves a choice (see shjzz readings)"
        )
        lines += _wrapped(text.format(ids=", ".join(readings)), _INDENT + "  ")
    return lines


def readings_line(result: ScoreResult, lang: Lang | None = None) -> str:
    """One plain line: whether the verdict rests on an open reading, and what else it would be."""
    t = translations(as_lang(lang))
    chosen = [f"{rid}={choice}" for rid, choice in result.readings.items()]
    used = t.gettext(" (readings used: {ids})").format(ids=", ".join(chosen)) if chosen else ""
    flips = [a for a in result.alternatives if a.meets_standard != result.meets_standard]
    if not flips:
        others = "; ".join(
            t.gettext("under {reading}={choice} the total is {total}").format(
                reading=a.reading, choice=a.choice, total=a.total
            )
            for a in result.alternatives
        )
        text = t.gettext("readings: the verdict holds under every reading{used}").format(used=used)
        return text + (f"; {others}" if others else "")
    ids = ", ".join(dict.fromkeys(a.reading for a in flips))
    what = "; ".join(
        (
            t.gettext("under {reading}={choice} it is {total} and meets {standard}")
            if a.meets_standard
            else t.gettext("under {reading}={choice} it is {total} and does not meet {standard}")
        ).format(reading=a.reading, choice=a.choice, total=a.total, standard=result.standard)
        for a in flips
    )
    return t.gettext("readings: the verdict depends on {ids}: {what}{used}").format(
        ids=ids, what=what, used=used
    )


def render_lookup(
    result: LookupResult, worths: Sequence[Worth] | None = None, lang: Lang | None = None
) -> str:
    """The human form of a lookup, with what each match is worth if given.

    *lang* is the language of the frame (default English); the hint and the
    worths are in the language they were made in.
    """
    t = translations(as_lang(lang))
    if not result.matches:
        return neutral(result.hint or t.gettext("{query}: no match").format(query=result.query))
    rows = [
        (
            t.gettext("catalogue"),
            t.pgettext("catalogue column", "name"),
            t.gettext("score"),
            t.gettext("how"),
            t.gettext("points"),
            "",
        )
    ]
    for i, m in enumerate(result.matches):
        how = t.gettext(HOW.get(m.how, m.how))
        if m.status:
            how += f" ({t.gettext(HOW.get(m.status, m.status))})"
        extra = t.gettext("confident") if m.confident else ""
        if m.level is not None:
            extra += ", " + skill_level(t, m.level)
        if m.note:
            extra += f"; {m.note}"
        points = _points(t, worths[i]) if worths is not None else ""
        catalogue = t.gettext(CATALOGUE_NAMES.get(m.catalogue, m.catalogue))
        rows.append((catalogue, m.name, f"{m.score:.2f}", how, points, extra.strip(",; ")))
    lines = table(rows, right=frozenset({2})) + _lookup_footer(t, result, worths)
    return neutral("\n".join(lines))


def _lookup_footer(
    t: gettext.NullTranslations, result: LookupResult, worths: Sequence[Worth] | None
) -> list[str]:
    """What the matches add up to: a hint, ambiguity, no points; the conditions of the best."""
    lines: list[str] = []
    best = result.best
    if result.hint:
        lines += _wrapped(result.hint)
    elif result.ambiguous:
        lines.append(
            t.gettext("{query}: ambiguous; name the entry exactly").format(query=result.query)
        )
    elif best is None:
        lines.append(
            t.gettext("{query}: no confident match; the nearest are listed").format(
                query=result.query
            )
        )
    elif result.answer == "no-points":
        lines.append(
            t.gettext("{query}: known, earns no points ({why})").format(
                query=result.query, why=best.note or best.name
            )
        )
    sure = [w for m, w in zip(result.matches, worths or (), strict=False) if m.confident]
    if best is not None and sure and sure[0].conditions:
        text = t.gettext("under version {policy}, if {conditions}").format(
            policy=sure[0].policy, conditions="; ".join(sure[0].conditions)
        )
        lines += _wrapped(text)
    return lines


def _points(t: gettext.NullTranslations, worth: Worth) -> str:
    if worth.points is None:
        levels = sorted(worth.by_level, reverse=True)
        return "/".join(str(worth.by_level[n]) for n in levels) + " (五级…一级)"
    if worth.per_year:
        return t.gettext("{points} a year").format(points=worth.points)
    return str(worth.points)


def render_catalogue(listing: CatalogueListing, lang: Lang | None = None) -> str:
    """The human form of a catalogue listing: a header, a table, the shared conditions.

    *lang* is the language of the frame (default English); the conditions
    and the note are in the language the listing was made in.
    """
    t = translations(as_lang(lang))
    lines = [
        f"{listing.catalogue}: {listing.edition}",
        *_wrapped(
            t.gettext("effective {effective}; {completeness}; sources: {sources}").format(
                effective=listing.effective,
                completeness=listing.completeness,
                sources=" ".join(listing.sources),
            )
        ),
        t.gettext("points under version {policy}, in force on {on}").format(
            policy=listing.policy, on=listing.on
        ),
    ]
    if listing.note:
        lines += _wrapped(listing.note)
    lines.append("")
    if listing.catalogue == "titles":
        lines += _titles_table(t, listing)
    else:
        lines += _entries_table(t, listing)
    shared = [
        c
        for c in (listing.entries[0].worth.conditions if listing.entries else ())
        if all(c in item.worth.conditions for item in listing.entries)
    ]
    if shared:
        lines += ["", t.gettext("conditions:")]
        for c in shared:
            lines += _wrapped(f"- {c}", "  ")
    return neutral("\n".join(lines))


def _entries_table(t: gettext.NullTranslations, listing: CatalogueListing) -> list[str]:
    skills = listing.catalogue == "skills"
    levels = ("五级", "四级", "三级", "二级", "一级") if skills else (t.gettext("points"),)
    header = (
        t.pgettext("catalogue column", "no"),
        t.pgettext("catalogue column", "name"),
        t.gettext("code"),
        *levels,
    )
    rows: list[tuple[str, ...]] = [(*header, t.gettext("also known as"))]
    for item in listing.entries:
        e, w = item.entry, item.worth
        points = tuple(str(w.by_level[n]) for n in (5, 4, 3, 2, 1)) if skills else (_points(t, w),)
        also = [*e.alternates, *item.aliases]
        own = [c for c in w.conditions if c not in listing.entries[0].worth.conditions]
        if listing.catalogue == "areas":
            own = [t.gettext("from {day}").format(day=e.valid_from), *w.conditions[:1]]
        rows.append(
            (
                "" if e.number is None else str(e.number),
                e.name,
                e.code or "",
                *points,
                "; ".join([", ".join(also), *own]).strip("; "),
            )
        )
    right = frozenset({0, *range(3, 3 + len(levels))})
    return table(rows, right=right)


def _titles_table(t: gettext.NullTranslations, listing: CatalogueListing) -> list[str]:
    grades = ("intermediate", "deputy_senior", "senior")
    by_series: dict[str, dict[str, list[str]]] = {}
    points: dict[str, str] = {}
    for item in listing.entries:
        grade = item.entry.grade or "intermediate"
        points[grade] = _points(t, item.worth)
        for series in item.entry.series:
            by_series.setdefault(series, {}).setdefault(grade, []).append(item.entry.name)
    names = {"intermediate": "中级", "deputy_senior": "副高级", "senior": "正高级"}
    header = (t.gettext("series"), *(f"{names[g]} ({points.get(g, '-')})" for g in grades), "")
    rows = [header]
    rows += [
        (series, *("/".join(grade.get(g, ["—"])) for g in grades), "")
        for series, grade in by_series.items()
    ]
    return table(rows)


def render_plan(p: Plan, lang: Lang | None = None) -> str:
    """The human form of a plan: where it starts, when the target is met, the levers.

    *lang* is the language of the frame (default English); the levers and the
    warnings are in the language the plan was made in.
    """
    t = translations(as_lang(lang))
    first = p.first
    lines = [
        t.gettext("plan to {target} points · {on} → {until} · today's facts continuing").format(
            target=p.target, on=p.on, until=p.until
        ),
        t.gettext("on {on} (policy {policy}): {total} points, {verdict}").format(
            on=p.on, policy=first.policy, total=first.total, verdict=_verdict(t, first, p.target)
        ),
    ]
    if p.met is None:
        lines.append(
            t.gettext("{target} is not met by {until} with today's facts").format(
                target=p.target, until=p.until
            )
        )
    elif p.met_on == p.on:
        lines.append(t.gettext("{target} is met already on {on}").format(target=p.target, on=p.on))
    else:
        lines.append(
            t.gettext("{target} is first met on {on} (policy {policy}, {total} points)").format(
                target=p.target, on=p.met_on, policy=p.met.policy, total=p.met.total
            )
        )
    lines += ["", t.gettext("projection (the dates the total or the verdict changes):")]
    rows = [
        (
            t.gettext("date"),
            t.gettext("policy"),
            t.gettext("total"),
            t.gettext("eligible"),
            t.gettext("meets {target}").format(target=p.target),
        )
    ]
    shown: tuple[object, ...] = ()
    for pt in p.projection:
        state = (pt.policy, pt.total, pt.eligible, pt.vetoed, pt.meets_target)
        if state != shown:
            shown = state
            eligible = t.gettext("vetoed") if pt.vetoed else _yes(t, pt.eligible)
            rows.append((str(pt.on), pt.policy, str(pt.total), eligible, _yes(t, pt.meets_target)))
    lines += ["  " + line for line in table(rows, right=frozenset({2}))]
    lines += ["", *_render_levers(t, p)]
    lines += _wrapped(t.gettext("note: {text}").format(text=t.gettext(NOT_ADVICE)))
    warning = t.gettext("warning (on {on}): {text}")
    for w in first.warnings:
        lines += _wrapped(warning.format(on=p.on, text=w))
    if p.met is not None and p.met_on != p.on:
        for w in p.met.warnings:
            lines += _wrapped(warning.format(on=p.met_on, text=w))
    return neutral("\n".join(lines))


def _render_levers(t: gettext.NullTranslations, p: Plan) -> list[str]:
    if not p.levers:
        return [
            t.gettext("levers: no single change encoded here gains points by {until}").format(
                until=p.until
            )
        ]
    lines = [t.gettext("levers (one change each, scored by score() on the changed facts):")]
    deep = " " * 5
    for n, lv in enumerate(p.levers, 1):
        items = ", ".join(f"{k} {v:+d}" for k, v in lv.items)
        lines += _wrapped(f"  {n}. {lv.change}", deep)
        lines += _wrapped(
            deep
            + t.gettext(
                "from {start}: {gain} on {effective} ({items}), {gain_at_end} by {until}; {met}"
            ).format(
                start=lv.start,
                gain=f"{lv.gain:+d}",
                effective=lv.effective,
                items=items,
                gain_at_end=f"{lv.gain_at_end:+d}",
                until=p.until,
                met=_lever_met(t, p, lv),
            ),
            deep,
        )
        lines += _wrapped(deep + lv.note, deep)
        for w in lv.warnings:
            lines += _wrapped(deep + t.gettext("warning: {text}").format(text=w), deep)
    return lines


def _lever_met(t: gettext.NullTranslations, p: Plan, lv: Lever) -> str:
    if lv.met_on is None:
        return t.gettext("{target} still not met by {until}").format(target=p.target, until=p.until)
    if lv.met_on == p.met_on:
        return t.gettext("{target} met on {on}, as without it").format(
            target=p.target, on=lv.met_on
        )
    without = (
        str(p.met_on) if p.met_on is not None else t.gettext("not by {until}").format(until=p.until)
    )
    return t.gettext("{target} met on {on} ({without} without it)").format(
        target=p.target, on=lv.met_on, without=without
    )


def _verdict(t: gettext.NullTranslations, result: ScoreResult, target: int) -> str:
    if result.vetoed:
        return t.gettext("vetoed (一票否决)")
    if not result.eligible:
        return t.gettext("not eligible")
    verdict = (
        t.gettext("meets {target}")
        if result.total >= target
        else t.gettext("does not meet {target}")
    )
    return verdict.format(target=target)


def _yes(t: gettext.NullTranslations, flag: bool) -> str:
    return t.gettext("yes") if flag else t.gettext("no")


def render_diff(d: Diff, lang: Lang | None = None) -> str:
    """The human form of a diff: rule changes first, then basis, recorded notes, dated parts.

    *lang* is the language of the frame (default English); the changes are
    in the language the diff was made in.
    """
    t = translations(as_lang(lang))
    lines = _wrapped(
        t.gettext("diff {a} → {b}: version {version_a} → {version_b}").format(
            a=d.a, b=d.b, version_a=_version(d.policy_a), version_b=_version(d.policy_b)
        )
    )
    if d.changes:
        count = t.ngettext("{n} change", "{n} changes", len(d.changes)).format(n=len(d.changes))
        lines.append(
            t.gettext("rules ({count}; [path; certainty of the newer rule]):").format(count=count)
        )
        for c in d.changes:
            certainty = c.certainty or t.gettext("no rule on the newer side")
            lines += _wrapped(f"  {_MARK[c.kind]} {c.text}  [{c.path}; {certainty}]")
    else:
        lines.append(t.gettext("rules: no change"))
    if d.basis:
        lines.append(t.gettext("basis (where the rules come from, grouped):"))
        for b in d.basis:
            lines += _wrapped(f"  {b.text}")
    if d.recorded:
        lines.append(t.gettext("changes the versions record:"))
        for r in d.recorded:
            lines += _wrapped(f"  {r.policy}: {r.text} [{r.certainty}]")
    if d.dated:
        lines.append(
            t.gettext("amendments:") if d.amendments else t.gettext("amendments: no change")
        )
        for c in d.amendments:
            lines += _wrapped(f"  {_MARK[c.kind]} {c.text} [{c.certainty}]")
        lines.append(
            t.gettext("catalogues:") if d.catalogues else t.gettext("catalogues: no change")
        )
        lines += _render_entries(t, d.catalogues)
    return neutral("\n".join(lines))


_KINDS = {"added": N_("{n} added: {names}"), "removed": N_("{n} removed: {names}")}


def _render_entries(t: gettext.NullTranslations, changes: tuple[Difference, ...]) -> list[str]:
    """Catalogue changes, one line per catalogue and kind for added and removed entries."""
    lines: list[str] = []
    names: dict[tuple[str, DifferenceKind], list[str]] = {}
    for c in changes:
        catalogue, _, key = c.path.removeprefix("catalogues.").partition("[")
        if key and c.kind != "changed":
            names.setdefault((catalogue, c.kind), []).append(key.removesuffix("]"))
        else:
            lines += _wrapped(f"  {_MARK[c.kind]} {c.text}")
    for (catalogue, kind), keys in names.items():
        said = t.gettext(_KINDS[kind]).format(n=len(keys), names=", ".join(keys))
        lines += _wrapped(f"  {_MARK[kind]} {catalogue}: {said}")
    return lines


def render_policies(lang: Lang | None = None) -> str:
    """The policy versions and the dated amendments, as ``shjzz policies`` lists them."""
    t = translations(as_lang(lang))
    rows = [
        (
            t.gettext("id"),
            t.gettext("in force"),
            t.gettext("document"),
            t.pgettext("policy column", "title"),
        )
    ]
    for p in policies():
        last = p.valid_until - _dt.timedelta(days=1)
        rows.append(
            (p.id, f"{p.valid_from} → {last}", f"{p.document} ({p.document_certainty})", p.title)
        )
    lines = [t.gettext("policy versions"), *table(rows), ""]
    lines.append(t.gettext("dated amendments (applied by date)"))
    rows = [(t.gettext("id"), t.gettext("effective"), t.gettext("certainty"), t.gettext("what"))]
    rows += [(a.id, str(a.effective), a.certainty, a.title) for a in amendments()]
    lines += table(rows)
    return neutral("\n".join(lines))


def render_problem(problem: Problem, lang: Lang | None = None) -> str:
    """One problem as ``path: message (got value)``, the frame in *lang* (default English).

    The message is in the language it was made in (``score(…, lang=)``).
    """
    if as_lang(lang) == "en":
        return str(problem)
    t = translations(as_lang(lang))
    text = f"{problem.path}: {problem.message}" if problem.path else problem.message
    if problem.has_value:
        text += t.gettext(" (got {value})").format(value=_short_repr(problem.value))
    if problem.candidates:
        text += t.gettext("; candidates: {names}").format(names=", ".join(problem.candidates))
    return neutral(text.replace("\n", "\\n"))


def render_error(error: ShjzzError, lang: Lang | None = None) -> str:
    """The message of *error* in *lang* (default English, as ``str(error)`` says it)."""
    t = translations(as_lang(lang))
    if isinstance(error, InvalidApplicant):
        return "\n".join(render_problem(p, lang) for p in error.problems)
    if isinstance(error, PolicyNotInForce):
        return t.gettext(
            "no policy version is in force on {on}: the encoded versions cover {first} to "
            "{last}; pin a version with {pin} to evaluate anyway"
        ).format(on=error.on, first=error.first, last=error.last, pin=error.pin)
    if isinstance(error, UnknownPolicy):
        return t.gettext("unknown policy {id}: known versions are {known}").format(
            id=_short_repr(error.ident), known=", ".join(error.known)
        )
    if isinstance(error, UnknownCatalogue):
        return t.gettext("unknown catalogue {name}: known are {known}").format(
            name=_short_repr(error.name), known=", ".join(error.known)
        )
    return str(error)


def render(value: object, lang: Lang | None = None) -> str:
    """The human text of a result, a plan, a diff, a lookup or a catalogue listing.

    The same text ``shjzz score``, ``plan``, ``diff``, ``lookup`` and
    ``catalogue`` print; an embedder shows it instead of writing its own.
    *lang* (``"zh"`` or ``"en"``, default English) is the language of the
    text's frame; a result's details and warnings are in the language it was
    scored in, so pass the same *lang* to :func:`shjzz.score`.
    """
    lang = as_lang(lang)
    from shjzz._diff import Diff  # noqa: PLC0415 - each kind is imported when asked for
    from shjzz._lookup import LookupResult  # noqa: PLC0415
    from shjzz._plan import Plan  # noqa: PLC0415
    from shjzz._result import ScoreResult  # noqa: PLC0415
    from shjzz._worth import CatalogueListing  # noqa: PLC0415

    if isinstance(value, ScoreResult):
        return render_result(value, lang)
    if isinstance(value, Plan):
        return render_plan(value, lang)
    if isinstance(value, Diff):
        return render_diff(value, lang)
    if isinstance(value, LookupResult):
        return render_lookup(value, lang=lang)
    if isinstance(value, CatalogueListing):
        return render_catalogue(value, lang)
    raise InvalidArgument(
        "render() takes a ScoreResult, Plan, Diff, LookupResult or CatalogueListing, "
        f"not {type(value).__name__}"
    )


def render_comparison(comparison: Comparison, lang: Lang | None = None) -> str:
    """One line: whether a result is what its case file expects, and where it differs."""
    t = translations(as_lang(lang))
    if comparison.matches:
        return t.gettext("case: the result is as the case expects")
    shown = "; ".join(
        t.gettext("{key} expected {expected}, got {got}").format(
            key=d.key, expected=user_value(d.expected), got=user_value(d.got)
        )
        for d in comparison.differences
    )
    text = t.gettext("case: differs from what the case expects: {differences}")
    return neutral(text.format(differences=shown))


def render_progress(lines: int, rate: float, failed: int, eta: float | None) -> str:
    """The progress line of ``score --jsonl``: lines done, lines/s, failures, ETA if known."""
    text = f"{lines:,} lines, {rate:,.0f} lines/s, {failed:,} failed"
    if eta is None:
        return text
    minutes, seconds = divmod(round(eta), 60)
    return f"{text}, ETA {minutes}:{seconds:02d}"
