"""The ``shjzz`` command: score applicant files, list policy versions, look names up.

Exit status: 0 with a result, 2 on bad input (each problem on stderr as one
``path: message`` line), never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import functools
import gc
import importlib.util
import io
import json
import os
import stat
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, TypeVar

import shjzz
from shjzz._catalogue import CATALOGUES
from shjzz._convert import _INT_DIGITS, parse_decimal, parse_int
from shjzz._i18n import LANGS, Lang, locale_lang
from shjzz._limits import MAX_FILE_BYTES
from shjzz._months import parse_date
from shjzz._policy import amendments_on
from shjzz._render import (
    render_catalogue,
    render_diff,
    render_error,
    render_lookup,
    render_plan,
    render_policies,
    render_problem,
    render_result,
)
from shjzz._resources import read_text
from shjzz._text import neutral
from shjzz.errors import InvalidApplicant, ShjzzError

__all__ = [
    "catalogue_json",
    "lookup_json",
    "main",
    "policies_json",
]

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from shjzz import CatalogueListing, LookupResult, Policy, ScoreResult, Worth

EXAMPLE_ON = _dt.date(2025, 3, 1)
"""The date ``--example`` is scored on by default, so its output stays the same."""
_BAD_INPUT = 2


class _UsageError(ShjzzError):
    """Bad command-line input."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except InvalidApplicant as exc:
        source = getattr(args, "file", None) or "example"
        for problem in exc.problems:
            _err(f"shjzz: {source}: {render_problem(problem, _lang(args))}")
        return _BAD_INPUT
    except ShjzzError as exc:
        _err(f"shjzz: {render_error(exc, _lang(args))}")
        return _BAD_INPUT


def _err(text: str) -> None:
    print(_safe(text), file=sys.stderr)


def _safe(text: str) -> str:
    """Text any terminal can print and none can disguise: see :func:`shjzz._text.neutral`."""
    return neutral(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shjzz",
        description="Shanghai residence-permit points (上海市居住证积分): every dated version, "
        "with reasons. Meets the 120-point standard is all it says: nothing about 户籍.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("score", help="score an applicant file (JSON or TOML)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("file", nargs="?", metavar="FILE", help="applicant file, or - for stdin")
    src.add_argument(
        "--example",
        action="store_true",
        help=f"score the embedded example (on {EXAMPLE_ON} unless --on is given)",
    )
    src.add_argument(
        "--jsonl",
        metavar="FILE",
        help="score one applicant per line (- for stdin); one JSON result or error per line",
    )
    _date_option(p, "--on", "evaluation date, YYYY-MM-DD (default: today)")
    p.add_argument("--policy", metavar="ID", help="pin a version by id or date (default: in force)")
    _reading_option(p)
    _output_options(p)
    p.set_defaults(run=_score)

    p = sub.add_parser("policies", help="list the policy versions and dated amendments")
    _output_options(p)
    p.set_defaults(run=_policies)

    p = sub.add_parser("plan", help="when 120 is first met, and the levers that bring it closer")
    p.add_argument("file", metavar="FILE", help="applicant file, or - for stdin")
    _date_option(p, "--on", "start of the projection, YYYY-MM-DD (default: today)")
    p.add_argument("--target", type=int, default=120, help="points to reach (default: 120)")
    _date_option(p, "--until", "end of the projection (default: the last encoded day)")
    _reading_option(p)
    _output_options(p)
    p.set_defaults(run=_plan)

    p = sub.add_parser("diff", help="what changed between two versions or two dates")
    p.add_argument("a", metavar="A", help="a version id (2018) or a date (YYYY-MM-DD)")
    p.add_argument("b", metavar="B", help="a version id or a date")
    _output_options(p)
    p.set_defaults(run=_diff)

    p = sub.add_parser("schema", help="print the JSON Schema of the applicant file")
    p.set_defaults(run=_schema)

    p = sub.add_parser("serve", help="serve the HTTP API and the calculator page (shjzz[web])")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let pages from ORIGIN (https://example.org) call the API; repeatable",
    )
    p.set_defaults(run=_serve)

    p = sub.add_parser(
        "lookup", help="look a name up in the catalogues, with what each match is worth"
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--catalogue", metavar="NAME", help="one catalogue only (skills, titles, …)")
    _date_option(p, "--on", "date whose catalogue editions and points apply (default: today)")
    _output_options(p)
    p.set_defaults(run=_lookup)

    p = sub.add_parser(
        "catalogue", help="list a catalogue's entries in force, with their points and conditions"
    )
    p.add_argument(
        "name",
        metavar="NAME",
        choices=CATALOGUES,
        help=", ".join(CATALOGUES),
    )
    _date_option(p, "--on", "date whose edition and points apply (default: today)")
    _output_options(p)
    p.set_defaults(run=_catalogue)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return f"shjzz {version('shjzz')}"
    except PackageNotFoundError:
        return "shjzz (not installed)"


def _date_option(p: argparse.ArgumentParser, flag: str, text: str) -> None:
    p.add_argument(flag, type=_date_arg, metavar="YYYY-MM-DD", help=text)


def _reading_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--reading",
        action="append",
        type=_reading_arg,
        default=[],
        metavar="ID=CHOICE",
        help="choose an alternative reading of an open rule: R-3=continuous, R-4=strict or "
        "R-6=as-title (repeatable; an unknown one lists the valid choices)",
    )


def _reading_arg(text: str) -> tuple[str, str]:
    rid, sep, choice = text.partition("=")
    if not sep or not rid or not choice:
        raise argparse.ArgumentTypeError(f"write a reading as ID=CHOICE (R-4=strict), got {text!r}")
    return rid.strip(), choice.strip()


def _readings(args: argparse.Namespace, case: _Case) -> dict[str, str]:
    """The case file's readings, then the command line's (which win)."""
    return {**case.readings, **dict(args.reading)}


def _format_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def _output_options(p: argparse.ArgumentParser) -> None:
    """``--format`` and ``--lang``: the options of a command that prints texts."""
    _format_option(p)
    p.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="language of the texts (default: from LC_ALL, LC_MESSAGES or LANG; else zh)",
    )


