"""Typed SQLAlchemy models, one module per aggregate."""

from .api_tokens import ApiToken
from .attendance import AttendanceSample
from .audit import AuditEntry
from .base import Base, utcnow
from .events import Event, EventStatus, Series
from .guests import GuestInvite
from .participants import Participant
from .polls import (
    Poll,
    PollKind,
    PollOption,
    PollResponse,
    PollStatus,
    ResponseStatus,
    ResultsVisibility,
    RevealMode,
)
from .questions import Question, QuestionStatus, Upvote
from .responses import YouSaidQuestion, YouSaidStatus, YouSaidWeDid
from .safeguarding import (
    CrisisTerm,
    ModerationReason,
    ParticipantMute,
    Receipt,
    RedactedName,
    SignpostEntry,
    SupportAlert,
    SupportReply,
)
from .sessions import LiveSession, ModerationMode, SessionState
from .stories import (
    AuthorKind,
    CommentStatus,
    Reaction,
    Story,
    StoryComment,
    StoryImage,
    StoryItem,
    StoryItemKind,
    StoryPost,
    StoryReaction,
    StoryStatus,
)
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
    "GuestInvite",
    "AuthorKind",
    "CommentStatus",
    "Reaction",
    "Story",
    "StoryComment",
    "StoryImage",
    "StoryItem",
    "StoryItemKind",
    "StoryPost",
    "StoryReaction",
    "StoryStatus",
    "RevealMode",
    "CrisisTerm",
    "ModerationReason",
    "ParticipantMute",
    "Receipt",
    "RedactedName",
    "SignpostEntry",
    "SupportAlert",
    "SupportReply",
    "utcnow",
]
