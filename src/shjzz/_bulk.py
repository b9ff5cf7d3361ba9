"""Scoring many applicants: ``score_many`` and the JSON Lines stream behind ``--jsonl``.

A bad applicant never stops a batch: its error takes its place in the output.
Results are written as compact JSON with the same keys, in the same order, as
:func:`shjzz.unstructure` gives; 0-point items shared between results are
encoded once.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Protocol

from shjzz._applicant import Applicant
from shjzz._args import as_date, as_iterable
from shjzz._convert import load_applicant, parse_decimal, parse_int, unique_keys, unstructure
from shjzz._limits import MAX_FILE_BYTES
from shjzz._policy import Policy, choose, policy_on
from shjzz._policy import policy as policy_by
from shjzz._score import score
from shjzz.errors import InvalidApplicant, ShjzzError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from shjzz._result import Alternative, Basis, LineItem, ScoreResult

_CACHE_LIMIT = 4096
_CACHED_BYTES = 1024
"""Longer encoded items (long details) are not kept: the cache stays small."""


def score_many(
    applicants: Iterable[Applicant | Mapping[str, object]],
    *,
    on: _dt.date | None = None,
    policy: str | _dt.date | Policy | None = None,
    readings: Mapping[str, str] | None = None,
) -> Iterator[ScoreResult | ShjzzError]:
    """Score each applicant (an :class:`~shjzz.Applicant` or applicant-file data) in turn.

    Yields one item per applicant, in order: its :class:`~shjzz.ScoreResult`,
    or the :class:`~shjzz.errors.ShjzzError` that refused it (never raised,
    so one bad applicant does not stop the batch).  *on* defaults to today,
    taken once for the whole batch; *policy* and *readings* as for
    :func:`shjzz.score`.  Bad arguments are not a problem of one applicant: an
    unknown *policy* or reading, or a date no version covers when none is
    pinned, raises here, at the call.
    """
    day = _dt.date.today() if on is None else as_date(on, "on")  # noqa: DTZ011 - the caller's day
    pinned = _pin(policy)
    if pinned is None:
        policy_on(day)
    return _score_each(as_iterable(applicants, "applicants"), day, pinned, choose(readings))


def _score_each(
    applicants: Iterable[object],
    day: _dt.date,
    pinned: Policy | None,
    readings: Mapping[str, str],
) -> Iterator[ScoreResult | ShjzzError]:
    for item in applicants:
        try:
            applicant = item if isinstance(item, Applicant) else load_applicant(item)
            yield score(applicant, on=day, policy=pinned, readings=readings)
        except ShjzzError as exc:  # noqa: PERF203 - one bad applicant must not stop the batch
            yield exc


def _pin(policy: str | _dt.date | Policy | None) -> Policy | None:
    return policy if policy is None or isinstance(policy, Policy) else policy_by(policy)


class ByteSink(Protocol):
    """Anything with ``write(bytes)``: a binary file, ``sys.stdout.buffer``, a BytesIO."""

    def write(self, data: bytes, /) -> object:
        """Take *data*, UTF-8 encoded."""


def stream_jsonl(
    source: Iterable[bytes],
    out: ByteSink,
    *,
    on: _dt.date | None = None,
    policy: str | _dt.date | None = None,
    readings: Mapping[str, str] | None = None,
) -> int:
    r"""Score one applicant per input line; write one JSON result (or error) per line.

    *source* gives the input's bytes in chunks split anywhere; lines end at
    ``\n`` only (``\r`` is JSON whitespace).  *out* takes UTF-8 bytes.  Blank
    lines (JSON whitespace only) are skipped.  A line that is not an applicant
    (not UTF-8, longer than ``MAX_FILE_BYTES`` bytes, not JSON, not valid) gives
    ``{"line": N, "error": …, "problems": […]}`` and the run goes on.
    Returns the number of lines that failed.
    """
    day = on or _dt.date.today()  # noqa: DTZ011 - the caller's calendar date
    pinned = _pin(policy)
    choices = choose(readings)
    encoder = ResultEncoder()
    failed = 0
    write = out.write
    for number, line in enumerate(read_lines(source, MAX_FILE_BYTES), 1):
        if line is not None and not line.strip(_JSON_SPACE):
            continue
        try:
            data = _parse_line(line, first=number == 1)
            result = score(load_applicant(data), on=day, policy=pinned, readings=choices)
        except ShjzzError as exc:
            failed += 1
            write(_error_json(number, exc).encode() + b"\n")
        else:
            write(encoder.encode(result) + b"\n")
    return failed


_JSON_SPACE = b" \t\r\n"
_BOM = b"\xef\xbb\xbf"


def read_lines(chunks: Iterable[bytes], limit: int) -> Iterator[bytes | None]:
    r"""The lines of a byte stream, split on ``\n`` only, without it.

    ``None`` stands for a line longer than *limit* bytes: it is given as soon as
    the limit is passed and the rest of the line is read and dropped, so memory
    stays within *limit* whatever the input (a stream with no newline at all).
    """
    pending = b""
    dropping = False
    for chunk in chunks:
        parts = chunk.split(b"\n")
        for part in parts[:-1]:
            if dropping:
                dropping = False
            else:
                line = pending + part if pending else part
                yield line if len(line) <= limit else None
            pending = b""
        if not dropping:
            pending += parts[-1]
            if len(pending) > limit:
                yield None
                pending, dropping = b"", True
    if pending:
        yield pending


class _BadLine(ShjzzError):
    """A line that is not one JSON object."""


def _parse_line(line: bytes | None, *, first: bool) -> object:
    if line is None:
        raise _BadLine(f"line longer than {MAX_FILE_BYTES:,} bytes")
    if first and line.startswith(_BOM):
        line = line[len(_BOM) :]
    try:
        text = line.decode()
    except UnicodeDecodeError as exc:
        raise _BadLine(f"not UTF-8 text (byte {exc.start + 1} of the line)") from None
    try:
        return _DECODER.decode(text)
    except RecursionError:
        raise _BadLine("JSON nested too deeply") from None
    except ValueError as exc:
        raise _BadLine(f"not valid JSON: {exc}") from None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number shjzz accepts")


_DECODER = json.JSONDecoder(
    parse_float=parse_decimal,
    parse_int=parse_int,
    parse_constant=_no_constant,
    object_pairs_hook=unique_keys,
)


def _error_json(number: int, exc: ShjzzError) -> str:
    problems = exc.problems if isinstance(exc, InvalidApplicant) else ()
    return json.dumps(
        {
            "line": number,
            "error": "invalid applicant" if problems else str(exc),
            "problems": [
                {"path": p.path, "message": p.message, "candidates": list(p.candidates)}
                for p in problems
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


class ResultEncoder:
    """Compact UTF-8 JSON for results, with the keys and order of :func:`shjzz.unstructure`."""

    def __init__(self) -> None:
        """Start with empty caches of encoded items, bases and headers."""
        self._items: dict[int, tuple[LineItem, bytes]] = {}
        self._bases: dict[int, tuple[Basis, str]] = {}
        self._heads: dict[tuple[str, tuple[str, ...], _dt.date], bytes] = {}
        self._readings: dict[tuple[tuple[str, str], ...], bytes] = {}

    def encode(self, r: ScoreResult) -> bytes:
        """One result as one line of JSON (without the newline)."""
        cache = self._items
        parts = []
        for it in r.items:
            known = cache.get(id(it))
            parts.append(known[1] if known is not None and known[0] is it else self._item(it))
        head = self._heads.get((r.policy, r.amendments, r.on))
        if head is None:
            head = self._heads[r.policy, r.amendments, r.on] = (
                f'{{"policy":{encode_basestring(r.policy)},'
                f'"amendments":[{",".join(map(encode_basestring, r.amendments))}],'
                f'"on":"{r.on.isoformat()}","total":'
            ).encode()
        warnings = ",".join(map(encode_basestring, r.warnings)).encode() if r.warnings else b""
        return b"".join(
            (
                head,
                b'%d,"standard":%d,"meets_standard":%s,"eligible":%s,"vetoed":%s,"items":['
                % (
                    r.total,
                    r.standard,
                    _BOOL[r.meets_standard],
                    _BOOL[r.eligible],
                    _BOOL[r.vetoed],
                ),
                b",".join(parts),
                b'],"warnings":[',
                warnings,
                b'],"readings":',
                self._choices(r.readings),
                b',"alternatives":',
                _alternatives(r.alternatives) if r.alternatives else b"[]",
                b"}",
            )
        )

    def _choices(self, readings: Mapping[str, str]) -> bytes:
        key = tuple(readings.items())
        known = self._readings.get(key)
        if known is None:
            known = self._readings[key] = _compact(dict(readings)).encode()
        return known

    def _item(self, it: LineItem) -> bytes:
        data = (
            f'{{"indicator":"{it.indicator}","name":"{it.name}","points":{it.points},'
            f'"counted":{_bool(it.counted)},"detail":{encode_basestring(it.detail)},'
            f'"basis":{self._basis(it.basis)},"capped":{_bool(it.capped)}}}'
        ).encode()
        if len(data) <= _CACHED_BYTES:
            if len(self._items) >= _CACHE_LIMIT:
                self._items.clear()
            self._items[id(it)] = (it, data)
        return data

    def _basis(self, b: Basis) -> str:
        known = self._bases.get(id(b))
        if known is not None and known[0] is b:
            return known[1]
        text = json.dumps(
            {
                "document": b.document,
                "article": b.article,
                "certainty": b.certainty,
                "reading": b.reading,
                "quote": b.quote,
                "sources": b.sources,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        self._bases[id(b)] = (b, text)
        return text


def _alternatives(alternatives: tuple[Alternative, ...]) -> bytes:
    return _compact(unstructure(alternatives)).encode()


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_BOOL = {True: b"true", False: b"false"}


def _bool(value: bool) -> str:
    return "true" if value else "false"
