"""Migrations build the models' schema, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from cafe.models import Base

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def _upgrade(url: str, revision: str = "head") -> None:
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def _differences(url: str) -> list:
    engine = create_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    return diff


def _schema(url: str) -> dict:
    """Tables, columns (name, nullability, generic type), unique sets and indexes."""
    engine = create_engine(url)
    inspector = inspect(engine)
    schema = {}
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        schema[table] = {
            "columns": {
                c["name"]: (c["nullable"], type(c["type"]).__visit_name__.lower())
                for c in inspector.get_columns(table)
            },
            "unique": sorted(
                tuple(u["column_names"])
                for u in inspector.get_unique_constraints(table)
            ),
            "indexes": sorted(
                i["name"]
                for i in inspector.get_indexes(table)
                if not i.get("duplicates_constraint")
            ),
            "foreign_keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"])
                for f in inspector.get_foreign_keys(table)
            ),
        }
    engine.dispose()
    return schema


def _comparable(schema: dict) -> dict:
    """Types by family: engines name the same generic type differently."""
    families = {
        "varchar": "string",
        "string": "string",
        "text": "text",
        "integer": "integer",
        "boolean": "boolean",
        "datetime": "datetime",
        "timestamp": "datetime",
        "json": "json",
        "blob": "binary",
        "bytea": "binary",
        "float": "float",
        "double_precision": "float",
        "double": "float",
    }
    return {
        table: {
            **info,
            "columns": {
                name: (nullable, families.get(kind, kind))
                for name, (nullable, kind) in info["columns"].items()
            },
        }
        for table, info in schema.items()
    }


def test_migrations_build_the_models_schema_on_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    _upgrade(url)
    assert _differences(url) == []


@pytest.mark.postgres
def test_migrations_build_the_models_schema_on_postgres(postgres_url):
    _upgrade(postgres_url)
    assert _differences(postgres_url) == []


@pytest.mark.postgres
def test_sqlite_and_postgres_get_the_same_schema(tmp_path, postgres_url):
    sqlite_url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    _upgrade(sqlite_url)
    _upgrade(postgres_url)
    assert _comparable(_schema(sqlite_url)) == _comparable(_schema(postgres_url))


def test_every_revision_upgrades_from_the_one_before_keeping_its_data(tmp_path):
    """Walk the history one step at a time with a staff user in the database."""
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'steps.sqlite'}"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    revisions = [
        r.revision for r in ScriptDirectory.from_config(config).walk_revisions()
    ]
    revisions.reverse()
    _upgrade(url, revisions[0])
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (email, display_name, password_hash, role, active,"
                " failed_logins, created_at)"
                " VALUES ('a@b.org', 'A', 'x', 'admin', 1, 0,"
                " '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO events (title, description, place, online_url,"
                " accessibility_notes, starts_at, ends_at, status, created_at,"
                " updated_at) VALUES ('Café', '', '', '', '', '2026-01-01 18:00:00',"
                " '2026-01-01 20:00:00', 'closed', '2026-01-01 00:00:00',"
                " '2026-01-01 00:00:00')"
            )
        )
    for revision in revisions[1:]:
        _upgrade(url, revision)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT email FROM users")).scalar_one() == "a@b.org"
        event = conn.execute(text("SELECT title, retention_days FROM events")).one()
        assert tuple(event) == ("Café", 90)
    engine.dispose()
