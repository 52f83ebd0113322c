"""Pictures for story posts: real type checked, metadata stripped, size capped."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from cafe.domain import images
from cafe.domain.errors import InvalidInput
from tests.pictures import camera_photo, encode, png


def refusal(data: bytes, **claims) -> str:
    with pytest.raises(InvalidInput) as refused:
        images.prepare_image(data, **claims)
    assert refused.value.field == "image"
    return refused.value.message


def test_a_photo_is_shrunk_to_fit_the_largest_side():
    prepared = images.prepare_image(camera_photo(), claimed_type="image/jpeg")
    assert (prepared.width, prepared.height) == (1280, 853)
    assert prepared.content_type == "image/jpeg"


def test_a_photo_loses_its_camera_and_gps_metadata():
    prepared = images.prepare_image(camera_photo(), filename="me.jpg")
    stored = Image.open(io.BytesIO(prepared.data))
    assert dict(stored.getexif()) == {}
    assert "comment" not in stored.info and "exif" not in stored.info
    assert b"PhoneMaker" not in prepared.data


def test_a_photo_taken_sideways_is_stored_upright():
    prepared = images.prepare_image(camera_photo(orientation=6))
    assert prepared.width < prepared.height


def test_a_small_photo_keeps_its_size():
    prepared = images.prepare_image(camera_photo(width=640, height=480))
    assert (prepared.width, prepared.height) == (640, 480)


def test_a_transparent_png_keeps_its_transparency_as_webp():
    picture = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    prepared = images.prepare_image(encode(picture, "PNG"), claimed_type="image/png")
    stored = Image.open(io.BytesIO(prepared.data))
    assert prepared.content_type == "image/webp"
    assert stored.mode == "RGBA"


def test_a_webp_picture_is_accepted():
    picture = Image.new("RGB", (100, 100), "green")
    prepared = images.prepare_image(encode(picture, "WEBP"), filename="leaf.webp")
    assert prepared.content_type == "image/jpeg"


def test_a_png_that_claims_to_be_a_jpeg_is_refused():
    message = refusal(png(), claimed_type="image/jpeg", filename="holiday.jpg")
    assert "says it is a JPEG picture but it is really a PNG picture" in message


def test_a_jpeg_named_as_a_png_is_refused():
    message = refusal(camera_photo(100, 100), filename="drawing.png")
    assert "says it is a PNG picture but it is really a JPEG picture" in message


def test_a_web_page_named_as_a_photo_is_refused():
    page = b"<html><script>alert(1)</script></html>"
    message = refusal(page, claimed_type="image/jpeg", filename="photo.jpg")
    assert message == images.NOT_A_PICTURE


def test_a_gif_is_refused():
    gif = encode(Image.new("P", (20, 20)), "GIF")
    assert refusal(gif, claimed_type="image/gif") == images.NOT_A_PICTURE


def test_a_file_that_only_begins_like_a_photo_is_refused():
    assert refusal(camera_photo()[:300]) == images.NOT_A_PICTURE


def test_an_empty_file_is_refused():
    assert "empty" in refusal(b"")


def test_a_file_over_the_size_limit_is_refused_with_the_limit():
    message = refusal(b"\xff\xd8" + b"0" * images.MAX_BYTES)
    assert message == "The picture is too large: choose one up to 3 MB."


def test_a_picture_with_too_many_pixels_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 100 * 100)
    message = refusal(camera_photo(200, 100))
    assert "too many pixels" in message


def test_a_picture_whose_header_claims_an_enormous_size_is_refused():
    assert "too many pixels" in refusal(_png_header_claiming(100_000, 100_000))


def _png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a size its data does not have (a "bomb")."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 16)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )
