"""Build ``src/shjzz/data/sources.json``: every source the package data cites.

The sources are compiled in the research notes beside the policy reference
(``../shared/policy``), each file with its own numbering, so the ids here are
namespaced: ``P-S10`` (policy-research.md §6), ``C-S10`` (catalogues-research.md,
source register), ``N2`` (sources-2.md §3), ``V-Q6`` (a question answered in
verification.md) and ``T-2015`` / ``T-2013`` (the two full texts).  Only the
sources the package data cites are written; a URL or a date is copied only
where the research gives one, never guessed.  Run after citing a new source::

    python scripts/build_sources.py          # rewrite the file
    python scripts/build_sources.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "shjzz" / "data"
OUT = DATA / "sources.json"
POLICY = ROOT.parent / "shared" / "policy"
CITED = re.compile(r"\b(?:P-S\d+[a-z]?|C-S\d+|N\d+[a-z]?|V-Q\d+|T-\d{4})\b")
"""A source id as the package data writes it (the same pattern as ``shjzz._sources.ID``)."""
TEXTS = {"T-2015": ("2015-banfa.txt", "N1"), "T-2013": ("2013-decree-ling2.txt", "N1b")}
"""The full texts: id → (file in ``texts/``, the sources-2.md entry that found it)."""
_URL = re.compile(r"https?://[^\s;,)（）]+[^\s;,.)（）]")
_ISO = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\b")
_CN_DATE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$")
_MARKUP = re.compile(r"\*\*|`")


def section(text: str, heading: str) -> list[str]:
    """The lines under the heading that starts with *heading*, up to the next of its level."""
    lines = text.splitlines()
    level = heading.split(" ", 1)[0]
    start = next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1
    out = []
    for line in lines[start:]:
        if line.startswith(("# ", level + " ")):
            break
        out.append(line)
    return out


def rows(lines: list[str]) -> list[list[str]]:
    """The body rows of the markdown tables in *lines*, cells stripped of bold and code marks."""
    out = []
    for line in lines:
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        cells = [_MARKUP.sub("", c).strip() for c in line.strip().strip("|").split("|")]
        if cells[0] not in {"key", "id"}:
            out.append(cells)
    return out


def split_place(cell: str) -> tuple[list[str], str | None]:
    """The URLs in a table cell, and what else it says of where the source is."""
    urls = _URL.findall(cell)
    rest = _URL.sub("", cell)
    rest = re.sub(r"\s*[;,]\s*(?=[;,]|$)|^\s*[;,]\s*|\s+and$", "", rest.strip()).strip(" ;,")
    return urls, rest or None


def record(  # noqa: PLR0913 - one field each
    ident: str,
    *,
    title: str | None = None,
    urls: list[str] | None = None,
    date: str | None = None,
    supports: str,
    compiled_in: str,
    note: str | None = None,
) -> dict[str, object]:
    """One source, with the fields of :class:`shjzz.Source`."""
    return {
        "id": ident,
        "title": title,
        "urls": urls or [],
        "date": date,
        "supports": supports,
        "compiled_in": compiled_in,
        "note": note,
    }


def policy_sources(research: Path) -> dict[str, dict[str, object]]:
    """policy-research.md §6: key, URL, what it supports (a leading date is the page's own)."""
    out = {}
    lines = section((research / "policy-research.md").read_text(encoding="utf-8"), "## 6.")
    for key, place, supports in rows(lines):
        if place.startswith("="):
            continue
        urls, note = split_place(place)
        date = _DAY.match(supports)
        out[f"P-{key}"] = record(
            f"P-{key}",
            urls=urls,
            date=date[0] if date else None,
            supports=supports,
            compiled_in="policy-research.md §6",
            note=note,
        )
    return out


def catalogue_sources(research: Path) -> dict[str, dict[str, object]]:
    """catalogues-research.md, source register: id, URL, date / version, used for."""
    out = {}
    text = (research / "catalogues-research.md").read_text(encoding="utf-8")
    for key, place, dated, supports in rows(section(text, "## Source register")):
        urls, rest = split_place(place)
        date = _ISO.search(dated)
        notes = [n for n in (rest, None if date and date[0] == dated else dated) if n]
        out[f"C-{key}"] = record(
            f"C-{key}",
            urls=urls,
            date=date[0] if date else None,
            supports=supports,
            compiled_in="catalogues-research.md, source register",
            note="; ".join(n for n in notes if n not in {"—", "-"}) or None,
        )
    return out


def new_sources(research: Path) -> dict[str, dict[str, object]]:
    """sources-2.md §3: id, source, what it contains, reliability."""
    out = {}
    text = (research / "sources-2.md").read_text(encoding="utf-8")
    for key, place, contains, reliability in rows(section(text, "## 3.")):
        urls, rest = split_place(place)
        date = _ISO.search(place)
        out[key] = record(
            key,
            urls=urls,
            date=date[0] if date and urls else None,
            supports=f"{contains} (reliability: {reliability})",
            compiled_in="sources-2.md §3",
            note=rest,
        )
    return out


def answers(research: Path) -> dict[str, dict[str, object]]:
    """verification.md: each question, its answer and the pages it cites."""
    out = {}
    text = (research / "verification.md").read_text(encoding="utf-8")
    for match in re.finditer(r"^## (Q\d+)\. (.+)$", text, re.MULTILINE):
        lines = section(text, f"## {match[1]}.")
        body = "\n".join(lines)
        answer = body.split("**Answer.**", 1)[1].split("\n\n", 1)[0]
        out[f"V-{match[1]}"] = record(
            f"V-{match[1]}",
            title=match[2],
            urls=list(dict.fromkeys(_URL.findall(body))),
            supports=" ".join(_MARKUP.sub("", answer).split()) or match[2],
            compiled_in=f"verification.md {match[1]}",
        )
    return out


def full_texts(policy: Path) -> dict[str, dict[str, object]]:
    """The full texts: title and provenance from the file's header, date from its signature."""
    out = {}
    for ident, (file, found) in TEXTS.items():
        lines = (policy / "texts" / file).read_text(encoding="utf-8").splitlines()
        header = [line.removeprefix("#").strip() for line in lines if line.startswith("#")]
        signed = next(m for m in map(_CN_DATE.match, lines) if m)
        out[ident] = record(
            ident,
            title=header[0].split(" (", 1)[0],
            date=f"{signed[1]}-{int(signed[2]):02}-{int(signed[3]):02}",
            supports=header[0],
            compiled_in=f"sources-2.md §3 ({found})",
            note=" ".join(header[1:]),
        )
    return out


def cited() -> set[str]:
    """Every source id the package data cites (the source list itself aside)."""
    found: set[str] = set()
    for path in DATA.rglob("*"):
        if path.is_file() and path != OUT and path.suffix in {".json", ".csv"}:
            found.update(CITED.findall(path.read_text(encoding="utf-8")))
    return found


def _order(ident: str) -> tuple[int, int, str]:
    prefix, number, suffix = re.fullmatch(r"(\D+)(\d+)(\D*)", ident).groups()  # type: ignore[union-attr]
    return ("P-S", "C-S", "N", "V-Q", "T-").index(prefix), int(number), suffix


def build(policy: Path) -> str:
    """The JSON text of the cited sources, in namespace order."""
    research = policy / "research"
    known = {
        **policy_sources(research),
        **catalogue_sources(research),
        **new_sources(research),
        **answers(research),
        **full_texts(policy),
    }
    wanted = cited()
    missing = sorted(wanted - known.keys())
    if missing:
        sys.exit(f"cited but not in the research: {', '.join(missing)}")
    chosen = [known[i] for i in sorted(wanted, key=_order)]
    return json.dumps(chosen, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Write the file, or with ``--check`` exit 1 if it differs from a fresh build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    parser.add_argument("--policy", type=Path, default=POLICY, help="the policy reference folder")
    args = parser.parse_args()
    text = build(args.policy)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is out of date: run python scripts/build_sources.py")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