def _lang(args: argparse.Namespace) -> Lang:
    lang: Lang | None = getattr(args, "lang", None)
    return lang if lang is not None else locale_lang()


def _date_arg(text: str) -> _dt.date:
    try:
        return _date(text)
    except _UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date(text: str) -> _dt.date:
    try:
        day = parse_date(text)
    except ValueError:
        raise _UsageError(f"not a calendar date: {text!r}") from None
    if day is None:
        raise _UsageError(f"not a date written YYYY-MM-DD: {text!r}")
    return day


# --- score ---------------------------------------------------------------------------


def _score(args: argparse.Namespace) -> int:
    if args.jsonl is not None:
        return _score_jsonl(args)
    case = _Case.read(_example() if args.example else _read(args.file))
    if args.example:
        case.on = EXAMPLE_ON
    applicant = shjzz.load_applicant(case.applicant)
    result = shjzz.score(
        applicant,
        on=args.on or case.on,
        policy=args.policy or case.policy,
        readings=_readings(args, case),
        lang=_lang(args),
    )
    _emit(args, result, shjzz.unstructure, lambda r: render_result(r, _lang(args)))
    if args.format == "text" and case.expect is not None:
        print(_safe(case.check(result)))
    return 0


def _emit(
    args: argparse.Namespace,
    result: T,
    as_json: Callable[[T], object],
    as_text: Callable[[T], str],
) -> None:
    """Print *result* in the format asked for."""
    if args.format == "json":
        _print_json(as_json(result))
    else:
        print(_safe(as_text(result)))


