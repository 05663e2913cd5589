"""Uploaded images: verified, re-encoded without metadata, limited, rendered for srcset."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from portal import images
from portal.models import Image


def jpeg_with_gps(width=1200, height=800):
    picture = PILImage.new("RGB", (width, height), (0, 90, 112))
    exif = PILImage.Exif()
    exif[0x010F] = "Kamerahersteller"
    exif[0x8825] = {1: "N", 2: (52.0, 28.0, 48.0)}
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


def test_upload_is_reencoded_without_exif_and_rendered_in_widths(db):
    image = Image(file=jpeg_with_gps(), alt_text_de="Menschen im Sprachcafé")
    image.save()
    with image.file.open() as handle:
        stored = PILImage.open(handle)
        assert not stored.getexif()
    assert set(image.renditions) == {"480", "960", "1200"}
    assert all(names["webp"].endswith(".webp") for names in image.renditions.values())
    assert "480w" in image.srcset_webp and "960w" in image.srcset_jpeg


def test_svg_is_refused_with_a_message():
    svg = SimpleUploadedFile("logo.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')
    with pytest.raises(ValidationError) as error:
        images.validate_upload(svg)
    assert error.value.code == "svg"


def test_text_pretending_to_be_a_jpeg_is_refused():
    with pytest.raises(ValidationError) as error:
        images.validate_upload(SimpleUploadedFile("foto.jpg", b"GIF89a nonsense" * 10))
    assert error.value.code == "invalid"


def test_decompression_bomb_is_refused():
    out = io.BytesIO()
    PILImage.new("1", (9000, 9000)).save(out, "PNG")
    with pytest.raises(ValidationError) as error:
        images.validate_upload(SimpleUploadedFile("bombe.png", out.getvalue()))
    assert error.value.code == "pixels"


def test_oversized_file_is_refused():
    big = SimpleUploadedFile("gross.jpg", b"\xff" * (images.MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ValidationError) as error:
        images.validate_upload(big)
    assert error.value.code == "too_large"


def test_staff_downloads_must_be_pdf_by_content():
    from portal.documents import validate_pdf

    validate_pdf(SimpleUploadedFile("flyer.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"))
    for name, content in [("flyer.pdf", b"MZ\x90\x00 not a pdf"), ("flyer.pdf", b"<html><script>x</script>"),
                          ("flyer.pdf", b"%PDF-1.7 but cut off")]:
        with pytest.raises(ValidationError) as error:
            validate_pdf(SimpleUploadedFile(name, content))
        assert error.value.code == "not_pdf"


def test_admin_image_upload_refuses_svg_with_a_message(client, stabsstelle_admin):
    client.force_login(stabsstelle_admin)
    svg = SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', content_type="image/svg+xml")
    response = client.post("/admin/portal/image/add/", {"file": svg, "alt_text_de": "Logo"})
    assert response.status_code == 200
    assert "SVG" in response.content.decode() or "gültiges Bild" in response.content.decode()
    assert Image.objects.count() == 0
