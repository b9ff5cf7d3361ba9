"""What each field of the applicant file means, in Chinese and English (``data/fields.json``).

One entry per ``Class.field``: a ``title`` and a ``description`` as ``[zh, en]``,
``examples``, and for a field a starter file must have filled in, a
``placeholder`` as ``[zh, en]`` (a ``<…>`` string the loader refuses).  The
JSON Schema (:mod:`shjzz._schema`) and ``shjzz new`` (:mod:`shjzz._starter`)
read it; a test keeps it covering every field.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from shjzz._i18n import LANGS, Lang
from shjzz._resources import read_text


@functools.cache
def fields() -> dict[str, dict[str, Any]]:
    """Every field's entry, by ``Class.field``."""
    data: dict[str, dict[str, Any]] = json.loads(read_text("fields.json"))
    return data


def text(key: str, part: str, lang: Lang) -> str | None:
    """The *part* (``title``, ``description``, ``placeholder``) of field *key* in *lang*."""
    entry = fields().get(key, {}).get(part)
    return None if entry is None else str(entry[LANGS.index(lang)])
