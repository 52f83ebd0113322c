"""A long-lived cookie naming this browser, so a host's mute outlives a cleared
session cookie. It holds only a random value; the database keeps a hash of it
per session, so it cannot link one session to another."""

from __future__ import annotations

import secrets

from flask import Response, current_app, request

COOKIE = "cafe_device"
MAX_AGE = 365 * 24 * 3600


def device_token() -> tuple[str, bool]:
    """This browser's device value, and whether it is new (not yet a cookie)."""
    token = request.cookies.get(COOKIE, "")
    if 16 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum():
        return token, False
    return secrets.token_urlsafe(24), True


def keep_device(response: Response, token: str) -> Response:
    response.set_cookie(
        COOKIE,
        token,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response
