"""Checking and preparing an uploaded picture for a story post (with Pillow).

The real type is found by decoding the file, never from its name or the type the
browser claims; a file whose claim and content disagree is refused. Accepted
pictures are turned upright, shrunk to fit MAX_SIDE and encoded again, which
leaves every piece of metadata behind (EXIF with its GPS position, comments,
colour profiles).

Pictures are stored in the database rather than in the instance folder: several
workers behind a load balancer share one database but not one disk, a prepared
picture is small (a few hundred kilobytes), and it is deleted, backed up and
erased together with the post it belongs to.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import InvalidInput

MAX_BYTES = 3 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1280
JPEG_QUALITY = 85
# What Pillow calls each accepted format, and the types a browser may claim for it.
FORMATS = {
    "JPEG": ("image/jpeg", {"image/jpeg", "image/jpg", "image/pjpeg"}, {"jpg", "jpeg"}),
    "PNG": ("image/png", {"image/png"}, {"png"}),
    "WEBP": ("image/webp", {"image/webp"}, {"webp"}),
}
NAMES = {"JPEG": "a JPEG", "PNG": "a PNG", "WEBP": "a WebP"}
NOT_A_PICTURE = "This file is not a JPEG, PNG or WebP picture. Choose a photo instead."


@dataclass(frozen=True)
class PreparedImage:
    """A picture ready to store: re-encoded bytes, their type and size in pixels."""

    data: bytes
    content_type: str
    width: int
    height: int


def prepare_image(
    data: bytes, *, claimed_type: str = "", filename: str = ""
) -> PreparedImage:
    """Check an upload and return it cleaned and resized.

    Raises InvalidInput (field "image") for a file that is empty, too large, not
    a JPEG, PNG or WebP picture, has too many pixels, or claims to be a type of
    picture it is not.
    """
    if not data:
        raise InvalidInput("The picture file is empty.", field="image")
    if len(data) > MAX_BYTES:
        raise InvalidInput(too_large_message(), field="image")
    image = _open(data)
    _check_claim(image.format, claimed_type, filename)
    try:
        return _encode(_upright_and_small(image))
    except (OSError, ValueError):
        raise InvalidInput(NOT_A_PICTURE, field="image") from None


def too_large_message() -> str:
    return (
        f"The picture is too large: choose one up to {MAX_BYTES // (1024 * 1024)} MB."
    )


def _open(data: bytes) -> Image.Image:
    """Decode the whole file, refusing anything but the accepted formats."""
    with warnings.catch_warnings():
        # Pillow warns, then fails, on pictures with enormous pixel counts.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(FORMATS))
            if image.width * image.height > MAX_PIXELS:
                raise InvalidInput(_too_many_pixels(), field="image")
            image.load()
        except InvalidInput:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise InvalidInput(_too_many_pixels(), field="image") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise InvalidInput(NOT_A_PICTURE, field="image") from None
    return image


def _too_many_pixels() -> str:
    return (
        "The picture has too many pixels. Choose a smaller one, such as a phone photo."
    )


def _check_claim(found: str | None, claimed_type: str, filename: str) -> None:
    """Refuse a file whose type or name says it is another kind of picture."""
    _, types, extensions = FORMATS[found or ""]
    claimed = claimed_type.split(";")[0].strip().lower()
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if (claimed and claimed != "application/octet-stream" and claimed not in types) or (
        extension and extension not in extensions
    ):
        raise InvalidInput(
            f"This file says it is {_claimed_name(claimed, extension)} but it is "
            f"really {NAMES[found or '']} picture. Save it again as the type it is "
            "and try once more.",
            field="image",
        )


def _claimed_name(claimed: str, extension: str) -> str:
    for name, (_, types, extensions) in FORMATS.items():
        if claimed in types or extension in extensions:
            return NAMES[name] + " picture"
    return f"a “{extension or claimed}” file"


def _upright_and_small(image: Image.Image) -> Image.Image:
    """The first frame, turned as the camera meant, fitting within MAX_SIDE."""
    image.seek(0)
    upright = ImageOps.exif_transpose(image)
    has_alpha = "A" in upright.getbands() or "transparency" in upright.info
    converted = upright.convert("RGBA" if has_alpha else "RGB")
    converted.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    converted.info.clear()  # nothing of the original file is carried over
    return converted


def _encode(image: Image.Image) -> PreparedImage:
    """JPEG for photos; WebP keeps transparency. No metadata is passed on."""
    out = io.BytesIO()
    if image.mode == "RGBA":
        image.save(out, format="WEBP", quality=JPEG_QUALITY)
        content_type = "image/webp"
    else:
        image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        content_type = "image/jpeg"
    return PreparedImage(out.getvalue(), content_type, image.width, image.height)
