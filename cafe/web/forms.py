"""Forms for staff and participants; the domain checks the meaning of the values."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields import DateTimeLocalField
from wtforms.validators import InputRequired, Optional

from ..domain.errors import Conflict, DomainError, Forbidden
from ..domain.events import EventDetails
from ..domain.sessions import SessionDetails
from ..models import ModerationMode

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def when_field(label: str, validators: list) -> DateTimeLocalField:
    """A local date and time with a message people understand when it is wrong."""
    return DateTimeLocalField(
        label,
        validators=validators,
        format=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        invalid_value_message="Enter a date and time, for example 2025-06-14 18:30.",
    )


def _optional_int(value) -> int | None:
    if value in (None, "", "None"):
        return None
    return int(value)


def _text(value: str | None) -> str:
    return value or ""


class LoginForm(FlaskForm):
    email = EmailField(
        "E-mail address",
        validators=[InputRequired("Enter your e-mail address.")],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        validators=[InputRequired("Enter your password.")],
        render_kw={"autocomplete": "current-password"},
    )


class SeriesForm(FlaskForm):
    title = StringField("Title", render_kw={"maxlength": 200})
    description = TextAreaField("Description (optional)")


class EventForm(FlaskForm):
    title = StringField("Title", render_kw={"maxlength": 200})
    description = TextAreaField("Description (optional)")
    series_id = SelectField(
        "Series (optional)", coerce=_optional_int, validate_choice=False
    )
    starts_at = when_field("Starts", [InputRequired("Enter when the event starts.")])
    ends_at = when_field("Ends", [InputRequired("Enter when the event ends.")])
    place = StringField("Place (optional)", render_kw={"maxlength": 300})
    online_url = URLField("Online link (optional)", render_kw={"maxlength": 500})
    accessibility_notes = TextAreaField("Accessibility notes (optional)")

    def details(self) -> EventDetails:
        return EventDetails(
            title=_text(self.title.data),
            starts_at=self.starts_at.data,
            ends_at=self.ends_at.data,
            description=_text(self.description.data),
            place=_text(self.place.data),
            online_url=_text(self.online_url.data),
            accessibility_notes=_text(self.accessibility_notes.data),
            series_id=self.series_id.data,
        )


MODERATION_CHOICES = [
    SelectChoice(
        ModerationMode.POST.value, "Show questions at once; hosts can hide them later"
    ),
    SelectChoice(ModerationMode.PRE.value, "Hold questions until a host approves them"),
]


class SessionForm(FlaskForm):
    title = StringField("Title", render_kw={"maxlength": 200})
    description = TextAreaField("Description (optional)")
    moderation_mode = RadioField(
        "Moderation",
        choices=MODERATION_CHOICES,
        default=ModerationMode.POST.value,
        validate_choice=False,
    )
    starts_at = when_field("Starts (optional)", [Optional()])
    ends_at = when_field("Ends (optional)", [Optional()])
    facilitator_notes = TextAreaField("Notes for facilitators (optional)")

    def details(self) -> SessionDetails:
        return SessionDetails(
            title=_text(self.title.data),
            description=_text(self.description.data),
            moderation_mode=_text(self.moderation_mode.data),
            starts_at=self.starts_at.data,
            ends_at=self.ends_at.data,
            facilitator_notes=_text(self.facilitator_notes.data),
        )


class JoinForm(FlaskForm):
    code = StringField(
        "Join code",
        render_kw={
            "inputmode": "text",
            "autocapitalize": "characters",
            "autocomplete": "off",
            "autocorrect": "off",
            "spellcheck": "false",
            "maxlength": 12,
        },
    )


class AboutYouForm(FlaskForm):
    display_name = StringField(
        "Name to show (optional)",
        render_kw={"maxlength": 40, "autocomplete": "nickname"},
    )
    role = RadioField("How are you taking part? (optional)", validate_choice=False)


def choices(pairs) -> list[SelectChoice]:
    """Options from (value, label) pairs, such as PARTICIPANT_ROLES."""
    return [SelectChoice(value, label) for value, label in pairs]


def show_error(form: FlaskForm, error: DomainError) -> int:
    """Put a domain error next to its field, or above the form; return the status."""
    field = form[error.field] if error.field and error.field in form else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
    return status_for(error)


def status_for(error: DomainError) -> int:
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, Forbidden):
        return 403
    return 400
