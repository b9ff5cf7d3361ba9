"""Catalogue lookup: turn a name as a person types it into catalogue entries.

A query is normalised (:mod:`shjzz._match`) and then tried, in order, against
names, alternates, codes and curated aliases (one dictionary, O(1)); against
the same with a skill level read off (``焊工（三级）``); as pinyin or pinyin
initials; and last by similarity over a character-index shortlist.  A
similarity match is confident only when it is close enough, clearly ahead of
the runner-up and changes no grade word.  A lookup never guesses: when
confident matches point to different entries the result is ``ambiguous``.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from shjzz._catalogue import CATALOGUES, Alias, CatalogueEntry, catalogues
from shjzz._exports import public
from shjzz._i18n import Lang, as_lang, translations
from shjzz._limits import MAX_TEXT
from shjzz._match import (
    GRADE_NAMES,
    LEVEL_NAMES,
    TITLE_GRADES,
    Backend,
    FuzzyIndex,
    backend,
    fold,
    latin,
    leftover,
    level_word,
    markers,
    normalise,
    split_grade,
    split_level,
    strip_certificate,
    tables,
)
from shjzz.errors import InvalidQuery, UnknownCatalogue

if TYPE_CHECKING:
    import gettext

    from shjzz._catalogue import Catalogues

NONE_CATALOGUE = "none"
"""Pseudo-catalogue of names known to earn no points (软考初级, 助理工程师, …)."""
_CERTIFICATES = frozenset({"skills", "titles", "qualifications"})
_ORDER = {name: i for i, name in enumerate((*CATALOGUES, NONE_CATALOGUE))}
_HOW_RANK = {
    how: i
    for i, how in enumerate(
        (
            "exact",
            "traditional",
            "alternate",
            "alias",
            "code",
            "pinyin",
            "initials",
            "grade",
            "partial",
            "fuzzy",
        )
    )
}

THRESHOLD = 0.85
"""Least similarity for a confident fuzzy match: one wrong character in seven."""
MARGIN = 0.1
"""Least lead of a confident fuzzy match over the next entry, so near-ties are refused."""
FLOOR = 0.5
"""Least similarity for a fuzzy match to be listed at all (never confident)."""
SUGGESTIONS = 5
"""Most fuzzy matches listed."""
_EPSILON = 1e-9


@attrs.frozen(kw_only=True)
class Match:
    """One catalogue entry a query may mean, and how it was matched."""

    catalogue: str
    """``skills``, ``titles``, ``qualifications``, ``majors``, ``areas``, or ``none``
    for a name known to earn no points."""
    name: str
    """The entry's name as printed in the catalogue."""
    score: float
    """Similarity in [0, 1]; 1 for every match but ``fuzzy``."""
    how: str
    """``exact``, ``traditional`` (exact once traditional characters are simplified),
    ``alternate``, ``alias``, ``code``, ``pinyin``, ``initials``, ``grade`` (the entry of
    the grade a grade word names, in the series the rest names), ``partial`` (a name with
    generic parts left out) or ``fuzzy``."""
    confident: bool
    """Whether :func:`shjzz.score` accepts this match."""
    level: int | None = None
    """A skill level read from the query or implied by the alias (1–5)."""
    status: str | None = None
    """For an alias (also when reached by pinyin or similarity): ``official``,
    ``sourced`` or ``unofficial``; ``official`` for an alternate."""
    note: str | None = None
    """For an alias: its note in ``aliases.csv``."""
    entry: CatalogueEntry | None = attrs.field(default=None, eq=False, repr=False)
    """The catalogue entry itself (``None`` for the ``none`` pseudo-catalogue)."""
    via: str | None = None
    """The catalogue text the query was matched to: the name, an alternate, a code or an alias."""


