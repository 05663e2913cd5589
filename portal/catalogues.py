"""The gettext catalogues of the project (UI strings) and their compiled form."""

import tempfile
from pathlib import Path

import polib
from django.conf import settings


def catalogues():
    """Every django.po under the project's LOCALE_PATHS."""
    return sorted(path for root in settings.LOCALE_PATHS for path in Path(root).glob("*/LC_MESSAGES/django.po"))


def compiled(po_path):
    """The .mo bytes for a .po file (deterministic)."""
    catalogue = polib.pofile(str(po_path))
    with tempfile.NamedTemporaryFile(suffix=".mo") as handle:
        catalogue.save_as_mofile(handle.name)
        return Path(handle.name).read_bytes()
