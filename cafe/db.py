"""Engine, session factory, a request-scoped session and session_scope()."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, g
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from .models import Base


def make_engine(url: str) -> Engine:
    """Create an engine with settings that suit each backend."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "savepoint", _sqlite_savepoint)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_savepoint(connection, _name) -> None:
    """Open the real transaction before a SAVEPOINT.

    pysqlite begins a transaction only before INSERT, UPDATE or DELETE, so reads
    never hold a stale snapshot. A SAVEPOINT sent first would start a transaction
    by itself, and releasing it would commit everything.
    """
    begin_immediate(connection.connection.dbapi_connection)


def begin_immediate(dbapi_connection) -> None:
    """Take SQLite's write lock now (waiting up to the timeout), if not yet held."""
    if not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN IMMEDIATE")


class Database:
    """Holds the engine and hands out sessions to views, sockets and the CLI."""

    metadata = Base.metadata

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.factory: sessionmaker[Session] | None = None

    def init_app(self, app: Flask) -> None:
        self.engine = make_engine(app.config["DATABASE_URL"])
        self.factory = sessionmaker(self.engine, expire_on_commit=False)
        app.extensions["cafe_db"] = self
        app.teardown_appcontext(self._close_request_session)

    @property
    def session(self) -> Session:
        """The session of the current request (or app context), opened on first use."""
        if "db_session" not in g:
            g.db_session = self.factory()
        return g.db_session

    @contextmanager
    def session_scope(self) -> Iterator[Session]:
        """A session for one unit of work outside a request: commit or roll back."""
        session = self.factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def write_scope(self) -> Iterator[Session]:
        """A session_scope for a transaction that reads and then writes.

        On SQLite it starts with BEGIN IMMEDIATE, taking the write lock at once:
        a deferred transaction that read before another connection committed
        would fail with SQLITE_BUSY at its first write instead of waiting.
        """
        with self.session_scope() as session:
            if self.engine.dialect.name == "sqlite":
                begin_immediate(session.connection().connection.dbapi_connection)
            yield session

    def get_engine(self) -> Engine:
        """For Flask-Migrate's env.py."""
        return self.engine

    @staticmethod
    def _close_request_session(_exc) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


db = Database()
