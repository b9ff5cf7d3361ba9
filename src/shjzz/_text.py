r"""Text shown to people: characters that could disguise it are shown as escapes.

Control characters, bidirectional and other format characters (U+202E turns
the rest of a line around), line and paragraph separators (U+2028) and lone
surrogates come from input that shjzz echoes.  Every human rendering passes
through :func:`neutral`, which writes them as ``\u202e``; spaces of every
kind, Chinese text and newlines between lines are left as they are.
"""

from __future__ import annotations

import unicodedata


def neutral(text: str) -> str:
    r"""*text* with every character that is not printable (or a space, or ``\n``) escaped."""
    if text.isprintable():
        return text
    return "\n".join(line if line.isprintable() else _escape(line) for line in text.split("\n"))


def _escape(line: str) -> str:
    return "".join(
        c if c.isprintable() or unicodedata.category(c) == "Zs" else _code(c) for c in line
    )


def _code(c: str) -> str:
    point = ord(c)
    if point < 0x100:
        return f"\\x{point:02x}"
    if point < 0x10000:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"
