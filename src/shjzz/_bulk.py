"""Scoring many applicants: ``score_many`` and the JSON Lines stream behind ``--jsonl``.

A bad applicant never stops a batch: its error takes its place in the output.
Results are written as compact JSON with the same keys, in the same order, as
:func:`shjzz.unstructure` gives; 0-point items shared between results are
encoded once.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import json
import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Protocol, TypeVar

from shjzz._applicant import Applicant
from shjzz._args import as_date, as_iterable
from shjzz._convert import load_applicant, parse_decimal, parse_int, unique_keys, unstructure
from shjzz._limits import MAX_FILE_BYTES
from shjzz._policy import Policy, choose, policy_on
from shjzz._policy import policy as policy_by
from shjzz._score import score
from shjzz.errors import InvalidApplicant, InvalidArgument, ShjzzError

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
    jobs: int = 1,
) -> Iterator[ScoreResult | ShjzzError]:
    """Score each applicant (an :class:`~shjzz.Applicant` or applicant-file data) in turn.

    Yields one item per applicant, in order: its :class:`~shjzz.ScoreResult`,
    or the :class:`~shjzz.errors.ShjzzError` that refused it (never raised,
    so one bad applicant does not stop the batch).  *on* defaults to today,
    taken once for the whole batch; *policy* and *readings* as for
    :func:`shjzz.score`.  *jobs* above 1 scores in that many worker
    processes, a batch of applicants at a time, and yields the same items in
    the same order (each applicant and result is pickled on the way).  Bad
    arguments are not a problem of one applicant: an unknown *policy* or
    reading, a date no version covers when none is pinned, or *jobs* below 1
    raises here, at the call.
    """
    day = _dt.date.today() if on is None else as_date(on, "on")  # noqa: DTZ011 - the caller's day
    pinned = _pin(policy)
    if pinned is None:
        policy_on(day)
    setting = (day, pinned, choose(readings))
    items = as_iterable(applicants, "applicants")
    if check_jobs(jobs) == 1:
        return _score_each(items, setting)
    return _score_in_workers(items, setting, jobs)


_Setting = tuple[_dt.date, Policy | None, Mapping[str, str]]
"""What every applicant of one batch is scored with: the day, a pinned version, the readings."""


def check_jobs(jobs: object) -> int:
    """*jobs* if it is a whole number of worker processes (1 or more), else InvalidArgument."""
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InvalidArgument(f"jobs must be a whole number of processes, 1 or more, got {jobs!r}")
    return jobs


def _score_each(
    applicants: Iterable[object], setting: _Setting
) -> Iterator[ScoreResult | ShjzzError]:
    day, pinned, readings = setting
    for item in applicants:
        try:
            applicant = item if isinstance(item, Applicant) else load_applicant(item)
            yield score(applicant, on=day, policy=pinned, readings=readings)
        except ShjzzError as exc:  # noqa: PERF203 - one bad applicant must not stop the batch
            yield exc


_GROUP = 256
"""Applicants sent to a worker at a time by ``score_many(jobs=…)``."""


def _groups(items: Iterable[object]) -> Iterator[list[object]]:
    group: list[object] = []
    for item in items:
        group.append(item)
        if len(group) == _GROUP:
            yield group
            group = []
    if group:
        yield group


def _score_group(group: list[object]) -> list[ScoreResult | ShjzzError]:
    """One group in a worker process, with the worker's setting."""
    return list(_score_each(group, _WORKER.setting))


def _score_in_workers(
    items: Iterable[object], setting: _Setting, jobs: int
) -> Iterator[ScoreResult | ShjzzError]:
    groups, jobs = _workers_for(_groups(items), jobs)
    if jobs == 1:
        done: Iterator[list[ScoreResult | ShjzzError]] = (
            list(_score_each(group, setting)) for group in groups
        )
    else:
        done = _in_order(groups, _score_group, setting, jobs)
    for group in done:
        yield from group


def _workers_for(batches: Iterator[_T], jobs: int) -> tuple[Iterator[_T], int]:
    """*batches* as they are, and *jobs*, or 1 when there is one batch (no process to start)."""
    if jobs == 1:
        return batches, 1
    head = list(itertools.islice(batches, 2))
    return itertools.chain(head, batches), jobs if len(head) > 1 else 1


class _Worker:
    """What a worker process keeps between batches: the setting and its encoder's caches."""

    setting: _Setting
    encoder: ResultEncoder


_WORKER = _Worker()
_T = TypeVar("_T")
_R = TypeVar("_R")


def _start_worker(setting: _Setting) -> None:
    _WORKER.setting = setting
    _WORKER.encoder = ResultEncoder()


def _in_order(
    batches: Iterable[_T], work: Callable[[_T], _R], setting: _Setting, jobs: int
) -> Iterator[_R]:
    """``work(batch)`` for each batch in *jobs* worker processes, yielded in input order.

    At most two batches per worker are in flight, so memory stays bounded
    however long the input: the next batch is read only when the oldest is done.
    """
    # fork shares the loaded data, but is safe only with no other thread (a lock may be held)
    alone = sys.platform == "linux" and threading.active_count() == 1
    start = "fork" if alone else "spawn"
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context(start),
        initializer=_start_worker,
        initargs=(setting,),
    )
    window: deque[Future[_R]] = deque()
    try:
        for batch in batches:
            if len(window) >= 2 * jobs:
                yield window.popleft().result()
            window.append(pool.submit(work, batch))
        while window:
            yield window.popleft().result()
    finally:
        pool.shutdown(cancel_futures=True)


