"""The rules corrected by the third source pass, each on both sides of its edge."""

from __future__ import annotations

import json

import pytest

import shjzz
from conftest import person, run
from shjzz._convert import data_converter
from shjzz._policy import Reading
from shjzz._resources import read_text

LABELS = {"official", "full-text", "corroborated", "reported", "inferred"}


# --- reference wages of 2019 -------------------------------------------------------


def title_at(base: int, start: str, end: str, on: str) -> int:
    """A 中级 title's points with *base* paid from *start* to *end* and a low base otherwise."""
    data = person(
        birth_date="1985-01-01",
        certificates=[{"kind": "title", "name": "工程师"}],
        social_insurance=[
            {"from": "2012-01", "to": _before(start), "base": 4000},
            {"from": start, "to": end, "base": base},
            {"from": _after(end), "base": 4000},
        ],
    )
    return run(data, on).item("certificate").points


def _before(month: str) -> str:
    y, m = map(int, month.split("-"))
    return f"{y - (m == 1)}-{12 if m == 1 else m - 1:02d}"


def _after(month: str) -> str:
    y, m = map(int, month.split("-"))
    return f"{y + (m == 12)}-{1 if m == 12 else m + 1:02d}"


def test_april_to_october_2019_compare_with_7832():
    # six months 2019-04 … 2019-09 in the 12 before 2020-04
    assert title_at(7832, "2019-04", "2019-09", "2020-04-01") == 100
    assert title_at(7831, "2019-04", "2019-09", "2020-04-01") == 0
    # 2019-05 … 2019-10: still 7832, not 8211
    assert title_at(7832, "2019-05", "2019-10", "2020-04-01") == 100


def test_november_2019_on_compare_with_8211():
    # six months 2019-11 … 2020-04 in the 12 before 2020-06
    assert title_at(8211, "2019-11", "2020-04", "2020-06-01") == 100
    assert title_at(8210, "2019-11", "2020-04", "2020-06-01") == 0


def test_march_2019_still_compares_with_7132():
    # six months 2018-10 … 2019-03 in the 12 before 2019-04
    assert title_at(7132, "2018-10", "2019-03", "2019-04-01") == 100
    assert title_at(7131, "2018-10", "2019-03", "2019-04-01") == 0


def test_the_wage_rows_follow_the_reference():
    rows = {(str(r.from_), str(r.to)): r.monthly for r in shjzz.wages()}
    assert rows[("2018-04", "2019-03")] == 7132
    assert rows[("2019-04", "2019-10")] == 7832
    assert rows[("2019-11", "2020-06")] == 8211


# --- which certificates need the 1× base condition ---------------------------------


def cert(on: str, base: int, **c: object) -> shjzz.LineItem:
    data = person(
        certificates=[c],
        social_insurance=[{"from": "2012-01", "base": base}],
        birth_date="1985-01-01",
    )
    return run(data, on).item("certificate")


LOW, HIGH = 5000, 20000  # below and above 1× of every year since 2012


@pytest.mark.parametrize(
    ("c", "needs"),
    [
        ({"kind": "skill", "name": "焊工", "level": 3}, False),
        ({"kind": "skill", "name": "焊工", "level": 2}, True),
        ({"kind": "skill", "name": "焊工", "level": 1}, True),
        ({"kind": "title", "name": "工程师"}, True),
        ({"kind": "title", "name": "高级工程师"}, True),
        ({"kind": "qualification", "name": "注册安全工程师"}, False),
    ],
)
def test_the_condition_covers_titles_and_skill_levels_2_and_1_only(c, needs):
    high = cert("2024-06-01", HIGH, **c).points
    low = cert("2024-06-01", LOW, **c).points
    assert high > 0
    assert (low == 0) is needs


def test_a_qualification_says_it_needs_no_base_condition():
    item = cert("2024-06-01", LOW, kind="qualification", name="注册安全工程师")
    assert item.points == 100
    assert "needs no 1× base condition, R-6" in item.detail


