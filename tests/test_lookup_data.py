"""The generated ``lookup.json`` covers the catalogues and is what the build script writes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from shjzz._match import LEVELS, fold, tables
from shjzz._policy import registry

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_lookup_data.py"
DATA = ROOT / "src" / "shjzz" / "data" / "lookup.json"


def catalogue_texts() -> list[str]:
    cats = registry().catalogues
    texts = [a.alias for a in cats.aliases]
    for ed in cats.editions:
        for e in ed.entries:
            texts += [e.name, *e.alternates]
    return texts


def build_script() -> ModuleType:
    pytest.importorskip("pypinyin")
    pytest.importorskip("opencc")
    spec = importlib.util.spec_from_file_location("build_lookup_data", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_catalogue_text_has_pinyin():
    assert {fold(t) for t in catalogue_texts()} == set(tables().pinyin)


def test_the_simplified_table_never_changes_a_catalogue_character():
    used = {c for t in (*catalogue_texts(), *LEVELS) for c in fold(t)}
    table = json.loads(DATA.read_text(encoding="utf-8"))["simplified"]
    assert not used & set(table)
    assert set(table.values()) <= used


def test_the_committed_file_is_up_to_date():
    text = build_script().build()
    assert text == DATA.read_text(encoding="utf-8"), "run: python scripts/build_lookup_data.py"


def test_the_build_is_deterministic():
    script = build_script()
    assert script.build() == script.build()


def test_polyphones_read_as_in_the_catalogue_words():
    assert tables().pinyin["汽车装调工"] == ("qichezhuangtiaogong", "qcztg")
    assert tables().pinyin["机床装调维修工"][0] == "jichuangzhuangtiaoweixiugong"


def test_every_pinyin_override_is_used_and_applied():
    script = build_script()
    for phrase, read in script.PINYIN_OVERRIDES.items():
        keys = [key for key in tables().pinyin if phrase in key]
        assert keys, f"{phrase} is in no catalogue text"
        for key in keys:
            assert "".join(read) in tables().pinyin[key][0], key