class _Case:
    """An applicant file, or a test case wrapping one (``{"applicant": …, "on": …}``).

    A case gives the evaluation date and pinned version to use when the
    command line does not, and what the result should be.
    """

    KEYS = frozenset({"note", "on", "policy", "readings", "applicant", "expect"})

    def __init__(
        self,
        applicant: object,
        on: _dt.date | None,
        policy: str | None,
        expect: object,
        readings: dict[str, str] | None = None,
    ) -> None:
        self.applicant = applicant
        self.on = on
        self.policy = policy
        self.expect = expect
        self.readings = readings or {}

    @classmethod
    def read(cls, data: object) -> _Case:
        if not isinstance(data, dict) or "applicant" not in data or "birth_date" in data:
            return cls(data, None, None, None)
        unknown = sorted(set(data) - cls.KEYS)
        if unknown:
            raise _UsageError(
                f"a case file has only {', '.join(sorted(cls.KEYS))}; got {unknown[0]!r}"
            )
        on = data.get("on")
        if on is not None and not isinstance(on, str):
            raise _UsageError(f"case on: must be a date written YYYY-MM-DD, got {on!r}")
        policy = data.get("policy")
        if policy is not None and not isinstance(policy, str):
            raise _UsageError(f"case policy: must be a version id, got {policy!r}")
        readings = data.get("readings") or {}
        if not isinstance(readings, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in readings.items()
        ):
            raise _UsageError(
                f"case readings: must map reading ids to choices, such as "
                f'{{"R-4": "strict"}}; got {readings!r}'
            )
        on_day = _date(on) if on else None
        return cls(data["applicant"], on_day, policy, data.get("expect"), readings)

    def check(self, result: ScoreResult) -> str:
        """One line: whether *result* is what the case expects."""
        expect = self.expect if isinstance(self.expect, dict) else {}
        got = {
            "policy": result.policy,
            "total": result.total,
            "meets_standard": result.meets_standard,
            "eligible": result.eligible,
            "vetoed": result.vetoed,
            "points": result.points,
        }
        wrong = [key for key in got if key in expect and expect[key] != got[key]]
        if not wrong:
            return "case: the result is as the case expects"
        return "case: differs from what the case expects in " + ", ".join(wrong)


def _score_jsonl(args: argparse.Namespace) -> int:
    from shjzz._bulk import stream_jsonl  # noqa: PLC0415

    source = _stdin_bytes() if args.jsonl == "-" else _open(args.jsonl)
    shjzz.lookup("焊工")  # load the rules and catalogues, then keep the collector off them
    gc.freeze()
    with contextlib.closing(source):
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None) or _TextSink(sys.stdout)
        failed = stream_jsonl(
            _chunks(source), out, on=args.on, policy=args.policy, readings=dict(args.reading)
        )
    if failed:
        _err(f"shjzz: {args.jsonl}: {failed} line(s) failed; see their error objects")
        return _BAD_INPUT
    return 0


class _TextSink:
    """UTF-8 bytes written to a text stream that has no byte buffer (``redirect_stdout``)."""

    def __init__(self, text: TextIO) -> None:
        self.text = text

    def write(self, data: bytes, /) -> object:
        return self.text.write(data.decode())


_CHUNK = 1 << 16


class _Input:
    """A binary input, with the bytes already read to check it (a FIFO) given back first."""

    def __init__(self, raw: BinaryIO, head: bytes = b"") -> None:
        self.raw = raw
        self.head = head

    def read(self, size: int) -> bytes:
        head, self.head = self.head, b""
        if head:
            return head
        reader = getattr(self.raw, "read1", self.raw.read)
        data = reader(size)
        return data.encode() if isinstance(data, str) else data

    def close(self) -> None:
        self.raw.close()


def _chunks(source: _Input) -> Iterator[bytes]:
    return iter(functools.partial(source.read, _CHUNK), b"")


def _stdin_bytes() -> _Input:
    """Standard input as bytes (its text, UTF-8 encoded, if it has no byte buffer)."""
    return _Input(getattr(sys.stdin, "buffer", None) or sys.stdin)  # type: ignore[arg-type]


