"""Policy versions, amendments, readings and the reference-wage series as data."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import attrs
import pytest

import shjzz
from conftest import SHARED
from shjzz._items import INDICATORS
from shjzz._policy import registry
from shjzz._sources import ID
from shjzz.errors import PolicyNotInForce, ShjzzError, UnknownPolicy

DATA = Path(shjzz.__file__).parent / "data"


def test_four_versions_in_order():
    assert [p.id for p in shjzz.policies()] == ["2013", "2015", "2018", "2023"]


def test_every_policy_file_is_a_version_named_by_its_file():
    files = sorted(f.stem for f in (DATA / "policies").glob("*.json"))
    assert sorted(p.id for p in shjzz.policies()) == files


def test_every_catalogue_file_is_an_edition():
    files = {f.name for f in (DATA / "catalogues").glob("*.csv")} - {"aliases.csv"}
    assert {e.file for e in registry().catalogues.editions} == files


def test_a_file_that_is_no_catalogue_is_refused():
    from shjzz._catalogue import _kind  # noqa: PLC0415

    assert _kind("skills-2030.csv")[0] == "skills"
    assert _kind("shortage-majors-2022.csv")[0] == "majors"
    with pytest.raises(ValueError, match="not an edition of any catalogue"):
        _kind("skillset.csv")


def test_every_day_from_2013_07_to_2027_12_is_in_exactly_one_version():
    day, last = dt.date(2013, 7, 1), dt.date(2027, 12, 31)
    while day <= last:
        assert sum(p.in_force(day) for p in shjzz.policies()) == 1, day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "version"),
    [
        ("2013-07-01", "2013"),
        ("2015-06-30", "2013"),
        ("2015-07-01", "2015"),
        ("2017-12-31", "2015"),
        ("2018-01-01", "2018"),
        ("2022-12-31", "2018"),
        ("2023-01-01", "2023"),
        ("2027-12-31", "2023"),
    ],
)
def test_version_boundaries(day, version):
    assert shjzz.policy(dt.date.fromisoformat(day)).id == version
    assert shjzz.policy(day).id == version


@pytest.mark.parametrize("day", ["2013-06-30", "2028-01-01", "1990-01-01"])
def test_no_version_outside_the_encoded_range(day):
    with pytest.raises(PolicyNotInForce, match="no policy version is in force"):
        shjzz.policy(day)


@pytest.mark.parametrize(
    "bad", ["2019", "2023-1-1", "20230101", "2023-02-30", "", "latest", 2023, None]
)
def test_unknown_policy_ids_are_refused(bad):
    with pytest.raises(UnknownPolicy):
        shjzz.policy(bad)


def test_policy_errors_are_shjzz_errors():
    assert issubclass(UnknownPolicy, ShjzzError)
    assert issubclass(PolicyNotInForce, ShjzzError)


def test_policies_are_frozen():
    p = shjzz.policy("2023")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.standard = 100  # type: ignore[misc]
    with pytest.raises(TypeError):
        p.indicators.education.points["master"] = 0  # type: ignore[index]


def test_version_documents():
    docs = {p.id: p.document for p in shjzz.policies()}
    assert docs == {
        "2013": "沪府发〔2013〕40号",
        "2015": "沪府发〔2015〕31号",
        "2018": "沪府发〔2017〕98号",
        "2023": "沪府规〔2022〕21号",
    }
    assert shjzz.policy("2018").implementing_rules == "沪人社规〔2017〕43号"
    assert shjzz.policy("2013").document_certainty == "inferred"  # 文号 unconfirmed


def test_2013_lacks_the_2015_indicators():
    ids = shjzz.policy("2013").indicator_ids
    assert "entrepreneur" not in ids
    assert "tech_transfer" not in ids
    assert shjzz.policy("2015").indicator_ids == tuple(INDICATORS)


def test_family_planning_veto_until_2023():
    records = {p.id: {v.record for v in p.vetoes} for p in shjzz.policies()}
    assert records["2018"] == {"serious_crime", "family_planning"}
    assert records["2023"] == {"serious_crime"}


def test_every_rule_carries_a_basis_with_a_known_certainty():
    for p in shjzz.policies():
        for name in p.indicator_ids:
            rule = getattr(p.indicators, name)
            assert rule.basis.certainty in {
                "official",
                "full-text",
                "corroborated",
                "reported",
                "inferred",
            }
            assert rule.basis.document


def test_readings_cited_by_rules_exist():
    known = {r.id for r in shjzz.readings()}
    assert {"R-1", "R-2", "R-3", "R-4", "R-5"} <= known
    for p in shjzz.policies():
        for name in p.indicator_ids:
            reading = getattr(p.indicators, name).basis.reading
            assert reading is None or reading in known


def test_amendments_in_date_order_with_their_areas():
    ams = shjzz.amendments()
    assert [a.id for a in ams] == ["lingang-2019", "new-towns-2021", "lingang-2024", "rules-2025"]
    assert [a.effective for a in ams] == sorted(a.effective for a in ams)
    areas = [
        e for ed in registry().catalogues.editions if ed.catalogue == "areas" for e in ed.entries
    ]
    by_id = {a.id: a for a in ams}
    for entry in areas:
        if entry.amendment is not None:
            assert entry.valid_from == by_id[entry.amendment].effective, entry


def test_the_2025_lingang_claim_is_recorded_as_not_applied():
    rules_2025 = next(a for a in shjzz.amendments() if a.id == "rules-2025")
    assert rules_2025.not_applied is not None
    assert "lingang-2024" in rules_2025.not_applied


def test_wage_series_is_contiguous():
    rows = registry().wages.rows
    for before, after in itertools.pairwise(rows):
        assert after.from_.index == before.to.index + 1
    assert str(rows[0].from_) == "2008-04"
    assert str(rows[-1].to) == "2027-06"


def test_wage_figures_at_their_edges():
    wages = registry().wages
    assert wages.row_at(shjzz.Month(2019, 3).index)[0].monthly == 7132
    assert wages.row_at(shjzz.Month(2019, 4).index)[0].monthly == 7832
    assert wages.row_at(shjzz.Month(2019, 10).index)[0].monthly == 7832
    assert wages.row_at(shjzz.Month(2019, 11).index)[0].monthly == 8211
    assert wages.row_at(shjzz.Month(2020, 7).index)[0].monthly == 9339
    row, nearest = wages.row_at(shjzz.Month(2027, 7).index)
    assert (row.monthly, nearest) == (12577, True)


@pytest.mark.skipif(not (SHARED / "policy").is_dir(), reason="../shared is not checked out")
@pytest.mark.parametrize(
    "name",
    [
        "wages.csv",
        "catalogues/aliases.csv",
        "catalogues/areas.csv",
        "catalogues/qualifications-2023.csv",
        "catalogues/shortage-majors-2022.csv",
        "catalogues/skills-2022.csv",
        "catalogues/titles.csv",
    ],
)
def test_package_data_matches_the_reference(name):
    package = _without_citations((DATA / name).read_text(encoding="utf-8"))
    assert package == _without_citations((SHARED / "policy" / name).read_text(encoding="utf-8"))


def _without_citations(text):
    """The lines of a data file but its citation comments: source ids here, research paths there."""
    return [
        line
        for line in text.splitlines()
        if not (line.startswith("#") and (ID.search(line) or "research" in line))
        and not line.startswith("# checked with:")
    ]


def test_the_wage_series_is_public():
    rows = shjzz.wages()
    assert rows == registry().wages.rows
    assert repr(type(rows[0])) == "<class 'shjzz.WageRow'>"
    assert (str(rows[-1].from_), rows[-1].monthly, rows[-1].certainty) == (
        "2026-07",
        12577,
        "reported",
    )
