"""Every subcommand speaks the language --lang asks for; JSON keys and ids never change."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import shjzz
from conftest import person
from shjzz.cli import main


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_speaks_the_language_asked_for(capsys, write_json):
    path = str(write_json(person(education={"level": "junior_college"})))
    _, en, _ = run_cli(capsys, "plan", path, "--on", "2024-06-01", "--lang", "en")
    _, zh, _ = run_cli(capsys, "plan", path, "--on", "2024-06-01", "--lang", "zh")
    assert "plan to 120 points" in en
    assert "达到 120 分的规划" in zh
    assert "plan to" not in zh
    _, out, _ = run_cli(
        capsys, "plan", path, "--on", "2024-06-01", "--lang", "zh", "--format", "json"
    )
    data = json.loads(out)
    assert data["levers"][0]["kind"] in {"skill_level", "degree", "title", "base"}
    assert "并非建议" in data["notes"][0]


def test_lookup_speaks_the_language_asked_for(capsys):
    _, en, _ = run_cli(capsys, "lookup", "焊工", "--on", "2024-06-01", "--lang", "en")
    _, zh, _ = run_cli(capsys, "lookup", "焊工", "--on", "2024-06-01", "--lang", "zh")
    assert "under version 2023, if the skill's field matches the post" in en
    assert "按政策 2023，条件是：职业技能的工种与岗位相符" in zh
    assert "under version" not in zh
    _, out, _ = run_cli(
        capsys, "lookup", "焊工", "--on", "2024-06-01", "--lang", "zh", "--format", "json"
    )
    match = json.loads(out)["matches"][0]
    assert (match["catalogue"], match["how"]) == ("skills", "exact")
    assert match["worth"]["conditions"][0] == "职业技能的工种与岗位相符"


def test_a_lookup_hint_is_in_the_language_asked_for():
    assert shjzz.lookup("高级", lang="zh").hint.startswith("高级：技能等级（三级/高级工）须与职业")
    assert shjzz.lookup("高级").hint.startswith("高级: a skill level (三级/高级工) needs")
    with pytest.raises(shjzz.errors.InvalidArgument, match="lang"):
        shjzz.lookup("高级", lang="fr")


def test_a_score_in_chinese_gives_the_lookup_hint_in_chinese():
    applicant = person(
        certificates=[{"kind": "skill", "name": "高级", "level": 3, "obtained_on": "2020-01-01"}]
    )
    detail = shjzz.score(applicant, on=dt.date(2024, 6, 1), lang="zh").item("certificate").detail
    assert "须与职业一并写出" in detail
    assert "needs the occupation" not in detail


def test_catalogue_and_policies_speak_the_language_asked_for(capsys):
    _, zh, _ = run_cli(capsys, "catalogue", "areas", "--on", "2024-06-01", "--lang", "zh")
    assert "按 2024-06-01 施行的政策 2023 计分" in zh
    assert "在该区域工作满 3 年后计分" in zh
    _, en, _ = run_cli(capsys, "catalogue", "areas", "--on", "2024-06-01", "--lang", "en")
    assert "counts after 3 full years there" in en
    listing = shjzz.catalogue("skills", on=dt.date(2024, 6, 1), lang="zh")
    assert "按 2024-06-01 施行的政策 2023 计分" in shjzz.render(listing, lang="zh").splitlines()
    _, zh, _ = run_cli(capsys, "policies", "--lang", "zh")
    _, en, _ = run_cli(capsys, "policies", "--lang", "en")
    assert zh.startswith("政策版本\n")
    assert en.startswith("policy versions\n")


def test_an_area_that_counts_after_one_year_says_year():
    rows = shjzz.catalogue("areas", on=dt.date(2024, 6, 1)).entries
    said = {item.entry.counts_after_years: item.worth.conditions[0] for item in rows}
    assert said.get(3) == "counts after 3 full years there"
    assert all(("1 full years" not in c) for c in said.values())


def test_diff_speaks_the_language_asked_for(capsys):
    zh = shjzz.diff("2013-08-01", "2016-01-01", lang="zh")
    en = shjzz.diff("2013-08-01", "2016-01-01")
    assert [c.path for c in zh.changes] == [c.path for c in en.changes]
    cap = next(c.text for c in zh.changes if c.path == "investment.cap")
    assert cap == "投资纳税或带动本地就业 (investment): 上限 由 100 升为 120"
    assert next(c.text for c in en.changes if c.path == "investment.cap") == (
        "投资纳税或带动本地就业 (investment): cap raised from 100 to 120"
    )
    assert "11 处变化" in shjzz.render(zh, lang="zh")
    _, out, _ = run_cli(capsys, "diff", "2018", "2023", "--lang", "zh")
    assert out.startswith("比较 2018 → 2023")
    assert "删除（原为 有 `family_planning` 记录（不论日期））" in out
    _, out, _ = run_cli(capsys, "diff", "2018", "2023", "--lang", "zh", "--format", "json")
    assert json.loads(out)["changes"][0]["kind"] == "removed"


def test_a_rule_describes_itself_in_either_language():
    rules = shjzz.policy("2023").indicators
    assert rules["age"].describe() == [
        "56–60 周岁 → 5; each year younger +2, at most 30; over 60 → 0"
    ]
    assert rules["age"].describe(lang="zh") == [
        "56–60 周岁 → 5；每年轻一岁 +2，最高 30；超过 60 周岁 → 0"
    ]
    assert rules["new_graduate"].describe(lang="zh") == ["自毕业起至毕业次年6月30日：10"]
