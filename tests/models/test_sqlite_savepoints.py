"""A savepoint on SQLite stays inside the transaction: rolling back undoes it."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cafe.models import Series


def test_rolling_back_undoes_work_done_in_a_savepoint(engine):
    with Session(engine) as session:
        with session.begin_nested():
            session.add(Series(title="Inside a savepoint"))
        session.rollback()
    with Session(engine) as session:
        assert session.scalar(select(func.count(Series.id))) == 0


def test_committing_keeps_work_done_in_a_savepoint(engine):
    with Session(engine) as session:
        with session.begin_nested():
            session.add(Series(title="Inside a savepoint"))
        session.commit()
    with Session(engine) as session:
        assert session.scalar(select(func.count(Series.id))) == 1
