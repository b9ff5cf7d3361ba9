"""Read package data with importlib-resources (imported on first use only)."""

from __future__ import annotations


def read_text(path: str) -> str:
    """The text of ``shjzz/data/<path>``, decoded as UTF-8."""
    import importlib_resources  # noqa: PLC0415 - keeps `import shjzz` cheap

    return (importlib_resources.files("shjzz") / "data" / path).read_text(encoding="utf-8")


def names(folder: str, suffix: str) -> list[str]:
    """The names of the files in ``shjzz/data/<folder>`` ending in *suffix*, sorted."""
    import importlib_resources  # noqa: PLC0415 - keeps `import shjzz` cheap

    found = (importlib_resources.files("shjzz") / "data" / folder).iterdir()
    return sorted(f.name for f in found if f.is_file() and f.name.endswith(suffix))
