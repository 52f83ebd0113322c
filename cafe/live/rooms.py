"""Room names. Every socket of a session is in `everyone`, plus one of the others."""


def everyone(session_id: int) -> str:
    return f"s{session_id}"


def hosts(session_id: int) -> str:
    """Facilitators and admins: every question and poll, full results."""
    return f"s{session_id}:hosts"


def public(session_id: int) -> str:
    """Participants and the presenter screen: only what the room may see."""
    return f"s{session_id}:public"


def staff(session_id: int) -> str:
    """Hosts who are staff (not guests): private support requests go here."""
    return f"s{session_id}:staff"


def participant(participant_id: int) -> str:
    """One participant's sockets (several tabs or phones share it)."""
    return f"p{participant_id}"


def guest(invite_id: int) -> str:
    """One guest host's sockets, told at once when their link is withdrawn."""
    return f"g{invite_id}"
