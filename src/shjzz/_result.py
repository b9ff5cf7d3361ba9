"""What :func:`shjzz.score` returns: the total, every line item and its basis."""

from __future__ import annotations

import datetime as _dt
from typing import Literal

import attrs

from shjzz._exports import public

Certainty = Literal["official", "corroborated", "reported", "inferred"]
CERTAINTIES: tuple[Certainty, ...] = ("official", "corroborated", "reported", "inferred")


@attrs.frozen(kw_only=True)
class Basis:
    """Where a rule comes from and how sure we are of it."""

    document: str
    """The document, by 文号 where known (``沪府规〔2022〕21号``)."""
    article: str | None = None
    """The article, where known."""
    certainty: Certainty
    """``official``, ``corroborated``, ``reported`` or ``inferred`` (see the docs)."""
    reading: str | None = None
    """The id of the reading shjzz adopts where the text leaves a choice (``R-3``)."""


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


public(Basis, LineItem, ScoreResult)
