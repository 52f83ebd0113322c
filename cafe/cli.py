"""Command line: `cafe create-user`, `cafe demo`, `cafe db upgrade` and Flask's own."""

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
