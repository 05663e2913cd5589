"""Compile locale/*/LC_MESSAGES/django.po into .mo files with polib: no GNU gettext needed, and the same
bytes on every machine, so a test can tell whether the committed .mo files are current."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.catalogues import catalogues, compiled


class Command(BaseCommand):
    help = "Übersetzt die .po-Dateien unter locale/ in .mo-Dateien (ohne GNU gettext)."

    def handle(self, *args, **options):
        for po_path in catalogues():
            mo_path = po_path.with_suffix(".mo")
            data = compiled(po_path)
            if not mo_path.exists() or mo_path.read_bytes() != data:
                mo_path.write_bytes(data)
                self.stdout.write(f"geschrieben: {Path(mo_path).relative_to(settings.BASE_DIR)}")