def test_the_condition_names_its_scope_in_the_rule():
    rule = shjzz.policy("2023").indicators.certificate
    assert rule.condition_skill_levels == (1, 2)
    assert rule.condition_titles == ("intermediate", "senior")
    assert rule.condition_qualifications is False
    assert shjzz.policy("2013").indicators.certificate.condition is None


# --- remote key areas ----------------------------------------------------------------


def areas(*periods: dict[str, str], on: str) -> shjzz.LineItem:
    return run(person(remote_area=list(periods)), on).item("remote_area")


def test_the_highest_single_area_counts():
    got = areas(
        {"area": "嘉定新城", "from": "2016-01", "to": "2021-12"},
        {"area": "南汇新城", "from": "2022-01"},
        on="2027-06-01",
    )
    # 嘉定新城 6 full years → 12; 南汇新城 5 full years (2022-01 … 2026-12) → 10
    assert got.points == 12
    assert "嘉定新城: 6 full years" in got.detail
    assert "南汇新城: 5 full years" in got.detail


def test_two_areas_are_not_summed():
    got = areas(
        {"area": "嘉定新城", "from": "2013-01", "to": "2018-12"},
        {"area": "南汇新城", "from": "2019-01"},
        on="2025-03-01",
    )
    assert got.points == 12  # 6 years each: 12 and 12, not 24 (capped 20)
    assert not got.capped


def test_periods_under_an_old_name_add_up_before_the_threshold():
    # 19 months as 临港地区 then 34 as 临港新片区: 53 months, 4 full years, threshold 3
    old_and_new = areas(
        {"area": "临港地区", "from": "2018-01", "to": "2019-07"},
        {"area": "临港新片区", "from": "2019-08"},
        on="2022-06-01",
    )
    assert old_and_new.points == 8
    alone = areas({"area": "临港新片区", "from": "2019-08"}, on="2022-06-01")
    assert alone.points == 0  # 2 full years, below the threshold of 3


# --- awards won while working in Shanghai ---------------------------------------------


def award(*given: dict[str, object]) -> shjzz.LineItem:
    return run(person(awards=list(given)), "2024-06-01").item("award")


def test_an_award_won_outside_shanghai_scores_0_with_the_reason():
    got = award({"level": "national", "in_shanghai": False})
    assert got.points == 0
    assert "won outside Shanghai" in got.detail
    assert award({"level": "national"}).points == 110  # in_shanghai defaults to true
    assert award({"level": "national", "in_shanghai": True}).points == 110


def test_only_awards_won_in_shanghai_compete_for_the_highest():
    got = award(
        {"level": "national", "in_shanghai": False},
        {"level": "municipal_special", "name": "专项"},
    )
    assert got.points == 30
    assert "won outside Shanghai, does not count: national" in got.detail


def test_in_shanghai_is_a_boolean():
    with pytest.raises(shjzz.errors.InvalidApplicant, match=r"awards\[0\]\.in_shanghai"):
        shjzz.load_applicant(person(awards=[{"level": "national", "in_shanghai": "no"}]))


# --- facts dated after the evaluation date ---------------------------------------------


@pytest.mark.parametrize("kind", ["serious_crime", "family_planning"])
def test_a_veto_dated_after_on_is_ignored(kind):
    on = "2019-06-01"
    assert run(person(records=[{"kind": kind, "on": "2019-06-01"}]), on).vetoed
    assert not run(person(records=[{"kind": kind, "on": "2019-06-02"}]), on).vetoed


# --- the public-service field ------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "points"),
    [("环卫", 24), ("环境卫生", 24), ("环　卫", 24), ("环境 卫生。", 24), ("教育", 0)],
)
def test_environmental_sanitation_is_the_public_service_field(field, points):
    data = person(public_service=[{"field": field, "from": "2018-01"}])
    got = run(data, "2024-06-01").item("public_service")
    assert got.points == points
    if not points:
        assert "not a specified field: 教育" in got.detail


# --- a major given by name and code ---------------------------------------------------------