@attrs.frozen(kw_only=True)
class LookupResult:
    """What a query matched, best first."""

    query: str
    matches: tuple[Match, ...]
    ambiguous: bool
    """Whether confident matches point to different entries."""
    hint: str | None = None
    """Why nothing is confident, when the query says more than "no match": a level word
    without an occupation (高级技师), or a grade word that contradicts the name."""

    @property
    def answer(self) -> str:
        """What the query is, in one word.

        ``entry``, ``no-points`` (a known name that earns nothing), ``ambiguous``,
        ``needs-name`` (a level or grade word alone), ``contradiction`` or ``no-match``.
        """
        best = self.best
        if best is not None:
            return "no-points" if best.catalogue == NONE_CATALOGUE else "entry"
        if self.ambiguous:
            return "ambiguous"
        if self.hint is not None:
            return "contradiction" if self.matches else "needs-name"
        return "no-match"

    @property
    def confident(self) -> tuple[Match, ...]:
        """The confident matches."""
        return tuple(m for m in self.matches if m.confident)

    @property
    def best(self) -> Match | None:
        """The single confident match, or ``None`` when there is none or it is ambiguous."""
        sure = self.confident
        return sure[0] if sure and not self.ambiguous else None


@attrs.frozen
class _Index:
    exact: dict[str, tuple[Match, ...]]
    """Key of a name, alternate, code or alias → its matches."""
    pinyin: dict[str, tuple[str, ...]]
    """Full pinyin → keys."""
    initials: dict[str, tuple[str, ...]]
    """Pinyin initials → keys."""
    fuzzy: FuzzyIndex
    """Keys of names, alternates and aliases (not codes)."""
    grades: dict[tuple[str, str], tuple[Match, ...]]
    """(title series, grade) → its titles, in catalogue order."""


@functools.cache
def _index() -> _Index:
    cats = catalogues()
    exact: dict[str, list[Match]] = {}
    for ed in cats.editions:
        for entry in ed.entries:
            _add(exact, entry.name, _entry_match(entry, "exact", entry.name))
            for alt in entry.alternates:
                _add(exact, alt, _entry_match(entry, "alternate", alt, status="official"))
            if entry.code:
                _add(exact, entry.code, _entry_match(entry, "code", entry.code))
    for alias in cats.aliases:
        _add(exact, alias.alias, _alias_match(cats, alias))
        if alias.catalogue == NONE_CATALOGUE and alias.name != alias.alias:
            _add(exact, alias.name, attrs.evolve(_alias_match(cats, alias), via=alias.name))
    codes = {normalise(e.code) for ed in cats.editions for e in ed.entries if e.code}
    pinyin: dict[str, list[str]] = {}
    initials: dict[str, list[str]] = {}
    for key, (full, first) in sorted(tables().pinyin.items()):
        pinyin.setdefault(full, []).append(key)
        initials.setdefault(first, []).append(key)
    return _Index(
        exact={k: tuple(v) for k, v in exact.items()},
        pinyin={k: tuple(v) for k, v in pinyin.items()},
        initials={k: tuple(v) for k, v in initials.items()},
        fuzzy=FuzzyIndex.build(k for k in exact if k not in codes),
        grades=_grades(cats),
    )


def _grades(cats: Catalogues) -> dict[tuple[str, str], tuple[Match, ...]]:
    """(title series, grade) → its titles, in catalogue order."""
    grades: dict[tuple[str, str], list[Match]] = {}
    for ed in cats.editions:
        for entry in ed.entries:
            for series in entry.series if entry.grade is not None else ():
                grades.setdefault((series, str(entry.grade)), []).append(
                    _entry_match(entry, "grade", entry.name)
                )
    return {k: tuple(v) for k, v in grades.items()}


def _add(index: dict[str, list[Match]], name: str, match: Match) -> None:
    index.setdefault(normalise(name), []).append(match)


def _entry_match(entry: CatalogueEntry, how: str, via: str, status: str | None = None) -> Match:
    return Match(
        catalogue=entry.catalogue,
        name=entry.name,
        score=1.0,
        how=how,
        confident=True,
        status=status,
        entry=entry,
        via=via,
    )


