"""Build ``src/shjzz/data/lookup.json``: pinyin of catalogue names, traditional → simplified.

pypinyin and OpenCC (opencc-python-reimplemented) are development tools only:
shjzz reads the generated file at run time and never imports them.  The output
depends only on the catalogues and the tools' versions, so re-running on
unchanged catalogues gives the same bytes.  Run after editing a catalogue::

    python scripts/build_lookup_data.py          # rewrite the file
    python scripts/build_lookup_data.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from opencc import OpenCC  # type: ignore[import-untyped]
from pypinyin import lazy_pinyin

from shjzz._catalogue import load_catalogues
from shjzz._match import LEVELS, fold

OUT = Path(__file__).resolve().parent.parent / "src" / "shjzz" / "data" / "lookup.json"
PINYIN_OVERRIDES: dict[str, tuple[str, ...]] = {"装调": ("zhuang", "tiao")}
"""Polyphones pypinyin reads wrongly in catalogue names, phrase → syllables (no tones).

装调 (装配调试, install and adjust: 汽车装调工, 机床装调维修工) is zhuāngtiáo, not the
zhuāngdiào pypinyin gives.  Each override is checked against every key it occurs in by
``tests/test_lookup_data.py``; add one only with the reading of the word it belongs to.
"""
_OVERRIDE_RE = re.compile("|".join(map(re.escape, sorted(PINYIN_OVERRIDES, key=len, reverse=True))))
_CJK = range(0x3400, 0xA000)
"""CJK Extension A and Unified Ideographs: where traditional forms of catalogue characters are."""


def catalogue_keys() -> list[str]:
    """The folded key of every catalogue name, alternate and alias, sorted."""
    cats = load_catalogues()
    texts = [alias.alias for alias in cats.aliases]
    for edition in cats.editions:
        for entry in edition.entries:
            texts.append(entry.name)
            texts.extend(entry.alternates)
    return sorted({fold(text) for text in texts} - {""})


def syllables(key: str) -> list[str]:
    """The key's syllables without tones (ü as v): pypinyin's, except for the overrides."""
    out: list[str] = []
    start = 0
    for found in _OVERRIDE_RE.finditer(key):
        out += lazy_pinyin(key[start : found.start()]) if found.start() > start else []
        out += PINYIN_OVERRIDES[found[0]]
        start = found.end()
    return out + (lazy_pinyin(key[start:]) if start < len(key) else [])


def pinyin(key: str) -> list[str]:
    """Full pinyin without tones (ü as v) and initials."""
    read = syllables(key)
    return ["".join(read), "".join(s[0] for s in read)]


def simplified(characters: set[str]) -> dict[str, str]:
    """Traditional → simplified for every character that OpenCC simplifies into *characters*.

    Characters the catalogues use are never mapped, so catalogue keys are
    unchanged by the table.
    """
    convert = OpenCC("t2s").convert
    table = {}
    for point in _CJK:
        char = chr(point)
        simple = convert(char)
        if char not in characters and simple != char and simple in characters:
            table[char] = simple
    return table


def build() -> str:
    """The text of ``lookup.json``."""
    keys = catalogue_keys()
    characters = {char for text in (*keys, *LEVELS) for char in text}
    data = {
        "generated_by": "scripts/build_lookup_data.py (pypinyin, opencc t2s); do not edit",
        "pinyin": {key: pinyin(key) for key in keys},
        "simplified": simplified(characters),
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write ``lookup.json``, or with ``--check`` report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, exit 1 if stale")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        stale = not OUT.is_file() or OUT.read_text(encoding="utf-8") != text
        print(f"{OUT.name} is {'out of date' if stale else 'up to date'}")
        return int(stale)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
