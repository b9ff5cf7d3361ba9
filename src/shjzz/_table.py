"""Plain-text tables that stay aligned with Chinese text (wide characters take two columns)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    """The columns *text* takes in a terminal: two for each wide or full-width character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """Lines of *rows* padded into columns; the last column is left ragged.

    Columns whose index is in *right* are right-aligned (numbers).
    """
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    out = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row[:-1]):
            pad = " " * (widths[i] - width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        out.append("  ".join([*cells, row[-1]]).rstrip())
    return out


COLUMNS = 100
"""The width every text output fits."""
_UNIT = re.compile(
    r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+"
)


def wrap(text: str, columns: int, indent: str) -> list[str]:
    """*text* broken into lines of at most *columns* columns, the later lines after *indent*.

    English breaks at spaces, Chinese between any two characters; a word
    longer than a line is cut.
    """
    lines: list[str] = []
    line, used = "", 0
    for found in _UNIT.findall(text):
        unit = found
        size = width(unit.rstrip())
        if used + size > columns and line.strip():
            lines.append(line.rstrip())
            line, used = indent, width(indent)
            unit = unit.lstrip()
            size = width(unit.rstrip())
        while used + size > columns and unit:
            room = max(1, columns - used)
            cut = _cut(unit, room)
            lines.append((line + unit[:cut]).rstrip())
            line, used, unit = indent, width(indent), unit[cut:]
            size = width(unit.rstrip())
        line += unit
        used += width(unit)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _cut(unit: str, room: int) -> int:
    """How many characters of *unit* fit in *room* columns (at least one)."""
    used = 0
    for i, ch in enumerate(unit):
        used += width(ch)
        if used > room:
            return max(1, i)
    return len(unit)