def _alias_match(cats: Catalogues, alias: Alias) -> Match:
    entry = None
    if alias.catalogue != NONE_CATALOGUE:
        entry = next(
            e
            for ed in cats.editions
            for e in ed.entries
            if e.catalogue == alias.catalogue and e.name == alias.name
        )
    return Match(
        catalogue=alias.catalogue,
        name=alias.name,
        score=1.0,
        how="alias",
        confident=True,
        level=alias.level,
        status=alias.status,
        note=alias.note or None,
        entry=entry,
        via=alias.alias,
    )


def lookup(
    query: str,
    *,
    catalogue: str | Iterable[str] | None = None,
    on: _dt.date | None = None,
    lang: Lang | None = None,
) -> LookupResult:
    """Look *query* up in the catalogues (all of them, or those named).

    Areas are dated row by row: only rows in force on *on* (default today)
    match, and a name known only from rows not in force matches nothing.
    Other catalogues have one edition each, whose entries match on any date.
    Names known to earn no points match in the ``none`` pseudo-catalogue
    whenever a certificate catalogue is asked for.  *lang* (``"zh"`` or
    ``"en"``, default English) is the language of the hint.
    """
    t = translations(as_lang(lang))
    key = _key(query)
    wanted = _wanted(catalogue)
    day = _day(on)
    found, hint = _find(_index(), key, wanted, day, t=t) if key else ((), None)
    if found and found[0].how == "exact" and key != fold(query):
        found = tuple(_with(m, how="traditional") if m.how == "exact" else m for m in found)
    entries = {(m.catalogue, m.name) for m in found if m.confident}
    return LookupResult(
        query=query,
        matches=found,
        ambiguous=len(entries) > 1,
        hint=hint and t.gettext("{query}: {hint}").format(query=query, hint=hint),
    )


def nearest(query: str, catalogue: str, on: _dt.date, n: int = 3) -> tuple[str, ...]:
    """The names in *catalogue* closest to *query*, for a reason shown to a person.

    Only the names and alternates printed in the catalogue are compared (not
    aliases), so a name sharing no character with the query is never offered.
    The answer is kept (the last ``_NEAREST_KEPT`` questions): a batch naming
    the same off-catalogue certificate again pays for the fuzzy search once.
    """
    return _nearest(query, catalogue, _day(on), n, backend())


_NEAREST_KEPT = 1024
"""Questions whose nearest names are kept: at most ``MAX_TEXT`` characters each."""


@functools.lru_cache(maxsize=_NEAREST_KEPT)
def _nearest(query: str, catalogue: str, day: _dt.date, n: int, scorer: Backend) -> tuple[str, ...]:
    wanted = _wanted(catalogue)
    index = _index()
    best: dict[str, float] = {}
    for key, score in index.fuzzy.search(_key(query), 0.0, scorer):
        for m in index.exact[key]:
            printed = m.how in {"exact", "alternate"}
            if (
                printed
                and m.catalogue in wanted
                and _in_force(m, day)
                and score > best.get(m.name, 0.0)
            ):
                best[m.name] = score
    return tuple(sorted(best, key=lambda name: (-best[name], name))[:n])


_Found = tuple[tuple[Match, ...], str | None]
"""Matches best first, and the hint when nothing is confident for a reason worth saying."""


