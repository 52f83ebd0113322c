"""docs/protocol.md names exactly the events the code handles and sends."""

import re
from pathlib import Path

from cafe.live.dispatch import HANDLERS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "protocol.md").read_text()


def _section(title: str) -> str:
    """The event table of a section: the text up to its first blank-line gap."""
    section = DOC.split(f"## {title}")[1].split("\n## ")[0]
    return section.split("\n\n`")[0]


def _table_events(section: str) -> set[str]:
    return set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))


def _emitted_in_code() -> set[str]:
    names = set()
    for path in (ROOT / "cafe" / "live").glob("*.py"):
        text = path.read_text()
        names |= set(re.findall(r'(?:emit|ctx\.emit)\(\s*"([a-z_]+)"', text))
    return names


def test_every_client_event_in_the_code_is_documented_and_vice_versa():
    assert _table_events(_section("Client → server")) == set(HANDLERS)


def test_every_server_event_sent_is_documented_and_vice_versa():
    assert _table_events(_section("Server → client")) == _emitted_in_code()
