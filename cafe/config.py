"""Configuration: defaults, then CAFE_* environment variables, then overrides."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DEFAULT_SECRET_KEY = "dev-not-secret"

DEFAULT_PARTICIPANT_ROLES = (
    ("person_in_recovery", "Person in recovery"),
    ("family_or_carer", "Family member or carer"),
    ("frontline_worker", "Frontline worker"),
    ("commissioner", "Commissioner"),
    ("other", "Other"),
    ("prefer_not_to_say", "Prefer not to say"),
)


class Defaults:
    """Values used when neither the environment nor the caller sets them."""

    ENV = "development"
    SECRET_KEY = DEFAULT_SECRET_KEY
    DATABASE_URL: str | None = None  # None: SQLite file in the instance folder
    MESSAGE_QUEUE: str | None = None  # None: in-process
    ASYNC_MODE = "eventlet"
    HOST = "127.0.0.1"
    TIMEZONE = "Europe/London"  # how event times are typed and shown
    PORT = 5000
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    PROXY_COUNT = 0  # reverse proxies in front that set X-Forwarded-For
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCKOUT_MINUTES = 15
    JOIN_RATE_LIMIT = "20 per minute"
    LOGIN_RATE_LIMIT = "10 per minute"
    PARTICIPANT_ROLES = DEFAULT_PARTICIPANT_ROLES
    PROFANITY_WORDS: tuple[str, ...] | None = None  # None: the built-in list
    SUMMARY_MIN_COUNT = 5  # k: counts below it show as "<k" in summaries
    RECEIPT_RATE_LIMIT = "10 per minute"
    PURGE_SCHEDULE_ENABLED: bool | None = None  # None: daily purge unless TESTING
    PREFERRED_URL_SCHEME = "http"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # a long session must not expire its forms
    MAX_CONTENT_LENGTH = 4 * 1024 * 1024


# Environment variables read as CAFE_<NAME>; the converter turns text into a value.
_ENV_KEYS: dict[str, Any] = {
    "ENV": str,
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "MESSAGE_QUEUE": str,
    "ASYNC_MODE": str,
    "HOST": str,
    "TIMEZONE": str,
    "PORT": int,
    "PROXY_COUNT": int,
    "SUMMARY_MIN_COUNT": int,
    "RATELIMIT_STORAGE_URI": str,
    "PREFERRED_URL_SCHEME": str,
    "SESSION_COOKIE_SECURE": lambda v: v.lower() in {"1", "true", "yes"},
    "PURGE_SCHEDULE_ENABLED": lambda v: v.lower() in {"1", "true", "yes"},
}

ASYNC_MODES = {"eventlet", "gevent", "threading"}


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to change."""


def from_environment(environ: os._Environ | dict[str, str]) -> dict[str, Any]:
    """Read the CAFE_* variables that are set."""
    values: dict[str, Any] = {}
    for key, convert in _ENV_KEYS.items():
        raw = environ.get(f"CAFE_{key}")
        if raw not in (None, ""):
            values[key] = convert(raw)
    return values


def build_config(
    instance_path: str, environ=None, overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Merge defaults, environment and overrides, then check the result."""
    environ = os.environ if environ is None else environ
    config = {k: getattr(Defaults, k) for k in dir(Defaults) if k.isupper()}
    config.update(from_environment(environ))
    config.update(overrides or {})
    if not config["DATABASE_URL"]:
        config["DATABASE_URL"] = "sqlite:///" + str(Path(instance_path) / "cafe.sqlite")
    if config["PREFERRED_URL_SCHEME"] == "https":
        config["SESSION_COOKIE_SECURE"] = True
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    _check(config)
    return config


def _check(config: dict[str, Any]) -> None:
    if config["ASYNC_MODE"] not in ASYNC_MODES:
        raise ConfigError(
            f"CAFE_ASYNC_MODE must be one of {sorted(ASYNC_MODES)}, "
            f"not {config['ASYNC_MODE']!r}."
        )
    if config["ENV"] == "production":
        key = config.get("SECRET_KEY") or ""
        if key == DEFAULT_SECRET_KEY or len(key) < 16:
            raise ConfigError(
                "In production CAFE_SECRET_KEY must be set to a long random value "
                "(at least 16 characters), for example the output of "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`."
            )
