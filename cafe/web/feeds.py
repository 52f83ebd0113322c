"""The programme as files: an iCalendar event (RFC 5545) and an Atom feed (RFC 4287)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from xml.etree import ElementTree as ET

from ..models import Event, utcnow
from .localtime import local_as_utc

ATOM = "http://www.w3.org/2005/Atom"
PRODID = "-//Cafe//Programme//EN"
_ICS_ESCAPES = (
    ("\\", "\\\\"),
    (";", "\\;"),
    (",", "\\,"),
    ("\r\n", "\\n"),
    ("\n", "\\n"),
)


def ics_calendar(event: Event, *, url: str, host: str) -> bytes:
    """One event, with its agenda in the description, as a .ics file."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.id}@{host}",
        f"DTSTAMP:{_ics_time(utcnow(), utc=True)}",
        f"DTSTART:{_ics_time(event.starts_at)}",
        f"DTEND:{_ics_time(event.ends_at)}",
        f"SUMMARY:{_ics_text(event.title)}",
        f"DESCRIPTION:{_ics_text(_description(event, url))}",
        f"URL:{url}",
    ]
    location = event.place or event.online_url
    if location:
        lines.append(f"LOCATION:{_ics_text(location)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()


def atom_feed(
    events: Sequence[Event],
    *,
    title: str,
    self_url: str,
    page_url: str,
    url_for_event: Callable[[Event], str],
    describe: Callable[[Event], str],
) -> bytes:
    """Upcoming events as Atom entries, each linking to its public page."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page_url)
    updated = max((e.updated_at for e in events), default=utcnow())
    _text(feed, "updated", _atom_time(updated))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "Café")
    for event in events:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", event.title)
        _text(entry, "id", url_for_event(event))
        ET.SubElement(
            entry, f"{{{ATOM}}}link", rel="alternate", href=url_for_event(event)
        )
        _text(entry, "updated", _atom_time(event.updated_at))
        _text(entry, "summary", describe(event))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _description(event: Event, url: str) -> str:
    parts = [event.description] if event.description else []
    agenda = [f"{session_times(s)} {s.title}".strip() for s in event.sessions]
    if agenda:
        parts.append("Agenda:\n" + "\n".join(agenda))
    if event.online_url and event.place:
        parts.append(f"Online: {event.online_url}")
    if event.accessibility_notes:
        parts.append(f"Accessibility: {event.accessibility_notes}")
    parts.append(url)
    return "\n\n".join(parts)


def session_times(session) -> str:
    """ "18:00–19:30", "18:00" or "" for a session's local times."""
    if session.starts_at is None:
        return ""
    if session.ends_at is None:
        return f"{session.starts_at:%H:%M}"
    return f"{session.starts_at:%H:%M}–{session.ends_at:%H:%M}"


def _ics_time(moment: datetime, *, utc: bool = False) -> str:
    """UTC in the basic format; an event's local time is converted first."""
    aware = moment if utc else local_as_utc(moment)
    return f"{aware:%Y%m%dT%H%M%S}Z"


def _ics_text(text: str) -> str:
    for raw, escaped in _ICS_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space, never splitting a letter."""
    parts, current = [], ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _atom_time(utc: datetime) -> str:
    return utc.replace(microsecond=0).isoformat() + "Z"


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element