def _find(  # noqa: PLR0913 - the key, where to look, and the language of the hint
    index: _Index,
    key: str,
    wanted: frozenset[str],
    day: _dt.date,
    *,
    graded: bool = True,
    t: gettext.NullTranslations,
) -> _Found:
    """The matches of *key*: the first step of the lookup's order that finds any.

    Exact, a skill level read off, certificate words read off, a level or
    grade word alone; then :func:`_read`.
    """
    known = [m for m in index.exact.get(key, ()) if _usable(m, wanted)]
    if known:
        return _ranked(m for m in known if _in_force(m, day)), None
    split = split_level(key)
    if split is not None and "skills" in wanted:
        stem, level = split[0], split[1]
        skills = [
            m
            for m in index.exact.get(strip_certificate(stem), ())
            if m.catalogue == "skills" and _in_force(m, day)
        ]
        if skills:
            return _ranked(_with(m, level=level) for m in skills), None
    stripped = strip_certificate(key)
    if stripped != key:
        return _find(index, stripped, wanted, day, graded=graded, t=t)
    alone = _alone(key, wanted, t)
    if alone is not None:
        return (), alone
    return _read(index, key, wanted, day, graded=graded, t=t)


def _read(  # noqa: PLR0913 - the key, where to look, and the language of the hint
    index: _Index,
    key: str,
    wanted: frozenset[str],
    day: _dt.date,
    *,
    graded: bool,
    t: gettext.NullTranslations,
) -> _Found:
    """Pinyin, grade words, partial names, and last similarity."""
    split = split_level(key)
    pinyin = latin(key)
    if pinyin is not None:
        return _by_pinyin(index, pinyin, wanted, day), None
    if graded:
        found = _graded(index, key, wanted, day, t)
        if found is not None:
            return found
    parts = _partial(index, key, wanted, day)
    if not parts and split is not None and "skills" in wanted:
        parts = tuple(_with(m, level=split[1]) for m in _partial(index, split[0], _SKILLS, day))
    if parts:
        return parts, None
    return _fuzzy(index, key, split, wanted, day), None


_SKILLS = frozenset({"skills"})
_GRADED = frozenset({"titles", "qualifications"})


def _alone(key: str, wanted: frozenset[str], t: gettext.NullTranslations) -> str | None:
    """The hint for a key that is only a skill-level or title-grade word, else ``None``."""
    level = level_word(key) if wanted & _CERTIFICATES else None
    grade = TITLE_GRADES.get(key) if wanted & _GRADED else None
    said = []
    if level is not None:
        said.append(
            t.gettext("a skill level ({level}) needs the occupation, as in {example}").format(
                level=LEVEL_NAMES[level], example=f"焊工（{LEVEL_NAMES[level].split('/')[0]}）"
            )
        )
    if grade is not None:
        said.append(
            t.gettext("a title grade ({grade}) needs the series, as in {example}").format(
                grade=GRADE_NAMES[grade], example=f"{key}工程师"
            )
        )
    return t.gettext("; or ").join(said) or None


def _graded(
    index: _Index, key: str, wanted: frozenset[str], day: _dt.date, t: gettext.NullTranslations
) -> _Found | None:
    """A title grade word before or after a series name: 中级工程师, 工程师(中级), 高级会计.

    The word selects the entry of its grade in the series the rest of the key
    names; 初级 selects the known name of that grade that earns nothing.  A
    word contradicting a graded name (中级 高级工程师) gives no match but a hint.
    """
    split = split_grade(key) if wanted & _GRADED else None
    if split is None:
        return None
    stem, word = split
    for form in (word + stem, stem + word):
        known = [m for m in index.exact.get(form, ()) if _usable(m, wanted) and _in_force(m, day)]
        if known:
            return _ranked(known), None
    found, _ = _find(index, stem, wanted & _GRADED, day, graded=False, t=t)
    sure = [m for m in found if m.confident and m.catalogue != NONE_CATALOGUE]
    if not sure:
        return None
    grade = TITLE_GRADES[word]
    if grade == "junior":
        junior = index.exact.get(normalise(word + "职称"), ())
        return (_ranked(junior), None) if junior else None
    picked: list[Match] = []
    wrong: list[Match] = []
    for m in sure:
        fits = _of_grade(index, m, stem, word, grade)
        picked += fits
        if not fits:
            wrong.append(m)
    if picked:
        return _ranked(_with(m, how="grade") for m in picked), None
    named = ", ".join(f"{m.name} ({_grade_of(m, t)})" for m in _ranked(wrong))
    hint = t.gettext("the grade word {word} contradicts {named}").format(word=word, named=named)
    return _ranked(_with(m, how="grade", confident=False) for m in wrong), hint


