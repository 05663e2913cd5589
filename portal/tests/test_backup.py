"""Backup round trip on PostgreSQL: content in every language and the uploaded images come back."""

import pytest
from django.core.management import call_command
from django.db import connection

from portal.models import Image, Page

from .test_images import jpeg_with_gps


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_language_and_the_images(settings, tmp_path, capsys):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump needs PostgreSQL (CI runs this test there)")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    image = Image(file=jpeg_with_gps(), alt_text_de="Sprachcafé", alt_text_ar="مقهى اللغة")
    image.save()
    Page.objects.create(slug="sicherung", status="published", image=image,
                        **{f"title_{code}": f"Titel {code}" for code in ("de", "en", "uk", "ar", "fa", "ru", "tr")},
                        title_de_x_ls="Titel in Leichter Sprache")
    call_command("backup_check")
    output = capsys.readouterr().out
    assert "every table (all languages) and every media file" in output
    assert "media files compared: 0" not in output
