"""Staff accounts: creation, password checks with lockout, and logins."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..models import StaffLogin, StaffRole, User, utcnow
from .errors import Conflict, Forbidden, InvalidInput

MIN_PASSWORD_LENGTH = 10


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def create_user(
    db: Session, email: str, password: str, role: str, display_name: str = ""
) -> User:
    """Create a staff account.

    Raises InvalidInput for a bad e-mail, role or short password, and Conflict
    when the e-mail is taken.
    """
    email = normalise_email(email)
    if "@" not in email or len(email) > 254 or " " in email:
        raise InvalidInput("Enter a valid e-mail address.", field="email")
    try:
        staff_role = StaffRole(role)
    except ValueError:
        roles = ", ".join(r.value for r in StaffRole)
        raise InvalidInput(f"Role must be one of: {roles}.", field="role") from None
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"Use a password of at least {MIN_PASSWORD_LENGTH} characters.",
            field="password",
        )
    if find_user(db, email):
        raise Conflict("A user with that e-mail already exists.", field="email")
    user = User(
        email=email,
        password_hash=generate_password_hash(password),
        role=staff_role,
        display_name=display_name.strip()[:80],
    )
    db.add(user)
    db.flush()
    return user


def find_user(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == normalise_email(email)))


def authenticate(
    db: Session,
    email: str,
    password: str,
    *,
    max_failures: int = 5,
    lockout: timedelta = timedelta(minutes=15),
    now: datetime | None = None,
) -> User:
    """Check a password and count failures; lock the account after too many.

    Raises Forbidden with the same message for an unknown e-mail or a wrong
    password, and a distinct one while the account is locked or disabled.
    """
    now = now or utcnow()
    user = find_user(db, email)
    if user is None:
        raise Forbidden("E-mail or password is not right.")
    if user.locked_until and user.locked_until > now:
        raise Forbidden(
            "Too many failed attempts. This account is locked for a while; "
            "try again later or ask an admin."
        )
    if not check_password_hash(user.password_hash, password or ""):
        user.failed_logins += 1
        if user.failed_logins >= max_failures:
            user.locked_until = now + lockout
            user.failed_logins = 0
        db.flush()
        raise Forbidden("E-mail or password is not right.")
    if not user.active:
        raise Forbidden("This account is disabled. Ask an admin.")
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    db.flush()
    return user


def start_login(db: Session, user: User) -> StaffLogin:
    """Record a signed-in browser and return it; its token goes in the cookie."""
    login = StaffLogin(user=user, token=secrets.token_urlsafe(32))
    db.add(login)
    db.flush()
    return login


def end_login(db: Session, token: str) -> None:
    """Revoke one login, so every socket opened with it loses its rights."""
    login = db.scalar(select(StaffLogin).where(StaffLogin.token == token))
    if login and login.revoked_at is None:
        login.revoked_at = utcnow()
        db.flush()


def user_for_login(db: Session, token: str | None) -> User | None:
    """The active user behind a valid login token, or None."""
    if not token:
        return None
    login = db.scalar(select(StaffLogin).where(StaffLogin.token == token))
    if login is None or not login.is_valid:
        return None
    return login.user


def set_active(db: Session, user: User, active: bool) -> None:
    """Enable or disable an account; disabling revokes its logins at once."""
    user.active = active
    if not active:
        for login in user.logins:
            login.revoked_at = login.revoked_at or utcnow()
    db.flush()


def count_users(db: Session) -> int:
    return db.scalar(select(func.count(User.id))) or 0
