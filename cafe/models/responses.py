"""'You said, we did': the council's answer to a question or a theme of questions."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, str_enum, utcnow
from .questions import Question


class YouSaidStatus(enum.StrEnum):
    UNDER_CONSIDERATION = "under_consideration"
    WILL_DO = "will_do"
    DONE = "done"
    CANT_DO = "cant_do"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    YouSaidStatus.UNDER_CONSIDERATION: "Under consideration",
    YouSaidStatus.WILL_DO: "We will do this",
    YouSaidStatus.DONE: "Done",
    YouSaidStatus.CANT_DO: "We can't do this",
}


class YouSaidWeDid(Base):
    """A response to one question, or to a theme that groups several questions.

    theme_title is empty when the response answers a single question.
    """

    __tablename__ = "you_said_we_did"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    theme_title: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[YouSaidStatus] = mapped_column(str_enum(YouSaidStatus))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date]
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    links: Mapped[list[YouSaidQuestion]] = relationship(
        back_populates="response",
        cascade="all, delete-orphan",
        order_by="YouSaidQuestion.question_id",
    )

    @property
    def questions(self) -> list[Question]:
        return [link.question for link in self.links]


class YouSaidQuestion(Base):
    """Links a response to one of the questions it answers."""

    __tablename__ = "you_said_we_did_questions"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("you_said_we_did.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    response: Mapped[YouSaidWeDid] = relationship(back_populates="links")
    question: Mapped[Question] = relationship()
