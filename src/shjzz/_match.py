"""Normalisation and similarity for catalogue lookups.

Queries and catalogue names are compared as *keys*: NFKC-folded (full-width
letters, digits and brackets become ASCII), case-folded, without white space,
punctuation, symbols or control characters, and with traditional characters
mapped to the simplified ones the catalogues use.  Similarity is the
normalised Indel similarity ``2·LCS / (len a + len b)`` over the keys a
character index shortlists.  rapidfuzz computes the LCS when installed
(``shjzz[fast]``), a bit-parallel LCS in pure Python otherwise; both give the
same integer, hence the same scores, rankings and confident flags.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

import attrs

from shjzz._resources import read_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

NO_RAPIDFUZZ = "SHJZZ_NO_RAPIDFUZZ"
"""Environment variable: set to ``1`` to use the stdlib scorer even when rapidfuzz is installed."""

LEVELS: dict[str, int] = {
    **{f"{n}级": i for i, n in enumerate("一二三四五", 1)},
    **{f"{i}级": i for i in range(1, 6)},
    "高级技师": 1,
    "技师": 2,
    "高级工": 3,
    "中级工": 4,
    "初级工": 5,
    "高级": 3,
    "中级": 4,
    "初级": 5,
}
"""Skill-level words (国家职业资格 一级/高级技师 … 五级/初级工) and the level (1–5) they name."""

LEVEL_NAMES: dict[int, str] = {
    1: "一级/高级技师",
    2: "二级/技师",
    3: "三级/高级工",
    4: "四级/中级工",
    5: "五级/初级工",
}
"""How each skill level is written: the current name and the old one."""

TITLE_GRADES: dict[str, str] = {
    "初级": "junior",
    "中级": "intermediate",
    "副高级": "deputy_senior",
    "副高": "deputy_senior",
    "高级": "deputy_senior",
    "正高级": "senior",
    "正高": "senior",
}
"""Grade words of titles and qualifications and the grade they name (高级工程师 is 副高)."""

GRADE_NAMES: dict[str, str] = {
    "junior": "初级",
    "intermediate": "中级",
    "deputy_senior": "副高级",
    "senior": "正高级",
}
"""How each title grade is written."""

CERTIFICATE_WORDS: tuple[str, ...] = (
    "职业技能等级证书",
    "职业资格证书",
    "技能等级证书",
    "职业资格证",
    "技能等级证",
    "等级证书",
    "资格证书",
    "职称证书",
    "资格证",
    "职称证",
    "等级证",
    "证书",
    "职称",
    "证",
)
"""Words for the certificate itself, read off the end of a query: 焊工证书 is 焊工."""

GENERIC: tuple[str, ...] = (
    "专业技术",
    "人员",
    "技术",
    "专业",
    "资格",
    "职业",
    "注册",
    "操作",
    "安装",
    "工",
    "员",
    "师",
)
"""Generic parts of catalogue names a person may leave out (汽车维修 for 汽车维修工)."""

_PREFIXES = tuple(w for w in LEVELS if w.endswith("级"))
_ALTERNATION = "|".join(sorted(LEVELS, key=len, reverse=True))
_SUFFIX = re.compile(f"(.+?)({_ALTERNATION})")
_PREFIX = re.compile(f"({'|'.join(_PREFIXES)})(.+)")
_MARKER = re.compile(r"[一二三四五六七八九十\da-z初中高]级|助理|协理|副|正")
_DROP = re.compile(r"[\W_]+")
_GRADE_WORDS = "|".join(sorted(TITLE_GRADES, key=len, reverse=True))
_GRADE_PREFIX = re.compile(f"({_GRADE_WORDS})(.+)")
_GRADE_SUFFIX = re.compile(f"(.+?)({_GRADE_WORDS})")
_CERTIFICATE = re.compile(f"(.+?)(?:{'|'.join(CERTIFICATE_WORDS)})+")
_LEFTOVER = re.compile(f"(?:{'|'.join(GENERIC)}|{_MARKER.pattern})+")
_TONE = re.compile(r"(?<=[a-z])[1-5]")


def fold(text: str) -> str:
    """Fold widths (NFKC) and case; keep only letters and digits.

    White space, punctuation, symbols, emoji, combining marks, control and
    format characters and lone surrogates are dropped.  Brackets of both
    widths go with the punctuation: ``焊工（三级）`` and ``焊工(三级)`` both
    become ``焊工三级``.
    """
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


@attrs.frozen
class Tables:
    """The precomputed data of ``lookup.json`` (built by ``scripts/build_lookup_data.py``)."""

    simplified: dict[int, str]
    """``str.translate`` table: traditional → simplified, for the characters catalogues use."""
    pinyin: dict[str, tuple[str, str]]
    """Catalogue key → (full pinyin without tones, initials)."""


@functools.cache
def tables() -> Tables:
    """Read ``lookup.json`` (once)."""
    data = json.loads(read_text("lookup.json"))
    return Tables(
        simplified={ord(t): s for t, s in data["simplified"].items()},
        pinyin={k: (full, initials) for k, (full, initials) in data["pinyin"].items()},
    )


def normalise(text: str) -> str:
    """The key of *text*: :func:`fold`, then traditional → simplified."""
    return fold(text).translate(tables().simplified)


def split_level(key: str) -> tuple[str, int] | None:
    """Read a skill level off a key: ``焊工三级`` → (``焊工``, 3), ``三级焊工`` too.

    Up to two level words are read (``焊工二级技师``) and must agree; ``None``
    when there is no level word, the words disagree, or only a level word is left.
    """
    stem, level = key, None
    for _ in range(2):
        suffix = _SUFFIX.fullmatch(stem)
        prefix = None if suffix else _PREFIX.fullmatch(stem)
        if suffix is not None:
            stem, word = suffix[1], suffix[2]
        elif prefix is not None:
            stem, word = prefix[2], prefix[1]
        else:
            break
        if level is not None and LEVELS[word] != level:
            return None
        level = LEVELS[word]
    return None if level is None or stem in LEVELS else (stem, level)


def strip_certificate(key: str) -> str:
    """*key* without the certificate words at its end: ``焊工职业资格证书`` → ``焊工``."""
    found = _CERTIFICATE.fullmatch(key)
    return key if found is None else found[1]


def level_word(key: str) -> int | None:
    """The level of a key that is only a skill-level word or two agreeing ones (``二级技师``)."""
    if key in LEVELS:
        return LEVELS[key]
    found = _SUFFIX.fullmatch(key)
    if found is not None and LEVELS.get(found[1]) == LEVELS[found[2]]:
        return LEVELS[found[2]]
    return None


def split_grade(key: str) -> tuple[str, str] | None:
    """Read a title grade word off a key: ``中级工程师`` or ``工程师中级`` gives ``工程师``."""
    found = _GRADE_PREFIX.fullmatch(key)
    if found is not None:
        return found[2], found[1]
    found = _GRADE_SUFFIX.fullmatch(key)
    return None if found is None else (found[1], found[2])


def leftover(query: str, key: str) -> bool | None:
    """Whether *key* is *query* plus only generic parts and grade words.

    ``None`` if *query* is not an ordered part of *key* or something else is
    missing; else whether a grade word is among the missing parts (一级律师 for
    律师), which makes the fit not enough on its own.
    """
    missing: list[str] = []
    at = 0
    for ch in key:
        if at < len(query) and ch == query[at]:
            at += 1
            missing.append("|")
        else:
            missing.append(ch)
    if at < len(query):
        return None
    parts = [part for part in "".join(missing).split("|") if part]
    if not parts or not all(_LEFTOVER.fullmatch(part) for part in parts):
        return None
    return any(_MARKER.search(part) for part in parts)


def markers(key: str) -> frozenset[str]:
    """Grade words in a key (一级, 中级, 助理, 副, …): a fuzzy match must not change them."""
    return frozenset(_MARKER.findall(key))


def latin(key: str) -> str | None:
    """The key as pinyin letters (tone digits dropped, ü as v), or ``None`` if it is not pinyin."""
    text = _TONE.sub("", key.replace("ü", "v"))
    return text if text.isascii() and text.isalpha() else None


def similarity(lcs: int, a: int, b: int) -> float:
    """Normalised Indel similarity of two strings of lengths *a* and *b* sharing *lcs*."""
    return 2 * lcs / (a + b) if a + b else 1.0


def _bit_parallel_lcs(query: str, keys: Sequence[str]) -> list[int]:
    """LCS length of *query* with each key (Hyyrö's bit-vector algorithm)."""
    masks: dict[str, int] = {}
    for i, ch in enumerate(query):
        masks[ch] = masks.get(ch, 0) | 1 << i
    full = (1 << len(query)) - 1
    found = []
    for key in keys:
        row = full
        for ch in key:
            mask = masks.get(ch)
            if mask:
                common = row & mask
                row = ((row + common) | (row - common)) & full
        found.append(len(query) - row.bit_count())
    return found


@attrs.frozen
class Backend:
    """How LCS lengths are computed: rapidfuzz's Indel distance, or the stdlib fallback."""

    name: str
    indel: Callable[[str, str], int] | None = None

    def lcs(self, query: str, keys: Sequence[str]) -> list[int]:
        """LCS length of *query* with each of *keys*."""
        if self.indel is None:
            return _bit_parallel_lcs(query, keys)
        distance = self.indel
        return [(len(query) + len(key) - distance(query, key)) // 2 for key in keys]


@functools.cache
def backend() -> Backend:
    """The scorer: rapidfuzz if importable and not disabled by ``SHJZZ_NO_RAPIDFUZZ=1``."""
    if os.environ.get(NO_RAPIDFUZZ, "") not in {"", "0"}:
        return Backend("stdlib")
    try:
        indel = importlib.import_module("rapidfuzz.distance.Indel")
    except ImportError:
        return Backend("stdlib")
    return Backend("rapidfuzz", indel.distance)


@attrs.frozen
class FuzzyIndex:
    """A character index over catalogue keys, to score a query against few of them."""

    keys: tuple[str, ...]
    postings: dict[str, tuple[tuple[int, ...], ...]]
    """Character → numbers of the keys holding it at least once, at least twice, …"""

    @classmethod
    def build(cls, keys: Iterable[str]) -> FuzzyIndex:
        """Index *keys* (deduplicated, in sorted order for determinism)."""
        ordered = tuple(sorted(set(keys)))
        postings: dict[str, list[list[int]]] = {}
        for number, key in enumerate(ordered):
            for ch in sorted(set(key)):
                levels = postings.setdefault(ch, [])
                for times in range(key.count(ch)):
                    if times == len(levels):
                        levels.append([])
                    levels[times].append(number)
        return cls(ordered, {ch: tuple(map(tuple, p)) for ch, p in postings.items()})

    def search(self, query: str, floor: float, scorer: Backend) -> list[tuple[str, float]]:
        """Keys whose similarity to *query* is at least *floor* (and above 0), with it.

        The characters a key shares with the query (with multiplicity) bound
        its LCS, so keys that cannot reach *floor* are never scored.
        """
        shared: Counter[int] = Counter()
        for ch, times in Counter(query).items():
            for numbers in self.postings.get(ch, ())[:times]:
                shared.update(numbers)
        size = len(query)
        keys = [
            key
            for number, common in shared.items()
            if similarity(common, size, len(key := self.keys[number])) >= floor
        ]
        scored = zip(keys, scorer.lcs(query, keys), strict=True)
        return [
            (key, score)
            for key, lcs in scored
            if (score := similarity(lcs, size, len(key))) >= floor and lcs
        ]

    def containing(self, query: str) -> list[str]:
        """Keys holding every character of *query* at least as often (candidates for a part)."""
        found: set[int] | None = None
        for ch, times in Counter(query).items():
            levels = self.postings.get(ch, ())
            if len(levels) < times:
                return []
            numbers = set(levels[times - 1])
            found = numbers if found is None else found & numbers
            if not found:
                return []
        return sorted(self.keys[number] for number in found or ())
