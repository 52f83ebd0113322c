"""Typed SQLAlchemy models, one module per aggregate."""

from .api_tokens import ApiToken
from .attendance import AttendanceSample
from .audit import AuditEntry
from .base import Base, utcnow
from .events import Event, EventStatus, Series
from .participants import Participant
from .polls import (
    Poll,
    PollKind,
    PollOption,
    PollResponse,
    PollStatus,
    ResponseStatus,
    ResultsVisibility,
)
from .questions import Question, QuestionStatus, Upvote
from .responses import YouSaidQuestion, YouSaidStatus, YouSaidWeDid
from .sessions import LiveSession, ModerationMode, SessionState
from .users import StaffLogin, StaffRole, User

__all__ = [
    "ApiToken",
    "AttendanceSample",
    "AuditEntry",
    "Base",
    "Event",
    "EventStatus",
    "LiveSession",
    "ModerationMode",
    "Participant",
    "Poll",
    "PollKind",
    "PollOption",
    "PollResponse",
    "PollStatus",
    "Question",
    "QuestionStatus",
    "ResponseStatus",
    "ResultsVisibility",
    "Series",
    "SessionState",
    "StaffLogin",
    "StaffRole",
    "Upvote",
    "User",
    "YouSaidQuestion",
    "YouSaidStatus",
    "YouSaidWeDid",
    "utcnow",
]
