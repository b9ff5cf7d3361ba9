"""The golden snapshots (tests/golden) still match: every answer change is a reviewed diff."""

from __future__ import annotations

import json

import pytest

import shjzz
from golden import GOLDEN, SPREAD_SIZE, applicants, dump, snapshot

VERSIONS = shjzz.policies()


@pytest.mark.parametrize("version", VERSIONS, ids=[v.id for v in VERSIONS])
def test_results_match_the_golden_snapshot(version):
    stored = json.loads((GOLDEN / f"{version.id}.json").read_text(encoding="utf-8"))
    fresh = json.loads(dump(snapshot(version)))
    changed = sorted(
        f"{name} on {day}"
        for name in stored.keys() | fresh.keys()
        for day in stored.get(name, {}).keys() | fresh.get(name, {}).keys()
        if stored.get(name, {}).get(day) != fresh.get(name, {}).get(day)
    )
    assert not changed, (
        f"{len(changed)} results differ from tests/golden/{version.id}.json, first "
        f"{changed[:5]}; if the change is meant, run `python tests/golden.py` and review the diff"
    )


def test_every_version_has_a_snapshot_and_no_other_file_is_stored():
    stored = {p.stem for p in GOLDEN.glob("*.json")}
    assert stored == {v.id for v in VERSIONS} | {"spread"}


def test_the_snapshots_cover_the_cases_and_the_spread():
    names = applicants()
    assert sum(name.startswith("spread-") for name in names) == SPREAD_SIZE
    assert len(names) > SPREAD_SIZE + 18
