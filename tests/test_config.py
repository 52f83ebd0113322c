"""Configuration: defaults, then CAFE_* variables, then overrides."""

import pytest

from cafe.config import ConfigError, build_config


def test_with_nothing_set_it_uses_sqlite_in_the_instance_folder(tmp_path):
    config = build_config(str(tmp_path), environ={})
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'cafe.sqlite'}"
    assert config["MESSAGE_QUEUE"] is None
    assert config["ASYNC_MODE"] == "eventlet"


def test_environment_variables_override_defaults(tmp_path):
    config = build_config(
        str(tmp_path),
        environ={
            "CAFE_DATABASE_URL": "postgresql://db/cafe",
            "CAFE_MESSAGE_QUEUE": "redis://127.0.0.1:6379/0",
            "CAFE_ASYNC_MODE": "gevent",
            "CAFE_PORT": "8080",
            "CAFE_SECRET_KEY": "from-the-environment",
        },
    )
    assert config["DATABASE_URL"] == "postgresql://db/cafe"
    assert config["MESSAGE_QUEUE"] == "redis://127.0.0.1:6379/0"
    assert config["ASYNC_MODE"] == "gevent"
    assert config["PORT"] == 8080
    assert config["SECRET_KEY"] == "from-the-environment"


def test_overrides_win_over_the_environment(tmp_path):
    config = build_config(
        str(tmp_path), environ={"CAFE_PORT": "8080"}, overrides={"PORT": 9000}
    )
    assert config["PORT"] == 9000


def test_production_refuses_the_default_secret_key(tmp_path):
    with pytest.raises(ConfigError, match="CAFE_SECRET_KEY"):
        build_config(str(tmp_path), environ={"CAFE_ENV": "production"})


def test_production_refuses_a_short_secret_key(tmp_path):
    with pytest.raises(ConfigError, match="16 characters"):
        build_config(
            str(tmp_path),
            environ={"CAFE_ENV": "production", "CAFE_SECRET_KEY": "short"},
        )


def test_production_accepts_a_long_random_secret_key(tmp_path):
    config = build_config(
        str(tmp_path),
        environ={"CAFE_ENV": "production", "CAFE_SECRET_KEY": "x" * 64},
    )
    assert config["ENV"] == "production"


def test_an_unknown_async_mode_is_refused_with_the_choices(tmp_path):
    with pytest.raises(ConfigError, match="eventlet"):
        build_config(str(tmp_path), environ={"CAFE_ASYNC_MODE": "asyncio"})


def test_https_makes_cookies_secure(tmp_path):
    config = build_config(str(tmp_path), environ={"CAFE_PREFERRED_URL_SCHEME": "https"})
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"]
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
