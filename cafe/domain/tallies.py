"""Poll results: the full tally for hosts and what a poll lets others see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    Poll,
    PollKind,
    PollResponse,
    PollStatus,
    ResponseStatus,
    ResultsVisibility,
    RevealMode,
)

MAX_WORDS = 50


def word_key(text: str) -> str:
    """How a word-cloud answer is counted: lower case, single spaces, trimmed."""
    return " ".join(text.lower().split())


def full_results(poll: Poll, responses: Sequence[PollResponse]) -> dict[str, Any]:
    """Every result of a poll, as a host sees it."""
    results: dict[str, Any] = {
        "n": len(responses),
        "shown": True,
        "withheld_reason": None,
    }
    results.update(_BY_KIND[poll.kind](poll, responses))
    return results


def public_results(
    poll: Poll, full: dict[str, Any], *, present: int | None = None
) -> dict[str, Any]:
    """What participants and the presenter screen may see of a poll's results.

    present is how many participants are connected now: a poll that waits for
    everyone shows its results once that many have answered (or a host reveals
    them). Held, hidden and original texts never appear here.
    """
    reason = _withheld_reason(poll, full["n"], present)
    if reason is not None:
        return {"n": full["n"], "shown": False, "withheld_reason": reason}
    if poll.kind == PollKind.WORD_CLOUD:
        return {k: v for k, v in full.items() if k != "entries"}
    if poll.kind != PollKind.OPEN_TEXT:
        return dict(full)
    visible = [
        {"id": a["id"], "text": a["text"]}
        for a in full["answers"]
        if a["status"] == ResponseStatus.VISIBLE.value
    ]
    return {**full, "answers": visible}


def results_for_poll(db: Session, poll: Poll) -> dict[str, Any]:
    """The full results of a poll, loading its responses."""
    stmt = (
        select(PollResponse)
        .where(PollResponse.poll_id == poll.id)
        .order_by(PollResponse.id)
    )
    return full_results(poll, list(db.scalars(stmt)))


def _withheld_reason(poll: Poll, n: int, present: int | None) -> str | None:
    if poll.results_visibility == ResultsVisibility.HIDDEN:
        return "hidden"
    closed = poll.status == PollStatus.CLOSED
    if poll.results_visibility == ResultsVisibility.AFTER_CLOSE and not closed:
        return "after_close"
    if n < poll.min_responses:
        return "too_few"
    if _waits_for_everyone(poll) and not (present and n >= present):
        return "waiting_for_everyone"
    return None


def _waits_for_everyone(poll: Poll) -> bool:
    return poll.reveal_mode == RevealMode.EVERYONE_ANSWERED and poll.revealed_at is None


def _percent(count: int, n: int) -> float:
    return round(100 * count / n, 1) if n else 0.0


def _choices(poll: Poll, responses: Sequence[PollResponse]) -> dict[str, Any]:
    counts = Counter(i for r in responses for i in set(r.option_ids or ()))
    n = len(responses)
    options = [
        {
            "id": o.id,
            "label": o.label,
            "count": counts[o.id],
            "percent": _percent(counts[o.id], n),
        }
        for o in poll.options
    ]
    return {"options": options}


def _rating(poll: Poll, responses: Sequence[PollResponse]) -> dict[str, Any]:
    ratings = [r.rating for r in responses if r.rating is not None]
    counts = Counter(ratings)
    average = round(sum(ratings) / len(ratings), 2) if ratings else None
    top = poll.scale_max or 5
    distribution = [{"value": v, "count": counts[v]} for v in range(1, top + 1)]
    return {"average": average, "distribution": distribution}


def _word_cloud(poll: Poll, responses: Sequence[PollResponse]) -> dict[str, Any]:
    """Words the room sees; hosts also get each entry held, hidden or redacted."""
    shown = [r for r in responses if r.text and r.status == ResponseStatus.VISIBLE]
    counts = Counter(word_key(r.text) for r in shown)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    results: dict[str, Any] = {
        "words": [{"word": w, "count": c} for w, c in ranked[:MAX_WORDS]]
    }
    entries = [
        _text_row(r)
        for r in sorted(responses, key=lambda r: r.id)
        if r.text and (r.status != ResponseStatus.VISIBLE or _original(r))
    ]
    if entries:
        results["entries"] = entries
    return results


def _open_text(poll: Poll, responses: Sequence[PollResponse]) -> dict[str, Any]:
    answers = [_text_row(r) for r in sorted(responses, key=lambda r: r.id)]
    return {"answers": answers}


def _text_row(response: PollResponse) -> dict[str, Any]:
    """A text answer for hosts: as shown, its status, and (only when it applies)
    the original before redaction and a needs-care flag."""
    row = {"id": response.id, "text": response.text, "status": response.status.value}
    if _original(response):
        row["original"] = _original(response)
    if getattr(response, "needs_care", False):
        row["needs_care"] = True
    return row


def _original(response: PollResponse) -> str | None:
    return getattr(response, "original_text", None)


def _ranking(poll: Poll, responses: Sequence[PollResponse]) -> dict[str, Any]:
    """Borda count: of k options, the first gets k-1 points and the last none."""
    k = len(poll.options)
    index = {o.id: i for i, o in enumerate(poll.options)}
    borda = [0] * k
    positions = [[0] * k for _ in range(k)]
    for response in responses:
        order = [i for i in response.option_ids or () if i in index][:k]
        for place, option_id in enumerate(order):
            borda[index[option_id]] += k - 1 - place
            positions[index[option_id]][place] += 1
    options = [
        {"id": o.id, "label": o.label, "borda": borda[i], "positions": positions[i]}
        for i, o in enumerate(poll.options)
    ]
    return {"options": options}


_BY_KIND = {
    PollKind.SINGLE: _choices,
    PollKind.MULTIPLE: _choices,
    PollKind.RATING: _rating,
    PollKind.WORD_CLOUD: _word_cloud,
    PollKind.OPEN_TEXT: _open_text,
    PollKind.RANKING: _ranking,
}
