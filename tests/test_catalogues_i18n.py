"""The translation catalogues: complete, compiled from the current ``.po`` files, in the code.

A translator edits ``src/shjzz/locale/<lang>/LC_MESSAGES/shjzz.po``; ``nox -s
i18n`` extracts the texts and compiles the ``.mo`` files the package reads.
These tests fail when a text of the code is not in the catalogues, when a
message lacks a translation, when a translation drops or invents a
placeholder, and when a ``.mo`` is older than its ``.po``.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "shjzz"
LOCALE = SRC / "locale"
LANGS = ("zh", "en")
_KEYWORDS = {"gettext": 0, "ngettext": 0, "pgettext": 1, "N_": 0, "_label": 0}
_FIELD = re.compile(r"\{(\w*)[^{}]*\}")

Key = tuple[str | None, str]
"""A message: its context (``None`` for most) and its ``msgid``."""


def read_po(path: Path) -> dict[Key, tuple[str, ...]]:
    """The messages of a ``.po`` file: key → translations (one per plural form)."""
    messages: dict[Key, tuple[str, ...]] = {}
    entry: dict[str, str] = {}
    field = ""

    def flush() -> None:
        if entry.get("msgid"):
            forms = tuple(v for k, v in sorted(entry.items()) if k.startswith("msgstr"))
            messages[(entry.get("msgctxt"), entry["msgid"])] = forms
        entry.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            entry[field] += ast.literal_eval(line)
            continue
        field, _, value = line.partition(" ")
        if field in {"msgctxt", "msgid"} and "msgstr" in "".join(entry):
            flush()
        entry[field] = ast.literal_eval(value)
    flush()
    return messages


def code_messages() -> set[Key]:
    """Every literal text the code passes to gettext, ngettext, pgettext, ``N_`` or ``_label``."""
    found: set[Key] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            where = _KEYWORDS.get(name or "")
            if where is None or len(node.args) <= where:
                continue
            arg = node.args[where]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                context = node.args[0].value if name == "pgettext" else None
                found.add((context, arg.value))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_of_the_code_is_in_the_catalogue(lang):
    messages = read_po(LOCALE / lang / "LC_MESSAGES" / "shjzz.po")
    missing = code_messages() - set(messages)
    assert not missing, f"run nox -s i18n and translate: {sorted(missing, key=str)[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_has_a_translation_that_invents_no_placeholder(lang):
    """A translation may leave a placeholder out (zh says ``三级`` for ``level 3 (三级)``)."""
    for (context, msgid), forms in read_po(LOCALE / lang / "LC_MESSAGES" / "shjzz.po").items():
        assert forms, (context, msgid)
        assert all(forms), f"{lang}: no translation of {msgid!r}"
        wanted = set(_FIELD.findall(msgid))
        for form in forms:
            assert set(_FIELD.findall(form)) <= wanted, f"{lang}: {msgid!r} → {form!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogue_is_the_po_file(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    with (folder / "shjzz.mo").open("rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    table = compiled._catalog  # what gettext reads
    for (context, msgid), forms in read_po(folder / "shjzz.po").items():
        key = msgid if context is None else f"{context}\x04{msgid}"
        got = table.get(key, table.get((key, 0)))
        assert got == forms[0], f"{lang}: {msgid!r} is stale in shjzz.mo: run nox -s i18n"


def test_the_tests_read_a_po_file_as_gettext_does(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh\\n"\n\nmsgctxt "column"\nmsgid "no"\nmsgstr "序号"\n\n'
        'msgid ""\n"a long "\n"text"\nmsgstr "长"\n\nmsgid "{n} rule"\nmsgid_plural "{n} rules"\n'
        'msgstr[0] "{n} 条"\n',
        encoding="utf-8",
    )
    assert read_po(po) == {
        ("column", "no"): ("序号",),
        (None, "a long text"): ("长",),
        (None, "{n} rule"): ("{n} 条",),
    }
