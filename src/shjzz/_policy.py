"""Policy versions, dated amendments, readings and the reference-wage series.

Everything here is read once, on first use, from the package data in
``shjzz/data`` and structured into frozen objects (``_trusted``).  A version is in
force on ``[valid_from, valid_until)``; amendments apply by date whichever
version is used.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import itertools
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import attrs

from shjzz._exports import public
from shjzz._frozen import frozen
from shjzz._items import INDICATORS
from shjzz._months import parse_date
from shjzz._resources import names, read_text
from shjzz._result import Certainty, frozen_choices
from shjzz._trusted import structure
from shjzz._wages import WageRow, Wages, series
from shjzz.errors import PolicyNotInForce, UnknownPolicy, UnknownReading
from shjzz.rules import KINDS, Eligibility, Rule, Veto, frozen_map

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from attrs import AttrsInstance

    from shjzz._catalogue import Catalogues


def _frozen_variants(
    value: Mapping[str, Mapping[str, Mapping[str, Rule]]],
) -> Mapping[str, Mapping[str, Mapping[str, Rule]]]:
    return frozen_map(
        {
            reading: frozen_map({choice: frozen_map(rules) for choice, rules in choices.items()})
            for reading, choices in value.items()
        }
    )


class Indicators(Mapping[str, Rule]):
    """The rule of every indicator of one version, by indicator id, in result order.

    Also read as attributes (``indicators.age``); an indicator the version lacks
    reads as ``None`` (``indicators.entrepreneur`` in ``2013``).
    """

    __slots__ = ("_rules",)

    def __init__(self, rules: Mapping[str, Rule]) -> None:
        """Keep *rules*, in the order of the indicator ids."""
        unknown = sorted(set(rules) - set(INDICATORS))
        if unknown:
            raise ValueError(f"unknown indicator {unknown[0]!r}; known: {', '.join(INDICATORS)}")
        ordered = {i: rules[i] for i in INDICATORS if i in rules}
        object.__setattr__(self, "_rules", frozen(ordered))

    def __getitem__(self, indicator: str) -> Rule:
        """The rule of *indicator*."""
        rule: Rule = self._rules[indicator]
        return rule

    def __iter__(self) -> Iterator[str]:
        """The indicator ids, in result order."""
        return iter(self._rules)

    def __len__(self) -> int:
        """How many indicators the version has."""
        return len(self._rules)

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - each indicator has its own kind
        """``indicators.age``: the rule, or ``None`` for an indicator the version lacks."""
        if name in INDICATORS:
            return self._rules.get(name)
        raise AttributeError(name)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: a version's rules are frozen."""
        raise attrs.exceptions.FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        """Equal when the same indicators have equal rules."""
        if not isinstance(other, Indicators):
            return NotImplemented
        return dict(self._rules) == dict(other._rules)

    def __hash__(self) -> int:
        """Hash by the rules."""
        return hash(self._rules)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle by the rules."""
        return (Indicators, (dict(self._rules),))

    def __repr__(self) -> str:
        """``Indicators(age=AgeSteps(…), …)``."""
        return "Indicators(" + ", ".join(f"{k}={v!r}" for k, v in self._rules.items()) + ")"


@attrs.frozen(kw_only=True)
class Change:
    """One thing a version changed from its predecessor, and how sure that is."""

    text: str
    certainty: Certainty


@attrs.frozen(kw_only=True, cache_hash=True)
class Policy:
    """One official version of the points rules (办法 and its 实施细则)."""

    id: str
    title: str
    document: str
    """The 办法's 文号."""
    document_certainty: Certainty
    implementing_rules: str | None
    """The 实施细则, by 文号 where known."""
    valid_from: _dt.date
    valid_until: _dt.date
    """First day no longer in force: the version covers ``[valid_from, valid_until)``."""
    certainty: Certainty
    sources: tuple[str, ...]
    """Ids of the sources for the version as a whole (:func:`shjzz.source`)."""
    note: str
    changes: tuple[Change, ...]
    standard: int
    eligibility: Eligibility
    vetoes: tuple[Veto, ...]
    indicators: Indicators
    choices: tuple[tuple[str, ...], ...] = ()
    """Groups of indicators of which only the highest counts (二选一), first listed on a tie."""
    variants: Mapping[str, Mapping[str, Mapping[str, Rule]]] = attrs.field(
        factory=dict, converter=_frozen_variants
    )
    """Rules under the alternative choices of readings: reading → choice → indicator → rule.

    Written in the data beside the indicator's own rule (its ``alternatives``);
    an indicator not listed keeps its rule under every choice.
    """

    def in_force(self, on: _dt.date) -> bool:
        """Whether this version is in force on *on*."""
        return self.valid_from <= on < self.valid_until

    def rule(self, indicator: str, choices: Mapping[str, str]) -> Any:  # noqa: ANN401 - per indicator
        """The rule of *indicator* under the reading *choices* (``{"R-4": "strict"}``)."""
        for reading, choice in choices.items():
            rules = self.variants.get(reading, {}).get(choice)
            if rules is not None and indicator in rules:
                return rules[indicator]
        return self.indicators[indicator]

    def rules(self, choices: Mapping[str, str]) -> Mapping[str, Rule]:
        """Every indicator's rule under the reading *choices*."""
        if not any(self.variants.get(r, {}).get(c) for r, c in choices.items()):
            return self.indicators
        return {i: self.rule(i, choices) for i in self.indicators}

    def all_rules(self) -> list[Any]:
        """Every rule object of the version: indicators, eligibility, vetoes, and every variant."""
        found: list[Any] = [*self.indicators.values(), self.eligibility, *self.vetoes]
        found += [r for cs in self.variants.values() for rs in cs.values() for r in rs.values()]
        return found

    def touched(self, reading: str) -> tuple[str, ...]:
        """The indicators whose rule an alternative choice of *reading* changes, in result order."""
        changed = {i for rules in self.variants.get(reading, {}).values() for i in rules}
        return tuple(i for i in self.indicator_ids if i in changed)

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """The ids of the indicators this version has, in result order."""
        return tuple(self.indicators)


