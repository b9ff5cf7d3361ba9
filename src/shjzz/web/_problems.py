"""The one error the web layer raises, and its JSON form.

Every request that cannot be answered ends in an :class:`ApiError`: a status,
a title and the problems with their field paths.  Library errors
(:class:`~shjzz.errors.ShjzzError`) are turned into one by :func:`from_library`.
"""

from __future__ import annotations

from typing import Any

import attrs

from shjzz.errors import (
    InvalidApplicant,
    InvalidQuery,
    PolicyNotInForce,
    Problem,
    ShjzzError,
    UnknownCatalogue,
    UnknownPolicy,
    UnknownReading,
)

BAD_REQUEST = 400
NOT_FOUND = 404
TOO_LARGE = 413
INVALID = 422


_ZH = {"invalid request": "请求有误", "invalid applicant": "申请人信息有误"}
"""The titles of 422 answers in Chinese, for requests that ask ``"lang": "zh"``."""


@attrs.frozen
class ApiProblem:
    """One problem: the field path in the request, and what is wrong there."""

    path: str
    message: str
    candidates: tuple[str, ...] = ()


class ApiError(Exception):
    """A request the API refuses: answered with *status* and the problems as JSON."""

    def __init__(
        self, status: int, title: str, problems: tuple[ApiProblem, ...] = (), *, lang: str = "en"
    ) -> None:
        """Keep the status, the title (in *lang* where it has a translation) and the problems."""
        super().__init__(title)
        self.status = status
        self.title = _ZH.get(title, title) if lang == "zh" else title
        self.problems = problems

    def json(self) -> dict[str, Any]:
        """The response body: ``{"error": {"status", "title", "problems": [...]}}``."""
        return {
            "error": {
                "status": self.status,
                "title": self.title,
                "problems": [
                    {"path": p.path, "message": p.message, "candidates": list(p.candidates)}
                    for p in self.problems
                ],
            }
        }


def invalid(path: str, message: str) -> ApiError:
    """A 422 for one problem in the request."""
    return ApiError(INVALID, "invalid request", (ApiProblem(path, message),))


def _problem(prefix: str, p: Problem) -> ApiProblem:
    """*p* under *prefix*; the message is the library's line without its path and candidates."""
    path = f"{prefix}.{p.path}" if p.path and not p.path.startswith("[") else prefix + p.path
    text = str(attrs.evolve(p, path="", candidates=()))
    return ApiProblem(path, text, p.candidates)


_FIELDS: tuple[tuple[type[ShjzzError], str], ...] = (
    (UnknownPolicy, "policy"),
    (PolicyNotInForce, "on"),
    (UnknownCatalogue, "catalogue"),
    (InvalidQuery, "q"),
    (UnknownReading, "readings"),
)
"""The request field an error names, by its class, when the error does not say."""


def from_library(exc: ShjzzError, field: str | None = None, *, lang: str = "en") -> ApiError:
    """A 422 naming the field paths of a library error (``applicant.…`` for the facts).

    *field* names the request field any other error is about; by default it is
    told from the error's class.
    """
    if isinstance(exc, InvalidApplicant):
        problems = tuple(_problem("applicant", p) for p in exc.problems)
        return ApiError(INVALID, "invalid applicant", problems, lang=lang)
    path = field if field is not None else next((f for c, f in _FIELDS if isinstance(exc, c)), "")
    return ApiError(INVALID, "invalid request", (ApiProblem(path, str(exc)),), lang=lang)
