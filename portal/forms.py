from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FeedbackTicket
from .spam import HoneypotMixin


class FeedbackForm(HoneypotMixin, forms.ModelForm):
    """Barriere melden: what is wrong where, and optionally how to answer."""

    class Meta:
        model = FeedbackTicket
        fields = ["page_url", "description", "name", "email"]
        labels = {
            "page_url": _("Auf welcher Seite ist die Barriere?"),
            "description": _("Was ist das Problem?"),
            "name": _("Ihr Name (freiwillig)"),
            "email": _("Ihre E-Mail-Adresse (freiwillig)"),
        }
        help_texts = {
            "page_url": _("Die Adresse der Seite oder ihr Titel."),
            "description": _("Beschreiben Sie bitte, was nicht funktioniert und welche Hilfsmittel Sie nutzen."),
            "email": _("Nur wenn Sie eine Antwort möchten."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "page_url": {"required": _("Bitte geben Sie an, auf welcher Seite die Barriere ist.")},
            "description": {"required": _("Bitte beschreiben Sie die Barriere.")},
            "email": {"invalid": _("Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.")},
        }


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=200, required=False)
