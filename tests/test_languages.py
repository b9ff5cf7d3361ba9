"""Every subcommand speaks the language --lang asks for; JSON keys and ids never change."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

import shjzz
from conftest import load_case, person, shared_case_dir
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


# --- the "done when" heuristic: shjzz score on every shared case -------------------------

ENGLISH = re.compile(r"(?<![\w-])[A-Za-z]{2,}[,.;:]? [A-Za-z]{2,}(?![\w-])")
"""Two English words in a row: a sentence, or the start of one (ids such as
``new-towns-2021`` or ``insurance_base`` are not words)."""
HAN = re.compile(r"[\u3400-\u9fff]")
ALLOWED_IN_CHINESE = (
    "shjzz readings",  # a command, named as typed
)
"""What Chinese output may say in English: the allowed set, explicit."""


def allowed_in_english(case: dict[str, object]) -> list[str]:
    """The Chinese English output keeps: names of documents, catalogue entries, indicators.

    And the case's own data, quoted as given.
    """
    from shjzz._items import INDICATORS  # noqa: PLC0415
    from shjzz._policy import registry  # noqa: PLC0415

    reg = registry()
    names = [name for name, _ in INDICATORS.values()]
    names += [t for p in reg.policies for t in (p.title, p.document)]
    for edition in reg.catalogues.editions:
        names += [edition.edition]
        for e in edition.entries:
            names += [e.name, *e.alternates]
    names += [a.alias for a in reg.catalogues.aliases]
    names += list(_strings(case))
    return sorted(set(names), key=len, reverse=True)


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


SHARED = sorted(shared_case_dir().glob("*.json"))


@pytest.mark.parametrize("path", SHARED, ids=[p.stem for p in SHARED])
def test_score_in_chinese_says_no_english_sentence(capsys, path):
    code, out, err = run_cli(capsys, "score", str(path), "--lang", "zh")
    assert code in {0, 1}, err
    for allowed in ALLOWED_IN_CHINESE:
        out = out.replace(allowed, "") if isinstance(allowed, str) else allowed.sub("", out)
    assert not ENGLISH.findall(out), out


@pytest.mark.parametrize("path", SHARED, ids=[p.stem for p in SHARED])
def test_score_in_english_leaves_no_chinese_untranslated(capsys, path):
    code, out, err = run_cli(capsys, "score", str(path), "--lang", "en")
    assert code in {0, 1}, err
    for name in allowed_in_english(load_case(path)):
        out = out.replace(name, "")
    assert not [line for line in out.splitlines() if HAN.search(line)], out


def test_the_heuristics_catch_a_sentence_in_the_other_language():
    assert ENGLISH.findall("总分 86：does not meet the standard")
    assert not ENGLISH.findall("年龄 (age) [corroborated, R-3] 30 · lingang-2019, new-towns-2021")
    assert HAN.search("total 86: 未达到标准")


# --- errors and problems -----------------------------------------------------------------


def test_errors_are_said_in_the_language_asked_for(capsys, write_json):
    early = str(write_json({"on": "2010-01-01", "applicant": person()}))
    code, _, err = run_cli(capsys, "score", early, "--lang", "zh")
    assert code == 2
    assert "没有施行中的政策版本" in err
    assert "--policy" in err
    _, _, err = run_cli(capsys, "score", early, "--lang", "en")
    assert "no policy version is in force on 2010-01-01" in err
    code, _, err = run_cli(capsys, "diff", "2019", "2023", "--lang", "zh")
    assert code == 2
    assert '未知的政策版本 "2019"' in err


def test_a_problem_is_said_in_the_language_asked_for(capsys, write_json):
    born_later = str(write_json({"on": "2024-01-01", "applicant": person(birth_date="2030-01-01")}))
    code, _, err = run_cli(capsys, "score", born_later, "--lang", "zh")
    assert code == 2
    assert err.rstrip().endswith('birth_date: 晚于评估日 2024-01-01（所填："2030-01-01"）')
    _, _, err = run_cli(capsys, "score", born_later, "--lang", "en")
    assert err.rstrip().endswith(
        'birth_date: is after the evaluation date 2024-01-01 (got "2030-01-01")'
    )


def test_render_error_and_render_problem_default_to_what_str_says():
    from shjzz._render import render_error, render_problem  # noqa: PLC0415

    problem = shjzz.errors.Problem("x", "是", "y", ("a", "b"))
    assert render_problem(problem) == str(problem)
    assert render_problem(problem, "zh") == 'x: 是（所填："y"）；可能是：a, b'
    error = shjzz.errors.UnknownCatalogue("x", ("skills",))
    assert render_error(error) == str(error)
    assert render_error(error, "zh") == '未知的目录 "x"：已有 skills'
    other = shjzz.errors.UnknownSource("x")
    assert render_error(other, "zh") == str(other)


def test_the_case_check_speaks_the_language_asked_for(capsys, write_json):
    wrong = str(write_json({"on": "2024-06-01", "applicant": person(), "expect": {"total": 1}}))
    code, out, _ = run_cli(capsys, "score", wrong, "--lang", "zh")
    assert code == 1
    assert out.rstrip().splitlines()[-1].startswith("用例：与用例的预期不一致：total 预期 1，实际 ")
    _, out, _ = run_cli(capsys, "score", wrong, "--lang", "en")
    assert "case: differs from what the case expects: total expected 1, got " in out
