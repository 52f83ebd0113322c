"""Sample pictures made with Pillow, for the image checks at every tier."""

from __future__ import annotations

import io

from PIL import Image

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def camera_photo(width=3000, height=2000, orientation=1) -> bytes:
    """A JPEG as a phone writes it: camera make, GPS position and a comment."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (53.0, 48.0, 0.0), 3: "W", 4: (1.0, 33.0, 0.0)}
    photo = Image.new("RGB", (width, height), (200, 120, 40))
    return encode(photo, "JPEG", exif=exif, comment=b"taken at home")


def png(width=50, height=50) -> bytes:
    return encode(Image.new("RGB", (width, height), "blue"), "PNG")
