"""The two languages of shjzz's human texts, read from gettext catalogues.

The texts are written in English in the code and translated in
``shjzz/locale/<lang>/LC_MESSAGES/shjzz.po`` (``en`` as well, so every message
has both translations and English plurals are right).  The compiled ``.mo``
files ship as package data and are read with the stdlib :mod:`gettext`;
Babel extracts and compiles them (``nox -s i18n``), a development tool only.

The language is a value passed down (``score(…, lang="zh")``), never global
state: a :class:`gettext.GNUTranslations` is a dictionary lookup per text.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Mapping
from typing import Literal, TypeGuard, get_args

from shjzz.errors import InvalidArgument

Lang = Literal["zh", "en"]
"""A language of shjzz's human texts: Chinese (``zh``) or English (``en``)."""
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT: Lang = "en"
"""The language of the API's texts when none is asked for (``detail`` in JSON results)."""
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def is_lang(value: object) -> TypeGuard[Lang]:
    """Whether *value* is one of :data:`LANGS`."""
    return value in LANGS


def as_lang(value: object) -> Lang:
    """*value* checked as a language (``None``: the API default, English)."""
    if value is None:
        return DEFAULT
    if not is_lang(value):
        raise InvalidArgument(f"lang must be one of {', '.join(LANGS)}, not {value!r}")
    return value


def locale_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The language the locale asks for: the first set of LC_ALL, LC_MESSAGES, LANG.

    ``en…`` gives English; anything else, or nothing, gives Chinese.
    """
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


@functools.cache
def translations(lang: Lang) -> gettext.GNUTranslations:
    """The compiled catalogue of *lang*, read once."""
    import importlib_resources  # noqa: PLC0415 - keeps `import shjzz` cheap

    path = importlib_resources.files("shjzz") / "locale" / lang / "LC_MESSAGES" / "shjzz.mo"
    with path.open("rb") as fp:
        return gettext.GNUTranslations(fp)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel extracts
    """Mark *message* for translation where it is defined; it is translated where shown."""
    return message
