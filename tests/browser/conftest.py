"""A real browser (Debian's chromium through Playwright) against a served app.

The app is served from a thread for the whole run; each test arranges its own
event and session through the domain API, so tests do not share data.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from cafe.domain import events, participants, polls, questions, sessions, users
from cafe.domain.actors import Actor
from cafe.models import Base, LiveSession, User
from tests.conftest import PASSWORD

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CAFE_CHROMIUM", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the app did not start on port {port}")


@dataclass
class Server:
    app: object
    url: str

    def db(self):
        """A session on the served app's database, for arranging data."""
        from cafe.db import db

        return db.factory()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Server:
    from cafe import create_app
    from cafe.db import db
    from cafe.extensions import socketio

    path = tmp_path_factory.mktemp("browser") / "cafe.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "ASYNC_MODE": "threading",
            "DATABASE_URL": f"sqlite:///{path}",
            "SECRET_KEY": "browser-test-secret-key-0123456789",
            "WTF_CSRF_ENABLED": True,
            "RATELIMIT_ENABLED": False,
        }
    )
    Base.metadata.create_all(db.engine)
    port = _free_port()
    thread = threading.Thread(
        target=socketio.run,
        args=(app,),
        kwargs={
            "host": "127.0.0.1",
            "port": port,
            "allow_unsafe_werkzeug": True,
            "use_reloader": False,
            "log_output": False,
        },
        daemon=True,
    )
    thread.start()
    _wait_until_listening(port)
    return Server(app, f"http://127.0.0.1:{port}")


@pytest.fixture(scope="session")
def base_url(server) -> str:
    """pytest-playwright resolves relative page.goto() addresses against this."""
    return server.url


@dataclass
class Setup:
    """One test's data: a facilitator and a live session of a published event."""

    server: Server
    facilitator: User
    email: str
    live: LiveSession

    @property
    def actor(self) -> Actor:
        return Actor.staff(self.facilitator)

    @property
    def code(self) -> str:
        return self.live.join_code

    def add_poll(self, **draft) -> int:
        """Create and open a poll; results show from the first answer."""
        with self.server.app.app_context():
            store = self.server.db()
            draft = {"min_responses": 0, **draft}
            poll = polls.create_poll(
                store, self.actor, self.live.id, polls.PollDraft.from_dict(draft)
            )
            polls.open_poll(store, self.actor, poll.id)
            store.commit()
            store.close()
            return poll.id

    def premoderate(self) -> None:
        """Hold new questions for a host's approval."""
        with self.server.app.app_context():
            store = self.server.db()
            details = sessions.SessionDetails(self.live.title, moderation_mode="pre")
            sessions.update_session(store, self.actor, self.live.id, details)
            store.commit()
            store.close()

    def ask(self, body: str, name: str | None = None) -> int:
        """A question from another participant, who joined through the domain."""
        with self.server.app.app_context():
            store = self.server.db()
            live = store.get(LiveSession, self.live.id)
            participant, _token = participants.join(store, live)
            participants.set_profile(store, participant, name, None, [])
            question = questions.ask_question(store, participant, body)
            store.commit()
            store.close()
            return question.id


_counter = iter(range(1, 10_000))


@pytest.fixture
def setup(server) -> Setup:
    """A new facilitator and a live session, just for this test."""
    n = next(_counter)
    email = f"fac{n}@example.org"
    with server.app.app_context():
        store = server.db()
        user = users.create_user(store, email, PASSWORD, "facilitator", f"Fran {n}")
        actor = Actor.staff(user)
        event = events.create_event(
            store,
            actor,
            events.EventDetails(
                f"Recovery café {n}", datetime(2030, 6, 1, 18), datetime(2030, 6, 1, 20)
            ),
        )
        events.change_event_status(store, actor, event.id, "publish")
        live = sessions.create_session(
            store, actor, event.id, sessions.SessionDetails(f"Open forum {n}")
        )
        sessions.change_session_state(store, actor, live.id, "start")
        store.commit()
        store.close()
    return Setup(server, user, email, live)


class PageWatch:
    """Console errors, uncaught exceptions, CSP violations and dialogs of a page."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self, *, allow: str | None = None) -> None:
        """No error, no dialog; `allow` names one expected error (a refused post)."""
        assert [e for e in self.errors if not (allow and allow in e)] == []
        assert self.dialogs == []


# Chromium logs CSP refusals as console errors; this makes sure each one is seen.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def person(browser, base_url):
    """A browser of its own (its own cookies), as another person would have."""
    contexts = []

    def make(**options) -> tuple[Page, PageWatch]:
        context = browser.new_context(base_url=base_url, **options)
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        page = context.new_page()
        return page, PageWatch(page)

    yield make
    for context in contexts:
        context.close()


def sign_in(page: Page, email: str) -> None:
    """Through the real sign-in page."""
    page.goto("/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def join(page: Page, code: str, name: str | None = None) -> None:
    """Through the real join pages, to the session's live page."""
    page.goto(f"/j/{code}")
    if name:
        page.get_by_label("Name to show (optional)").fill(name)
        page.get_by_role("button", name="Continue").click()
    else:
        page.get_by_role("button", name="Skip").click()
    page.get_by_role("link", name="Go to the session").click()
    expect(page).to_have_url(re.compile(f"/s/{code}"))


@pytest.fixture
def staff(person, setup):
    """The facilitator's browser, signed in through the real sign-in page."""
    page, watch = person()
    sign_in(page, setup.email)
    watch.assert_clean()
    return page.context


def open_watched(context, url: str, root: str) -> tuple[Page, PageWatch]:
    """A page of a browser, once its script shows the server's state."""
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(url)
    expect(page.locator(root)).to_have_attribute("data-synced", "true")
    return page, watch


def presenter(staff, setup) -> tuple[Page, PageWatch]:
    return open_watched(staff, f"/present/sessions/{setup.live.id}", "#present")


def console(staff, setup) -> tuple[Page, PageWatch]:
    return open_watched(staff, f"/console/sessions/{setup.live.id}", "#console")


def phone(person, setup, name=None, **options):
    """A participant's page, joined through the join pages, once it is live."""
    page, watch = person(**options)
    join(page, setup.code, name)
    expect(page.locator("#participant")).to_have_attribute("data-synced", "true")
    return page, watch
