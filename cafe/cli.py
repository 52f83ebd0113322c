"""Command line: `cafe create-user`, `cafe demo`, `cafe purge`, `cafe db upgrade` and
Flask's own."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import FlaskGroup

from .db import db
from .domain import users
from .domain.errors import DomainError
from .models import StaffRole


def init_app(app: Flask) -> None:
    app.cli.add_command(create_user_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(purge_command)


@click.command("create-user")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice([r.value for r in StaffRole]),
    required=True,
    help="What the user may do.",
)
@click.option("--name", default="", help="Display name shown to colleagues.")
def create_user_command(email: str, role: str, name: str) -> None:
    """Create a staff user; the password is read from a prompt or from stdin."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        with db.session_scope() as session:
            user = users.create_user(session, email, password, role, name)
            click.echo(f"Created {user.role.value} {user.email}.")
    except DomainError as error:
        raise click.ClickException(error.message) from None


def _create_app():
    from . import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main() -> None:
    """Café: live consultation sessions and café events."""


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if staff users exist.")
def demo_command(if_empty: bool) -> None:
    """Load the demo: a café series, events, sessions, questions and polls."""
    from .domain.demo import DEMO_PASSWORD, DEMO_STAFF, load_demo

    with db.session_scope() as session:
        if if_empty and users.count_users(session):
            click.echo("The database already has users; the demo was not loaded.")
            if users.find_user(session, DEMO_STAFF[0][0]):
                _print_logins([(e, r, DEMO_PASSWORD) for e, r, _ in DEMO_STAFF])
            return
        try:
            logins = load_demo(session)
        except DomainError as error:
            raise click.ClickException(error.message) from None
    click.echo("Demo loaded.")
    _print_logins(logins)


def _print_logins(logins) -> None:
    click.echo("Demo staff logins:")
    for email, role, password in logins:
        click.echo(f"  {role:<13} {email}  password: {password}")


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="List what would go; delete nothing.")
def purge_command(dry_run: bool) -> None:
    """Delete free text and participant records of events past their retention."""
    from .domain import retention
    from .models import utcnow
    from .schedule import run_purge

    if dry_run:
        with db.session_scope() as session:
            plans = retention.plan_purge(session, utcnow())
    else:
        plans = run_purge()
    if not plans:
        click.echo("Nothing is due.")
    for plan in plans:
        counts = ", ".join(
            f"{name.replace('_', ' ')} {n}" for name, n in plan.counts.items() if n
        )
        verb = "Would remove" if dry_run else "Removed"
        event = f"event {plan.event_id} “{plan.title}”"
        click.echo(f"{verb} from {event} (due {plan.due_since:%Y-%m-%d}): {counts}")