def _pin(policy: str | _dt.date | Policy | None) -> Policy | None:
    return policy if policy is None or isinstance(policy, Policy) else policy_by(policy)


class ByteSink(Protocol):
    """Anything with ``write(bytes)``: a binary file, ``sys.stdout.buffer``, a BytesIO."""

    def write(self, data: bytes, /) -> object:
        """Take *data*, UTF-8 encoded."""


def stream_jsonl(  # noqa: PLR0913 - keyword options, as for score()
    source: Iterable[bytes],
    out: ByteSink,
    *,
    on: _dt.date | None = None,
    policy: str | _dt.date | None = None,
    readings: Mapping[str, str] | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], object] | None = None,
) -> int:
    r"""Score one applicant per input line; write one JSON result (or error) per line.

    *source* gives the input's bytes in chunks split anywhere; lines end at
    ``\n`` only (``\r`` is JSON whitespace).  *out* takes UTF-8 bytes.  Every
    input line gives exactly one output line, a blank one (JSON whitespace
    only) an error: nothing is skipped silently.  A result line is
    ``{"line": N, …}`` with the keys of :func:`shjzz.unstructure` after ``line``.
    A line that is not an applicant (not UTF-8, longer than ``MAX_FILE_BYTES``
    bytes, not JSON, not valid) gives ``{"line": N, "error": …, "problems": […]}``
    and the run goes on.  *jobs* above 1 scores batches of lines in that many
    worker processes; the output is the same, byte for byte, in input order.
    *progress*, if given, is called after each batch with the lines done and
    the lines failed so far.  Returns the number of lines that failed.
    """
    day = on or _dt.date.today()  # noqa: DTZ011 - the caller's calendar date
    setting = (day, _pin(policy), choose(readings))
    batches, jobs = _workers_for(_batches(read_lines(source, MAX_FILE_BYTES)), check_jobs(jobs))
    if jobs == 1:
        done: Iterator[_Done] = map(
            functools.partial(_score_lines, setting, ResultEncoder()), batches
        )
    else:
        done = _in_order(batches, _score_batch, setting, jobs)
    failed = lines = 0
    write = out.write
    for data, count, bad in done:
        write(data)
        lines += count
        failed += bad
        if progress is not None:
            progress(lines, failed)
    return failed


_Batch = tuple[int, list[bytes | None]]
"""Consecutive input lines and the number of the first."""
_Done = tuple[bytes, int, int]
"""A batch's output, its number of lines and of failed lines."""
_BATCH_LINES = 1000
_BATCH_BYTES = 1 << 20


def _batches(lines: Iterable[bytes | None]) -> Iterator[_Batch]:
    batch: list[bytes | None] = []
    first = 1
    size = 0
    for line in lines:
        batch.append(line)
        size += 0 if line is None else len(line)
        if len(batch) == _BATCH_LINES or size >= _BATCH_BYTES:
            yield first, batch
            first += len(batch)
            batch, size = [], 0
    if batch:
        yield first, batch


def _score_batch(batch: _Batch) -> _Done:
    """One batch in a worker process, with the worker's setting and encoder."""
    return _score_lines(_WORKER.setting, _WORKER.encoder, batch)


def _score_lines(setting: _Setting, encoder: ResultEncoder, batch: _Batch) -> _Done:
    """The output lines of one batch; nothing shared, so streams in threads stay apart."""
    day, pinned, choices = setting
    encode = encoder.encode
    first, lines = batch
    parts = []
    failed = 0
    for number, line in enumerate(lines, first):
        try:
            data = _parse_line(line, first=number == 1)
            result = score(load_applicant(data), on=day, policy=pinned, readings=choices)
        except ShjzzError as exc:  # noqa: PERF203 - one bad line must not stop the stream
            failed += 1
            parts.append(_error_json(number, exc).encode())
        else:
            parts.append(encode(result, line=number))
    parts.append(b"")
    return b"\n".join(parts) if len(parts) > 1 else b"", len(lines), failed


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
    if not line.strip(_JSON_SPACE):
        raise _BadLine("blank line: no applicant")
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

    def encode(self, r: ScoreResult, *, line: int | None = None) -> bytes:
        """One result as one line of JSON (without the newline).

        With *line*, the object starts with ``"line": line`` (a JSON Lines
        result), then the keys of :func:`shjzz.unstructure`.
        """
        cache = self._items
        parts = []
        for it in r.items:
            known = cache.get(id(it))
            parts.append(known[1] if known is not None and known[0] is it else self._item(it))
        head = self._heads.get((r.policy, r.amendments, r.on))
        if head is None:
            head = self._heads[r.policy, r.amendments, r.on] = (
                f'"policy":{encode_basestring(r.policy)},'
                f'"amendments":[{",".join(map(encode_basestring, r.amendments))}],'
                f'"on":"{r.on.isoformat()}","total":'
            ).encode()
        warnings = ",".join(map(encode_basestring, r.warnings)).encode() if r.warnings else b""
        return b"".join(
            (
                b"{" if line is None else b'{"line":%d,' % line,
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