def _of_grade(index: _Index, m: Match, stem: str, word: str, grade: str) -> list[Match]:
    """The entries of *grade* that *m* (reached from *stem*) stands for, or none if it contradicts.

    A 中级 title names its series; a graded title (高级工程师) only its own grade.
    A qualification is 中级-equivalent: it takes 中级, or a grade word its name has.
    """
    entry = m.entry
    if entry is None:
        return []
    if m.catalogue == "qualifications":
        own = {w for w in TITLE_GRADES if w in normalise(entry.name)}
        return [m] if word in own or (grade == "intermediate" and not own - {word}) else []
    if entry.grade == grade:
        return [m]
    if entry.grade != "intermediate":
        return []
    found = [t for series in entry.series for t in index.grades.get((series, grade), ())]
    named = [t for t in found if stem in normalise(t.name)]
    return named[:1] or found[:1]


def _grade_of(m: Match, t: gettext.NullTranslations) -> str:
    if m.entry is not None and m.entry.grade is not None:
        return f"{GRADE_NAMES[m.entry.grade]}职称"
    return t.gettext("a qualification equivalent to 中级")


def _partial(index: _Index, key: str, wanted: frozenset[str], day: _dt.date) -> tuple[Match, ...]:
    """Catalogue texts that are *key* plus generic parts (工, 员, 师 …) or grade words.

    Confident when one entry fits with generic parts only; when several entries
    fit (一级/二级/三级律师 for 律师) all are, so the result is ambiguous; one
    entry that needs a grade word added is only suggested.
    """
    if len(key) < 2:
        return ()
    fits: list[tuple[Match, bool]] = []
    for found in index.fuzzy.containing(key):
        graded = leftover(key, found)
        if graded is None:
            continue
        fits += [
            (m, graded) for m in index.exact[found] if _usable(m, wanted) and _in_force(m, day)
        ]
    entries = {(m.catalogue, m.name) for m, _ in fits}
    sure = len(entries) > 1 or not all(graded for _, graded in fits)
    return _ranked(_with(m, how="partial", confident=sure) for m, _ in fits)


def _by_pinyin(
    index: _Index, text: str, wanted: frozenset[str], day: _dt.date
) -> tuple[Match, ...]:
    """Full pinyin, else initials; confident only if one catalogue text or one entry is meant."""
    for how, table in (("pinyin", index.pinyin), ("initials", index.initials)):
        found = [
            (key, m)
            for key in table.get(text, ())
            for m in index.exact[key]
            if _usable(m, wanted) and _in_force(m, day)
        ]
        if found:
            keys = {key for key, _ in found}
            entries = {(m.catalogue, m.name) for _, m in found}
            sure = len(keys) == 1 or len(entries) == 1
            return _ranked(_with(m, how=how, confident=sure) for _, m in found)
    return ()


@attrs.frozen
class _Candidate:
    score: float
    match: Match
    query: str
    """The text scored: the whole key, or its stem when a level was read off."""
    key: str
    """The catalogue key it was scored against."""
    level: int | None

    @property
    def rank(self) -> tuple[float, int, int, str, str]:
        """Best first; the key breaks ties, so the search order never matters."""
        return (*_order(self.score, self.match), self.key)


