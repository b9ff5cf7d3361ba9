"""The sources the rules are compiled from: the bibliography every citation points into.

``data/sources.json`` is built from the research notes by
``scripts/build_sources.py`` and read once, on first use.  Ids are namespaced
by the research file that numbered them: ``P-S10`` (policy research), ``C-S10``
(catalogue research), ``N2`` (the source-hunting pass), ``V-Q6`` (an answered
question of the verification pass), ``T-2015`` and ``T-2013`` (the full texts).
"""

from __future__ import annotations

import functools
import json
import re

import attrs

from shjzz._exports import public
from shjzz._resources import read_text
from shjzz.errors import UnknownSource

ID = re.compile(r"\b(?:P-S\d+[a-z]?|C-S\d+|N\d+[a-z]?|V-Q\d+|T-\d{4})\b")
"""A source id as the package data writes it."""


@attrs.frozen(kw_only=True)
class Source:
    """One source a rule, a version or a catalogue edition cites."""

    id: str
    """``P-S10``, ``C-S10``, ``N2``, ``V-Q6``, ``T-2015``: unique across the research files."""
    title: str | None = None
    """The document's title, where the research gives one."""
    urls: tuple[str, ...] = ()
    """Where it was read; empty where the research records no URL (see :attr:`note`)."""
    date: str | None = None
    """The source's own date (``YYYY-MM-DD`` or shorter), where the research gives one."""
    supports: str
    """What it supports, in the research's words."""
    compiled_in: str
    """The research file (and section) that lists it."""
    note: str | None = None
    """Anything else the research says of where it is: mirrors, file ids, provenance."""


public(Source)


@functools.cache
def _by_id() -> dict[str, Source]:
    from shjzz._convert import data_converter  # noqa: PLC0415

    conv = data_converter()
    found = (conv.structure(s, Source) for s in json.loads(read_text("sources.json")))
    return {s.id: s for s in found}


def sources() -> tuple[Source, ...]:
    """Every source the package data cites, by namespace and number."""
    return tuple(_by_id().values())


def source(ident: str) -> Source:
    """The source with id *ident* (``P-S11``); :class:`~shjzz.errors.UnknownSource` if none."""
    try:
        return _by_id()[ident]
    except (KeyError, TypeError):
        raise UnknownSource(ident) from None
