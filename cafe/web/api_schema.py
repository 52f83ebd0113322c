"""The OpenAPI 3 description of the summaries API, served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }


def _summary_path(thing: str, param: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": f"The summary of one {thing}",
            "operationId": f"get_{thing}_summary",
            "tags": ["summaries"],
            "parameters": [
                {
                    "name": param,
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                }
            ],
            "responses": {
                "200": {
                    "description": "The summary; counts below k are given as "
                    '"<k", other withheld figures as "[c]".',
                    "content": {"application/json": {"schema": _ref("Summary")}},
                },
                "401": _error("No token, or a token that is unknown or revoked."),
                "403": _error("The token's user may not read summaries."),
                "404": _error(f"No such {thing}, or one this user may not read."),
            },
        }
    }


_CELL = {
    "description": 'A number, a text, an ISO date, "<k" or "[c]" (withheld), or null.',
    "nullable": True,
    "oneOf": [{"type": "number"}, {"type": "string"}],
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "example": "not_found"},
                    "message": {"type": "string"},
                },
            }
        },
    },
    "Column": {
        "type": "object",
        "required": ["key", "label", "kind", "description"],
        "properties": {
            "key": {"type": "string"},
            "label": {"type": "string"},
            "kind": {
                "type": "string",
                "enum": ["text", "count", "percent", "number", "date"],
            },
            "description": {"type": "string"},
        },
    },
    "Table": {
        "type": "object",
        "required": ["key", "title", "columns", "rows", "notes"],
        "properties": {
            "key": {"type": "string"},
            "title": {"type": "string"},
            "columns": {"type": "array", "items": _ref("Column")},
            "rows": {
                "type": "array",
                "description": "One object per row, keyed by column key.",
                "items": {"type": "object", "additionalProperties": _CELL},
            },
            "notes": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Section": {
        "type": "object",
        "required": ["key", "title", "paragraphs", "tables"],
        "properties": {
            "key": {"type": "string"},
            "title": {"type": "string"},
            "paragraphs": {"type": "array", "items": {"type": "string"}},
            "tables": {"type": "array", "items": _ref("Table")},
        },
    },
    "Summary": {
        "type": "object",
        "required": [
            "scope",
            "title",
            "subtitle",
            "generated_at",
            "k",
            "suppression_rule",
            "method",
            "sections",
        ],
        "properties": {
            "scope": {"type": "string", "enum": ["session", "event", "series"]},
            "title": {"type": "string"},
            "subtitle": {"type": "string"},
            "generated_at": {"type": "string", "format": "date-time"},
            "k": {"type": "integer", "minimum": 2},
            "suppression_rule": {"type": "string"},
            "method": _ref("Table"),
            "sections": {"type": "array", "items": _ref("Section")},
        },
    },
}

OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "Café summaries API",
        "version": "1",
        "description": "Read-only commissioning summaries of events, sessions and "
        "series, with small numbers protected. Create a token on your account "
        "page (/account/tokens) and send it as `Authorization: Bearer <token>`.",
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearerAuth": []}],
    "paths": {
        "/events/{event_id}/summary": _summary_path("event", "event_id"),
        "/sessions/{session_id}/summary": _summary_path("session", "session_id"),
        "/series/{series_id}/summary": _summary_path("series", "series_id"),
        "/openapi.json": {
            "get": {
                "summary": "This description",
                "operationId": "get_openapi",
                "tags": ["meta"],
                "security": [],
                "responses": {
                    "200": {
                        "description": "The OpenAPI document.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    },
    "components": {
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "description": "A personal API token from /account/tokens.",
            }
        },
        "schemas": SCHEMAS,
    },
}
