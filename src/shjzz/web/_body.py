"""Read a request body as JSON: at most 1 MB, counted while reading, before parsing."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shjzz._limits import MAX_FILE_BYTES
from shjzz.web._problems import BAD_REQUEST, TOO_LARGE, ApiError, ApiProblem

if TYPE_CHECKING:
    from starlette.requests import Request

MAX_BODY_BYTES = MAX_FILE_BYTES
"""Largest request body accepted: the same 1,000,000 bytes as an applicant file for the CLI."""


def _too_large() -> ApiError:
    return ApiError(TOO_LARGE, f"the request body is larger than {MAX_BODY_BYTES:,} bytes")


async def read_body(request: Request) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed :data:`MAX_BODY_BYTES`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(raw: bytes) -> Any:  # noqa: ANN401 - JSON data
    """Strict JSON (UTF-8, no NaN or Infinity; decimals as :class:`~decimal.Decimal`), else 400."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_json(f"not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _not_json(f"{exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise _not_json("nested too deeply") from None
    except ValueError as exc:
        raise _not_json(str(exc)) from None


def _not_json(why: str) -> ApiError:
    return ApiError(BAD_REQUEST, "the request body is not JSON", (ApiProblem("", why),))


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number shjzz accepts")
