"""The public surface: exactly ``__all__``, reprs that say ``shjzz.X``, a cheap import."""

from __future__ import annotations

import datetime as dt
import inspect
import pickle
import subprocess
import sys

import pytest

import shjzz
import shjzz.errors
from conftest import person, run


def test_exports_are_exactly_all():
    assert sorted(shjzz.__all__) == shjzz.__all__
    for name in shjzz.__all__:
        assert getattr(shjzz, name) is not None
    public = {n for n in dir(shjzz) if not n.startswith("_")}
    assert public == set(shjzz.__all__)


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        shjzz.nope  # noqa: B018


def test_errors_module_exports():
    for name in shjzz.errors.__all__:
        exc = getattr(shjzz.errors, name)
        assert issubclass(exc, shjzz.errors.ShjzzError) or name == "Problem"


@pytest.mark.parametrize("name", [n for n in shjzz.__all__ if inspect.isclass(getattr(shjzz, n))])
def test_classes_say_shjzz(name):
    cls = getattr(shjzz, name)
    assert repr(cls) == f"<class 'shjzz.{name}'>"


def test_results_pickle_and_repr():
    result = run(person(), "2024-06-01")
    assert pickle.loads(pickle.dumps(result)) == result
    assert repr(result).startswith("ScoreResult(policy='2023'")


def test_import_is_lazy():
    code = (
        "import sys, shjzz\n"
        "heavy = {'cattrs', 'importlib_resources', 'shjzz._score', 'shjzz._policy', 'attrs'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_score_accepts_a_datetime_and_refuses_other_dates():
    applicant = shjzz.load_applicant(person())
    assert shjzz.score(applicant, on=dt.datetime(2024, 6, 1, 12)).on == dt.date(2024, 6, 1)
    with pytest.raises(shjzz.errors.ShjzzError, match="on must be a date"):
        shjzz.score(applicant, on="2024-06-01")  # type: ignore[arg-type]


def test_render_gives_the_text_the_command_line_prints(capsys):
    import datetime as dt  # noqa: PLC0415

    from shjzz.cli import main  # noqa: PLC0415

    result = shjzz.score({"birth_date": "1995-06-15"}, on=dt.date(2024, 6, 1))
    text = shjzz.render(result)
    body, legend = text.split("\n\ntags: ")
    assert any(line.startswith("readings: ") for line in body.splitlines()[-3:])
    assert all(len(line) <= 100 for line in text.splitlines())
    assert legend.startswith("[certainty, reading] after each detail")
    assert shjzz.render(shjzz.diff("2018", "2023")).startswith("diff 2018 → 2023")
    assert "焊工" in shjzz.render(shjzz.lookup("电焊工"))
    assert shjzz.render(shjzz.catalogue("skills", on=dt.date(2025, 3, 1))).startswith("skills:")
    main(["diff", "2018", "2023"])
    assert capsys.readouterr().out.strip() == shjzz.render(shjzz.diff("2018", "2023"))


def test_render_refuses_what_it_cannot_render():
    with pytest.raises(shjzz.errors.InvalidArgument, match="not dict"):
        shjzz.render({})
