"""The OpenAPI 3.1 description of the API, built around the applicant schema shjzz generates."""

from __future__ import annotations

import copy
import functools
from typing import Any

from shjzz.web._api import LANGS, applicant_schema
from shjzz.web._body import MAX_BODY_BYTES

_REF = "#/components/schemas/"


def _refs(node: Any) -> Any:  # noqa: ANN401 - JSON Schema
    """*node* with ``#/$defs/X`` references pointing into ``components/schemas``."""
    if isinstance(node, dict):
        return {
            k: (v.replace("#/$defs/", _REF) if k == "$ref" else _refs(v)) for k, v in node.items()
        }
    if isinstance(node, list):
        return [_refs(v) for v in node]
    return node


def _json(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _errors(*statuses: int) -> dict[str, Any]:
    text = {
        400: "the body is not JSON",
        404: "no such catalogue or path",
        413: f"the body is larger than {MAX_BODY_BYTES:,} bytes",
        422: "a field is invalid; each problem names its path",
    }
    return {str(s): _json("Error", text[s]) for s in statuses}


def _get(summary: str, params: list[dict[str, Any]], ok: str, *errors: int) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": params,
            "responses": {"200": _json(ok, "OK"), **_errors(*errors)},
        }
    }


def _post(summary: str, body: str, ok: str) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "requestBody": {"required": True, **_json(body, body)},
            "responses": {"200": _json(ok, "OK"), **_errors(400, 413, 422)},
        }
    }


def _param(name: str, where: str, text: str, *, required: bool = False) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": text,
        "schema": {"type": "string"},
    }


_DATE = {"type": "string", "format": "date"}
_READINGS = {
    "type": "object",
    "additionalProperties": {"type": "string"},
    "description": 'Choices for readings with alternatives, such as {"R-4": "strict"}.',
}
_LANG = {
    "enum": list(LANGS),
    "description": (
        "Language of the texts: details, warnings, levers (default en, as the library's) "
        "and error titles (default zh)."
    ),
}


def _request(extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["applicant"],
        "additionalProperties": False,
        "properties": {"applicant": _ref("Applicant"), "on": _DATE, **extra},
    }


def _free(description: str) -> dict[str, Any]:
    return {"type": "object", "description": description}


@functools.cache
def openapi() -> dict[str, Any]:
    """The OpenAPI document served at ``/api/v1/openapi.json``."""
    applicant = copy.deepcopy(applicant_schema())
    defs = applicant.pop("$defs")
    for key in ("$schema", "$id"):
        applicant.pop(key)
    on = _param("on", "query", "date, YYYY-MM-DD (default: today)")
    lang = _param("lang", "query", "language of the texts, zh or en (default: en)")
    schemas = {
        **_refs(defs),
        "Applicant": _refs(applicant),
        "ScoreRequest": _request(
            {"policy": {"type": "string"}, "readings": _READINGS, "lang": _LANG}
        ),
        "PlanRequest": _request(
            {"target": {"type": "integer"}, "until": _DATE, "readings": _READINGS, "lang": _LANG}
        ),
        "ScoreResult": _free("As shjzz score --format json."),
        "Plan": _free("As shjzz plan --format json."),
        "Lookup": _free("As shjzz lookup --format json."),
        "Policies": _free("As shjzz policies --format json."),
        "Readings": _free(
            "The readings shjzz adopts, each with its choices (default first) and default."
        ),
        "Catalogue": _free(
            "As shjzz catalogue NAME --format json: the edition, each entry and its worth."
        ),
        "Diff": _free("As shjzz diff A B --format json."),
        "Health": _free('{"status": "ok"}'),
        "JSONSchema": _free("The applicant JSON Schema (draft 2020-12)."),
        "OpenAPI": _free("This document."),
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["status", "title", "problems"],
                    "properties": {
                        "status": {"type": "integer"},
                        "title": {"type": "string"},
                        "problems": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["path", "message", "candidates"],
                                "properties": {
                                    "path": {"type": "string"},
                                    "message": {"type": "string"},
                                    "candidates": {"type": "array", "items": {"type": "string"}},
                                },
                            },
                        },
                    },
                }
            },
        },
    }
    paths = {
        "/api/v1/score": _post("Score an applicant", "ScoreRequest", "ScoreResult"),
        "/api/v1/plan": _post("When 120 is first met, and the levers", "PlanRequest", "Plan"),
        "/api/v1/lookup": _get(
            "Look a name up in the catalogues",
            [
                _param("q", "query", "the name", required=True),
                _param("catalogue", "query", "skills, titles, qualifications, majors or areas"),
                on,
                lang,
            ],
            "Lookup",
            422,
        ),
        "/api/v1/policies": _get("The policy versions and amendments", [], "Policies"),
        "/api/v1/readings": _get("The readings and the choices to select", [], "Readings"),
        "/api/v1/catalogue/{name}": _get(
            "A catalogue's entries in force on a date",
            [_param("name", "path", "skills, titles, …", required=True), on, lang],
            "Catalogue",
            404,
            422,
        ),
        "/api/v1/diff": _get(
            "What changed between two versions or dates",
            [
                _param("a", "query", "a version id or a date", required=True),
                _param("b", "query", "a version id or a date", required=True),
                lang,
            ],
            "Diff",
            422,
        ),
        "/api/v1/schema": _get("The applicant JSON Schema", [], "JSONSchema"),
        "/api/v1/openapi.json": _get("This document", [], "OpenAPI"),
        "/healthz": _get("The server answers", [], "Health"),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "shjzz", "version": "1", "description": _DESCRIPTION},
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": schemas},
    }


_DESCRIPTION = (
    "Shanghai residence-permit points (上海市居住证积分) over the shjzz library: every result "
    "with its reasons, basis and certainty. Meets the 120-point standard is all it says."
)
