"""Catalogue lookup: names as people type them, negatives, ambiguity, dates, both scorers.

Every test runs twice, with the stdlib scorer and with rapidfuzz (skipped when
rapidfuzz is not installed, unless ``SHJZZ_EXPECT_RAPIDFUZZ=1`` says it must
be), and the two must give identical results.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import shjzz
from shjzz import _lookup, _match
from shjzz._limits import MAX_TEXT
from shjzz._lookup import MARGIN, THRESHOLD, _nearest, nearest, normalise
from shjzz._policy import registry
from shjzz.errors import ShjzzError, UnknownCatalogue

ON = dt.date(2025, 1, 1)
HAS_RAPIDFUZZ = importlib.util.find_spec("rapidfuzz") is not None
SCORERS = ("stdlib", "rapidfuzz")
# Each example only reads the environment the fixture set, so sharing it is safe.
SHARED_FIXTURE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@contextlib.contextmanager
def scoring_with(name: str) -> Iterator[None]:
    """Force the stdlib scorer, or allow rapidfuzz, for the duration."""
    if name == "rapidfuzz" and not HAS_RAPIDFUZZ:
        pytest.skip("rapidfuzz is not installed")
    saved = os.environ.get(_match.NO_RAPIDFUZZ)
    os.environ[_match.NO_RAPIDFUZZ] = "1" if name == "stdlib" else "0"
    _match.backend.cache_clear()
    try:
        assert _match.backend().name == name
        yield
    finally:
        if saved is None:
            del os.environ[_match.NO_RAPIDFUZZ]
        else:
            os.environ[_match.NO_RAPIDFUZZ] = saved
        _match.backend.cache_clear()


@pytest.fixture(params=SCORERS, autouse=True)
def scorer(request: pytest.FixtureRequest) -> Iterator[str]:
    with scoring_with(request.param):
        yield request.param


def both(query, **kwargs):
    """Look *query* up with each scorer, check they agree, return the result."""
    results = []
    for name in SCORERS if HAS_RAPIDFUZZ else SCORERS[:1]:
        with scoring_with(name):
            results.append(shjzz.lookup(query, **kwargs))
    assert all(r == results[0] for r in results)
    return results[0]


def entries(matches: tuple[shjzz.Match, ...]) -> list[tuple[str, str]]:
    return [(m.catalogue, m.name) for m in matches]


# --- every kind of query in the issue ------------------------------------------------

FOUND = [
    # query, catalogue, name, how, status, level
    ("焊工", "skills", "焊工", "exact", None, None),
    ("电焊工", "skills", "焊工", "alias", "sourced", None),
    ("维修电工", "skills", "电工", "alias", "sourced", None),
    ("数控车工", "skills", "车工", "alias", "sourced", None),
    ("焊工（三级）", "skills", "焊工", "exact", None, 3),
    ("焊工(三级)", "skills", "焊工", "exact", None, 3),
    ("焊工 3级", "skills", "焊工", "exact", None, 3),
    ("三级焊工", "skills", "焊工", "exact", None, 3),
    ("高级电工", "skills", "电工", "exact", None, 3),
    ("焊工（高级技师）", "skills", "焊工", "exact", None, 1),
    ("电工初级工", "skills", "电工", "exact", None, 5),
    ("焊工二级/技师", "skills", "焊工", "exact", None, 2),
    ("电焊工（四级）", "skills", "焊工", "alias", "sourced", 4),
    ("程序员（四级）", "skills", "计算机程序设计员", "alias", "sourced", 4),
    ("高级程序员", "skills", "计算机程序设计员", "alias", "sourced", 3),
    ("焊 工", "skills", "焊工", "exact", None, None),
    ("　焊\t工\n", "skills", "焊工", "exact", None, None),
    ("注册消防工程师（一级）", "qualifications", "注册消防工程师(一级)", "exact", None, None),
    ("無損檢測員", "skills", "无损检测员", "traditional", None, None),
    ("電工（三級）", "skills", "电工", "traditional", None, 3),
    ("dg", "skills", "电工", "initials", None, None),
    ("DG", "skills", "电工", "initials", None, None),
    ("hangong", "skills", "焊工", "pinyin", None, None),
    ("han gong", "skills", "焊工", "pinyin", None, None),
    ("Han4 Gong1", "skills", "焊工", "pinyin", None, None),
    ("ｈａｎｇｏｎｇ", "skills", "焊工", "pinyin", None, None),
    ("dianhangong", "skills", "焊工", "pinyin", "sourced", None),
    ("yj", "qualifications", "建造师(一级)", "initials", "unofficial", None),
    ("计算机程序设计师", "skills", "计算机程序设计员", "fuzzy", None, None),
    ("化学合成治药工", "skills", "化学合成制药工", "fuzzy", None, None),
    ("副主任中医师", "titles", "副主任医师", "fuzzy", None, None),
    ("一建", "qualifications", "建造师(一级)", "alias", "unofficial", None),
    ("注安", "qualifications", "注册安全工程师(中级)", "alias", "unofficial", None),
    ("一级造价工程师", "qualifications", "造价工程师(一级)", "alias", "unofficial", None),
    (
        "信息系统项目管理师",
        "qualifications",
        "计算机技术与软件专业技术资格(中级、高级)",
        "alias",
        "sourced",
        None,
    ),
    ("初级会计", "none", "助理会计师", "alias", "sourced", None),
    ("助理会计师", "none", "助理会计师", "alias", "sourced", None),
    ("医师资格证", "none", "医师", "alias", "sourced", None),
    ("焊工职业资格证书三级", "skills", "焊工", "exact", None, 3),
    ("qichezhuangtiaogong", "skills", "汽车装调工", "pinyin", None, None),
    ("一级建造师", "qualifications", "建造师(一级)", "alternate", "official", None),
    ("中级会计", "qualifications", "会计专业技术资格(中级)", "alias", "unofficial", None),
    ("中级经济师", "qualifications", "经济专业技术资格(中级)", "alternate", "official", None),
    ("高级工程师", "titles", "高级工程师", "exact", None, None),
    ("二级建造师", "none", "助理工程师", "alias", "sourced", None),
    ("城市轨道交通车辆", "majors", "城市轨道交通车辆", "exact", None, None),
    ("52030100", "majors", "城市轨道交通车辆", "code", None, None),
    ("６-18-02-04", "skills", "焊工", "code", None, None),
    ("临港", "areas", "临港新片区", "alternate", "official", None),
    ("嘉定新城", "areas", "嘉定新城", "exact", None, None),
]


@pytest.mark.parametrize(("query", "expected"), [(query, tuple(rest)) for query, *rest in FOUND])
def test_finds_the_entry_and_says_how(query, expected):
    result = both(query, on=ON)
    best = result.best
    assert best is not None, result
    assert (best.catalogue, best.name, best.how, best.status, best.level) == expected
    assert best.confident
    assert not result.ambiguous
    assert result.matches[0] is best
    assert (best.entry is None) == (best.catalogue == "none")


def test_an_alias_carries_its_note_and_the_text_matched():
    best = both("电焊工").best
    assert best is not None
    assert best.note == "2018 Shanghai 鉴定目录 renaming"
    assert best.via == "电焊工"
    assert both("dianhangong").best == attrs.evolve(best, how="pinyin")


def test_a_typo_is_a_confident_fuzzy_match_with_its_score():
    result = both("计算机程序设计师")
    best = result.best
    assert best is not None
    assert best.score == pytest.approx(14 / 16)
    assert THRESHOLD <= best.score < 1
    assert all(not m.confident for m in result.matches[1:])
    assert all(best.score - m.score >= MARGIN for m in result.matches[1:])


def test_a_typo_in_a_short_name_is_only_suggested():
    result = both("无损检侧员")
    assert entries(result.matches) == [("skills", "无损检测员")]
    assert result.matches[0].score == pytest.approx(0.8)
    assert not result.confident


def test_a_title_entry_knows_its_grade():
    best = both("高级工程师", catalogue="titles").best
    assert best is not None
    assert best.entry is not None
    assert best.entry.grade == "deputy_senior"


# --- ambiguity -------------------------------------------------------------------


@pytest.mark.parametrize("query", ["程序员", " 程 序 员 ", "chengxuyuan"])
def test_programmer_is_ambiguous_and_names_both_candidates(query):
    result = both(query, catalogue="skills")
    assert result.ambiguous
    assert result.best is None
    assert [(m.catalogue, m.name, m.level) for m in result.confident] == [
        ("skills", "计算机程序设计员", 4),
        ("none", "软考初级", None),
    ]
    assert {m.status for m in result.confident} == {"sourced"}


def test_a_level_settles_the_programmer_ambiguity():
    result = both("程序员三级")
    assert not result.ambiguous
    assert entries(result.matches) == [("skills", "计算机程序设计员")]


@pytest.mark.parametrize(("query", "first"), [("js", "教授"), ("zrys", "主任医师")])
def test_initials_shared_by_several_names_are_not_confident(query, first):
    result = both(query)
    assert len(result.matches) > 1
    assert result.matches[0].name == first
    assert not result.confident
    assert not result.ambiguous


# --- names as people write them: grades, certificate words, parts ----------------

READ = [
    # query, answer, (catalogue, name, how) of each confident match
    ("中级工程师", "entry", [("titles", "工程师", "grade")]),
    ("工程师(中级)", "entry", [("titles", "工程师", "grade")]),
    ("工程师中级", "entry", [("titles", "工程师", "grade")]),
    ("副高工程师", "entry", [("titles", "高级工程师", "grade")]),
    ("正高工程师", "entry", [("titles", "正高级工程师", "grade")]),
    ("高级会计", "entry", [("titles", "高级会计师", "grade")]),
    ("会计中级", "entry", [("qualifications", "会计专业技术资格(中级)", "alias")]),
    ("高级农艺师证", "entry", [("titles", "高级农艺师", "exact")]),
    ("副高兽医师", "entry", [("titles", "高级兽医师", "grade")]),
    ("副高讲师", "entry", [("titles", "高级讲师", "grade")]),
    ("中级注册安全工程师", "entry", [("qualifications", "注册安全工程师(中级)", "exact")]),
    ("中级注安", "entry", [("qualifications", "注册安全工程师(中级)", "grade")]),
    ("初级软考", "no-points", [("none", "软考初级", "alias")]),
    ("初级工程师", "no-points", [("none", "初级职称", "alias")]),
    ("电工证", "entry", [("skills", "电工", "exact")]),
    ("焊工证书", "entry", [("skills", "焊工", "exact")]),
    ("焊工职业资格证书", "entry", [("skills", "焊工", "exact")]),
    ("中级会计职称证书", "entry", [("qualifications", "会计专业技术资格(中级)", "alias")]),
    ("工程师职称", "entry", [("titles", "工程师", "exact")]),
    ("汽车维修", "entry", [("skills", "汽车维修工", "partial")]),
    ("安全工程师", "entry", [("qualifications", "注册安全工程师(中级)", "partial")]),
    ("加工中心", "entry", [("skills", "多工序数控机床操作调整工", "partial")]),
    ("电梯维修", "entry", [("skills", "电梯安装维修工", "partial")]),
    ("电焊三级", "entry", [("skills", "焊工", "partial")]),
    ("律师", "ambiguous", [("titles", n, "partial") for n in ("一级律师", "三级律师", "二级律师")]),
    (
        "建造师",
        "ambiguous",
        [("qualifications", "建造师(一级)", "partial"), ("none", "助理工程师", "partial")],
    ),
    ("执业医师", "no-points", [("none", "医师", "alias")]),
    ("二级建造师证", "no-points", [("none", "助理工程师", "alias")]),
    ("高级技师", "needs-name", []),
    ("技师证", "needs-name", []),
    ("高级工", "needs-name", []),
    ("副高职称", "needs-name", []),
    ("中级 高级工程师", "contradiction", []),
    ("高级注册安全工程师", "contradiction", []),
]


@pytest.mark.parametrize(("query", "answer", "sure"), READ)
def test_names_as_people_write_them(query, answer, sure):
    result = both(query, on=ON)
    assert result.answer == answer
    assert [(m.catalogue, m.name, m.how) for m in result.confident] == sure
    assert (result.hint is None) == (answer not in {"needs-name", "contradiction"})


def test_a_grade_word_selects_the_grade_and_keeps_the_level_apart():
    best = both("中级电工").best
    assert best is not None
    assert (best.name, best.level) == ("电工", 4)
    assert both("中级工程师").best == attrs.evolve(both("工程师").best, how="grade")


def test_a_contradicting_grade_word_is_reported_not_guessed():
    result = both("中级 高级工程师")
    assert result.best is None
    assert entries(result.matches) == [("titles", "高级工程师")]
    assert result.hint == "中级 高级工程师: the grade word 中级 contradicts 高级工程师 (副高级职称)"


def test_a_level_word_alone_says_how_to_write_it():
    assert both("高级技师").hint == (
        "高级技师: a skill level (一级/高级技师) needs the occupation, as in 焊工（一级）"
    )
    assert "as in 中级工程师" in (both("中级").hint or "")
    assert both("高级技师", catalogue="majors").hint is None
    assert "a skill level" in (both("高级技师", catalogue="titles").hint or "")


def test_a_part_missing_more_than_generic_words_is_not_confident():
    assert not both("数控机床操作工").confident
    assert not both("焊").confident


# --- names outside the catalogues -------------------------------------------------

NOT_FOUND = [
    "厨师",
    "茶艺师",
    "保安员",
    "育婴员",
    "中式烹调师",
    "心理咨询师",
    "叉车工",
    "注册会计师",
    "房地产经纪人协理",
    "二级消防工程师",
    "二级造价工程师",
    "注册消防工程师",
    "今天天气很好",
    "asdfghjkl",
    "lorem ipsum dolor",
    "12345678",
    "高级技师",
    "三级",
    "😀🔧",
    "\x00\x07\x1b",
    "\ud800\udfff",
    "\u0301\u0302\u0303",
    "\u200b\ufeff",
    "焊" * MAX_TEXT,
    "计算机程序设计员" * (MAX_TEXT // 8),
    "".join(chr(c) for c in range(0x4E00, 0x4E00 + MAX_TEXT)),
]


@pytest.mark.parametrize("query", NOT_FOUND)
def test_names_outside_the_catalogues_get_nothing_confident(query):
    result = both(query, on=ON)
    assert not result.confident
    assert result.best is None
    assert not result.ambiguous


@pytest.mark.parametrize("query", ["", " ", "\u3000\t\n", "（）", "...", "——"])
def test_an_empty_query_matches_nothing(query):
    assert both(query) == shjzz.LookupResult(query=query, matches=(), ambiguous=False)


def test_a_series_name_fitting_several_grades_is_ambiguous():
    result = both("会计")
    assert result.ambiguous
    assert ("none", "助理会计师") in entries(result.confident)


def test_a_grade_word_is_never_changed_by_similarity():
    result = both("二级造价工程师")
    assert result.matches[0].name == "造价工程师(一级)"
    assert result.matches[0].score >= THRESHOLD - 0.05
    assert not result.matches[0].confident


# --- dates and catalogues ---------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "on", "name", "since"),
    [
        ("临港", "2025-01-01", "临港新片区", "2024-08-21"),
        ("临港", "2020-01-01", "临港新片区", "2019-08-20"),
        ("临港", "2015-01-01", "临港地区", "2013-07-01"),
        ("临港地区", "2025-01-01", "临港新片区", "2024-08-21"),
        ("自贸区新片区", "2024-08-20", "临港新片区", "2019-08-20"),
    ],
)
def test_areas_are_dated_row_by_row(query, on, name, since):
    best = both(query, catalogue="areas", on=dt.date.fromisoformat(on)).best
    assert best is not None
    assert best.name == name
    assert best.entry is not None
    assert best.entry.valid_from == dt.date.fromisoformat(since)


@pytest.mark.parametrize(
    ("query", "on"), [("临港新片区", "2015-01-01"), ("嘉定新城", "2020-12-31")]
)
def test_an_area_not_in_force_matches_nothing(query, on):
    assert both(query, on=dt.date.fromisoformat(on)).matches == ()


def test_undated_catalogues_match_on_any_date():
    for day in (dt.date(2013, 7, 1), dt.date(2015, 1, 1), dt.date.max):
        assert both("焊工", on=day).best is not None
        assert both("52030100", on=day).best is not None


def test_a_datetime_counts_as_its_date():
    moment = dt.datetime(2020, 1, 1, 12, 0, tzinfo=dt.timezone.utc)
    assert shjzz.lookup("临港", on=moment) == shjzz.lookup("临港", on=dt.date(2020, 1, 1))


@pytest.mark.parametrize(
    ("query", "catalogue", "found"),
    [
        ("焊工", "skills", [("skills", "焊工")]),
        ("焊工", ["titles", "skills"], [("skills", "焊工")]),
        ("焊工", "titles", []),
        ("程序员", "majors", []),
        ("程序员", ("titles",), [("none", "软考初级")]),
        ("焊工（三级）", "qualifications", []),
        ("一建", "skills", []),
        ("52030100", "skills", []),
    ],
)
def test_the_catalogue_filter(query, catalogue, found):
    result = both(query, catalogue=catalogue, on=ON)
    assert entries(result.confident) == found


@pytest.mark.parametrize("catalogue", ["skill", "", ["skills", "nope"], 5, [None], ["x", "y"]])
def test_an_unknown_catalogue_is_refused(catalogue):
    with pytest.raises(UnknownCatalogue, match="unknown catalogue"):
        shjzz.lookup("焊工", catalogue=catalogue)


# --- bad input --------------------------------------------------------------------


@pytest.mark.parametrize("query", [None, 5, b"\xe7\x84\x8a\xe5\xb7\xa5", ["焊工"]])
def test_a_query_that_is_not_a_string_is_refused(query):
    with pytest.raises(ShjzzError, match="must be a string"):
        shjzz.lookup(query)


def test_a_query_longer_than_the_limit_is_refused_before_any_work():
    shjzz.lookup("焊" * MAX_TEXT)
    with pytest.raises(ShjzzError, match=f"at most {MAX_TEXT} characters"):
        shjzz.lookup("焊" * (MAX_TEXT + 1))


@pytest.mark.parametrize("on", ["2025-01-01", 20250101, object()])
def test_a_date_that_is_not_a_date_is_refused(on):
    with pytest.raises(ShjzzError, match=r"must be a datetime\.date"):
        shjzz.lookup("焊工", on=on)


# --- the result -------------------------------------------------------------------


def test_the_result_is_frozen_and_ranked():
    result = both("茶艺师")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.ambiguous = True
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.matches[0].score = 1.0
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert len(result.matches) <= _lookup.SUGGESTIONS
    assert all(m.how == "fuzzy" and _lookup.FLOOR <= m.score < 1 for m in result.matches)


def test_the_json_fields_are_plain_values():
    result = both("焊工（三级）")
    shown = [
        {k: getattr(m, k) for k in ("catalogue", "name", "score", "how", "confident", "level")}
        for m in result.matches
    ]
    assert shown == [
        {
            "catalogue": "skills",
            "name": "焊工",
            "score": 1.0,
            "how": "exact",
            "confident": True,
            "level": 3,
        }
    ]


# --- nearest names ----------------------------------------------------------------


def test_nearest_names_share_characters_with_the_query():
    assert nearest("焊接工", "skills", ON)[0] == "焊工"
    assert nearest("某某师", "titles", ON)
    assert all("师" in name for name in nearest("厨师", "titles", ON))
    assert nearest("xyz", "skills", ON) == ()
    assert len(nearest("工", "skills", ON, n=5)) == 5


def test_nearest_areas_are_those_in_force():
    assert "临港新片区" not in nearest("临港新区", "areas", dt.date(2015, 1, 1))
    assert nearest("临港新区", "areas", ON)[0] == "临港新片区"


def test_nearest_refuses_an_unknown_catalogue():
    with pytest.raises(UnknownCatalogue):
        nearest("焊工", "occupations", ON)


# --- normalisation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("焊 工（三級）", "焊工三级"),
        ("ＨａｎＧｏｎｇ", "hangong"),
        ("注册验船师(A级、B级)", "注册验船师a级b级"),
        ("無損檢測員", "无损检测员"),
        ("焊\u200b工\x00😀", "焊工"),
    ],
)
def test_normalise(text, key):
    assert normalise(text) == key


@pytest.mark.parametrize(
    ("key", "split"),
    [
        ("焊工三级", ("焊工", 3)),
        ("焊工3级", ("焊工", 3)),
        ("三级焊工", ("焊工", 3)),
        ("焊工高级技师", ("焊工", 1)),
        ("焊工技师", ("焊工", 2)),
        ("焊工高级工", ("焊工", 3)),
        ("焊工中级", ("焊工", 4)),
        ("焊工初级工", ("焊工", 5)),
        ("焊工二级技师", ("焊工", 2)),
        ("焊工二级高级工", None),
        ("焊工", None),
        ("高级技师", None),
        ("六级焊工", None),
    ],
)
def test_split_level(key, split):
    assert _match.split_level(key) == split


def test_every_catalogue_key_is_its_own_normal_form():
    cats = registry().catalogues
    texts = [a.alias for a in cats.aliases] + [
        text for ed in cats.editions for e in ed.entries for text in (e.name, *e.alternates)
    ]
    assert all(normalise(normalise(t)) == normalise(t) == _match.fold(t) for t in texts)


# --- properties -------------------------------------------------------------------


def _entries_in_force() -> list[tuple[shjzz.CatalogueEntry, dt.date]]:
    cats = registry().catalogues
    found = []
    for ed in cats.editions:
        for e in ed.entries:
            day = e.valid_from or ON
            if e.in_force(day):
                found.append((e, day))
    return found


ENTRIES = _entries_in_force()


@pytest.mark.parametrize("suffix", ["证", "证书", "资格证", "职业资格证书", "等级证书", "职称证"])
@pytest.mark.parametrize(("entry", "day"), ENTRIES[::7], ids=lambda x: getattr(x, "name", ""))
def test_certificate_words_never_lower_a_match(entry, day, suffix):
    plain = shjzz.lookup(entry.name, on=day)
    worded = shjzz.lookup(entry.name + suffix, on=day)
    assert entries(worded.confident) == entries(plain.confident)


NOISE = st.sampled_from([" ", "\u3000", "\t", "·", "-", "（", "）", "(", ")", "、", "\u200b"])


@SHARED_FIXTURE
@given(
    st.sampled_from(ENTRIES),
    st.lists(st.tuples(st.integers(0, 30), NOISE), max_size=4),
    st.booleans(),
)
def test_spaces_punctuation_and_width_never_hide_a_name(pair, noise, wide):
    entry, day = pair
    text = entry.name
    for at, char in noise:
        text = text[:at] + char + text[at:]
    if wide:
        text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
    result = shjzz.lookup(text, on=day)
    assert (entry.catalogue, entry.name) in entries(result.confident)


def _traditional(text: str) -> str:
    """One traditional spelling of *text*, from the table lookup.json ships."""
    table: dict[str, str] = {}
    for point, simple in sorted(_match.tables().simplified.items()):
        table.setdefault(simple, chr(point))
    return "".join(table.get(c, c) for c in text)


@pytest.mark.parametrize(("entry", "day"), ENTRIES, ids=lambda x: getattr(x, "name", ""))
def test_traditional_characters_find_every_name(entry, day):
    result = shjzz.lookup(_traditional(entry.name), on=day)
    assert (entry.catalogue, entry.name) in entries(result.confident)


def test_the_full_pinyin_of_every_catalogue_text_finds_it():
    index = _lookup._index()
    for key, (full, _) in _match.tables().pinyin.items():
        result = shjzz.lookup(full, on=dt.date.max)
        expected = {
            (m.catalogue, m.name)
            for m in index.exact[key]
            if m.entry is None or m.entry.in_force(dt.date.max)
        }
        assert expected <= set(entries(result.matches)), key
        assert all(m.how == "pinyin" for m in result.matches)


CATALOGUE_KEYS = sorted(_match.tables().pinyin)
CATALOGUE_CHARACTERS = sorted({c for key in CATALOGUE_KEYS for c in key})


@st.composite
def typos(draw: st.DrawFn) -> str:
    """A catalogue name, alternate or alias with a character or two inserted, dropped or changed."""
    text = draw(st.sampled_from(CATALOGUE_KEYS))
    for _ in range(draw(st.integers(1, 2))):
        at = draw(st.integers(0, len(text) - 1))
        char = draw(st.sampled_from(CATALOGUE_CHARACTERS))
        text = draw(st.sampled_from([text[:at] + char + text[at:], text[:at] + text[at + 1 :]]))
        text = draw(st.sampled_from([text, text[:at] + char + text[at + 1 :]]))
    return text


TEXT = st.one_of(
    st.text(max_size=MAX_TEXT),
    st.text(alphabet=st.sampled_from(CATALOGUE_CHARACTERS), min_size=2, max_size=12),
    typos(),
)


@SHARED_FIXTURE
@given(TEXT)
@example("计算机程序设计师")
@example("程序员")
@example("\ud800焊工\U0010ffff")
def test_any_text_gives_a_consistent_result_with_either_scorer(text):
    result = both(text, on=ON)
    assert result == both(text, on=ON)
    assert len(set(entries(result.matches))) == len(result.matches)
    assert all(0 <= m.score <= 1 for m in result.matches)
    assert result.ambiguous == (len(set(entries(result.confident))) > 1)
    assert all(m.score >= THRESHOLD for m in result.confident if m.how == "fuzzy")
    assert all(m.level in {None, 1, 2, 3, 4, 5} for m in result.matches)


@SHARED_FIXTURE
@given(
    st.text(alphabet="焊电工车程序员计算机设一二三师级", max_size=12),
    st.text(alphabet="焊电工车程序员计算机设一二三师级", max_size=12),
)
def test_the_stdlib_lcs_is_the_lcs(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
            )
    assert _match.Backend("stdlib").lcs(a, [b]) == [table[-1][-1]]
    assert _match.backend().lcs(a, [b]) == [table[-1][-1]]


# --- laziness ---------------------------------------------------------------------


def test_import_loads_no_data_and_no_optional_module():
    code = (
        "import sys, shjzz, shjzz._lookup as l, shjzz._match as m; "
        "assert m.tables.cache_info().currsize == 0 and l._index.cache_info().currsize == 0; "
        "bad = {'rapidfuzz', 'pypinyin', 'opencc'} & {n.split('.')[0] for n in sys.modules}; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_rapidfuzz_is_installed_when_expected():
    if os.environ.get("SHJZZ_EXPECT_RAPIDFUZZ") == "1":
        assert HAS_RAPIDFUZZ


# --- in score() -------------------------------------------------------------------


def test_an_applicant_with_an_old_occupation_name_scores_the_catalogue_entry():
    applicant = shjzz.load_applicant(
        {
            "birth_date": "1985-01-01",
            "social_insurance": [{"from": "2012-01", "base": 20000}],
            "certificates": [{"kind": "skill", "name": "电焊工", "level": 3}],
        }
    )
    item = next(i for i in shjzz.score(applicant, on=ON).items if i.indicator == "certificate")
    assert item.points == 60
    assert "焊工" in item.detail


@pytest.mark.parametrize(("base", "points"), [(20000, 100), (3000, 0)])
def test_a_title_named_with_its_grade_word_scores_that_grade(base, points):
    applicant = shjzz.load_applicant(
        {
            "birth_date": "1985-01-01",
            "social_insurance": [{"from": "2012-01", "base": base}],
            "certificates": [{"kind": "title", "name": "中级工程师"}],
        }
    )
    item = shjzz.score(applicant, on=ON).item("certificate")
    assert item.points == points
    assert "中级工程师 → 工程师 (grade)" in item.detail


def test_nearest_names_are_searched_once_per_question():
    _nearest.cache_clear()
    first = nearest("某某某焊接工", "skills", ON)
    assert _nearest.cache_info().misses == 1
    assert nearest("某某某焊接工", "skills", ON) == first
    assert _nearest.cache_info().hits == 1
    assert _nearest.cache_info().maxsize == 1024
