"""What :func:`shjzz.score` returns: the total, every line item and its basis."""

from __future__ import annotations

import datetime as _dt
import typing
from collections.abc import Mapping
from typing import Literal

import attrs

from shjzz._exports import public
from shjzz._frozen import frozen

Certainty = Literal["official", "full-text", "corroborated", "reported", "inferred"]
"""The closed vocabulary of certainty labels, most sure first (see the policy reference)."""
CERTAINTIES: tuple[Certainty, ...] = typing.get_args(Certainty)


@attrs.frozen(kw_only=True, cache_hash=True)
class Basis:
    """Where a rule comes from and how sure we are of it."""

    document: str
    """The document, by 文号 where known (``沪府规〔2022〕21号``)."""
    article: str | None = None
    """The article, where known."""
    certainty: Certainty
    """One of five labels, most sure first: ``official``, ``full-text``, ``corroborated``,
    ``reported``, ``inferred`` (see the docs)."""
    reading: str | None = None
    """The id of the reading shjzz adopts where the text leaves a choice (``R-3``)."""
    quote: str | None = None
    """The clause the rule rests on, quoted from the full text where one was read."""
    sources: tuple[str, ...] = ()
    """Ids of the sources behind this rule in particular (:func:`shjzz.source`), where the
    research names them; the version's own :attr:`Policy.sources` stand behind every rule."""


@attrs.frozen(kw_only=True)
class LineItem:
    """One indicator's points, whether they count, why, and on what basis."""

    indicator: str
    """Stable indicator id such as ``insurance_base``; frontends key on it."""
    name: str
    """The indicator's Chinese name (``社会保险费缴费基数``)."""
    points: int
    counted: bool
    """Whether :attr:`points` count toward the total (二选一 leaves one uncounted)."""
    detail: str
    """Why: the facts read and the rule applied."""
    basis: Basis
    capped: bool = False
    """Whether the indicator's cap cut the points."""


@attrs.frozen(kw_only=True)
class ItemChange:
    """An item whose points another reading would change."""

    indicator: str
    points: int
    """The item's points under the alternative reading."""
    was: int
    """The item's points under the readings used for the result."""


@attrs.frozen(kw_only=True)
class Alternative:
    """The result under one alternative choice of one reading, where it differs."""

    reading: str
    """The reading's id (``R-4``)."""
    choice: str
    """The alternative choice (``strict``)."""
    total: int
    meets_standard: bool
    changes: tuple[ItemChange, ...]
    """The items whose points differ, in result order."""


def frozen_choices(value: Mapping[str, str]) -> Mapping[str, str]:
    """A read-only copy of reading *value* choices (the same object if it already is one)."""
    return frozen(value)


@attrs.frozen(kw_only=True)
class ScoreResult:
    """The score of one applicant on one date under one policy version."""

    policy: str
    """Id of the policy version applied."""
    amendments: tuple[str, ...]
    """Ids of the dated amendments in force on :attr:`on`, oldest first."""
    on: _dt.date
    total: int
    """Sum of the counted items' points, floored at 0."""
    standard: int
    """The standard score (120)."""
    meets_standard: bool
    """Eligible, not vetoed and :attr:`total` ≥ :attr:`standard`.

    This is the residence-permit points standard only; it says nothing about
    户籍 (hukou), which is a different scheme.
    """
    eligible: bool
    vetoed: bool
    items: tuple[LineItem, ...]
    warnings: tuple[str, ...] = ()
    readings: Mapping[str, str] = attrs.field(factory=dict, converter=frozen_choices)
    """The choice used for every reading that has alternatives (``{"R-4": "cumulative"}``)."""
    alternatives: tuple[Alternative, ...] = ()
    """Each alternative choice of a reading that would change an item, with its outcome.

    Empty when the result holds under every reading.
    """

    def item(self, indicator: str) -> LineItem:
        """The line item of *indicator*; ``KeyError`` if the version lacks it."""
        for it in self.items:
            if it.indicator == indicator:
                return it
        raise KeyError(indicator)

    @property
    def points(self) -> dict[str, int]:
        """Counted points by indicator id (an uncounted item shows 0)."""
        return {it.indicator: it.points if it.counted else 0 for it in self.items}


public(Alternative, Basis, ItemChange, LineItem, ScoreResult)
