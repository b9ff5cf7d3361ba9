"""The JSON API, version 1: each endpoint reads its request, calls the library, serialises.

Nothing is computed here: results are serialised exactly as ``shjzz … --format
json`` serialises them, so every field the library adds appears on its own.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

import shjzz
from shjzz._bulk import ResultEncoder
from shjzz._i18n import Lang, is_lang
from shjzz._months import parse_date
from shjzz._resources import read_text
from shjzz.cli import catalogue_json, lookup_json, policies_json
from shjzz.errors import ShjzzError, UnknownCatalogue
from shjzz.web._body import parse_json, read_body
from shjzz.web._problems import INVALID, NOT_FOUND, ApiError, ApiProblem, from_library, invalid

if TYPE_CHECKING:
    from collections.abc import Mapping

    from starlette.requests import Request

LANGS = ("zh", "en")

_RESULTS = ResultEncoder()
"""The bulk scorer's encoder: the bytes of ``shjzz.unstructure`` and compact JSON, cached per
line item, so a score answer is not built as a dict first.  Used on the event loop only."""


class _Fields:
    """Reads the fields of one request object, collecting every problem before refusing."""

    def __init__(self, data: Mapping[str, Any], known: tuple[str, ...], where: str = "") -> None:
        self.data = data
        self.where = where
        self.problems: list[ApiProblem] = [
            ApiProblem(self._path(key), f"unknown field; known: {', '.join(known)}")
            for key in data
            if key not in known
        ]

    def _path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def bad(self, key: str, message: str) -> None:
        self.problems.append(ApiProblem(self._path(key), message))

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        self.bad(key, "must be a string")
        return None

    def date(self, key: str) -> _dt.date | None:
        text = self.text(key)
        if text is None:
            return None
        try:
            day = parse_date(text)
        except ValueError:
            self.bad(key, f"not a calendar date: {text[:40]!r}")
            return None
        if day is None:
            self.bad(key, f"must be a date written YYYY-MM-DD, got {text[:40]!r}")
        return day

    def readings(self) -> dict[str, str] | None:
        value = self.data.get("readings")
        if value is None:
            return None
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.bad("readings", 'must be an object of reading ids and choices: {"R-4": "strict"}')
            return None
        return value

    def lang(self) -> str:
        """The language of the error titles (``zh`` or ``en``; English until it is read)."""
        lang = self.data.get("lang", "zh")
        if lang not in LANGS:
            self.bad("lang", f"must be one of {', '.join(LANGS)}")
            return "en"
        return str(lang)

    def text_lang(self) -> Lang | None:
        """The language of the returned texts: the ``lang`` asked for, else the library's default.

        Read after :meth:`lang`, which refuses any other value.
        """
        lang = self.data.get("lang")
        return lang if is_lang(lang) else None

    def asked_lang(self) -> Lang | None:
        """For a query: the ``lang`` asked for (checked), or ``None`` for the library's default."""
        if "lang" not in self.data:
            return None
        self.lang()
        return self.text_lang()

    def check(self, lang: str = "en") -> None:
        if self.problems:
            raise ApiError(INVALID, "invalid request", tuple(self.problems), lang=lang)


async def _object(request: Request, known: tuple[str, ...]) -> _Fields:
    data = parse_json(await read_body(request))
    if not isinstance(data, dict):
        raise invalid("", "the request body must be a JSON object")
    fields = _Fields(data, known)
    if "applicant" in known and "applicant" not in data:
        fields.bad("applicant", "required: the applicant file, as an object")
    return fields


async def score(request: Request) -> Response:
    """``POST /api/v1/score``: the result of ``shjzz.score``, as ``--format json`` gives it."""
    fields = await _object(request, ("applicant", "on", "policy", "readings", "lang"))
    on = fields.date("on")
    pinned = fields.text("policy")
    chosen = fields.readings()
    lang = fields.lang()
    fields.check(lang)
    try:
        applicant = shjzz.load_applicant(fields.data["applicant"])
        result = shjzz.score(
            applicant, on=on, policy=pinned, readings=chosen, lang=fields.text_lang()
        )
    except ShjzzError as exc:
        raise from_library(exc, lang=lang) from None
    return Response(_RESULTS.encode(result), media_type="application/json")


