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
import itertools
import json
import os
import stat
import sys
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, TypeVar

import shjzz
from shjzz._case import Case, compare, comparison_json, read_case
from shjzz._catalogue import CATALOGUES
from shjzz._convert import _INT_DIGITS, parse_decimal, parse_int, unique_keys
from shjzz._i18n import LANGS, Lang, locale_lang
from shjzz._limits import MAX_FILE_BYTES
from shjzz._months import parse_date
from shjzz._policy import amendments_on
from shjzz._progress import Progress
from shjzz._render import (
    render_catalogue,
    render_comparison,
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
from shjzz.errors import InvalidApplicant, PolicyNotInForce, Problem, ShjzzError

__all__ = [
    "catalogue_json",
    "lookup_json",
    "main",
    "policies_json",
]

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from shjzz import CatalogueListing, LookupResult, Policy, Worth

EXAMPLE_ON = _dt.date(2025, 3, 1)
"""The date ``--example`` is scored on by default, so its output stays the same."""
CASE_DIFFERS = 1
"""Exit status when a case file's result is not what its ``expect`` says."""
BAD_INPUT = 2
"""Exit status on bad input: a malformed file, option or argument."""
IO_ERROR = 74
"""Exit status when the output cannot be written (a full disk): ``EX_IOERR`` of sysexits.h."""
CLOSED_PIPE = 128 + 13
"""Exit status when the reader of the output went away: what a shell reports for SIGPIPE."""


class _UsageError(ShjzzError):
    """Bad command-line input."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    args_list = sys.argv[1:] if argv is None else list(argv)
    try:
        code = _main(args_list)
        sys.stdout.flush()
    except BrokenPipeError:
        return _closed_output()
    except OSError as exc:
        _err(f"shjzz: cannot write the output: {exc.strerror or exc}")
        _discard_output()
        return IO_ERROR
    return code


def _main(argv: list[str]) -> int:
    parser = _parser(json_errors=_asks_json(argv))
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except PolicyNotInForce as exc:
        pinned = PolicyNotInForce(exc.on, exc.first, exc.last, "--policy ID")
        _fail(args, render_error(pinned, _lang(args)), [])
        return BAD_INPUT
    except InvalidApplicant as exc:
        source = getattr(args, "file", None) or "example"
        lang = _lang(args)
        problems = [(f"{source}: {render_problem(p, lang)}", p) for p in exc.problems]
        _fail(args, str(exc), problems)
        return BAD_INPUT
    except ShjzzError as exc:
        _fail(args, render_error(exc, _lang(args)), [])
        return BAD_INPUT


def _fail(args: argparse.Namespace, message: str, problems: list[tuple[str, Problem]]) -> None:
    """Report an error: ``shjzz: …`` lines, or one JSON object with ``--format json``."""
    if getattr(args, "format", "text") == "json":
        _err(_compact(error_json(message, [p for _, p in problems])))
    elif problems:
        for line, _ in problems:
            _err(f"shjzz: {line}")
    else:
        _err(f"shjzz: {message}")


def error_json(message: str, problems: Sequence[Problem] = ()) -> dict[str, object]:
    """The JSON form of an error: what went wrong and, for an applicant, each problem."""
    return {
        "error": "invalid applicant" if problems else message,
        "problems": [
            {"path": p.path, "message": p.message, "candidates": list(p.candidates)}
            for p in problems
        ],
    }


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _closed_output() -> int:
    """The reader of standard output went away (``| head -1``): stop quietly, as ``cat`` does."""
    _discard_output()
    return CLOSED_PIPE


def _discard_output() -> None:
    """Point standard output at the null device, so the flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _err(text: str) -> None:
    with contextlib.suppress(OSError):
        print(_safe(text), file=sys.stderr, flush=True)


def _safe(text: str) -> str:
    """Text any terminal can print and none can disguise: see :func:`shjzz._text.neutral`."""
    return neutral(text)


_STATUS = """exit status:
  0    done{extra}
  2    bad input: a malformed file, option or argument (one line per problem on stderr,
       or one JSON object on stderr with --format json)
  74   the output could not be written (a full disk)
  141  the output was closed early (| head), quietly"""

_EXAMPLES = {
    "score": """examples:
  shjzz score --example
  shjzz score applicant.json --on 2025-03-01 --format json
  shjzz score case.json                  # a test-case file: checked against its expect
  shjzz score --jsonl applicants.jsonl > results.jsonl""",
    "policies": """examples:
  shjzz policies
  shjzz policies --format json""",
    "plan": """examples:
  shjzz plan --example
  shjzz plan applicant.json --target 120 --until 2027-12-31""",
    "diff": """examples:
  shjzz diff 2018 2023
  shjzz diff 2024-01-01 2025-06-01 --format json""",
    "schema": """examples:
  shjzz schema > applicant.schema.json""",
    "serve": """examples:
  shjzz serve --port 8000""",
    "lookup": """examples:
  shjzz lookup 电焊工
  shjzz lookup 中级工程师 --catalogue titles --on 2025-03-01""",
    "new": """examples:
  shjzz new > applicant.json              # Chinese placeholders
  shjzz new --lang en -o applicant.json   # refuses to overwrite an existing file""",
    "catalogue": """examples:
  shjzz catalogue skills
  shjzz catalogue areas --on 2025-03-01 --format json""",
}

_EXTRA_STATUS = {
    "score": "; 1 when a case file's result differs from its expect",
    "serve": " (the server stopped)",
}


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are JSON when the command line asks for JSON."""

    json_errors: bool = False
    """Set by :func:`_parser` when the command line asks for ``--format json``."""

    def error(self, message: str) -> typing.NoReturn:
        if self.json_errors:
            _err(_compact(error_json(f"{self.prog}: {message}")))
            self.exit(BAD_INPUT)
        super().error(message)


def _asks_json(argv: Sequence[str]) -> bool:
    """Whether *argv* asks for ``--format json`` (read before parsing, for parse errors)."""
    return any(
        a == "--format=json" or (a == "--format" and b == "json")
        for a, b in itertools.pairwise([*argv, ""])
    )


def _command(sub: Any, name: str, text: str) -> argparse.ArgumentParser:  # noqa: ANN401
    """A subcommand whose help ends with examples and its exit statuses."""
    status = _STATUS.format(extra=_EXTRA_STATUS.get(name, ""))
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=text,
        description=text,
        epilog=f"{_EXAMPLES[name]}\n\n{status}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _parser(*, json_errors: bool = False) -> argparse.ArgumentParser:  # noqa: PLR0915 - one block per command
    parser = _Parser(
        prog="shjzz",
        description="Shanghai residence-permit points (上海市居住证积分): every dated version, "
        "with reasons. Meets the 120-point standard is all it says: nothing about 户籍.",
        epilog="shjzz COMMAND --help shows a command's options, examples and exit statuses.\n\n"
        + _STATUS.format(extra=""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _command(sub, "score", "score an applicant file (JSON or TOML)")
    src = _input_options(p, f"score the embedded example (on {EXAMPLE_ON} unless --on is given)")
    src.add_argument(
        "--jsonl",
        metavar="FILE",
        help="score one applicant per line (- for stdin); one JSON result or error per line",
    )
    p.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="with --jsonl: worker processes (default: every core); the output is the same",
    )
    _date_option(p, "--on", "evaluation date, YYYY-MM-DD (default: today)")
    p.add_argument("--policy", metavar="ID", help="pin a version by id or date (default: in force)")
    _reading_option(p)
    _output_options(p)
    p.set_defaults(run=_score)

    p = _command(sub, "policies", "list the policy versions and dated amendments")
    _output_options(p)
    p.set_defaults(run=_policies)

    p = _command(sub, "plan", "when 120 is first met, and the levers that bring it closer")
    _input_options(p, f"plan for the embedded example (from {EXAMPLE_ON} unless --on is given)")
    _date_option(p, "--on", "start of the projection, YYYY-MM-DD (default: today)")
    p.add_argument(
        "--target",
        type=_target_arg,
        default=120,
        metavar="N",
        help="points to reach, a whole number ≥ 1 (default: 120)",
    )
    _date_option(p, "--until", "end of the projection (default: the last encoded day)")
    _reading_option(p)
    _output_options(p)
    p.set_defaults(run=_plan)

    p = _command(sub, "diff", "what changed between two versions or two dates")
    p.add_argument("a", metavar="A", help="a version id (2018) or a date (YYYY-MM-DD)")
    p.add_argument("b", metavar="B", help="a version id or a date")
    _output_options(p)
    p.set_defaults(run=_diff)

    p = _command(sub, "schema", "print the JSON Schema of the applicant file")
    p.set_defaults(run=_schema)

    p = _command(sub, "serve", "serve the HTTP API and the calculator page (shjzz[web])")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument(
        "--port", type=_port_arg, default=8000, help="port to listen on, 1-65535 (default: 8000)"
    )
    p.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let pages from ORIGIN (https://example.org) call the API; repeatable",
    )
    p.set_defaults(run=_serve)

    p = _command(sub, "lookup", "look a name up in the catalogues, with what each match is worth")
    p.add_argument("query", metavar="QUERY", type=_query_arg, help="a name, such as 电焊工")
    p.add_argument("--catalogue", metavar="NAME", help="one catalogue only (skills, titles, …)")
    _date_option(p, "--on", "date whose catalogue editions and points apply (default: today)")
    _output_options(p)
    p.set_defaults(run=_lookup)

    p = _command(
        sub, "catalogue", "list a catalogue's entries in force, with their points and conditions"
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
    p = _command(sub, "new", "write a starter applicant file, every field present (JSON)")
    p.add_argument(
        "--lang",
        choices=LANGS,
        default="zh",
        help="language of the placeholders (default: zh)",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (never overwritten), not stdout"
    )
    p.set_defaults(run=_new)

    for each in (parser, *sub.choices.values()):
        each.json_errors = json_errors
    return parser


def _whole(what: str, low: int, high: int | None = None, unit: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number from *low* to *high* (no bound if ``None``)."""

    def read(text: str) -> int:
        try:
            value = int(text, 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if value < low or (high is not None and value > high):
            bounds = f"{low}{unit} or more" if high is None else f"{low} to {high}"
            raise argparse.ArgumentTypeError(f"must be {bounds}, got {value}")
        return value

    return read


_target_arg = _whole("a whole number of points", 1, unit=" point")
_port_arg = _whole("a port number", 1, 65535)


def _query_arg(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty: give a name, such as 电焊工")
    return text


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return f"shjzz {version('shjzz')}"
    except PackageNotFoundError:
        return "shjzz (not installed)"


def _input_options(p: argparse.ArgumentParser, example: str) -> argparse._MutuallyExclusiveGroup:
    """FILE or ``--example``, one of them required; the group, for more sources."""
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("file", nargs="?", metavar="FILE", help="applicant file, or - for stdin")
    src.add_argument("--example", action="store_true", help=example)
    return src


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


def _readings(args: argparse.Namespace, case: Case) -> dict[str, str]:
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
    if args.jobs is not None:
        raise _UsageError("--jobs applies to --jsonl only")
    case = _input(args)
    applicant = shjzz.load_applicant(case.applicant)
    result = shjzz.score(
        applicant,
        on=args.on or case.on,
        policy=args.policy or case.policy,
        readings=_readings(args, case),
        lang=_lang(args),
    )
    lang = _lang(args)
    if case.expect is None:
        _emit(args, result, shjzz.unstructure, lambda r: render_result(r, lang))
        return 0
    comparison = compare(case.expect, result)
    if args.format == "json":
        _print_json({**shjzz.unstructure(result), "case": comparison_json(comparison)})
    else:
        print(_safe(f"{render_result(result, lang)}\n{render_comparison(comparison, lang)}"))
    return 0 if comparison.matches else CASE_DIFFERS


def _input(args: argparse.Namespace) -> Case:
    """The applicant file or case file named on the command line, or the embedded example."""
    if args.example:
        return Case(_example(), EXAMPLE_ON)
    return read_case(_read(args.file), "stdin" if args.file == "-" else args.file)


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


def _score_jsonl(args: argparse.Namespace) -> int:
    from shjzz._bulk import stream_jsonl  # noqa: PLC0415

    source = _stdin_bytes() if args.jsonl == "-" else _open(args.jsonl)
    shjzz.lookup("焊工")  # load the rules and catalogues, then keep the collector off them
    gc.freeze()  # and the workers, forked from here, share them untouched
    with contextlib.closing(source):
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None) or _TextSink(sys.stdout)
        chunks = _chunks(source)
        progress = Progress(sys.stderr, source.size()) if sys.stderr.isatty() else None
        failed = stream_jsonl(
            chunks if progress is None else progress.counted(chunks),
            out,
            on=args.on,
            policy=args.policy,
            readings=dict(args.reading),
            jobs=args.jobs or _cores(),
            progress=progress,
        )
        if progress is not None:
            progress.finish()
    if failed:
        _err(f"shjzz: {args.jsonl}: {failed} line(s) failed; see their error objects")
        return BAD_INPUT
    return 0


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes, 1 or more: {text!r}")
    return jobs


def _cores() -> int:
    """The cores this process may run on (all of the machine's where that is not known)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


class _TextSink:
    """UTF-8 bytes written to a text stream that has no byte buffer (``redirect_stdout``)."""

    def __init__(self, text: TextIO) -> None:
        self.text = text

    def write(self, data: bytes, /) -> object:
        return self.text.write(data.decode())


_CHUNK = 1 << 16
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
"""Open without waiting for a FIFO's writer (POSIX; elsewhere a plain open)."""


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

    def size(self) -> int | None:
        """The input's size in bytes if it is a regular file, else None (a pipe, a terminal)."""
        try:
            info = os.fstat(self.raw.fileno())
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            return None
        return info.st_size if stat.S_ISREG(info.st_mode) else None

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
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except OSError as exc:
        raise _UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        raw = os.fdopen(fd, "rb", buffering=0)
    except OSError as exc:  # a directory
        os.close(fd)
        raise _UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        head = _first_bytes(fd, path)
    except BaseException:
        raw.close()
        raise
    return _Input(raw, head)


def _first_bytes(fd: int, path: str) -> bytes:
    """For a FIFO, the bytes read to find whether it has a writer; then *fd* blocks."""
    head = b""
    if stat.S_ISFIFO(os.fstat(fd).st_mode):
        try:
            head = os.read(fd, _CHUNK)
        except BlockingIOError:  # a writer is there, nothing written yet
            pass
        else:
            if not head:
                raise _UsageError(f"{path}: a FIFO nothing is writing to")
    if _NONBLOCK:
        os.set_blocking(fd, True)
    return head


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
            text,
            parse_float=parse_decimal,
            parse_int=parse_int,
            parse_constant=_no_constant,
            object_pairs_hook=unique_keys,
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

    case = _input(args)
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


# --- new -----------------------------------------------------------------------------


def _new(args: argparse.Namespace) -> int:
    from shjzz._starter import starter_text  # noqa: PLC0415

    content = starter_text(args.lang)
    if args.output is None:
        print(content, end="")
        return 0
    try:
        with open(args.output, "x", encoding="utf-8") as f:  # noqa: PTH123 - the user's path
            f.write(content)
    except FileExistsError:
        raise _UsageError(f"{args.output}: exists already; shjzz new never overwrites") from None
    except OSError as exc:
        raise _UsageError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
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