def _open(path: str) -> _Input:
    """*path* opened for reading without waiting on it.

    A FIFO nothing writes to would block forever: it is refused.  A FIFO with
    a writer, or a pipe (``<(…)``), is read as a stream.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    raw = os.fdopen(fd, "rb", buffering=0)
    head = b""
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            try:
                head = os.read(fd, _CHUNK)
            except BlockingIOError:  # a writer is there, nothing written yet
                pass
            else:
                if not head:
                    raise _UsageError(f"{path}: a FIFO nothing is writing to")
        os.set_blocking(fd, True)
    except BaseException:
        raw.close()
        raise
    return _Input(raw, head)


def _example() -> Any:  # noqa: ANN401 - JSON data
    return json.loads(read_text("example.json"), parse_float=Decimal)


def _read(path: str) -> Any:  # noqa: ANN401 - JSON data
    """Read an applicant file: JSON, or TOML by its ``.toml`` suffix."""
    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            with contextlib.closing(_open(path)) as f:
                raw = _read_upto(f, MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _UsageError(f"{path}: larger than {MAX_FILE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _UsageError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if path.endswith(".toml"):
        return _toml(path, text)
    try:
        return json.loads(
            text, parse_float=parse_decimal, parse_int=parse_int, parse_constant=_no_constant
        )
    except json.JSONDecodeError as exc:
        raise _UsageError(
            f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise _UsageError(f"{path}: JSON nested too deeply") from None
    except ValueError as exc:
        raise _UsageError(f"{path}: not valid JSON: {exc}") from None


def _read_upto(source: _Input, size: int) -> bytes:
    """Up to *size* bytes, however the input hands them out."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        data = source.read(size - got)
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number shjzz accepts")


def _toml(path: str, text: str) -> Any:  # noqa: ANN401 - TOML data
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415

        try:
            return tomllib.loads(text, parse_float=parse_decimal)
        except tomllib.TOMLDecodeError as exc:
            raise _UsageError(f"{path}: not valid TOML: {exc}") from None
        except ValueError:  # an integer of more digits than Python converts
            raise _UsageError(
                f"{path}: not valid TOML: an integer has more than {_INT_DIGITS:,} digits"
            ) from None
        except RecursionError:
            raise _UsageError(f"{path}: TOML nested too deeply") from None
    raise _UsageError(f"{path}: reading TOML needs Python 3.11 or later")


def _print_json(data: object) -> None:
    print(_safe(json.dumps(data, ensure_ascii=False, indent=2)))


# --- policies ------------------------------------------------------------------------


def _policies(args: argparse.Namespace) -> int:
    if args.format == "json":
        _print_json(policies_json())
        return 0
    print(_safe(render_policies(_lang(args))))
    return 0


def policies_json() -> dict[str, object]:
    """The JSON form of the policy list: the versions and the dated amendments."""
    return {
        "versions": [_policy_summary(p) for p in shjzz.policies()],
        "amendments": [shjzz.unstructure(a) for a in shjzz.amendments()],
    }


def _policy_summary(p: Policy) -> dict[str, object]:
    return {
        "id": p.id,
        "title": p.title,
        "document": p.document,
        "document_certainty": p.document_certainty,
        "implementing_rules": p.implementing_rules,
        "valid_from": p.valid_from.isoformat(),
        "valid_until": p.valid_until.isoformat(),
        "last_day": (p.valid_until - _dt.timedelta(days=1)).isoformat(),
        "certainty": p.certainty,
        "standard": p.standard,
        "indicators": list(p.indicator_ids),
        "amendments": [a.id for a in amendments_on(p.valid_until - _dt.timedelta(days=1))],
        "note": p.note,
    }


# --- plan and diff -------------------------------------------------------------------


def _plan(args: argparse.Namespace) -> int:
    from shjzz._plan import plan_json  # noqa: PLC0415

    case = _Case.read(_read(args.file))
    applicant = shjzz.load_applicant(case.applicant)
    result = shjzz.plan(
        applicant,
        on=args.on or case.on,
        target=args.target,
        until=args.until,
        readings=_readings(args, case),
        lang=_lang(args),
    )
    _emit(args, result, lambda p: plan_json(p, _lang(args)), lambda p: render_plan(p, _lang(args)))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from shjzz._diff import diff_json  # noqa: PLC0415

    lang = _lang(args)
    _emit(args, shjzz.diff(args.a, args.b, lang=lang), diff_json, lambda d: render_diff(d, lang))
    return 0