async def plan(request: Request) -> JSONResponse:
    """``POST /api/v1/plan``: ``shjzz.plan``, as ``shjzz plan --format json`` gives it."""
    from shjzz._plan import plan_json  # noqa: PLC0415 - as the CLI does

    fields = await _object(request, ("applicant", "on", "target", "until", "readings", "lang"))
    on = fields.date("on")
    until = fields.date("until")
    target = fields.data.get("target", 120)
    if isinstance(target, bool) or not isinstance(target, int):
        fields.bad("target", "must be a whole number of points")
    chosen = fields.readings()
    lang = fields.lang()
    fields.check(lang)

    def run() -> dict[str, Any]:
        try:
            applicant = shjzz.load_applicant(fields.data["applicant"])
            result = shjzz.plan(
                applicant,
                on=on,
                target=target,
                until=until,
                readings=chosen,
                lang=fields.text_lang(),
            )
        except ShjzzError as exc:
            raise from_library(exc, lang=lang) from None
        return plan_json(result, fields.text_lang())

    return JSONResponse(await run_in_threadpool(run))


def _query(request: Request, known: tuple[str, ...]) -> _Fields:
    return _Fields(dict(request.query_params), known)


async def lookup(request: Request) -> JSONResponse:
    """``GET /api/v1/lookup?q=…[&catalogue=…][&on=…][&lang=…]``: ``shjzz lookup --format json``."""
    fields = _query(request, ("q", "catalogue", "on", "lang"))
    query = fields.text("q")
    if query is None:
        fields.bad("q", "required: the name to look up")
    on = fields.date("on")
    lang = fields.asked_lang()
    fields.check(lang or "en")
    try:
        found = shjzz.lookup(query or "", catalogue=fields.text("catalogue"), on=on, lang=lang)
    except ShjzzError as exc:
        raise from_library(exc, lang=lang or "en") from None
    return JSONResponse(lookup_json(found))


async def policies(request: Request) -> JSONResponse:
    """``GET /api/v1/policies``: versions and amendments, as ``shjzz policies --format json``."""
    _query(request, ()).check()
    return JSONResponse(policies_json())


def readings_json() -> dict[str, object]:
    """Every reading shjzz adopts; ``choices`` (default first) are what ``readings`` may select."""
    return {"readings": [{**shjzz.unstructure(r), "default": r.default} for r in shjzz.readings()]}


async def readings(request: Request) -> JSONResponse:
    """``GET /api/v1/readings``: the readings, and the choices a score or plan may select."""
    _query(request, ()).check()
    return JSONResponse(readings_json())


async def catalogue(request: Request) -> JSONResponse:
    """``GET /api/v1/catalogue/{name}[?on=…][&lang=…]``: ``shjzz catalogue NAME --format json``.

    The entries in force on *on* (default today), each with what it earns.
    """
    fields = _query(request, ("on", "lang"))
    on = fields.date("on")
    lang = fields.asked_lang()
    fields.check(lang or "en")
    try:
        listing = shjzz.catalogue(request.path_params["name"], on=on, lang=lang)
        return JSONResponse(catalogue_json(listing))
    except UnknownCatalogue as exc:
        raise ApiError(NOT_FOUND, str(exc)) from None
    except ShjzzError as exc:
        raise from_library(exc) from None


async def diff(request: Request) -> JSONResponse:
    """``GET /api/v1/diff?a=…&b=…[&lang=…]``: ``shjzz diff A B --format json``."""
    from shjzz._diff import diff_json  # noqa: PLC0415 - as the CLI does

    fields = _query(request, ("a", "b", "lang"))
    sides = {key: fields.text(key) for key in ("a", "b")}
    for key, value in sides.items():
        if value is None:
            fields.bad(key, "required: a version id (2018) or a date (YYYY-MM-DD)")
    lang = fields.asked_lang()
    fields.check(lang or "en")
    for key, value in sides.items():
        _side(key, value or "")
    found = shjzz.diff(sides["a"] or "", sides["b"] or "", lang=lang)
    return JSONResponse(diff_json(found))


def _side(key: str, value: str) -> None:
    """Refuse a side of a diff that names no version, as a problem with that side's field."""
    try:
        shjzz.policy(value)
    except ShjzzError as exc:
        raise from_library(exc, key) from None


@functools.cache
def applicant_schema() -> dict[str, Any]:
    """The applicant JSON Schema shipped in the package (``shjzz schema``)."""
    data: dict[str, Any] = json.loads(read_text("applicant.schema.json"))
    return data


async def schema(request: Request) -> JSONResponse:
    """``GET /api/v1/schema``: the JSON Schema of the applicant file."""
    _query(request, ()).check()
    return JSONResponse(applicant_schema())


async def healthz(_request: Request) -> JSONResponse:
    """``GET /healthz``: the server answers (the trivial endpoint load is measured against)."""
    return JSONResponse({"status": "ok"})
