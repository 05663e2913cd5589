"""Files for downloads (flyers, the Integrationsheft): PDF only, recognised by content, not by name."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024


def validate_pdf(uploaded):
    if uploaded.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(max)s.")
            % {"size": filesizeformat(uploaded.size), "max": filesizeformat(MAX_DOCUMENT_BYTES)},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(1024)
    uploaded.seek(max(uploaded.size - 2048, 0))
    tail = uploaded.read()
    uploaded.seek(0)
    if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise ValidationError(_("Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist keine gültige PDF-Datei."),
                              code="not_pdf")