# --- schema --------------------------------------------------------------------------


def _schema(_args: argparse.Namespace) -> int:
    print(read_text("applicant.schema.json"), end="")
    return 0


# --- serve ---------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    missing = [name for name in _WEB_STACK if importlib.util.find_spec(name) is None]
    if missing:
        raise _UsageError(
            f"serve needs the web extra ({', '.join(missing)} not installed): "
            "pip install 'shjzz[web]'"
        )
    from shjzz.web import serve  # noqa: PLC0415 - the web extra is optional

    print(f"shjzz: serving on http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    serve(args.host, args.port, cors_origins=args.cors_origin)
    return 0


_WEB_STACK = ("starlette", "uvicorn")
"""What ``shjzz[web]`` installs; ``serve`` names whichever is missing."""


# --- lookup --------------------------------------------------------------------------


def _lookup(args: argparse.Namespace) -> int:
    lang = _lang(args)
    result = shjzz.lookup(args.query, catalogue=args.catalogue, on=args.on, lang=lang)
    worths = _worths(result, args.on, lang)
    _emit(
        args,
        result,
        lambda r: lookup_json(r, worths),
        lambda r: render_lookup(r, worths, lang),
    )
    return 0


def _worths(result: LookupResult, on: _dt.date | None, lang: Lang) -> tuple[Worth, ...] | None:
    """What each match is worth on *on*, or ``None`` if no version is in force then."""
    try:
        return tuple(shjzz.worth(m, on=on, lang=lang) for m in result.matches)
    except shjzz.errors.PolicyNotInForce:
        return None


def lookup_json(result: LookupResult, worths: Sequence[Worth] | None = None) -> dict[str, object]:
    """The JSON form of a lookup: query, matches (with their worth if given), ambiguous."""
    matches = []
    for i, m in enumerate(result.matches):
        shown: dict[str, object] = {
            "catalogue": m.catalogue,
            "name": m.name,
            "score": round(m.score, 4),
            "how": m.how,
            "confident": m.confident,
            "level": m.level,
            "status": m.status,
            "note": m.note,
        }
        if worths is not None:
            shown["worth"] = worth_json(worths[i])
        matches.append(shown)
    return {
        "query": result.query,
        "matches": matches,
        "ambiguous": result.ambiguous,
        "answer": result.answer,
        "hint": result.hint,
    }


def worth_json(worth: Worth) -> dict[str, object]:
    """The JSON form of what an entry is worth."""
    return {
        "policy": worth.policy,
        "points": worth.points,
        "by_level": {str(n): p for n, p in worth.by_level.items()} or None,
        "per_year": worth.per_year,
        "conditions": list(worth.conditions),
        "reason": worth.reason,
    }


# --- catalogue -----------------------------------------------------------------------


def _catalogue(args: argparse.Namespace) -> int:
    lang = _lang(args)
    listing = shjzz.catalogue(args.name, on=args.on, lang=lang)
    _emit(args, listing, catalogue_json, lambda r: render_catalogue(r, lang))
    return 0


def catalogue_json(listing: CatalogueListing) -> dict[str, object]:
    """The JSON form of a catalogue listing: the edition, then each entry with its worth."""
    return {
        "catalogue": listing.catalogue,
        "on": listing.on.isoformat(),
        "policy": listing.policy,
        "edition": listing.edition,
        "effective": listing.effective.isoformat(),
        "complete": listing.complete,
        "completeness": listing.completeness,
        "sources": listing.sources,
        "note": listing.note,
        "entries": [
            {
                "number": item.entry.number,
                "name": item.entry.name,
                "alternates": list(item.entry.alternates),
                "aliases": list(item.aliases),
                "code": item.entry.code,
                "grade": item.entry.grade,
                "series": list(item.entry.series),
                "valid_from": _iso(item.entry.valid_from),
                "valid_until": _iso(item.entry.valid_until),
                "counts_after_years": item.entry.counts_after_years,
                "worth": worth_json(item.worth),
            }
            for item in listing.entries
        ],
    }


def _iso(day: _dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
