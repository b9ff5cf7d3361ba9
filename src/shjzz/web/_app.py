"""The ASGI application: the API routes, JSON errors, the page, and ``serve``."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import importlib_resources
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from shjzz.web import _api
from shjzz.web._openapi import openapi
from shjzz.web._problems import ApiError

if TYPE_CHECKING:
    from starlette.requests import Request


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)  # noqa: S101 - registered for ApiError only
    return JSONResponse(exc.json(), status_code=exc.status)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    """404, 405 and the framework's other refusals, as the same JSON as every error."""
    assert isinstance(exc, HTTPException)  # noqa: S101 - registered for HTTPException only
    error = ApiError(exc.status_code, exc.detail)
    return JSONResponse(error.json(), status_code=exc.status_code, headers=exc.headers)


async def _openapi(_request: Request) -> JSONResponse:
    return JSONResponse(openapi())


@functools.cache
def _page_html() -> bytes:
    return (importlib_resources.files("shjzz.web") / "static" / "index.html").read_bytes()


async def _page(_request: Request) -> Response:
    """The calculator page; it loads only ``/static/…`` and calls only ``/api/v1/…``."""
    return Response(_page_html(), media_type="text/html; charset=utf-8", headers=_PAGE_HEADERS)


_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}
"""The page may load and call nothing but its own server."""


def create_app(*, cors_origins: Sequence[str] = ()) -> Starlette:
    """The API under ``/api/v1``, ``/healthz``, and the calculator page at ``/``.

    *cors_origins* lists the origins (``https://example.org``) whose pages may
    call the API from a browser; none by default (the page itself is same-origin).
    """
    middleware = []
    if cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type"],
            )
        )
    routes = [
        Route("/api/v1/score", _api.score, methods=["POST"]),
        Route("/api/v1/plan", _api.plan, methods=["POST"]),
        Route("/api/v1/lookup", _api.lookup, methods=["GET"]),
        Route("/api/v1/policies", _api.policies, methods=["GET"]),
        Route("/api/v1/readings", _api.readings, methods=["GET"]),
        Route("/api/v1/catalogue/{name}", _api.catalogue, methods=["GET"]),
        Route("/api/v1/diff", _api.diff, methods=["GET"]),
        Route("/api/v1/schema", _api.schema, methods=["GET"]),
        Route("/api/v1/openapi.json", _openapi, methods=["GET"]),
        Route("/healthz", _api.healthz, methods=["GET"]),
        Route("/", _page, methods=["GET"]),
        Mount("/static", StaticFiles(packages=[("shjzz.web", "static")])),
    ]
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={ApiError: _api_error, HTTPException: _http_error},
    )


def serve(host: str = "127.0.0.1", port: int = 8000, *, cors_origins: Sequence[str] = ()) -> None:
    """Run the app with uvicorn until interrupted; no access log, so no request is recorded."""
    import uvicorn  # noqa: PLC0415 - only the server needs it

    uvicorn.run(
        create_app(cors_origins=cors_origins),
        host=host,
        port=port,
        access_log=False,
        server_header=False,
        log_level="info",
    )
