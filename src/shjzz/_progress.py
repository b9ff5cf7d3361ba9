"""The progress line of ``shjzz score --jsonl`` on a terminal: lines, lines/s, failures, ETA."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from shjzz._render import render_progress

_EVERY = 0.25
"""Seconds between redraws: often enough to see it move, rarely enough to cost nothing."""


class Progress:
    """Counts the bytes read and redraws one line on *stream* as batches finish.

    *total* is the input's size in bytes when it is known (a regular file):
    the ETA is then what is left at the bytes-per-second rate so far.
    """

    def __init__(
        self,
        stream: TextIO,
        total: int | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Start the clock; nothing is drawn before the first batch."""
        self._stream = stream
        self._total = total
        self._clock = clock
        self._start = self._drawn = clock()
        self._read = 0
        self._width = 0
        self._lines = self._failed = 0

    def counted(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """*chunks* as they are, their bytes counted for the ETA."""
        for chunk in chunks:
            self._read += len(chunk)
            yield chunk

    def __call__(self, lines: int, failed: int) -> None:
        """*lines* done and *failed* so far: redraw if the last draw is old enough."""
        self._lines, self._failed = lines, failed
        now = self._clock()
        if now - self._drawn >= _EVERY:
            self._drawn = now
            self._draw(now)

    def finish(self) -> None:
        """Draw the final figures and end the line."""
        self._draw(self._clock())
        self._stream.write("\n")
        self._stream.flush()

    def _draw(self, now: float) -> None:
        elapsed = now - self._start
        rate = self._lines / elapsed if elapsed > 0 else 0.0
        eta = None
        if self._total is not None and self._read and elapsed > 0:
            eta = max(self._total - self._read, 0) / (self._read / elapsed)
        text = render_progress(self._lines, rate, self._failed, eta)
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)
