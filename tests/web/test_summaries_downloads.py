"""What a download looks like: the right file, never cached, never shown inline."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from cafe.models import AuditEntry
from tests.exports.factories import sign_in_as, small_world


@pytest.fixture
def world(store):
    return small_world(store)


@pytest.fixture
def staff(client, store):
    sign_in_as(client, store, "commissioner")
    return client


@pytest.mark.parametrize(
    ("fmt", "media_type", "extension"),
    [
        ("csv", "application/zip", "csv.zip"),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        ("pdf", "application/pdf", "pdf"),
        ("json", "application/json", "json"),
    ],
)
def test_a_download_is_an_uncached_attachment_of_the_right_type(
    staff, world, fmt, media_type, extension
):
    response = staff.get(f"/summaries/events/{world.closed.id}/summary.{fmt}")
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="cafe-event-{world.closed.id}-summary.{extension}"'
    )


def test_the_pdf_is_a_pdf(staff, world):
    body = staff.get(f"/summaries/sessions/{world.live.id}/summary.pdf").data
    assert body.startswith(b"%PDF-")


def test_the_csv_zip_holds_csv_files(staff, world):
    body = staff.get(f"/summaries/sessions/{world.live.id}/summary.csv").data
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert "data_dictionary.csv" in archive.namelist()
        assert all(name.endswith(".csv") for name in archive.namelist())


def test_the_workbook_opens(staff, world):
    body = staff.get(f"/summaries/series/{world.series.id}/summary.xlsx").data
    assert load_workbook(io.BytesIO(body)).sheetnames[0] == "About this data"


def test_the_json_is_the_session_summary(staff, world):
    data = staff.get(f"/summaries/sessions/{world.live.id}/summary.json").get_json()
    assert data["title"] == "Open floor: summary"
    assert data["k"] == 5


def test_the_threshold_comes_from_the_configuration(app, staff, world):
    app.config["SUMMARY_MIN_COUNT"] = 10
    data = staff.get(f"/summaries/sessions/{world.live.id}/summary.json").get_json()
    assert data["k"] == 10
    assert "below 10" in data["suppression_rule"]


def test_each_download_is_written_to_the_audit_log(staff, world, store):
    staff.get(f"/summaries/events/{world.closed.id}/summary.json")
    store.expire_all()
    entry = store.query(AuditEntry).filter_by(action="summary.download").one()
    assert (entry.target_type, entry.target_id, entry.details) == (
        "events",
        world.closed.id,
        {"format": "json"},
    )


def test_the_event_page_links_every_format_for_the_event_and_its_sessions(staff, world):
    page = staff.get(f"/summaries/events/{world.closed.id}").get_data(as_text=True)
    for fmt in ("csv", "xlsx", "pdf", "json"):
        assert f"/summaries/events/{world.closed.id}/summary.{fmt}" in page
        assert f"/summaries/sessions/{world.live.id}/summary.{fmt}" in page
