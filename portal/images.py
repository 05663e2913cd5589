"""Uploaded images: verification, re-encoding without metadata and responsive renditions.

Every app that accepts pictures (staff admin, partner area) calls `validate_upload` on the uploaded file and
stores it through `portal.models.Image`, which re-encodes and renders it once.
"""

import io
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
RENDITION_WIDTHS = (480, 960, 1600)

# Pillow's own guard against decompression bombs raises an error above twice this value; we refuse earlier.
PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS


def validate_upload(uploaded):
    """Refuse anything that is not a plain raster image of sensible size. Returns the opened PIL image."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(max)s.")
            % {"size": filesizeformat(uploaded.size), "max": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(512)
    uploaded.seek(0)
    if b"<svg" in head.lower() or head.lstrip().startswith(b"<"):
        raise ValidationError(_("SVG- und andere Vektor- oder Textdateien sind nicht erlaubt."), code="svg")
    try:
        with PILImage.open(uploaded) as probe:
            probe.verify()
        uploaded.seek(0)
        image = PILImage.open(uploaded)
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(
                _("Dieses Bildformat wird nicht angenommen. Bitte laden Sie JPEG, PNG, WebP oder GIF hoch."),
                code="format",
            )
        if image.width * image.height > MAX_PIXELS:
            raise PILImage.DecompressionBombError
        image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            _("Das Bild hat zu viele Bildpunkte. Erlaubt sind höchstens %(max)s Megapixel.")
            % {"max": MAX_PIXELS // 1_000_000},
            code="pixels",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Die Datei ist kein gültiges Bild."), code="invalid") from None
    finally:
        uploaded.seek(0)
    return image


def _flatten(image):
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = PILImage.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.split()[-1])
        return background
    return image.convert("RGB")


def reencode(uploaded):
    """A clean JPEG copy of the upload: orientation applied, no EXIF, GPS or other metadata."""
    image = _flatten(validate_upload(uploaded))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    stem = PurePosixPath(getattr(uploaded, "name", "bild") or "bild").stem[:60] or "bild"
    return ContentFile(out.getvalue(), name=f"{stem}.jpg"), image.size


def render_renditions(storage, original_name):
    """Write WebP and JPEG renditions at RENDITION_WIDTHS (never wider than the original).

    Returns {"<width>": {"webp": name, "jpeg": name}} for the model to keep.
    """
    with storage.open(original_name) as handle:
        image = _flatten(PILImage.open(handle))
    stem = str(PurePosixPath(original_name).with_suffix(""))
    renditions = {}
    widths = [w for w in RENDITION_WIDTHS if w < image.width] + [image.width]
    for width in sorted(set(widths)):
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), PILImage.LANCZOS) if width != image.width else image
        names = {}
        for fmt, ext, options in (("WEBP", "webp", {"quality": 80}), ("JPEG", "jpg", {"quality": 82})):
            out = io.BytesIO()
            resized.save(out, fmt, **options)
            names[ext if ext != "jpg" else "jpeg"] = storage.save(f"{stem}-{width}w.{ext}", ContentFile(out.getvalue()))
        renditions[str(width)] = names
    return renditions
