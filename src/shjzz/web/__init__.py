"""The HTTP API and the calculator page (the ``web`` extra: Starlette and uvicorn).

``create_app()`` builds the ASGI application; ``shjzz serve`` runs it with
uvicorn.  Nothing here is imported by ``import shjzz``: the core keeps its
three runtime dependencies.
"""

from __future__ import annotations

from shjzz.web._app import create_app, serve

__all__ = ["create_app", "serve"]