@attrs.frozen(kw_only=True)
class Amendment:
    """A dated change inside a version (临港新片区, 五个新城, …), applied by date."""

    id: str
    effective: _dt.date
    title: str
    document: str
    certainty: Certainty
    date_note: str
    summary: str
    not_applied: str | None = None
    """What the source claims that shjzz does not apply, and why."""


@attrs.frozen(kw_only=True)
class ReadingChoice:
    """One way of reading an open rule: the default one, or a named alternative."""

    id: str
    """The choice's id, given as ``R-4=strict``."""
    text: str


@attrs.frozen(kw_only=True)
class Reading:
    """A reading shjzz adopts where the published text leaves a choice."""

    id: str
    title: str
    text: str
    certainty: Certainty
    source: str
    """``reference`` (the policy reference) or ``shjzz`` (where the reference is silent)."""
    choices: tuple[ReadingChoice, ...] = ()
    """The default choice first, then the alternatives a user may select; empty if none."""

    @property
    def default(self) -> str | None:
        """The id of the choice used unless another is selected."""
        return self.choices[0].id if self.choices else None


@attrs.frozen
class Registry:
    """Everything read from the package data."""

    policies: tuple[Policy, ...]
    amendments: tuple[Amendment, ...]
    readings: tuple[Reading, ...]
    wages: Wages

    @property
    def catalogues(self) -> Catalogues:
        """The catalogues, read on first use."""
        from shjzz._catalogue import catalogues  # noqa: PLC0415

        return catalogues()


_DRAFTS: list[Path] = []
"""Version files read beside the shipped ones (:func:`drafts`)."""


@contextlib.contextmanager
def drafts(*files: Path) -> Iterator[None]:
    """Read the version files *files* beside the shipped ones, while the block runs.

    For trying a draft version (the one that replaces ``2023``) and for the
    tests that prove a version is data plus, at most, one new rule kind.
    """
    _DRAFTS.extend(files)
    _forget()
    try:
        yield
    finally:
        del _DRAFTS[len(_DRAFTS) - len(files) :]
        _forget()


def _forget() -> None:
    for cached in (registry, policy_on, amendments_on, _defaults):
        cached.cache_clear()


@functools.cache
def registry() -> Registry:
    """Read and structure all policy data (once)."""
    texts = [read_text(f"policies/{name}") for name in names("policies", ".json")]
    texts += [path.read_text(encoding="utf-8") for path in _DRAFTS]
    found = [_structure_policy(structure, json.loads(text)) for text in texts]
    policies = tuple(sorted(found, key=lambda p: p.valid_from))
    for earlier, later in itertools.pairwise(policies):
        if earlier.valid_until > later.valid_from:
            raise ValueError(f"versions {earlier.id} and {later.id} overlap")
    amendments = tuple(structure(a, Amendment) for a in json.loads(read_text("amendments.json")))
    readings = tuple(structure(r, Reading) for r in json.loads(read_text("readings.json")))
    return Registry(policies, amendments, readings, series())


