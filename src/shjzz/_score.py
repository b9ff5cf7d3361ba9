"""score(): apply one policy version's rules to one applicant on one date.

Orchestration only: the applicant's facts are prepared once (``_facts``), each
indicator's rule evaluates itself on them (``shjzz.rules``), the version's
data says which indicators are alternatives (二选一), and the readings that
have alternatives are tried on the indicators they touch.  Nothing here
knows which version or which indicator it is applying.
"""

from __future__ import annotations

import datetime as _dt
import functools
import gettext
from collections.abc import Mapping
from typing import TYPE_CHECKING

from shjzz._args import as_applicant, as_date
from shjzz._facts import Facts
from shjzz._i18n import LANGS, Lang, as_lang, translations
from shjzz._items import NOUNS, item, uncount
from shjzz._plausible import unlikely
from shjzz._policy import Policy, amendments_on, choose, policy_on, registry
from shjzz._policy import policy as _policy_by
from shjzz._result import Alternative, ItemChange, LineItem, ScoreResult
from shjzz.errors import InvalidApplicant

if TYPE_CHECKING:
    from shjzz._applicant import Applicant
    from shjzz.rules import Rule


def score(
    applicant: Applicant | Mapping[str, object],
    *,
    on: _dt.date | None = None,
    policy: str | _dt.date | Policy | None = None,
    readings: Mapping[str, str] | None = None,
    lang: Lang | None = None,
) -> ScoreResult:
    """Score *applicant* on *on* (default today) under *policy*.

    *applicant* may also be applicant-file data, read by :func:`shjzz.load_applicant`.
    A ``datetime`` for *on* stands for its date.

    *policy* is a version id, a date (the version in force then) or a
    :class:`~shjzz.Policy`; by default the version in force on *on*, and
    :class:`~shjzz.errors.PolicyNotInForce` if none is.  A pinned version may
    be evaluated outside its dates; the result then carries a warning.
    Amendments apply by *on* whichever version is used.

    *readings* selects alternative readings of open rules (``{"R-4":
    "strict"}``); every other reading takes its default.  The result names the
    choices used and, for every alternative that would change an item, its
    total and verdict.

    *lang* (``"zh"`` or ``"en"``, default English) is the language of the
    result's human texts: each item's ``detail`` and the warnings.  Ids,
    points and every other field are the same in both.
    """
    applicant = as_applicant(applicant)
    lang = as_lang(lang)
    t = translations(lang)
    day = _evaluation_date(on)
    choices = choose(readings)
    warnings: list[str] = []
    if policy is None:
        pol = policy_on(day)
    else:
        pol = policy if isinstance(policy, Policy) else _policy_by(policy)
        if not pol.in_force(day):
            last = pol.valid_until - _dt.timedelta(days=1)
            warnings.append(
                t.gettext(
                    "version {id} is in force from {start} to {last}; "
                    "it was pinned and applied on {day} anyway"
                ).format(id=pol.id, start=pol.valid_from, last=last, day=day)
            )
    warnings += unlikely(applicant, day)
    plan = _plan(pol)
    facts = Facts(
        applicant,
        on=day,
        reach=plan.reach,
        rules=plan.rules(choices),
        choices=choices,
        warnings=warnings,
        lang=lang,
    )
    items = [_evaluate(facts, step, lang) for step in plan.steps]
    if facts.problems:
        raise InvalidApplicant(facts.problems)
    eligible = pol.eligibility.applies(facts)
    vetoed = False
    for veto in pol.vetoes:
        vetoed = veto.applies(facts, pol.id) or vetoed
    settled, total = _settle(items, plan.choices, t)
    return ScoreResult(
        policy=pol.id,
        amendments=_amendment_ids(day),
        on=day,
        total=total,
        standard=pol.standard,
        meets_standard=eligible and not vetoed and total >= pol.standard,
        eligible=eligible,
        vetoed=vetoed,
        items=settled,
        warnings=tuple(dict.fromkeys(warnings)) if warnings else (),
        readings=choices,
        alternatives=_alternatives(pol, facts, plan, items, eligible and not vetoed, lang=lang),
    )


class _Step:
    """One indicator of a version: its id, the field it reads, its items when that is empty.

    The empty items are one per language.
    """

    __slots__ = ("absent", "field", "indicator")

    def __init__(self, indicator: str, rule: Rule) -> None:
        self.indicator = indicator
        self.field = rule.reads
        self.absent = (
            {
                lang: item(indicator, 0, translations(lang).gettext(rule.absent), rule.basis)
                for lang in LANGS
            }
            if rule.reads
            else None
        )


