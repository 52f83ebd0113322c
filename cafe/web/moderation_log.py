"""The moderation log of a session as CSV, for staff: who, what, when and why."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response

from ..db import db
from ..domain import moderation
from ..exports.safe_cells import neutralise
from .identity import staff_actor, staff_required

bp = Blueprint("moderation_log", __name__)

HEADER = ("When (UTC)", "Who", "What", "Item", "Why")


@bp.get("/sessions/<int:session_id>/moderation-log.csv")
@staff_required
def download(session_id: int):
    """Every moderation action of the session, naming no participant."""
    rows = moderation.moderation_log(db.session, staff_actor(), session_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in rows:
        cells = (row.at.strftime("%Y-%m-%d %H:%M:%S"), row.who, row.what, row.item)
        writer.writerow([neutralise(c) for c in (*cells, row.why)])
    name = f"moderation-log-session-{session_id}.csv"
    return Response(
        buffer.getvalue().encode("utf-8-sig"),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