def _structure_policy(structure: Callable[[Any, Any], Any], data: dict[str, Any]) -> Policy:
    """A version from its data: each indicator by the kind its data names.

    *structure* builds a value of a type from its data (the trusted structurer;
    the tests pass cattrs' to check they agree).

    An indicator's ``alternatives`` map a reading id and a choice to the fields
    that differ under that choice; the variant is the rule with those fields
    (the others stay the very same objects).
    """
    rules: dict[str, Rule] = {}
    variants: dict[str, dict[str, dict[str, Rule]]] = {}
    for indicator, given in data.pop("indicators").items():
        fields = dict(given)
        alternatives = fields.pop("alternatives", {})
        kind = fields.pop("kind", None)
        if kind not in KINDS:
            known = ", ".join(sorted(KINDS))
            raise ValueError(f"{data.get('id')}: {indicator}: unknown rule kind {kind!r}: {known}")
        cls = KINDS[kind]
        rule = rules[indicator] = structure(fields, cls)
        types = attrs.fields_dict(attrs.resolve_types(cast("type[AttrsInstance]", cls)))
        for reading, choices in alternatives.items():
            for choice, changes in choices.items():
                variant = attrs.evolve(
                    rule, **{k: structure(v, types[k].type) for k, v in changes.items()}
                )
                variants.setdefault(reading, {}).setdefault(choice, {})[indicator] = variant
    data["choices"] = [tuple(group) for group in data.get("choices", ())]
    for group in data["choices"]:
        missing = [i for i in group if i not in rules]
        if missing:
            raise ValueError(f"{data.get('id')}: choice names {missing[0]!r}, not an indicator")
    pol: Policy = structure({**data, "indicators": {}}, Policy)
    return attrs.evolve(pol, indicators=Indicators(rules), variants=variants)


def policy_ids() -> tuple[str, ...]:
    """The ids of the encoded versions, oldest first (as found in the package data)."""
    return tuple(p.id for p in registry().policies)


def policies() -> tuple[Policy, ...]:
    """Every encoded policy version, oldest first."""
    return registry().policies


def amendments() -> tuple[Amendment, ...]:
    """Every encoded dated amendment, oldest first."""
    return registry().amendments


def wages() -> tuple[WageRow, ...]:
    """The reference wage (上年度平均工资) by contribution months, oldest first.

    A month outside every row is compared with the nearest row, and the score
    says so in a warning.
    """
    return registry().wages.rows


def readings() -> tuple[Reading, ...]:
    """The readings shjzz adopts where the text leaves a choice."""
    return registry().readings


def choose(readings: Mapping[str, str] | None) -> Mapping[str, str]:
    """The choice of every reading with alternatives: its default unless *readings* names another.

    Raises :class:`~shjzz.errors.UnknownReading` for a reading without
    alternatives or a choice that is not one of its own; the message lists the
    valid ones.
    """
    if readings is None:
        return _defaults()
    open_ = {r.id: r for r in registry().readings if r.choices}
    chosen = dict(_defaults())
    if not isinstance(readings, Mapping):
        raise UnknownReading(
            f"readings must map reading ids to choices, such as {{'R-4': 'strict'}}; "
            f"got {type(readings).__name__}"
        )
    for rid, choice in readings.items():
        reading = open_.get(rid) if isinstance(rid, str) else None
        if reading is None:
            valid = "; ".join(f"{r.id}={'|'.join(c.id for c in r.choices)}" for r in open_.values())
            raise UnknownReading(f"unknown reading {rid!r}: the readings with a choice are {valid}")
        ids = [c.id for c in reading.choices]
        if choice not in ids:
            raise UnknownReading(
                f"unknown choice {choice!r} for {rid}: choose one of {', '.join(ids)} "
                f"(default {reading.default})"
            )
        chosen[rid] = choice
    return frozen_choices(chosen)


@functools.cache
def _defaults() -> Mapping[str, str]:
    """The default choice of every reading that has alternatives (one shared mapping)."""
    return frozen_choices({r.id: r.default or "" for r in registry().readings if r.choices})


@functools.lru_cache(maxsize=4096)
def amendments_on(on: _dt.date) -> tuple[Amendment, ...]:
    """The amendments in force on *on*."""
    return tuple(a for a in registry().amendments if a.effective <= on)


def policy(which: str | _dt.date) -> Policy:
    """A policy version by id (``"2018"``), or the one in force on a date.

    A date may also be given as ``YYYY-MM-DD``; a ``datetime`` stands for its
    date.  Raises
    :class:`~shjzz.errors.UnknownPolicy` for an unknown id and
    :class:`~shjzz.errors.PolicyNotInForce` for a date no version covers.
    """
    reg = registry()
    if isinstance(which, _dt.date):
        return policy_on(_dt.date(which.year, which.month, which.day))  # a datetime: its day
    if not isinstance(which, str):
        raise UnknownPolicy(which, policy_ids())
    for p in reg.policies:
        if p.id == which:
            return p
    try:
        day = parse_date(which)
    except ValueError:
        day = None
    if day is None:
        raise UnknownPolicy(which, policy_ids())
    return policy_on(day)


@functools.lru_cache(maxsize=4096)
def policy_on(on: _dt.date) -> Policy:
    """The version in force on *on*; :class:`~shjzz.errors.PolicyNotInForce` if none."""
    pols = registry().policies
    for p in pols:
        if p.in_force(on):
            return p
    raise PolicyNotInForce(on, pols[0].valid_from, pols[-1].valid_until - _dt.timedelta(days=1))


public(Policy, Amendment, Indicators, Reading, ReadingChoice)
