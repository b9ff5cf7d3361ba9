"""The bibliography: every citation in the package resolves to a source the package ships."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import shjzz
from conftest import SHARED
from shjzz._sources import ID
from shjzz.errors import ShjzzError, UnknownSource

PACKAGE = Path(shjzz.__file__).parent
DATA = PACKAGE / "data"
ROOT = Path(__file__).parent.parent
TEXT = {".py", ".json", ".csv", ".html", ".js", ".css", ".typed"}


def _texts():
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in TEXT:
            yield path, path.read_text(encoding="utf-8")


def _bases(value):
    """Every :class:`shjzz.Basis` inside a policy's rules, however deep."""
    if isinstance(value, shjzz.Basis):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _bases(getattr(value, field.name))
    elif isinstance(value, dict | tuple | list) or hasattr(value, "values"):
        items = value.values() if hasattr(value, "values") else value
        for item in items:
            yield from _bases(item)


def _cited_in_data():
    return {
        ident
        for path in DATA.rglob("*")
        if path.is_file() and path.name != "sources.json" and path.suffix in {".json", ".csv"}
        for ident in ID.findall(path.read_text(encoding="utf-8"))
    }


def test_every_id_written_in_the_package_data_is_a_source():
    cited = _cited_in_data()
    assert cited
    assert cited <= {s.id for s in shjzz.sources()}


def test_the_source_list_holds_the_cited_sources_and_no_others():
    assert {s.id for s in shjzz.sources()} == _cited_in_data()


def test_every_version_cites_sources_that_resolve():
    for pol in shjzz.policies():
        assert pol.sources, pol.id
        for ident in pol.sources:
            assert shjzz.source(ident).id == ident


def test_every_rule_citation_resolves():
    cited = [i for pol in shjzz.policies() for b in _bases(pol) for i in b.sources]
    assert "T-2015" in cited
    for ident in cited:
        assert shjzz.source(ident).id == ident


def test_a_2015_rule_read_in_the_full_text_cites_the_full_text():
    bases = list(_bases(shjzz.policy("2015")))
    assert all("T-2015" in b.sources for b in bases if b.certainty == "full-text")
    assert shjzz.source("T-2015").date == "2015-07-15"


def test_every_catalogue_edition_cites_sources_that_resolve():
    for name in ("skills", "titles", "qualifications", "majors", "areas"):
        listing = shjzz.catalogue(name)
        assert listing.sources, name
        for ident in listing.sources:
            assert shjzz.source(ident).id == ident


def test_the_wage_series_cites_sources_that_resolve():
    header = next(
        line
        for line in (DATA / "wages.csv").read_text(encoding="utf-8").splitlines()
        if line.startswith("# sources:")
    )
    idents = header.removeprefix("# sources:").split()
    assert idents
    assert all(shjzz.source(i).id == i for i in idents)


@pytest.mark.parametrize("fragment", ["research/", "../", "texts/"])
def test_nothing_in_the_package_points_outside_it(fragment):
    assert [p.name for p, text in _texts() if fragment in text] == []


def test_nothing_in_the_package_names_a_document_it_does_not_ship():
    """Markdown and text files are not shipped; only a source's provenance names one."""
    named = re.compile(r"[\w-]+\.(?:md|txt)\b")
    for path, text in _texts():
        if path.name == "sources.json":
            continue
        assert named.findall(text) == [], path.name
    for s in shjzz.sources():
        assert named.findall(s.supports) == [], s.id


def test_ids_are_unique_and_namespaced():
    idents = [s.id for s in shjzz.sources()]
    assert len(idents) == len(set(idents))
    assert all(ID.fullmatch(i) for i in idents)
    assert {"P-S10", "C-S10"} <= set(idents)
    assert shjzz.source("P-S10") != shjzz.source("C-S10")


def test_a_source_says_what_it_supports_and_where_it_was_compiled():
    for s in shjzz.sources():
        assert s.supports
        assert s.compiled_in
        assert all(u.startswith(("http://", "https://")) for u in s.urls), s.id
        assert s.urls or s.note, s.id


def test_sources_pickle_and_are_immutable():
    found = shjzz.sources()
    assert pickle.loads(pickle.dumps(found)) == found
    assert repr(type(found[0])) == "<class 'shjzz.Source'>"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found[0].id = "P-S0"  # type: ignore[misc]
    assert isinstance(found, tuple)
    assert isinstance(found[0].urls, tuple)
    assert shjzz.sources() == found


@pytest.mark.parametrize("ident", ["P-S999", "S10", "", None, 10])
def test_an_unknown_source_says_what_ids_look_like(ident):
    with pytest.raises(UnknownSource, match="ids look like P-S11") as caught:
        shjzz.source(ident)
    assert isinstance(caught.value, ShjzzError)
    assert isinstance(caught.value, LookupError)


def test_a_scored_item_carries_its_rules_source_ids():
    applicant = shjzz.load_applicant(json.loads((DATA / "example.json").read_text("utf-8")))
    result = shjzz.score(applicant, on=dt.date(2025, 6, 1), policy="2015")
    assert result.policy == "2015"
    assert all("T-2015" in item.basis.sources for item in result.items)
    assert shjzz.unstructure(result)["items"][0]["basis"]["sources"] == ["T-2015"]


@pytest.mark.skipif(not (SHARED / "policy").is_dir(), reason="../shared is not checked out")
def test_the_source_list_is_built_from_the_research():
    script = ROOT / "scripts" / "build_sources.py"
    run = subprocess.run(
        [sys.executable, str(script), "--check", "--policy", str(SHARED / "policy")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
