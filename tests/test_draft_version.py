"""A version is a data file plus, at most, one new rule kind.

``tests/data/policies/2028.json`` is a draft version that is not shipped: its
age rule is a band table (a kind no shipped version has, defined below and
nowhere else) and it has no new-graduate bonus.  Read beside the shipped
versions, it scores, explains, plans, diffs and describes itself with no edit
anywhere in the package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import shjzz
from conftest import person
from shjzz import rules
from shjzz._policy import drafts
from shjzz._render import render_result

DRAFT = Path(__file__).parent / "data" / "policies" / "2028.json"


@attrs.frozen(kw_only=True)
class Band:
    from_age: int
    to_age: int
    points: int


@rules.register("age_bands")
@attrs.frozen(kw_only=True)
class AgeBands(rules.Rule):
    """Points by age band (周岁); no band → 0."""

    basis: shjzz.Basis
    bands: tuple[Band, ...] = attrs.field(metadata={"label": "band"})

    def evaluate(self, facts, indicator):
        from shjzz._items import item  # noqa: PLC0415 - as the shipped kinds build items

        age = facts.age
        points = next((b.points for b in self.bands if b.from_age <= age <= b.to_age), 0)
        return item(indicator, points, f"{age} 周岁", self.basis)

    def describe(self, lang: str | None = None) -> list[str]:
        return ["; ".join(f"{b.from_age}–{b.to_age} 周岁 → {b.points}" for b in self.bands)]

    def change_dates(self, a, start, end) -> Iterator[dt.date]:
        for year in range(start.year, end.year + 1):
            yield shjzz._months.add_years(a.birth_date, year - a.birth_date.year)


@pytest.fixture
def draft():
    with drafts(DRAFT):
        yield shjzz.policy("2028")
    assert [p.id for p in shjzz.policies()] == ["2013", "2015", "2018", "2023"]


def test_the_draft_is_read_beside_the_shipped_versions(draft):
    assert [p.id for p in shjzz.policies()] == ["2013", "2015", "2018", "2023", "2028"]
    assert shjzz.policy(dt.date(2030, 1, 1)) is draft
    assert isinstance(draft.indicators.age, AgeBands)
    assert "new_graduate" not in draft.indicator_ids
    assert draft.indicators.new_graduate is None


def test_it_scores_and_explains(draft):
    data = person(birth_date="1990-06-15", education={"level": "bachelor", "degree": True})
    result = shjzz.score(shjzz.load_applicant(data), on=dt.date(2029, 3, 1))
    assert result.policy == "2028"
    assert result.item("age").points == 15  # 38 周岁: the 36–50 band
    assert "new_graduate" not in result.points
    with pytest.raises(KeyError):
        result.item("new_graduate")
    assert result.total == sum(result.points.values())
    text = render_result(result)
    assert "38 周岁" in text
    assert "new_graduate" not in text
    younger = shjzz.score(shjzz.load_applicant(data), on=dt.date(2026, 3, 1))
    assert (younger.policy, younger.item("age").points) == ("2023", 30)


def test_its_readings_still_apply(draft):
    data = person(social_insurance=[{"from": "2020-01", "base": 30_000}])
    result = shjzz.score(
        shjzz.load_applicant(data), on=dt.date(2029, 3, 1), readings={"R-4": "strict"}
    )
    assert result.readings["R-4"] == "strict"
    assert draft.touched("R-4") == ("insurance_base",)


def test_it_plans_across_the_change_of_version(draft):
    data = person(birth_date="1992-02-10", education={"level": "master"})
    applicant = shjzz.load_applicant(data)
    p = shjzz.plan(applicant, on=dt.date(2027, 6, 1), until=dt.date(2029, 6, 1))
    days = [pt.on for pt in p.projection]
    assert dt.date(2028, 1, 1) in days  # the draft's first day
    assert dt.date(2028, 2, 10) in days  # a birthday: the band kind names it
    assert {pt.policy for pt in p.projection} == {"2023", "2028"}
    for pt in p.projection:
        assert shjzz.score(applicant, on=pt.on).total == pt.total


def test_it_diffs(draft):
    changes = {c.path: c for c in shjzz.diff("2023", "2028").changes}
    age = changes["age"]
    assert age.kind == "changed"
    assert "16–35 周岁 → 30" in age.text  # the new kind describes itself
    assert changes["new_graduate"].kind == "removed"


def test_it_describes_itself_for_the_docs(draft):
    assert draft.indicators.age.describe() == ["16–35 周岁 → 30; 36–50 周岁 → 15; 51–60 周岁 → 5"]
    assert attrs.fields(AgeBands).bands.metadata["label"] == "band"


def test_a_kind_name_cannot_be_taken_twice():
    with pytest.raises(ValueError, match="already"):

        @rules.register("age_steps")
        @attrs.frozen(kw_only=True)
        class Other(rules.Rule):
            basis: shjzz.Basis


def test_an_unknown_kind_or_overlapping_version_is_refused(tmp_path):
    text = DRAFT.read_text(encoding="utf-8")
    unknown = tmp_path / "unknown.json"
    unknown.write_text(text.replace('"age_bands"', '"age_curve"'), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown rule kind 'age_curve'"), drafts(unknown):
        shjzz.policies()
    overlap = tmp_path / "overlap.json"
    overlap.write_text(text.replace('"2028-01-01"', '"2027-01-01"'), encoding="utf-8")
    with pytest.raises(ValueError, match="versions 2023 and 2028 overlap"), drafts(overlap):
        shjzz.policies()