class _Plan:
    """What :func:`score` works out once per version."""

    __slots__ = ("_rules", "alternatives", "choices", "policy", "reach", "steps")

    def __init__(self, pol: Policy) -> None:
        self.policy = pol
        self._rules: dict[tuple[tuple[str, str], ...], Mapping[str, Rule]] = {}
        self.steps = tuple(_Step(i, rule) for i, rule in pol.indicators.items())
        index = {step.indicator: k for k, step in enumerate(self.steps)}
        self.choices = tuple(tuple(index[i] for i in group) for group in pol.choices)
        self.reach = _reach(pol)
        self.alternatives = tuple(
            (reading, choice, tuple(index[i] for i in pol.touched(reading)))
            for reading in pol.variants
            for choice in _choice_ids()[reading]
        )
        """Each reading and choice, with the steps the reading touches."""

    def rules(self, choices: Mapping[str, str]) -> Mapping[str, Rule]:
        """The version's rules under *choices*, worked out once per combination of choices."""
        key = tuple(sorted(choices.items()))
        known = self._rules.get(key)
        if known is None:
            known = self._rules[key] = self.policy.rules(choices)
        return known


@functools.lru_cache(maxsize=64)
def _plan(pol: Policy) -> _Plan:
    return _Plan(pol)


def _reach(pol: Policy) -> int:
    """How many months back any base multiple is compared, under any reading."""
    windows: list[int] = [rule.base_window() for rule in pol.all_rules()]
    return max(windows)


def _evaluate(facts: Facts, step: _Step, lang: Lang) -> LineItem:
    absent = step.absent
    if absent is not None and not getattr(facts.a, step.field or ""):
        return absent[lang]
    return facts.rules[step.indicator].evaluate(facts, step.indicator)


def _reads_something(facts: Facts, step: _Step) -> bool:
    """Whether the step's rule has facts to read (its field is given, or it reads no field)."""
    return step.absent is None or bool(getattr(facts.a, step.field or ""))


def _settle(
    items: list[LineItem], choices: tuple[tuple[int, ...], ...], t: gettext.NullTranslations
) -> tuple[tuple[LineItem, ...], int]:
    """Apply the version's 二选一 groups (the highest counts, the first on a tie) and total."""
    settled = list(items)
    for group in choices:
        best = max(group, key=lambda k: (items[k].points, -group.index(k)))
        noun = t.gettext(NOUNS[items[best].indicator])
        if best == group[0]:  # ties go to the first listed
            why = t.gettext("one of two: {noun} is higher or equal").format(noun=noun)
        else:
            why = t.gettext("one of two: {noun} is higher").format(noun=noun)
        for k in group:
            if k != best:
                settled[k] = uncount(items[k], why)
    total = 0
    for it in settled:
        if it.counted:
            total += it.points
    return tuple(settled), max(total, 0)


def _alternatives(  # noqa: PLR0913 - the result so far, and its language
    pol: Policy, facts: Facts, plan: _Plan, items: list[LineItem], may_meet: bool, *, lang: Lang
) -> tuple[Alternative, ...]:
    """The outcome under each alternative choice that changes an item.

    Only the indicators a reading touches are evaluated again, on the same
    prepared facts; one whose field is empty gives its shared item whatever the rule.
    """
    out = []
    other: Facts | None = None
    for reading, choice, touched in plan.alternatives:
        if facts.choices[reading] == choice:
            continue
        live = [k for k in touched if _reads_something(facts, plan.steps[k])]
        if not live:
            continue
        chosen = {**facts.choices, reading: choice}
        other = facts.under(plan.rules(chosen), chosen, other)
        changes = []
        for k in live:
            new = _evaluate(other, plan.steps[k], lang)
            if new.points != items[k].points:
                changes.append((k, new))
        if not changes:
            continue
        changed = list(items)
        for k, new in changes:
            changed[k] = new
        _, total = _settle(changed, plan.choices, facts.t)
        out.append(
            Alternative(
                reading=reading,
                choice=choice,
                total=total,
                meets_standard=may_meet and total >= pol.standard,
                changes=tuple(
                    ItemChange(indicator=new.indicator, points=new.points, was=items[k].points)
                    for k, new in changes
                ),
            )
        )
    return tuple(out)


@functools.cache
def _choice_ids() -> dict[str, tuple[str, ...]]:
    """Every choice of every reading that has alternatives, the default first."""
    return {r.id: tuple(c.id for c in r.choices) for r in registry().readings if r.choices}


@functools.lru_cache(maxsize=4096)
def _amendment_ids(day: _dt.date) -> tuple[str, ...]:
    return tuple(a.id for a in amendments_on(day))


def _evaluation_date(on: object) -> _dt.date:
    if on is None:
        return _dt.date.today()  # noqa: DTZ011 - the caller's calendar date, as documented
    return as_date(on, "on")
