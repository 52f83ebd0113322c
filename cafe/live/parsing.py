"""Checking socket payloads: clear errors, never a traceback."""

from __future__ import annotations

from typing import Any

from ..domain.errors import InvalidInput


def as_dict(payload: Any) -> dict[str, Any]:
    if payload is None:
        return {}
    if not isinstance(payload, dict):
        raise InvalidInput("The message must be a JSON object.")
    return payload


def an_id(payload: dict[str, Any], field: str) -> int:
    value = payload.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(f"{field} must be a positive whole number.", field=field)
    return value


def a_text(payload: dict[str, Any], field: str, *, max_length: int = 2000) -> str:
    value = payload.get(field)
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be text.", field=field)
    if len(value) > max_length:
        raise InvalidInput(
            f"{field} must be at most {max_length} characters.", field=field
        )
    return value


def a_flag(payload: dict[str, Any], field: str) -> bool:
    value = payload.get(field)
    if not isinstance(value, bool):
        raise InvalidInput(f"{field} must be true or false.", field=field)
    return value


def an_id_list(
    payload: dict[str, Any], field: str, *, max_items: int = 200
) -> list[int]:
    value = payload.get(field)
    if not isinstance(value, list) or len(value) > max_items:
        raise InvalidInput(f"{field} must be a list of ids.", field=field)
    return [an_id({field: item}, field) for item in value]


def a_dict(payload: dict[str, Any], field: str) -> dict[str, Any]:
    value = payload.get(field)
    if not isinstance(value, dict):
        raise InvalidInput(f"{field} must be a JSON object.", field=field)
    return value