@pytest.mark.parametrize(
    ("major", "points", "why"),
    [
        ({"name": "城市轨道交通车辆", "code": "52030100"}, 30, ""),
        ({"name": "城市轨道交通车辆"}, 30, ""),
        ({"code": "52030100"}, 30, ""),
        ({"name": "城市轨道交通车辆", "code": "99999999"}, 0, "the code 99999999 is not"),
        ({"name": "会计", "code": "52030100"}, 0, "the name 会计 is not"),
        ({"name": "园艺技术", "code": "52030100"}, 0, "match different entries"),
    ],
)
def test_a_major_scores_only_when_name_and_code_are_one_entry(major, points, why):
    data = person(education={"level": "junior_college", "major": major})
    got = run(data, "2024-06-01").item("shortage_major")
    assert got.points == points
    assert why in got.detail


# --- sources down to the article -----------------------------------------------------------


def test_every_2015_rule_names_its_article_and_quotes_the_full_text():
    pol = shjzz.policy("2015")
    assert pol.certainty == "full-text"
    for name in pol.indicator_ids:
        basis = getattr(pol.indicators, name).basis
        assert basis.article, name
        assert basis.article.startswith(("第六条", "第七条", "第八条")), name
        assert basis.quote, name
        expected = "reported" if name == "new_graduate" else "full-text"
        assert basis.certainty == expected, name
    assert all(v.basis.article == "第九条" for v in pol.vetoes)
    assert pol.eligibility.basis.article == "第二条"


def test_every_quote_is_in_the_full_text():
    text = read_text("policies/2015.json")
    quotes = [
        part
        for basis in _bases(json.loads(text))
        for part in (basis.get("quote") or "").split("…")
        if part
    ]
    assert quotes
    full = _full_text()
    if full is None:
        pytest.skip("../shared/policy/texts is not checked out")
    for quote in quotes:
        for sentence in quote.split("。"):
            if sentence:
                assert _squeeze(sentence) in full, sentence


def _bases(data: object) -> list[dict[str, object]]:
    found = []
    if isinstance(data, dict):
        if "certainty" in data and "document" in data:
            found.append(data)
        for value in data.values():
            found.extend(_bases(value))
    elif isinstance(data, list):
        for value in data:
            found.extend(_bases(value))
    return found


def _full_text() -> str | None:
    from conftest import SHARED  # noqa: PLC0415

    path = SHARED / "policy" / "texts" / "2015-banfa.txt"
    return _squeeze(path.read_text(encoding="utf-8")) if path.is_file() else None


def _squeeze(text: str) -> str:
    """The text without line breaks, indents and the item numbers the quotes join across."""
    return "".join(text.split()).replace("\u3000", "")


def test_certainty_is_a_closed_vocabulary_of_five():
    assert set(shjzz.Basis.__annotations__) >= {"certainty"}
    from shjzz._result import CERTAINTIES  # noqa: PLC0415

    assert set(CERTAINTIES) == LABELS
    seen = {b["certainty"] for v in ("2013", "2015", "2018", "2023") for b in _policy_bases(v)}
    seen |= {p.document_certainty for p in shjzz.policies()}
    seen |= {r.certainty for r in shjzz.wages()} | {r.certainty for r in shjzz.readings()}
    seen |= {a.certainty for a in shjzz.amendments()}
    assert seen <= LABELS


def _policy_bases(version: str) -> list[dict[str, object]]:
    return _bases(json.loads(read_text(f"policies/{version}.json")))


def test_a_label_outside_the_vocabulary_is_refused_when_the_data_loads():
    conv = data_converter()
    good = {"document": "x", "certainty": "full-text"}
    assert conv.structure(good, shjzz.Basis).certainty == "full-text"
    with pytest.raises(Exception, match="unconfirmed"):
        conv.structure({"document": "x", "certainty": "unconfirmed"}, shjzz.Basis)
    with pytest.raises(Exception, match="unconfirmed"):
        conv.structure(
            {"id": "R-0", "title": "t", "text": "t", "certainty": "unconfirmed", "source": "s"},
            Reading,
        )