def _fuzzy(
    index: _Index,
    key: str,
    split: tuple[str, int] | None,
    wanted: frozenset[str],
    day: _dt.date,
) -> tuple[Match, ...]:
    """Similarity over the shortlist, best first; only the best can be confident.

    The whole key is scored in every catalogue wanted and, when a level was
    read off, the stem among skills.
    """
    searches: list[tuple[str, int | None]] = [(key, None)]
    if split is not None and "skills" in wanted:
        searches.append(split)
    best: dict[tuple[str, str], _Candidate] = {}
    for text, level in searches:
        for found, score in index.fuzzy.search(text, FLOOR, backend()):
            for m in index.exact[found]:
                if level is not None and m.catalogue != "skills":
                    continue
                if not (_usable(m, wanted) and _in_force(m, day)):
                    continue
                entry = (m.catalogue, m.name)
                new = _Candidate(score, m, text, found, level)
                old = best.get(entry)
                if old is None or new.rank < old.rank:
                    best[entry] = new
    ranked = sorted(best.values(), key=lambda c: c.rank)[:SUGGESTIONS]
    if not ranked:
        return ()
    top = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    sure = (
        top.score >= THRESHOLD - _EPSILON
        and top.score - runner_up >= MARGIN - _EPSILON
        and markers(top.query) == markers(top.key)
    )
    return tuple(
        _with(
            c.match,
            how="fuzzy",
            score=c.score,
            confident=sure and c is top,
            level=c.level,
        )
        for c in ranked
    )


def _order(score: float, m: Match) -> tuple[float, int, int, str]:
    return (-score, _HOW_RANK[m.how], _ORDER[m.catalogue], m.name)


def _ranked(matches: Iterable[Match]) -> tuple[Match, ...]:
    """Best first, one match per entry."""
    seen: set[tuple[str, str]] = set()
    ranked = []
    for m in sorted(matches, key=lambda m: _order(m.score, m)):
        entry = (m.catalogue, m.name)
        if entry not in seen:
            seen.add(entry)
            ranked.append(m)
    return tuple(ranked)


def _with(
    m: Match,
    *,
    how: str | None = None,
    score: float | None = None,
    confident: bool | None = None,
    level: int | None = None,
) -> Match:
    """*m* with some fields replaced (faster than :func:`attrs.evolve`)."""
    return Match(
        catalogue=m.catalogue,
        name=m.name,
        score=m.score if score is None else score,
        how=m.how if how is None else how,
        confident=m.confident if confident is None else confident,
        level=m.level if level is None else level,
        status=m.status,
        note=m.note,
        entry=m.entry,
        via=m.via,
    )


def _usable(m: Match, wanted: frozenset[str]) -> bool:
    return m.catalogue in wanted or (m.catalogue == NONE_CATALOGUE and bool(wanted & _CERTIFICATES))


def _in_force(m: Match, day: _dt.date) -> bool:
    return m.entry is None or m.entry.in_force(day)


def _key(query: object) -> str:
    if not isinstance(query, str):
        raise InvalidQuery(f"a lookup query must be a string, not {type(query).__name__}")
    if len(query) > MAX_TEXT:
        raise InvalidQuery(f"a lookup query is at most {MAX_TEXT} characters, got {len(query)}")
    return normalise(query)


def _day(on: object) -> _dt.date:
    if on is None:
        return _dt.date.today()  # noqa: DTZ011 - a calendar date, as the policies use
    if isinstance(on, _dt.datetime):
        return on.date()
    if isinstance(on, _dt.date):
        return on
    raise InvalidQuery(f"a lookup date must be a datetime.date, not {type(on).__name__}")


def _wanted(catalogue: object) -> frozenset[str]:
    if catalogue is None:
        return frozenset(CATALOGUES)
    names = (catalogue,) if isinstance(catalogue, str) else catalogue
    if not isinstance(names, Iterable):
        raise UnknownCatalogue(catalogue, CATALOGUES)
    wanted = set()
    for name in names:
        if not isinstance(name, str) or name not in CATALOGUES:
            raise UnknownCatalogue(name, CATALOGUES)
        wanted.add(name)
    return frozenset(wanted)


public(Match, LookupResult)
