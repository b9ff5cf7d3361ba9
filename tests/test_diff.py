"""diff(): what changed between versions or dates, read off the rule objects."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shjzz
from shjzz._diff import Diff, diff, diff_json
from shjzz._render import render_diff
from shjzz._table import COLUMNS, width
from shjzz.errors import PolicyNotInForce, ShjzzError, UnknownPolicy

IDS = [p.id for p in shjzz.policies()]
MIRROR = {"added": "removed", "removed": "added", "changed": "changed"}


def by_path(d: Diff):
    return {c.path: c for c in d.changes}


def mirrored(changes):
    return [(c.path, MIRROR[c.kind], c.after, c.before, c.certainty) for c in changes]


def plain(changes):
    return [(c.path, c.kind, c.before, c.after, c.certainty) for c in changes]


def test_2018_to_2023_removes_the_family_planning_veto():
    d = diff("2018", "2023")
    veto = by_path(d)["vetoes[family_planning]"]
    assert veto.kind == "removed"
    assert veto.after is None
    assert veto.before.record == "family_planning"
    assert "veto (一票否决) on family_planning records removed" in veto.text
    assert [c.path for c in d.changes] == ["vetoes[family_planning]"]
    assert any("family-planning veto" in r.text for r in d.recorded)


def test_2013_to_2015_new_routes_tier_window_caps_and_condition():
    changes = by_path(diff("2013", "2015"))
    for route in ("entrepreneur", "tech_transfer"):
        assert changes[route].kind == "added"
        assert changes[route].after.points == 120
    tier = changes["insurance_base.tiers[3]"]
    assert tier.kind == "added"
    assert (tier.after.multiple, tier.after.window, tier.after.at_least, tier.after.points) == (
        Decimal(3),
        36,
        24,
        120,
    )
    for i in range(3):
        window = changes[f"insurance_base.tiers[{i}].window"]
        assert (window.before, window.after) == (36, 48)
    assert (changes["investment.cap"].before, changes["investment.cap"].after) == (100, 120)
    cap = changes["insurance_base.cap"]
    assert (cap.before, cap.after, cap.text) == (
        100,
        120,
        "缴纳职工社会保险费基数 (insurance_base): cap raised from 100 to 120",
    )
    condition = changes["certificate.condition"]
    assert condition.kind == "added"
    assert condition.certainty == "full-text"  # condition_basis, 第六条（三）
    assert condition.after.multiple == 1
    assert changes["certificate.condition_skill_levels"].after == (1, 2)
    assert changes["certificate.condition_titles"].after == ("intermediate", "senior")
    assert changes["entrepreneur"].certainty == "full-text"


def test_the_at_least_of_the_48_month_window_is_unchanged():
    changes = by_path(diff("2013", "2015"))
    assert not any(path.endswith(".at_least") for path in changes)
    assert shjzz.policy("2015").indicators.insurance_base.tiers[0].at_least == 36


def test_basis_changes_are_grouped_apart():
    d = diff("2013", "2015")
    assert not any(path.endswith(("basis", "where_obtained", "catalogue")) for path in by_path(d))
    documents = [b for b in d.basis if b.attribute == "document"]
    main = documents[0]
    assert (main.before, main.after) == ("沪府发〔2013〕40号", "沪府发〔2015〕31号")
    assert "age" in main.paths
    assert len(main.paths) > 10
    assert (
        main.text == f"document: 沪府发〔2013〕40号 → 沪府发〔2015〕31号 in {len(main.paths)} rules"
    )
    certainty = next(b for b in d.basis if b.attribute == "certainty")
    assert (certainty.before, certainty.after) == ("corroborated", "full-text")
    assert {"age", "insurance_base", "award"} <= set(certainty.paths)
    quote = next(b for b in d.basis if b.attribute == "quote")
    assert quote.text == f"quote: none → quoted in {len(quote.paths)} rules"


def test_eligibility_gains_the_recent_months_rule_in_2018():
    recent = by_path(diff("2015", "2018"))["eligibility.recent"]
    assert recent.kind == "added"
    assert recent.text == (
        "eligibility: recent contributions added: ≥ 6 of the 12 months before the month of `on`"
    )


@pytest.mark.parametrize("which", IDS)
def test_a_version_with_itself_is_empty(which):
    d = diff(which, which)
    assert d.empty
    assert d.changes == d.basis == d.recorded == ()
    assert "rules: no change" in render_diff(d)


def same(x, y):
    return sorted(x, key=str) == sorted(y, key=str)


@pytest.mark.parametrize(("a", "b"), list(itertools.permutations(IDS, 2)))
def test_diff_is_symmetric(a, b):
    forward, backward = diff(a, b), diff(b, a)
    assert same(plain(backward.changes), mirrored(forward.changes))
    assert same(
        [(x.attribute, x.before, x.after, x.paths) for x in forward.basis],
        [(x.attribute, x.after, x.before, x.paths) for x in backward.basis],
    )


DATES = st.dates(dt.date(2013, 7, 1), dt.date(2027, 12, 31))


@settings(deadline=None)
@given(DATES, DATES)
def test_dated_diff_is_symmetric_and_empty_with_itself(a, b):
    forward, backward = diff(a, b), diff(b, a)
    assert same(plain(backward.changes), mirrored(forward.changes))
    assert same(plain(backward.amendments), mirrored(forward.amendments))
    assert same(plain(backward.catalogues), mirrored(forward.catalogues))
    assert diff(a, a).empty


def test_dates_compare_the_versions_in_force_and_more():
    d = diff("2019-01-01", "2025-01-01")
    assert (d.policy_a, d.policy_b, d.dated) == ("2018", "2023", True)
    assert plain(d.changes) == plain(diff("2018", "2023").changes)
    assert [c.path for c in d.amendments] == [
        "amendments[lingang-2019]",
        "amendments[new-towns-2021]",
        "amendments[lingang-2024]",
    ]
    assert all(c.kind == "added" for c in d.amendments)
    paths = {c.path: c for c in d.catalogues}
    assert paths["catalogues.skills"].kind == "added"  # no skills edition before 2022-06-08
    skills = [c for c in d.catalogues if c.path.startswith("catalogues.skills[")]
    assert len(skills) == 63
    assert paths["catalogues.skills[焊工]"].kind == "added"
    assert paths["catalogues.areas[临港地区]"].kind == "removed"
    assert paths["catalogues.areas[嘉定新城]"].kind == "added"


def test_an_area_row_that_changes_is_a_change():
    d = diff(dt.date(2024, 8, 20), dt.date(2024, 8, 21))
    assert d.changes == ()
    assert [c.path for c in d.amendments] == ["amendments[lingang-2024]"]
    (row,) = d.catalogues
    assert (row.path, row.kind) == ("catalogues.areas[临港新片区]", "changed")
    assert (row.before.counts_after_years, row.after.counts_after_years) == (3, 0)
    assert "counts_after_years 3 → 0" in row.text


def test_ids_compare_no_amendments_or_catalogues():
    for d in (diff("2018", "2023"), diff("2018", "2023-06-01")):
        assert not d.dated
        assert d.amendments == d.catalogues == ()


def test_recorded_changes_only_when_b_is_later():
    forward = diff("2013", "2023")
    assert [r.policy for r in forward.recorded] == ["2015"] * 5 + ["2018"] + ["2023"] * 2
    assert {r.certainty for r in forward.recorded} == {"full-text", "corroborated", "reported"}
    assert diff("2023", "2013").recorded == ()


def test_datetimes_and_date_strings():
    moment = dt.datetime(2019, 1, 1, 12, 0, tzinfo=dt.timezone.utc)
    assert diff(moment, "2025-01-01").a == "2019-01-01"


@pytest.mark.parametrize(
    ("a", "error"),
    [
        ("1999", UnknownPolicy),
        (2015, UnknownPolicy),
        ("2010-01-01", PolicyNotInForce),
        ("2015-02-30", ShjzzError),
        ("20150701", UnknownPolicy),
    ],
)
def test_bad_sides_are_clear_errors(a, error):
    with pytest.raises(error):
        diff(a, "2015")


def test_json_and_text():
    d = diff("2013", "2015")
    data = json.loads(json.dumps(diff_json(d), ensure_ascii=False))
    tier = next(c for c in data["changes"] if c["path"] == "insurance_base.tiers[3]")
    assert tier["after"] == {"window": 36, "at_least": 24, "multiple": 3, "points": 120}
    assert tier["before"] is None
    assert data["basis"][0]["attribute"] == "document"
    text = render_diff(d)
    assert all(width(line) <= COLUMNS for line in text.splitlines())
    text = re.sub(r"\n {4}", " ", text)  # the lines wrapped at 100 columns, joined
    assert "+ 创业人才 (entrepreneur) added: 120 when `share_percent` ≥ 5" in text
    assert (
        "tier 4 added: ≥ 24 of the 36 months before the month of `on` at a base ≥ 3× the "
        "reference wage → 120"
    ) in text
    assert text.count("沪府发〔2013〕40号 → 沪府发〔2015〕31号") == 1
    dated = render_diff(diff("2019-01-01", "2025-01-01"))
    assert "+ skills: 63 added: " in dated
    assert "amendment lingang-2019 in force from 2019-08-20" in dated
